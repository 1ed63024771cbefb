"""Who may manage what: one rule per kind of object, the same for every face (the Telegram
handlers' filters in commandes/acces.py, the web console) and for the domain's own checks.

Today every rule is the group's: staff manage everything, a facilitator what belongs to their
groups (never what belongs to the whole assembly). A rule that comes to differ for one kind
changes here, and every face follows.

The `*_gere` functions load an object by its id and apply the rule: None when it does not
exist or this person may not manage it (a face answers both the same way: stale button,
404 page), so nobody learns what exists beyond their groups.
"""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import seances, sujets
from assemblee.membres import groupes_geres, par_id, peut_gerer
from assemblee.modeles import Appartenance, ArticleGroupe, Membre, Seance, Sondage, Sujet


async def peut_gerer_seance(session: AsyncSession, membre: Membre, seance: Seance) -> bool:
    """Change, cancel, nudge, take the roll."""
    return await peut_gerer(session, membre, seance.groupe_id)


async def peut_gerer_sujet(session: AsyncSession, membre: Membre, sujet: Sujet) -> bool:
    """Accept, merge or decline a proposed topic."""
    return await peut_gerer(session, membre, sujet.groupe_id)


async def peut_gerer_sondage(session: AsyncSession, membre: Membre, sondage: Sondage) -> bool:
    """Follow a poll's participation and results, export them, close it early."""
    return await peut_gerer(session, membre, sondage.groupe_id)


async def peut_gerer_article(session: AsyncSession, membre: Membre, lien: ArticleGroupe) -> bool:
    """Sort an article filed in a group: keep, highlight, discard, annotate, make a topic."""
    return await peut_gerer(session, membre, lien.groupe_id)


async def seance_geree(session: AsyncSession, membre: Membre, seance_id: int) -> Seance | None:
    seance = await seances.par_id(session, seance_id)
    if seance is None or not await peut_gerer_seance(session, membre, seance):
        return None
    return seance


async def sujet_gere(session: AsyncSession, membre: Membre, sujet_id: int) -> Sujet | None:
    sujet = await sujets.par_id(session, sujet_id)
    if sujet is None or not await peut_gerer_sujet(session, membre, sujet):
        return None
    return sujet


async def sondage_gere(session: AsyncSession, membre: Membre, sondage_id: int) -> Sondage | None:
    sondage = await session.get(Sondage, sondage_id)
    if sondage is None or not await peut_gerer_sondage(session, membre, sondage):
        return None
    return sondage


async def article_gere(
    session: AsyncSession, membre: Membre, article_id: int, groupe_id: int
) -> ArticleGroupe | None:
    lien = await session.get(ArticleGroupe, (article_id, groupe_id))
    if lien is None or not await peut_gerer_article(session, membre, lien):
        return None
    return lien


async def peut_voir_membre(session: AsyncSession, qui: Membre, membre: Membre) -> bool:
    """See a person's record (groups, invitation, attendance): staff everyone, a facilitator
    the people of the groups they facilitate. Changing someone's rights stays staff's
    (assemblee.membres)."""
    geres = await groupes_geres(session, qui)
    if geres is None:
        return True
    ids = [g.id for g in geres]
    if not ids:
        return False
    requete = (
        select(Appartenance.groupe_id)
        .where(col(Appartenance.membre_id) == membre.id)
        .where(col(Appartenance.groupe_id).in_(ids))
        .limit(1)
    )
    return (await session.exec(requete)).first() is not None


async def membre_vu(session: AsyncSession, qui: Membre, membre_id: int) -> Membre | None:
    membre = await par_id(session, membre_id)
    if membre is None or not await peut_voir_membre(session, qui, membre):
        return None
    return membre
