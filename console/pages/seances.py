"""Séances: the calendar (a list and a month's grid), creating, changing and cancelling a
séance, who is convened, the answers and the nudge, the roll call on a tablet, and the
month's compensation file.

Every change goes through the domain functions the bot's /seance, /seances and /presences
and the command line use, with the same access rule (assemblee.acces); a change members must
hear of is told at once, as the bot does after its conversation (the reminders tick, then the
outbox woken)."""

from __future__ import annotations

import calendar
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from aiohttp import web
from markupsafe import Markup
from multidict import MultiDictProxy
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import acces, journal, seances
from assemblee import groupes as groupes_
from assemblee import tableau as tableau_
from assemblee.dates import MOIS
from assemblee.db import reessayer_ecriture
from assemblee.groupes import groupes_actifs
from assemblee.modeles import Groupe, Membre, Seance, StatutMembre, TypeSeance
from assemblee.seances import Champs, ErreurSeance
from assemblee.textes import heure
from console.pagination import borner, numero_demande
from console.web import (
    PREFIXE,
    Visiteur,
    application,
    exiger_equipe,
    maintenant,
    rediriger,
    rendre,
    session_bd,
    visiteur,
)
from rappels import emargement, presences, reponses, taches
from rappels.import_seances import lire_date_heure, lire_fin
from rappels.messages import creneau

T = TypeVar("T")

PAR_PAGE = 50  # séances in the list
PAR_PAGE_MEMBRES = 100  # people in the answers, the convocation and the roll call

# The field of the form each refusal of `seances.verifier` (and of the date readers) is about.
CHAMP_DE_L_ERREUR = {
    "titre-vide": "titre",
    "titre-long": "titre",
    "passe": "debut",
    "date-illisible": "debut",
    "fin-avant-debut": "fin",
    "trop-longue": "fin",
    "duree-illisible": "fin",
    "ni-lieu-ni-lien": "lieu",
    "lieu-long": "lieu",
    "lien-invalide": "lien",
    "atelier-sans-groupe": "groupe",
    "groupe-inconnu": "groupe",
    "interdit": "groupe",
}
# What the séance's page confirms after a change (the redirection names it).
FAITS = frozenset({"creee", "modifiee", "modifiee-annoncee", "annulee"})
# The week's columns, Monday first (the catalogue names them).
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
CHAMPS_CREATION = ("type", "groupe", "titre", "debut", "fin", "lieu", "lien", "description")
CHAMPS_MODIFICATION = ("titre", "debut", "fin", "lieu", "lien", "description")


def _chemin(*morceaux: object) -> str:
    return "/".join([f"{PREFIXE}/seances", *(str(m) for m in morceaux)])


def _outils(requete: web.Request) -> dict[str, Any]:
    """What the templates need to say when a séance takes place and what state it is in."""
    v = visiteur(requete)
    fuseau = application(requete).reglages.fuseau
    instant = maintenant(requete)

    def quand(seance: Seance) -> Markup:
        # The catalogue escaped every value it was given.
        return Markup(str(creneau(seance.debut, seance.fin, v.t, fuseau)))  # noqa: S704

    def etat(seance: Seance) -> str:
        if seance.annulee_le is not None:
            return "annulee"
        if seance.fin <= instant:
            return "passee"
        return "en-cours" if seance.debut <= instant else "a-venir"

    return {"quand": quand, "etat": etat, "modifiable": lambda s: etat(s) == "a-venir"}


async def _seance_geree(requete: web.Request) -> Seance:
    """The séance the address names, if this person manages it; else the 404 page (the same
    for a séance of another group as for one that does not exist)."""
    try:
        seance_id = int(requete.match_info["seance_id"])
    except ValueError:
        raise web.HTTPNotFound from None
    seance = await acces.seance_geree(session_bd(requete), visiteur(requete).membre, seance_id)
    if seance is None:
        raise web.HTTPNotFound
    return seance


async def _groupe(session: AsyncSession, seance: Seance) -> Groupe | None:
    return await session.get(Groupe, seance.groupe_id) if seance.groupe_id else None


async def _prevenir(requete: web.Request, session: AsyncSession) -> None:
    """Tell the convened members of a change now rather than at the next minute's tick, as
    the bot does after /seance and /seances."""
    app = application(requete)
    await taches.tick(
        session, maintenant=maintenant(requete), reglages=app.reglages, catalogue=app.catalogue
    )
    app.expediteur.reveiller()


async def _ecrire(requete: web.Request, action: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """A write that other people make at the same moment (the roll call): tried again in a
    fresh session when the database is busy for a moment, as the bot does for each update."""
    app = application(requete)

    async def une_fois() -> T:
        async with app.sessions() as session:
            return await action(session)

    return await reessayer_ecriture(une_fois)


# --- The list and the month ---------------------------------------------------------------


async def liste(requete: web.Request) -> web.StreamResponse:
    v = visiteur(requete)
    session = session_bd(requete)
    passees = requete.query.get("quand") == "passees"
    numero = numero_demande(requete)
    trouvees, total = await seances.page(
        session,
        maintenant=maintenant(requete),
        passees=passees,
        groupes=v.groupes,
        decalage=(numero - 1) * PAR_PAGE,
        limite=PAR_PAGE,
    )
    pagination = borner(numero, total, PAR_PAGE)
    if pagination.numero != numero and total:
        raise web.HTTPNotFound
    return rendre(
        requete,
        "seances/liste.html",
        {
            **_outils(requete),
            "seances": trouvees,
            "total": total,
            "passees": passees,
            "pagination": pagination,
            "groupes": await groupes_.par_id(session),
            "reponses": await tableau_.reponses_par_seance(
                session, [s.id for s in trouvees if s.id is not None]
            ),
        },
    )


def _mois_demande(requete: web.Request) -> presences.Mois:
    texte = requete.query.get("mois")
    if texte is None:
        local = maintenant(requete).astimezone(application(requete).reglages.fuseau)
        return presences.Mois(local.year, local.month)
    try:
        return presences.lire_mois(texte)
    except ValueError:
        raise web.HTTPBadRequest from None


def _voisin(mois: presences.Mois, pas: int) -> presences.Mois:
    rang = mois.annee * 12 + mois.mois - 1 + pas
    return presences.Mois(rang // 12, rang % 12 + 1)


async def mois(requete: web.Request) -> web.StreamResponse:
    """The month as a grid, Monday first, each séance on the day it starts (local time)."""
    v = visiteur(requete)
    session = session_bd(requete)
    fuseau = application(requete).reglages.fuseau
    choisi = _mois_demande(requete)
    debut, fin = choisi.bornes(fuseau)
    du_mois = await seances.lister(
        session, depuis=debut, jusqua=fin, groupes=v.groupes, avec_annulees=True
    )
    par_jour: dict[date, list[Seance]] = {}
    for seance in du_mois:
        jour = seance.debut.astimezone(fuseau).date()
        if jour.month == choisi.mois:  # not one begun the evening before the 1st
            par_jour.setdefault(jour, []).append(seance)
    semaines = [
        [(jour if jour.month == choisi.mois else None) for jour in semaine]
        for semaine in calendar.Calendar(firstweekday=0).monthdatescalendar(
            choisi.annee, choisi.mois
        )
    ]
    precedent, suivant = _voisin(choisi, -1), _voisin(choisi, 1)

    def nom(m: presences.Mois) -> str:
        return f"{MOIS[v.t.langue][m.mois - 1]} {m.annee}"

    return rendre(
        requete,
        "seances/mois.html",
        {
            **_outils(requete),
            "nom_mois": nom(choisi),
            "precedent": precedent,
            "nom_precedent": nom(precedent),
            "suivant": suivant,
            "nom_suivant": nom(suivant),
            "jours": JOURS,
            "nombre": sum(len(liste) for liste in par_jour.values()),
            "semaines": semaines,
            "par_jour": par_jour,
            "heure": lambda s: heure(s.debut.astimezone(fuseau).time(), v.t.langue),
            "groupes": await groupes_.par_id(session),
        },
    )


# --- One séance: what it is, and the answers ----------------------------------------------


async def fiche(requete: web.Request) -> web.StreamResponse:
    seance = await _seance_geree(requete)
    session = session_bd(requete)
    instant = maintenant(requete)
    tableau = await reponses.tableau(session, seance)
    lignes: list[tuple[Membre, str, Any]] = [
        *((m, "oui", None) for m in tableau.oui),
        *((m, "peut_etre", None) for m in tableau.peut_etre),
        *((m, "non", raison) for m, raison in tableau.non),
        *((m, "sans", None) for m in tableau.sans_reponse),
    ]
    pagination = borner(numero_demande(requete), len(lignes), PAR_PAGE_MEMBRES)
    fait = requete.query.get("fait")
    relances = _entier(requete.query.get("relances"))
    return rendre(
        requete,
        "seances/fiche.html",
        {
            **_outils(requete),
            "seance": seance,
            "groupe": await _groupe(session, seance),
            "tableau": tableau,
            "lignes": lignes[pagination.tranche],
            "pagination": pagination,
            "peut_relancer": bool(tableau.sans_reponse)
            and reponses.relance_possible(seance, instant),
            "emargement_ouvert": seance.annulee_le is None and emargement.ouvert(seance, instant),
            "relances": relances if relances is None or relances >= 0 else None,
            "fait": fait if fait in FAITS else None,
        },
    )


def _entier(texte: str | None) -> int | None:
    try:
        return int(texte) if texte is not None else None
    except ValueError:
        return None


async def relancer(requete: web.Request) -> web.StreamResponse:
    """The same nudge as the bot's button: those who have not answered, once a day each."""
    seance = await _seance_geree(requete)
    session = session_bd(requete)
    app = application(requete)
    if not reponses.relance_possible(seance, maintenant(requete)):
        raise web.HTTPBadRequest
    nombre = await reponses.relancer(
        session,
        seance,
        maintenant=maintenant(requete),
        reglages=app.reglages,
        catalogue=app.catalogue,
        auteur=visiteur(requete).auteur,
    )
    app.expediteur.reveiller()
    return rediriger(f"{_chemin(seance.id)}?relances={nombre}")


# --- Creating, changing, cancelling -------------------------------------------------------


def _valeurs(formulaire: MultiDictProxy[Any], champs: tuple[str, ...]) -> dict[str, str]:
    valeurs = {}
    for nom in champs:
        valeur = formulaire.get(nom, "")
        valeurs[nom] = valeur if isinstance(valeur, str) else ""
    return valeurs


def _erreurs(code: str, champs: tuple[str, ...]) -> dict[str, str]:
    """The refusal next to its field; one about the séance itself above the form."""
    champ = CHAMP_DE_L_ERREUR.get(code)
    return {champ if champ in champs else "general": code}


async def _choix_de_groupe(session: AsyncSession, v: Visiteur) -> list[Groupe]:
    """The groups offered: the facilitator's, or every active one for staff (who may also
    choose the whole assembly, the form's first choice)."""
    if v.groupes is not None:
        return list(v.groupes)
    return await groupes_actifs(session)


def _en_local(requete: web.Request, instant: datetime, forme: str) -> str:
    return instant.astimezone(application(requete).reglages.fuseau).strftime(forme)


def _horaires(requete: web.Request, valeurs: Mapping[str, str]) -> tuple[datetime, datetime]:
    """The start and end as the form gives them (datetime-local, time), read as the bot reads
    what people type; an `ErreurSeance` names what could not be read."""
    fuseau = application(requete).reglages.fuseau
    debut = lire_date_heure(valeurs["debut"], fuseau, reference=maintenant(requete))
    return debut, lire_fin(valeurs["fin"], debut, fuseau)


async def _formulaire_creation(
    requete: web.Request,
    valeurs: dict[str, str],
    erreurs: dict[str, str],
    *,
    statut: int = 200,
) -> web.Response:
    v = visiteur(requete)
    return rendre(
        requete,
        "seances/formulaire.html",
        {
            "seance": None,
            "valeurs": valeurs,
            "erreurs": erreurs,
            "types": seances.types_permis(v.membre),
            "groupes": await _choix_de_groupe(session_bd(requete), v),
            "toute_assemblee": v.est_equipe,
        },
        statut=statut,
    )


async def nouvelle(requete: web.Request) -> web.StreamResponse:
    v = visiteur(requete)
    valeurs = dict.fromkeys(CHAMPS_CREATION, "")
    valeurs["type"] = TypeSeance.ATELIER.value
    if v.groupes:
        valeurs["groupe"] = str(v.groupes[0].id)
    return await _formulaire_creation(requete, valeurs, {})


async def creer(requete: web.Request) -> web.StreamResponse:
    v = visiteur(requete)
    session = session_bd(requete)
    valeurs = _valeurs(await requete.post(), CHAMPS_CREATION)
    type_ = next((ty for ty in seances.types_permis(v.membre) if ty.value == valeurs["type"]), None)
    if type_ is None:  # not a choice the form offered this person
        raise web.HTTPBadRequest
    try:
        groupe = None
        if valeurs["groupe"]:
            groupe = await session.get(Groupe, _entier(valeurs["groupe"]) or 0)
            if groupe is None:
                raise ErreurSeance("groupe-inconnu")
        debut, fin = _horaires(requete, valeurs)
        seance = await seances.creer(
            session,
            Champs(
                type=type_,
                titre=valeurs["titre"],
                groupe=groupe,
                debut=debut,
                fin=fin,
                lieu=valeurs["lieu"],
                lien=valeurs["lien"],
                description=valeurs["description"],
            ),
            auteur=v.auteur,
            maintenant=maintenant(requete),
        )
    except ErreurSeance as erreur:
        erreurs = _erreurs(erreur.code, CHAMPS_CREATION)
        return await _formulaire_creation(requete, valeurs, erreurs, statut=400)
    await _prevenir(requete, session)
    return rediriger(f"{_chemin(seance.id)}?fait=creee")


def _formulaire_modification(
    requete: web.Request,
    seance: Seance,
    groupe: Groupe | None,
    valeurs: dict[str, str],
    erreurs: dict[str, str],
    *,
    statut: int = 200,
) -> web.Response:
    return rendre(
        requete,
        "seances/formulaire.html",
        {
            **_outils(requete),
            "seance": seance,
            "groupe": groupe,
            "valeurs": valeurs,
            "erreurs": erreurs,
        },
        statut=statut,
    )


async def modification(requete: web.Request) -> web.StreamResponse:
    seance = await _seance_geree(requete)
    valeurs = {
        "titre": seance.titre,
        "debut": _en_local(requete, seance.debut, "%Y-%m-%dT%H:%M"),
        "fin": _en_local(requete, seance.fin, "%H:%M"),
        "lieu": seance.lieu or "",
        "lien": seance.lien or "",
        "description": seance.description,
    }
    erreurs = {}
    if seance.annulee_le is not None:
        erreurs["general"] = "annulee"
    elif seance.debut <= maintenant(requete):
        erreurs["general"] = "commencee"
    groupe = await _groupe(session_bd(requete), seance)
    return _formulaire_modification(requete, seance, groupe, valeurs, erreurs)


async def modifier(requete: web.Request) -> web.StreamResponse:
    seance = await _seance_geree(requete)
    session = session_bd(requete)
    valeurs = _valeurs(await requete.post(), CHAMPS_MODIFICATION)
    try:
        debut, fin = _horaires(requete, valeurs)
        changement = await seances.modifier(
            session,
            seance,
            maintenant=maintenant(requete),
            auteur=visiteur(requete).auteur,
            titre=valeurs["titre"],
            debut=debut,
            fin=fin,
            lieu=valeurs["lieu"],
            lien=valeurs["lien"],
            description=valeurs["description"],
        )
    except ErreurSeance as erreur:
        erreurs = _erreurs(erreur.code, CHAMPS_MODIFICATION)
        groupe = await _groupe(session, seance)
        return _formulaire_modification(requete, seance, groupe, valeurs, erreurs, statut=400)
    await _prevenir(requete, session)
    fait = "modifiee-annoncee" if changement.a_annoncer else "modifiee"
    return rediriger(f"{_chemin(seance.id)}?fait={fait}")


async def _page_annulation(
    requete: web.Request, seance: Seance, erreur: str | None, *, statut: int = 200
) -> web.Response:
    return rendre(
        requete,
        "seances/annuler.html",
        {
            **_outils(requete),
            "seance": seance,
            "groupe": await _groupe(session_bd(requete), seance),
            "erreur": erreur,
        },
        statut=statut,
    )


async def annulation(requete: web.Request) -> web.StreamResponse:
    seance = await _seance_geree(requete)
    return await _page_annulation(requete, seance, None)


async def annuler(requete: web.Request) -> web.StreamResponse:
    seance = await _seance_geree(requete)
    session = session_bd(requete)
    try:
        await seances.annuler(
            session, seance, maintenant=maintenant(requete), auteur=visiteur(requete).auteur
        )
    except ErreurSeance as erreur:
        return await _page_annulation(requete, seance, erreur.code, statut=400)
    await _prevenir(requete, session)
    return rediriger(f"{_chemin(seance.id)}?fait=annulee")


# --- Who is convened ------------------------------------------------------------------------


async def convocation(requete: web.Request) -> web.StreamResponse:
    """Who is convened; staff tick and untick (the domain lets only staff adjust it, as the
    command line does), facilitators read it."""
    seance = await _seance_geree(requete)
    session = session_bd(requete)
    liste = await seances.convocables(session, seance)
    pagination = borner(numero_demande(requete), len(liste), PAR_PAGE_MEMBRES)
    v = visiteur(requete)
    ajoutables: list[seances.Ajoutable] = []
    if v.est_equipe:
        ajoutables = await seances.ajoutables(session, {m.id or 0 for m, _ in liste})
    return rendre(
        requete,
        "seances/convocation.html",
        {
            **_outils(requete),
            "seance": seance,
            "groupe": await _groupe(session, seance),
            "liste": liste[pagination.tranche],
            "nombre": sum(1 for _, convoque in liste if convoque),
            "pagination": pagination,
            "ajoutables": ajoutables,
            "enregistre": requete.query.get("fait") == "enregistre",
        },
    )


def _page_du_formulaire(formulaire: MultiDictProxy[Any]) -> int:
    """The page of the list the form was on, to come back to it."""
    valeur = formulaire.get("page")
    return max(1, _entier(valeur) or 1) if isinstance(valeur, str) else 1


def _ids(valeurs: list[Any]) -> set[int]:
    ids = set()
    for valeur in valeurs:
        if not isinstance(valeur, str) or not valeur.isdigit():
            raise web.HTTPBadRequest
        ids.add(int(valeur))
    return ids


async def convoquer(requete: web.Request) -> web.StreamResponse:
    """Apply the difference between the boxes ticked on this page and who is convened now
    (a state, not a toggle: a stale page sets what it shows), and add the person chosen."""
    seance = await _seance_geree(requete)
    v = exiger_equipe(requete)
    session = session_bd(requete)
    formulaire = await requete.post()
    affiches = _ids(formulaire.getall("affiche", []))
    coches = _ids(formulaire.getall("convoque", []))
    ajout = _ids([formulaire["ajouter"]] if formulaire.get("ajouter") else [])
    actuels = {m.id: (m, convoque) for m, convoque in await seances.convocables(session, seance)}
    for membre_id in sorted(affiches):
        if membre_id not in actuels:
            continue  # no longer listed (the page was old): nothing to set
        membre, convoque = actuels[membre_id]
        voulu = membre_id in coches
        if voulu != convoque:
            await seances.ajuster(
                session,
                seance,
                membre,
                convoque=voulu,
                auteur=v.auteur,
                maintenant=maintenant(requete),
            )
    for membre_id in ajout:
        nouveau = await session.get(Membre, membre_id)
        if nouveau is None or nouveau.statut == StatutMembre.PARTI:
            raise web.HTTPBadRequest  # not a choice the form offered
        await seances.ajuster(
            session, seance, nouveau, convoque=True, auteur=v.auteur, maintenant=maintenant(requete)
        )
    page = _page_du_formulaire(formulaire)
    return rediriger(f"{_chemin(seance.id, 'convocation')}?page={page}&fait=enregistre")


# --- The roll call ------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One person on the roll call: present (True), absent (False) or not marked (None)."""

    membre: Membre
    present: bool | None
    par: Membre | None


async def _cases(session: AsyncSession, seance: Seance) -> list[Case]:
    feuille = await emargement.feuille(session, seance)
    par = await emargement.marques_par(session, seance)
    return [Case(m, present, par.get(m.id or 0)) for m, present in feuille]


async def appel(requete: web.Request) -> web.StreamResponse:
    seance = await _seance_geree(requete)
    session = session_bd(requete)
    cases = await _cases(session, seance)
    pagination = borner(numero_demande(requete), len(cases), PAR_PAGE_MEMBRES)
    return rendre(
        requete,
        "seances/appel.html",
        {
            **_outils(requete),
            "htmx": True,
            "seance": seance,
            "groupe": await _groupe(session, seance),
            "ouvert": seance.annulee_le is None and emargement.ouvert(seance, maintenant(requete)),
            "cases": cases[pagination.tranche],
            "presents": sum(1 for c in cases if c.present),
            "total": len(cases),
            "pagination": pagination,
        },
    )


async def emarger(requete: web.Request) -> web.StreamResponse:
    """One tap: the button names the state it sets (present or absent), never "the other
    one", so two people marking the same name from two screens never undo each other. With
    htmx, the answer is the button redrawn and the count; without, the page again."""
    seance = await _seance_geree(requete)
    v = visiteur(requete)
    formulaire = await requete.post()
    voulu = formulaire.get("present")
    if voulu not in ("0", "1"):
        raise web.HTTPBadRequest
    try:
        membre_id = int(requete.match_info["membre_id"])
    except ValueError:
        raise web.HTTPNotFound from None
    seance_id, par_id = seance.id, v.membre.id

    async def marquer(session: AsyncSession) -> emargement.Refus | None:
        courante = await session.get(Seance, seance_id)
        par = await session.get(Membre, par_id)
        if courante is None or par is None:
            raise web.HTTPNotFound
        resultat = await emargement.emarger(
            session,
            seance=courante,
            membre_id=membre_id,
            present=voulu == "1",
            auteur=journal.Auteur(journal.ORIGINE_CONSOLE, par),
            maintenant=maintenant(requete),
        )
        return resultat if isinstance(resultat, emargement.Refus) else None

    refus = await _ecrire(requete, marquer)
    if requete.headers.get("HX-Request") != "true":
        if refus is not None:
            raise web.HTTPBadRequest
        page = _page_du_formulaire(formulaire)
        return rediriger(f"{_chemin(seance.id, 'emargement')}?page={page}#appel-{membre_id}")
    session = session_bd(requete)
    cases = await _cases(session, seance)
    # Someone no longer convened leaves the list: their button goes, the message says why.
    case = next((c for c in cases if c.membre.id == membre_id), None)
    return rendre(
        requete,
        "seances/_case.html",
        {
            "seance": seance,
            "case": case,
            "page": _page_du_formulaire(formulaire),
            "presents": sum(1 for c in cases if c.present),
            "total": len(cases),
            "refus": refus.value if refus is not None else None,
            "oob": True,
        },
    )


# --- Compensation ---------------------------------------------------------------------------


async def indemnisation(requete: web.Request) -> web.StreamResponse:
    """Staff only: the month's compensation file, the same as `assemblee presences exporter`
    and /indemnisation write."""
    exiger_equipe(requete)
    reglages = application(requete).reglages
    texte = requete.query.get("mois")
    if texte is None:
        local = maintenant(requete).astimezone(reglages.fuseau)
        defaut = _voisin(presences.Mois(local.year, local.month), -1)
        return rendre(requete, "seances/indemnisation.html", {"mois": defaut.code, "erreur": False})
    try:
        choisi = presences.lire_mois(texte)
    except ValueError:
        return rendre(
            requete,
            "seances/indemnisation.html",
            {"mois": texte, "erreur": True},
            statut=400,
        )
    contenu = await presences.exporter_indemnisation(
        session_bd(requete), mois=choisi.code, fuseau=reglages.fuseau
    )
    return web.Response(
        body=contenu.encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="indemnisation-{choisi.code}.csv"'},
    )


def installer(routeur: web.UrlDispatcher) -> None:
    routeur.add_get("/seances", liste, name="seances")
    routeur.add_get("/seances/mois", mois, name="seances-mois")
    routeur.add_get("/seances/indemnisation", indemnisation, name="seances-indemnisation")
    routeur.add_get("/seances/nouvelle", nouvelle, name="seances-nouvelle")
    routeur.add_post("/seances/nouvelle", creer, name="seances-creer")
    seance = "/seances/{seance_id:\\d+}"
    routeur.add_get(seance, fiche, name="seances-fiche")
    routeur.add_post(f"{seance}/relancer", relancer, name="seances-relancer")
    routeur.add_get(f"{seance}/modifier", modification, name="seances-modification")
    routeur.add_post(f"{seance}/modifier", modifier, name="seances-modifier")
    routeur.add_get(f"{seance}/annuler", annulation, name="seances-annulation")
    routeur.add_post(f"{seance}/annuler", annuler, name="seances-annuler")
    routeur.add_get(f"{seance}/convocation", convocation, name="seances-convocation")
    routeur.add_post(f"{seance}/convocation", convoquer, name="seances-convoquer")
    routeur.add_get(f"{seance}/emargement", appel, name="seances-emargement")
    routeur.add_post(f"{seance}/emargement/{{membre_id:\\d+}}", emarger, name="seances-emarger")
