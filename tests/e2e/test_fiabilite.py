"""End to end, when something fails under the bot: a dropped connection to Telegram during a
reply, a double tap, a database write that fails for a moment."""

from __future__ import annotations

from assemblee.modeles import Role
from bot.telegram_local import Utilisateur
from tests.outils.banc import Banc


async def _jusqu_aux_audiences(banc: Banc) -> Utilisateur:
    await banc.peupler(3)
    eva = await banc.membre_actif(1, "Eva", "Équipe", role=Role.EQUIPE, groupes=[])
    await eva.envoyer("/annonce")
    await eva.envoyer("Plénière jeudi 18 h")
    return eva


async def test_un_apercu_perdu_par_une_connexion_coupee_est_renvoye(banc: Banc) -> None:
    eva = await _jusqu_aux_audiences(banc)
    audiences = eva.dernier_message
    assert audiences is not None
    banc.serveur.couper_connexion("sendMessage")  # the preview (its copy, then the question)
    reponse = await eva.cliquer(audiences, "tout le monde")
    assert not reponse.show_alert  # no "Une erreur est survenue"
    question = eva.dernier_message
    assert question is not None
    assert "Voici l'aperçu" in (question.texte_visible or "")
    assert next(b.texte for rangee in question.boutons for b in rangee) == "✅ Envoyer"
    coupes = [a for a in banc.serveur.appels if a.description == "coupée"]
    assert [a.methode for a in coupes] == ["sendMessage"]  # the fault did happen
