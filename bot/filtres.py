"""Role filters, put on the parent routers: a handler below them never sees a caller without
the role."""

from aiogram.filters import Filter
from aiogram.types import TelegramObject

from assemblee.membres import peut
from assemblee.modeles import Membre, Role


class RoleFiltre(Filter):
    def __init__(self, role_minimal: Role) -> None:
        self.role_minimal = role_minimal

    async def __call__(self, event: TelegramObject, membre: Membre | None = None) -> bool:
        return peut(membre, self.role_minimal)
