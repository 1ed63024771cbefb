"""Access to what a button names: a séance, a topic, a poll, an article filed in a group.

One filter per kind loads the object the callback data names and checks that this person may
manage it (assemblee.acces: the rule the web console applies too). It passes the object to
the handler by parameter name (`seance`, `sujet`, `sondage`, `lien`); a missing object or a
refusal leaves the button unhandled, and the fallback (commandes/repli.py) answers "Ce bouton
n'est plus valable." as it does for every stale or forged button.

For an id kept in a conversation's state, the same check is `assemblee.acces.*_gere`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.acces import article_gere, seance_geree, sondage_gere, sujet_gere
from assemblee.modeles import Membre


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
