"""A renewal campaign, from the volunteers' registration to the new members: the database side
of the draw (assemblee/tirage.py draws; this module keeps who registered, the targets, the
commitment, the result, the seats offered and their answers).

The steps, each refused out of order with one sentence: create the campaign; volunteers
register (bot or CSV) until the close; staff set the targets (and the members who stay) and
commit to a secret (only its SHA-256 is stored: nobody reading the database can know the seed
before the draw); after the close, the draw with the secret and the public value; the seats
are offered, a decline or a silence past the deadline calls the reserve's next who keeps the
targets; the members who leave go on the renewal date; the volunteers' data are anonymised on
the deletion date told in the notice."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import secrets
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import metadata
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, journal, membres, tirage
from assemblee.invitations import decoder
from assemblee.modeles import (
    Campagne,
    EtatConversation,
    EtatSiege,
    Langue,
    Membre,
    Restant,
    Role,
    Siege,
    StatutMembre,
    Volontaire,
)
from assemblee.tableur import ecrire_csv
from assemblee.textes import Catalogue

# The four criteria of the draw and their values: the registration form asks exactly these,
# config/tirage.toml gives their targets.
VALEURS: dict[str, tuple[str, ...]] = {
    "genre": ("femme", "homme", "autre"),
    "age": ("16-24", "25-39", "40-54", "55-64", "65+"),
    "diplome": ("sans-diplome", "cap-bep", "bac", "bac+2", "bac+3"),
    "arrondissement": tuple(str(i) for i in range(1, 21)),
}
CATEGORIES = tuple(VALEURS)
AGE_MIN = 16  # the assembly takes residents from 16
AGE_MAX = 120
LONGUEUR_NOM = 100
LONGUEUR_CONTACT = 200
LONGUEUR_VALEUR = 200  # the secret and the public value, as stored with the draw
CONTACT_TELEGRAM = "telegram"
FORME_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,29}")
PREFIXE_LIEN = "candidater-"
ETAT_FORMULAIRE = "Candidature:"
# A campaign's dates are the city's: its year (for the age) and the dates in its messages.
# The faces pass the settings' zone where they have it.
FUSEAU = ZoneInfo("Europe/Paris")  # the bot's form states (commandes/candidatures.py)
# Pseudonymous ids: no 0/O, 1/I; 8 characters (40 bits) so that nothing in them leads back.
_ALPHABET_PSEUDO = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ErreurCampagne(Exception):
    """A step refused, in one sentence for whoever asked; nothing was changed."""


def lien(username: str, campagne: Campagne) -> str:
    return f"https://t.me/{username}?start={PREFIXE_LIEN}{campagne.slug}"


def annee_de(instant: datetime, fuseau: ZoneInfo = FUSEAU) -> int:
    """The local year of an instant (a renewal at midnight on 1 January, Paris time, is
    still 31 December in UTC)."""
    return instant.astimezone(fuseau).year


def _jour(instant: datetime | None) -> str:
    return f"{instant.astimezone(FUSEAU):%d/%m/%Y}" if instant else "?"


def age_de(annee: int, reference: datetime, fuseau: ZoneInfo = FUSEAU) -> str:
    """The age band on the reference date (the renewal: when the mandate starts), counted
    from the birth year (the age reached during that year)."""
    age = annee_de(reference, fuseau) - annee
    for bande in reversed(VALEURS["age"]):
        if age >= int(bande.split("-")[0].rstrip("+")):
            return bande
    raise ErreurCampagne(f"{AGE_MIN} ans au moins")


# --- Campaigns ----------------------------------------------------------------------------------


async def creer(
    session: AsyncSession,
    *,
    slug: str,
    nom: str,
    ouverture: datetime,
    cloture: datetime,
    renouvellement_le: datetime,
    suppression_le: datetime,
    delai_reponse_jours: int,
    maintenant: datetime,
    auteur: journal.Auteur = journal.CLI,
) -> Campagne:
    if not FORME_SLUG.fullmatch(slug):
        raise ErreurCampagne(
            f"Nom court « {slug} » refusé : de 2 à 30 lettres minuscules, chiffres ou tirets "
            "(il apparaît dans le lien)."
        )
    if not nom.strip():
        raise ErreurCampagne("La campagne a besoin d'un nom.")
    if not ouverture < cloture <= renouvellement_le:
        raise ErreurCampagne(
            "Les dates doivent se suivre : ouverture, puis clôture des inscriptions, puis "
            "renouvellement."
        )
    if suppression_le < cloture:
        raise ErreurCampagne(
            "La date d'effacement des données ne peut pas précéder la clôture des inscriptions."
        )
    if not 1 <= delai_reponse_jours <= 60:
        raise ErreurCampagne("Le délai pour accepter un siège : de 1 à 60 jours.")
    if await par_slug(session, slug) is not None:
        raise ErreurCampagne(f"Une campagne « {slug} » existe déjà.")
    campagne = Campagne(
        slug=slug,
        nom=nom.strip()[:LONGUEUR_NOM],
        ouverture=ouverture,
        cloture=cloture,
        renouvellement_le=renouvellement_le,
        suppression_le=suppression_le,
        delai_reponse_jours=delai_reponse_jours,
        cree_le=maintenant,
    )
    session.add(campagne)
    await session.flush()
    _noter(session, auteur, "campagne-creee", campagne, maintenant, {"slug": slug})
    await session.commit()
    return campagne


def _noter(
    session: AsyncSession,
    auteur: journal.Auteur,
    action: str,
    campagne: Campagne,
    maintenant: datetime,
    apres: dict[str, Any],
) -> None:
    journal.noter_par(
        session,
        auteur,
        action=action,
        objet="campagne",
        objet_id=campagne.id,
        apres=journal.decrire(apres),
        maintenant=maintenant,
    )


async def par_slug(session: AsyncSession, slug: str) -> Campagne | None:
    return (await session.exec(select(Campagne).where(Campagne.slug == slug))).first()


async def courante(session: AsyncSession) -> Campagne | None:
    """The campaign staff work on: the latest created that is not erased yet."""
    return (
        await session.exec(
            select(Campagne)
            .where(col(Campagne.effacee_le).is_(None))
            .order_by(col(Campagne.cree_le).desc(), col(Campagne.id).desc())
        )
    ).first()


def ouverte(campagne: Campagne, maintenant: datetime) -> bool:
    return campagne.ouverture <= maintenant < campagne.cloture and campagne.effacee_le is None


# --- Volunteers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fiche:
    """What a volunteer answers. `annee_naissance` or only the band (a paper form may give
    the band)."""

    prenom: str
    nom: str
    genre: str
    age: str
    diplome: str
    arrondissement: str
    contact: str
    annee_naissance: int | None = None
    adresse: str | None = None


def lire_nom(texte: str, quoi: str = "prénom") -> str:
    valeur = " ".join(texte.split())
    if not valeur:
        raise ErreurCampagne(f"Le {quoi} est vide.")
    if len(valeur) > LONGUEUR_NOM:
        raise ErreurCampagne(f"Ce {quoi} est trop long ({LONGUEUR_NOM} caractères au plus).")
    if not any(c.isalpha() for c in valeur):
        raise ErreurCampagne(f"Ce {quoi} ne contient aucune lettre.")
    return valeur


def lire_annee(texte: str, campagne: Campagne, fuseau: ZoneInfo = FUSEAU) -> int:
    valeur = texte.strip()
    if not re.fullmatch(r"\d{4}", valeur):
        raise ErreurCampagne("Écrivez l'année en quatre chiffres, par exemple 1975.")
    annee = int(valeur)
    reference = annee_de(campagne.renouvellement_le, fuseau)
    age = reference - annee
    if age < AGE_MIN:
        raise ErreurCampagne(f"Il faut avoir {AGE_MIN} ans en {reference} pour siéger.")
    if age > AGE_MAX:
        raise ErreurCampagne("Cette année de naissance ne semble pas juste.")
    return annee


def lire_contact(texte: str) -> str:
    valeur = " ".join(texte.split())
    if not valeur:
        raise ErreurCampagne("Le moyen de vous joindre est vide.")
    if len(valeur) > LONGUEUR_CONTACT:
        raise ErreurCampagne(f"Trop long ({LONGUEUR_CONTACT} caractères au plus).")
    chiffres = re.sub(r"[\s.()+-]", "", valeur)
    if "@" in valeur or (chiffres.isdigit() and 9 <= len(chiffres) <= 15):
        return valeur
    raise ErreurCampagne("Donnez un numéro de téléphone ou une adresse e-mail.")


def verifier_valeur(categorie: str, valeur: str) -> str:
    if valeur not in VALEURS[categorie]:
        raise ErreurCampagne(
            f"« {categorie} » vaut « {valeur} » : attendu {', '.join(VALEURS[categorie])}."
        )
    return valeur


def _pseudo() -> str:
    return "V" + "".join(secrets.choice(_ALPHABET_PSEUDO) for _ in range(7))


def _cle_doublon(prenom: str, nom: str, naissance: str, arrondissement: str) -> tuple[str, ...]:
    def plat(t: str) -> str:
        sans = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z]", "", sans.lower())

    return (plat(prenom), plat(nom), naissance, arrondissement)


def _naissance(v: Volontaire | Fiche) -> str:
    return str(v.annee_naissance) if v.annee_naissance else f"age:{v.age}"


async def volontaires(session: AsyncSession, campagne: Campagne) -> list[Volontaire]:
    return list(
        (
            await session.exec(
                select(Volontaire)
                .where(Volontaire.campagne_id == campagne.id)
                .order_by(col(Volontaire.id))
            )
        ).all()
    )


async def du_telegram(
    session: AsyncSession, campagne: Campagne, telegram_id: int
) -> Volontaire | None:
    return (
        await session.exec(
            select(Volontaire)
            .where(Volontaire.campagne_id == campagne.id)
            .where(Volontaire.telegram_id == telegram_id)
        )
    ).first()


async def de_telegram(session: AsyncSession, telegram_id: int) -> list[Volontaire]:
    """Every registration of this account in a campaign not erased yet (most recent first)."""
    return list(
        (
            await session.exec(
                select(Volontaire)
                .join(Campagne, col(Campagne.id) == Volontaire.campagne_id)
                .where(Volontaire.telegram_id == telegram_id)
                .where(col(Campagne.effacee_le).is_(None))
                .order_by(col(Volontaire.id).desc())
            )
        ).all()
    )


async def _doublon(session: AsyncSession, v: Volontaire) -> int | None:
    """Another volunteer of the campaign with the same name, birth year (or band) and
    arrondissement: flagged for staff, never merged (two people may share all of it)."""
    cle = _cle_doublon(v.prenom, v.nom, _naissance(v), v.arrondissement)
    autres = await session.exec(
        select(Volontaire)
        .where(Volontaire.campagne_id == v.campagne_id)
        .where(Volontaire.arrondissement == v.arrondissement)
        .where(col(Volontaire.id) != v.id)
        .where(col(Volontaire.anonymise_le).is_(None))
        .order_by(col(Volontaire.id))
    )
    for autre in autres:
        if _cle_doublon(autre.prenom, autre.nom, _naissance(autre), autre.arrondissement) == cle:
            return autre.id
    return None


def _verifier_fiche(fiche: Fiche) -> None:
    for categorie in CATEGORIES:
        verifier_valeur(categorie, getattr(fiche, categorie))
    lire_nom(fiche.prenom)
    lire_nom(fiche.nom, "nom")
    if fiche.contact != CONTACT_TELEGRAM:
        lire_contact(fiche.contact)


async def inscrire(
    session: AsyncSession,
    campagne: Campagne,
    fiche: Fiche,
    *,
    telegram_id: int | None,
    langue: Langue,
    maintenant: datetime,
) -> Volontaire:
    """Register (or, for the same Telegram account, update) a volunteer before the close."""
    if not ouverte(campagne, maintenant):
        raise ErreurCampagne(_fermee(campagne, maintenant))
    _verifier_fiche(fiche)
    volontaire = (
        await du_telegram(session, campagne, telegram_id) if telegram_id is not None else None
    )
    if volontaire is None:
        volontaire = Volontaire(
            campagne_id=campagne.id or 0,
            pseudo=await _nouveau_pseudo(session, campagne),
            telegram_id=telegram_id,
            origine="bot" if telegram_id is not None else "papier",
            consentement_le=maintenant,
            inscrit_le=maintenant,
            modifie_le=maintenant,
            genre=fiche.genre,
            age=fiche.age,
            diplome=fiche.diplome,
            arrondissement=fiche.arrondissement,
        )
    _remplir(volontaire, fiche, langue, maintenant)
    session.add(volontaire)
    await session.flush()
    volontaire.doublon_de = await _doublon(session, volontaire)
    session.add(volontaire)
    await session.commit()
    return volontaire


def _remplir(v: Volontaire, fiche: Fiche, langue: Langue, maintenant: datetime) -> None:
    v.prenom, v.nom = fiche.prenom, fiche.nom
    v.genre, v.age, v.diplome = fiche.genre, fiche.age, fiche.diplome
    v.arrondissement = fiche.arrondissement
    v.annee_naissance = fiche.annee_naissance
    v.contact = fiche.contact
    v.adresse = fiche.adresse
    v.langue = langue
    v.modifie_le = maintenant


async def _nouveau_pseudo(session: AsyncSession, campagne: Campagne) -> str:
    while True:
        pseudo = _pseudo()
        deja = await session.exec(
            select(Volontaire.id)
            .where(Volontaire.campagne_id == campagne.id)
            .where(Volontaire.pseudo == pseudo)
        )
        if deja.first() is None:
            return pseudo


def _fermee(campagne: Campagne, maintenant: datetime) -> str:
    if campagne.effacee_le is not None or maintenant >= campagne.cloture:
        return "Les inscriptions à ce tirage au sort sont closes."
    return "Les inscriptions à ce tirage au sort ne sont pas encore ouvertes."


async def retirer(session: AsyncSession, volontaire: Volontaire, *, maintenant: datetime) -> None:
    """A volunteer withdraws, at any time: their data are deleted. After the draw, the row
    stays anonymised (the published pool names its pseudonymous id), and a seat they were
    offered is declined, which calls the reserve."""
    siege = (await session.exec(select(Siege).where(Siege.volontaire_id == volontaire.id))).first()
    campagne = await session.get(Campagne, volontaire.campagne_id)
    assert campagne is not None
    if campagne.tire_le is None:
        await session.delete(volontaire)
        await session.commit()
        return
    _anonymiser(volontaire, maintenant)
    session.add(volontaire)
    if siege is not None and siege.etat == EtatSiege.PROPOSE:
        await _clore_siege(session, campagne, siege, EtatSiege.DECLINE, maintenant)
    await session.commit()


def _anonymiser(v: Volontaire, maintenant: datetime) -> None:
    v.prenom = v.nom = v.contact = ""
    v.telegram_id = None
    v.annee_naissance = None
    v.adresse = None
    v.anonymise_le = v.anonymise_le or maintenant


# --- CSV import of paper and phone registrations --------------------------------------------------

COLONNES_IMPORT = ("prenom", "nom", "genre", "naissance", "diplome", "arrondissement", "contact")
COLONNE_ADRESSE = "adresse"


@dataclass(frozen=True)
class Import:
    ajoutes: int
    doublons: int


def _lire_csv(contenu: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and each row with its line number in the file (blank lines counted)."""
    try:
        texte, _ = decoder(contenu)
    except UnicodeDecodeError:
        raise ErreurCampagne("Le fichier n'est ni en UTF-8 ni en Windows-1252.") from None
    premiere = texte.split("\n", 1)[0]
    separateur = max(";,\t", key=premiere.count)
    lecteur = csv.DictReader(io.StringIO(texte), delimiter=separateur)
    entetes = [(e or "").strip().lower() for e in (lecteur.fieldnames or [])]
    lecteur.fieldnames = entetes
    return entetes, [(lecteur.line_num, ligne) for ligne in lecteur]


def _fiche_papier(ligne: Mapping[str, str | None], campagne: Campagne, fuseau: ZoneInfo) -> Fiche:
    def cellule(nom: str) -> str:
        return (ligne.get(nom) or "").strip()

    naissance = cellule("naissance")
    annee = None
    if re.fullmatch(r"\d{4}", naissance):
        annee = lire_annee(naissance, campagne, fuseau)
        age = age_de(annee, campagne.renouvellement_le, fuseau)
    else:
        age = verifier_valeur("age", naissance)
    return Fiche(
        prenom=lire_nom(cellule("prenom")),
        nom=lire_nom(cellule("nom"), "nom"),
        genre=verifier_valeur("genre", cellule("genre").lower()),
        age=age,
        diplome=verifier_valeur("diplome", cellule("diplome").lower()),
        arrondissement=verifier_valeur("arrondissement", cellule("arrondissement").lstrip("0")),
        contact=lire_contact(cellule("contact")),
        annee_naissance=annee,
        adresse=cellule(COLONNE_ADRESSE)[:200] or None,
    )


async def importer(
    session: AsyncSession,
    campagne: Campagne,
    contenu: bytes,
    *,
    maintenant: datetime,
    auteur: journal.Auteur = journal.CLI,
    fuseau: ZoneInfo = FUSEAU,
) -> Import:
    """Paper and phone registrations (their consent given on the form): every line is checked
    first, and one bad line refuses the whole file, naming it. Accepted until the draw (forms
    posted before the close arrive late)."""
    if campagne.tire_le is not None or campagne.effacee_le is not None:
        raise ErreurCampagne("Le tirage est fait : on ne peut plus ajouter de volontaires.")
    entetes, lignes = _lire_csv(contenu)
    manquantes = [c for c in COLONNES_IMPORT if c not in entetes]
    if manquantes:
        raise ErreurCampagne(
            f"Colonnes absentes : {', '.join(manquantes)} (attendues : "
            f"{';'.join(COLONNES_IMPORT)}[;{COLONNE_ADRESSE}])."
        )
    if not lignes:
        raise ErreurCampagne("Le fichier ne contient aucune inscription.")
    fiches = []
    for numero, ligne in lignes:
        try:
            fiches.append(_fiche_papier(ligne, campagne, fuseau))
        except ErreurCampagne as exc:
            raise ErreurCampagne(f"Ligne {numero} : {exc}") from None
    doublons = 0
    for fiche in fiches:
        v = Volontaire(
            campagne_id=campagne.id or 0,
            pseudo=await _nouveau_pseudo(session, campagne),
            origine="papier",
            consentement_le=maintenant,
            inscrit_le=maintenant,
            modifie_le=maintenant,
            genre=fiche.genre,
            age=fiche.age,
            diplome=fiche.diplome,
            arrondissement=fiche.arrondissement,
        )
        _remplir(v, fiche, Langue.FR, maintenant)
        session.add(v)
        await session.flush()
        v.doublon_de = await _doublon(session, v)
        doublons += v.doublon_de is not None
    _noter(
        session,
        auteur,
        "volontaires-importes",
        campagne,
        maintenant,
        {"ajoutes": len(fiches), "doublons": doublons},
    )
    await session.commit()
    return Import(len(fiches), doublons)


async def trancher_doublon(
    session: AsyncSession,
    campagne: Campagne,
    pseudo: str,
    *,
    garder: bool,
    maintenant: datetime,
    auteur: journal.Auteur = journal.CLI,
) -> Volontaire:
    """Staff settle a flagged duplicate: kept (two people) or removed (one person twice)."""
    v = (
        await session.exec(
            select(Volontaire)
            .where(Volontaire.campagne_id == campagne.id)
            .where(Volontaire.pseudo == pseudo.strip().upper())
        )
    ).first()
    if v is None:
        raise ErreurCampagne(f"Aucun volontaire « {pseudo} » dans cette campagne.")
    if v.doublon_de is None:
        raise ErreurCampagne(f"{v.pseudo} n'est pas signalé comme doublon.")
    if campagne.tire_le is not None:
        raise ErreurCampagne("Le tirage est fait : les doublons ne se tranchent plus.")
    _noter(
        session,
        auteur,
        "doublon-tranche",
        campagne,
        maintenant,
        {"volontaire": v.pseudo, "garde": garder},
    )
    if garder:
        v.doublon_de = None
        session.add(v)
        await session.commit()
    else:
        await retirer(session, v, maintenant=maintenant)
    return v


# --- Targets ------------------------------------------------------------------------------------


def lire_cibles(texte: str) -> tuple[tirage.Cibles, str]:
    """The targets file, whose categories must be the form's. A value the file leaves out
    takes no seat (its bounds are 0 to 0): its volunteers stay in the pool, never drawn."""
    cibles, algorithme = tirage.lire_cibles(texte)
    completes = {}
    for nom, valeurs in cibles.categories.items():
        if nom not in VALEURS:
            raise tirage.ErreurTirage(
                f"Catégorie « {nom} » inconnue du formulaire : {', '.join(CATEGORIES)}."
            )
        inconnues = [v for v in valeurs if v not in VALEURS[nom]]
        if inconnues:
            raise tirage.ErreurTirage(
                f"« {nom} » : valeur(s) inconnue(s) du formulaire : {', '.join(inconnues)} "
                f"(attendu {', '.join(VALEURS[nom])})."
            )
        completes[nom] = {v: valeurs.get(v, tirage.Bornes(0, 0)) for v in VALEURS[nom]}
    return tirage.Cibles(cibles.sieges, completes), algorithme


async def fixer_cibles(
    session: AsyncSession,
    campagne: Campagne,
    texte: str,
    *,
    restants: bytes | None,
    maintenant: datetime,
    auteur: journal.Auteur = journal.CLI,
) -> None:
    """Set the targets and (for a partial renewal) the members who stay with their categories
    (CSV: membre;genre;age;diplome;arrondissement). Refused after the draw."""
    if campagne.tire_le is not None:
        raise ErreurCampagne("Le tirage est fait : ses cibles ne changent plus.")
    try:
        cibles, _ = lire_cibles(texte)
    except tirage.ErreurTirage as exc:
        raise ErreurCampagne(str(exc)) from None
    lus = _lire_restants(restants) if restants is not None else None
    if lus is not None:
        for membre_id in lus:
            m = await session.get(Membre, membre_id)
            if m is None or m.statut == StatutMembre.PARTI:
                raise ErreurCampagne(f"Membre n° {membre_id} inconnu ou parti.")
    # The new targets with the members who stay (the file given, else those recorded).
    reste = lus or {
        r.membre_id: {c: getattr(r, c) for c in CATEGORIES}
        for r in await membres_qui_restent(session, campagne)
    }
    if reste:
        try:
            tirage.reduire(cibles, [tirage.Volontaire(str(i), c) for i, c in reste.items()])
        except tirage.ErreurTirage as exc:
            raise ErreurCampagne(str(exc)) from None
    if lus is not None:
        await session.exec(sa.delete(Restant).where(col(Restant.campagne_id) == campagne.id))
        for membre_id, c in lus.items():
            session.add(Restant(campagne_id=campagne.id or 0, membre_id=membre_id, **c))
    campagne.cibles = texte
    session.add(campagne)
    _noter(
        session,
        auteur,
        "cibles-fixees",
        campagne,
        maintenant,
        {"sieges": cibles.sieges, "restants": len(lus) if lus is not None else "inchangés"},
    )
    await session.commit()


def _lire_restants(contenu: bytes) -> dict[int, dict[str, str]]:
    entetes, lignes = _lire_csv(contenu)
    manquantes = [c for c in ("membre", *CATEGORIES) if c not in entetes]
    if manquantes:
        raise ErreurCampagne(
            f"Fichier des membres qui restent : colonnes absentes : {', '.join(manquantes)}."
        )
    lus: dict[int, dict[str, str]] = {}
    for numero, ligne in lignes:
        brut = (ligne.get("membre") or "").strip()
        if not brut.isdigit():
            raise ErreurCampagne(f"Ligne {numero} : « membre » doit être un numéro de membre.")
        try:
            lus[int(brut)] = {
                c: verifier_valeur(c, (ligne.get(c) or "").strip().lower().lstrip("0"))
                if c == "arrondissement"
                else verifier_valeur(c, (ligne.get(c) or "").strip().lower())
                for c in CATEGORIES
            }
        except ErreurCampagne as exc:
            raise ErreurCampagne(f"Ligne {numero} : {exc}") from None
    return lus


async def membres_qui_restent(session: AsyncSession, campagne: Campagne) -> list[Restant]:
    return list(
        (await session.exec(select(Restant).where(Restant.campagne_id == campagne.id))).all()
    )


async def cibles_du_tirage(session: AsyncSession, campagne: Campagne) -> tuple[tirage.Cibles, str]:
    """The targets the draw uses: the file's, reduced by the members who stay."""
    if not campagne.cibles:
        raise ErreurCampagne(
            "Les cibles ne sont pas fixées : assemblee tirage campagne cibles --fichier …"
        )
    try:
        cibles, algorithme = lire_cibles(campagne.cibles)
        reste = await membres_qui_restent(session, campagne)
        if reste:
            cibles = tirage.reduire(
                cibles,
                [
                    tirage.Volontaire(str(r.membre_id), {c: getattr(r, c) for c in CATEGORIES})
                    for r in reste
                ],
            )
    except tirage.ErreurTirage as exc:
        raise ErreurCampagne(str(exc)) from None
    return cibles, algorithme


# --- Where the campaign stands ----------------------------------------------------------------


def inscrits(vs: Sequence[Volontaire]) -> list[Volontaire]:
    """The volunteers in the pool: not anonymised (withdrawn after the draw)."""
    return [v for v in vs if v.anonymise_le is None]


@dataclass(frozen=True)
class Etat:
    campagne: Campagne
    volontaires: int
    par_valeur: Mapping[str, Mapping[str, int]]  # category -> value -> volunteers
    doublons: int
    cibles: tirage.Cibles | None
    erreur_cibles: str | None
    manques: tuple[tirage.Manque, ...]  # values with fewer volunteers than their minimum
    sieges: tuple[Siege, ...]


async def etat(session: AsyncSession, campagne: Campagne) -> Etat:
    vs = inscrits(await volontaires(session, campagne))
    par_valeur = {c: Counter(getattr(v, c) for v in vs) for c in CATEGORIES}
    cibles = erreur = None
    trouves: list[tirage.Manque] = []
    if campagne.cibles:
        try:
            cibles, _ = await cibles_du_tirage(session, campagne)
            trouves = tirage.manques(cibles, _pool(vs))
        except ErreurCampagne as exc:
            erreur = str(exc)
    sieges = (
        await session.exec(
            select(Siege)
            .where(Siege.campagne_id == campagne.id)
            .order_by(col(Siege.numero), col(Siege.id))
        )
    ).all()
    return Etat(
        campagne,
        len(vs),
        {c: dict(n) for c, n in par_valeur.items()},
        sum(1 for v in vs if v.doublon_de is not None),
        cibles,
        erreur,
        tuple(trouves),
        tuple(sieges),
    )


def _pool(vs: Sequence[Volontaire]) -> list[tirage.Volontaire]:
    return [
        tirage.Volontaire(v.pseudo, {c: getattr(v, c) for c in CATEGORIES}, adresse=v.adresse)
        for v in vs
    ]


# --- Commitment and draw --------------------------------------------------------------------------

FORME_EMPREINTE = re.compile(r"[0-9a-f]{64}")


async def engager(
    session: AsyncSession,
    campagne: Campagne,
    *,
    secret: str,
    maintenant: datetime,
    auteur: journal.Auteur = journal.CLI,
) -> str:
    """Record the commitment to the team's secret: its SHA-256 only, to publish before the
    draw. Once; never after the draw."""
    if campagne.tire_le is not None:
        raise ErreurCampagne("Le tirage est fait : il est trop tard pour s'engager sur un secret.")
    if campagne.engagement is not None:
        raise ErreurCampagne(
            f"L'équipe s'est déjà engagée le {_jour(campagne.engage_le)} : l'engagement publié "
            "ne change pas."
        )
    if not 16 <= len(secret.strip()) <= LONGUEUR_VALEUR:
        raise ErreurCampagne(
            f"Le secret doit faire de 16 à {LONGUEUR_VALEUR} caractères (tirés au hasard)."
        )
    campagne.engagement = tirage.engagement(secret.strip())
    campagne.engage_le = maintenant
    session.add(campagne)
    _noter(session, auteur, "engagement", campagne, maintenant, {"empreinte": campagne.engagement})
    await session.commit()
    return campagne.engagement


def versions() -> dict[str, str]:
    """What a guarantor needs to run the same draw: the library's and the solver's versions."""
    trouvees = {}
    for paquet in ("sortition-algorithms", "highspy"):
        try:
            trouvees[paquet] = metadata.version(paquet)
        except metadata.PackageNotFoundError:
            trouvees[paquet] = "?"
    return trouvees


async def tirer(
    session: AsyncSession,
    campagne: Campagne,
    *,
    secret: str,
    valeur_publique: str,
    maintenant: datetime,
    auteur: journal.Auteur = journal.CLI,
) -> tirage.Resultat:
    """The draw, once, after the close: the panel gets its seats (offered until the
    deadline), the reserve its order, the report is kept."""
    if campagne.tire_le is not None:
        raise ErreurCampagne(
            f"Le tirage a déjà eu lieu le {_jour(campagne.tire_le)} : une nouvelle valeur ne "
            "change rien à son résultat."
        )
    if maintenant < campagne.cloture:
        raise ErreurCampagne("Les inscriptions ne sont pas closes : pas de tirage avant.")
    if campagne.engagement is None:
        raise ErreurCampagne(
            "L'équipe ne s'est pas engagée sur un secret : assemblee tirage campagne engager."
        )
    if tirage.engagement(secret.strip()) != campagne.engagement:
        raise ErreurCampagne("Ce secret ne correspond pas à l'engagement publié.")
    if not valeur_publique.strip():
        raise ErreurCampagne("La valeur publique (le tirage du loto, par exemple) est vide.")
    if len(valeur_publique.strip()) > LONGUEUR_VALEUR:
        raise ErreurCampagne(
            f"La valeur publique est trop longue ({LONGUEUR_VALEUR} caractères au plus) : "
            "recopiez les numéros du tirage, pas la page entière."
        )
    cibles, algorithme = await cibles_du_tirage(session, campagne)
    vs = inscrits(await volontaires(session, campagne))
    if doublons := [v.pseudo for v in vs if v.doublon_de is not None]:
        raise ErreurCampagne(
            f"{len(doublons)} doublon(s) à trancher avant le tirage : {', '.join(doublons[:5])}."
        )
    try:
        resultat = await asyncio.to_thread(
            tirage.tirer,
            _pool(vs),
            cibles,
            secret=secret.strip(),
            valeur_publique=valeur_publique,
            algorithme=algorithme,
        )
    except tirage.ErreurTirage as exc:
        raise ErreurCampagne(str(exc)) from None
    restent = {r.membre_id for r in await membres_qui_restent(session, campagne)}
    sortants = [
        m.id
        for m in (
            await session.exec(
                select(Membre)
                .where(Membre.role == Role.MEMBRE)
                .where(col(Membre.statut) != StatutMembre.PARTI)
            )
        ).all()
        if m.id not in restent
    ]
    campagne.secret = secret.strip()
    campagne.valeur_publique = valeur_publique.strip()
    campagne.tire_le = maintenant
    campagne.rapport = json.dumps(
        {
            "algorithme": resultat.algorithme,
            "sieges": cibles.sieges,
            "panel": list(resultat.panel),
            "reserve": list(resultat.reserve),
            "probabilites": dict(resultat.probabilites),
            "comptes": [
                [c.categorie, c.valeur, c.bornes.min, c.bornes.max, c.tires]
                for c in resultat.comptes
            ],
            "cibles": cibles_en_toml(cibles, algorithme),
            "versions": versions(),
            "sortants": sortants,
            # The anonymised pool as published, fixed now: a withdrawal later (which erases
            # an address) must not change the file that reproduces this draw.
            "pool": tirage.pool_publie(_pool(vs), cibles),
        }
    )
    session.add(campagne)
    par_pseudo = {v.pseudo: v for v in vs}
    for rang, pseudo in enumerate(resultat.reserve, start=1):
        par_pseudo[pseudo].rang_reserve = rang
        session.add(par_pseudo[pseudo])
    echeance = maintenant + timedelta(days=campagne.delai_reponse_jours)
    for numero, pseudo in enumerate(resultat.panel, start=1):
        session.add(
            Siege(
                campagne_id=campagne.id or 0,
                volontaire_id=par_pseudo[pseudo].id or 0,
                numero=numero,
                propose_le=maintenant,
                echeance=echeance,
            )
        )
    _noter(
        session,
        auteur,
        "tirage",
        campagne,
        maintenant,
        {"panel": len(resultat.panel), "reserve": len(resultat.reserve)},
    )
    await session.commit()
    return resultat


def cibles_en_toml(cibles: tirage.Cibles, algorithme: str) -> str:
    """The targets the draw used (reduced for a partial renewal), as the verifier reads them."""
    lignes = [f"sieges = {cibles.sieges}", f'algorithme = "{algorithme}"', ""]
    for nom, valeurs in cibles.categories.items():
        lignes.append(f"[categories.{nom}]")
        lignes.extend(
            f'"{valeur}" = {{ min = {b.min}, max = {b.max} }}' for valeur, b in valeurs.items()
        )
        lignes.append("")
    return "\n".join(lignes)


@dataclass(frozen=True)
class Rapport:
    algorithme: str
    sieges: int
    panel: tuple[str, ...]
    reserve: tuple[str, ...]
    probabilites: Mapping[str, float]
    comptes: tuple[tirage.Compte, ...]
    cibles: str
    versions: Mapping[str, str]
    sortants: tuple[int, ...]
    pool: str  # the anonymised pool (CSV) as the draw read it

    @property
    def probabilite_min(self) -> float:
        return min(self.probabilites.values())

    @property
    def ecart(self) -> float:
        return max(self.probabilites.values()) - self.probabilite_min


def rapport(campagne: Campagne) -> Rapport | None:
    if campagne.rapport is None:
        return None
    d: dict[str, Any] = json.loads(campagne.rapport)
    return Rapport(
        algorithme=d["algorithme"],
        sieges=d["sieges"],
        panel=tuple(d["panel"]),
        reserve=tuple(d["reserve"]),
        probabilites=d["probabilites"],
        comptes=tuple(
            tirage.Compte(c, v, tirage.Bornes(mini, maxi), n)
            for c, v, mini, maxi, n in d["comptes"]
        ),
        cibles=d["cibles"],
        versions=d["versions"],
        sortants=tuple(d["sortants"]),
        pool=d["pool"],
    )


async def publier(session: AsyncSession, campagne: Campagne) -> dict[str, str]:
    """The files an outside observer needs to run the draw again (`assemblee tirage
    verifier`), and its report: nothing in them names a person."""
    fichiers: dict[str, str] = {}
    if campagne.engagement is None:
        raise ErreurCampagne("Rien à publier : l'équipe ne s'est pas encore engagée sur un secret.")
    fichiers["engagement.txt"] = campagne.engagement + "\n"
    r = rapport(campagne)
    if r is None:
        # Before the draw: the commitment and the targets, to publish ahead.
        cibles, algorithme = await cibles_du_tirage(session, campagne)
        fichiers["cibles.toml"] = cibles_en_toml(cibles, algorithme)
        return fichiers
    fichiers["volontaires.csv"] = r.pool
    fichiers["cibles.toml"] = r.cibles
    fichiers["valeur-publique.txt"] = (campagne.valeur_publique or "") + "\n"
    fichiers["secret.txt"] = (campagne.secret or "") + "\n"
    fichiers["panel.txt"] = "".join(f"{p}\n" for p in r.panel)
    fichiers["reserve.txt"] = "".join(f"{p}\n" for p in r.reserve)
    fichiers["rapport.csv"] = ecrire_csv(
        [
            ["categorie", "valeur", "min", "max", "tires"],
            *([c.categorie, c.valeur, c.bornes.min, c.bornes.max, c.tires] for c in r.comptes),
        ]
    )
    fichiers["probabilites.csv"] = ecrire_csv(
        [["id", "probabilite"], *([p, f"{x:.6f}"] for p, x in sorted(r.probabilites.items()))]
    )
    fichiers["LISEZMOI.txt"] = (
        f"Tirage au sort « {campagne.nom} » ({r.algorithme}, {len(r.probabilites)} volontaires, "
        f"{r.sieges} sièges).\n"
        f"Bibliothèque : sortition-algorithms {r.versions.get('sortition-algorithms')}, "
        f"solveur HiGHS (highspy) {r.versions.get('highspy')}.\n"
        f"Plus petite chance : {r.probabilite_min:.4f} ; écart : {r.ecart:.4f}.\n\n"
        "Pour refaire le tirage :\n"
        "  assemblee tirage verifier --volontaires volontaires.csv --cibles cibles.toml \\\n"
        f'    --secret "$(cat secret.txt)" --valeur-publique "$(cat valeur-publique.txt)" \\\n'
        '    --engagement "$(cat engagement.txt)" --panel panel.txt\n'
    )
    return fichiers


# --- Seats ----------------------------------------------------------------------------------------


async def sieges(session: AsyncSession, campagne: Campagne) -> list[Siege]:
    return list(
        (
            await session.exec(
                select(Siege)
                .where(Siege.campagne_id == campagne.id)
                .order_by(col(Siege.numero), col(Siege.id))
            )
        ).all()
    )


async def siege_de(session: AsyncSession, siege_id: int) -> tuple[Siege, Volontaire] | None:
    siege = await session.get(Siege, siege_id)
    if siege is None:
        return None
    v = await session.get(Volontaire, siege.volontaire_id)
    return (siege, v) if v is not None else None


def _compter(vs: Sequence[Volontaire | tirage.Volontaire]) -> Counter[tuple[str, str]]:
    n: Counter[tuple[str, str]] = Counter()
    for v in vs:
        for c in CATEGORIES:
            valeur = v.categories.get(c) if isinstance(v, tirage.Volontaire) else getattr(v, c)
            n[(c, str(valeur))] += 1
    return n


def ecart_cibles(comptes: Counter[tuple[str, str]], cibles: tirage.Cibles) -> int:
    """How far a panel is from its targets: the seats missing below the minimums plus those
    over the maximums (0: every target met)."""
    total = 0
    for nom, valeurs in cibles.categories.items():
        for valeur, b in valeurs.items():
            n = comptes[(nom, valeur)]
            total += max(0, b.min - n) + max(0, n - b.max)
    return total


async def _clore_siege(
    session: AsyncSession,
    campagne: Campagne,
    siege: Siege,
    etat_: EtatSiege,
    maintenant: datetime,
) -> bool:
    """Close an offered seat (accepted, declined, expired) by one conditional UPDATE: of two
    answers at once (a double tap, two processes, the deadline), one only wins; False for the
    other. A seat declined or expired is offered to the reserve's first who keeps the targets
    met (or, when nobody does, who leaves the panel closest to them). Not committed."""
    fait = await session.exec(
        sa.update(Siege)
        .where(col(Siege.id) == siege.id)
        .where(col(Siege.etat) == EtatSiege.PROPOSE)
        .values(etat=etat_, repondu_le=maintenant)
    )
    if fait.rowcount != 1:
        return False
    await session.refresh(siege)
    if etat_ != EtatSiege.ACCEPTE:
        await _remplacer(session, campagne, siege, maintenant)
    return True


def _foyer(adresse: str) -> str:
    return " ".join(adresse.lower().split())


async def _remplacer(
    session: AsyncSession, campagne: Campagne, libere: Siege, maintenant: datetime
) -> Siege | None:
    r = rapport(campagne)
    assert r is not None
    cibles, _ = tirage.lire_cibles(r.cibles)
    tous = await sieges(session, campagne)
    occupes = {s.volontaire_id for s in tous if s.etat in (EtatSiege.PROPOSE, EtatSiege.ACCEPTE)}
    deja_appeles = {s.volontaire_id for s in tous}
    vs = await volontaires(session, campagne)
    panel = [v for v in vs if v.id in occupes]
    candidats = sorted(
        (
            v
            for v in vs
            if v.rang_reserve is not None and v.id not in deja_appeles and v.anonymise_le is None
        ),
        key=lambda v: v.rang_reserve or 0,
    )
    # The household rule holds for replacements too: nobody from a household already seated.
    foyers = {_foyer(v.adresse) for v in panel if v.adresse}
    candidats = [v for v in candidats if not v.adresse or _foyer(v.adresse) not in foyers]
    base = _compter(panel)
    meilleur: tuple[int, Volontaire] | None = None
    for v in candidats:
        ecart = ecart_cibles(base + _compter([v]), cibles)
        if meilleur is None or ecart < meilleur[0]:
            meilleur = (ecart, v)
        if ecart == 0:
            break
    if meilleur is None:
        return None  # the reserve is empty: staff see the seat unfilled
    siege = Siege(
        campagne_id=campagne.id or 0,
        volontaire_id=meilleur[1].id or 0,
        numero=libere.numero,
        propose_le=maintenant,
        echeance=maintenant + timedelta(days=campagne.delai_reponse_jours),
    )
    session.add(siege)
    await session.flush()
    return siege


async def repondre(
    session: AsyncSession,
    siege: Siege,
    *,
    accepte: bool,
    maintenant: datetime,
    telegram_id: int | None,
) -> Membre | None:
    """The volunteer's answer (from their account, or recorded by staff for a paper
    registration: `telegram_id` None). Accepting makes them a member: bound to this Telegram
    account with consent given (the offer carried the members' notice), or, from paper, a
    member to invite by letter. Returns the member made."""
    campagne = await session.get(Campagne, siege.campagne_id)
    v = await session.get(Volontaire, siege.volontaire_id)
    assert campagne is not None and v is not None
    if siege.etat != EtatSiege.PROPOSE:
        raise ErreurCampagne("Cette proposition de siège a déjà reçu sa réponse.")
    if maintenant >= siege.echeance:
        raise ErreurCampagne(
            "Le délai pour répondre est passé : le siège a été proposé à un autre."
        )
    deja = None
    if accepte and telegram_id is not None:
        deja = (await session.exec(select(Membre).where(Membre.telegram_id == telegram_id))).first()
        if deja is not None and deja.statut != StatutMembre.PARTI:
            raise ErreurCampagne("Ce compte Telegram est déjà celui d'un membre de l'assemblée.")
    etat_ = EtatSiege.ACCEPTE if accepte else EtatSiege.DECLINE
    if not await _clore_siege(session, campagne, siege, etat_, maintenant):
        await session.rollback()
        raise ErreurCampagne("Cette proposition de siège a déjà reçu sa réponse.")
    if not accepte:
        journal.noter(
            session,
            origine=journal.ORIGINE_BOT if telegram_id is not None else journal.ORIGINE_CLI,
            par=None,
            action="siege-decline",
            objet="siege",
            objet_id=siege.id,
            apres=journal.decrire({"campagne": campagne.slug, "siege": siege.numero}),
            maintenant=maintenant,
        )
        await session.commit()
        return None
    membre = Membre(
        nom=v.nom,
        prenom=v.prenom,
        role=Role.MEMBRE,
        langue=v.langue,
        cree_le=maintenant,
    )
    if telegram_id is not None:
        if deja is not None:
            deja.telegram_id = None  # someone who left comes back: the old record lets go
            session.add(deja)
            await session.flush()
        membre.telegram_id = telegram_id
        membre.lie_le = maintenant
        membre.consentement_le = maintenant
        membre.statut = StatutMembre.ACTIF
    session.add(membre)
    await session.flush()
    siege.membre_id = membre.id
    session.add(siege)
    journal.noter(
        session,
        origine=journal.ORIGINE_BOT if telegram_id is not None else journal.ORIGINE_CLI,
        par=None,
        action="siege-accepte",
        objet="membre",
        objet_id=membre.id,
        membre=membre,
        apres=journal.decrire({"campagne": campagne.slug, "siege": siege.numero}),
        maintenant=maintenant,
    )
    await session.commit()
    return membre


async def echeances(session: AsyncSession, *, maintenant: datetime) -> int:
    """Seats past their deadline without an answer: expired, and offered to the reserve."""
    passes = (
        await session.exec(
            select(Siege)
            .where(Siege.etat == EtatSiege.PROPOSE)
            .where(col(Siege.echeance) <= maintenant)
            .order_by(col(Siege.id))
        )
    ).all()
    for siege in passes:
        campagne = await session.get(Campagne, siege.campagne_id)
        assert campagne is not None
        # Conditional: two processes never expire (and replace) one seat twice.
        await _clore_siege(session, campagne, siege, EtatSiege.EXPIRE, maintenant)
    await session.commit()
    return len(passes)


async def offres_a_prevenir(session: AsyncSession) -> list[tuple[Siege, Volontaire, Campagne]]:
    """Seats offered to a volunteer registered in the bot who has not been told yet."""
    lignes = await session.exec(
        select(Siege, Volontaire, Campagne)
        .join(Volontaire, col(Volontaire.id) == Siege.volontaire_id)
        .join(Campagne, col(Campagne.id) == Siege.campagne_id)
        .where(Siege.etat == EtatSiege.PROPOSE)
        .where(col(Siege.prevenu_le).is_(None))
        .where(col(Volontaire.telegram_id).is_not(None))
        .order_by(col(Siege.id))
    )
    return [(s, v, c) for s, v, c in lignes.all()]


async def marquer_prevenu(session: AsyncSession, siege_id: int, *, maintenant: datetime) -> bool:
    """Claim telling this seat's volunteer: True for the one process that gets it."""
    fait = await session.exec(
        sa.update(Siege)
        .where(col(Siege.id) == siege_id)
        .where(col(Siege.prevenu_le).is_(None))
        .values(prevenu_le=maintenant)
    )
    await session.commit()
    return fait.rowcount == 1


async def relacher_prevenu(session: AsyncSession, siege_id: int) -> None:
    """Telegram was not reached: the offer is to send again."""
    await session.exec(sa.update(Siege).where(col(Siege.id) == siege_id).values(prevenu_le=None))
    await session.commit()


async def relacher_informe(session: AsyncSession, volontaire_id: int) -> None:
    await session.exec(
        sa.update(Volontaire).where(col(Volontaire.id) == volontaire_id).values(informe_le=None)
    )
    await session.commit()


async def reserves_a_prevenir(session: AsyncSession) -> list[tuple[Volontaire, Campagne]]:
    """Volunteers in the bot not drawn, not told yet: they are on the reserve list."""
    lignes = await session.exec(
        select(Volontaire, Campagne)
        .join(Campagne, col(Campagne.id) == Volontaire.campagne_id)
        .where(col(Campagne.tire_le).is_not(None))
        .where(col(Campagne.effacee_le).is_(None))
        .where(col(Volontaire.rang_reserve).is_not(None))
        .where(col(Volontaire.informe_le).is_(None))
        .where(col(Volontaire.telegram_id).is_not(None))
        .order_by(col(Volontaire.id))
    )
    return [(v, c) for v, c in lignes.all()]


async def marquer_informe(
    session: AsyncSession, volontaire_id: int, *, maintenant: datetime
) -> bool:
    """Claim telling this volunteer they were not drawn: True for the one process that gets it."""
    fait = await session.exec(
        sa.update(Volontaire)
        .where(col(Volontaire.id) == volontaire_id)
        .where(col(Volontaire.informe_le).is_(None))
        .values(informe_le=maintenant)
    )
    await session.commit()
    return fait.rowcount == 1


async def a_lister_par_courrier(session: AsyncSession, campagne: Campagne) -> list[Volontaire]:
    """Drawn volunteers who registered on paper: staff write to them (a letter)."""
    lignes = await session.exec(
        select(Volontaire)
        .join(Siege, col(Siege.volontaire_id) == Volontaire.id)
        .where(Siege.campagne_id == campagne.id)
        .where(Siege.etat == EtatSiege.PROPOSE)
        .where(col(Volontaire.telegram_id).is_(None))
        .order_by(col(Siege.numero))
    )
    return list(lignes.all())


# --- After the campaign ---------------------------------------------------------------------------


async def sortants_a_faire_partir(
    session: AsyncSession, *, maintenant: datetime
) -> list[tuple[Campagne, list[Membre]]]:
    """On the renewal date, the members whose mandate ends (listed at the draw)."""
    dues = (
        await session.exec(
            select(Campagne)
            .where(col(Campagne.tire_le).is_not(None))
            .where(col(Campagne.renouvellement_le) <= maintenant)
            .where(col(Campagne.sortants_partis_le).is_(None))
        )
    ).all()
    trouves = []
    for campagne in dues:
        r = rapport(campagne)
        ids = list(r.sortants) if r else []
        membres = (
            (await session.exec(select(Membre).where(col(Membre.id).in_(ids)))).all() if ids else []
        )
        trouves.append((campagne, [m for m in membres if m.statut != StatutMembre.PARTI]))
    return trouves


async def marquer_sortants_partis(
    session: AsyncSession, campagne: Campagne, *, maintenant: datetime
) -> bool:
    fait = await session.exec(
        sa.update(Campagne)
        .where(col(Campagne.id) == campagne.id)
        .where(col(Campagne.sortants_partis_le).is_(None))
        .values(sortants_partis_le=maintenant)
    )
    await session.commit()
    return fait.rowcount == 1


async def effacer_echues(session: AsyncSession, *, maintenant: datetime) -> int:
    """On the deletion date told in the notice: every volunteer's personal data go (names,
    contact, Telegram account, birth year, address); their categories stay, under the
    pseudonymous id, for the published statistics. Seats still offered then are closed."""
    dues = (
        await session.exec(
            select(Campagne)
            .where(col(Campagne.suppression_le) <= maintenant)
            .where(col(Campagne.effacee_le).is_(None))
        )
    ).all()
    for campagne in dues:
        await session.exec(
            sa.update(Siege)
            .where(col(Siege.campagne_id) == campagne.id)
            .where(col(Siege.etat) == EtatSiege.PROPOSE)
            .values(etat=EtatSiege.EXPIRE, repondu_le=maintenant)
        )
        await session.exec(
            sa.update(Volontaire)
            .where(col(Volontaire.campagne_id) == campagne.id)
            .values(
                prenom="",
                nom="",
                contact="",
                telegram_id=None,
                annee_naissance=None,
                adresse=None,
                anonymise_le=sa.func.coalesce(col(Volontaire.anonymise_le), maintenant),
            )
        )
        campagne.effacee_le = maintenant
        session.add(campagne)
        await _oublier_formulaires(session, campagne)
    await session.commit()
    return len(dues)


async def _oublier_formulaires(session: AsyncSession, campagne: Campagne) -> None:
    """Forms left half-filled in the bot (their answers wait in the conversation state)."""
    en_cours = await session.exec(
        select(EtatConversation).where(col(EtatConversation.etat).startswith(ETAT_FORMULAIRE))
    )
    for ligne in en_cours.all():
        try:
            campagne_id = json.loads(ligne.donnees).get("campagne_id")
        except ValueError:
            campagne_id = None
        if campagne_id in (campagne.id, None):
            await session.delete(ligne)


async def faire_partir_sortants(
    session: AsyncSession,
    *,
    maintenant: datetime,
    catalogue: Catalogue,
    contact: str,
    equipe_ids: Sequence[int],
) -> int:
    """On the renewal date: each member whose mandate ends gets a thank-you, and their access
    ends (their attendance stays, for compensation). Once per campaign."""
    partis = 0
    for campagne, membres_ in await sortants_a_faire_partir(session, maintenant=maintenant):
        if not await marquer_sortants_partis(session, campagne, maintenant=maintenant):
            continue  # another process does it
        for m in membres_:
            if not await membres.marquer_depart(
                session,
                m,
                par=None,
                origine=journal.ORIGINE_BOT,  # the scheduler, on the renewal date
                equipe_ids=equipe_ids,
                maintenant=maintenant,
            ):
                continue
            partis += 1
            if m.telegram_id is None:
                continue
            t = catalogue.pour(m.langue)
            await envois.mettre_en_file(
                session,
                envois.NouvelEnvoi(
                    cle=f"fin-mandat:{campagne.id}:{m.id}",
                    membre_id=m.id or 0,
                    contenu=envois.Contenu(
                        texte=t(
                            "fin-mandat", prenom=m.prenom, campagne=campagne.nom, contact=contact
                        )
                    ),
                    du_le=maintenant,
                ),
            )
        await session.commit()
    return partis
