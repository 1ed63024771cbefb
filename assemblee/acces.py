"""Who may manage what: one rule per kind of object, the same for every face (the Telegram
handlers' filters in commandes/acces.py, the web console) and for the domain's own checks.

Today every rule is the group's: staff manage everything, a facilitator what belongs to their
groups (never what belongs to the whole assembly). A rule that comes to differ for one kind
changes here, and every face follows.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.membres import peut_gerer
from assemblee.modeles import ArticleGroupe, Membre, Seance, Sondage, Sujet


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
