"""`assemblee demo`: the real bot against the local Bot API stand-in, with a small sample
assembly and a scripted tour printed as the member sees it. No token, no Telegram, no trace:
everything lives in a temporary folder that is removed at the end. With `--console`, the
staff console stays open on 127.0.0.1 after the tour, with a login link, until Ctrl-C."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import TextIO

from aiohttp import web
from sqlmodel import col, func, select

from assemblee import connexions, groupes, invitations, journal, membres, seances, sondages
from assemblee.horloge import HorlogeFigee, HorlogeSysteme
from assemblee.modeles import Article, Source, TypeSeance, TypeSondage
from assemblee.seances import Champs
from bot.app import Application, construire, executer
from config.reglages import charger_reglages
from telegram_local import MessageLocal, TelegramLocal, Utilisateur, rendre

ASSEMBLEE = """nom;prénom;groupe;rôle
Martin;Camille;Environnement;
N'Diaye;Aïssatou;Social – Éducation;
Lefèvre;Hélène;Espace public;
Durand;Léa;Environnement;animateur
"""
# The demo's staff person (EQUIPE_TELEGRAM_IDS), who opens the console with --console.
EQUIPE = 5000


# The watch's news, served by the demo itself on 127.0.0.1: the demo never reaches the Internet.
FLUX = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Le Journal de Paris (démonstration)</title>
<link>https://journal.exemple.org/</link>
<description>Actualités fictives pour la démonstration</description>
<item><title>Végétalisation : 400 arbres plantés place de la Bastille</title>
<link>https://journal.exemple.org/vegetalisation-bastille?utm_source=rss</link>
<guid>journal-1</guid><pubDate>{date}</pubDate>
<description>&lt;p&gt;La Ville plante &lt;b&gt;400 arbres&lt;/b&gt; :
un îlot de fraîcheur.&lt;/p&gt;</description>
</item>
<item><title>Canicule : trente nouveaux îlots de fraîcheur cet été</title>
<link>https://journal.exemple.org/canicule-ilots</link>
<guid>journal-2</guid><pubDate>{date}</pubDate>
<description>Cours d'école ouvertes, brumisateurs et parcs ouverts la nuit.</description>
</item>
<item><title>Budget participatif : les projets lauréats pour les crèches</title>
<link>https://journal.exemple.org/budget-creches</link>
<guid>journal-3</guid><pubDate>{date}</pubDate>
<description>Les habitants ont voté.</description>
</item>
</channel></rss>
"""

PAGE_SIGNALEE = """<!doctype html><html><head><meta charset="utf-8">
<title>Accueil | Quartier Oberkampf</title>
<meta property="og:title"
  content="Compost : le jardin partagé de la rue Oberkampf cherche des bénévoles">
</head><body>…</body></html>"""


class ServeurVeille:
    """A news feed and a page, on 127.0.0.1, for the demo's watch."""

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self.base = ""

    async def demarrer(self, date: str) -> None:
        application = web.Application()

        async def flux(_: web.Request) -> web.Response:
            return web.Response(
                text=FLUX.format(date=date), content_type="application/rss+xml", charset="utf-8"
            )

        async def page(_: web.Request) -> web.Response:
            return web.Response(text=PAGE_SIGNALEE, content_type="text/html", charset="utf-8")

        application.router.add_get("/rss.xml", flux)
        application.router.add_get("/jardin-partage", page)
        self._runner = web.AppRunner(application, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def arreter(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


class Narrateur:
    def __init__(self, sortie: TextIO) -> None:
        self.sortie = sortie

    def titre(self, texte: str) -> None:
        print(f"\n── {texte} " + "─" * max(0, 70 - len(texte)), file=self.sortie)

    def dit(self, qui: str, texte: str) -> None:
        print(f"\n👤 {qui} : {texte}", file=self.sortie)

    def montre(self, messages: Sequence[MessageLocal]) -> None:
        for message in messages:
            corps = rendre(message).replace("\n", "\n   ")
            print(f"\n🤖 Assistant :\n   {corps}", file=self.sortie)

    def note(self, texte: str) -> None:
        print(f"   ({texte})", file=self.sortie)


async def jouer(
    sortie: TextIO, *, console: bool = False, arret: asyncio.Event | None = None
) -> None:
    """The tour; with `console`, then the console until `arret` is set (or Ctrl-C)."""
    with tempfile.TemporaryDirectory(prefix="assemblee-demo-") as dossier:
        serveur = TelegramLocal(username="assemblee_demo_bot")
        url = await serveur.demarrer()
        debut = HorlogeSysteme().maintenant()
        veille = ServeurVeille()
        await veille.demarrer(format_datetime(debut))
        sources = Path(dossier) / "sources.toml"
        sources.write_text(
            f'[[source]]\nnom = "Le Journal de Paris"\nurl = "{veille.base}/rss.xml"\n',
            encoding="utf-8",
        )
        reglages = charger_reglages(
            _env_file=None,
            bot_token=serveur.jeton,
            bot_username=serveur.username,
            telegram_api_url=url,
            database_url=f"sqlite+aiosqlite:///{Path(dossier) / 'demo.db'}",
            equipe_telegram_ids=[EQUIPE],
            # Only with --console, on 127.0.0.1: CONSOLE_PORT, else any free port.
            console=console,
            console_port=os.environ.get("CONSOLE_PORT") or 0,
            contact_equipe="l'équipe de l'Assemblée citoyenne (assemblee@example.org)",
            niveau_log="WARNING",
            sources_fichier=sources,
            veille_adresses_privees=True,  # the demo's news is served on 127.0.0.1
            secret_scrutins_fichier=Path(dossier) / "assemblee.secret",
        )
        # A clock the tour can move: a reminder due in a week is shown now.
        app = await construire(reglages, HorlogeFigee(debut))
        polling = asyncio.create_task(executer(app))
        try:
            await _visite(app, serveur, veille, Narrateur(sortie))
            if console:
                await _console(app, serveur, Narrateur(sortie), arret or asyncio.Event())
        finally:
            await app.arreter()
            await asyncio.wait_for(polling, 10)
            await app.fermer()
            await serveur.arreter()
            await veille.arreter()


async def _visite(
    app: Application, serveur: TelegramLocal, veille: ServeurVeille, n: Narrateur
) -> None:
    n.titre("L'équipe importe la liste tirée au sort")
    async with app.sessions() as session:
        lecture = await invitations.lire_import(session, ASSEMBLEE.encode())
        lignes = await invitations.enregistrer_import(
            session,
            lecture,
            maintenant=app.horloge.maintenant(),
            validite=timedelta(days=app.reglages.invitation_validite_jours),
            auteur=journal.CLI,
        )
    for ligne in lignes:
        lien = invitations.lien_invitation(serveur.username, ligne.jeton)
        n.note(f"{ligne.prenom} {ligne.nom} reçoit son lien {lien[:40]}…")
    jeton = lignes[0].jeton
    jeton_lea = lignes[3].jeton

    n.titre("Camille ouvre son lien d'invitation")
    camille: Utilisateur = serveur.utilisateur(5001, "Camille", "Martin")
    n.dit("Camille", "/start (par le lien reçu)")
    (notice,) = await camille.envoyer(f"/start {jeton}")
    n.montre([notice])
    n.dit("Camille", "[ ✅ J'accepte ]")
    reponse = await camille.cliquer(notice, "J'accepte")
    n.note(f"le bouton répond : « {reponse.texte} »")
    n.montre(camille.messages_du_bot()[-1:])

    n.titre("Camille demande de l'aide puis son profil")
    for commande in ("/aide", "/moi"):
        n.dit("Camille", commande)
        n.montre(await camille.envoyer(commande))
    profil = camille.messages_du_bot()[-1]
    n.dit("Camille", "[ 🇬🇧 English ]")
    reponse = await camille.cliquer(profil, "English")
    n.note(f"le bouton répond : « {reponse.texte} » ; le message devient :")
    n.montre([camille.message(profil.message_id)])
    n.dit("Camille", "[ 🇫🇷 Français ]")
    await camille.cliquer(camille.message(profil.message_id), "Français")

    n.titre("Une semaine avant l'atelier, le rappel arrive")
    await _rappel_et_reponse(app, serveur, camille, n)

    n.titre("L'animatrice lance un sondage pour choisir le prochain sujet")
    await _sondage(app, serveur, camille, n)

    n.titre("La veille citoyenne : trier l'actualité, recevoir la revue de presse")
    await _veille(app, serveur, veille, camille, jeton_lea, n)

    n.titre("Quelqu'un d'extérieur écrit au bot")
    inconnu = serveur.utilisateur(6666, "Dominique")
    n.dit("Dominique", "/start")
    n.montre(await inconnu.envoyer("/start"))
    print(
        "\nFin de la démonstration : tout a tourné sur cette machine, sans Telegram.", file=n.sortie
    )


async def _console(
    app: Application, serveur: TelegramLocal, n: Narrateur, arret: asyncio.Event
) -> None:
    """The console on what the tour left, and a one-time link for the staff person; open
    until `arret` is set or the process gets SIGINT / SIGTERM."""
    assert app.console_url_locale, "the console is not served"
    sam = serveur.utilisateur(EQUIPE, "Sam", "Équipe")
    (notice,) = await sam.envoyer("/start")
    await sam.cliquer(notice, "J'accepte")
    async with app.sessions() as session:
        membre = await membres.par_telegram_id(session, EQUIPE)
        assert membre is not None
        jeton = await connexions.creer_lien(session, membre, maintenant=app.horloge.maintenant())
    n.titre("La console de l'équipe")
    n.note(f"console : {app.console_url_locale}/")
    print(
        "\nLien de connexion de Sam (équipe), à ouvrir dans un navigateur sur cette machine ;"
        " il ne sert qu'une fois :"
        f"\n   {app.console_url_locale}/entrer/{jeton}"
        "\n\nLa console reste ouverte : Ctrl-C pour l'arrêter.",
        file=n.sortie,
        flush=True,
    )
    boucle = asyncio.get_running_loop()
    signaux = (signal.SIGINT, signal.SIGTERM)
    installes = []
    for signal_ in signaux:
        # Only the main thread may catch signals (a test runs the demo in another one).
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
            boucle.add_signal_handler(signal_, arret.set)
            installes.append(signal_)
    try:
        await arret.wait()
    finally:
        for signal_ in installes:
            boucle.remove_signal_handler(signal_)


async def _rappel_et_reponse(
    app: Application, serveur: TelegramLocal, camille: Utilisateur, n: Narrateur
) -> None:
    horloge = app.horloge
    assert isinstance(horloge, HorlogeFigee)
    fuseau = app.reglages.fuseau
    # An evening at 18:30 in Paris, eight days from now.
    jour = (horloge.maintenant().astimezone(fuseau) + timedelta(days=8)).date()
    debut = datetime.combine(jour, time(18, 30), tzinfo=fuseau).astimezone(UTC)
    async with app.sessions() as session:
        groupe = await groupes.trouver_groupe(session, "environnement")
        await seances.creer(
            session,
            Champs(
                type=TypeSeance.ATELIER,
                titre="Audition : des cours d'école plus vertes",
                groupe=groupe,
                debut=debut,
                fin=debut + timedelta(hours=2),
                lieu="Mairie du 11e, 12 place Léon-Blum, Paris",
            ),
            auteur=journal.CLI,
            maintenant=horloge.maintenant(),
        )
    n.note("l'animatrice a mis l'atelier au calendrier ; l'horloge avance d'un jour")
    avant = len(camille.messages_du_bot())
    horloge.regler(debut - timedelta(days=7))
    await app.planificateur.battre()  # what the scheduler does every minute
    await serveur.attendre(lambda: len(camille.messages_du_bot()) > avant)
    rappel = camille.messages_du_bot()[-1]
    n.montre([rappel])
    n.dit("Camille", "[ ✅ Je serai là ]")
    reponse = await camille.cliquer(rappel, "Je serai là")
    n.note(f"le bouton répond : « {reponse.texte} » ; le rappel devient :")
    n.montre([camille.message(rappel.message_id)])


async def _sondage(
    app: Application, serveur: TelegramLocal, camille: Utilisateur, n: Narrateur
) -> None:
    horloge = app.horloge
    assert isinstance(horloge, HorlogeFigee)
    async with app.sessions() as session:
        groupe = await groupes.trouver_groupe(session, "environnement")
        assert groupe is not None
        sondage, nombre = await sondages.lancer(
            session,
            sondages.Brouillon(
                question="Quel sujet traiter en priorité au prochain atelier ?",
                type=TypeSondage.JUGEMENT,
                options=["Des cours d'école plus vertes", "Des fontaines dans les parcs"],
                ferme_le=horloge.maintenant() + timedelta(days=3),
                groupe_id=groupe.id,
            ),
            auteur=journal.CLI,
            maintenant=horloge.maintenant(),
            catalogue=app.catalogue,
            fuseau=app.reglages.fuseau,
            secret=app.reglages.cle_scrutins,
        )
    n.note(f"jugement majoritaire, anonyme, {nombre} bulletin(s) envoyé(s)")
    avant = len(camille.messages_du_bot())
    app.expediteur.reveiller()
    await serveur.attendre(lambda: len(camille.messages_du_bot()) > avant)
    bulletin = camille.messages_du_bot()[-1]
    n.montre([bulletin])
    for mention in ("Très bien", "Assez bien"):
        n.dit("Camille", f"[ {mention} ]")
        await camille.cliquer(camille.message(bulletin.message_id), mention)
    n.note("le bulletin montre toujours ses choix :")
    n.montre([camille.message(bulletin.message_id)])
    async with app.sessions() as session:
        await sondages.clore(
            session,
            sondage,
            auteur=journal.CLI,
            maintenant=horloge.maintenant(),
            secret=app.reglages.cle_scrutins,
        )
        await sondages.publier_resultats(
            session, sondage, maintenant=horloge.maintenant(), catalogue=app.catalogue
        )
    n.note("le sondage est clos ; les résultats arrivent, avec leur image")
    avant = len(camille.messages_du_bot())
    app.expediteur.reveiller()
    await serveur.attendre(lambda: len(camille.messages_du_bot()) > avant)
    n.montre(camille.messages_du_bot()[avant:])


async def _veille(
    app: Application,
    serveur: TelegramLocal,
    veille: ServeurVeille,
    camille: Utilisateur,
    jeton_lea: str,
    n: Narrateur,
) -> None:
    horloge = app.horloge
    assert isinstance(horloge, HorlogeFigee)
    # The scheduler collected the feed when the bot started; wait for it if it is still at it.
    for _ in range(100):
        async with app.sessions() as session:
            source = (await session.exec(select(Source))).first()
            articles = (await session.exec(select(func.count()).select_from(Article))).one()
        if source is not None and source.collectee_le is not None:
            break
        await asyncio.sleep(0.1)
    n.note(f"le bot a relevé le flux « Le Journal de Paris » : {articles} articles")
    n.note("rangés par groupe selon les mots-clés de config/groupes.toml (arbre, crèche…)")

    lien = f"{veille.base}/jardin-partage"
    n.dit("Camille", lien)
    n.montre(await camille.envoyer(lien))

    lea = serveur.utilisateur(5004, "Léa", "Durand")
    (notice,) = await lea.envoyer(f"/start {jeton_lea}")
    await lea.cliquer(notice, "J'accepte")
    n.note("Léa, animatrice du groupe Environnement, a rejoint le bot elle aussi")
    n.dit("Léa", "/veille")
    (tri,) = await lea.envoyer("/veille")
    n.montre([tri])
    for bouton, quoi in (("1 ⭐", "à la une"), ("2 ✅", "gardé"), ("3 ✅", "gardé")):
        n.dit("Léa", f"[ {bouton} ] ({quoi})")
        await lea.cliquer(lea.message(tri.message_id), bouton)
    n.dit("Léa", "[ 1 ✏️ ] (une note)")
    await lea.cliquer(lea.message(tri.message_id), "1 ✏️")
    n.montre(lea.messages_du_bot()[-1:])
    n.dit("Léa", "Bénévoles bienvenus le samedi matin, venez nombreux !")
    n.montre(await lea.envoyer("Bénévoles bienvenus le samedi matin, venez nombreux !"))
    n.note("le message de tri montre les choix :")
    n.montre([lea.message(tri.message_id)])

    # The next Monday at 08:00 in Paris: the group's weekly digest.
    fuseau = app.reglages.fuseau
    local = horloge.maintenant().astimezone(fuseau)
    lundi = local.date() + timedelta(days=(7 - local.weekday()) % 7 or 7)
    horloge.regler(datetime.combine(lundi, time(8, 0), tzinfo=fuseau).astimezone(UTC))
    n.note("l'horloge avance jusqu'au lundi suivant, 8 h : la revue de presse part")
    avant = len(camille.messages_du_bot())
    await app.planificateur.battre()
    await serveur.attendre(lambda: len(camille.messages_du_bot()) > avant)
    n.montre(camille.messages_du_bot()[avant:])
    async with app.sessions() as session:
        restants = await session.exec(select(Source).where(col(Source.echecs) > 0))
        assert not restants.all(), "le flux de démonstration n'a pas pu être relevé"
