"""Staff commands: /membres."""

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import membres
from assemblee.horloge import Horloge
from assemblee.modeles import StatutMembre
from assemblee.textes import LIGNE_VIDE, Html, Traducteur, decouper
from config.reglages import Reglages
from rappels import presences


def lignes_membres(fiches: list[membres.FicheMembre], t: Traducteur) -> list[Html]:
    """The list, one section per status: invited, active, unreachable, left."""
    lignes = [t("membres-titre", total=len(fiches))]
    for statut in StatutMembre:
        section = [f for f in fiches if f.membre.statut == statut]
        if not section:
            continue
        lignes += [LIGNE_VIDE, t("membres-section", statut=statut.value, nombre=len(section))]
        lignes += [
            t(
                "membres-ligne",
                nom=f.membre.nom_complet or t("membres-sans-nom"),
                role=f.membre.role.value,
                groupes=", ".join(g.nom for g in f.groupes) or t("aucun-groupe"),
            )
            for f in section
        ]
    return lignes


async def cmd_membres(message: Message, session: AsyncSession, t: Traducteur) -> None:
    fiches = await membres.lister(session)
    if not fiches:
        await message.answer(t("membres-aucun"))
        return
    for morceau in decouper(lignes_membres(fiches, t)):
        await message.answer(morceau)


def routeur() -> Router:
    routeur = Router(name="equipe")
    routeur.message.register(cmd_membres, Command("membres"))
    routeur.message.register(cmd_indemnisation, Command("indemnisation"))
    return routeur


async def cmd_indemnisation(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    """The month's attendance CSV (default: this month, Paris time)."""
    mois = (command.args or "").strip() or horloge.maintenant().astimezone(
        reglages.fuseau
    ).strftime("%Y-%m")
    try:
        contenu = await presences.exporter_indemnisation(session, mois=mois, fuseau=reglages.fuseau)
    except ValueError:
        await message.answer(t("indemnisation-mois-invalide"))
        return
    await message.answer_document(
        BufferedInputFile(contenu.encode("utf-8"), filename=f"indemnisation-{mois}.csv"),
        caption=t("indemnisation-legende", mois=mois),
    )
