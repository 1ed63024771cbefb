"""Every button's callback data. Enum fields make a forged value fail to unpack, so no handler
matches it and the fallback answers "Ce bouton n'est plus valable"; so do integers beyond a
database integer's range (PostgreSQL refuses them in a query instead of finding no row)."""

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from assemblee.annonces import GenreAudience
from assemblee.modeles import (
    ChoixReponse,
    ChoixRevue,
    FrequenceRevue,
    Langue,
    RaisonAbsence,
    TypeSeance,
    TypeSondage,
)

Entier = Annotated[int, Field(ge=-(2**31), lt=2**31)]
# An instant in whole seconds since 1970 (UTC): beyond 2038, so not an `Entier`.
Instant = Annotated[int, Field(ge=0, lt=2**40)]


class Choix(StrEnum):
    OUI = "oui"
    NON = "non"


class ConsentementCb(CallbackData, prefix="cs"):
    choix: Choix


class LangueCb(CallbackData, prefix="lg"):
    langue: Langue


class SuppressionCb(CallbackData, prefix="sup"):
    choix: Choix


class AudienceCb(CallbackData, prefix="au"):
    genre: GenreAudience
    valeur: str  # a group's slug or a role: never contains ':'


class EnvoiChoix(StrEnum):
    ENVOYER = "envoyer"
    URGENT = "urgent"
    ANNULER = "annuler"


class EnvoiAnnonceCb(CallbackData, prefix="an"):
    choix: EnvoiChoix


class OrigineReponse(StrEnum):
    RAPPEL = "r"  # a reminder, a change notice or a nudge: its last line shows the answer
    AGENDA = "a"  # the /agenda list: re-rendered whole


class ReponseCb(CallbackData, prefix="rp"):
    """Under every reminder, change notice and nudge (drawn by claviers.reponse when the
    outbox sends them), and in /agenda."""

    seance_id: Entier
    choix: ChoixReponse
    origine: OrigineReponse


class RaisonCb(CallbackData, prefix="ra"):
    seance_id: Entier
    raison: RaisonAbsence


class ActionSeance(StrEnum):
    PRESENCES = "pr"
    RELANCER = "re"
    EMARGEMENT = "em"
    MODIFIER = "mo"
    ANNULER = "an"
    ANNULER_OK = "ok"


class GestionCb(CallbackData, prefix="gs"):
    seance_id: Entier
    action: ActionSeance


class EmargementCb(CallbackData, prefix="em"):
    """Carries the state it sets (present or absent), never "the other one": a stale list or
    a replayed tap sets what its button says."""

    seance_id: Entier
    membre_id: Entier
    page: Entier
    present: bool


class PageEmargementCb(CallbackData, prefix="ep"):
    seance_id: Entier
    page: Entier


class TypeCb(CallbackData, prefix="ty"):
    type: TypeSeance


class GroupeCb(CallbackData, prefix="gr"):
    groupe_id: Entier  # 0: the whole assembly


class ChampSeance(StrEnum):
    TITRE = "titre"
    DEBUT = "debut"
    FIN = "fin"
    LIEU = "lieu"
    LIEN = "lien"


class ChampCb(CallbackData, prefix="ch"):
    seance_id: Entier
    champ: ChampSeance


class EtapeCb(CallbackData, prefix="et"):
    """ "Passer" (skip an optional step) and the final confirmation of a new séance."""

    action: EnvoiChoix


class CalendrierCb(CallbackData, prefix="ca"):
    revoquer: bool


class DecisionSujet(StrEnum):
    ACCEPTER = "ac"
    FUSIONNER = "fu"
    DECLINER = "de"


class SujetCb(CallbackData, prefix="su"):
    sujet_id: Entier
    decision: DecisionSujet


class FusionCb(CallbackData, prefix="sf"):
    sujet_id: Entier
    cible_id: Entier


class VoteCb(CallbackData, prefix="vo"):
    """A ballot's buttons (claviers.bulletin). It names the poll, never the ballot: the bot
    finds the tapping member's own ballot (assemblee/vote_secret.md)."""

    sondage_id: Entier
    option: Entier
    valeur: Entier


class NavigationCb(CallbackData, prefix="vn"):
    sondage_id: Entier
    option: Entier


class SujetChoixCb(CallbackData, prefix="sc"):
    sujet_id: Entier


class TypeSondageCb(CallbackData, prefix="ts"):
    type: TypeSondage


class DelaiCb(CallbackData, prefix="dl"):
    jours: Entier


class AnonymeCb(CallbackData, prefix="am"):
    anonyme: bool


class ActionSondage(StrEnum):
    VOIR = "v"
    CSV = "c"
    CLORE = "x"


class SondageCb(CallbackData, prefix="so"):
    sondage_id: Entier
    action: ActionSondage


# --- veille citoyenne (curation, sources, digest preferences) ----------------------------------


class ActionCuration(StrEnum):
    GARDER = "g"
    A_LA_UNE = "u"
    ECARTER = "e"
    SUJET = "s"
    NOTE = "n"


class CurationCb(CallbackData, prefix="vc"):
    article_id: Entier
    groupe_id: Entier
    action: ActionCuration


class ActionSource(StrEnum):
    RETIRER = "r"
    REACTIVER = "a"


class SourceCb(CallbackData, prefix="vsrc"):
    source_id: Entier
    action: ActionSource


class RevueCb(CallbackData, prefix="vrv"):
    revue: ChoixRevue


class FrequenceRevueCb(CallbackData, prefix="vrf"):
    frequence: FrequenceRevue


class ApercuRevueCb(CallbackData, prefix="vra"):
    """/revue (staff): preview a group's next digest."""

    groupe_id: Entier


class EnvoiRevueCb(CallbackData, prefix="vre"):
    """Under a digest's preview: send it now, or not. `jusqua` is the preview's instant
    (veille.revue.Apercu.jusqua): what is sent is what was shown, and a second tap sends
    nothing more."""

    groupe_id: Entier
    jusqua: Instant
    envoyer: bool


class RangerCb(CallbackData, prefix="vrg"):
    """Staff file an article no keyword matched in a group (/veille)."""

    article_id: Entier
    groupe_id: Entier


class ActionDroits(StrEnum):
    MEMBRE = "m"  # make them a member
    ANIMATEUR = "a"  # make them a facilitator
    AJOUTER = "ga"  # add the group `groupe_id` (the button carries the intended state)
    RETIRER = "gr"  # remove the group `groupe_id`
    DEPART = "d"  # ask to confirm their departure
    CONFIRMER_DEPART = "dc"
    FICHE = "f"  # back to their card


class DroitsCb(CallbackData, prefix="dr"):
    membre_id: Entier
    action: ActionDroits
    groupe_id: Entier = 0
