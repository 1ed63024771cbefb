"""Access to what a button names: a séance, a topic, a poll, an article filed in a group.

One filter per kind loads the object the callback data names and checks that this person may
manage it (assemblee.acces: the rule the web console applies too). It passes the object to
the handler by parameter name (`seance`, `sujet`, `sondage`, `lien`); a missing object or a
refusal leaves the button unhandled, and the fallback (commandes/repli.py) answers "Ce bouton
n'est plus valable." as it does for every stale or forged button.

The `*_gere` functions are the same check for an id kept in a conversation's state.
"""

from __future__ import annotations

from typing import Any, ClassVar

from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import acces, seances, sujets
from assemblee.modeles import ArticleGroupe, Membre, Seance, Sondage, Sujet


async def seance_geree(session: AsyncSession, membre: Membre, seance_id: int) -> Seance | None:
    seance = await seances.par_id(session, seance_id)
    if seance is None or not await acces.peut_gerer_seance(session, membre, seance):
        return None
    return seance


async def sujet_gere(session: AsyncSession, membre: Membre, sujet_id: int) -> Sujet | None:
    sujet = await sujets.par_id(session, sujet_id)
    if sujet is None or not await acces.peut_gerer_sujet(session, membre, sujet):
        return None
    return sujet


async def sondage_gere(session: AsyncSession, membre: Membre, sondage_id: int) -> Sondage | None:
    sondage = await session.get(Sondage, sondage_id)
    if sondage is None or not await acces.peut_gerer_sondage(session, membre, sondage):
        return None
    return sondage


async def article_gere(
    session: AsyncSession, membre: Membre, article_id: int, groupe_id: int
) -> ArticleGroupe | None:
    lien = await session.get(ArticleGroupe, (article_id, groupe_id))
    if lien is None or not await acces.peut_gerer_article(session, membre, lien):
        return None
    return lien


class _Gere(Filter):
    cle: ClassVar[str]  # the handler's parameter that receives the object

    async def trouver(self, session: AsyncSession, membre: Membre, donnees: Any) -> object:
        raise NotImplementedError

    async def __call__(
        self,
        query: CallbackQuery,
        callback_data: CallbackData,
        session: AsyncSession,
        membre: Membre | None = None,
    ) -> bool | dict[str, object]:
        objet = None if membre is None else await self.trouver(session, membre, callback_data)
        return False if objet is None else {self.cle: objet}


class SeanceGeree(_Gere):
    """After a callback data filter with `seance_id`: passes the séance as `seance`."""

    cle = "seance"

    async def trouver(self, session: AsyncSession, membre: Membre, donnees: Any) -> object:
        return await seance_geree(session, membre, donnees.seance_id)


class SujetGere(_Gere):
    """After a callback data filter with `sujet_id`: passes the topic as `sujet`."""

    cle = "sujet"

    async def trouver(self, session: AsyncSession, membre: Membre, donnees: Any) -> object:
        return await sujet_gere(session, membre, donnees.sujet_id)


class SondageGere(_Gere):
    """After a callback data filter with `sondage_id`: passes the poll as `sondage`."""

    cle = "sondage"

    async def trouver(self, session: AsyncSession, membre: Membre, donnees: Any) -> object:
        return await sondage_gere(session, membre, donnees.sondage_id)


class ArticleGere(_Gere):
    """After a callback data filter with `article_id` and `groupe_id`: passes the article as
    filed in that group (ArticleGroupe) as `lien`."""

    cle = "lien"

    async def trouver(self, session: AsyncSession, membre: Membre, donnees: Any) -> object:
        return await article_gere(session, membre, donnees.article_id, donnees.groupe_id)
