"""`claviers.modifier` against the local Bot API stand-in: a replayed or impossible edit is
not an error, a real mistake still is."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup

from assemblee import annonces
from assemblee.annonces import Audience, GenreAudience
from assemblee.modeles import Membre
from assemblee.textes import LANGUES, Catalogue
from commandes import claviers
from rappels.messages import clavier_reponse
from telegram_local import TelegramLocal


@pytest.fixture
async def bot() -> AsyncIterator[tuple[Bot, TelegramLocal]]:
    async with TelegramLocal() as serveur:
        bot = Bot(
            serveur.jeton, session=AiohttpSession(api=TelegramAPIServer.from_base(serveur.url))
        )
        yield bot, serveur
        await bot.session.close()


async def test_modifier_deux_fois_pareil_n_est_pas_une_erreur(
    bot: tuple[Bot, TelegramLocal],
) -> None:
    robot, serveur = bot
    mia = serveur.utilisateur(42, "Mia")
    await mia.envoyer("bonjour", attendre=0)
    message = await robot.send_message(42, "Serez-vous là ?")
    clavier = claviers.clavier(claviers.rangee("Oui", "r:1"))

    await claviers.modifier(message, "Serez-vous là ? Oui", clavier)
    await claviers.modifier(message, "Serez-vous là ? Oui", clavier)  # the replayed tap

    assert mia.message(message.message_id).texte == "Serez-vous là ? Oui"
    with pytest.raises(TelegramBadRequest):  # a real mistake is still heard of
        await claviers.modifier(message, "x" * 5000, clavier)


# A member- or staff-typed value with what HTML escaping would turn into entities.
PIEGE = 'L\'atelier <des> "cours" & jardins'


def _libelles(clavier: InlineKeyboardMarkup | dict[str, Any]) -> list[str]:
    if isinstance(clavier, dict):
        return [b["text"] for rangee in clavier["inline_keyboard"] for b in rangee]
    return [b.text for rangee in clavier.inline_keyboard for b in rangee]


@pytest.mark.parametrize("langue", LANGUES)
def test_chaque_clavier_a_des_libelles_en_texte_brut(langue: str) -> None:
    """Button labels are plain text (Telegram shows them as typed): every keyboard builder,
    fed values an HTML escape would change, shows them unchanged and no entity."""
    t = Catalogue().pour(langue)
    membre = Membre(prenom=PIEGE, nom=PIEGE, cree_le=datetime.now(UTC))
    choix = [
        annonces.Choix(Audience(GenreAudience.SEANCE, "3"), PIEGE, 2),
        annonces.Choix(Audience(GenreAudience.GROUPE, "env"), PIEGE, 1),
        annonces.Choix(Audience(GenreAudience.ROLE, "equipe"), None, 1),
    ]
    claviers_construits = [
        claviers.audiences(t, choix),
        claviers.consentement(t),
        claviers.langues(t),
        claviers.profil(t, membre),
        claviers.suppression(t),
        claviers.envoi_annonce(t),
        claviers.clavier(
            claviers.rangee(t("bouton-emarge", etat="present", nom=PIEGE, par=PIEGE), "x")
        ),
        claviers.clavier(claviers.rangee(PIEGE, "x")),  # a raw value stays as it is
        clavier_reponse(1, t),
    ]
    libelles = [libelle for c in claviers_construits for libelle in _libelles(c)]
    assert libelles
    for libelle in libelles:
        assert html.unescape(libelle) == libelle and "<" not in libelle.replace(PIEGE, ""), libelle
    audiences = _libelles(claviers_construits[0])
    assert all(PIEGE in libelle for libelle in audiences[:2]), audiences
    assert f"{PIEGE} · " in _libelles(claviers_construits[6])[0]
