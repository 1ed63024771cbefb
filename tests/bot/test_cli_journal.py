"""The audit log of the command line: every change made with `assemblee …` is written with
origine "cli" and no person, read back by `assemblee membres journal` and its filters."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import groupes as groupes_domaine
from assemblee.db import creer_moteur, fabrique_sessions
from assemblee.groupes import trouver_groupe
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import EntreeJournal, Invitation, Membre
from bot import cli
from tests.conftest import reglages_test
from tests.outils.fabriques import membres_actifs
from tests.outils.journal import entrees
from tests.veille.serveur import ServeurFlux


@pytest.fixture
async def base(url_base: str) -> AsyncIterator[AsyncSession]:
    moteur = creer_moteur(url_base)
    async with fabrique_sessions(moteur)() as session:
        await groupes_domaine.synchroniser_groupes(
            session, groupes_domaine.lire_groupes(reglages_test().groupes_fichier)
        )
        yield session
    await moteur.dispose()


async def assemblee(*args: str) -> int:
    # main() runs its own event loop: a thread of its own.
    return await asyncio.to_thread(cli.main, list(args))


async def journal_en_base(session: AsyncSession, **filtre: str) -> list[tuple[object, ...]]:
    session.expire_all()  # the command wrote through its own connection
    return list(await entrees(session, **filtre))


ATELIER = (
    "seances",
    "creer",
    "--type",
    "atelier",
    "--groupe",
    "environnement",
    "--titre",
    "Cours Oasis",
    "--debut",
    "03/12/2026 18:30",
    "--fin",
    "20:30",
    "--lieu",
    "Mairie du 4e",
)


async def test_une_seance_creee_modifiee_ajustee_annulee(
    operateur: Path, base: AsyncSession, horloge: HorlogeFigee, capsys: pytest.CaptureFixture[str]
) -> None:
    env = await trouver_groupe(base, "environnement")
    assert env is not None
    (mia,) = await membres_actifs(base, horloge.maintenant(), env, 1)
    assert await assemblee(*ATELIER) == 0
    assert await assemblee("seances", "modifier", "1", "--lieu", "Mairie du 11e") == 0
    assert await assemblee("seances", "convoques", "1", "--retirer", str(mia.id)) == 0
    assert await assemblee("seances", "annuler", "1") == 0
    capsys.readouterr()
    assert await journal_en_base(base) == [
        ("cli", None, "seance-creee", "seance", 1),
        ("cli", None, "seance-modifiee", "seance", 1),
        ("cli", None, "convocations", "seance", 1),
        ("cli", None, "seance-annulee", "seance", 1),
    ]
    (convocation,) = (
        await base.exec(select(EntreeJournal).where(EntreeJournal.action == "convocations"))
    ).all()
    assert (convocation.membre_id, convocation.avant, convocation.apres) == (
        mia.id,
        "defaut",
        "retire",
    )
    (modification,) = (
        await base.exec(select(EntreeJournal).where(EntreeJournal.action == "seance-modifiee"))
    ).all()
    assert (modification.avant, modification.apres) == ("lieu=Mairie du 4e", "lieu=Mairie du 11e")

    # Read back, newest first, with who and from where.
    assert await assemblee("membres", "journal", "--objet", "seance") == 0
    lignes = capsys.readouterr().out.splitlines()
    assert len(lignes) == 4
    assert "seance n°1" in lignes[0] and "seance-annulee" in lignes[0]
    assert lignes[0].endswith("en ligne de commande")
    assert "convocations : defaut → retire" in lignes[1] and f"n°{mia.id} " in lignes[1]


async def test_un_import_de_seances(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "calendrier.csv").write_text(
        "type;titre;groupe;début;fin;lieu\n"
        "plénière;Plénière de décembre;;05/12/2026 09:30;12:30;Hôtel de Ville\n"
        "atelier;Cours Oasis;environnement;03/12/2026 18:30;2h;Mairie\n",
        encoding="utf-8",
    )
    assert await assemblee("seances", "importer", "calendrier.csv") == 0
    assert await journal_en_base(base) == [
        ("cli", None, "seance-creee", "seance", 1),
        ("cli", None, "seance-creee", "seance", 2),
        ("cli", None, "import-seances", "seance", None),
    ]


async def test_import_de_membres_et_invitations_sans_lien_dans_le_journal(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "tirage.csv").write_text(
        "nom;prénom;groupe\nMartin;Camille;environnement\nDiallo;Awa;espace-public\n",
        encoding="utf-8",
    )
    assert await assemblee("membres", "importer", "tirage.csv", "--afficher") == 0
    liens = [ligne.rsplit("=", 1)[1] for ligne in capsys.readouterr().out.splitlines()[:2]]
    camille = (await base.exec(select(Membre.id).where(Membre.prenom == "Camille"))).one()
    assert await assemblee("invitation", "renouveler", str(camille)) == 0
    nouveau = capsys.readouterr().out.splitlines()[0].rsplit("=", 1)[1]
    assert await assemblee("invitation", "creer", "--groupe", "environnement") == 0
    capsys.readouterr()
    ids = (await base.exec(select(Invitation.id).order_by(col(Invitation.id)))).all()
    assert await journal_en_base(base) == [
        ("cli", None, "invitation-creee", "invitation", ids[0]),
        ("cli", None, "invitation-creee", "invitation", ids[1]),
        ("cli", None, "import-membres", "membre", None),
        ("cli", None, "invitation-renouvelee", "invitation", ids[2]),
        ("cli", None, "invitation-creee", "invitation", ids[3]),
    ]
    ecrit = (await base.exec(select(EntreeJournal))).all()
    renouvellement = next(e for e in ecrit if e.action == "invitation-renouvelee")
    assert renouvellement.membre_id == camille and renouvellement.avant == "revoquees=1"
    # The links are keys: never in the log.
    for jeton in [*liens, nouveau]:
        assert not any(jeton in e.avant or jeton in e.apres for e in ecrit)


async def test_une_annonce(
    operateur: Path, base: AsyncSession, horloge: HorlogeFigee, capsys: pytest.CaptureFixture[str]
) -> None:
    env = await trouver_groupe(base, "environnement")
    assert env is not None
    await membres_actifs(base, horloge.maintenant(), env, 2)
    (operateur / "message.txt").write_text("Atelier samedi\n", encoding="utf-8")
    assert await assemblee("annonce", "envoyer", "message.txt") == 0
    assert await journal_en_base(base, objet="annonce") == [
        ("cli", None, "annonce-envoyee", "annonce", 1)
    ]


async def test_une_source_ajoutee_retiree_reajoutee(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    async with ServeurFlux() as serveur:
        flux = serveur.fichier("/rss.xml", "rss.xml")
        secret = flux.replace("http://", "http://alice:motdepasse@") + "?cle=XYZ"
        assert await assemblee("sources", "ajouter", secret, "--nom", "Mairie") == 0
        assert await assemblee("sources", "retirer", "1") == 0
        assert await assemblee("sources", "ajouter", secret) == 0
    assert await journal_en_base(base) == [
        ("cli", None, "source-ajoutee", "source", 1),
        ("cli", None, "source-desactivee", "source", 1),
        ("cli", None, "source-reactivee", "source", 1),
    ]
    for entree in (await base.exec(select(EntreeJournal))).all():
        texte = entree.avant + entree.apres
        assert "motdepasse" not in texte and "XYZ" not in texte and "/rss.xml" in texte


async def test_le_journal_se_filtre(
    operateur: Path, base: AsyncSession, horloge: HorlogeFigee, capsys: pytest.CaptureFixture[str]
) -> None:
    env = await trouver_groupe(base, "environnement")
    assert env is not None
    (mia,) = await membres_actifs(base, horloge.maintenant(), env, 1)
    assert await assemblee(*ATELIER) == 0
    assert await assemblee("membres", "role", str(mia.id), "animateur") == 0
    capsys.readouterr()

    assert await assemblee("journal", "--action", "role") == 0
    (ligne,) = capsys.readouterr().out.splitlines()
    assert f"n°{mia.id} {mia.nom_complet}  role : membre → animateur" in ligne
    assert await assemblee("membres", "journal", "--origine", "cli") == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert await assemblee("membres", "journal", "--origine", "console") == 0
    assert capsys.readouterr().out == "Journal vide : aucun changement de ce genre.\n"
    assert await assemblee("membres", "journal", "--action", "pas-une-action") == 1
    assert capsys.readouterr().err.startswith("Action inconnue : pas-une-action.")
