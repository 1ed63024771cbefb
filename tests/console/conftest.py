"""The console's HTTP tests: the `console` fixture (tests/conftest.py) gives the real bot
(bench) serving the console, people in Telegram (the stand-in) and browsers (aiohttp clients
with cookies)."""

from __future__ import annotations

from tests.outils.console import ALEX, CAMILLE, SAM, Console

__all__ = ["ALEX", "CAMILLE", "SAM", "Console"]
