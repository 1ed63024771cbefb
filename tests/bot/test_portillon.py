"""The dispatcher's gate: a crowd of updates is handled a bounded number at a time, all of
them in the end."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram.types import TelegramObject

from bot.middlewares import PortillonMiddleware


async def test_pas_plus_de_n_mises_a_jour_a_la_fois_et_toutes_servies() -> None:
    portillon = PortillonMiddleware(3)
    en_cours, au_plus, servies = 0, 0, []
    relacher = asyncio.Event()

    async def traiter(evenement: TelegramObject, _: dict[str, Any]) -> int:
        nonlocal en_cours, au_plus
        en_cours += 1
        au_plus = max(au_plus, en_cours)
        await relacher.wait()
        en_cours -= 1
        servies.append(evenement)
        return len(servies)

    taches = [asyncio.create_task(portillon(traiter, TelegramObject(), {})) for _ in range(20)]
    for _ in range(20):  # let every task run as far as it can
        await asyncio.sleep(0)
    assert en_cours == 3  # the first three are in, the others wait their turn
    relacher.set()
    assert sorted(await asyncio.gather(*taches)) == list(range(1, 21))
    assert au_plus == 3
