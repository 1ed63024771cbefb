"""Reading the audit log in tests: the entries as (origine, par_id, action, objet, objet_id),
oldest first, so a test states the changes in the order they were made."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal

Entree = tuple[str, int | None, str, str, int | None]


async def entrees(
    session: AsyncSession,
    *,
    objet: str | None = None,
    action: str | None = None,
    origine: str | None = None,
) -> list[Entree]:
    filtre = journal.Filtre(origine=origine, action=action, objet=objet)
    lignes = await journal.lire(session, filtre=filtre, limite=1000)
    return [
        (e.origine, e.par_id, e.action, e.objet, e.objet_id)
        for e in (ligne.entree for ligne in reversed(lignes))
    ]
