"""Quick polls to prioritise topics: launched by a facilitator, ballots through the outbox,
votes changeable until the close, results to the audience as a text and a picture.

Anonymity: an anonymous poll's ballot carries no member, only the hash of a secret token;
the token lives in the member's ballot message (the outbox forgets it once the message is
delivered), so no query on the database can tell what a member voted. A separate register
(`Votant`) says who may vote and who has, without any timestamp to match the two.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, membres, scrutins
from assemblee.dates import date_longue
from assemblee.envois import Contenu, NouvelEnvoi
from assemblee.groupes import normaliser
from assemblee.modeles import (
    Appartenance,
    Bulletin,
    Groupe,
    Membre,
    NatureEnvoi,
    OptionSondage,
    Piece,
    Role,
    Sondage,
    StatutMembre,
    TypeSondage,
    Votant,
    Vote,
)
from assemblee.textes import Catalogue, Html, Traducteur, visible

OPTIONS_MIN, OPTIONS_MAX = 2, 10
LONGUEUR_MAX_QUESTION = 300
LONGUEUR_MAX_OPTION = 200
DUREE_MAX = timedelta(days=60)
LONGUEUR_MAX_LEGENDE = 1024
NOTE_MAX = 5  # majority judgment grades: 5 Excellent … 0 Insuffisant
NOMINATIF = "m"  # stands for the token in a named poll's buttons
PREFIXE_VOTE, PREFIXE_NAVIGATION = "vo", "vn"  # commandes.callbacks packs the same (tested)


class ErreurSondage(Exception):
    """`code` names the catalogue text (key "sondage-erreur", selector)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Brouillon:
    question: str
    type: TypeSondage
    options: list[str]
    ferme_le: datetime
    groupe_id: int | None = None
    anonyme: bool = True
    max_choix: int | None = None
    sujets: list[int | None] = field(default_factory=list)  # the topic behind each option


def verifier(brouillon: Brouillon, maintenant: datetime) -> Brouillon:
    question = " ".join(brouillon.question.split())
    options = [" ".join(o.split()) for o in brouillon.options]
    options = [o for o in options if o]
    if not question:
        raise ErreurSondage("question-vide")
    if len(question) > LONGUEUR_MAX_QUESTION:
        raise ErreurSondage("question-longue")
    if not OPTIONS_MIN <= len(options) <= OPTIONS_MAX:
        raise ErreurSondage("options-nombre")
    if any(len(o) > LONGUEUR_MAX_OPTION for o in options):
        raise ErreurSondage("option-longue")
    if len({normaliser(o) for o in options}) != len(options):
        raise ErreurSondage("option-doublon")
    if brouillon.ferme_le <= maintenant:
        raise ErreurSondage("ferme-passe")
    if brouillon.ferme_le - maintenant > DUREE_MAX:
        raise ErreurSondage("ferme-loin")
    max_choix = brouillon.max_choix if brouillon.type == TypeSondage.MULTIPLE else None
    if max_choix is not None and not 1 <= max_choix <= len(options):
        raise ErreurSondage("max-choix")
    sujets: list[int | None] = (
        brouillon.sujets if len(brouillon.sujets) == len(options) else [None] * len(options)
    )
    return Brouillon(
        question=question,
        type=brouillon.type,
        options=options,
        ferme_le=brouillon.ferme_le,
        groupe_id=brouillon.groupe_id,
        anonyme=brouillon.anonyme,
        max_choix=max_choix,
        sujets=sujets,
    )


def hacher(jeton: str) -> str:
    return hashlib.sha256(jeton.encode()).hexdigest()


async def inscrits(session: AsyncSession, groupe_id: int | None) -> list[Membre]:
    """Who votes: the members (of the group, or of the whole assembly) the bot can reach."""
    requete = (
        select(Membre)
        .where(Membre.role == Role.MEMBRE)
        .where(Membre.statut == StatutMembre.ACTIF)
        .where(col(Membre.telegram_id).is_not(None))
        .where(col(Membre.consentement_le).is_not(None))
    )
    if groupe_id is not None:
        requete = requete.join(Appartenance, col(Appartenance.membre_id) == col(Membre.id)).where(
            Appartenance.groupe_id == groupe_id
        )
    return list((await session.exec(requete.order_by(col(Membre.id)))).all())


async def options_de(session: AsyncSession, sondage_id: int) -> list[OptionSondage]:
    requete = (
        select(OptionSondage)
        .where(OptionSondage.sondage_id == sondage_id)
        .order_by(col(OptionSondage.ordre))
    )
    return list((await session.exec(requete)).all())


async def lancer(
    session: AsyncSession,
    brouillon: Brouillon,
    *,
    auteur: Membre | None,
    maintenant: datetime,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
) -> tuple[Sondage, int]:
    """Record the poll and queue one ballot per member who may vote, in one transaction."""
    if auteur is not None and not await membres.peut_gerer(session, auteur, brouillon.groupe_id):
        raise ErreurSondage("groupe" if brouillon.groupe_id is None else "interdit")
    ok = verifier(brouillon, maintenant)
    votants = await inscrits(session, ok.groupe_id)
    if not votants:
        raise ErreurSondage("personne")
    sondage = Sondage(
        question=ok.question,
        type=ok.type,
        max_choix=ok.max_choix,
        groupe_id=ok.groupe_id,
        anonyme=ok.anonyme,
        auteur_id=auteur.id if auteur else None,
        cree_le=maintenant,
        ferme_le=ok.ferme_le,
    )
    session.add(sondage)
    await session.flush()
    assert sondage.id is not None
    options = [
        OptionSondage(sondage_id=sondage.id, ordre=i, texte=texte, sujet_id=sujet)
        for i, (texte, sujet) in enumerate(zip(ok.options, ok.sujets, strict=True))
    ]
    session.add_all(options)
    session.add_all([Votant(sondage_id=sondage.id, membre_id=m.id or 0) for m in votants])
    if ok.anonyme:
        jetons = [secrets.token_urlsafe(12) for _ in votants]
        # Ballots are created in an order unrelated to the members' (no id to match).
        melanges = jetons[:]
        random.SystemRandom().shuffle(melanges)
        session.add_all([Bulletin(sondage_id=sondage.id, jeton_hash=hacher(j)) for j in melanges])
    else:
        jetons = [NOMINATIF] * len(votants)
        session.add_all([Bulletin(sondage_id=sondage.id, membre_id=m.id) for m in votants])
    await session.flush()
    nouveaux = []
    for membre, jeton in zip(votants, jetons, strict=True):
        t = catalogue.pour(membre.langue)
        texte, clavier = rendu_bulletin(sondage, options, {}, 0, jeton, t, fuseau)
        nouveaux.append(
            NouvelEnvoi(
                cle=f"bulletin:{sondage.id}:{membre.id}",
                membre_id=membre.id or 0,
                contenu=Contenu(texte=texte, clavier=clavier),
                du_le=maintenant,
                expire_le=ok.ferme_le,
                ephemere=ok.anonyme,
            )
        )
    await envois.mettre_en_file_lot(session, nouveaux)
    await session.commit()
    return sondage, len(votants)


# --- Ballots -------------------------------------------------------------------------------------


def _donnees(prefixe: str, sondage_id: int, jeton: str, *valeurs: int) -> str:
    return ":".join([prefixe, str(sondage_id), jeton, *(str(v) for v in valeurs)])


def _bouton(texte: str, donnees: str) -> dict[str, str]:
    return {"text": texte, "callback_data": donnees}


def rendu_bulletin(
    sondage: Sondage,
    options: list[OptionSondage],
    etat: dict[int, int],
    position: int,
    jeton: str,
    t: Traducteur,
    fuseau: ZoneInfo,
) -> tuple[Html, dict[str, Any]]:
    """The ballot message: the member's current choices, and the buttons to change them.
    `etat` maps an option's rank (ordre) to its value; `position` is the option being graded
    (majority judgment shows the options one after the other in the same message)."""
    sid = sondage.id or 0
    lignes = [
        t(
            "bulletin-entete",
            question=sondage.question,
            type=sondage.type.value,
            anonyme="oui" if sondage.anonyme else "non",
            cloture=date_longue(sondage.ferme_le, fuseau, t.langue),
        )
    ]
    rangees: list[list[dict[str, str]]] = []
    if sondage.type == TypeSondage.JUGEMENT:
        position = min(max(position, 0), len(options) - 1)
        for option in options:
            if option.ordre in etat:
                lignes.append(
                    t(
                        "bulletin-note",
                        numero=option.ordre + 1,
                        texte=option.texte,
                        mention=t("mention", note=etat[option.ordre]),
                    )
                )
            else:
                lignes.append(t("bulletin-a-noter", numero=option.ordre + 1, texte=option.texte))
        courante = options[position]
        lignes.append(Html(""))
        lignes.append(
            t("bulletin-complet")
            if len(etat) == len(options) and position == len(options) - 1
            else t("bulletin-noter", numero=courante.ordre + 1, texte=courante.texte)
        )
        notes = [
            _bouton(
                ("● " if etat.get(courante.ordre) == note else "") + t("mention", note=note),
                _donnees(PREFIXE_VOTE, sid, jeton, courante.ordre, note),
            )
            for note in range(NOTE_MAX, -1, -1)
        ]
        rangees += [notes[i : i + 2] for i in range(0, len(notes), 2)]
        navigation = []
        if position > 0:
            navigation.append(
                _bouton(
                    t("bouton-precedente"), _donnees(PREFIXE_NAVIGATION, sid, jeton, position - 1)
                )
            )
        if position < len(options) - 1:
            navigation.append(
                _bouton(
                    t("bouton-suivante"), _donnees(PREFIXE_NAVIGATION, sid, jeton, position + 1)
                )
            )
        if navigation:
            rangees.append(navigation)
    else:
        if sondage.type == TypeSondage.MULTIPLE and sondage.max_choix:
            lignes.append(t("bulletin-max", max=sondage.max_choix))
        lignes.append(t("bulletin-pied"))
        coche, vide = ("◉", "○") if sondage.type == TypeSondage.UNIQUE else ("☑", "☐")
        rangees = [
            [
                _bouton(
                    t("bulletin-choix", marque=coche if etat.get(o.ordre) else vide, texte=o.texte),
                    _donnees(PREFIXE_VOTE, sid, jeton, o.ordre, 1),
                )
            ]
            for o in options
        ]
    return Html("\n".join(lignes)), {"inline_keyboard": rangees}


@dataclass(frozen=True)
class Ouvert:
    """A ballot being filled in: what the member sees after a tap."""

    sondage: Sondage
    options: list[OptionSondage]
    bulletin: Bulletin
    etat: dict[int, int]


async def _bulletin(
    session: AsyncSession,
    *,
    sondage_id: int,
    membre: Membre,
    jeton: str,
    maintenant: datetime,
    ouvert: bool = True,
) -> tuple[Sondage, Votant, Bulletin]:
    sondage = await session.get(Sondage, sondage_id)
    if sondage is None:
        raise ErreurSondage("bulletin-inconnu")
    if ouvert and (sondage.clos_le is not None or sondage.ferme_le <= maintenant):
        raise ErreurSondage("clos")
    votant = await session.get(Votant, (sondage_id, membre.id))
    if votant is None:
        raise ErreurSondage("non-convie")
    if sondage.anonyme:
        if jeton == NOMINATIF:
            raise ErreurSondage("bulletin-inconnu")
        requete = select(Bulletin).where(Bulletin.jeton_hash == hacher(jeton))
    else:
        if jeton != NOMINATIF:
            raise ErreurSondage("bulletin-inconnu")
        requete = select(Bulletin).where(Bulletin.membre_id == membre.id)
    bulletin = (await session.exec(requete.where(Bulletin.sondage_id == sondage_id))).first()
    if bulletin is None:
        raise ErreurSondage("bulletin-inconnu")
    return sondage, votant, bulletin


async def etat_du_bulletin(session: AsyncSession, bulletin: Bulletin) -> dict[int, int]:
    lignes = (
        await session.exec(
            select(OptionSondage.ordre, Vote.valeur)
            .join(Vote, col(Vote.option_id) == col(OptionSondage.id))
            .where(Vote.bulletin_id == bulletin.id)
        )
    ).all()
    return dict(lignes)


async def consulter(
    session: AsyncSession, *, sondage_id: int, membre: Membre, jeton: str, maintenant: datetime
) -> Ouvert:
    """A ballot as it stands (to show another option): refused like a vote would be."""
    sondage, _, bulletin = await _bulletin(
        session, sondage_id=sondage_id, membre=membre, jeton=jeton, maintenant=maintenant
    )
    options = await options_de(session, sondage_id)
    return Ouvert(sondage, options, bulletin, await etat_du_bulletin(session, bulletin))


async def voter(
    session: AsyncSession,
    *,
    sondage_id: int,
    membre: Membre,
    jeton: str,
    option: int,
    valeur: int,
    maintenant: datetime,
) -> Ouvert:
    """Record one tap: choose (single), toggle (multiple) or grade (majority judgment) an
    option. Refused, with nothing written, after the close, for someone not invited, with a
    forged ballot, an unknown option or grade, or too many choices."""
    sondage, votant, bulletin = await _bulletin(
        session, sondage_id=sondage_id, membre=membre, jeton=jeton, maintenant=maintenant
    )
    options = await options_de(session, sondage_id)
    cible = next((o for o in options if o.ordre == option), None)
    if cible is None:
        raise ErreurSondage("option-inconnue")
    etat = await etat_du_bulletin(session, bulletin)
    connexion = await session.connection()
    if sondage.type == TypeSondage.JUGEMENT:
        if not 0 <= valeur <= NOTE_MAX:
            raise ErreurSondage("mention-inconnue")
        await connexion.execute(
            sa.delete(Vote)
            .where(col(Vote.bulletin_id) == bulletin.id)
            .where(col(Vote.option_id) == cible.id)
        )
        session.add(Vote(bulletin_id=bulletin.id or 0, option_id=cible.id or 0, valeur=valeur))
        etat[option] = valeur
    elif valeur != 1:
        raise ErreurSondage("option-inconnue")
    elif sondage.type == TypeSondage.UNIQUE:
        await connexion.execute(sa.delete(Vote).where(col(Vote.bulletin_id) == bulletin.id))
        session.add(Vote(bulletin_id=bulletin.id or 0, option_id=cible.id or 0, valeur=1))
        etat = {option: 1}
    elif option in etat:  # multiple choice: a second tap removes the choice
        await connexion.execute(
            sa.delete(Vote)
            .where(col(Vote.bulletin_id) == bulletin.id)
            .where(col(Vote.option_id) == cible.id)
        )
        del etat[option]
    else:
        if sondage.max_choix is not None and len(etat) >= sondage.max_choix:
            raise ErreurSondage("trop-de-choix")
        session.add(Vote(bulletin_id=bulletin.id or 0, option_id=cible.id or 0, valeur=1))
        etat[option] = 1
    votant.a_vote = True
    session.add(votant)
    await session.commit()
    return Ouvert(sondage, options, bulletin, etat)


# --- Closing and results ---------------------------------------------------------------------


async def clore(
    session: AsyncSession, sondage: Sondage, *, par: Membre | None, maintenant: datetime
) -> None:
    """Close a poll now (its facilitator), or at its deadline (the tick)."""
    if par is not None and not await membres.peut_gerer(session, par, sondage.groupe_id):
        raise ErreurSondage("interdit")
    if sondage.clos_le is not None:
        raise ErreurSondage("clos")
    sondage.clos_le = min(maintenant, sondage.ferme_le)
    session.add(sondage)
    await session.commit()


async def bulletins_remplis(session: AsyncSession, sondage_id: int) -> list[dict[int, int]]:
    """Every ballot with at least one vote, as {option rank: value}; never who cast it."""
    lignes = (
        await session.exec(
            select(Vote.bulletin_id, OptionSondage.ordre, Vote.valeur)
            .join(OptionSondage, col(OptionSondage.id) == col(Vote.option_id))
            .where(OptionSondage.sondage_id == sondage_id)
        )
    ).all()
    par_bulletin: dict[int, dict[int, int]] = {}
    for bulletin_id, ordre, valeur in lignes:
        par_bulletin.setdefault(bulletin_id, {})[ordre] = valeur
    return list(par_bulletin.values())


@dataclass(frozen=True)
class Participation:
    inscrits: int
    votants: int

    @property
    def taux(self) -> int:
        return round(100 * self.votants / self.inscrits) if self.inscrits else 0


async def participation(session: AsyncSession, sondage_id: int) -> Participation:
    registre = (await session.exec(select(Votant).where(Votant.sondage_id == sondage_id))).all()
    return Participation(inscrits=len(registre), votants=sum(1 for v in registre if v.a_vote))


async def non_votants(session: AsyncSession, sondage_id: int) -> list[Membre]:
    requete = (
        select(Membre)
        .join(Votant, col(Votant.membre_id) == col(Membre.id))
        .where(Votant.sondage_id == sondage_id)
        .where(col(Votant.a_vote).is_(False))
    )
    return list((await session.exec(requete)).all())


async def ouverts_et_recents(
    session: AsyncSession, *, groupes: list[Groupe] | None, maintenant: datetime, limite: int = 8
) -> list[Sondage]:
    """Polls a facilitator follows: open ones and those closed in the last 30 days."""
    requete = select(Sondage).where(
        sa.or_(
            col(Sondage.clos_le).is_(None), col(Sondage.clos_le) > maintenant - timedelta(days=30)
        )
    )
    if groupes is not None:
        requete = requete.where(col(Sondage.groupe_id).in_([g.id for g in groupes]))
    return list(
        (await session.exec(requete.order_by(col(Sondage.ferme_le).desc()).limit(limite))).all()
    )


async def ajouter_piece(
    session: AsyncSession, *, nom: str, mime: str, contenu: bytes, maintenant: datetime
) -> Piece:
    piece = Piece(nom=nom, mime=mime, contenu=contenu, cree_le=maintenant)
    session.add(piece)
    await session.flush()
    return piece


def csv_resultats(lignes: list[list[str]]) -> str:
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerows(lignes)
    return "\ufeff" + tampon.getvalue()


Resultat = scrutins.ResultatChoix | scrutins.ResultatJugement


async def resultats(
    session: AsyncSession, sondage: Sondage
) -> tuple[list[OptionSondage], Resultat]:
    options = await options_de(session, sondage.id or 0)
    bulletins = await bulletins_remplis(session, sondage.id or 0)
    if sondage.type == TypeSondage.JUGEMENT:
        return options, scrutins.depouiller_jugement(len(options), bulletins)
    return options, scrutins.depouiller_choix(
        sondage.type, len(options), bulletins, sondage.max_choix
    )


def lignes_classement(
    options: list[OptionSondage], resultat: Resultat, t: Traducteur
) -> list[Html]:
    if resultat.nb_votants == 0:
        return [t("resultats-aucun-vote")]
    textes = {o.ordre: o.texte for o in options}
    if isinstance(resultat, scrutins.ResultatJugement):
        return [
            t(
                "resultats-ligne-jm",
                rang=r.rang,
                texte=textes[r.option],
                mention=t("mention", note=r.mention_majoritaire)
                if r.mention_majoritaire is not None
                else "—",
            )
            for r in resultat.classement
        ]
    return [
        t(
            "resultats-ligne",
            rang=r.rang,
            texte=textes[r.option],
            voix=r.voix,
            part=round(100 * r.part),
        )
        for r in resultat.classement
    ]


def image(sondage: Sondage, options: list[OptionSondage], resultat: Resultat) -> bytes:
    """The results as a picture: bars (choices) or merit profiles (majority judgment)."""
    # Imported on first use: matplotlib weighs 40 MB, which a bot that never closes a poll
    # (or not yet) does not need to carry.
    from assemblee import graphiques  # noqa: PLC0415

    libelles = [o.texte for o in options]
    if isinstance(resultat, scrutins.ResultatJugement):
        return graphiques.profil_de_merite(
            sondage.question, libelles, [r.profil for r in resultat.options]
        )
    return graphiques.barres(
        sondage.question,
        libelles,
        [r.voix for r in resultat.options],
        nb_votants=resultat.nb_votants,
    )


def legende(
    sondage: Sondage,
    options: list[OptionSondage],
    resultat: Resultat,
    presence: Participation,
    t: Traducteur,
) -> Html:
    """The caption under the results picture, within Telegram's 1,024 characters."""
    classement = lignes_classement(options, resultat, t)
    while True:
        texte = t(
            "resultats-legende",
            question=sondage.question,
            votants=presence.votants,
            inscrits=presence.inscrits,
            taux=presence.taux,
            classement=Html("\n".join(classement)),
        )
        if len(visible(texte)) <= LONGUEUR_MAX_LEGENDE or len(classement) <= 1:
            return texte
        classement = classement[:-1]


async def publier_resultats(
    session: AsyncSession,
    sondage: Sondage,
    *,
    maintenant: datetime,
    catalogue: Catalogue,
) -> int:
    """Send the results (picture and caption) to everyone invited, and to the author."""
    options, resultat = await resultats(session, sondage)
    presence = await participation(session, sondage.id or 0)
    registre = (await session.exec(select(Votant).where(Votant.sondage_id == sondage.id))).all()
    destinataires = {v.membre_id for v in registre}
    if sondage.auteur_id is not None:
        destinataires.add(sondage.auteur_id)
    piece = await ajouter_piece(
        session,
        nom=f"resultats-sondage-{sondage.id}.png",
        mime="image/png",
        contenu=image(sondage, options, resultat),
        maintenant=maintenant,
    )
    nouveaux = []
    for membre_id in sorted(destinataires):
        membre = await session.get(Membre, membre_id)
        if membre is None or not membres.est_actif(membre):
            continue
        t = catalogue.pour(membre.langue)
        nouveaux.append(
            NouvelEnvoi(
                cle=f"resultats:{sondage.id}:{membre_id}",
                membre_id=membre_id,
                contenu=Contenu(
                    texte=legende(sondage, options, resultat, presence, t),
                    nature=NatureEnvoi.PHOTO,
                    piece_id=piece.id,
                ),
                du_le=maintenant,
            )
        )
    await envois.mettre_en_file_lot(session, nouveaux)
    sondage.resultats_envoyes_le = maintenant
    session.add(sondage)
    await session.commit()
    return len(nouveaux)


async def rappeler_non_votants(
    session: AsyncSession,
    sondage: Sondage,
    *,
    maintenant: datetime,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
) -> int:
    nouveaux = []
    for membre in await non_votants(session, sondage.id or 0):
        if not membres.est_actif(membre):
            continue
        t = catalogue.pour(membre.langue)
        nouveaux.append(
            NouvelEnvoi(
                cle=f"rappel-sondage:{sondage.id}:{membre.id}",
                membre_id=membre.id or 0,
                contenu=Contenu(
                    texte=t(
                        "sondage-rappel",
                        question=sondage.question,
                        cloture=date_longue(sondage.ferme_le, fuseau, t.langue),
                    )
                ),
                du_le=maintenant,
                expire_le=sondage.ferme_le,
            )
        )
    ajoutes = await envois.mettre_en_file_lot(session, nouveaux)
    sondage.rappel_fait_le = maintenant
    session.add(sondage)
    await session.commit()
    return ajoutes


@dataclass
class BilanTick:
    rappels: int = 0
    clos: int = 0
    resultats: int = 0


async def tick(
    session: AsyncSession,
    *,
    maintenant: datetime,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
    rappel_avant: timedelta,
) -> BilanTick:
    """Every minute: remind non-voters before the close, close what is due, send results."""
    bilan = BilanTick()
    ouverts = (await session.exec(select(Sondage).where(col(Sondage.clos_le).is_(None)))).all()
    for sondage in ouverts:
        if sondage.ferme_le <= maintenant:
            sondage.clos_le = sondage.ferme_le
            session.add(sondage)
            bilan.clos += 1
        elif (
            rappel_avant > timedelta(0)
            and sondage.rappel_fait_le is None
            and sondage.ferme_le - rappel_avant <= maintenant
        ):
            bilan.rappels += await rappeler_non_votants(
                session, sondage, maintenant=maintenant, catalogue=catalogue, fuseau=fuseau
            )
    await session.commit()
    a_publier = (
        await session.exec(
            select(Sondage)
            .where(col(Sondage.clos_le).is_not(None))
            .where(col(Sondage.resultats_envoyes_le).is_(None))
        )
    ).all()
    for sondage in a_publier:
        bilan.resultats += await publier_resultats(
            session, sondage, maintenant=maintenant, catalogue=catalogue
        )
    return bilan


async def exporter_csv(session: AsyncSession, sondage: Sondage, t: Traducteur) -> str:
    """The results for a spreadsheet. Never an anonymous ballot next to a name: for an
    anonymous poll only totals; for a named one, each voter's choices too."""
    options, resultat = await resultats(session, sondage)
    presence = await participation(session, sondage.id or 0)
    lignes: list[list[str]] = [
        [sondage.question],
        ["inscrits", str(presence.inscrits), "votants", str(presence.votants)],
        [],
    ]
    textes = {o.ordre: o.texte for o in options}
    if isinstance(resultat, scrutins.ResultatJugement):
        mentions = [visible(t("mention", note=n)) for n in range(NOTE_MAX, -1, -1)]
        lignes.append(["rang", "option", "mention majoritaire", *mentions])
        for r in resultat.classement:
            mention = (
                visible(t("mention", note=r.mention_majoritaire))
                if r.mention_majoritaire is not None
                else ""
            )
            profil = [str(r.profil[n]) for n in range(NOTE_MAX, -1, -1)]
            lignes.append([str(r.rang), textes[r.option], mention, *profil])
    else:
        lignes.append(["rang", "option", "voix", "part (%)"])
        lignes += [
            [str(r.rang), textes[r.option], str(r.voix), str(round(100 * r.part))]
            for r in resultat.classement
        ]
    if not sondage.anonyme:
        lignes += [[], ["nom", "prénom", *[o.texte for o in options]]]
        nommes = (
            await session.exec(
                select(Bulletin, Membre)
                .join(Membre, col(Membre.id) == col(Bulletin.membre_id))
                .where(Bulletin.sondage_id == sondage.id)
                .order_by(col(Membre.nom), col(Membre.prenom))
            )
        ).all()
        for bulletin, membre in nommes:
            etat = await etat_du_bulletin(session, bulletin)
            if not etat:
                continue
            valeurs = [
                (
                    visible(t("mention", note=etat[o.ordre]))
                    if sondage.type == TypeSondage.JUGEMENT
                    else "x"
                )
                if o.ordre in etat
                else ""
                for o in options
            ]
            lignes.append([membre.nom, membre.prenom, *valeurs])
    return csv_resultats(lignes)
