"""`assemblee sources …` as staff use it: feeds checked before they are saved (served on
127.0.0.1), listed with their state, removed; refused input is one sentence and exit 1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.db import creer_moteur, fabrique_sessions
from assemblee.modeles import Source
from bot import cli
from tests.veille.serveur import TYPE_HTML, ServeurFlux


@pytest.fixture
async def base(url_base: str) -> AsyncIterator[AsyncSession]:
    moteur = creer_moteur(url_base)
    async with fabrique_sessions(moteur)() as session:
        yield session
    await moteur.dispose()


@pytest.fixture
async def serveur() -> AsyncIterator[ServeurFlux]:
    async with ServeurFlux() as serveur:
        yield serveur


async def assemblee(*args: str) -> int:
    # main() runs its own event loop: a thread of its own, while this loop serves the feeds.
    return await asyncio.to_thread(cli.main, list(args))


async def sources_en_base(session: AsyncSession) -> list[Source]:
    session.expire_all()  # the command wrote through its own connection
    return list((await session.exec(select(Source).order_by(col(Source.id)))).all())


async def test_ajouter_un_flux_verifie(
    operateur: Path,
    base: AsyncSession,
    serveur: ServeurFlux,
    capsys: pytest.CaptureFixture[str],
) -> None:
    flux = serveur.fichier("/rss.xml", "rss.xml")

    assert await assemblee("sources", "ajouter", flux, "--nom", "Ville de Paris") == 0

    assert capsys.readouterr().out == (
        f"Source n°1 « Ville de Paris » suivie : {flux}. "
        "Le bot en marche la relèvera au prochain passage.\n"
    )
    (source,) = await sources_en_base(base)
    assert (source.nom, source.url, source.active) == ("Ville de Paris", flux, True)
    assert source.ajoutee_par_id is None and not source.depuis_config


async def test_sans_nom_le_titre_du_flux(
    operateur: Path,
    base: AsyncSession,
    serveur: ServeurFlux,
    capsys: pytest.CaptureFixture[str],
) -> None:
    flux = serveur.fichier("/rss.xml", "rss.xml")
    assert await assemblee("sources", "ajouter", flux) == 0
    assert "« Mairie de Paris — Actualités »" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("quoi", "phrase"),
    [
        ("page", "cette adresse n'est pas un flux RSS ou Atom"),
        ("absent", "cette adresse est introuvable sur le site (404)"),
        ("pas-une-url", "cette adresse n'est pas valable"),
    ],
)
async def test_un_flux_refuse_en_une_phrase_sans_rien_ecrire(
    operateur: Path,
    base: AsyncSession,
    serveur: ServeurFlux,
    capsys: pytest.CaptureFixture[str],
    quoi: str,
    phrase: str,
) -> None:
    adresses = {
        "page": serveur.contenu(
            "/page", "<html><title>Accueil</title></html>", type_contenu=TYPE_HTML
        ),
        "absent": serveur.url("/absent.xml"),
        "pas-une-url": "www.paris.fr/rss",
    }
    assert await assemblee("sources", "ajouter", adresses[quoi]) == 1
    sortie = capsys.readouterr()
    assert sortie.out == ""
    assert sortie.err.startswith(f"Source refusée, rien n'est enregistré : {phrase}")
    assert sortie.err.count("\n") == 1
    assert await sources_en_base(base) == []


async def test_par_defaut_une_adresse_locale_est_refusee(
    operateur: Path,
    base: AsyncSession,
    serveur: ServeurFlux,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VEILLE_ADRESSES_PRIVEES")  # the production default
    flux = serveur.fichier("/rss.xml", "rss.xml")

    assert await assemblee("sources", "ajouter", flux) == 1

    sortie = capsys.readouterr()
    assert sortie.err.startswith(
        "Source refusée, rien n'est enregistré : cette adresse est sur un réseau local ou privé"
    )
    assert serveur.requetes_vers("/rss.xml") == []  # refused before any connection
    assert await sources_en_base(base) == []


async def test_lister_puis_retirer(
    operateur: Path,
    base: AsyncSession,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base.add_all(
        [
            Source(
                nom="Mairie de Paris",
                url="https://www.paris.fr/rss",
                ajoutee_le=datetime(2026, 11, 1, tzinfo=UTC),
            ),
            Source(
                nom="Le Journal du 13e",
                url="https://journal13.example.org/feed",
                ajoutee_le=datetime(2026, 11, 1, tzinfo=UTC),
                active=False,
                echecs=5,
                derniere_erreur="le serveur a répondu 503",
                desactivee_le=datetime(2026, 11, 20, 7, 0, tzinfo=UTC),
            ),
        ]
    )
    await base.commit()

    assert await assemblee("sources", "lister") == 0
    lignes = capsys.readouterr().out.splitlines()
    assert lignes[0].split() == ["n°", "état", "nom", "adresse", "échecs", "dernière", "erreur"]
    assert lignes[1].split() == ["1", "active", "Mairie", "de", "Paris", "https://www.paris.fr/rss"]
    assert "désactivée le 2026-11-20 08:00" in lignes[2]
    assert lignes[2].split()[-6:] == ["5", "le", "serveur", "a", "répondu", "503"]
    assert lignes[-1] == "2 source(s), dont 1 active(s)."

    assert await assemblee("sources", "retirer", "1") == 0
    assert capsys.readouterr().out == (
        "Source n°1 « Mairie de Paris » retirée ; ses articles déjà relevés restent.\n"
    )
    assert [s.active for s in await sources_en_base(base)] == [False, False]

    assert await assemblee("sources", "retirer", "7") == 1
    assert capsys.readouterr().err == "Aucune source n°7 (voir « assemblee sources lister »).\n"


async def test_aucune_source(operateur: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert await assemblee("sources", "lister") == 0
    assert capsys.readouterr().out == (
        "Aucune source. Pour en ajouter une : assemblee sources ajouter URL --nom NOM\n"
    )
