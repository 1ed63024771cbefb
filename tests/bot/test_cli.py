"""The `assemblee` command as an operator uses it: one sentence per mistake, exit codes, the
invitation links, and the bot itself started as a process against the local Bot API."""

from __future__ import annotations

import asyncio
import csv
import os
import signal
import socket
import stat
import sys
from pathlib import Path

import aiohttp
import pytest
from sqlmodel import select

from assemblee import groupes as groupes_domaine
from assemblee.db import creer_moteur, fabrique_sessions, revision_cible
from assemblee.horloge import HorlogeSysteme
from assemblee.invitations import hacher
from assemblee.modeles import Envoi, Invitation, Membre, Role
from bot.cli import main
from telegram_local import TelegramLocal
from tests.conftest import reglages_test
from tests.outils.fabriques import membres_actifs

RACINE = Path(__file__).resolve().parents[2]
SOURCES_VIDES = RACINE / "tests" / "outils" / "sources-vides.toml"
JETON = "123456:TEST-local-token-aaaaaaaaaaaaaaaaaaaaaaaa"


async def assemblee(*args: str) -> int:
    # main() runs its own event loop: give it a thread of its own.
    return await asyncio.to_thread(main, list(args))


async def _membres(url: str) -> list[Membre]:
    moteur = creer_moteur(url)
    try:
        async with fabrique_sessions(moteur)() as session:
            return list((await session.exec(select(Membre))).all())
    finally:
        await moteur.dispose()


async def test_sans_jeton_une_phrase_et_code_2(
    operateur: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await assemblee() == 2
    sortie = capsys.readouterr()
    assert sortie.out == ""
    assert sortie.err.startswith("BOT_TOKEN manque : créez un bot auprès de @BotFather")
    assert sortie.err.count("\n") == 1 and "Traceback" not in sortie.err


async def test_reglage_du_fichier_env_mal_forme(
    operateur: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / ".env").write_text("BOT_TOKEN=123:abc\n", encoding="utf-8")
    assert await assemblee("membres", "lister") == 2
    erreur = capsys.readouterr().err
    assert erreur.startswith("Le réglage BOT_TOKEN est invalide") and "123:abc" not in erreur


async def test_base_injoignable(
    operateur: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://u:secret@127.0.0.1:9/x")
    assert await assemblee("db", "upgrade") == 2
    erreur = capsys.readouterr().err
    assert erreur.startswith("La base de données DATABASE_URL=postgresql+asyncpg://u:***@")
    assert "secret" not in erreur and "Traceback" not in erreur


async def test_port_du_webhook_deja_pris_n_est_pas_la_base(
    operateur: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as occupant:
        occupant.bind(("127.0.0.1", 0))
        occupant.listen()
        port = occupant.getsockname()[1]
        async with TelegramLocal() as serveur:
            monkeypatch.setenv("BOT_TOKEN", serveur.jeton)
            monkeypatch.setenv("TELEGRAM_API_URL", serveur.url)
            monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org")
            monkeypatch.setenv("WEBHOOK_PORT", str(port))
            assert await assemblee("run", "--webhook") == 2
    erreur = capsys.readouterr().err.splitlines()[-1]
    assert erreur.startswith(f"Le port {port} (127.0.0.1) est déjà pris")
    assert "WEBHOOK_PORT" in erreur and "base de données" not in erreur


async def test_jeton_revoque_une_phrase_et_code_2(tmp_path: Path) -> None:
    """Telegram answers 401 at start: one sentence naming BOT_TOKEN, exit 2, no traceback."""
    async with TelegramLocal() as serveur:
        env = {
            "PATH": os.environ["PATH"],
            "SOURCES_FICHIER": str(SOURCES_VIDES),
            "BOT_TOKEN": "654321:REVOKED-token-bbbbbbbbbbbbbbbbbbbbbbbbbb",
            "TELEGRAM_API_URL": serveur.url,
        }
        processus = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        # Generous: only so that a regression (the bot retrying forever) cannot hang.
        sortie, erreur = await asyncio.wait_for(processus.communicate(), 120)
    assert processus.returncode == 2
    texte = erreur.decode()
    assert "Traceback" not in texte and sortie == b""
    assert texte.splitlines()[-1].startswith("BOT_TOKEN est refusé par Telegram (401")
    assert "bbbbbbbbbbbbbbbbbbbbbbbbbb" not in texte


async def test_db_upgrade_puis_current(operateur: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert await assemblee("db", "upgrade") == 0
    assert await assemblee("db", "current") == 0
    sortie = capsys.readouterr().out
    tete = revision_cible()
    assert f"Base à jour (révision {tete})" in sortie and f"Révision de la base : {tete}" in sortie


async def test_importer_ecrit_les_liens_pour_le_publipostage(
    operateur: Path, url_base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "tirage.csv").write_text(
        "nom;prénom;groupe;courriel\nMartin;Camille;environnement;c@example.org\n"
        "Diallo;Awa;Espace public;a@example.org\n",
        encoding="utf-8",
    )
    assert await assemblee("membres", "importer", "tirage.csv") == 0
    sortie = capsys.readouterr().out
    fichier = operateur / "tirage-invitations.csv"
    assert stat.S_IMODE(fichier.stat().st_mode) == 0o600  # the links are keys
    with fichier.open(encoding="utf-8-sig", newline="") as f:
        lignes = list(csv.DictReader(f, delimiter=";"))
    assert [ligne["courriel"] for ligne in lignes] == ["c@example.org", "a@example.org"]
    liens = [ligne["lien_invitation"] for ligne in lignes]
    assert all(lien.startswith("https://t.me/assemblee_paris_bot?start=") for lien in liens)
    # The links are keys: not on screen (terminal scrollback, CI logs) unless asked.
    assert not any(lien.split("=", 1)[1] in sortie for lien in liens)
    assert "2 membre(s) importé(s)" in sortie and "tirage-invitations.csv" in sortie
    moteur = creer_moteur(url_base)
    async with fabrique_sessions(moteur)() as session:
        hashes = set((await session.exec(select(Invitation.jeton_hash))).all())
    await moteur.dispose()
    assert hashes == {hacher(lien.rsplit("=", 1)[1]) for lien in liens}


async def test_importer_affiche_les_liens_seulement_sur_demande(
    operateur: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "tirage.csv").write_text(
        "nom;prénom;groupe\nMartin;Camille;environnement\n", encoding="utf-8"
    )
    assert await assemblee("membres", "importer", "tirage.csv", "--afficher") == 0
    sortie = capsys.readouterr().out
    with (operateur / "tirage-invitations.csv").open(encoding="utf-8-sig", newline="") as f:
        (ligne,) = list(csv.DictReader(f, delimiter=";"))
    assert f"Camille Martin : {ligne['lien_invitation']}" in sortie


async def test_importer_un_fichier_faux_n_importe_rien(
    operateur: Path, url_base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "tirage.csv").write_text(
        "nom,prenom,groupe\nMartin,Camille,environnement\nX,,environnement\nY,Z,jardin\n",
        encoding="utf-8",
    )
    assert await assemblee("membres", "importer", "tirage.csv") == 1
    erreur = capsys.readouterr().err
    assert "rien n'a été importé" in erreur
    assert "ligne 3 : le nom et le prénom sont obligatoires." in erreur
    assert "ligne 4 : groupe « jardin » inconnu" in erreur
    assert await _membres(url_base) == []
    assert not (operateur / "tirage-invitations.csv").exists()


async def test_invitation_creer_et_renouveler(
    operateur: Path, url_base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await assemblee(
        "invitation",
        "creer",
        "--role",
        "animateur",
        "--groupe",
        "environnement",
        "--groupe",
        "Espace public",
    )
    assert code == 0
    premier = capsys.readouterr().out.splitlines()[0]
    assert premier.startswith("https://t.me/assemblee_paris_bot?start=")
    (membre,) = await _membres(url_base)
    assert membre.role == Role.ANIMATEUR
    assert await assemblee("invitation", "renouveler", str(membre.id)) == 0
    second = capsys.readouterr().out.splitlines()[0]
    assert second != premier
    assert await assemblee("invitation", "renouveler", "999") == 1
    assert "Aucun membre n°999" in capsys.readouterr().err
    assert await assemblee("invitation", "creer", "--groupe", "jardin") == 1
    assert "Groupe « jardin » inconnu" in capsys.readouterr().err


async def test_lister(operateur: Path, capsys: pytest.CaptureFixture[str]) -> None:
    await assemblee(
        "invitation", "creer", "--nom", "Martin", "--prenom", "Camille", "--groupe", "environnement"
    )
    capsys.readouterr()
    assert await assemblee("membres", "lister") == 0
    sortie = capsys.readouterr().out.splitlines()
    assert sortie[0].split() == ["n°", "nom", "prénom", "rôle", "groupe(s)", "état"]
    assert sortie[1].split() == ["1", "Martin", "Camille", "membre", "environnement", "invite"]
    assert sortie[-1] == "1 membre(s)."


async def test_le_nom_du_bot_demande_a_telegram(
    operateur: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with TelegramLocal(username="bot_de_test_bot") as serveur:
        monkeypatch.delenv("BOT_USERNAME")
        monkeypatch.setenv("BOT_TOKEN", serveur.jeton)
        monkeypatch.setenv("TELEGRAM_API_URL", serveur.url)
        assert await assemblee("invitation", "creer", "--groupe", "environnement") == 0
        assert capsys.readouterr().out.startswith("https://t.me/bot_de_test_bot?start=")
        monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:9")
        assert await assemblee("invitation", "creer", "--groupe", "environnement") == 2
        assert "BOT_USERNAME" in capsys.readouterr().err


async def test_assemblee_run_demarre_le_bot_et_cree_la_base(tmp_path: Path) -> None:
    """The real command, as a process: SQLite created by itself, a member served, a clean stop
    on SIGTERM, and not a trace of the token in its logs."""
    async with TelegramLocal() as serveur:
        env = {
            "PATH": os.environ["PATH"],
            "SOURCES_FICHIER": str(SOURCES_VIDES),  # no feed: nothing to fetch from the Internet
            "BOT_TOKEN": serveur.jeton,
            "TELEGRAM_API_URL": serveur.url,
            "EQUIPE_TELEGRAM_IDS": "77",
            "NIVEAU_LOG": "DEBUG",
            "CONSOLE_PORT": "0",  # not 8081: other test runs on this machine may hold it
        }
        # Its logs go to a file: a pipe nobody reads until the end fills up at DEBUG level and
        # then blocks the bot on its next log line.
        with (tmp_path / "journal.txt").open("wb") as fichier_journal:
            processus = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=tmp_path,
                env=env,
                stdout=fichier_journal,
                stderr=fichier_journal,
            )
            try:
                sam = serveur.utilisateur(77, "Sam")
                (notice,) = await sam.envoyer("/start")
                assert "Avant de commencer" in (notice.texte_visible or "")
                assert (tmp_path / "assemblee.db").exists()
            finally:
                processus.send_signal(signal.SIGTERM)
                await asyncio.wait_for(processus.wait(), 60)
    assert processus.returncode == 0
    journal = (tmp_path / "journal.txt").read_text(encoding="utf-8")
    assert "Start polling" in journal
    assert serveur.jeton not in journal and serveur.jeton.split(":")[1] not in journal


async def test_demo_sans_jeton(tmp_path: Path) -> None:
    processus = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "demo",
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"]},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    sortie, erreurs = await asyncio.wait_for(processus.communicate(), 60)
    assert processus.returncode == 0, erreurs.decode()
    texte = sortie.decode()
    for etape in (
        "👤 Camille : /start",
        "[ ✅ J'accepte ]",
        "Bienvenue Camille",
        "/aide — ",
        "Votre profil",
        "Your profile",
        "Je réponds seulement à ses membres",
        "📅 Rappel : dans 7 jours.",
        "Quelle mention pour 1. Des cours d'école plus vertes ?",
        "1. Des cours d'école plus vertes — Très bien",
        "📊 Résultats — Quel sujet traiter en priorité au prochain atelier ?",
        "Votre réponse : ✅ je serai là",
        # The watch: a feed served by the demo itself, a member's tip, sorting, the digest.
        "le bot a relevé le flux « Le Journal de Paris » : 3 articles",
        "Merci, l'article « Compost : le jardin partagé de la rue Oberkampf",
        "📰 Veille — articles à trier (3)",
        "→ ⭐ à la une",
        "📰 Revue de presse — Environnement",
        "⭐ À la une : Compost : le jardin partagé",
        "Bénévoles bienvenus le samedi matin",
        "• Végétalisation : 400 arbres plantés place de la Bastille — Le Journal de Paris",
    ):
        assert etape in texte
    assert list(tmp_path.iterdir()) == []  # nothing left behind


async def test_demo_avec_la_console(tmp_path: Path) -> None:
    """`assemblee demo --console`: after the tour, a login link for the staff person opens the
    console's dashboard with what the tour did; Ctrl-C ends it cleanly."""
    processus = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "demo",
        "--console",
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"]},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert processus.stdout is not None
    lignes: list[str] = []
    try:
        lien = None
        while lien is None:
            ligne = (await asyncio.wait_for(processus.stdout.readline(), 60)).decode()
            assert ligne, "the demo ended without a link: " + "".join(lignes)
            lignes.append(ligne)
            if "/console/entrer/" in ligne:
                lien = ligne.strip()
        assert lien.startswith("http://127.0.0.1:")
        assert "Lien de connexion de Sam (équipe)" in "".join(lignes)
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
            async with client.get(lien) as reponse:
                assert reponse.status == 200
                assert "Entrer" in await reponse.text()
            base, jeton = lien.rsplit("/entrer/", 1)
            async with client.post(f"{base}/entrer", data={"jeton": jeton}) as reponse:
                page = await reponse.text()
                assert reponse.status == 200 and str(reponse.url) == f"{base}/"
            assert "Tableau de bord" in page and "Sam Équipe" in page
            assert "Audition : des cours d&#39;école plus vertes" in page
            # The link is spent.
            async with (
                aiohttp.ClientSession() as autre,
                autre.post(f"{base}/entrer", data={"jeton": jeton}) as reponse,
            ):
                assert reponse.status == 404
    finally:
        if processus.returncode is None:
            processus.send_signal(signal.SIGINT)
    _, erreurs = await asyncio.wait_for(processus.communicate(), 60)
    assert processus.returncode == 0, erreurs.decode()
    assert "Traceback" not in erreurs.decode()
    assert list(tmp_path.iterdir()) == []  # nothing left behind


async def test_annonce_envoyer_depuis_la_ligne_de_commande(
    operateur: Path, url_base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    moteur = creer_moteur(url_base)
    async with fabrique_sessions(moteur)() as session:
        await groupes_domaine.synchroniser_groupes(
            session, groupes_domaine.lire_groupes(reglages_test().groupes_fichier)
        )
        env = await groupes_domaine.trouver_groupe(session, "environnement")
        esp = await groupes_domaine.trouver_groupe(session, "espace-public")
        assert env is not None and esp is not None
        await membres_actifs(session, HorlogeSysteme().maintenant(), env, 3)
        await membres_actifs(
            session, HorlogeSysteme().maintenant(), esp, 2, premier_telegram_id=500
        )
    (operateur / "message.txt").write_text("Atelier <samedi> & dimanche\n", encoding="utf-8")
    assert await assemblee("annonce", "envoyer", "--groupe", "Environnement", "message.txt") == 0
    assert "mise en file pour 3 destinataire(s)" in capsys.readouterr().out
    async with fabrique_sessions(moteur)() as session:
        copies = (await session.exec(select(Envoi))).all()
    assert len(copies) == 3 and {c.texte for c in copies} == {
        "Atelier &lt;samedi&gt; &amp; dimanche"
    }

    (operateur / "mal.html").write_text("<b>pas fermé", encoding="utf-8")
    assert await assemblee("annonce", "envoyer", "--html", "mal.html") == 1
    assert "HTML refusé par Telegram" in capsys.readouterr().err
    assert await assemblee("annonce", "envoyer", "--groupe", "jardin", "message.txt") == 1
    assert "Groupe « jardin » inconnu" in capsys.readouterr().err
    (operateur / "vide.txt").write_text("  \n", encoding="utf-8")
    assert await assemblee("annonce", "envoyer", "vide.txt") == 1
    assert "annonce vide" in capsys.readouterr().err

    assert await assemblee("annonce", "lister") == 0
    ligne = capsys.readouterr().out.strip()
    assert "le groupe Environnement" in ligne and "0/3 reçues, 3 en attente" in ligne
    async with fabrique_sessions(moteur)() as session:
        assert len((await session.exec(select(Envoi))).all()) == 3  # the refused ones added nothing
    await moteur.dispose()
