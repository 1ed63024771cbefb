"""Announcements from staff: an audience, a content, one Envoi per member, a delivery report."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement
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
from assemblee.textes import Catalogue, Html, Traducteur, apercu, longueur_telegram, visible

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


def _joignable() -> tuple[ColumnElement[bool], ...]:
    """Who an announcement may reach: linked to Telegram, consented, not gone."""
    return (
        col(Membre.telegram_id).is_not(None),
        col(Membre.consentement_le).is_not(None),
        col(Membre.statut).in_([StatutMembre.ACTIF, StatutMembre.INJOIGNABLE]),
    )


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
    requete = select(Membre).where(*_joignable())
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


def _bilan_de(compte: dict[StatutEnvoi, int]) -> Bilan:
    return Bilan(
        total=sum(compte.values()),
        envoyes=compte.get(StatutEnvoi.ENVOYE, 0),
        en_attente=compte.get(StatutEnvoi.EN_ATTENTE, 0) + compte.get(StatutEnvoi.EN_COURS, 0),
        injoignables=compte.get(StatutEnvoi.INJOIGNABLE, 0),
        echecs=compte.get(StatutEnvoi.ECHEC, 0),
    )


async def bilans(session: AsyncSession, annonce_ids: Collection[int]) -> dict[int, Bilan]:
    """The reports of several announcements in one query (GROUP BY), however many there are."""
    if not annonce_ids:
        return {}
    lignes = (
        await session.exec(
            select(Envoi.annonce_id, Envoi.statut, func.count())
            .where(col(Envoi.annonce_id).in_(list(annonce_ids)))
            .group_by(col(Envoi.annonce_id), col(Envoi.statut))
        )
    ).all()
    comptes: dict[int, dict[StatutEnvoi, int]] = {i: {} for i in annonce_ids}
    for annonce_id, statut, nombre in lignes:
        if annonce_id is not None:
            comptes[annonce_id][StatutEnvoi(statut)] = nombre
    return {i: _bilan_de(compte) for i, compte in comptes.items()}


async def bilan(session: AsyncSession, annonce_id: int) -> Bilan:
    return (await bilans(session, [annonce_id]))[annonce_id]


async def dernieres(
    session: AsyncSession, limite: int = 5, *, decalage: int = 0
) -> list[tuple[Annonce, Bilan]]:
    """The latest announcements, newest first, with their reports (two queries)."""
    annonces = (
        await session.exec(
            select(Annonce).order_by(col(Annonce.id).desc()).offset(decalage).limit(limite)
        )
    ).all()
    resultats = await bilans(session, [a.id for a in annonces if a.id is not None])
    return [(a, resultats[a.id or 0]) for a in annonces]


@dataclass(frozen=True)
class LigneHistorique:
    annonce: Annonce
    bilan: Bilan
    audience: Html  # its label, with the group's current name
    auteur: str  # the author's name; empty for the command line, or once their data are erased


async def historique(
    session: AsyncSession, t: Traducteur, *, limite: int = 50, decalage: int = 0
) -> list[LigneHistorique]:
    """A page of announcements, newest first, with their reports, audiences and authors:
    five queries at most, however long the page."""
    lignes = await dernieres(session, limite, decalage=decalage)
    auteur_ids = {a.auteur_id for a, _ in lignes if a.auteur_id is not None}
    noms: dict[int, str] = {}
    if auteur_ids:
        requete = select(Membre).where(col(Membre.id).in_(auteur_ids))
        noms = {m.id or 0: m.nom_complet for m in (await session.exec(requete)).all()}
    libelles = await libelles_codes(session, [a.audience for a, _ in lignes], t)
    return [
        LigneHistorique(
            annonce=a,
            bilan=b,
            audience=libelles[a.audience],
            auteur=noms.get(a.auteur_id, "") if a.auteur_id is not None else "",
        )
        for a, b in lignes
    ]


async def ligne(session: AsyncSession, annonce_id: int, t: Traducteur) -> LigneHistorique | None:
    """One announcement with its report, audience and author; None if there is no such one."""
    annonce = await session.get(Annonce, annonce_id)
    if annonce is None:
        return None
    auteur = await session.get(Membre, annonce.auteur_id) if annonce.auteur_id else None
    return LigneHistorique(
        annonce=annonce,
        bilan=await bilan(session, annonce_id),
        audience=await libelle_code(session, annonce.audience, t),
        auteur=auteur.nom_complet if auteur is not None else "",
    )


async def nombre(session: AsyncSession) -> int:
    """How many announcements there are (to number the pages of their history)."""
    return (await session.exec(select(func.count()).select_from(Annonce))).one()


def libelle(
    audience: Audience, t: Traducteur, nom_groupe: str | None = None, *, cas: str = "seul"
) -> Html:
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


async def libelle_code(session: AsyncSession, code: str, t: Traducteur) -> Html:
    """The label of a stored audience code, with the group's current name."""
    return (await libelles_codes(session, [code], t))[code]


async def libelles_codes(
    session: AsyncSession, codes: Collection[str], t: Traducteur
) -> dict[str, Html]:
    """The labels of stored audience codes, with the groups' current names and the séances'
    titles: two queries at most, however many codes (a page of history)."""
    audiences = {code: Audience.lire(code) for code in set(codes)}
    slugs = {a.valeur for a in audiences.values() if a.genre == GenreAudience.GROUPE}
    seance_ids = {int(a.valeur) for a in audiences.values() if a.genre == GenreAudience.SEANCE}
    noms: dict[tuple[GenreAudience, str], str] = {}
    if slugs:
        requete = select(Groupe.slug, Groupe.nom).where(col(Groupe.slug).in_(slugs))
        for slug, nom in (await session.exec(requete)).all():
            noms[GenreAudience.GROUPE, slug] = nom
    if seance_ids:
        requete_s = select(Seance.id, Seance.titre).where(col(Seance.id).in_(seance_ids))
        for seance_id, titre in (await session.exec(requete_s)).all():
            noms[GenreAudience.SEANCE, str(seance_id)] = titre
    return {code: libelle(a, t, noms.get((a.genre, a.valeur))) for code, a in audiences.items()}


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
    prochaines = (await seances.lister(session, depuis=maintenant))[:5]
    choix += [Choix(Audience(GenreAudience.SEANCE, str(s.id)), s.titre, 0) for s in prochaines]
    # Everyone, each group and each role counted in three queries (GROUP BY), as `destinataires`
    # would list them; a séance's convened people by its own rule, counted by the database
    # (five séances at most).
    nombres: dict[str, int] = {
        Audience(GenreAudience.TOUS).code: (
            await session.exec(select(func.count()).select_from(Membre).where(*_joignable()))
        ).one()
    }
    par_groupe = (
        select(Groupe.slug, func.count())
        .select_from(Membre)
        .join(Appartenance, col(Appartenance.membre_id) == col(Membre.id))
        .join(Groupe, col(Groupe.id) == col(Appartenance.groupe_id))
        .where(*_joignable())
        .group_by(col(Groupe.slug))
    )
    for slug, n in (await session.exec(par_groupe)).all():
        nombres[Audience(GenreAudience.GROUPE, slug).code] = n
    par_role = select(Membre.role, func.count()).where(*_joignable()).group_by(col(Membre.role))
    for role, n in (await session.exec(par_role)).all():
        nombres[Audience(GenreAudience.ROLE, Role(role).value).code] = n
    for seance_id, n in (
        await seances.nombres_convoques(session, prochaines, *_joignable())
    ).items():
        nombres[Audience(GenreAudience.SEANCE, str(seance_id)).code] = n
    return [Choix(c.audience, c.nom_groupe, nombres.get(c.audience.code, 0)) for c in choix]
