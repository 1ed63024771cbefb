"""The console's pages, one module per page; each has `installer(routeur)`. Modules are found
here by name, so adding a page is adding a module."""

from __future__ import annotations

import importlib
import pkgutil

from aiohttp import web


def installer(routeur: web.UrlDispatcher) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.installer(routeur)
