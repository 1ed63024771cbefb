"""`python -m bot run` that SIGKILLs itself inside the reminders tick: right after the
reminders of its Nth séance are queued, before the tick commits them.

    TUER_AU_LOT_DE_RAPPELS=2 python -m tests.outils.bot_interrompu run

A crash can't be timed that precisely from outside; this puts it exactly where a lost commit
would hurt most (crash tests only)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois
from assemblee.envois import NouvelEnvoi
from bot.cli import main

_mettre_en_file_lot = envois.mettre_en_file_lot
_lots_de_rappels = 0


async def _mettre_en_file_puis_mourir(session: AsyncSession, lot: Sequence[NouvelEnvoi]) -> int:
    global _lots_de_rappels  # noqa: PLW0603 - one process, one count
    nouveaux = await _mettre_en_file_lot(session, lot)
    if lot and lot[0].cle.startswith("rappel:"):
        _lots_de_rappels += 1
        if _lots_de_rappels == int(os.environ["TUER_AU_LOT_DE_RAPPELS"]):
            os.kill(os.getpid(), signal.SIGKILL)  # the rows are inserted, not committed
    return nouveaux


if __name__ == "__main__":
    envois.mettre_en_file_lot = _mettre_en_file_puis_mourir
    sys.exit(main(sys.argv[1:]))
