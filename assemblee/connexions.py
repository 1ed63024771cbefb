"""Signing in to the web console: one-time login links sent by the bot's /console, Telegram
Mini App launches (initData), and the server-side sessions both open.

Tokens are drawn at random (256 bits) and only their SHA-256 is stored: whoever reads the
database cannot sign in with what they read. A link works once, for ten minutes; a session
ends at logout, after twelve hours unused, when staff end every session of a person, or as
soon as the person may no longer use the console (checked at every request, not here).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import membres
from assemblee.modeles import LienConnexion, Membre, Role, SessionConsole

VALIDITE_LIEN = timedelta(minutes=10)
INACTIVITE_MAX = timedelta(hours=12)
# A session's last use is written at most this often (not at every page).
PAS_VUE = timedelta(minutes=1)

ORIGINE_LIEN = "lien"
ORIGINE_MINI_APP = "mini-app"


def empreinte(jeton: str) -> str:
    return hashlib.sha256(jeton.encode("utf-8", "surrogateescape")).hexdigest()


def peut_entrer(membre: Membre | None) -> bool:
    """The console is for facilitators and staff who may use the bot."""
    return membres.peut(membre, Role.ANIMATEUR)


async def creer_lien(session: AsyncSession, membre: Membre, *, maintenant: datetime) -> str:
    """A new one-time login token for this person (the caller builds the link)."""
    assert membre.id is not None
    jeton = secrets.token_urlsafe(32)
    session.add(
        LienConnexion(
            jeton_hash=empreinte(jeton),
            membre_id=membre.id,
            cree_le=maintenant,
            expire_le=maintenant + VALIDITE_LIEN,
        )
    )
    await session.commit()
    return jeton


@dataclass(frozen=True)
class Ouverture:
    """A session just opened: the cookie's value (shown once) and the stored row."""

    jeton: str
    session: SessionConsole
    membre: Membre


class Refus(Exception):
    """Signing in refused; `code` says why (for the log: never the token)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


async def _ouvrir(
    session: AsyncSession, membre: Membre, *, origine: str, maintenant: datetime
) -> Ouverture:
    assert membre.id is not None
    jeton = secrets.token_urlsafe(32)
    ligne = SessionConsole(
        jeton_hash=empreinte(jeton),
        membre_id=membre.id,
        csrf=secrets.token_urlsafe(32),
        origine=origine,
        cree_le=maintenant,
        vue_le=maintenant,
    )
    session.add(ligne)
    await session.commit()
    return Ouverture(jeton, ligne, membre)


async def entrer_par_lien(session: AsyncSession, jeton: str, *, maintenant: datetime) -> Ouverture:
    """Use a login link: once, before it expires, by someone who may use the console. The
    link is spent in one conditional UPDATE, so two tabs racing with it open one session."""
    h = empreinte(jeton)
    resultat = await session.exec(
        sa.update(LienConnexion)
        .where(col(LienConnexion.jeton_hash) == h)
        .where(col(LienConnexion.utilise_le).is_(None))
        .where(col(LienConnexion.expire_le) > maintenant)
        .values(utilise_le=maintenant)
        .returning(col(LienConnexion.membre_id))
    )
    membre_id = resultat.scalar_one_or_none()
    if membre_id is None:
        await session.rollback()
        lien = (
            await session.exec(select(LienConnexion).where(col(LienConnexion.jeton_hash) == h))
        ).first()
        if lien is None:
            raise Refus("lien-inconnu")
        raise Refus("lien-deja-utilise" if lien.utilise_le is not None else "lien-expire")
    membre = await membres.par_id(session, membre_id)
    if membre is None or not peut_entrer(membre):
        await session.commit()  # the link stays spent
        raise Refus("pas-equipe")
    return await _ouvrir(session, membre, origine=ORIGINE_LIEN, maintenant=maintenant)


async def entrer_par_telegram(
    session: AsyncSession, telegram_id: int, *, maintenant: datetime
) -> Ouverture:
    """Open a session for the Telegram account a face has authenticated (the Mini App's
    initData, checked by the console against the bot token)."""
    membre = await membres.par_telegram_id(session, telegram_id)
    if membre is None or not peut_entrer(membre):
        raise Refus("pas-equipe")
    return await _ouvrir(session, membre, origine=ORIGINE_MINI_APP, maintenant=maintenant)


@dataclass(frozen=True)
class Ouverte:
    session: SessionConsole
    membre: Membre


async def session_ouverte(
    session: AsyncSession, jeton: str, *, maintenant: datetime
) -> Ouverte | None:
    """The session this cookie names, if it is still open, with its person; its last use is
    brought up to date. Whether the person may still use the console is the caller's check
    (the same at every request: role and groups read from the database)."""
    ligne = (
        await session.exec(
            select(SessionConsole).where(col(SessionConsole.jeton_hash) == empreinte(jeton))
        )
    ).first()
    if ligne is None or ligne.terminee_le is not None:
        return None
    if maintenant - ligne.vue_le > INACTIVITE_MAX:
        return None
    membre = await membres.par_id(session, ligne.membre_id)
    if membre is None:
        return None
    if maintenant - ligne.vue_le >= PAS_VUE:
        ligne.vue_le = maintenant
        session.add(ligne)
        await session.commit()
    return Ouverte(ligne, membre)


def csrf_valide(ouverte: Ouverte, recu: str | None) -> bool:
    if not recu:
        return False
    return hmac.compare_digest(
        recu.encode("utf-8", "surrogateescape"), ouverte.session.csrf.encode()
    )


async def terminer(session: AsyncSession, ligne: SessionConsole, *, maintenant: datetime) -> None:
    ligne.terminee_le = maintenant
    session.add(ligne)
    await session.commit()


async def terminer_toutes(session: AsyncSession, membre: Membre, *, maintenant: datetime) -> int:
    """End every open session of this person (and spend their unused links); how many
    sessions were ended."""
    resultat = await session.exec(
        sa.update(SessionConsole)
        .where(col(SessionConsole.membre_id) == membre.id)
        .where(col(SessionConsole.terminee_le).is_(None))
        .values(terminee_le=maintenant)
    )
    await session.exec(
        sa.update(LienConnexion)
        .where(col(LienConnexion.membre_id) == membre.id)
        .where(col(LienConnexion.utilise_le).is_(None))
        .values(utilise_le=maintenant)
    )
    await session.commit()
    return int(resultat.rowcount or 0)


async def sessions_ouvertes(
    session: AsyncSession, membre: Membre, *, maintenant: datetime
) -> list[SessionConsole]:
    requete = (
        select(SessionConsole)
        .where(col(SessionConsole.membre_id) == membre.id)
        .where(col(SessionConsole.terminee_le).is_(None))
        .where(col(SessionConsole.vue_le) > maintenant - INACTIVITE_MAX)
        .order_by(col(SessionConsole.vue_le).desc())
    )
    return list((await session.exec(requete)).all())
