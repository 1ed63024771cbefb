"""Announcements from staff: an audience, a content, one Envoi per member, a delivery report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, journal, seances
from assemblee.envois import Contenu, NouvelEnvoi
from assemblee.modeles import (
    Annonce,
    Appartenance,
    Envoi,
    Groupe,
    Membre,
    Role,
    Seance,
    StatutEnvoi,
    StatutMembre,
)
from assemblee.textes import Catalogue, Traducteur, apercu, longueur_telegram, visible

TAILLE_MAX_TEXTE = 4096
TAILLE_MAX_LEGENDE = 1024


class GenreAudience(StrEnum):
    TOUS = "tous"
    GROUPE = "groupe"
    ROLE = "role"
    SEANCE = "seance"  # the members convened to a séance


@dataclass(frozen=True)
class Audience:
    genre: GenreAudience
    valeur: str = ""  # a group's slug, or a role

    @property
    def code(self) -> str:
        return (
            self.genre.value if self.genre == GenreAudience.TOUS else f"{self.genre}:{self.valeur}"
        )

    @classmethod
    def lire(cls, code: str) -> Audience:
        """Parse "tous", "groupe:<slug>" or "role:<role>"; ValueError otherwise."""
        genre, _, valeur = code.partition(":")
        audience = cls(GenreAudience(genre), valeur)
        if audience.genre == GenreAudience.ROLE:
            Role(valeur)
        elif audience.genre == GenreAudience.GROUPE and not valeur:
            raise ValueError("group missing")
        elif audience.genre == GenreAudience.SEANCE and not valeur.isdigit():
            raise ValueError("séance missing")
        elif audience.genre == GenreAudience.TOUS and valeur:
            raise ValueError("unexpected value")
        return audience


async def destinataires(session: AsyncSession, audience: Audience) -> list[Membre]:
    """The members an announcement goes to: linked to Telegram and consented (unreachable ones
    included, so the report counts them)."""
    if audience.genre == GenreAudience.SEANCE:
        seance = await session.get(Seance, int(audience.valeur))
        convoques = await seances.convoques(session, seance) if seance else []
        return [
            m
            for m in convoques
            if m.telegram_id is not None
            and m.a_consenti
            and m.statut in (StatutMembre.ACTIF, StatutMembre.INJOIGNABLE)
        ]
    requete = (
        select(Membre)
        .where(col(Membre.telegram_id).is_not(None))
        .where(col(Membre.consentement_le).is_not(None))
        .where(col(Membre.statut).in_([StatutMembre.ACTIF, StatutMembre.INJOIGNABLE]))
    )
    if audience.genre == GenreAudience.GROUPE:
        requete = (
            requete.join(Appartenance, col(Appartenance.membre_id) == col(Membre.id))
            .join(Groupe, col(Groupe.id) == col(Appartenance.groupe_id))
            .where(Groupe.slug == audience.valeur)
        )
    elif audience.genre == GenreAudience.ROLE:
        requete = requete.where(Membre.role == Role(audience.valeur))
    return list((await session.exec(requete.order_by(col(Membre.id)))).all())


def verifier_contenu(contenu: Contenu) -> str | None:
    """Why Telegram would refuse this content, or None."""
    limite = TAILLE_MAX_TEXTE if contenu.fichier_id is None else TAILLE_MAX_LEGENDE
    lu = visible(contenu.texte)
    if contenu.fichier_id is None and not lu.strip():
        return "vide"
    if longueur_telegram(lu) > limite:
        return "trop-long"
    return None


async def publier(
    session: AsyncSession,
    *,
    auteur: journal.Auteur,
    contenu: Contenu,
    audience: Audience,
    urgent: bool,
    maintenant: datetime,
) -> tuple[Annonce, int]:
    """Record the announcement and queue one message per recipient, in one transaction.
    Returns the announcement and how many members it goes to."""
    annonce = Annonce(
        auteur_id=auteur.par.id if auteur.par else None,
        nature=contenu.nature,
        texte=contenu.texte,
        fichier_id=contenu.fichier_id,
        audience=audience.code,
        urgent=urgent,
        cree_le=maintenant,
    )
    session.add(annonce)
    await session.flush()
    assert annonce.id is not None
    membres = await destinataires(session, audience)
    await envois.mettre_en_file_lot(
        session,
        [
            NouvelEnvoi(
                cle=f"annonce:{annonce.id}:{m.id}",
                membre_id=m.id or 0,
                contenu=contenu,
                du_le=maintenant,
                urgent=urgent,
                annonce_id=annonce.id,
                statut=StatutEnvoi.INJOIGNABLE
                if m.statut == StatutMembre.INJOIGNABLE
                else StatutEnvoi.EN_ATTENTE,
            )
            for m in membres
        ],
    )
    journal.noter_par(
        session,
        auteur,
        action="annonce-envoyee",
        objet="annonce",
        objet_id=annonce.id,
        apres=journal.decrire(
            {
                "audience": audience.code,
                "urgent": urgent,
                "destinataires": len(membres),
                "texte": " ".join(visible(contenu.texte).split())[:120],
            }
        ),
        maintenant=maintenant,
    )
    await session.commit()
    return annonce, len(membres)


@dataclass(frozen=True)
class Bilan:
    total: int
    envoyes: int
    en_attente: int
    injoignables: int
    echecs: int

    @property
    def termine(self) -> bool:
        return self.en_attente == 0


async def bilan(session: AsyncSession, annonce_id: int) -> Bilan:
    lignes = (
        await session.exec(
            select(Envoi.statut, func.count())
            .where(Envoi.annonce_id == annonce_id)
            .group_by(col(Envoi.statut))
        )
    ).all()
    compte = {StatutEnvoi(s): n for s, n in lignes}
    return Bilan(
        total=sum(compte.values()),
        envoyes=compte.get(StatutEnvoi.ENVOYE, 0),
        en_attente=compte.get(StatutEnvoi.EN_ATTENTE, 0) + compte.get(StatutEnvoi.EN_COURS, 0),
        injoignables=compte.get(StatutEnvoi.INJOIGNABLE, 0),
        echecs=compte.get(StatutEnvoi.ECHEC, 0),
    )


async def dernieres(session: AsyncSession, limite: int = 5) -> list[tuple[Annonce, Bilan]]:
    annonces = (
        await session.exec(select(Annonce).order_by(col(Annonce.id).desc()).limit(limite))
    ).all()
    return [(a, await bilan(session, a.id or 0)) for a in annonces]


def libelle(
    audience: Audience, t: Traducteur, nom_groupe: str | None = None, *, cas: str = "seul"
) -> str:
    """ "tout le monde", "le groupe Environnement", "les animateurs"… or, with `cas="a"`,
    "au groupe Environnement", "aux animateurs" (French agrees the preposition with its noun:
    the catalogue does it, never a concatenation). For a séance, the caller gives its title
    as `nom_groupe`."""
    if audience.genre == GenreAudience.SEANCE:
        return t("audience-seance", seance=nom_groupe or audience.valeur, cas=cas)
    if audience.genre == GenreAudience.GROUPE:
        return t("audience-groupe", groupe=nom_groupe or audience.valeur, cas=cas)
    if audience.genre == GenreAudience.ROLE:
        return t("audience-role", role=audience.valeur, cas=cas)
    return t("audience-tous", cas=cas)


async def libelle_code(session: AsyncSession, code: str, t: Traducteur) -> str:
    """The label of a stored audience code, with the group's current name."""
    audience = Audience.lire(code)
    nom = None
    if audience.genre == GenreAudience.SEANCE:
        seance = await session.get(Seance, int(audience.valeur))
        nom = seance.titre if seance else None
    elif audience.genre == GenreAudience.GROUPE:
        groupe = (await session.exec(select(Groupe).where(Groupe.slug == audience.valeur))).first()
        nom = groupe.nom if groupe else None
    return libelle(audience, t, nom)


async def envoyer_bilans(
    session: AsyncSession,
    *,
    maintenant: datetime,
    catalogue: Catalogue,
    annonce_ids: set[int] | None = None,
) -> int:
    """Queue the delivery report of each announcement whose sending has ended (once each).
    Returns how many reports were queued."""
    requete = select(Annonce).where(col(Annonce.bilan_le).is_(None))
    if annonce_ids is not None:
        requete = requete.where(col(Annonce.id).in_(annonce_ids))
    envoyes = 0
    for annonce in (await session.exec(requete)).all():
        resultat = await bilan(session, annonce.id or 0)
        if not resultat.termine:
            continue
        annonce.bilan_le = maintenant
        session.add(annonce)
        auteur = await session.get(Membre, annonce.auteur_id) if annonce.auteur_id else None
        if auteur is not None and auteur.telegram_id is not None:
            t = catalogue.pour(auteur.langue)
            texte = t(
                "annonce-bilan",
                debut=apercu(annonce.texte, 60),
                audience=await libelle_code(session, annonce.audience, t),
                total=resultat.total,
                envoyes=resultat.envoyes,
                injoignables=resultat.injoignables,
                echecs=resultat.echecs,
            )
            await envois.mettre_en_file_lot(
                session,
                [
                    NouvelEnvoi(
                        cle=f"bilan:{annonce.id}",
                        membre_id=auteur.id or 0,
                        contenu=Contenu(texte=texte),
                        du_le=maintenant,
                        # The report of an urgent announcement is wanted at once, even at night.
                        urgent=annonce.urgent,
                    )
                ],
            )
            envoyes += 1
    await session.commit()
    return envoyes


@dataclass(frozen=True)
class Choix:
    """An audience staff may pick, with its label's ingredient and how many it reaches."""

    audience: Audience
    nom_groupe: str | None
    nombre: int


async def audiences_possibles(session: AsyncSession, maintenant: datetime) -> list[Choix]:
    choix = [Choix(Audience(GenreAudience.TOUS), None, 0)]
    groupes = (
        await session.exec(select(Groupe).where(col(Groupe.actif)).order_by(col(Groupe.ordre)))
    ).all()
    choix += [Choix(Audience(GenreAudience.GROUPE, g.slug), g.nom, 0) for g in groupes]
    choix += [Choix(Audience(GenreAudience.ROLE, r.value), None, 0) for r in Role]
    prochaines = await seances.lister(session, depuis=maintenant)
    choix += [Choix(Audience(GenreAudience.SEANCE, str(s.id)), s.titre, 0) for s in prochaines[:5]]
    return [
        Choix(c.audience, c.nom_groupe, len(await destinataires(session, c.audience)))
        for c in choix
    ]
