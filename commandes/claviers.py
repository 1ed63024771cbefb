"""Inline keyboards, their labels from the catalogue."""

import contextlib
from collections.abc import Sequence

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MaybeInaccessibleMessage,
    Message,
)

from assemblee import annonces, sondages
from assemblee.envois import Clavier, ClavierBulletin, ClavierReponse
from assemblee.modeles import (
    ChoixReponse,
    ChoixRevue,
    FrequenceRevue,
    Groupe,
    Langue,
    Membre,
    TypeSondage,
)
from assemblee.textes import Catalogue, Html, Traducteur, visible
from commandes.callbacks import (
    ApercuRevueCb,
    AudienceCb,
    Choix,
    ConsentementCb,
    EnvoiAnnonceCb,
    EnvoiChoix,
    EnvoiRevueCb,
    FrequenceRevueCb,
    LangueCb,
    NavigationCb,
    OrigineReponse,
    ReponseCb,
    RevueCb,
    SuppressionCb,
    VoteCb,
)


def en_clair(texte: str) -> str:
    """A button label is plain text, never HTML: a text from the catalogue (`Html`, its values
    escaped for a message) is shown as a member reads it ("l'atelier", not "l&#x27;atelier");
    a raw value (a group's name) is already plain and stays as it is."""
    return visible(texte) if isinstance(texte, Html) else texte


def bouton(texte: str, donnees: str) -> InlineKeyboardButton:
    """Every button is built here, so that its label is plain text."""
    return InlineKeyboardButton(text=en_clair(texte), callback_data=donnees)


def rangee(texte: str, donnees: str) -> list[InlineKeyboardButton]:
    """A row holding one button: what a list of choices on a phone reads best as."""
    return [bouton(texte, donnees)]


def clavier(*rangees: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=list(rangees))


def consentement(t: Traducteur) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [bouton(t("bouton-accepter"), ConsentementCb(choix=Choix.OUI).pack())],
            [bouton(t("bouton-refuser"), ConsentementCb(choix=Choix.NON).pack())],
        ]
    )


def langues(t: Traducteur) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                bouton(t("bouton-francais"), LangueCb(langue=Langue.FR).pack()),
                bouton(t("bouton-anglais"), LangueCb(langue=Langue.EN).pack()),
            ]
        ]
    )


def profil(t: Traducteur, membre: Membre) -> InlineKeyboardMarkup:
    """/moi: the language, then which news digest and how often (the current choice marked;
    no frequency to choose without a digest)."""
    rangees = [
        *langues(t).inline_keyboard,
        [
            bouton(
                t(
                    "bouton-revue",
                    revue=choix.value,
                    choisi="oui" if membre.revue == choix else "non",
                ),
                RevueCb(revue=choix).pack(),
            )
            for choix in (ChoixRevue.GROUPE, ChoixRevue.TOUS, ChoixRevue.AUCUNE)
        ],
    ]
    if membre.revue != ChoixRevue.AUCUNE:
        rangees.append(
            [
                bouton(
                    t(
                        "bouton-frequence",
                        frequence=frequence.value,
                        choisi="oui" if membre.revue_frequence == frequence else "non",
                    ),
                    FrequenceRevueCb(frequence=frequence).pack(),
                )
                for frequence in (FrequenceRevue.HEBDOMADAIRE, FrequenceRevue.QUOTIDIENNE)
            ]
        )
    return InlineKeyboardMarkup(inline_keyboard=rangees)


def suppression(t: Traducteur) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [bouton(t("bouton-supprimer"), SuppressionCb(choix=Choix.OUI).pack())],
            [bouton(t("bouton-annuler"), SuppressionCb(choix=Choix.NON).pack())],
        ]
    )


def envoi_annonce(t: Traducteur) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [bouton(t("bouton-envoyer"), EnvoiAnnonceCb(choix=EnvoiChoix.ENVOYER).pack())],
            [bouton(t("bouton-envoyer-urgent"), EnvoiAnnonceCb(choix=EnvoiChoix.URGENT).pack())],
            [bouton(t("bouton-annuler"), EnvoiAnnonceCb(choix=EnvoiChoix.ANNULER).pack())],
        ]
    )


def audiences(t: Traducteur, choix: list[annonces.Choix]) -> InlineKeyboardMarkup:
    """/annonce: one audience per row, with how many it reaches (a séance's title as typed:
    "L'atelier", never "L&#x27;atelier")."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            rangee(
                t(
                    "bouton-audience",
                    libelle=annonces.libelle(c.audience, t, c.nom_groupe),
                    nombre=c.nombre,
                ),
                AudienceCb(genre=c.audience.genre, valeur=c.audience.valeur).pack(),
            )
            for c in choix
        ]
    )


def groupes_revue(groupes: Sequence[Groupe]) -> InlineKeyboardMarkup:
    """/revue: one group per row, its name as written."""
    return clavier(*(rangee(g.nom, ApercuRevueCb(groupe_id=g.id or 0).pack()) for g in groupes))


def envoi_revue(t: Traducteur, groupe_id: int, jusqua: int) -> InlineKeyboardMarkup:
    """Under a digest's preview: the preview's instant goes with the choice."""
    return clavier(
        rangee(
            t("bouton-revue-envoyer"),
            EnvoiRevueCb(groupe_id=groupe_id, jusqua=jusqua, envoyer=True).pack(),
        ),
        rangee(
            t("bouton-annuler"),
            EnvoiRevueCb(groupe_id=groupe_id, jusqua=jusqua, envoyer=False).pack(),
        ),
    )


def reponse(seance_id: int, t: Traducteur) -> InlineKeyboardMarkup:
    """The answer buttons under a reminder, a change notice or a nudge."""

    def _bouton(cle: str, choix: ChoixReponse) -> InlineKeyboardButton:
        donnees = ReponseCb(seance_id=seance_id, choix=choix, origine=OrigineReponse.RAPPEL)
        return bouton(t(cle), donnees.pack())

    return clavier(
        [_bouton("bouton-oui", ChoixReponse.OUI), _bouton("bouton-non", ChoixReponse.NON)],
        [_bouton("bouton-peut-etre", ChoixReponse.PEUT_ETRE)],
    )


def bulletin(
    sondage_id: int,
    type_: TypeSondage,
    options: Sequence[str],
    t: Traducteur,
    etat: dict[int, int] | None = None,
    position: int = 0,
) -> InlineKeyboardMarkup:
    """A ballot's buttons (its text is assemblee.sondages.texte_bulletin): one per option, or
    the grades of the option being graded and the way to the others. `options` are the
    options' texts in rank order; `etat` maps a rank to the value chosen. The buttons name
    the poll, never the ballot."""
    etat = etat or {}
    if type_ != TypeSondage.JUGEMENT:
        coche, vide = ("◉", "○") if type_ == TypeSondage.UNIQUE else ("☑", "☐")
        return clavier(
            *(
                rangee(
                    t("bulletin-choix", marque=coche if etat.get(ordre) else vide, texte=texte),
                    VoteCb(sondage_id=sondage_id, option=ordre, valeur=1).pack(),
                )
                for ordre, texte in enumerate(options)
            )
        )
    position = sondages.position_bornee(position, len(options))
    notes = [
        bouton(
            ("● " if etat.get(position) == note else "") + visible(t("mention", note=note)),
            VoteCb(sondage_id=sondage_id, option=position, valeur=note).pack(),
        )
        for note in range(sondages.NOTE_MAX, -1, -1)
    ]
    rangees = [notes[i : i + 2] for i in range(0, len(notes), 2)]
    navigation = [
        bouton(t(cle), NavigationCb(sondage_id=sondage_id, option=vers).pack())
        for cle, vers in (("bouton-precedente", position - 1), ("bouton-suivante", position + 1))
        if 0 <= vers < len(options)
    ]
    if navigation:
        rangees.append(navigation)
    return clavier(*rangees)


def de_la_file(contenu: Clavier | None, catalogue: Catalogue) -> InlineKeyboardMarkup | None:
    """The buttons of a queued message (assemblee.envois), drawn when it is sent, in the
    language its text was written in. A keyboard queued in the Bot API's terms (by an earlier
    version) goes as it is."""
    if contenu is None:
        return None
    if isinstance(contenu, ClavierReponse):
        return reponse(contenu.seance_id, catalogue.pour(contenu.langue))
    if isinstance(contenu, ClavierBulletin):
        t = catalogue.pour(contenu.langue)
        return bulletin(contenu.sondage_id, contenu.type, contenu.options, t)
    return InlineKeyboardMarkup.model_validate({"inline_keyboard": contenu.inline_keyboard})


# Telegram's refusals of an edit that are no one's fault: a replayed tap (nothing changed), or
# a message too old or gone. Anything else (a text too long, bad HTML) is a bug to hear about.
_EDITIONS_SANS_SUITE = (
    "message is not modified",
    "message can't be edited",
    "message to edit not found",
)


async def modifier(
    message: Message, texte: str, clavier: InlineKeyboardMarkup | None = None
) -> None:
    """Edit a message in place; a no-op or an edit that is no longer possible is not an error
    (two quick taps on the same button, a message from last month)."""
    try:
        await message.edit_text(texte, reply_markup=clavier)
    except TelegramBadRequest as erreur:
        if not any(raison in erreur.message for raison in _EDITIONS_SANS_SUITE):
            raise


async def modifier_par_id(
    bot: Bot, chat_id: int, message_id: int, texte: str, clavier: InlineKeyboardMarkup | None
) -> None:
    """`modifier` for a message known by its ids only (one shown earlier in the chat)."""
    try:
        await bot.edit_message_text(
            text=texte, chat_id=chat_id, message_id=message_id, reply_markup=clavier
        )
    except TelegramBadRequest as erreur:
        if not any(raison in erreur.message for raison in _EDITIONS_SANS_SUITE):
            raise


async def retirer(message: MaybeInaccessibleMessage | None) -> None:
    """Take the buttons off a message once they have done their job. A replayed tap finds
    them gone already ("message is not modified") and an old message may no longer be
    editable: neither is worth an error."""
    if isinstance(message, Message) and message.reply_markup is not None:
        with contextlib.suppress(TelegramBadRequest):
            await message.edit_reply_markup(reply_markup=None)
