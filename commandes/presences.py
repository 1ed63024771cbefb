"""/presences (facilitators, staff): who answered what, a nudge to those who have not, and the
roll call on the day (émargement), one tap per person."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.dates import date_courte
from assemblee.horloge import Horloge
from assemblee.modeles import Groupe, Membre, Seance
from assemblee.textes import Catalogue, Html, Traducteur, echapper, joindre
from commandes import claviers
from commandes.acces import SeanceGeree
from commandes.callbacks import ActionSeance, EmargementCb, GestionCb, PageEmargementCb
from commandes.seances import seances_gerees, texte_liste
from config.reglages import Reglages
from rappels import emargement, reponses
from rappels.messages import carte

PAR_PAGE = 16


def _noms(membres: list[Membre], t: Traducteur) -> str:
    return ", ".join(m.nom_complet for m in membres) or t("presences-personne")


async def cmd_presences(
    message: Message,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    liste = await seances_gerees(session, membre, horloge.maintenant())
    if not liste:
        await message.answer(t("seances-vide"))
        return
    rangees = [
        [
            claviers.bouton(
                texte=t("bouton-presences", numero=numero),
                donnees=GestionCb(seance_id=s.id or 0, action=ActionSeance.PRESENCES).pack(),
            )
        ]
        for numero, s in enumerate(liste, start=1)
    ]
    await message.answer(
        await texte_liste(session, liste, reglages, t),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=rangees),
    )


async def texte_tableau(
    session: AsyncSession, seance: Seance, reglages: Reglages, t: Traducteur
) -> tuple[Html, int]:
    tableau = await reponses.tableau(session, seance)
    groupe = await session.get(Groupe, seance.groupe_id) if seance.groupe_id else None
    non = joindre(
        (
            t("presences-raison", nom=m.nom_complet, raison=r.value)
            if r
            else echapper(m.nom_complet)
            for m, r in tableau.non
        ),
        ", ",
    )
    texte = t(
        "presences-tableau",
        carte=carte(seance, groupe.nom if groupe else None, t, reglages.fuseau),
        nb_oui=len(tableau.oui),
        oui=_noms(tableau.oui, t),
        nb_peut_etre=len(tableau.peut_etre),
        peut_etre=_noms(tableau.peut_etre, t),
        nb_non=len(tableau.non),
        non=non or t("presences-personne"),
        nb_sans=len(tableau.sans_reponse),
        sans=_noms(tableau.sans_reponse, t),
    )
    return texte, len(tableau.sans_reponse)


async def cb_presences(
    query: CallbackQuery,
    seance: Seance,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    texte, sans = await texte_tableau(session, seance, reglages, t)
    rangees = []
    maintenant = horloge.maintenant()
    if sans and reponses.relance_possible(seance, maintenant):
        rangees.append(
            [
                claviers.bouton(
                    texte=t("bouton-relancer", nombre=sans),
                    donnees=GestionCb(
                        seance_id=seance.id or 0, action=ActionSeance.RELANCER
                    ).pack(),
                )
            ]
        )
    if seance.annulee_le is None and emargement.ouvert(seance, maintenant):
        rangees.append(
            [
                claviers.bouton(
                    texte=t("bouton-emargement"),
                    donnees=PageEmargementCb(seance_id=seance.id or 0, page=0).pack(),
                )
            ]
        )
    await query.message.answer(texte, reply_markup=InlineKeyboardMarkup(inline_keyboard=rangees))
    await query.answer()


async def cb_relancer(
    query: CallbackQuery,
    seance: Seance,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    reveiller_expediteur: Callable[[], None],
    t: Traducteur,
) -> None:
    if not reponses.relance_possible(seance, horloge.maintenant()):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    nombre = await reponses.relancer(
        session,
        seance,
        maintenant=horloge.maintenant(),
        reglages=reglages,
        catalogue=catalogue,
        auteur=journal.par_le_bot(membre),
    )
    reveiller_expediteur()
    await query.answer(t("relance-faite", nombre=nombre), show_alert=True)


async def clavier_emargement(
    session: AsyncSession, seance: Seance, page: int, reglages: Reglages, t: Traducteur
) -> tuple[Html, InlineKeyboardMarkup]:
    feuille = await emargement.feuille(session, seance)
    par = await emargement.marques_par(session, seance)
    presents = sum(1 for _, p in feuille if p)
    pages = max(1, -(-len(feuille) // PAR_PAGE))
    page = min(max(page, 0), pages - 1)
    rangees = []
    for m, present in feuille[page * PAR_PAGE : (page + 1) * PAR_PAGE]:
        marqueur = par.get(m.id or 0)
        rangees.append(
            [
                claviers.bouton(
                    texte=(
                        t(
                            "bouton-emarge",
                            etat="vide"
                            if present is None
                            else ("present" if present else "absent"),
                            nom=m.nom_complet or "—",
                            par=(marqueur.prenom or marqueur.nom_complet) if marqueur else "",
                        )
                    ),
                    # Not marked or absent: the tap marks present; present: it marks absent.
                    donnees=EmargementCb(
                        seance_id=seance.id or 0,
                        membre_id=m.id or 0,
                        page=page,
                        present=present is not True,
                    ).pack(),
                )
            ]
        )
    navigation = []
    if page > 0:
        navigation.append(
            claviers.bouton(
                texte=t("bouton-page-precedente"),
                donnees=PageEmargementCb(seance_id=seance.id or 0, page=page - 1).pack(),
            )
        )
    if page < pages - 1:
        navigation.append(
            claviers.bouton(
                texte=t("bouton-page-suivante"),
                donnees=PageEmargementCb(seance_id=seance.id or 0, page=page + 1).pack(),
            )
        )
    if navigation:
        rangees.append(navigation)
    texte = t(
        "emargement-titre",
        titre=seance.titre,
        date=date_courte(seance.debut, reglages.fuseau, t.langue),
        presents=presents,
        total=len(feuille),
    )
    return texte, InlineKeyboardMarkup(inline_keyboard=rangees)


async def cb_page(
    query: CallbackQuery,
    callback_data: PageEmargementCb,
    seance: Seance,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    if not emargement.ouvert(seance, horloge.maintenant()) or seance.annulee_le:
        await query.answer(t("emargement-ferme"), show_alert=True)
        return
    texte, clavier = await clavier_emargement(session, seance, callback_data.page, reglages, t)
    # From the answers table, open the roll call as a new message; within it, turn pages.
    if callback_data.page == 0 and not _est_emargement(query.message):
        await query.message.answer(texte, reply_markup=clavier)
    else:
        await claviers.modifier(query.message, texte, clavier)
    await query.answer()


def _est_emargement(message: Message) -> bool:
    marques = message.reply_markup.inline_keyboard if message.reply_markup else []
    return any(b.callback_data and b.callback_data.startswith("em:") for r in marques for b in r)


async def cb_emarger(
    query: CallbackQuery,
    callback_data: EmargementCb,
    seance: Seance,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    resultat = await emargement.emarger(
        session,
        seance=seance,
        membre_id=callback_data.membre_id,
        present=callback_data.present,
        auteur=journal.par_le_bot(membre),
        maintenant=horloge.maintenant(),
    )
    if isinstance(resultat, emargement.Refus):
        await query.answer(t("emargement-refuse", raison=resultat.value), show_alert=True)
        return
    texte, clavier = await clavier_emargement(session, seance, callback_data.page, reglages, t)
    await claviers.modifier(query.message, texte, clavier)
    await query.answer()


def routeur() -> Router:
    routeur = Router(name="presences")
    routeur.message.register(cmd_presences, Command("presences"))
    # A séance named by a button reaches these only if this person may manage it.
    routeur.callback_query.register(
        cb_presences, GestionCb.filter(F.action == ActionSeance.PRESENCES), SeanceGeree()
    )
    routeur.callback_query.register(
        cb_relancer, GestionCb.filter(F.action == ActionSeance.RELANCER), SeanceGeree()
    )
    routeur.callback_query.register(cb_page, PageEmargementCb.filter(), SeanceGeree())
    routeur.callback_query.register(cb_emarger, EmargementCb.filter(), SeanceGeree())
    return routeur
