"""`assemblee demo`: the real bot against the local Bot API stand-in, with a small sample
assembly and a scripted tour printed as the member sees it. No token, no Telegram, no trace:
everything lives in a temporary folder that is removed at the end."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TextIO

from assemblee import groupes, invitations, seances, sondages
from assemblee.horloge import HorlogeFigee, HorlogeSysteme
from assemblee.modeles import TypeSeance, TypeSondage
from assemblee.seances import Champs
from bot.app import Application, construire, executer
from bot.telegram_local import MessageLocal, TelegramLocal, Utilisateur, rendre
from config.reglages import charger_reglages

ASSEMBLEE = """nom;prénom;groupe;rôle
Martin;Camille;Environnement;
N'Diaye;Aïssatou;Social – Éducation;
Lefèvre;Hélène;Espace public;
Durand;Léa;Environnement;animateur
"""


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


async def jouer(sortie: TextIO) -> None:
    with tempfile.TemporaryDirectory(prefix="assemblee-demo-") as dossier:
        serveur = TelegramLocal(username="assemblee_demo_bot")
        url = await serveur.demarrer()
        reglages = charger_reglages(
            _env_file=None,
            bot_token=serveur.jeton,
            bot_username=serveur.username,
            telegram_api_url=url,
            database_url=f"sqlite+aiosqlite:///{Path(dossier) / 'demo.db'}",
            equipe_telegram_ids=[],
            contact_equipe="l'équipe de l'Assemblée citoyenne (assemblee@example.org)",
            niveau_log="WARNING",
        )
        # A clock the tour can move: a reminder due in a week is shown now.
        app = await construire(reglages, HorlogeFigee(HorlogeSysteme().maintenant()))
        polling = asyncio.create_task(executer(app))
        try:
            await _visite(app, serveur, Narrateur(sortie))
        finally:
            await app.arreter()
            await asyncio.wait_for(polling, 10)
            await app.fermer()
            await serveur.arreter()


async def _visite(app: Application, serveur: TelegramLocal, n: Narrateur) -> None:
    n.titre("L'équipe importe la liste tirée au sort")
    async with app.sessions() as session:
        lecture = await invitations.lire_import(session, ASSEMBLEE.encode())
        lignes = await invitations.enregistrer_import(
            session,
            lecture,
            maintenant=app.horloge.maintenant(),
            validite=timedelta(days=app.reglages.invitation_validite_jours),
        )
    for ligne in lignes:
        lien = invitations.lien_invitation(serveur.username, ligne.jeton)
        n.note(f"{ligne.prenom} {ligne.nom} reçoit son lien {lien[:40]}…")
    jeton = lignes[0].jeton

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

    n.titre("Quelqu'un d'extérieur écrit au bot")
    inconnu = serveur.utilisateur(6666, "Dominique")
    n.dit("Dominique", "/start")
    n.montre(await inconnu.envoyer("/start"))
    print(
        "\nFin de la démonstration : tout a tourné sur cette machine, sans Telegram.", file=n.sortie
    )


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
            auteur=None,
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
            auteur=None,
            maintenant=horloge.maintenant(),
            catalogue=app.catalogue,
            fuseau=app.reglages.fuseau,
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
        await sondages.clore(session, sondage, par=None, maintenant=horloge.maintenant())
        await sondages.publier_resultats(
            session, sondage, maintenant=horloge.maintenant(), catalogue=app.catalogue
        )
    n.note("le sondage est clos ; les résultats arrivent, avec leur image")
    avant = len(camille.messages_du_bot())
    app.expediteur.reveiller()
    await serveur.attendre(lambda: len(camille.messages_du_bot()) > avant)
    n.montre(camille.messages_du_bot()[avant:])
