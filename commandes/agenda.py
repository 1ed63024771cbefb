"""Members: /agenda (coming séances, answers, a calendar file, a subscription link), and the
answer buttons of every reminder — one tap, changeable until the start."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
)
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import seances
from assemblee.horloge import Horloge
from assemblee.modeles import ChoixReponse, Membre, RaisonAbsence
from assemblee.textes import Html, Traducteur, joindre, relu, visible
from commandes import claviers
from commandes.callbacks import CalendrierCb, OrigineReponse, RaisonCb, ReponseCb
from config.reglages import Reglages
from rappels import agenda, reponses
from rappels.messages import carte, ligne_reponse

LIMITE_AGENDA = 5
EMOJIS = {ChoixReponse.OUI: "✅", ChoixReponse.NON: "❌", ChoixReponse.PEUT_ETRE: "🤔"}


async def rendu_agenda(
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
    abonnement: bool,
) -> tuple[Html, InlineKeyboardMarkup | None]:
    """The member's coming séances, numbered, each with its answer; one row of buttons each."""
    maintenant = horloge.maintenant()
    liste = await seances.a_venir_pour(session, membre, maintenant, limite=LIMITE_AGENDA)
    if not liste:
        return t("agenda-vide"), None
    blocs = [t("agenda-titre")]
    rangees = []
    for numero, (seance, groupe) in enumerate(await agenda.avec_groupes(session, liste), start=1):
        choix = await reponses.reponse_de(session, seance.id or 0, membre)
        blocs.append(
            joindre(
                [
                    t(
                        "agenda-numero",
                        numero=numero,
                        carte=carte(seance, groupe, t, reglages.fuseau),
                    ),
                    ligne_reponse(choix, t),
                ]
            )
        )
        if seance.debut > maintenant:
            rangees.append(
                [
                    claviers.bouton(
                        texte=f"{numero} {EMOJIS[c]}",
                        donnees=ReponseCb(
                            seance_id=seance.id or 0, choix=c, origine=OrigineReponse.AGENDA
                        ).pack(),
                    )
                    for c in (ChoixReponse.OUI, ChoixReponse.NON, ChoixReponse.PEUT_ETRE)
                ]
            )
    if abonnement:
        rangees.append(
            [
                claviers.bouton(
                    texte=t("bouton-abonnement"),
                    donnees=CalendrierCb(revoquer=False).pack(),
                )
            ]
        )
    return joindre(blocs, "\n\n"), InlineKeyboardMarkup(inline_keyboard=rangees)


async def cmd_agenda(
    message: Message,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    mode_webhook: bool,
    t: Traducteur,
) -> None:
    texte, clavier = await rendu_agenda(session, membre, horloge, reglages, t, mode_webhook)
    await message.answer(texte, reply_markup=clavier)
    if clavier is None:
        return
    liste = await seances.a_venir_pour(session, membre, horloge.maintenant(), limite=50)
    contenu = agenda.ics(
        await agenda.avec_groupes(session, liste),
        fuseau=reglages.fuseau,
        t=t,
        nom=visible(t("agenda-nom")),
        maintenant=horloge.maintenant(),
    )
    await message.answer_document(
        BufferedInputFile(contenu, filename=t("agenda-fichier")), caption=t("agenda-ics-legende")
    )


async def cb_reponse(
    query: CallbackQuery,
    callback_data: ReponseCb,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    mode_webhook: bool,
    t: Traducteur,
) -> None:
    resultat = await reponses.repondre(
        session,
        seance_id=callback_data.seance_id,
        membre=membre,
        choix=callback_data.choix,
        maintenant=horloge.maintenant(),
    )
    if isinstance(resultat, reponses.Refus):
        await query.answer(t("reponse-refusee", raison=resultat.value), show_alert=True)
        return
    if isinstance(query.message, Message):
        if callback_data.origine == OrigineReponse.AGENDA:
            texte, clavier = await rendu_agenda(session, membre, horloge, reglages, t, mode_webhook)
        else:
            # Every message with answer buttons ends with the answer line: replace it.
            corps = relu(query.message.html_text.rsplit("\n", 1)[0])
            texte, clavier = (
                joindre([corps, ligne_reponse(callback_data.choix, t)]),
                (query.message.reply_markup),
            )
        if texte != query.message.html_text:
            await claviers.modifier(query.message, texte, clavier)
        if callback_data.choix == ChoixReponse.NON:
            await query.message.answer(
                t("raison-question"),
                reply_markup=InlineKeyboardMarkup(
                    inline_keyboard=[
                        [
                            claviers.bouton(
                                texte=t("raison-choix", raison=r.value),
                                donnees=RaisonCb(
                                    seance_id=callback_data.seance_id, raison=r
                                ).pack(),
                            )
                            for r in RaisonAbsence
                        ]
                    ]
                ),
            )
    await query.answer(t("reponse-notee"))


async def cb_raison(
    query: CallbackQuery,
    callback_data: RaisonCb,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    t: Traducteur,
) -> None:
    resultat = await reponses.donner_raison(
        session,
        seance_id=callback_data.seance_id,
        membre=membre,
        raison=callback_data.raison,
        maintenant=horloge.maintenant(),
    )
    if isinstance(resultat, reponses.Refus):
        await query.answer(t("reponse-refusee", raison=resultat.value), show_alert=True)
        return
    if isinstance(query.message, Message):
        # A double tap edits to the same text: Telegram's "not modified" is no one's fault.
        await claviers.modifier(query.message, t("raison-notee"))
    await query.answer()


async def cb_calendrier(
    query: CallbackQuery,
    callback_data: CalendrierCb,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    mode_webhook: bool,
    t: Traducteur,
) -> None:
    if not (mode_webhook and reglages.webhook_url):
        await query.answer(t("abonnement-indisponible"), show_alert=True)
        return
    if not isinstance(query.message, Message):
        await query.answer()
        return
    if callback_data.revoquer:
        await agenda.revoquer(session, membre, horloge.maintenant())
        await query.message.edit_text(t("abonnement-revoque"))
    else:
        jeton = await agenda.nouveau_lien(session, membre, horloge.maintenant())
        await query.message.answer(
            t("abonnement-lien", url=f"{reglages.webhook_url}/calendrier/{jeton}.ics"),
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        claviers.bouton(
                            texte=t("bouton-revoquer-abonnement"),
                            donnees=CalendrierCb(revoquer=True).pack(),
                        )
                    ]
                ]
            ),
        )
    await query.answer()


def routeur() -> Router:
    routeur = Router(name="agenda")
    routeur.message.register(cmd_agenda, Command("agenda"))
    routeur.callback_query.register(cb_reponse, ReponseCb.filter())
    routeur.callback_query.register(cb_raison, RaisonCb.filter())
    routeur.callback_query.register(
        cb_calendrier, CalendrierCb.filter(F.revoquer.in_({True, False}))
    )
    return routeur
