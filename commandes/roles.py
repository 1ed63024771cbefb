"""Staff: /role, to change someone's role (member or facilitator) and groups, or to record
that they left the assembly. Staff itself is given by the settings only (EQUIPE_TELEGRAM_IDS).
Each change is in the audit log, holds from the person's next update, and resets their menu."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypedDict

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import groupes, membres
from assemblee.horloge import Horloge
from assemblee.modeles import Groupe, Membre, Role, StatutMembre
from assemblee.textes import Catalogue, Html, Traducteur, decouper, joindre
from commandes import menu
from commandes.callbacks import ActionDroits, DroitsCb
from config.reglages import Reglages

ROLES = {ActionDroits.MEMBRE: Role.MEMBRE, ActionDroits.ANIMATEUR: Role.ANIMATEUR}


def _bouton(
    texte: str, membre_id: int, action: ActionDroits, groupe_id: int = 0
) -> list[InlineKeyboardButton]:
    donnees = DroitsCb(membre_id=membre_id, action=action, groupe_id=groupe_id).pack()
    return [InlineKeyboardButton(text=texte, callback_data=donnees)]


def texte_fiche(f: membres.FicheMembre, reglages: Reglages, t: Traducteur) -> Html:
    m = f.membre
    texte = t(
        "droits-fiche",
        numero=m.id or 0,
        nom=m.nom_complet or t("membres-sans-nom"),
        role=m.role.value,
        statut=m.statut.value,
        groupes=", ".join(g.nom for g in f.groupes) or t("aucun-groupe"),
    )
    if membres.equipe_des_reglages(m, reglages.equipe_telegram_ids):
        texte = joindre([texte, t("droits-fiche-reglages")], "\n\n")
    return texte


def clavier_fiche(
    f: membres.FicheMembre, actifs: list[Groupe], reglages: Reglages, t: Traducteur
) -> InlineKeyboardMarkup | None:
    """Labels are plain text (group names unescaped); each button carries the state it sets."""
    m = f.membre
    if m.statut == StatutMembre.PARTI or membres.equipe_des_reglages(
        m, reglages.equipe_telegram_ids
    ):
        return None
    assert m.id is not None
    rangees = [
        _bouton(
            ("✓ " if m.role == role else "") + t("droits-bouton-role", role=role.value), m.id, a
        )
        for a, role in ROLES.items()
    ]
    dans = {g.id for g in f.groupes}
    for g in actifs:
        assert g.id is not None
        if g.id in dans:
            rangees.append(_bouton(f"✓ {g.nom}", m.id, ActionDroits.RETIRER, g.id))
        else:
            rangees.append(_bouton(g.nom, m.id, ActionDroits.AJOUTER, g.id))
    rangees.append(_bouton(t("droits-bouton-depart"), m.id, ActionDroits.DEPART))
    return InlineKeyboardMarkup(inline_keyboard=rangees)


def clavier_depart(membre_id: int, t: Traducteur) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            _bouton(t("droits-bouton-confirmer-depart"), membre_id, ActionDroits.CONFIRMER_DEPART),
            _bouton(t("droits-bouton-garder"), membre_id, ActionDroits.FICHE),
        ]
    )


async def cmd_role(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    """`/role` lists people with their numbers; `/role <n°>` shows one card with buttons."""
    argument = (command.args or "").strip()
    if not argument:
        fiches = [f for f in await membres.lister(session) if f.membre.statut != StatutMembre.PARTI]
        lignes = [t("droits-usage")] + [
            t(
                "droits-ligne",
                numero=f.membre.id or 0,
                nom=f.membre.nom_complet or t("membres-sans-nom"),
                role=f.membre.role.value,
            )
            for f in fiches
        ]
        for morceau in decouper(lignes):
            await message.answer(morceau)
        return
    numero = int(argument) if argument.isdigit() and int(argument) < 2**31 else None
    f = await membres.fiche(session, numero) if numero is not None else None
    if f is None:
        await message.answer(t("droits-inconnu"))
        return
    actifs = await groupes.groupes_actifs(session)
    await message.answer(
        texte_fiche(f, reglages, t), reply_markup=clavier_fiche(f, actifs, reglages, t)
    )


class _Auteur(TypedDict):
    """Who makes a change, as every rights function of the domain takes it."""

    par: Membre | None
    origine: str
    equipe_ids: Sequence[int]
    maintenant: datetime


async def cb_droits(
    query: CallbackQuery,
    callback_data: DroitsCb,
    bot: Bot,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    t: Traducteur,
) -> None:
    cible = await membres.par_id(session, callback_data.membre_id)
    if cible is None or not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    action = callback_data.action
    commun: _Auteur = {
        "par": membre,
        "origine": membres.ORIGINE_BOT,
        "equipe_ids": reglages.equipe_telegram_ids,
        "maintenant": horloge.maintenant(),
    }
    try:
        if action in ROLES:
            change = await membres.changer_role(session, cible, ROLES[action], **commun)
        elif action in (ActionDroits.AJOUTER, ActionDroits.RETIRER):
            change = await membres.mettre_groupe(
                session,
                cible,
                callback_data.groupe_id,
                dedans=action == ActionDroits.AJOUTER,
                **commun,
            )
        elif action == ActionDroits.DEPART:
            membres.verifier_modifiable(cible, reglages.equipe_telegram_ids)
            await query.message.edit_reply_markup(reply_markup=clavier_depart(cible.id or 0, t))
            await query.answer()
            return
        elif action == ActionDroits.FICHE:
            change = False
        else:
            change = await membres.marquer_depart(session, cible, **commun)
    except membres.ErreurDroits as exc:
        await query.answer(t("droits-refus", raison=exc.code), show_alert=True)
        return
    if not change and action != ActionDroits.FICHE:  # a double tap: the card already says so
        await query.answer()
        return
    f = await membres.fiche(session, callback_data.membre_id)
    assert f is not None
    actifs = await groupes.groupes_actifs(session)
    await query.message.edit_text(
        texte_fiche(f, reglages, t), reply_markup=clavier_fiche(f, actifs, reglages, t)
    )
    if change:  # their menu follows their new rights (a comfort: a refusal is only logged)
        await menu.installer(bot, f.membre, catalogue, console_url=reglages.console_url_publique)
    await query.answer(t("droits-fait") if change else None)


def routeur() -> Router:
    routeur = Router(name="roles")
    routeur.message.register(cmd_role, Command("role"))
    routeur.callback_query.register(cb_droits, DroitsCb.filter())
    return routeur
