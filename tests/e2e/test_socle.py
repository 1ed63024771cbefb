"""End to end: the real bot, long-polling the local Bot API over HTTP, on the test database.

Each test plays people on their phones and checks what they see and what the database holds.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from sqlmodel import func, select

from assemblee import journal
from assemblee.modeles import Invitation, Langue, Membre, Role, StatutMembre
from tests.outils.banc import Banc
from tests.outils.journal import entrees

TELEGRAM_CAMILLE = 1001


async def _nombre_membres(banc: Banc) -> int:
    async with banc.app.sessions() as session:
        return (await session.exec(select(func.count()).select_from(Membre))).one()


# --- joining ------------------------------------------------------------------------------------


async def test_invitation_acceptee_puis_consentement_puis_bienvenue(banc: Banc) -> None:
    jeton = await banc.inviter("Camille", "Martin", groupes=["environnement"])
    camille = banc.utilisateur(TELEGRAM_CAMILLE, "Camille", "M.")

    (notice,) = await camille.envoyer(f"/start {jeton}")
    assert "Avant de commencer : vos données" in notice.texte_visible
    for sujet in (
        "Ce que je garde",
        "Pourquoi",
        "Qui les voit",
        "Combien de temps",
        "equipe@example.org",
    ):
        assert sujet in notice.texte_visible
    membre = await banc.membre(TELEGRAM_CAMILLE)
    assert membre is not None and membre.statut == StatutMembre.INVITE and not membre.a_consenti

    reponse = await camille.cliquer(notice, "J'accepte")
    assert reponse.texte == "Merci !"
    assert camille.message(notice.message_id).boutons == []  # no second tap possible
    bienvenue = camille.dernier_message
    assert bienvenue is not None
    assert "Bienvenue Camille" in bienvenue.texte_visible
    assert "groupe Environnement" in bienvenue.texte_visible
    assert "21 h – 8 h" in bienvenue.texte_visible
    membre = await banc.membre(TELEGRAM_CAMILLE)
    assert membre is not None and membre.statut == StatutMembre.ACTIF
    assert membre.consentement_le == banc.horloge.maintenant()
    assert membre.nom_complet == "Camille Martin"  # the record's name, not Telegram's


async def test_sans_heures_calmes_la_bienvenue_le_dit(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(heures_calmes="00:00-00:00")
    jeton = await banc.inviter("Camille", "Martin", groupes=["environnement"])
    camille = banc.utilisateur(TELEGRAM_CAMILLE, "Camille", "M.")
    (notice,) = await camille.envoyer(f"/start {jeton}")
    await camille.cliquer(notice, "J'accepte")
    bienvenue = camille.dernier_message
    assert bienvenue is not None and "Bienvenue Camille" in bienvenue.texte_visible
    assert "0 h – 0 h" not in bienvenue.texte_visible
    assert "à toute heure" in bienvenue.texte_visible


async def test_refuser_la_notice_ne_garde_rien_du_compte(banc: Banc) -> None:
    jeton = await banc.inviter("Camille", "Martin")
    camille = banc.utilisateur(TELEGRAM_CAMILLE, "Camille")
    (notice,) = await camille.envoyer(f"/start {jeton}")
    await camille.cliquer(notice, "Je refuse")
    assert "je n'ai rien gardé" in (camille.dernier_message.texte_visible or "")
    assert await banc.membre(TELEGRAM_CAMILLE) is None
    (reponse,) = await camille.envoyer("/aide")
    assert "Je réponds seulement à ses membres" in reponse.texte_visible


@pytest.mark.parametrize(
    "commande", ["/start", "/aide", "/membres", "bonjour", "/start " + "A" * 32]
)
async def test_un_inconnu_est_poliment_refuse_et_rien_n_est_stocke(
    banc: Banc, commande: str
) -> None:
    await banc.inviter("Camille", "Martin")
    inconnu = banc.utilisateur(666, "Intrus")
    (reponse,) = await inconnu.envoyer(commande)
    visible = reponse.texte_visible
    assert ("Je réponds seulement à ses membres" in visible) or ("n'est pas valable" in visible)
    assert "equipe@example.org" in visible
    assert await banc.membre(666) is None
    assert await _nombre_membres(banc) == 1


async def test_lien_deja_utilise_ou_expire(banc: Banc) -> None:
    jeton = await banc.inviter("Camille", "Martin")
    await banc.membre_actif(2000, "Autre")  # someone else, to show the link is not theirs
    camille = banc.utilisateur(TELEGRAM_CAMILLE, "Camille")
    await camille.envoyer(f"/start {jeton}")
    intrus = banc.utilisateur(666, "Intrus")
    (reponse,) = await intrus.envoyer(f"/start {jeton}")
    assert "déjà servi" in reponse.texte_visible
    assert await banc.membre(666) is None

    vieux = await banc.inviter("Léo", "Vieux")
    banc.horloge.avancer(timedelta(days=31))
    leo = banc.utilisateur(3000, "Léo")
    (reponse,) = await leo.envoyer(f"/start {vieux}")
    assert "a expiré" in reponse.texte_visible
    assert await banc.membre(3000) is None


async def test_consentement_en_attente_redemande_la_notice(banc: Banc) -> None:
    jeton = await banc.inviter("Camille", "Martin")
    camille = banc.utilisateur(TELEGRAM_CAMILLE, "Camille")
    await camille.envoyer(f"/start {jeton}")
    attente, notice = await camille.envoyer("/aide", attendre=2)
    assert "appuyez sur « J'accepte »" in attente.texte_visible
    assert "Avant de commencer" in notice.texte_visible
    await camille.cliquer(notice, "J'accepte")
    (aide,) = await camille.envoyer("/aide")
    assert "/moi" in aide.texte_visible


async def test_equipe_amorcee_par_les_reglages(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(equipe_telegram_ids=[7])
    sam = banc.utilisateur(7, "Sam", "Secrétaire")
    (notice,) = await sam.envoyer("/start")
    await sam.cliquer(notice, "J'accepte")
    assert "Vous faites partie de l'équipe" in (sam.dernier_message.texte_visible or "")
    membre = await banc.membre(7)
    assert membre is not None and membre.role == Role.EQUIPE
    (liste,) = await sam.envoyer("/membres")
    assert "Sam Secrétaire" in liste.texte_visible


# --- roles --------------------------------------------------------------------------------------


async def test_aide_ne_montre_que_les_commandes_du_role(banc: Banc) -> None:
    membre = await banc.membre_actif(1, "Mia")
    equipe = await banc.membre_actif(2, "Eva", role=Role.EQUIPE, groupes=[])
    (aide_membre,) = await membre.envoyer("/aide")
    (aide_equipe,) = await equipe.envoyer("/aide")
    for commande in ("/aide", "/moi", "/mesdonnees", "/supprimer"):
        assert commande in aide_membre.texte_visible and commande in aide_equipe.texte_visible
    assert "/membres" not in aide_membre.texte_visible
    assert "/membres" in aide_equipe.texte_visible


async def test_un_membre_ne_peut_pas_lister_les_membres(banc: Banc) -> None:
    membre = await banc.membre_actif(1, "Mia")
    animateur = await banc.membre_actif(2, "Ali", role=Role.ANIMATEUR)
    for personne in (membre, animateur):
        (reponse,) = await personne.envoyer("/membres")
        assert reponse.texte_visible == "Cette commande est réservée à l'équipe."
    (reponse,) = await membre.envoyer("/inconnue")
    assert "Je ne connais pas cette commande" in reponse.texte_visible


async def test_l_equipe_voit_les_membres_par_etat(banc: Banc) -> None:
    equipe = await banc.membre_actif(2, "Eva", "Equipe", role=Role.EQUIPE, groupes=[])
    await banc.membre_actif(1, "Mia", "Actif")
    await banc.inviter("Ivo", "Invité", groupes=["espace-public"])
    (liste,) = await equipe.envoyer("/membres")
    visible = liste.texte_visible
    assert "Membres de l'assemblée (3)" in visible
    assert visible.index("Invités : 1") < visible.index("Ivo Invité") < visible.index("Actifs : 2")
    assert "Mia Actif — membre, Environnement" in visible
    assert "Ivo Invité — membre, Espace public" in visible


async def test_menu_des_commandes_par_role_et_par_langue(banc: Banc) -> None:
    await banc.membre_actif(1, "Mia")
    await banc.membre_actif(2, "Eva", role=Role.EQUIPE, groupes=[])
    defaut = banc.serveur.commandes({"type": "all_private_chats"})
    anglais = banc.serveur.commandes({"type": "all_private_chats"}, "en")
    equipe = banc.serveur.commandes({"type": "chat", "chat_id": 2})
    assert defaut is not None and anglais is not None and equipe is not None
    assert [c["command"] for c in defaut] == [
        "aide",
        "agenda",
        "proposer",
        "sujets",
        "signaler",
        "moi",
        "mesdonnees",
        "supprimer",
    ]
    descriptions = {c["command"]: c["description"] for c in anglais}
    assert descriptions["moi"] == "Your profile and language"
    assert {"membres", "annonce", "envois"} <= {c["command"] for c in equipe}
    assert banc.serveur.commandes({"type": "chat", "chat_id": 1}) is None


async def test_le_bot_marche_meme_si_telegram_refuse_le_menu(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc()
    banc.serveur.injecter_panne(code=500, methode="setMyCommands", fois=100)
    banc.serveur.injecter_panne(code=500, methode="deleteMyCommands", fois=100)
    equipe = await banc.membre_actif(2, "Eva", role=Role.EQUIPE, groupes=[])
    (aide,) = await equipe.envoyer("/aide")
    assert "/membres" in aide.texte_visible
    refus = [a for a in banc.serveur.appels if a.methode == "setMyCommands" and a.code == 500]
    assert refus


# --- buttons ------------------------------------------------------------------------------------


@pytest.mark.parametrize("donnees", ["n'importe quoi", "lg:xx", "sup:peut-etre", "cs:", "x" * 64])
async def test_bouton_forge_refuse_sans_rien_changer(banc: Banc, donnees: str) -> None:
    mia = await banc.membre_actif(1, "Mia")
    (profil,) = await mia.envoyer("/moi")
    reponse = await mia.appuyer(profil.message_id, donnees)
    assert reponse.texte == "Ce bouton n'est plus valable." and reponse.show_alert
    membre = await banc.membre(1)
    assert membre is not None and membre.langue == Langue.FR and membre.statut == StatutMembre.ACTIF


async def test_bouton_rejoue_apres_coup(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia")
    notice = next(
        m for m in mia.messages_du_bot() if "Avant de commencer" in (m.texte_visible or "")
    )
    reponse = await mia.appuyer(notice.message_id, "cs:oui")
    assert "déjà fait" in reponse.texte
    (question,) = await mia.envoyer("/supprimer")
    await mia.cliquer(question, "Oui, tout effacer")
    reponse = await mia.appuyer(question.message_id, "sup:oui")
    assert reponse.texte == "Ce bouton n'est plus valable."


async def test_annuler_deux_fois_ne_provoque_pas_d_erreur(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia")
    (question,) = await mia.envoyer("/supprimer")
    await mia.cliquer(question, "Annuler")
    reponse = await mia.appuyer(question.message_id, "sup:non")
    assert reponse.texte is None and not reponse.show_alert
    textes_vus = [m.texte_visible for m in mia.messages_du_bot()]
    assert textes_vus.count("Rien n'a été effacé.") == 2
    assert "Une erreur est survenue, l'équipe est prévenue." not in textes_vus


async def test_rouvrir_son_propre_lien_ramene_a_la_bienvenue(banc: Banc) -> None:
    jeton = await banc.inviter("Camille", "Martin")
    camille = banc.utilisateur(TELEGRAM_CAMILLE, "Camille")
    (notice,) = await camille.envoyer(f"/start {jeton}")
    await camille.cliquer(notice, "J'accepte")
    (encore,) = await camille.envoyer(f"/start {jeton}")
    assert "Bienvenue Camille" in encore.texte_visible


async def test_un_inconnu_qui_rejoue_le_bouton_d_un_membre_n_efface_rien(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia")
    (question,) = await mia.envoyer("/supprimer")
    intrus = banc.utilisateur(666, "Intrus")
    await intrus.envoyer("bonjour")
    reponse = await intrus.appuyer(question.message_id, "sup:oui")
    assert reponse.texte == "Ce bouton n'est plus valable."
    membre = await banc.membre(1)
    assert membre is not None and membre.statut == StatutMembre.ACTIF


# --- profile, language, data --------------------------------------------------------------------


async def test_changer_de_langue(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    (profil,) = await mia.envoyer("/moi")
    assert "Votre profil" in profil.texte_visible and "Mia Martin" in profil.texte_visible
    reponse = await mia.cliquer(profil, "English")
    assert reponse.texte == "Noted, I will speak English with you from now on."
    edite = mia.message(profil.message_id)
    assert edite.edite == 1 and "Your profile" in (edite.texte_visible or "")
    (aide,) = await mia.envoyer("/aide")
    assert "What you can ask me" in aide.texte_visible
    menu = banc.serveur.commandes({"type": "chat", "chat_id": 1})
    assert menu is not None and menu[0]["description"] == "What I can do"
    membre = await banc.membre(1)
    assert membre is not None and membre.langue == Langue.EN

    reponse = await mia.cliquer(mia.message(profil.message_id), "Français")
    assert "en français" in reponse.texte
    assert banc.serveur.commandes({"type": "chat", "chat_id": 1}) is None  # default menu again


async def test_mes_donnees_en_json(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    (envoi,) = await mia.envoyer("/mesdonnees")
    assert envoi.document is not None and envoi.document.nom == "mes-donnees-assemblee.json"
    assert "tout ce que l'assistant garde sur vous" in (envoi.legende or "")
    donnees = json.loads(envoi.document.contenu)
    assert donnees["membre"]["prenom"] == "Mia" and donnees["membre"]["telegram_id"] == 1
    assert donnees["groupes"] == ["Environnement"]
    assert donnees["invitation"][0]["utilisee_le"] is not None
    assert "jeton_hash" not in envoi.document.contenu.decode()


async def test_supprimer_apres_confirmation_efface_et_delie(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    membre_id = (await banc.membre(1)).id  # type: ignore[union-attr]
    (question,) = await mia.envoyer("/supprimer")
    await mia.cliquer(question, "Annuler")
    assert mia.dernier_message.texte_visible == "Rien n'a été effacé."  # type: ignore[union-attr]
    assert await banc.membre(1) is not None

    (question,) = await mia.envoyer("/supprimer")
    await mia.cliquer(question, "Oui, tout effacer")
    assert "Vos données sont effacées" in (mia.dernier_message.texte_visible or "")  # type: ignore[union-attr]
    assert await banc.membre(1) is None
    fiche = await banc.membre_par_id(membre_id)  # type: ignore[arg-type]
    assert fiche is not None and fiche.statut == StatutMembre.PARTI
    assert (fiche.nom, fiche.prenom, fiche.telegram_id) == ("", "", None)
    async with banc.app.sessions() as session:
        restes = (
            await session.exec(select(Invitation).where(Invitation.membre_id == membre_id))
        ).all()
        journal_ = await entrees(session)
        lignes = await journal.lire(session)
    assert restes == []
    # The erasure is logged, by number and with no personal value; the entries written before
    # (her invitation) no longer lead to her.
    assert journal_[-1] == ("bot", membre_id, "donnees-effacees", "membre", membre_id)
    effacement, invitation = lignes
    assert (effacement.entree.avant, effacement.entree.apres, effacement.membre) == ("", "", "")
    assert invitation.entree.action == "invitation-creee" and invitation.entree.membre_id is None
    (reponse,) = await mia.envoyer("/aide")
    assert "Je réponds seulement à ses membres" in reponse.texte_visible


# --- robustness ---------------------------------------------------------------------------------


async def test_une_erreur_dans_un_traitement_n_arrete_pas_le_bot(
    banc: Banc, caplog: pytest.LogCaptureFixture
) -> None:
    mia = await banc.membre_actif(1, "Mia")
    banc.serveur.injecter_panne(
        code=400,
        methode="sendMessage",
        chat_id=1,
        fois=1,
        description="Bad Request: injected failure",
    )
    with caplog.at_level(logging.ERROR, logger="assemblee.erreurs"):
        (excuse,) = await mia.envoyer("/aide")
    assert excuse.texte_visible == "Une erreur est survenue, l'équipe est prévenue."
    enregistrement = next(r for r in caplog.records if r.name == "assemblee.erreurs")
    assert re.fullmatch(
        r"update \d+ : erreur dans le traitement \(TelegramBadRequest\)",
        enregistrement.getMessage(),
    )
    assert enregistrement.exc_info is not None  # the traceback goes to the log
    assert banc.serveur.jeton not in caplog.text
    (aide,) = await mia.envoyer("/aide")
    assert "/moi" in aide.texte_visible


async def test_message_enorme_ou_etrange_recoit_une_reponse_claire(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia")
    for texte in ("x" * 4096, "🙂" * 2000, "<b>pas du html</b> & co", "/"):
        (reponse,) = await mia.envoyer(texte)
        assert "Tapez /aide" in reponse.texte_visible


async def test_le_bot_se_tait_dans_les_groupes(banc: Banc) -> None:
    await banc.membre_actif(1, "Mia")
    banc.serveur.ajouter_groupe(-100, "Discussion")
    banc.serveur.injecter_update(
        {
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": -100, "type": "supergroup", "title": "Discussion"},
                "from": {"id": 1, "is_bot": False, "first_name": "Mia"},
                "text": "/membres",
                "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
            }
        }
    )
    await banc.serveur.attendre(lambda: not banc.serveur.updates_en_attente)
    # The bot has fetched it; a later private message is answered, the group got nothing.
    mia = banc.utilisateur(1, "Mia")
    await mia.envoyer("/aide")
    assert banc.serveur.messages_du_bot(-100) == []
