"""Inline keyboards, their labels from the catalogue."""

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from assemblee.modeles import Langue
from assemblee.textes import Traducteur
from commandes.callbacks import Choix, ConsentementCb, LangueCb, SuppressionCb


def _bouton(texte: str, donnees: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=texte, callback_data=donnees)


def consentement(t: Traducteur) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_bouton(t("bouton-accepter"), ConsentementCb(choix=Choix.OUI).pack())],
            [_bouton(t("bouton-refuser"), ConsentementCb(choix=Choix.NON).pack())],
        ]
    )


def langues(t: Traducteur) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _bouton(t("bouton-francais"), LangueCb(langue=Langue.FR).pack()),
                _bouton(t("bouton-anglais"), LangueCb(langue=Langue.EN).pack()),
            ]
        ]
    )


def suppression(t: Traducteur) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_bouton(t("bouton-supprimer"), SuppressionCb(choix=Choix.OUI).pack())],
            [_bouton(t("bouton-annuler"), SuppressionCb(choix=Choix.NON).pack())],
        ]
    )
