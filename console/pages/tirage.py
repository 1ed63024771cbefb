"""Tirage au sort (staff): where the renewal campaign stands, for staff at a desk answering a
resident or checking the draw: its dates and registration link, the volunteers per value
against the targets (with what is missing), the steps done, and after the draw its report,
each volunteer's chance (CSV) and the seats offered with their answers.

Read-only: every step is taken with `assemblee tirage campagne …`, so the team's secret never
goes through a browser. Nothing here shows how to reach a volunteer (contact, Telegram
account, address): staff see who was drawn, not how to reach them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web
from markupsafe import Markup

from assemblee import campagnes, dates, tableur, tirage
from assemblee.modeles import Campagne, Siege, Volontaire
from assemblee.textes import Html, Traducteur
from console.apercu import html_sur
from console.web import application, exiger_equipe, maintenant, rendre, session_bd, visiteur


def libelle(t: Traducteur, categorie: str, valeur: str) -> Html:
    """A value as the registration form words it: the bot's keys (config/locales/*/tirage.ftl),
    made as `commandes.candidatures.libelle` makes them (the console does not import the bot)."""
    if categorie == "arrondissement":
        return t("valeur-arrondissement", numero=int(valeur))
    return t(f"valeur-{categorie}-{valeur.replace('+', '-plus-').rstrip('-')}")


@dataclass(frozen=True)
class LigneValeur:
    """One value of a category: its volunteers against its target."""

    libelle: Markup
    volontaires: int
    bornes: tirage.Bornes | None  # None, or 0 to 0: this value takes no seat
    manquants: int  # volunteers missing to meet the minimum (0: enough)
    tires: int | None  # after the draw: drawn in the first panel


@dataclass(frozen=True)
class Categorie:
    nom: str
    ciblee: bool  # the targets name this category
    lignes: list[LigneValeur]


@dataclass(frozen=True)
class LigneSiege:
    siege: Siege
    volontaire: Volontaire | None


def _tires(
    rapport: campagnes.Rapport | None, vs: list[Volontaire]
) -> Mapping[tuple[str, str], int] | None:
    """Drawn per value: the report's counts for the targeted values, counted from the panel
    for the others (a category without targets is still worth seeing)."""
    if rapport is None:
        return None
    panel = set(rapport.panel)
    comptes: Counter[tuple[str, str]] = Counter(
        (c, getattr(v, c)) for v in vs if v.pseudo in panel for c in campagnes.CATEGORIES
    )
    for c in rapport.comptes:
        comptes[(c.categorie, c.valeur)] = c.tires
    return comptes


def _categories(
    t: Traducteur,
    etat: campagnes.Etat,
    tires: Mapping[tuple[str, str], int] | None,
) -> list[Categorie]:
    manques = {(m.categorie, m.valeur): m.manquants for m in etat.manques}
    cibles = etat.cibles.categories if etat.cibles else {}
    categories = []
    for nom in campagnes.CATEGORIES:
        bornes = cibles.get(nom, {})
        lignes = [
            LigneValeur(
                libelle=html_sur(libelle(t, nom, valeur)),
                volontaires=etat.par_valeur[nom].get(valeur, 0),
                bornes=bornes.get(valeur),
                manquants=manques.get((nom, valeur), 0),
                tires=tires.get((nom, valeur), 0) if tires is not None else None,
            )
            for valeur in campagnes.VALEURS[nom]
        ]
        categories.append(Categorie(nom, nom in cibles, lignes))
    return categories


async def _sieges(requete: web.Request, campagne: Campagne) -> list[LigneSiege]:
    session = session_bd(requete)
    return [
        LigneSiege(s, await session.get(Volontaire, s.volontaire_id))
        for s in await campagnes.sieges(session, campagne)
    ]


def _pour_cent(part: float) -> float:
    # Two decimals: a pool of thousands gives chances of a few percent.
    return round(part * 100, 2)


def _inscriptions(campagne: Campagne, maintenant: datetime) -> str:
    """Where registration stands today: the catalogue's selector."""
    if campagnes.ouverte(campagne, maintenant):
        return "ouvertes"
    return "pas-encore" if maintenant < campagne.ouverture else "closes"


async def _contexte(requete: web.Request, campagne: Campagne) -> dict[str, Any]:
    v = visiteur(requete)
    session = session_bd(requete)
    etat = await campagnes.etat(session, campagne)
    rapport = campagnes.rapport(campagne)
    sieges = await _sieges(requete, campagne)
    return {
        "etat": etat,
        "rapport": rapport,
        "lien": campagnes.lien(await application(requete).nom_du_bot(), campagne),
        "inscriptions": _inscriptions(campagne, maintenant(requete)),
        # The last day to register: a close at midnight is the day before's end.
        "dernier_jour": campagne.cloture - timedelta(seconds=1),
        "categories": _categories(
            v.t, etat, _tires(rapport, await campagnes.volontaires(session, campagne))
        ),
        "manques": [
            html_sur(
                v.t(
                    "console-tirage-manque",
                    valeur=libelle(v.t, m.categorie, m.valeur),
                    volontaires=m.volontaires,
                    minimum=m.minimum,
                    manquants=m.manquants,
                )
            )
            for m in etat.manques
        ],
        "sieges": sieges,
        "comptes_sieges": Counter(s.siege.etat.value for s in sieges),
        "pour_cent": _pour_cent,
        "jour_long": lambda instant: dates.jour_long(instant, v.fuseau, v.t.langue),
        "date_datee": lambda instant: dates.date_datee(instant, v.fuseau, v.t.langue),
    }


async def page_tirage(requete: web.Request) -> web.StreamResponse:
    exiger_equipe(requete)
    campagne = await campagnes.courante(session_bd(requete))
    contexte: dict[str, Any] = {"campagne": campagne}
    if campagne is not None:
        contexte |= await _contexte(requete, campagne)
    return rendre(requete, "tirage/tirage.html", contexte)


async def probabilites_csv(requete: web.Request) -> web.StreamResponse:
    """Each volunteer's chance of a seat under the draw's distribution, by pseudonymous id:
    the same columns as the published probabilites.csv (`campagnes.publier`), so that staff
    can answer "what were my chances?" at the desk. Nothing before the draw."""
    exiger_equipe(requete)
    campagne = await campagnes.courante(session_bd(requete))
    rapport = campagnes.rapport(campagne) if campagne is not None else None
    if campagne is None or rapport is None:
        raise web.HTTPNotFound
    contenu = tableur.ecrire_csv(
        [["id", "probabilite"], *([p, f"{x:.6f}"] for p, x in sorted(rapport.probabilites.items()))]
    )
    nom = f"tirage-{campagne.slug}-probabilites.csv"  # the slug is [a-z0-9-]: no quoting
    return web.Response(
        body=contenu.encode("utf-8"),
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{nom}"',
        },
    )


def installer(routeur: web.UrlDispatcher) -> None:
    routeur.add_get("/tirage", page_tirage, name="tirage")
    routeur.add_get("/tirage/probabilites.csv", probabilites_csv, name="tirage-probabilites")
