"""A failing handler never stops the bot: the person gets one sentence, the log gets the
update id and the traceback (the token is scrubbed by `bot.journal`)."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.types import ErrorEvent

from assemblee.db import EcritureImpossible
from assemblee.textes import Catalogue, Traducteur

journal = logging.getLogger("assemblee.erreurs")


async def gerer_erreur(
    event: ErrorEvent, catalogue: Catalogue, t: Traducteur | None = None
) -> bool:
    update = event.update
    journal.error(
        "update %s : erreur dans le traitement (%s)",
        update.update_id,
        type(event.exception).__name__,
        exc_info=event.exception,
    )
    t = t or catalogue.pour(None)
    # The database kept refusing the write: say it was not saved, so they try again.
    cle = "erreur-enregistrement" if isinstance(event.exception, EcritureImpossible) else None
    texte = t(cle or "erreur-interne")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(texte, show_alert=True)
        elif update.message is not None:
            await update.message.answer(texte)
    except (TelegramAPIError, TelegramNetworkError) as exc:
        journal.warning("update %s : excuse non envoyée (%s)", update.update_id, type(exc).__name__)
    return True
