"""Invitations: single-use links https://t.me/<bot>?start=<token> that bind a Telegram account
to a member record. Tokens carry 192 random bits, expire, and are stored only as a SHA-256."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.groupes import groupes_actifs, normaliser
from assemblee.membres import creer_membre, inscrire_equipe, par_telegram_id
from assemblee.modeles import (
    Appartenance,
    Groupe,
    Invitation,
    Langue,
    Membre,
    Role,
    StatutMembre,
)

OCTETS_ALEATOIRES = 24  # 192 bits; token_urlsafe gives 32 characters of [A-Za-z0-9_-]
LONGUEUR_MAX_NOM = 100
LIGNES_MAX = 5000

# What people write in a spreadsheet's role column, normalised.
_ROLES = {
    "": Role.MEMBRE,
    "membre": Role.MEMBRE,
    "animateur": Role.ANIMATEUR,
    "animatrice": Role.ANIMATEUR,
    "equipe": Role.EQUIPE,
}


def generer_jeton() -> str:
    return secrets.token_urlsafe(OCTETS_ALEATOIRES)


def hacher(jeton: str) -> str:
    # A 192-bit random token needs no slow hash: there is nothing to brute-force.
    return hashlib.sha256(jeton.encode()).hexdigest()


def lien_invitation(username: str, jeton: str) -> str:
    return f"https://t.me/{username}?start={jeton}"


async def creer_invitation(
    session: AsyncSession,
    *,
    membre: Membre,
    maintenant: datetime,
    validite: timedelta,
    auteur: journal.Auteur,
    action: str = "invitation-creee",
) -> str:
    """A new token for this member; earlier unused ones are revoked. Not committed. The audit
    log says how many were revoked and until when the new one is valid, never the token."""
    assert membre.id is not None
    revoquees = await session.exec(
        sa.update(Invitation)
        .where(col(Invitation.membre_id) == membre.id)
        .where(col(Invitation.utilisee_le).is_(None))
        .where(col(Invitation.revoquee_le).is_(None))
        .values(revoquee_le=maintenant)
    )
    jeton = generer_jeton()
    invitation = Invitation(
        membre_id=membre.id,
        jeton_hash=hacher(jeton),
        cree_le=maintenant,
        expire_le=maintenant + validite,
    )
    session.add(invitation)
    await session.flush()
    journal.noter_par(
        session,
        auteur,
        action=action,
        objet="invitation",
        objet_id=invitation.id,
        membre=membre,
        avant=journal.decrire({"revoquees": revoquees.rowcount}) if revoquees.rowcount else "",
        apres=journal.decrire({"role": membre.role, "expire_le": invitation.expire_le}),
        maintenant=maintenant,
    )
    return jeton


async def inviter(
    session: AsyncSession,
    *,
    nom: str,
    prenom: str,
    role: Role,
    groupes: Sequence[Groupe],
    maintenant: datetime,
    validite: timedelta,
    auteur: journal.Auteur,
) -> tuple[Membre, str]:
    """Create a member record and its invitation token."""
    membre = await creer_membre(
        session, nom=nom, prenom=prenom, role=role, groupes=groupes, maintenant=maintenant
    )
    jeton = await creer_invitation(
        session, membre=membre, maintenant=maintenant, validite=validite, auteur=auteur
    )
    await session.commit()
    return membre, jeton


async def renouveler(
    session: AsyncSession,
    *,
    membre: Membre,
    maintenant: datetime,
    validite: timedelta,
    auteur: journal.Auteur,
) -> str:
    """A fresh link for a member who lost theirs or changed phone; the old ones stop working."""
    jeton = await creer_invitation(
        session,
        membre=membre,
        maintenant=maintenant,
        validite=validite,
        auteur=auteur,
        action="invitation-renouvelee",
    )
    await session.commit()
    return jeton


async def renouveler_plusieurs(
    session: AsyncSession,
    *,
    membres: Sequence[Membre],
    maintenant: datetime,
    validite: timedelta,
    auteur: journal.Auteur,
) -> list[tuple[Membre, str]]:
    """Fresh links for several members at once (letters, a mail merge), in one transaction:
    only a token's hash is stored, so a link can be given again only by making a new one.
    Each renewal is in the audit log, as `renouveler`'s."""
    jetons = [
        (
            m,
            await creer_invitation(
                session,
                membre=m,
                maintenant=maintenant,
                validite=validite,
                auteur=auteur,
                action="invitation-renouvelee",
            ),
        )
        for m in membres
    ]
    await session.commit()
    return jetons


# --- Where an invitation stands -------------------------------------------------------------


class EtatInvitation(StrEnum):
    AUCUNE = "aucune"  # a staff account named in the settings, never invited
    EN_ATTENTE = "en_attente"  # the link works
    UTILISEE = "utilisee"
    EXPIREE = "expiree"
    REVOQUEE = "revoquee"


def etat(invitation: Invitation | None, maintenant: datetime) -> EtatInvitation:
    if invitation is None:
        return EtatInvitation.AUCUNE
    if invitation.utilisee_le is not None:
        return EtatInvitation.UTILISEE
    if invitation.revoquee_le is not None:
        return EtatInvitation.REVOQUEE
    if invitation.expire_le <= maintenant:
        return EtatInvitation.EXPIREE
    return EtatInvitation.EN_ATTENTE


def _dernieres() -> sa.Select[int | None]:
    # Each member's latest invitation is the one that counts: making one revokes the others.
    return sa.select(sa.func.max(col(Invitation.id))).group_by(col(Invitation.membre_id))


async def derniere(session: AsyncSession, membre: Membre) -> Invitation | None:
    requete = (
        select(Invitation)
        .where(col(Invitation.membre_id) == membre.id)
        .order_by(col(Invitation.id).desc())
        .limit(1)
    )
    return (await session.exec(requete)).first()


async def non_acceptees(session: AsyncSession, *, groupe_id: int | None = None) -> list[Membre]:
    """Members (not gone) whose latest link was never opened, waiting or expired: the people
    invitation letters are for. By name. One query."""
    requete = (
        select(Membre)
        .join(Invitation, col(Invitation.membre_id) == col(Membre.id))
        .where(col(Invitation.id).in_(_dernieres()))
        .where(col(Invitation.utilisee_le).is_(None))
        .where(col(Invitation.revoquee_le).is_(None))
        .where(col(Membre.statut) != StatutMembre.PARTI)
    )
    if groupe_id is not None:
        requete = requete.where(
            col(Membre.id).in_(
                select(Appartenance.membre_id).where(col(Appartenance.groupe_id) == groupe_id)
            )
        )
    trouves = list((await session.exec(requete)).all())
    trouves.sort(key=lambda m: (normaliser(m.nom), normaliser(m.prenom), m.id or 0))
    return trouves


async def valables(
    session: AsyncSession, jetons: Sequence[str], *, maintenant: datetime
) -> list[tuple[Membre, str, Invitation]]:
    """The tokens among these that still open an invitation (neither used, revoked nor
    expired) of a member who has not left, in the order given: a page that showed links once
    can have them printed or exported without anyone being able to slip in another."""
    formes = [j for j in dict.fromkeys(jetons) if FORME_JETON.fullmatch(j)][:LIGNES_MAX]
    if not formes:
        return []
    par_hash = {hacher(j): j for j in formes}
    requete = (
        select(Invitation, Membre)
        .join(Membre, col(Membre.id) == col(Invitation.membre_id))
        .where(col(Invitation.jeton_hash).in_(list(par_hash)))
    )
    trouves = {}
    for invitation, membre in (await session.exec(requete)).all():
        if (
            etat(invitation, maintenant) == EtatInvitation.EN_ATTENTE
            and membre.statut != StatutMembre.PARTI
        ):
            trouves[invitation.jeton_hash] = (membre, par_hash[invitation.jeton_hash], invitation)
    return [trouves[hacher(j)] for j in formes if hacher(j) in trouves]


class Refus(StrEnum):
    SANS_INVITATION = "sans-invitation"
    INCONNUE = "inconnue"
    UTILISEE = "utilisee"
    EXPIREE = "expiree"
    COMPTE_DEJA_LIE = "compte-deja-lie"
    PARTI = "parti"  # staff marked them as having left the assembly


@dataclass(frozen=True)
class Acceptation:
    membre: Membre | None = None
    refus: Refus | None = None


@dataclass(frozen=True)
class PersonneTelegram:
    """What Telegram tells us about whoever wrote /start (kept only if they are invited)."""

    telegram_id: int
    prenom: str
    nom: str
    langue: Langue


FORME_JETON = re.compile(r"[A-Za-z0-9_-]{20,64}")


async def accueillir(
    session: AsyncSession,
    *,
    jeton: str,
    membre: Membre | None,
    personne: PersonneTelegram,
    equipe_ids: Sequence[int],
    maintenant: datetime,
) -> Acceptation:
    """Who is writing /start: an invitation being accepted, a known member, a staff account
    named in the settings writing for the first time, or a stranger (refused)."""
    if jeton:
        if not FORME_JETON.fullmatch(jeton):
            return Acceptation(refus=Refus.INCONNUE)
        return await accepter(session, jeton=jeton, personne=personne, maintenant=maintenant)
    if membre is None and personne.telegram_id in equipe_ids:
        membre = await inscrire_equipe(
            session,
            telegram_id=personne.telegram_id,
            prenom=personne.prenom,
            nom=personne.nom,
            langue=personne.langue,
            maintenant=maintenant,
        )
    if membre is None:
        return Acceptation(refus=Refus.SANS_INVITATION)
    if membre.statut == StatutMembre.PARTI:
        return Acceptation(refus=Refus.PARTI)
    return Acceptation(membre=membre)


async def accepter(
    session: AsyncSession,
    *,
    jeton: str,
    personne: PersonneTelegram,
    maintenant: datetime,
) -> Acceptation:
    """Bind a Telegram account to the member the token names.

    On refusal nothing is written: the stranger leaves no trace. The token is consumed by one
    conditional UPDATE, so two simultaneous /start with the same link bind only one account.
    """
    invitation = (
        await session.exec(select(Invitation).where(Invitation.jeton_hash == hacher(jeton)))
    ).first()
    if invitation is None or invitation.revoquee_le is not None:
        return Acceptation(refus=Refus.INCONNUE)
    if invitation.utilisee_le is not None:
        proprietaire = await session.get(Membre, invitation.membre_id)
        if proprietaire is not None and proprietaire.telegram_id == personne.telegram_id:
            if proprietaire.statut == StatutMembre.PARTI:
                return Acceptation(refus=Refus.PARTI)
            return Acceptation(membre=proprietaire)  # their own link, opened again
        return Acceptation(refus=Refus.UTILISEE)
    if invitation.expire_le <= maintenant:
        return Acceptation(refus=Refus.EXPIREE)
    deja = await par_telegram_id(session, personne.telegram_id)
    if deja is not None and deja.id != invitation.membre_id:
        if deja.statut != StatutMembre.PARTI:
            return Acceptation(refus=Refus.COMPTE_DEJA_LIE)
        # Someone who left comes back with a new invitation: the old record lets go of the
        # account (its attendance stays).
        deja.telegram_id = None
        session.add(deja)
        await session.flush()
    consomme = await session.exec(
        sa.update(Invitation)
        .where(col(Invitation.id) == invitation.id)
        .where(col(Invitation.utilisee_le).is_(None))
        .values(utilisee_le=maintenant)
    )
    if consomme.rowcount != 1:
        await session.rollback()
        return Acceptation(refus=Refus.UTILISEE)
    membre = await session.get(Membre, invitation.membre_id)
    assert membre is not None
    membre.telegram_id = personne.telegram_id
    membre.lie_le = maintenant
    membre.langue = personne.langue
    membre.injoignable_depuis = None
    if membre.statut in (StatutMembre.INJOIGNABLE, StatutMembre.PARTI):
        membre.statut = StatutMembre.ACTIF if membre.a_consenti else StatutMembre.INVITE
    # Records created without a name (a facilitator invited by role) take the Telegram name.
    if not membre.prenom and not membre.nom:
        membre.prenom = personne.prenom[:LONGUEUR_MAX_NOM]
        membre.nom = personne.nom[:LONGUEUR_MAX_NOM]
    session.add(membre)
    try:
        await session.commit()
    except IntegrityError:
        # Two invitations opened at once by one account: the other one bound it first. This
        # one is rolled back whole, so its link stays unused.
        await session.rollback()
        return Acceptation(refus=Refus.COMPTE_DEJA_LIE)
    return Acceptation(membre=membre)


# --- Importing the lottery's list ---------------------------------------------------------------


@dataclass(frozen=True)
class Probleme:
    """One reason a file is refused: a `code` and its `valeurs` for the console's texts, and
    the operator's French sentence (`str()`, what the command line prints)."""

    code: str
    texte: str
    numero: int | None = None  # the file's line, as a spreadsheet shows it
    valeurs: dict[str, str | int] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"ligne {self.numero} : {self.texte}." if self.numero is not None else self.texte


class ErreurImport(Exception):
    """The file is refused whole; `erreurs` has one line per problem, with its line number."""

    def __init__(self, erreurs: list[str], problemes: Sequence[Probleme] = ()) -> None:
        super().__init__("\n".join(erreurs))
        self.erreurs = erreurs
        self.problemes = list(problemes)


@dataclass
class LigneImport:
    numero: int  # line number in the file, as a spreadsheet shows it
    valeurs: dict[str, str]  # the line as read, every column kept for the mail merge
    nom: str
    prenom: str
    role: Role
    groupes: list[Groupe] = field(default_factory=list)
    membre: Membre | None = None
    jeton: str = ""


@dataclass
class Import:
    entetes: list[str]
    separateur: str
    encodage: str
    lignes: list[LigneImport]


@dataclass
class Examen:
    """A file read and checked line by line: the good lines and every problem, so that a face
    can show both before anything is imported (nothing is, while `problemes` is not empty)."""

    entetes: list[str]
    separateur: str
    encodage: str
    lignes: list[LigneImport]
    problemes: list[Probleme]


def decoder(contenu: bytes) -> tuple[str, str]:
    """UTF-8 (with or without the BOM spreadsheets add), else Windows-1252 (French Excel)."""
    try:
        return contenu.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return contenu.decode("cp1252", errors="strict"), "windows-1252"


def _separateur(texte: str) -> str:
    premiere = texte.split("\n", 1)[0]
    return max(";,\t", key=premiere.count)


def _refus(probleme: Probleme, separateur: str = ";", encodage: str = "utf-8") -> Examen:
    return Examen([], separateur, encodage, [], [probleme])


async def examiner_import(session: AsyncSession, contenu: bytes) -> Examen:
    """Read and check the whole file: every good line and every problem, each with its line
    number. Writes nothing."""
    try:
        texte, encodage = decoder(contenu)
    except UnicodeDecodeError:
        return _refus(
            Probleme("illisible", "le fichier n'est pas un texte CSV lisible (UTF-8 attendu).")
        )
    separateur = _separateur(texte)
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    try:
        entetes = next(lecteur)
    except (StopIteration, csv.Error):
        return _refus(
            Probleme("vide", "le fichier est vide ; il faut une ligne d'en-têtes", 1),
            separateur,
            encodage,
        )
    colonnes = {normaliser(e): i for i, e in enumerate(entetes)}
    manquantes = [c for c in ("nom", "prenom", "groupe") if c not in colonnes]
    if manquantes:
        trouves = ", ".join(entetes) or "aucun"
        return _refus(
            Probleme(
                "colonnes-manquantes",
                f"colonne(s) {', '.join(manquantes)} absente(s) (en-têtes trouvés : {trouves})",
                1,
                {"manquantes": ", ".join(manquantes), "trouves": ", ".join(entetes)},
            ),
            separateur,
            encodage,
        )
    index_groupes = {}
    for g in await groupes_actifs(session):
        index_groupes[g.slug] = index_groupes[normaliser(g.nom)] = g
    existants = {
        (normaliser(m.nom), normaliser(m.prenom))
        for m in (await session.exec(select(Membre))).all()
        if m.statut != StatutMembre.PARTI
    }

    problemes: list[Probleme] = []
    lignes: list[LigneImport] = []
    vues: dict[tuple[str, str], int] = {}
    try:
        for rangee in lecteur:
            if not any(v.strip() for v in rangee):
                continue
            numero = lecteur.line_num
            if len(lignes) >= LIGNES_MAX:
                problemes.append(
                    Probleme(
                        "trop-de-lignes",
                        f"plus de {LIGNES_MAX} membres, fichier refusé",
                        numero,
                        {"max": LIGNES_MAX},
                    )
                )
                break
            ligne, probleme = _lire_ligne(numero, rangee, entetes, colonnes, index_groupes)
            probleme = probleme or _doublon(ligne, vues, existants)
            if probleme is not None:
                problemes.append(probleme)
            elif ligne is not None:
                lignes.append(ligne)
    except csv.Error as exc:
        problemes.append(
            Probleme(
                "csv-illisible",
                f"CSV illisible ({exc})",
                lecteur.line_num,
                {"detail": str(exc)},
            )
        )
    if not lignes and not problemes:
        problemes.append(
            Probleme(
                "aucun-membre", "le fichier ne contient aucun membre (seulement les en-têtes)."
            )
        )
    return Examen(entetes, separateur, encodage, lignes, problemes)


async def lire_import(session: AsyncSession, contenu: bytes) -> Import:
    """Read and check the whole file first: any bad line refuses the whole file."""
    examen = await examiner_import(session, contenu)
    if examen.problemes:
        raise ErreurImport([str(p) for p in examen.problemes], examen.problemes)
    return Import(examen.entetes, examen.separateur, examen.encodage, examen.lignes)


def _doublon(
    ligne: LigneImport | None, vues: dict[tuple[str, str], int], existants: set[tuple[str, str]]
) -> Probleme | None:
    if ligne is None:
        return None
    cle = (normaliser(ligne.nom), normaliser(ligne.prenom))
    if cle in vues:
        return Probleme(
            "doublon",
            f"même nom et prénom que la ligne {vues[cle]}",
            ligne.numero,
            {"autre": vues[cle]},
        )
    vues[cle] = ligne.numero
    if cle in existants:
        return Probleme(
            "deja-inscrit",
            f"{ligne.prenom} {ligne.nom} est déjà inscrit·e ; pour un nouveau lien, "
            "utilisez « assemblee invitation renouveler »",
            ligne.numero,
            {"nom": f"{ligne.prenom} {ligne.nom}"},
        )
    return None


def _lire_ligne(
    numero: int,
    rangee: list[str],
    entetes: list[str],
    colonnes: dict[str, int],
    index_groupes: dict[str, Groupe],
) -> tuple[LigneImport | None, Probleme | None]:
    def refus(code: str, texte: str, **valeurs: str | int) -> tuple[None, Probleme]:
        return None, Probleme(code, texte, numero, valeurs)

    if len(rangee) > len(entetes):
        return refus(
            "colonnes-en-trop",
            f"{len(rangee)} colonnes au lieu de {len(entetes)} (séparateur en trop ?)",
            n=len(rangee),
            attendu=len(entetes),
        )
    rangee = rangee + [""] * (len(entetes) - len(rangee))

    def cellule(nom: str) -> str:
        return rangee[colonnes[nom]].strip() if nom in colonnes else ""

    nom, prenom = cellule("nom"), cellule("prenom")
    if not nom or not prenom:
        return refus("nom-manquant", "le nom et le prénom sont obligatoires")
    if len(nom) > LONGUEUR_MAX_NOM or len(prenom) > LONGUEUR_MAX_NOM:
        return refus(
            "nom-trop-long",
            f"nom ou prénom de plus de {LONGUEUR_MAX_NOM} caractères",
            max=LONGUEUR_MAX_NOM,
        )
    role_lu = cellule("role")
    role = _ROLES.get(normaliser(role_lu))
    if role == Role.EQUIPE:
        # Staff is whoever EQUIPE_TELEGRAM_IDS names, and no one else: an invitation as staff
        # would be undone at the next start.
        return refus(
            "role-equipe",
            "rôle « équipe » : l'équipe se déclare par le réglage EQUIPE_TELEGRAM_IDS, "
            "pas dans ce fichier (mettez membre ou animateur)",
        )
    if role is None:
        return refus(
            "role-inconnu", f"rôle « {role_lu} » inconnu (membre ou animateur)", role=role_lu
        )
    designations = [d.strip() for d in cellule("groupe").split("|") if d.strip()]
    if not designations:
        return refus("groupe-manquant", "groupe manquant")
    if len(designations) > 1 and role == Role.MEMBRE:
        return refus(
            "un-seul-groupe",
            "un membre appartient à un seul groupe (plusieurs pour un·e animateur·ice)",
        )
    choisis: list[Groupe] = []
    for designation in designations:
        groupe = index_groupes.get(normaliser(designation))
        if groupe is None:
            connus = ", ".join(sorted({g.slug for g in index_groupes.values()}))
            return refus(
                "groupe-inconnu",
                f"groupe « {designation} » inconnu (groupes : {connus})",
                groupe=designation,
                connus=connus,
            )
        choisis.append(groupe)
    valeurs = dict(zip(entetes, rangee, strict=True))
    return LigneImport(numero, valeurs, nom, prenom, role, choisis), None


async def enregistrer_import(
    session: AsyncSession,
    lecture: Import,
    *,
    maintenant: datetime,
    validite: timedelta,
    auteur: journal.Auteur,
) -> list[LigneImport]:
    """Create every member and invitation of a checked file, in one transaction."""
    for ligne in lecture.lignes:
        ligne.membre = await creer_membre(
            session,
            nom=ligne.nom,
            prenom=ligne.prenom,
            role=ligne.role,
            groupes=ligne.groupes,
            maintenant=maintenant,
        )
        ligne.jeton = await creer_invitation(
            session, membre=ligne.membre, maintenant=maintenant, validite=validite, auteur=auteur
        )
    journal.noter_par(
        session,
        auteur,
        action="import-membres",
        objet="membre",
        objet_id=None,
        apres=f"{len(lecture.lignes)} membre(s)",
        maintenant=maintenant,
    )
    await session.commit()
    return lecture.lignes
