"""Every button's callback data. Enum fields make a forged value fail to unpack, so no handler
matches it and the fallback answers "Ce bouton n'est plus valable"."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from assemblee.annonces import GenreAudience
from assemblee.modeles import Langue


class Choix(StrEnum):
    OUI = "oui"
    NON = "non"


class ConsentementCb(CallbackData, prefix="cs"):
    choix: Choix


class LangueCb(CallbackData, prefix="lg"):
    langue: Langue


class SuppressionCb(CallbackData, prefix="sup"):
    choix: Choix


class AudienceCb(CallbackData, prefix="au"):
    genre: GenreAudience
    valeur: str  # a group's slug or a role: never contains ':'


class EnvoiChoix(StrEnum):
    ENVOYER = "envoyer"
    URGENT = "urgent"
    ANNULER = "annuler"


class EnvoiAnnonceCb(CallbackData, prefix="an"):
    choix: EnvoiChoix
