"""Veille: the sorting queue of one's groups with the bot's /veille actions (keep, highlight,
discard, annotate, make a topic), each group's next digest as its readers will get it (staff
send it now, as /revue does), and for staff the articles in no group (file them in one) and
the feeds with their health (add, remove, reactivate, as /sources and `assemblee sources`
do). Every change goes through the same domain functions as the bot's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web
from markupsafe import Markup

from assemblee import acces
from assemblee.envois import est_heure_calme
from assemblee.groupes import groupes_actifs
from assemblee.modeles import Groupe, Source
from assemblee.textes import heure
from console import pagination
from console.web import (
    PREFIXE,
    application,
    exiger_equipe,
    maintenant,
    rediriger,
    rendre,
    session_bd,
    visiteur,
)
from veille import collecte, curation, revue, sources
from veille.curation import ErreurCuration
from veille.sources import ErreurSource

# What the decision buttons may send (curation.DECISIONS, by their stored names).
DECISIONS = {s.value: s for s in curation.DECISIONS}


@dataclass(frozen=True)
class ErreurArticle:
    """A refused action on one article, shown next to the field at fault."""

    cle: tuple[int, int]  # (article, group)
    champ: str  # "note", "decision"
    code: str  # curation.ErreurCuration's code
    note: str = ""  # what was typed, given back


def _entier(valeur: Any) -> int | None:
    try:
        return int(valeur)
    except (TypeError, ValueError):
        return None


# --- the sorting queue ----------------------------------------------------------------------


async def _tri(
    requete: web.Request,
    *,
    numero: int | None = None,
    fait: tuple[int, int] | None = None,
    erreur: ErreurArticle | None = None,
    statut: int = 200,
) -> web.Response:
    v = visiteur(requete)
    session = session_bd(requete)
    groupes = v.groupes
    if groupes == []:
        return rendre(requete, "veille/tri.html", {"sans_groupe": True}, statut=statut)
    total = await curation.nombre_a_curer(session, groupes=groupes)
    # After a POST: the page the form came from.
    page = pagination.borner(
        pagination.numero_demande(requete) if numero is None else numero, total
    )
    elements = await curation.a_curer(
        session, groupes=groupes, limite=page.par_page, decalage=page.decalage
    )
    cles = {(e.lien.article_id, e.lien.groupe_id) for e in elements}
    # The article just acted on, as it stands now (out of the queue once decided), to see
    # the decision and change one's mind, as the bot's /veille message shows it.
    carte = fait or (erreur.cle if erreur and erreur.cle not in cles else None)
    dernier = None
    if carte is not None and v.voit_groupe(carte[1]):
        dernier = next(iter(await curation.par_cles(session, [carte])), None)
    return rendre(
        requete,
        "veille/tri.html",
        {
            "sans_groupe": False,
            "elements": elements,
            "total": total,
            "page": page,
            "dernier": dernier,
            "annonce": fait is not None and erreur is None,
            "erreur": erreur,
            "hors_groupe": await curation.nombre_non_classes(session) if v.est_equipe else 0,
            "avec_groupe": groupes is None or len(groupes) > 1,
            "longueur_note": curation.LONGUEUR_MAX_NOTE,
        },
        statut=statut,
    )


async def tri(requete: web.Request) -> web.StreamResponse:
    article = _entier(requete.query.get("article"))
    groupe = _entier(requete.query.get("groupe"))
    fait = (article, groupe) if article is not None and groupe is not None else None
    return await _tri(requete, fait=fait)


async def _lien(requete: web.Request) -> tuple[int, int]:
    """The article and group the URL names, if this person sorts that group's watch; else
    the 404 page, whether it exists elsewhere or not at all."""
    article_id = int(requete.match_info["article"])
    groupe_id = int(requete.match_info["groupe"])
    lien = await acces.article_gere(
        session_bd(requete), visiteur(requete).membre, article_id, groupe_id
    )
    if lien is None:
        raise web.HTTPNotFound
    return article_id, groupe_id


def _apres(formulaire: Any, cle: tuple[int, int]) -> web.Response:
    numero = _entier(formulaire.get("page")) or 1
    return rediriger(
        f"{PREFIXE}/veille?page={numero}&article={cle[0]}&groupe={cle[1]}#derniere-decision"
    )


async def decider(requete: web.Request) -> web.StreamResponse:
    cle = await _lien(requete)
    formulaire = await requete.post()
    numero = _entier(formulaire.get("page"))
    statut = DECISIONS.get(str(formulaire.get("statut", "")))
    try:
        if statut is None:
            raise ErreurCuration("statut")
        await curation.decider(
            session_bd(requete),
            article_id=cle[0],
            groupe_id=cle[1],
            statut=statut,
            auteur=visiteur(requete).auteur,
            maintenant=maintenant(requete),
        )
    except ErreurCuration as exc:
        erreur = ErreurArticle(cle, "decision", exc.code)
        return await _tri(requete, numero=numero, erreur=erreur, statut=400)
    return _apres(formulaire, cle)


async def annoter(requete: web.Request) -> web.StreamResponse:
    cle = await _lien(requete)
    formulaire = await requete.post()
    note = str(formulaire.get("note", ""))
    try:
        await curation.annoter(
            session_bd(requete),
            article_id=cle[0],
            groupe_id=cle[1],
            note=note,
            auteur=visiteur(requete).auteur,
            maintenant=maintenant(requete),
        )
    except ErreurCuration as exc:
        erreur = ErreurArticle(cle, "note", exc.code, note)
        numero = _entier(formulaire.get("page"))
        return await _tri(requete, numero=numero, erreur=erreur, statut=400)
    return _apres(formulaire, cle)


async def sujet(requete: web.Request) -> web.StreamResponse:
    cle = await _lien(requete)
    formulaire = await requete.post()
    app = application(requete)
    try:
        await curation.proposer_comme_sujet(
            session_bd(requete),
            article_id=cle[0],
            groupe_id=cle[1],
            auteur=visiteur(requete).auteur,
            maintenant=maintenant(requete),
            catalogue=app.catalogue,
        )
    except ErreurCuration as exc:
        erreur = ErreurArticle(cle, "decision", exc.code)
        numero = _entier(formulaire.get("page"))
        return await _tri(requete, numero=numero, erreur=erreur, statut=409)
    # Accepting a member's topic of the same wording tells its author: wake the outbox.
    app.expediteur.reveiller()
    return _apres(formulaire, cle)


# --- staff: articles in no group ------------------------------------------------------------


async def _hors_groupe(
    requete: web.Request,
    *,
    numero: int | None = None,
    erreur: int | None = None,  # the article whose group choice is wrong
    statut: int = 200,
) -> web.Response:
    session = session_bd(requete)
    total = await curation.nombre_non_classes(session)
    # After a POST: the page the form came from.
    page = pagination.borner(
        pagination.numero_demande(requete) if numero is None else numero, total
    )
    elements = await curation.non_classes(session, limite=page.par_page, decalage=page.decalage)
    return rendre(
        requete,
        "veille/hors_groupe.html",
        {
            "elements": elements,
            "total": total,
            "page": page,
            "groupes": await groupes_actifs(session),
            "erreur": erreur,
        },
        statut=statut,
    )


async def hors_groupe(requete: web.Request) -> web.StreamResponse:
    exiger_equipe(requete)
    return await _hors_groupe(requete)


async def ranger(requete: web.Request) -> web.StreamResponse:
    exiger_equipe(requete)
    session = session_bd(requete)
    article_id = int(requete.match_info["article"])
    formulaire = await requete.post()
    numero = _entier(formulaire.get("page"))
    groupe_id = _entier(formulaire.get("groupe_id"))
    if groupe_id is None or groupe_id not in {g.id for g in await groupes_actifs(session)}:
        return await _hors_groupe(requete, numero=numero, erreur=article_id, statut=400)
    try:
        await curation.ranger(
            session,
            article_id=article_id,
            groupe_id=groupe_id,
            auteur=visiteur(requete).auteur,
            maintenant=maintenant(requete),
        )
    except ErreurCuration:  # the group was checked: the article is gone
        raise web.HTTPNotFound from None
    return rediriger(f"{PREFIXE}/veille/hors-groupe?page={numero or 1}")


# --- staff: feeds ---------------------------------------------------------------------------


async def _sources(
    requete: web.Request,
    *,
    erreur_ajout: str | None = None,
    saisie: dict[str, str] | None = None,
    erreur_source: tuple[int, str] | None = None,
    fait: str | None = None,
    statut: int = 200,
) -> web.Response:
    liste = await sources.lister(session_bd(requete))
    return rendre(
        requete,
        "veille/sources.html",
        {
            "sources": liste,
            "actives": sum(1 for s in liste if s.active),
            "erreur_ajout": erreur_ajout,
            "saisie": saisie or {"url": "", "nom": ""},
            "erreur_source": erreur_source,
            "fait": fait,
        },
        statut=statut,
    )


async def liste_sources(requete: web.Request) -> web.StreamResponse:
    exiger_equipe(requete)
    fait = requete.query.get("fait")
    return await _sources(
        requete, fait=fait if fait in ("ajoutee", "retiree", "reactivee") else None
    )


async def _suivre(requete: web.Request, *, url: str, nom: str | None) -> None:
    """Add or reactivate a feed, checked first, as /sources does (same deadline, size cap and
    first collection slot). Its own HTTP client, as the CLI's: the console knows the bot's
    settings, not its wiring, and a feed is added rarely."""
    app = application(requete)
    reglages = app.reglages
    async with collecte.creer_client(adresses_privees=reglages.veille_adresses_privees) as client:
        await sources.ajouter(
            session_bd(requete),
            url=url,
            nom=nom,
            auteur=visiteur(requete).auteur,
            client=client,
            maintenant=maintenant(requete),
            delai=reglages.veille_delai_secondes,
            taille_max=reglages.veille_taille_max_octets,
            intervalle=timedelta(minutes=reglages.veille_intervalle_minutes),
        )


async def ajouter_source(requete: web.Request) -> web.StreamResponse:
    exiger_equipe(requete)
    formulaire = await requete.post()
    saisie = {
        "url": str(formulaire.get("url", "")).strip(),
        "nom": str(formulaire.get("nom", "")).strip(),
    }
    try:
        await _suivre(requete, url=saisie["url"], nom=saisie["nom"] or None)
    except ErreurSource as exc:
        return await _sources(requete, erreur_ajout=exc.code, saisie=saisie, statut=400)
    return rediriger(f"{PREFIXE}/veille/sources?fait=ajoutee")


async def retirer_source(requete: web.Request) -> web.StreamResponse:
    exiger_equipe(requete)
    try:
        await sources.retirer(
            session_bd(requete),
            source_id=int(requete.match_info["id"]),
            auteur=visiteur(requete).auteur,
            maintenant=maintenant(requete),
        )
    except ErreurSource:
        raise web.HTTPNotFound from None
    return rediriger(f"{PREFIXE}/veille/sources?fait=retiree")


async def reactiver_source(requete: web.Request) -> web.StreamResponse:
    exiger_equipe(requete)
    source_id = int(requete.match_info["id"])
    source = await session_bd(requete).get(Source, source_id)
    if source is None:
        raise web.HTTPNotFound
    try:
        await _suivre(requete, url=source.url, nom=source.nom)
    except ErreurSource as exc:
        return await _sources(requete, erreur_source=(source_id, exc.code), statut=400)
    return rediriger(f"{PREFIXE}/veille/sources?fait=reactivee")


# --- the digest: the next one of each group, as its readers will get it; send it now ------


async def revues(requete: web.Request) -> web.StreamResponse:
    """Facilitators see their groups' next digest (what their sorting makes); staff every
    group's, and may send it now. Every group in figures; one group's digest in full, as its
    readers will get it (`?voir=`; else the first with something to send): a digest may hold
    hundreds of articles, and staff send the one they have read."""
    v = visiteur(requete)
    session = session_bd(requete)
    app = application(requete)
    instant = maintenant(requete)
    fuseau = app.reglages.fuseau
    # A handful of groups, set in config/groupes.toml: a few count queries each.
    groupes = await groupes_actifs(session) if v.groupes is None else v.groupes
    etats = [
        await revue.etat(session, groupe=g, maintenant=instant, fuseau=fuseau) for g in groupes
    ]
    voir = _entier(requete.query.get("voir"))
    choisi = next((e.groupe for e in etats if e.groupe.id == voir), None) or next(
        (e.groupe for e in etats if e.raison is None), None
    )
    apercu, messages = None, []
    if choisi is not None:
        apercu = await revue.apercu(
            session,
            groupe=choisi,
            langue=v.t.langue,
            maintenant=instant,
            catalogue=app.catalogue,
            fuseau=fuseau,
        )
        # The Html the outbox sends, as is: made only by escaping and by the catalogue.
        messages = [
            (partie, [Markup(str(m)) for m in partie.messages])  # noqa: S704
            for partie in apercu.parties
        ]
    envoyee = None
    groupe_id = _entier(requete.query.get("groupe"))
    if groupe_id is not None and v.voit_groupe(groupe_id):
        envoyee = {
            "groupe": groupe_id,
            "nombre": _entier(requete.query.get("nombre")) or 0,
            "raison": requete.query.get("raison")
            if requete.query.get("raison") in revue.RAISONS
            else None,
            "calme": requete.query.get("calme") == "oui",
        }
    return rendre(
        requete,
        "veille/revue.html",
        {
            "etats": etats,
            "apercu": apercu,
            "parties": messages,
            "envoyee": envoyee,
            "fin_heures_calmes": heure(app.reglages.heures_calmes.fin, v.t.langue),
        },
    )


async def envoyer_revue(requete: web.Request) -> web.StreamResponse:
    """Send a group's digest now, exactly the one previewed (its instant comes back with the
    form), as /revue does."""
    v = exiger_equipe(requete)
    session = session_bd(requete)
    app = application(requete)
    groupe = await session.get(Groupe, int(requete.match_info["groupe"]))
    if groupe is None or not groupe.actif:
        raise web.HTTPNotFound
    formulaire = await requete.post()
    instant = _entier(formulaire.get("jusqua"))
    envoyee = await revue.envoyer_maintenant(
        session,
        groupe=groupe,
        auteur=v.auteur,
        maintenant=maintenant(requete),
        catalogue=app.catalogue,
        fuseau=app.reglages.fuseau,
        jusqua=datetime.fromtimestamp(instant, UTC) if instant is not None else None,
    )
    suite = f"groupe={groupe.id}"
    if envoyee.raison is not None:
        suite += f"&raison={envoyee.raison}"
    else:
        app.expediteur.reveiller()
        calme = est_heure_calme(
            maintenant(requete), app.reglages.heures_calmes, app.reglages.fuseau
        )
        suite += f"&nombre={envoyee.destinataires}&calme={'oui' if calme else 'non'}"
    return rediriger(f"{PREFIXE}/veille/revue?{suite}#revue-{groupe.id}")


def installer(routeur: web.UrlDispatcher) -> None:
    routeur.add_get("/veille", tri, name="veille")
    article = r"/veille/articles/{article:\d+}/{groupe:\d+}"
    routeur.add_post(f"{article}/decider", decider, name="veille-decider")
    routeur.add_post(f"{article}/annoter", annoter, name="veille-annoter")
    routeur.add_post(f"{article}/sujet", sujet, name="veille-sujet")
    routeur.add_get("/veille/revue", revues, name="veille-revue")
    routeur.add_post(r"/veille/revue/{groupe:\d+}/envoyer", envoyer_revue, name="veille-envoyer")
    routeur.add_get("/veille/hors-groupe", hors_groupe, name="veille-hors-groupe")
    routeur.add_post(r"/veille/hors-groupe/{article:\d+}/ranger", ranger, name="veille-ranger")
    routeur.add_get("/veille/sources", liste_sources, name="veille-sources")
    routeur.add_post("/veille/sources", ajouter_source, name="veille-source-ajouter")
    routeur.add_post(r"/veille/sources/{id:\d+}/retirer", retirer_source, name="veille-retirer")
    routeur.add_post(
        r"/veille/sources/{id:\d+}/reactiver", reactiver_source, name="veille-reactiver"
    )
