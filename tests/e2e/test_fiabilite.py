"""End to end, when something fails under the bot: a dropped connection to Telegram during a
reply, a double tap, a database write that fails for a moment."""

from __future__ import annotations

import asyncio

from sqlmodel import func, select

from assemblee.modeles import Annonce, Role
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


async def test_une_conversation_survit_au_redemarrage_du_bot(banc: Banc) -> None:
    """Started with one process, continued with another (or after a restart)."""
    eva = await _jusqu_aux_audiences(banc)
    audiences = eva.dernier_message
    assert audiences is not None and "tout le monde (4)" in str(audiences.boutons)
    await banc.redemarrer()
    avant = len(eva.messages_du_bot())
    await eva.cliquer(audiences, "tout le monde")
    copie, question = eva.messages_du_bot()[avant : avant + 2]
    assert copie.texte == "Plénière jeudi 18 h"  # the text given before the restart
    assert "Voici l'aperçu" in (question.texte_visible or "")


async def test_un_double_appui_sur_envoyer_est_traite_une_fois(banc: Banc) -> None:
    eva = await _jusqu_aux_audiences(banc)
    audiences = eva.dernier_message
    assert audiences is not None
    await eva.cliquer(audiences, "tout le monde")
    question = eva.dernier_message
    assert question is not None
    avant = len(eva.messages_du_bot())
    reponses = await asyncio.gather(
        eva.cliquer(question, "✅ Envoyer"), eva.cliquer(question, "✅ Envoyer")
    )
    # The second tap is handled after the first: its button is spent.
    assert sorted(r.texte or "" for r in reponses) == ["", "Ce bouton n'est plus valable."]
    await banc.serveur.attendre(lambda: len(eva.messages_du_bot()) > avant)
    dits = [m.texte_visible or "" for m in eva.messages_du_bot()[avant:]]
    assert len([d for d in dits if d.startswith("C'est parti")]) == 1
    assert not any("abandonnée" in d or "annulée" in d for d in dits), dits
    async with banc.app.sessions() as session:
        assert (await session.exec(select(func.count()).select_from(Annonce))).one() == 1
