"""Annonces (staff): write a formatted text, choose the audience, see it exactly as members
will, send it (ordinary or urgent), then follow its delivery; the history of announcements.

The same domain functions as /annonce in the bot and `assemblee annonce envoyer`: the same
audiences (`annonces.audiences_possibles`), the same checks (Telegram's HTML rules, as the
CLI's --html, then `annonces.verifier_contenu`), the same `annonces.publier`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from assemblee import annonces, dates, journal
from assemblee.annonces import Choix
from assemblee.envois import Contenu, est_heure_calme
from assemblee.textes import apercu, heure, html_verifie
from console import pagination
from console.apercu import en_page, html_sur, lien_accepte
from console.web import (
    PREFIXE,
    AnalyseurHtml,
    Visiteur,
    application,
    exiger_equipe,
    maintenant,
    rediriger,
    rendre,
    session_bd,
)

PAR_PAGE = 50
# Far more HTML than a 4,096-character message can hold: refused before parsing it.
TAILLE_MAX_SAISIE = 64 * 1024
# A page left open during quiet hours asks less often: nothing moves before morning.
RAFRAICHIR = "every 2s"
RAFRAICHIR_HEURES_CALMES = "every 60s"


# --- The text: Telegram's HTML, by the parser the CLI checks --html with -------------------------


class LienRefuse(Exception):
    """A link whose address a member's phone could not open (or a browser should not)."""


class TropLong(Exception):
    """Far too long to be worth parsing."""


def _valideur(analyser: AnalyseurHtml) -> Callable[[str], None]:
    """Telegram's rules (a ValueError with Telegram's own message), then the links' addresses."""

    def valider(texte: str) -> None:
        _, entites = analyser(texte)
        for entite in entites:
            adresse = str(entite.get("url", ""))
            if entite["type"] == "text_link" and not lien_accepte(adresse):
                raise LienRefuse(adresse)

    return valider


_BALISE_INCONNUE = re.compile(r'Unsupported start tag "([^"]*)"')
_NON_FERMEE = re.compile(r'Can\'t find end tag corresponding to start tag "([^"]*)"')
_MAL_FERMEE = re.compile(r'expected "</([^"]*)>", found "</([^"]*)>"')
_OCTET = re.compile(r"at byte offset (\d+)")


def _erreur_html(source: str, exc: ValueError) -> dict[str, Any]:
    """What Telegram's parser says, as values for the catalogue's sentence (in the person's
    language, with the line where it is)."""
    message = str(exc)
    valeurs: dict[str, Any] = {"raison": "autre", "balise": "", "attendue": "", "ligne": 0}
    if trouve := _BALISE_INCONNUE.search(message):
        valeurs.update(raison="balise-inconnue", balise=trouve.group(1))
    elif trouve := _NON_FERMEE.search(message):
        valeurs.update(raison="non-fermee", balise=trouve.group(1))
    elif trouve := _MAL_FERMEE.search(message):
        valeurs.update(raison="mal-fermee", attendue=trouve.group(1), balise=trouve.group(2))
    elif "Unexpected end tag" in message:
        valeurs.update(raison="fermante-seule")
    if octet := _OCTET.search(message):
        valeurs["ligne"] = source.encode("utf-8")[: int(octet.group(1))].count(b"\n") + 1
    elif valeurs["raison"] == "non-fermee":
        # Telegram names the tag left open, not where: the last one opened with that name.
        ouvertes = list(re.finditer(rf"<{re.escape(valeurs['balise'])}[\s>]", source, re.I))
        if ouvertes:
            valeurs["ligne"] = source[: ouvertes[-1].start()].count("\n") + 1
    valeurs["balise"] = valeurs["balise"][:40]
    return valeurs


@dataclass
class Formulaire:
    """What staff typed, and what is wrong with it (catalogue keys and their values)."""

    texte: str = ""
    audience: str = ""
    erreurs: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    contenu: Contenu | None = None
    choix: Choix | None = None


async def _lire(requete: web.Request) -> Formulaire:
    """Read and check the form: the text as Telegram will take it, an audience staff may
    pick (the bot's list) that reaches someone."""
    donnees = await requete.post()
    brut = donnees.get("texte")
    code = donnees.get("audience")
    # Browsers send a textarea's line breaks as CRLF; Telegram trims the ends, as the CLI does.
    texte = (brut if isinstance(brut, str) else "").replace("\r\n", "\n").replace("\r", "\n")
    texte = texte.strip()
    formulaire = Formulaire(texte=texte, audience=code if isinstance(code, str) else "")
    v = exiger_equipe(requete)
    try:
        if len(texte) > TAILLE_MAX_SAISIE:
            raise TropLong
        analyser = application(requete).html_telegram
        contenu = Contenu(texte=html_verifie(texte, _valideur(analyser)))
    except TropLong:
        formulaire.erreurs["texte"] = ("annonces-erreur-texte", {"raison": "trop-long"})
    except LienRefuse as exc:
        formulaire.erreurs["texte"] = ("annonces-erreur-lien", {"adresse": str(exc)[:200]})
    except ValueError as exc:
        formulaire.erreurs["texte"] = ("annonces-erreur-html", _erreur_html(texte, exc))
    else:
        probleme = annonces.verifier_contenu(contenu)
        if probleme is not None:
            formulaire.erreurs["texte"] = ("annonces-erreur-texte", {"raison": probleme})
        else:
            formulaire.contenu = contenu
    choix = await _choix(requete)
    formulaire.choix = next((c for c in choix if c.audience.code == formulaire.audience), None)
    if formulaire.choix is None:
        formulaire.erreurs["audience"] = ("annonces-erreur-audience", {})
    elif formulaire.choix.nombre == 0:
        libelle = annonces.libelle(formulaire.choix.audience, v.t, formulaire.choix.nom_groupe)
        formulaire.erreurs["audience"] = ("annonces-erreur-personne", {"audience": libelle})
    return formulaire


async def _choix(requete: web.Request) -> list[Choix]:
    return await annonces.audiences_possibles(session_bd(requete), maintenant(requete))


def _options(v: Visiteur, choix: list[Choix]) -> list[dict[str, Any]]:
    return [
        {
            "code": c.audience.code,
            "libelle": annonces.libelle(c.audience, v.t, c.nom_groupe),
            "nombre": c.nombre,
        }
        for c in choix
    ]


async def _formulaire(
    requete: web.Request, formulaire: Formulaire, *, statut: int = 200
) -> web.Response:
    v = exiger_equipe(requete)
    return rendre(
        requete,
        "annonces/formulaire.html",
        {"formulaire": formulaire, "options": _options(v, await _choix(requete))},
        statut=statut,
    )


def _heures_calmes(requete: web.Request) -> dict[str, Any]:
    reglages = application(requete).reglages
    v = exiger_equipe(requete)
    return {
        "calme": est_heure_calme(maintenant(requete), reglages.heures_calmes, reglages.fuseau),
        "fin_calme": heure(reglages.heures_calmes.fin, v.t.langue),
        "debut_calme": heure(reglages.heures_calmes.debut, v.t.langue),
    }


# --- Routes -----------------------------------------------------------------------------------


async def liste(requete: web.Request) -> web.StreamResponse:
    v = exiger_equipe(requete)
    session = session_bd(requete)
    # A page out of range (an old link) or not a number: the nearest page that exists.
    page = pagination.page(requete, await annonces.nombre(session), par_page=PAR_PAGE)
    lignes = await annonces.historique(session, v.t, limite=page.par_page, decalage=page.decalage)
    return rendre(
        requete,
        "annonces/liste.html",
        {
            "lignes": lignes,
            "page": page.numero,
            "pages": page.nombre_pages,
            "audiences": {ligne.annonce.id: html_sur(ligne.audience) for ligne in lignes},
            "apercu": lambda texte: apercu(texte, 80),
            "date_datee": lambda instant: dates.date_datee(instant, v.fuseau, v.t.langue),
        },
    )


async def nouvelle(requete: web.Request) -> web.StreamResponse:
    exiger_equipe(requete)
    return await _formulaire(requete, Formulaire(audience="tous"))


async def modifier(requete: web.Request) -> web.StreamResponse:
    """Back from the preview to the form, with what was written (nothing checked yet)."""
    exiger_equipe(requete)
    donnees = await requete.post()
    texte, audience = donnees.get("texte"), donnees.get("audience")
    return await _formulaire(
        requete,
        Formulaire(
            texte=texte if isinstance(texte, str) else "",
            audience=audience if isinstance(audience, str) else "",
        ),
    )


async def voir_apercu(requete: web.Request) -> web.StreamResponse:
    v = exiger_equipe(requete)
    formulaire = await _lire(requete)
    if formulaire.erreurs or formulaire.contenu is None or formulaire.choix is None:
        return await _formulaire(requete, formulaire, statut=400)
    choix = formulaire.choix
    return rendre(
        requete,
        "annonces/apercu.html",
        {
            "formulaire": formulaire,
            "rendu": en_page(formulaire.contenu.texte, application(requete).html_telegram),
            "audience": annonces.libelle(choix.audience, v.t, choix.nom_groupe, cas="a"),
            "nombre": choix.nombre,
            **_heures_calmes(requete),
        },
    )


async def envoyer(requete: web.Request) -> web.StreamResponse:
    """Checked again from scratch (the hidden fields came back from the browser), then the
    bot's `publier`, and the outbox woken up."""
    v = exiger_equipe(requete)
    formulaire = await _lire(requete)
    if formulaire.erreurs or formulaire.contenu is None or formulaire.choix is None:
        return await _formulaire(requete, formulaire, statut=400)
    urgence = (await requete.post()).get("urgence")
    annonce, _ = await annonces.publier(
        session_bd(requete),
        auteur=journal.Auteur(journal.ORIGINE_CONSOLE, v.membre),
        contenu=formulaire.contenu,
        audience=formulaire.choix.audience,
        urgent=urgence == "oui",
        maintenant=maintenant(requete),
    )
    application(requete).expediteur.reveiller()
    return rediriger(f"{PREFIXE}/annonces/{annonce.id}")


async def _ligne(requete: web.Request) -> annonces.LigneHistorique:
    v = exiger_equipe(requete)
    ligne = await annonces.ligne(session_bd(requete), int(requete.match_info["id"]), v.t)
    if ligne is None:
        raise web.HTTPNotFound
    return ligne


def _contexte_bilan(requete: web.Request, ligne: annonces.LigneHistorique) -> dict[str, Any]:
    calme = _heures_calmes(requete)
    attend_le_matin = calme["calme"] and not ligne.annonce.urgent
    return {
        "ligne": ligne,
        "rafraichir": RAFRAICHIR_HEURES_CALMES if attend_le_matin else RAFRAICHIR,
        "attend_le_matin": attend_le_matin and not ligne.bilan.termine,
        **calme,
    }


async def annonce(requete: web.Request) -> web.StreamResponse:
    ligne = await _ligne(requete)
    return rendre(
        requete,
        "annonces/annonce.html",
        {
            **_contexte_bilan(requete, ligne),
            "rendu": en_page(ligne.annonce.texte, application(requete).html_telegram),
            "htmx": True,
        },
    )


async def bilan(requete: web.Request) -> web.StreamResponse:
    """The report alone, for the page's htmx polling (it stops when nothing is pending)."""
    ligne = await _ligne(requete)
    return rendre(requete, "annonces/_bilan.html", _contexte_bilan(requete, ligne))


def installer(routeur: web.UrlDispatcher) -> None:
    routeur.add_get("/annonces", liste, name="annonces")
    routeur.add_get("/annonces/nouvelle", nouvelle, name="annonces-nouvelle")
    routeur.add_post("/annonces/nouvelle", modifier, name="annonces-modifier")
    routeur.add_post("/annonces/apercu", voir_apercu, name="annonces-apercu")
    routeur.add_post("/annonces/envoyer", envoyer, name="annonces-envoyer")
    routeur.add_get(r"/annonces/{id:\d{1,9}}", annonce, name="annonces-annonce")
    routeur.add_get(r"/annonces/{id:\d{1,9}}/bilan", bilan, name="annonces-bilan")
