"""The outbox: everything the bot says on its own is an Envoi row first.

`mettre_en_file` inserts with an idempotency key (the same key twice is one message).
The sender (bot/expediteur.py) claims due rows, sends them, and records each outcome here.
A row is `en_cours` only while in flight, under a lease (which process holds it, until when):
after a crash, `reprendre` puts back the rows whose holder is gone or whose lease expired, so
the only messages that can ever be sent twice are the ones in flight at the crash, and a
process never takes over rows another live process is sending.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.modeles import (
    Envoi,
    Langue,
    Membre,
    NatureEnvoi,
    Piece,
    StatutEnvoi,
    StatutMembre,
    TypeSondage,
)
from assemblee.textes import Html, relu
from config.reglages import PlageHoraire

LONGUEUR_MAX_ERREUR = 300
# How long a claimed row stays its sender's: longer than any send, retries of its bookkeeping
# included (a lease that expires under a live sender would let another one send it again).
BAIL = timedelta(minutes=15)


_SANS_BAIL: dict[str, Any] = {"bail_jusqu_au": None, "bail_proprietaire": None}


# --- The buttons under a queued message, as data: the face that sends it draws them -------------


@dataclass(frozen=True)
class ClavierReponse:
    """The answer buttons (yes, no, maybe) under a message about a séance."""

    seance_id: int
    langue: Langue


@dataclass(frozen=True)
class ClavierBulletin:
    """A ballot's buttons as first shown: one per option, or the grades of the first one.
    The same for every member of a language: nothing in it leads to a member's ballot."""

    sondage_id: int
    type: TypeSondage
    options: tuple[str, ...]
    langue: Langue


@dataclass(frozen=True)
class ClavierBrut:
    """A keyboard in the Bot API's own terms, as rows queued before keyboards were data still
    hold it: sent as it is."""

    inline_keyboard: list[list[dict[str, Any]]]


Clavier = ClavierReponse | ClavierBulletin | ClavierBrut


def clavier_en_json(clavier: Clavier) -> str:
    if isinstance(clavier, ClavierBrut):
        return json.dumps({"inline_keyboard": clavier.inline_keyboard})
    if isinstance(clavier, ClavierReponse):
        return json.dumps(
            {"genre": "reponse", "seance_id": clavier.seance_id, "langue": clavier.langue.value}
        )
    return json.dumps(
        {
            "genre": "bulletin",
            "sondage_id": clavier.sondage_id,
            "type": clavier.type.value,
            "options": list(clavier.options),
            "langue": clavier.langue.value,
        }
    )


def clavier_de_json(stocke: str) -> Clavier:
    donnees = json.loads(stocke)
    genre = donnees.get("genre")
    if genre == "reponse":
        return ClavierReponse(seance_id=int(donnees["seance_id"]), langue=Langue(donnees["langue"]))
    if genre == "bulletin":
        return ClavierBulletin(
            sondage_id=int(donnees["sondage_id"]),
            type=TypeSondage(donnees["type"]),
            options=tuple(str(o) for o in donnees["options"]),
            langue=Langue(donnees["langue"]),
        )
    return ClavierBrut(inline_keyboard=donnees["inline_keyboard"])


@dataclass(frozen=True)
class Contenu:
    """What one message says: HTML text (or the caption of a file sent by its Telegram id)."""

    texte: Html
    nature: NatureEnvoi = NatureEnvoi.TEXTE
    fichier_id: str | None = None  # a file Telegram already has
    clavier: Clavier | None = None  # buttons, drawn by the sender
    piece_id: int | None = None  # a file of ours (Piece), uploaded the first time
    modifie: int | None = None  # MODIFICATION: the id of our earlier message to edit


@dataclass(frozen=True)
class NouvelEnvoi:
    cle: str
    membre_id: int
    contenu: Contenu
    du_le: datetime
    urgent: bool = False
    annonce_id: int | None = None
    statut: StatutEnvoi = StatutEnvoi.EN_ATTENTE
    expire_le: datetime | None = None  # not worth sending after (a séance's start)
    ephemere: bool = False  # content forgotten once sent (it holds a secret)


def _ligne(envoi: NouvelEnvoi) -> dict[str, Any]:
    return {
        "cle": envoi.cle,
        "membre_id": envoi.membre_id,
        "annonce_id": envoi.annonce_id,
        "nature": envoi.contenu.nature,
        "texte": envoi.contenu.texte,
        "fichier_id": envoi.contenu.fichier_id,
        "piece_id": envoi.contenu.piece_id,
        "ephemere": envoi.ephemere,
        "clavier": clavier_en_json(envoi.contenu.clavier) if envoi.contenu.clavier else None,
        "urgent": envoi.urgent,
        "du_le": envoi.du_le,
        "expire_le": envoi.expire_le,
        "statut": envoi.statut,
        "tentatives": 0,
        # An edit names the message it changes; the sender then records the same id.
        "telegram_message_id": envoi.contenu.modifie,
    }


async def mettre_en_file_lot(session: AsyncSession, envois: Sequence[NouvelEnvoi]) -> int:
    """Queue many messages at once; keys already queued are skipped. Returns how many were new.
    Not committed: the caller commits with the rest of its work (an announcement, say)."""
    if not envois:
        return 0
    connexion = await session.connection()
    dialecte = postgresql if connexion.dialect.name == "postgresql" else sqlite
    table = Envoi.__table__  # type: ignore[attr-defined]
    nouveaux = 0
    for debut in range(0, len(envois), 1000):
        tranche = [_ligne(e) for e in envois[debut : debut + 1000]]
        requete = (
            dialecte.insert(table)
            .on_conflict_do_nothing(index_elements=["cle"])
            .returning(table.c.id)
        )
        # Counted from RETURNING: with a batch, PostgreSQL's driver reports no usable rowcount.
        resultat = await connexion.execute(requete, tranche)
        nouveaux += len(resultat.all())
    return nouveaux


async def mettre_en_file(session: AsyncSession, envoi: NouvelEnvoi) -> bool:
    """Queue one message; False when its key was already queued (nothing is added)."""
    ajoute = await mettre_en_file_lot(session, [envoi]) == 1
    await session.commit()
    return ajoute


def est_heure_calme(maintenant: datetime, plage: PlageHoraire, fuseau: ZoneInfo) -> bool:
    return plage.contient(maintenant.astimezone(fuseau).time())


@dataclass
class EnvoiReclame:
    """A claimed row, with where to send it."""

    id: int
    chat_id: int | None
    contenu: Contenu
    annonce_id: int | None
    tentatives: int


async def reclamer(
    session: AsyncSession,
    *,
    maintenant: datetime,
    limite: int,
    heures_calmes: PlageHoraire,
    fuseau: ZoneInfo,
    proprietaire: str | None = None,
    bail: timedelta = BAIL,
) -> list[EnvoiReclame]:
    """Claim up to `limite` due messages (urgent first, then oldest) and mark them in flight,
    leased to `proprietaire` for `bail`.

    During quiet hours only urgent ones are due. On PostgreSQL, rows are locked with SKIP LOCKED
    so that several senders never claim the same row.
    """
    if limite <= 0:
        return []
    await session.exec(
        sa.update(Envoi)
        .where(col(Envoi.statut) == StatutEnvoi.EN_ATTENTE)
        .where(col(Envoi.expire_le) <= maintenant)
        .values(statut=StatutEnvoi.PERIME)
    )
    dus = (
        select(Envoi.id)
        .where(Envoi.statut == StatutEnvoi.EN_ATTENTE)
        .where(col(Envoi.du_le) <= maintenant)
        .where(
            sa.or_(
                col(Envoi.prochain_essai_le).is_(None), col(Envoi.prochain_essai_le) <= maintenant
            )
        )
    )
    if est_heure_calme(maintenant, heures_calmes, fuseau):
        dus = dus.where(col(Envoi.urgent))
    dus = (
        dus.order_by(col(Envoi.urgent).desc(), col(Envoi.du_le), col(Envoi.id))
        .limit(limite)
        .with_for_update(skip_locked=True)
    )
    ids = list((await session.exec(dus)).all())
    if not ids:
        await session.commit()
        return []
    await session.exec(
        sa.update(Envoi)
        .where(col(Envoi.id).in_(ids))
        .values(
            statut=StatutEnvoi.EN_COURS,
            reclame_le=maintenant,
            bail_jusqu_au=maintenant + bail,
            bail_proprietaire=proprietaire,
        )
    )
    lignes = (
        await session.exec(
            select(Envoi, Membre.telegram_id)
            .join(Membre, col(Membre.id) == col(Envoi.membre_id))
            .where(col(Envoi.id).in_(ids))
            .order_by(col(Envoi.urgent).desc(), col(Envoi.du_le), col(Envoi.id))
        )
    ).all()
    await session.commit()
    return [
        EnvoiReclame(
            id=e.id or 0,
            chat_id=telegram_id,
            contenu=Contenu(
                texte=relu(e.texte),
                nature=e.nature,
                fichier_id=e.fichier_id,
                clavier=clavier_de_json(e.clavier) if e.clavier else None,
                piece_id=e.piece_id,
                modifie=e.telegram_message_id if e.nature == NatureEnvoi.MODIFICATION else None,
            ),
            annonce_id=e.annonce_id,
            tentatives=e.tentatives,
        )
        for e, telegram_id in lignes
    ]


async def marquer_envoye(
    session: AsyncSession, envoi_id: int, *, message_id: int, maintenant: datetime
) -> None:
    await session.exec(
        sa.update(Envoi)
        .where(col(Envoi.id) == envoi_id)
        .values(
            statut=StatutEnvoi.ENVOYE,
            envoye_le=maintenant,
            telegram_message_id=message_id,
            tentatives=Envoi.tentatives + 1,
            erreur=None,
            **_SANS_BAIL,
        )
    )
    # An ephemeral message (an anonymous ballot) keeps no trace of its secret once delivered.
    await session.exec(
        sa.update(Envoi)
        .where(col(Envoi.id) == envoi_id)
        .where(col(Envoi.ephemere))
        .values(texte="", clavier=None)
    )
    await session.commit()


async def piece(session: AsyncSession, piece_id: int) -> Piece | None:
    return await session.get(Piece, piece_id)


async def retenir_fichier_telegram(session: AsyncSession, piece_id: int, file_id: str) -> None:
    """Once uploaded, a file is re-sent by the id Telegram gave it (no second upload)."""
    await session.exec(
        sa.update(Piece)
        .where(col(Piece.id) == piece_id)
        .where(col(Piece.telegram_file_id).is_(None))
        .values(telegram_file_id=file_id)
    )
    await session.commit()


async def remettre(session: AsyncSession, envoi_id: int) -> None:
    """Back in the queue untouched: Telegram asked us to wait (429), this was not a failure."""
    await session.exec(
        sa.update(Envoi)
        .where(col(Envoi.id) == envoi_id)
        .values(statut=StatutEnvoi.EN_ATTENTE, reclame_le=None, **_SANS_BAIL)
    )
    await session.commit()


async def reessayer_ou_abandonner(
    session: AsyncSession,
    envoi_id: int,
    *,
    erreur: str,
    maintenant: datetime,
    tentatives_max: int,
    delai_base: timedelta,
) -> StatutEnvoi:
    """A transient failure (5xx, timeout): retry with exponential backoff, then give up."""
    envoi = await session.get(Envoi, envoi_id)
    assert envoi is not None
    envoi.tentatives += 1
    envoi.erreur = erreur[:LONGUEUR_MAX_ERREUR]
    envoi.reclame_le = None
    envoi.bail_jusqu_au = envoi.bail_proprietaire = None
    if envoi.tentatives >= tentatives_max:
        envoi.statut = StatutEnvoi.ECHEC
    else:
        envoi.statut = StatutEnvoi.EN_ATTENTE
        envoi.prochain_essai_le = maintenant + delai_base * 2 ** (envoi.tentatives - 1)
    session.add(envoi)
    await session.commit()
    return envoi.statut


async def abandonner(session: AsyncSession, envoi_id: int, *, erreur: str) -> None:
    """A permanent refusal (a message Telegram will never accept): no retry."""
    await session.exec(
        sa.update(Envoi)
        .where(col(Envoi.id) == envoi_id)
        .values(
            statut=StatutEnvoi.ECHEC,
            erreur=erreur[:LONGUEUR_MAX_ERREUR],
            tentatives=Envoi.tentatives + 1,
            reclame_le=None,
            **_SANS_BAIL,
        )
    )
    await session.commit()


async def marquer_injoignable(
    session: AsyncSession, envoi_id: int, *, erreur: str, maintenant: datetime
) -> None:
    """Telegram says this member can't be reached (blocked the bot, deleted account): mark
    the member, and stop every message waiting for them. No more attempts."""
    envoi = await session.get(Envoi, envoi_id)
    assert envoi is not None
    membre = await session.get(Membre, envoi.membre_id)
    if membre is not None and membre.statut != StatutMembre.PARTI:
        membre.statut = StatutMembre.INJOIGNABLE
        membre.injoignable_depuis = membre.injoignable_depuis or maintenant
        session.add(membre)
    await session.exec(
        sa.update(Envoi)
        .where(col(Envoi.membre_id) == envoi.membre_id)
        .where(col(Envoi.statut).in_([StatutEnvoi.EN_ATTENTE, StatutEnvoi.EN_COURS]))
        .values(
            statut=StatutEnvoi.INJOIGNABLE,
            erreur=erreur[:LONGUEUR_MAX_ERREUR],
            reclame_le=None,
            **_SANS_BAIL,
        )
    )
    await session.commit()


async def redevenir_joignable(session: AsyncSession, membre: Membre) -> None:
    """An unreachable member wrote to the bot: they can be reached again."""
    if membre.statut == StatutMembre.INJOIGNABLE:
        membre.statut = StatutMembre.ACTIF if membre.a_consenti else StatutMembre.INVITE
        membre.injoignable_depuis = None
        session.add(membre)
        await session.commit()


async def reprendre(
    session: AsyncSession, *, maintenant: datetime, vivants: Collection[str]
) -> int:
    """Rows left in flight go back to the queue when their lease expired (their outcome was
    never recorded) or when the process holding them is not among `vivants` (it crashed).
    Rows a live process holds under a running lease are never taken. Returns how many."""
    abandonnes = sa.or_(
        col(Envoi.bail_jusqu_au).is_(None),
        col(Envoi.bail_jusqu_au) <= maintenant,
        col(Envoi.bail_proprietaire).is_(None),
        col(Envoi.bail_proprietaire).not_in(list(vivants)),
    )
    resultat = await session.exec(
        sa.update(Envoi)
        .where(col(Envoi.statut) == StatutEnvoi.EN_COURS)
        .where(abandonnes)
        .values(statut=StatutEnvoi.EN_ATTENTE, reclame_le=None, **_SANS_BAIL)
    )
    await session.commit()
    return max(resultat.rowcount, 0)


@dataclass
class Arriere:
    """The outbox backlog."""

    en_attente: int = 0
    en_cours: int = 0
    par_statut: dict[str, int] = field(default_factory=dict)


async def arriere(session: AsyncSession) -> Arriere:
    lignes = (
        await session.exec(select(Envoi.statut, func.count()).group_by(col(Envoi.statut)))
    ).all()
    compte = {str(statut): n for statut, n in lignes}
    return Arriere(
        en_attente=compte.get(StatutEnvoi.EN_ATTENTE, 0),
        en_cours=compte.get(StatutEnvoi.EN_COURS, 0),
        par_statut=compte,
    )
