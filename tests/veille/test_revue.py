"""The news digest: on the group's schedule, the kept articles, highlighted first, split to
fit Telegram, once per period, to the members who chose it; nothing when nothing was kept."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import (
    Article,
    ArticleGroupe,
    ChoixRevue,
    Envoi,
    FrequenceRevue,
    Groupe,
    Membre,
    Revue,
    Source,
    StatutArticle,
)
from assemblee.textes import Catalogue, longueur_telegram, visible
from telegram_local import parser_html
from tests.outils.fabriques import membres_actifs
from veille import revue

PARIS = ZoneInfo("Europe/Paris")
CATALOGUE = Catalogue()


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)  # type: ignore[misc]


async def _article(
    session: AsyncSession,
    groupe: Groupe,
    titre: str,
    decide_le: datetime,
    statut: StatutArticle = StatutArticle.GARDE,
    note: str | None = None,
    source: Source | None = None,
) -> Article:
    article = Article(
        source_id=source.id if source else None,
        url=f"https://exemple.org/{abs(hash(titre))}",
        titre=titre,
        titre_normalise=titre.lower(),
        collecte_le=decide_le - timedelta(hours=1),
    )
    session.add(article)
    await session.flush()
    session.add(
        ArticleGroupe(
            article_id=article.id or 0,
            groupe_id=groupe.id or 0,
            statut=statut,
            note=note,
            decide_le=decide_le,
        )
    )
    await session.commit()
    return article


async def _tick(session: AsyncSession, instant: datetime) -> int:
    return await revue.tick(session, maintenant=instant, catalogue=CATALOGUE, fuseau=PARIS)


async def _envois(session: AsyncSession) -> list[Envoi]:
    return list((await session.exec(select(Envoi).order_by(col(Envoi.id)))).all())


def test_l_heure_de_la_revue_suit_l_heure_de_paris_aux_deux_changements_d_heure() -> None:
    groupe = Groupe(slug="g", nom="G", revue="lundi 08:00")
    hebdo, jour = FrequenceRevue.HEBDOMADAIRE, FrequenceRevue.QUOTIDIENNE
    # Monday 30 March 2026, the day after spring forward: 08:00 CEST = 06:00 UTC.
    assert revue.derniere_echeance(groupe, hebdo, paris(2026, 3, 30, 9, 0), PARIS) == datetime(
        2026, 3, 30, 6, 0, tzinfo=UTC
    )
    # Monday 26 October 2026, the day after fall back: 08:00 CET = 07:00 UTC.
    assert revue.derniere_echeance(groupe, hebdo, paris(2026, 10, 26, 8, 0), PARIS) == datetime(
        2026, 10, 26, 7, 0, tzinfo=UTC
    )
    assert revue.derniere_echeance(groupe, hebdo, paris(2026, 10, 26, 7, 59), PARIS) == paris(
        2026, 10, 19, 8, 0
    )
    assert revue.derniere_echeance(groupe, jour, paris(2026, 10, 28, 7, 0), PARIS) == paris(
        2026, 10, 27, 8, 0
    )


async def test_rien_de_garde_rien_d_envoye(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 2)
    await _article(session, env, "Écarté", paris(2026, 11, 25, 10, 0), StatutArticle.ECARTE)
    assert await _tick(session, paris(2026, 11, 30, 8, 0)) == 0
    assert await _envois(session) == []
    assert (
        len((await session.exec(select(Revue))).all()) == 6
    )  # checked once per group and frequency


async def test_la_revue_du_groupe_a_la_une_d_abord_une_seule_fois(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env, esp = groupes_config["environnement"], groupes_config["espace-public"]
    membres = await membres_actifs(session, horloge.maintenant(), env, 2)
    (ailleurs,) = await membres_actifs(
        session, horloge.maintenant(), esp, 1, premier_telegram_id=500
    )
    (curieux,) = await membres_actifs(
        session, horloge.maintenant(), esp, 1, premier_telegram_id=600
    )
    (quotidien,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=700
    )
    (muet,) = await membres_actifs(session, horloge.maintenant(), env, 1, premier_telegram_id=800)
    curieux.revue = ChoixRevue.TOUS
    quotidien.revue_frequence = FrequenceRevue.QUOTIDIENNE
    muet.revue = ChoixRevue.AUCUNE
    session.add_all([curieux, quotidien, muet])
    source = Source(
        nom="Le Parisien", url="https://lp.example/rss", ajoutee_le=horloge.maintenant()
    )
    session.add(source)
    await session.commit()
    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 26, 10), source=source)
    await _article(
        session,
        env,
        "Canicule : les îlots de fraîcheur",
        paris(2026, 11, 27, 10),
        StatutArticle.A_LA_UNE,
        note="À discuter lundi",
    )
    await _article(session, env, "Trop vieux", paris(2026, 11, 20, 10))  # before this week's period

    # Monday 23 November: that week's digest has only the old article.
    await _tick(session, paris(2026, 11, 23, 8, 0))
    deja = {e.id for e in await _envois(session)}
    # Weekly: the 2 members and the curious one; daily: the daily reader (everything kept since
    # the last daily digest made, on 23 November here).
    assert await _tick(session, paris(2026, 11, 30, 8, 0)) == 4
    assert await _tick(session, paris(2026, 11, 30, 8, 5)) == 0  # once
    envoyes = [e for e in await _envois(session) if e.id not in deja]
    hebdo = [
        e
        for e in envoyes
        if (await session.get(Revue, int(e.cle.split(":")[1]))).frequence
        == FrequenceRevue.HEBDOMADAIRE
    ]  # type: ignore[union-attr]
    assert {e.membre_id for e in hebdo} == {membres[0].id, membres[1].id, curieux.id}
    texte = visible(hebdo[0].texte)
    assert texte.startswith("📰 Revue de presse — Environnement")
    assert texte.index("Canicule") < texte.index("Des arbres rue de Rivoli")  # highlighted first
    assert "⭐ À la une : Canicule : les îlots de fraîcheur — proposé par un membre" in texte
    assert "À discuter lundi" in texte and "— Le Parisien" in texte and "Trop vieux" not in texte
    parser_html(hebdo[0].texte)
    assert ailleurs.id not in {e.membre_id for e in envoyes}
    assert muet.id not in {e.membre_id for e in envoyes}
    quotidiennes = [e for e in envoyes if e.membre_id == quotidien.id]
    assert quotidiennes and all("Du jour" in visible(e.texte) for e in quotidiennes)


async def test_une_longue_revue_est_decoupee(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    await _tick(session, paris(2026, 11, 23, 8, 0))
    for i in range(80):
        await _article(
            session,
            env,
            f"Article {i:02d} " + "très long titre " * 10,
            paris(2026, 11, 26, 10) + timedelta(minutes=i),
            note="Une note d'animateur assez longue pour remplir",
        )
    await _tick(session, paris(2026, 11, 30, 8, 0))
    messages = [e for e in await _envois(session) if e.membre_id == mia.id]
    assert len(messages) > 1
    assert all(longueur_telegram(m.texte) <= 4096 for m in messages)
    tout = "\n".join(visible(m.texte) for m in messages)
    assert all(f"Article {i:02d}" in tout for i in range(80))
    for m in messages:
        parser_html(m.texte)
    membre: Membre = mia
    assert [m.cle for m in messages] == [
        f"revue:{messages[0].cle.split(':')[1]}:{membre.id}:{i}" for i in range(len(messages))
    ]


async def test_deux_ticks_en_meme_temps_font_une_seule_revue(
    sessions: FabriqueSessions,
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two processes tick at the same minute: both see no digest yet, both make it; the unique
    key on group × frequency × period keeps one, and its messages are queued once."""
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 3)
    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 26, 10))
    retenus = revue.retenus
    ensemble = asyncio.Barrier(2)

    async def retenus_ensemble(*args: Any, **kwargs: Any) -> list[revue.ArticleRetenu]:
        articles = await retenus(*args, **kwargs)
        await ensemble.wait()  # both ticks have read "no digest yet"
        return articles

    monkeypatch.setattr(revue, "retenus", retenus_ensemble)

    async def tick() -> int:
        async with sessions() as autre:
            return await _tick(autre, paris(2026, 11, 30, 8, 0))

    envoyes = await asyncio.gather(tick(), tick())
    assert sum(envoyes) == 3  # the weekly digest of Environnement, to its 3 members, once
    revues = (await session.exec(select(Revue))).all()
    assert len(revues) == 6  # once per group and frequency
    assert len(await _envois(session)) == 3
