"""Journal (staff): the audit log, newest first, filtered by where a change was made from, what
it was, what it was about and who made it (`assemblee.journal.lire`), with a link to the
page of the object changed when the console has one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from markupsafe import Markup, escape

from assemblee import dates, journal, membres
from assemblee.textes import Html, Traducteur, echapper
from console.apercu import html_sur
from console.web import PREFIXE, exiger_equipe, rendre, session_bd, visiteur

PAR_PAGE = 50

# The console's page for each kind of object the log names (objet, objet_id).
PAGES_OBJETS = {
    "membre": "/membres",
    "seance": "/seances",
    "sondage": "/sondages",
    "annonce": "/annonces",
}


def libelle(t: Traducteur, cle: str, brut: str) -> Html:
    """The catalogue's label, or the stored word itself for one it does not know yet (an
    action added to the domain before its label): the log never hides an entry."""
    try:
        return t(cle)
    except KeyError:
        return echapper(brut)


def texte_ou_brut(t: Traducteur, cle: str, brut: str) -> Markup:
    return html_sur(libelle(t, cle, brut))


@dataclass(frozen=True)
class Ligne:
    """One entry as the table shows it."""

    entree: journal.LigneJournal
    action: Markup
    origine: Markup
    par: Markup
    objet: Markup  # the kind of object and its number, or the person's name
    lien: str | None  # the object's console page


def _ligne(t: Traducteur, lue: journal.LigneJournal) -> Ligne:
    e = lue.entree
    if e.par_id is not None:
        par = escape(lue.par) if lue.par else html_sur(t("journal-par-efface", id=e.par_id))
    else:
        par = texte_ou_brut(t, f"journal-par-{e.origine}", e.origine)
    objet, lien = Markup(""), None
    if e.objet:
        genre = libelle(t, f"journal-objet-{e.objet}", e.objet)
        if e.objet == "membre" and e.objet_id == e.membre_id and lue.membre:
            objet = escape(lue.membre)
        elif e.objet_id is not None:
            objet = html_sur(t("journal-objet-numero", objet=genre, id=e.objet_id))
        else:
            objet = html_sur(genre)
        if e.objet_id is not None and e.objet in PAGES_OBJETS:
            lien = f"{PREFIXE}{PAGES_OBJETS[e.objet]}/{e.objet_id}"
    return Ligne(
        entree=lue,
        action=texte_ou_brut(t, f"journal-action-{e.action}", e.action),
        origine=texte_ou_brut(t, f"journal-origine-{e.origine}", e.origine),
        par=par,
        objet=objet,
        lien=lien,
    )


@dataclass
class Filtres:
    """The filter form as read from the query string, and what is wrong in it."""

    valeurs: dict[str, str]
    erreurs: set[str]
    filtre: journal.Filtre
    page: int


def _entier(valeur: str) -> int | None:
    return int(valeur) if valeur.isdigit() and len(valeur) <= 9 else None


def _lire_filtres(
    requete: web.Request, actions: list[str], objets: list[str], auteurs: list[tuple[int, str]]
) -> Filtres:
    """Each filter must be one of the choices offered (a hand-made URL gets the form back
    with the field marked); an empty one means "all"."""
    q = requete.query
    valeurs = {nom: q.get(nom, "").strip() for nom in ("origine", "action", "objet", "par")}
    valeurs["membre"] = q.get("membre", "").strip()
    erreurs: set[str] = set()
    if valeurs["origine"] and valeurs["origine"] not in journal.ORIGINES:
        erreurs.add("origine")
    if valeurs["action"] and valeurs["action"] not in actions:
        erreurs.add("action")
    if valeurs["objet"] and valeurs["objet"] not in objets:
        erreurs.add("objet")
    par = _entier(valeurs["par"]) if valeurs["par"] else None
    if valeurs["par"] and par not in {i for i, _ in auteurs}:
        erreurs.add("par")
    membre = _entier(valeurs["membre"]) if valeurs["membre"] else None
    if valeurs["membre"] and membre is None:
        erreurs.add("membre")
    page = _entier(q.get("page", "1"))
    if page is None or page < 1:
        erreurs.add("page")
    filtre = journal.Filtre(
        origine=valeurs["origine"] or None,
        action=valeurs["action"] or None,
        objet=valeurs["objet"] or None,
        par_id=par,
        membre_id=membre,
    )
    return Filtres(valeurs, erreurs, filtre, page or 1)


def _adresse(valeurs: dict[str, str], page: int) -> str:
    """This page's address with the same filters, at another page."""
    parametres = [(nom, valeur) for nom, valeur in valeurs.items() if valeur]
    return f"{PREFIXE}/journal?{urlencode([*parametres, ('page', str(page))])}"


async def _concerne(requete: web.Request, membre_id: int | None) -> Html | None:
    """The name of the person the log is narrowed to (a member's page links here)."""
    if membre_id is None:
        return None
    membre = await membres.par_id(session_bd(requete), membre_id)
    if membre is None or not membre.nom_complet:
        return visiteur(requete).t("journal-par-efface", id=membre_id)
    return echapper(membre.nom_complet)


async def page_journal(requete: web.Request) -> web.StreamResponse:
    v = exiger_equipe(requete)
    session = session_bd(requete)
    actions = await journal.actions(session)
    objets = await journal.objets(session)
    auteurs = await journal.auteurs(session)
    filtres = _lire_filtres(requete, actions, objets, auteurs)
    lignes: list[Ligne] = []
    suivante = False
    if not filtres.erreurs:
        lues = await journal.lire(
            session,
            filtre=filtres.filtre,
            limite=PAR_PAGE + 1,  # one more tells whether there is a next page
            decalage=(filtres.page - 1) * PAR_PAGE,
        )
        suivante = len(lues) > PAR_PAGE
        lignes = [_ligne(v.t, lue) for lue in lues[:PAR_PAGE]]
    contexte: dict[str, Any] = {
        "lignes": lignes,
        "filtres": filtres,
        "origines": [(o, texte_ou_brut(v.t, f"journal-origine-{o}", o)) for o in journal.ORIGINES],
        "actions": [(a, texte_ou_brut(v.t, f"journal-action-{a}", a)) for a in actions],
        "objets": [(o, texte_ou_brut(v.t, f"journal-objet-{o}", o)) for o in objets],
        "auteurs": [(i, nom or str(v.t("journal-par-efface", id=i))) for i, nom in auteurs],
        "precedente": _adresse(filtres.valeurs, filtres.page - 1) if filtres.page > 1 else None,
        "suivante": _adresse(filtres.valeurs, filtres.page + 1) if suivante else None,
        "filtre_actif": any(filtres.valeurs.values()),
        "concerne": await _concerne(requete, filtres.filtre.membre_id),
        "date_datee": lambda instant: dates.date_datee(instant, v.fuseau, v.t.langue),
    }
    return rendre(requete, "journal/journal.html", contexte, statut=400 if filtres.erreurs else 200)


def installer(routeur: web.UrlDispatcher) -> None:
    routeur.add_get("/journal", page_journal, name="journal")
