"""The staff console: web pages for staff and facilitators, served by the bot itself.

A second face beside `commandes/` (Telegram): it renders what the domain (`assemblee/`,
`rappels/`, `veille/`) returns and changes things only through the same domain functions, under
the same access rules (`assemblee/acces.py`). Server-rendered HTML (aiohttp + Jinja2), texts
from the Fluent catalogue (config/locales/*/console*.ftl), vendored Pico CSS and htmx, no
JavaScript build.

`creer(app)` builds the console as an aiohttp application mounted under /console: on the
webhook's server in webhook mode (bot/webhook.py), on its own address in long polling
(`servir`).
"""

from console.application import creer, servir
from console.web import PREFIXE, url_console

__all__ = ["PREFIXE", "creer", "servir", "url_console"]
