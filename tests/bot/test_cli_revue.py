"""`assemblee revue …` as staff use it: a group's next digest shown as its readers will read
it, sent now (once), and an unknown group refused in one sentence with exit 1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import groupes, journal
from assemblee.db import creer_moteur, fabrique_sessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Article, ArticleGroupe, Envoi, Groupe, Langue, StatutArticle
from assemblee.textes import visible
from bot import cli
from tests.conftest import reglages_test
from tests.outils.fabriques import membres_actifs


@pytest.fixture
async def base(url_base: str) -> AsyncIterator[AsyncSession]:
    moteur = creer_moteur(url_base)
    async with fabrique_sessions(moteur)() as session:
        yield session
    await moteur.dispose()


@pytest.fixture
async def environnement(base: AsyncSession, horloge: HorlogeFigee) -> Groupe:
    """Environnement with three members (one reads English) and two articles kept today."""
    await groupes.synchroniser_groupes(base, groupes.lire_groupes(reglages_test().groupes_fichier))
    env = await groupes.trouver_groupe(base, "environnement")
    assert env is not None
    *_, john = await membres_actifs(base, horloge.maintenant(), env, 3)
    john.langue = Langue.EN
    base.add(john)
    for numero, (titre, statut) in enumerate(
        [("Des arbres rue de Rivoli", StatutArticle.GARDE), ("Cours Oasis", StatutArticle.A_LA_UNE)]
    ):
        article = Article(
            url=f"https://www.paris.fr/pages/{numero}",
            titre=titre,
            titre_normalise=titre.lower(),
            collecte_le=horloge.maintenant() - timedelta(hours=2),
        )
        base.add(article)
        await base.flush()
        base.add(
            ArticleGroupe(
                article_id=article.id or 0,
                groupe_id=env.id or 0,
                statut=statut,
                decide_le=horloge.maintenant() - timedelta(hours=1),
            )
        )
    await base.commit()
    return env


async def assemblee(*args: str) -> int:
    # main() runs its own event loop: a thread of its own.
    return await asyncio.to_thread(cli.main, list(args))


async def envois(session: AsyncSession) -> list[Envoi]:
    session.expire_all()  # the command wrote through its own connection
    return list((await session.exec(select(Envoi).order_by(col(Envoi.id)))).all())


async def test_l_apercu_montre_la_revue_telle_que_les_membres_la_liront(
    operateur: Path,
    base: AsyncSession,
    environnement: Groupe,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert await assemblee("revue", "apercu", "--groupe", "Environnement") == 0

    sortie = capsys.readouterr().out
    assert sortie == (
        "Revue de presse de Environnement si elle partait maintenant : 2 article(s), "
        "pour 3 membre(s).\n"
        "\n"
        "--- chaque semaine : 3 membre(s) ---\n"
        "📰 Revue de presse — Environnement\n"
        "De la semaine, mercredi 25 novembre à 10 h : 2 articles choisis par les animateurs.\n"
        "⭐ À la une : Cours Oasis — proposé par un membre\n"
        "• Des arbres rue de Rivoli — proposé par un membre\n"
        "\n"
        "Pour l'envoyer maintenant : assemblee revue envoyer --groupe environnement\n"
    )
    assert await envois(base) == []  # a preview sends nothing


async def test_l_apercu_en_anglais(
    operateur: Path, environnement: Groupe, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await assemblee("revue", "apercu", "--groupe", "environnement", "--langue", "en") == 0
    assert "📰 News digest — Environnement\nWeekly, Wednesday 25 November" in (
        capsys.readouterr().out
    )


async def test_envoyer_met_en_file_ce_que_l_apercu_montrait_une_seule_fois(
    operateur: Path,
    base: AsyncSession,
    environnement: Groupe,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert await assemblee("revue", "apercu", "--groupe", "environnement") == 0
    apercu = capsys.readouterr().out

    assert await assemblee("revue", "envoyer", "--groupe", "environnement") == 0

    assert capsys.readouterr().out == (
        "Revue de presse de Environnement (2 article(s)) mise en file pour 3 membre(s) ; "
        "le bot en marche l'envoie.\n"
    )
    copies = await envois(base)
    assert len(copies) == 3
    francais = [visible(c.texte) for c in copies if "Revue de presse" in c.texte]
    assert len(francais) == 2 and all(texte in apercu for texte in francais)
    (entree,) = await journal.lire(base, filtre=journal.Filtre(action="revue-envoyee"))
    assert (entree.entree.origine, entree.entree.par_id, entree.entree.apres) == (
        "cli",
        None,
        "3 destinataires, 2 articles",
    )

    assert await assemblee("revue", "envoyer", "--groupe", "environnement") == 0
    assert capsys.readouterr().out == (
        "Rien à envoyer pour Environnement : cette revue de presse vient de partir.\n"
    )
    assert len(await envois(base)) == 3


async def test_rien_a_envoyer_dit_pourquoi(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    await groupes.synchroniser_groupes(base, groupes.lire_groupes(reglages_test().groupes_fichier))
    for action in ("apercu", "envoyer"):
        assert await assemblee("revue", action, "--groupe", "espace-public") == 0
        assert capsys.readouterr().out == (
            "Rien à envoyer pour Espace public : aucun article gardé depuis la dernière revue "
            "de presse (les animateurs gardent les articles avec /veille).\n"
        )
    assert await envois(base) == []


@pytest.mark.parametrize("action", ["apercu", "envoyer"])
async def test_un_groupe_inconnu_est_refuse_en_une_phrase(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str], action: str
) -> None:
    assert await assemblee("revue", action, "--groupe", "jardin") == 1

    sortie = capsys.readouterr()
    assert sortie.out == ""
    assert sortie.err == (
        "Groupe « jardin » inconnu. Groupes : social-education, environnement, espace-public.\n"
    )
