"""Séances: the calendar, who is convened, who may manage them, and what a change announces.

Every function checks its input and refuses with an `ErreurSeance` whose `code` names the
catalogue text that explains it; nothing is written when it refuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from assemblee import journal
from assemblee.acces import peut_gerer_seance
from assemblee.membres import peut_gerer
from assemblee.modeles import (
    Appartenance,
    Convocation,
    Envoi,
    Groupe,
    Membre,
    Role,
    Seance,
    StatutEnvoi,
    StatutMembre,
    TypeSeance,
)

DUREE_MAX = timedelta(hours=12)
LONGUEUR_MAX_TITRE = 200
LONGUEUR_MAX_LIEU = 300
LONGUEUR_MAX_LIEN = 500
_LIEN = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)


class ErreurSeance(Exception):
    """A refused séance; `code` is the reason (catalogue key "seance-erreur", selector)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Champs:
    """What a séance says; every field is checked by `verifier`."""

    type: TypeSeance
    titre: str
    groupe: Groupe | None
    debut: datetime
    fin: datetime
    lieu: str | None = None
    lien: str | None = None
    description: str = ""


def types_permis(membre: Membre) -> list[TypeSeance]:
    """The kinds of séance this person may create: a plenary gathers the whole assembly,
    which only staff convene."""
    if membre.role == Role.EQUIPE:
        return list(TypeSeance)
    return [ty for ty in TypeSeance if ty != TypeSeance.PLENIERE]


def verifier(champs: Champs, maintenant: datetime) -> Champs:
    titre = " ".join(champs.titre.split())
    lieu = " ".join((champs.lieu or "").split()) or None
    lien = (champs.lien or "").strip() or None
    if not titre:
        raise ErreurSeance("titre-vide")
    if len(titre) > LONGUEUR_MAX_TITRE:
        raise ErreurSeance("titre-long")
    if champs.debut.tzinfo is None or champs.fin.tzinfo is None:
        raise ValueError("naive datetime")
    if champs.debut <= maintenant:
        raise ErreurSeance("passe")
    if champs.fin <= champs.debut:
        raise ErreurSeance("fin-avant-debut")
    if champs.fin - champs.debut > DUREE_MAX:
        raise ErreurSeance("trop-longue")
    if lieu is None and lien is None:
        raise ErreurSeance("ni-lieu-ni-lien")
    if lieu is not None and len(lieu) > LONGUEUR_MAX_LIEU:
        raise ErreurSeance("lieu-long")
    if lien is not None and (not _LIEN.fullmatch(lien) or len(lien) > LONGUEUR_MAX_LIEN):
        raise ErreurSeance("lien-invalide")
    if champs.type == TypeSeance.ATELIER and champs.groupe is None:
        raise ErreurSeance("atelier-sans-groupe")
    if champs.groupe is not None and not champs.groupe.actif:
        raise ErreurSeance("groupe-inconnu")
    return Champs(
        type=champs.type,
        titre=titre,
        groupe=champs.groupe,
        debut=champs.debut,
        fin=champs.fin,
        lieu=lieu,
        lien=lien,
        description=champs.description.strip(),
    )


async def creer(
    session: AsyncSession,
    champs: Champs,
    *,
    auteur: journal.Auteur,
    maintenant: datetime,
    commit: bool = True,
) -> Seance:
    """Check and add a séance; `commit=False` lets an import add many in one transaction.
    `auteur.par` None (command line) may manage every group."""
    par = auteur.par
    if par is not None and not await peut_gerer(
        session, par, champs.groupe.id if champs.groupe else None
    ):
        raise ErreurSeance("interdit")
    ok = verifier(champs, maintenant)
    seance = Seance(
        type=ok.type,
        titre=ok.titre,
        groupe_id=ok.groupe.id if ok.groupe else None,
        debut=ok.debut,
        fin=ok.fin,
        lieu=ok.lieu,
        lien=ok.lien,
        description=ok.description,
        cree_par_id=par.id if par else None,
        cree_le=maintenant,
    )
    session.add(seance)
    await session.flush()
    journal.noter_par(
        session,
        auteur,
        action="seance-creee",
        objet="seance",
        objet_id=seance.id,
        apres=journal.decrire(_resume(seance)),
        maintenant=maintenant,
    )
    if commit:
        await session.commit()
    return seance


def _resume(seance: Seance) -> dict[str, Any]:
    return {
        "type": seance.type,
        "titre": seance.titre,
        "groupe": seance.groupe_id,
        "debut": seance.debut,
        "fin": seance.fin,
    }


def champs_de(seance: Seance, groupe: Groupe | None) -> Champs:
    return Champs(
        type=seance.type,
        titre=seance.titre,
        groupe=groupe,
        debut=seance.debut,
        fin=seance.fin,
        lieu=seance.lieu,
        lien=seance.lien,
        description=seance.description,
    )


@dataclass(frozen=True)
class Changement:
    """What changed in a séance, as members need to know it."""

    horaire: bool = False
    lieu: bool = False  # the address or the online link
    adresse: bool = False
    lien: bool = False

    @property
    def a_annoncer(self) -> bool:
        return self.horaire or self.lieu


@dataclass(frozen=True)
class Avant:
    """What members were told before a change: the notice says what changed, from what."""

    debut: datetime
    fin: datetime
    lieu: str | None
    lien: str | None


def avant_changement(seance: Seance) -> Avant | None:
    """What members knew before the change waiting to be told (None: nothing waits, or a
    séance changed before this was recorded)."""
    if seance.debut_annonce is None or seance.fin_annonce is None:
        return None
    return Avant(seance.debut_annonce, seance.fin_annonce, seance.lieu_annonce, seance.lien_annonce)


def changement_depuis(seance: Seance, avant: Avant) -> Changement:
    horaire = (seance.debut, seance.fin) != (avant.debut, avant.fin)
    adresse = seance.lieu != avant.lieu
    lien = seance.lien != avant.lien
    return Changement(horaire=horaire, lieu=adresse or lien, adresse=adresse, lien=lien)


def oublier_avant(seance: Seance) -> None:
    """The change is told: nothing waits any more."""
    seance.debut_annonce = seance.fin_annonce = None
    seance.lieu_annonce = seance.lien_annonce = None


async def modifier(
    session: AsyncSession,
    seance: Seance,
    *,
    maintenant: datetime,
    auteur: journal.Auteur,
    **nouveaux: Any,
) -> Changement:
    """Change some fields (titre, debut, fin, lieu, lien, description). A change of time or
    place drops the reminders not yet sent: the next tick queues them at the new time."""
    if auteur.par is not None and not await peut_gerer_seance(session, auteur.par, seance):
        raise ErreurSeance("interdit")
    if seance.annulee_le is not None:
        raise ErreurSeance("annulee")
    if seance.debut <= maintenant:
        raise ErreurSeance("commencee")
    inconnus = set(nouveaux) - {"titre", "debut", "fin", "lieu", "lien", "description"}
    if inconnus:
        raise ValueError(f"unknown fields {inconnus}")
    groupe = await session.get(Groupe, seance.groupe_id) if seance.groupe_id else None
    avant = champs_de(seance, groupe)
    apres = verifier(Champs(**{**avant.__dict__, **nouveaux}), maintenant)
    changement = Changement(
        horaire=(apres.debut, apres.fin) != (avant.debut, avant.fin),
        lieu=(apres.lieu, apres.lien) != (avant.lieu, avant.lien),
        adresse=apres.lieu != avant.lieu,
        lien=apres.lien != avant.lien,
    )
    if changement.a_annoncer and seance.debut_annonce is None:
        # The first change not yet told: keep what members know, for "from what to what".
        seance.debut_annonce, seance.fin_annonce = seance.debut, seance.fin
        seance.lieu_annonce, seance.lien_annonce = seance.lieu, seance.lien
    changes = [
        nom
        for nom in ("titre", "debut", "fin", "lieu", "lien", "description")
        if getattr(apres, nom) != getattr(avant, nom)
    ]
    if changes:
        journal.noter_par(
            session,
            auteur,
            action="seance-modifiee",
            objet="seance",
            objet_id=seance.id,
            avant=journal.decrire({nom: getattr(avant, nom) for nom in changes}),
            apres=journal.decrire({nom: getattr(apres, nom) for nom in changes}),
            maintenant=maintenant,
        )
    for nom in ("titre", "debut", "fin", "lieu", "lien", "description"):
        setattr(seance, nom, getattr(apres, nom))
    seance.modifiee_le = maintenant
    if changement.a_annoncer:
        seance.changement_a_annoncer = True
        seance.version += 1
    session.add(seance)
    if changement.horaire:
        await _retirer_rappels_en_attente(session, seance)
    await session.commit()
    return changement


async def annuler(
    session: AsyncSession, seance: Seance, *, maintenant: datetime, auteur: journal.Auteur
) -> None:
    if auteur.par is not None and not await peut_gerer_seance(session, auteur.par, seance):
        raise ErreurSeance("interdit")
    if seance.annulee_le is not None:
        raise ErreurSeance("annulee")
    if seance.fin <= maintenant:
        raise ErreurSeance("terminee")
    seance.annulee_le = maintenant
    seance.changement_a_annoncer = True
    seance.version += 1
    session.add(seance)
    await _retirer_rappels_en_attente(session, seance)
    # Nor an earlier notice or a nudge still waiting (quiet hours): it would ask for an answer.
    for genre in ("changement", "relance"):
        await session.exec(
            sa.delete(Envoi)
            .where(col(Envoi.cle).startswith(f"{genre}:{seance.id}:"))
            .where(col(Envoi.statut) == StatutEnvoi.EN_ATTENTE)
        )
    journal.noter_par(
        session,
        auteur,
        action="seance-annulee",
        objet="seance",
        objet_id=seance.id,
        avant=journal.decrire(_resume(seance)),
        maintenant=maintenant,
    )
    await session.commit()


async def _retirer_rappels_en_attente(session: AsyncSession, seance: Seance) -> None:
    await session.exec(
        sa.delete(Envoi)
        .where(col(Envoi.cle).startswith(f"rappel:{seance.id}:"))
        .where(col(Envoi.statut) == StatutEnvoi.EN_ATTENTE)
    )


# --- Who is convened ------------------------------------------------------------------------------


def _par_defaut(seance: Seance) -> SelectOfScalar[Membre]:
    """Who a séance convenes before staff's adjustments: every member (not facilitators nor
    staff) for the whole assembly, the group's members for a group's séance; not those who
    left."""
    requete = (
        select(Membre).where(Membre.role == Role.MEMBRE).where(Membre.statut != StatutMembre.PARTI)
    )
    if seance.groupe_id is not None:
        requete = requete.join(Appartenance, col(Appartenance.membre_id) == col(Membre.id)).where(
            Appartenance.groupe_id == seance.groupe_id
        )
    return requete


async def convocables(session: AsyncSession, seance: Seance) -> list[tuple[Membre, bool]]:
    """Everyone convened by default or named by staff's adjustments, with whether they are
    convened now (a member staff removed stays listed, not convened): the list staff adjust.
    Three queries, whatever the number of members."""
    liste = {m.id: m for m in (await session.exec(_par_defaut(seance))).all()}
    ajustements = {
        a.membre_id: a.convoque
        for a in (
            await session.exec(select(Convocation).where(Convocation.seance_id == seance.id))
        ).all()
    }
    ajoutes = [i for i, convoque in ajustements.items() if convoque and i not in liste]
    if ajoutes:
        requete = (
            select(Membre)
            .where(col(Membre.id).in_(ajoutes))
            .where(Membre.statut != StatutMembre.PARTI)
        )
        liste.update({m.id: m for m in (await session.exec(requete)).all()})
    return sorted(
        ((m, ajustements.get(m.id or 0, True)) for m in liste.values()),
        key=lambda paire: (paire[0].nom.casefold(), paire[0].prenom.casefold()),
    )


async def convoques(session: AsyncSession, seance: Seance) -> list[Membre]:
    """Everyone (members) for a séance of the whole assembly, the group's members for a
    group's séance; then staff's additions and removals. Members who left are not convened."""
    return [m for m, convoque in await convocables(session, seance) if convoque]


async def nombre_convoques(
    session: AsyncSession, seance: Seance, *parmi: sa.ColumnElement[bool]
) -> int:
    """`len(convoques(...))` counted by the database, in one query whatever the number of
    members. `parmi`: conditions on the member that narrow the count (those an announcement
    can reach, say)."""
    return (await nombres_convoques(session, [seance], *parmi))[seance.id or 0]


async def nombres_convoques(
    session: AsyncSession, liste: Sequence[Seance], *parmi: sa.ColumnElement[bool]
) -> dict[int, int]:
    """`nombre_convoques` of several séances (a dashboard's), in one query whatever their
    number: séance id -> count."""
    if not liste:
        return {}
    requete: Any = sa.select(*(_compte_convoques(s, *parmi) for s in liste))
    ligne = (await session.exec(requete)).one()
    return {s.id or 0: int(n) for s, n in zip(liste, ligne, strict=True)}


def _compte_convoques(seance: Seance, *parmi: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    """The default list (`_par_defaut`) less staff's removals, plus staff's additions outside
    it who have not left, as one SQL expression."""
    defaut = _par_defaut(seance).with_only_columns(col(Membre.id))
    retires = select(Convocation.membre_id).where(
        Convocation.seance_id == seance.id, col(Convocation.convoque).is_(False)
    )
    restent = (
        select(func.count())
        .select_from(defaut.where(col(Membre.id).not_in(retires), *parmi).subquery())
        .scalar_subquery()
    )
    ajoutes = (
        select(func.count())
        .select_from(Convocation)
        .join(Membre, col(Membre.id) == col(Convocation.membre_id))
        .where(Convocation.seance_id == seance.id, col(Convocation.convoque))
        .where(Membre.statut != StatutMembre.PARTI, *parmi)
        .where(col(Membre.id).not_in(defaut))
        .scalar_subquery()
    )
    return restent + ajoutes


class Ajoutable(NamedTuple):
    """Someone staff may add: what the form's list shows (read as columns: the whole
    assembly but those listed, a thousand people)."""

    id: int
    prenom: str
    nom: str
    role: Role

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}".strip()


async def ajoutables(session: AsyncSession, exclus: set[int]) -> list[Ajoutable]:
    """The people staff may add to a séance's convocation: anyone who has not left, but
    those already listed."""
    requete = (
        select(Membre.id, Membre.prenom, Membre.nom, Membre.role)
        .where(Membre.statut != StatutMembre.PARTI)
        .order_by(col(Membre.nom), col(Membre.prenom), col(Membre.id))
    )
    return [
        Ajoutable(ident, prenom, nom, Role(role))
        for ident, prenom, nom, role in (await session.exec(requete)).all()
        if ident is not None and ident not in exclus
    ]


async def est_convoque(session: AsyncSession, seance: Seance, membre: Membre) -> bool:
    """The rule of `convoques` for one member, in at most two small queries: it runs on every
    tap of a reminder's buttons, where loading the whole group cost ~20 ms at 1,000 members."""
    if membre.statut == StatutMembre.PARTI:
        return False
    ajustement = await session.get(Convocation, (seance.id, membre.id))
    if ajustement is not None:
        return ajustement.convoque
    if membre.role != Role.MEMBRE:
        return False
    if seance.groupe_id is None:
        return True
    return await session.get(Appartenance, (membre.id, seance.groupe_id)) is not None


async def ajuster(
    session: AsyncSession,
    seance: Seance,
    membre: Membre,
    *,
    convoque: bool,
    auteur: journal.Auteur,
    maintenant: datetime,
) -> None:
    """Staff add someone to, or remove someone from, a séance's convocation (`auteur.par`
    None: the command line, which only staff run)."""
    if auteur.par is not None and auteur.par.role != Role.EQUIPE:
        raise ErreurSeance("interdit")
    existant = await session.get(Convocation, (seance.id, membre.id))
    if existant is None:
        avant = "defaut"
        existant = Convocation(
            seance_id=seance.id or 0, membre_id=membre.id or 0, convoque=convoque
        )
    else:
        avant = "convoque" if existant.convoque else "retire"
    existant.convoque = convoque
    session.add(existant)
    journal.noter_par(
        session,
        auteur,
        action="convocations",
        objet="seance",
        objet_id=seance.id,
        membre=membre,
        avant=avant,
        apres="convoque" if convoque else "retire",
        maintenant=maintenant,
    )
    await session.commit()


# --- Reading the calendar -------------------------------------------------------------------------


async def par_id(session: AsyncSession, seance_id: int) -> Seance | None:
    return await session.get(Seance, seance_id)


async def a_venir_pour(
    session: AsyncSession, membre: Membre, maintenant: datetime, limite: int = 10
) -> list[Seance]:
    """The coming séances this member is convened to (not cancelled), soonest first."""
    requete = (
        select(Seance)
        .where(col(Seance.fin) > maintenant)
        .where(col(Seance.annulee_le).is_(None))
        .order_by(col(Seance.debut))
    )
    resultat = []
    for seance in (await session.exec(requete)).all():
        if await est_convoque(session, seance, membre):
            resultat.append(seance)
            if len(resultat) >= limite:
                break
    return resultat


async def lister(
    session: AsyncSession,
    *,
    depuis: datetime,
    jusqua: datetime | None = None,
    groupes: list[Groupe] | None = None,
    avec_annulees: bool = False,
) -> list[Seance]:
    requete = select(Seance).where(col(Seance.fin) > depuis)
    if jusqua is not None:
        requete = requete.where(col(Seance.debut) < jusqua)
    if not avec_annulees:
        requete = requete.where(col(Seance.annulee_le).is_(None))
    if groupes is not None:
        requete = requete.where(col(Seance.groupe_id).in_([g.id for g in groupes]))
    return list((await session.exec(requete.order_by(col(Seance.debut)))).all())


async def page(
    session: AsyncSession,
    *,
    maintenant: datetime,
    passees: bool,
    groupes: list[Groupe] | None,
    decalage: int,
    limite: int,
) -> tuple[list[Seance], int]:
    """One page of the calendar as a list, and how many séances the whole list holds: those
    not yet ended, soonest first, or the past ones, latest first; cancelled ones included.
    `groupes` None: every séance (staff); else only these groups' (never the whole
    assembly's: facilitators do not manage those)."""
    requete = select(Seance).where(
        col(Seance.fin) <= maintenant if passees else col(Seance.fin) > maintenant
    )
    if groupes is not None:
        requete = requete.where(col(Seance.groupe_id).in_([g.id for g in groupes]))
    total = (await session.exec(select(func.count()).select_from(requete.subquery()))).one()
    ordre = (
        (col(Seance.debut).desc(), col(Seance.id).desc())
        if passees
        else (col(Seance.debut), col(Seance.id))
    )
    liste = (await session.exec(requete.order_by(*ordre).offset(decalage).limit(limite))).all()
    return list(liste), total
