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
from assemblee.envois import ClavierBrut, ClavierBulletin, ClavierReponse
from assemblee.modeles import ChoixReponse, Langue, Membre, TypeSondage
from assemblee.textes import LANGUES, Catalogue
from commandes import claviers
from commandes.callbacks import NavigationCb, OrigineReponse, ReponseCb, VoteCb
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
        claviers.reponse(1, t),
        claviers.bulletin(1, TypeSondage.UNIQUE, [PIEGE, "Des bancs"], t),
        claviers.bulletin(1, TypeSondage.MULTIPLE, [PIEGE, "Des bancs"], t, {0: 1}),
        claviers.bulletin(1, TypeSondage.JUGEMENT, [PIEGE, "Des bancs"], t, {0: 5}, 1),
    ]
    libelles = [libelle for c in claviers_construits for libelle in _libelles(c)]
    assert libelles
    for libelle in libelles:
        assert html.unescape(libelle) == libelle and "<" not in libelle.replace(PIEGE, ""), libelle
    audiences = _libelles(claviers_construits[0])
    assert all(PIEGE in libelle for libelle in audiences[:2]), audiences
    assert f"{PIEGE} · " in _libelles(claviers_construits[6])[0]


def _donnees(clavier: InlineKeyboardMarkup) -> list[list[str | None]]:
    return [[b.callback_data for b in rangee] for rangee in clavier.inline_keyboard]


def test_un_bulletin_a_choix_a_un_bouton_par_option_coche_selon_le_choix() -> None:
    t = Catalogue().pour("fr")
    clavier = claviers.bulletin(
        7, TypeSondage.UNIQUE, ["L'eau & <les arbres>", "Des bancs"], t, {1: 1}
    )
    assert _libelles(clavier) == ["○ L'eau & <les arbres>", "◉ Des bancs"]
    assert _donnees(clavier) == [
        [VoteCb(sondage_id=7, option=0, valeur=1).pack()],
        [VoteCb(sondage_id=7, option=1, valeur=1).pack()],
    ]


def test_un_bulletin_au_jugement_majoritaire_montre_les_mentions_d_une_option_a_la_fois() -> None:
    t = Catalogue().pour("fr")
    options = ["Des fontaines", "Des arbres", "Des bancs"]
    clavier = claviers.bulletin(7, TypeSondage.JUGEMENT, options, t, {2: 5}, 2)
    assert _libelles(clavier)[0] == "● Excellent"
    assert clavier.inline_keyboard[0][0].callback_data == "vo:7:2:5"
    assert _donnees(clavier)[-1] == [NavigationCb(sondage_id=7, option=1).pack()]  # no "next"
    premier = claviers.bulletin(7, TypeSondage.JUGEMENT, options, t)
    assert _donnees(premier)[-1] == [NavigationCb(sondage_id=7, option=1).pack()]  # no "back"
    # A forged position shows the nearest option, never a button for one that does not exist.
    dernier = claviers.bulletin(7, TypeSondage.JUGEMENT, options, t, {}, 2)
    assert claviers.bulletin(7, TypeSondage.JUGEMENT, options, t, {}, 9) == dernier


def test_les_boutons_d_un_message_en_file_se_dessinent_a_l_envoi_dans_sa_langue() -> None:
    catalogue = Catalogue()
    reponse = claviers.de_la_file(ClavierReponse(seance_id=12, langue=Langue.EN), catalogue)
    assert reponse == claviers.reponse(12, catalogue.pour("en"))
    assert (
        _donnees(reponse)[0][0]
        == ReponseCb(seance_id=12, choix=ChoixReponse.OUI, origine=OrigineReponse.RAPPEL).pack()
    )
    bulletin = ClavierBulletin(
        sondage_id=3, type=TypeSondage.MULTIPLE, options=("A", "B"), langue=Langue.FR
    )
    assert claviers.de_la_file(bulletin, catalogue) == claviers.bulletin(
        3, TypeSondage.MULTIPLE, ["A", "B"], catalogue.pour("fr")
    )
    assert claviers.de_la_file(None, catalogue) is None


def test_un_clavier_mis_en_file_par_une_version_precedente_part_tel_quel() -> None:
    brut = {"inline_keyboard": [[{"text": "Oui", "callback_data": "rp:1:oui:r"}]]}
    clavier = claviers.de_la_file(ClavierBrut(brut["inline_keyboard"]), Catalogue())
    assert clavier is not None
    assert clavier.model_dump(exclude_none=True) == brut
