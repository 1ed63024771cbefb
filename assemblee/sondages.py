"""Quick polls to prioritise topics: launched by a facilitator, ballots through the outbox,
votes changeable until the close, results to the audience as a text and a picture.

Anonymity (the threat model is assemblee/vote_secret.md): an anonymous poll's ballot carries no
member, only a key that the bot computes from (poll, member) with its ballot secret, which the
database never holds; its choices are sealed under another key derived from that secret, in a
fixed-length box, so a tap rewrites one anonymous row and nothing else: no row version, row
order, log frame or timestamp written by a vote names the voter. The register (`Votant`) is
written once, at the launch. At the close the sealed ballots are opened, set down in random
order as new keyless ballots, and only then counted: nobody, staff included, sees figures of an
anonymous poll other than its participation before it closes.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import acces, envois, membres, scrutins
from assemblee import journal as journal_
from assemblee.dates import date_longue
from assemblee.envois import ClavierBulletin, Contenu, NouvelEnvoi
from assemblee.groupes import normaliser
from assemblee.modeles import (
    Appartenance,
    Bulletin,
    Groupe,
    Membre,
    NatureEnvoi,
    OptionSondage,
    Piece,
    Role,
    Sondage,
    StatutMembre,
    TypeSondage,
    Votant,
    Vote,
)
from assemblee.tableur import ecrire_csv
from assemblee.textes import LIGNE_VIDE, Catalogue, Html, Traducteur, joindre, visible

journal = logging.getLogger(__name__)

OPTIONS_MIN, OPTIONS_MAX = 2, 10
LONGUEUR_MAX_QUESTION = 300
LONGUEUR_MAX_OPTION = 200
DUREE_MAX = timedelta(days=60)
LONGUEUR_MAX_LEGENDE = 1024
NOTE_MAX = 5  # majority judgment grades: 5 Excellent … 0 Insuffisant
TAILLE_NONCE = 12


class ErreurSondage(Exception):
    """`code` names the catalogue text (key "sondage-erreur", selector)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Brouillon:
    question: str
    type: TypeSondage
    options: list[str]
    ferme_le: datetime
    groupe_id: int | None = None
    anonyme: bool = True
    max_choix: int | None = None
    sujets: list[int | None] = field(default_factory=list)  # the topic behind each option


def verifier(brouillon: Brouillon, maintenant: datetime) -> Brouillon:
    question = " ".join(brouillon.question.split())
    options = [" ".join(o.split()) for o in brouillon.options]
    options = [o for o in options if o]
    if not question:
        raise ErreurSondage("question-vide")
    if len(question) > LONGUEUR_MAX_QUESTION:
        raise ErreurSondage("question-longue")
    if not OPTIONS_MIN <= len(options) <= OPTIONS_MAX:
        raise ErreurSondage("options-nombre")
    if any(len(o) > LONGUEUR_MAX_OPTION for o in options):
        raise ErreurSondage("option-longue")
    if len({normaliser(o) for o in options}) != len(options):
        raise ErreurSondage("option-doublon")
    if brouillon.ferme_le <= maintenant:
        raise ErreurSondage("ferme-passe")
    if brouillon.ferme_le - maintenant > DUREE_MAX:
        raise ErreurSondage("ferme-loin")
    max_choix = brouillon.max_choix if brouillon.type == TypeSondage.MULTIPLE else None
    if max_choix is not None and not 1 <= max_choix <= len(options):
        raise ErreurSondage("max-choix")
    sujets: list[int | None] = (
        brouillon.sujets if len(brouillon.sujets) == len(options) else [None] * len(options)
    )
    return Brouillon(
        question=question,
        type=brouillon.type,
        options=options,
        ferme_le=brouillon.ferme_le,
        groupe_id=brouillon.groupe_id,
        anonyme=brouillon.anonyme,
        max_choix=max_choix,
        sujets=sujets,
    )


# --- The anonymous ballot's keys ------------------------------------------------------------------


def _derive(secret: bytes, usage: str, *parties: int) -> bytes:
    message = ":".join([usage, *(str(p) for p in parties)]).encode()
    return hmac.new(secret, message, hashlib.sha256).digest()


def cle_bulletin(secret: bytes, sondage_id: int, membre_id: int) -> str:
    """Where a member's anonymous ballot is: computable only with the bot's secret."""
    return _derive(secret, "bulletin", sondage_id, membre_id).hex()


def sceller(secret: bytes, sondage_id: int, bulletin_id: int, etat: dict[int, int]) -> bytes:
    """The choices, sealed: one byte per possible option (0 = nothing, else value + 1), so
    every sealed ballot of every poll has the same length whatever it holds."""
    clair = bytes(etat[i] + 1 if i in etat else 0 for i in range(OPTIONS_MAX))
    nonce = random.SystemRandom().randbytes(TAILLE_NONCE)
    aead = AESGCM(_derive(secret, "sceau", sondage_id))
    return nonce + aead.encrypt(nonce, clair, f"{sondage_id}:{bulletin_id}".encode())


def desceller(secret: bytes, sondage_id: int, bulletin_id: int, scelle: bytes) -> dict[int, int]:
    """Raises ErreurSondage("sceau") when the box was not sealed with this secret for this
    ballot (another secret, a row copied from another ballot, altered bytes)."""
    aead = AESGCM(_derive(secret, "sceau", sondage_id))
    try:
        clair = aead.decrypt(
            scelle[:TAILLE_NONCE], scelle[TAILLE_NONCE:], f"{sondage_id}:{bulletin_id}".encode()
        )
    except (InvalidTag, ValueError):
        raise ErreurSondage("sceau") from None
    return {i: octet - 1 for i, octet in enumerate(clair) if octet}


async def inscrits(session: AsyncSession, groupe_id: int | None) -> list[Membre]:
    """Who votes: the members (of the group, or of the whole assembly) the bot can reach."""
    requete = (
        select(Membre)
        .where(Membre.role == Role.MEMBRE)
        .where(Membre.statut == StatutMembre.ACTIF)
        .where(col(Membre.telegram_id).is_not(None))
        .where(col(Membre.consentement_le).is_not(None))
    )
    if groupe_id is not None:
        requete = requete.join(Appartenance, col(Appartenance.membre_id) == col(Membre.id)).where(
            Appartenance.groupe_id == groupe_id
        )
    return list((await session.exec(requete.order_by(col(Membre.id)))).all())


async def options_de(session: AsyncSession, sondage_id: int) -> list[OptionSondage]:
    requete = (
        select(OptionSondage)
        .where(OptionSondage.sondage_id == sondage_id)
        .order_by(col(OptionSondage.ordre))
    )
    return list((await session.exec(requete)).all())


async def lancer(
    session: AsyncSession,
    brouillon: Brouillon,
    *,
    auteur: journal_.Auteur,
    maintenant: datetime,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
    secret: bytes,
) -> tuple[Sondage, int]:
    """Record the poll and queue one ballot per member who may vote, in one transaction."""
    par = auteur.par
    if par is not None and not await membres.peut_gerer(session, par, brouillon.groupe_id):
        raise ErreurSondage("groupe" if brouillon.groupe_id is None else "interdit")
    ok = verifier(brouillon, maintenant)
    votants = await inscrits(session, ok.groupe_id)
    if not votants:
        raise ErreurSondage("personne")
    sondage = Sondage(
        question=ok.question,
        type=ok.type,
        max_choix=ok.max_choix,
        groupe_id=ok.groupe_id,
        anonyme=ok.anonyme,
        auteur_id=par.id if par else None,
        cree_le=maintenant,
        ferme_le=ok.ferme_le,
    )
    session.add(sondage)
    await session.flush()
    assert sondage.id is not None
    sid = sondage.id
    options = [
        OptionSondage(sondage_id=sid, ordre=i, texte=texte, sujet_id=sujet)
        for i, (texte, sujet) in enumerate(zip(ok.options, ok.sujets, strict=True))
    ]
    session.add_all(options)
    session.add_all([Votant(sondage_id=sid, membre_id=m.id or 0) for m in votants])
    if ok.anonyme:
        cles = [cle_bulletin(secret, sid, m.id or 0) for m in votants]
        # Created in an order unrelated to the members' (no row id or row order to match).
        random.SystemRandom().shuffle(cles)
        session.add_all([Bulletin(sondage_id=sid, jeton_hash=cle) for cle in cles])
    else:
        session.add_all([Bulletin(sondage_id=sid, membre_id=m.id) for m in votants])
    await session.flush()
    # Every member gets the same ballot message: the buttons name the poll, not the ballot,
    # so the outbox never holds anything that leads to a member's ballot.
    textes: dict[str, Html] = {}
    nouveaux = []
    for membre in votants:
        if membre.langue not in textes:
            t = catalogue.pour(membre.langue)
            textes[membre.langue] = texte_bulletin(sondage, options, {}, 0, t, fuseau)
        clavier = ClavierBulletin(
            sondage_id=sid,
            type=sondage.type,
            options=tuple(o.texte for o in options),
            langue=membre.langue,
        )
        nouveaux.append(
            NouvelEnvoi(
                cle=f"bulletin:{sid}:{membre.id}",
                membre_id=membre.id or 0,
                contenu=Contenu(texte=textes[membre.langue], clavier=clavier),
                du_le=maintenant,
                expire_le=ok.ferme_le,
            )
        )
    await envois.mettre_en_file_lot(session, nouveaux)
    journal_.noter_par(
        session,
        auteur,
        action="sondage-ouvert",
        objet="sondage",
        objet_id=sid,
        apres=journal_.decrire(
            {
                "question": sondage.question,
                "type": sondage.type,
                "groupe": sondage.groupe_id,
                "anonyme": sondage.anonyme,
                "ferme_le": sondage.ferme_le,
                "inscrits": len(votants),
            }
        ),
        maintenant=maintenant,
    )
    await session.commit()
    return sondage, len(votants)


# --- Ballots -------------------------------------------------------------------------------------


def position_bornee(position: int, nombre_options: int) -> int:
    """The option a majority judgment ballot shows (a button may name one that is not)."""
    return min(max(position, 0), nombre_options - 1)


def texte_bulletin(
    sondage: Sondage,
    options: list[OptionSondage],
    etat: dict[int, int],
    position: int,
    t: Traducteur,
    fuseau: ZoneInfo,
) -> Html:
    """The ballot message: the member's current choices (its buttons are the face's).
    `etat` maps an option's rank (ordre) to its value; `position` is the option being graded
    (majority judgment shows the options one after the other in the same message)."""
    lignes = [
        t(
            "bulletin-entete",
            question=sondage.question,
            type=sondage.type.value,
            anonyme="oui" if sondage.anonyme else "non",
            cloture=date_longue(sondage.ferme_le, fuseau, t.langue),
        )
    ]
    if sondage.type == TypeSondage.JUGEMENT:
        position = position_bornee(position, len(options))
        for option in options:
            if option.ordre in etat:
                lignes.append(
                    t(
                        "bulletin-note",
                        numero=option.ordre + 1,
                        texte=option.texte,
                        mention=t("mention", note=etat[option.ordre]),
                    )
                )
            else:
                lignes.append(t("bulletin-a-noter", numero=option.ordre + 1, texte=option.texte))
        courante = options[position]
        lignes.append(LIGNE_VIDE)
        lignes.append(
            t("bulletin-complet")
            if len(etat) == len(options) and position == len(options) - 1
            else t("bulletin-noter", numero=courante.ordre + 1, texte=courante.texte)
        )
    else:
        if sondage.type == TypeSondage.MULTIPLE and sondage.max_choix:
            lignes.append(t("bulletin-max", max=sondage.max_choix))
        lignes.append(t("bulletin-pied"))
    return joindre(lignes)


@dataclass(frozen=True)
class Ouvert:
    """A ballot being filled in: what the member sees after a tap."""

    sondage: Sondage
    options: list[OptionSondage]
    etat: dict[int, int]


async def _sondage_ouvert(
    session: AsyncSession, sondage_id: int, membre_id: int, maintenant: datetime
) -> Sondage:
    sondage = await session.get(Sondage, sondage_id)
    if sondage is None:
        raise ErreurSondage("bulletin-inconnu")
    if sondage.clos_le is not None or sondage.ferme_le <= maintenant:
        raise ErreurSondage("clos")
    if await session.get(Votant, (sondage_id, membre_id)) is None:
        raise ErreurSondage("non-convie")
    return sondage


def _ou_est_le_bulletin(sondage: Sondage, membre_id: int, secret: bytes) -> Any:
    if sondage.anonyme:
        return col(Bulletin.jeton_hash) == cle_bulletin(secret, sondage.id or 0, membre_id)
    return col(Bulletin.membre_id) == membre_id


async def _votes_nommes(session: AsyncSession, bulletin_id: int) -> dict[int, int]:
    lignes = (
        await session.exec(
            select(OptionSondage.ordre, Vote.valeur)
            .join(Vote, col(Vote.option_id) == col(OptionSondage.id))
            .where(Vote.bulletin_id == bulletin_id)
        )
    ).all()
    return dict(lignes)


async def _etat(
    session: AsyncSession, sondage: Sondage, bulletin_id: int, scelle: bytes | None, secret: bytes
) -> dict[int, int]:
    if not sondage.anonyme:
        return await _votes_nommes(session, bulletin_id)
    if scelle is None:
        return {}
    return desceller(secret, sondage.id or 0, bulletin_id, scelle)


async def consulter(
    session: AsyncSession,
    *,
    sondage_id: int,
    membre: Membre,
    maintenant: datetime,
    secret: bytes,
) -> Ouvert:
    """A ballot as it stands (to show another option): refused like a vote would be."""
    sondage = await _sondage_ouvert(session, sondage_id, membre.id or 0, maintenant)
    ligne = (
        await session.exec(
            select(Bulletin.id, Bulletin.scelle)
            .where(Bulletin.sondage_id == sondage_id)
            .where(_ou_est_le_bulletin(sondage, membre.id or 0, secret))
        )
    ).first()
    if ligne is None:
        raise ErreurSondage("bulletin-inconnu")
    etat = await _etat(session, sondage, ligne[0] or 0, ligne[1], secret)
    return Ouvert(sondage, await options_de(session, sondage_id), etat)


def _appliquer(sondage: Sondage, etat: dict[int, int], option: int, valeur: int) -> dict[int, int]:
    """The ballot after one tap, or ErreurSondage when the rules refuse it."""
    nouvel = dict(etat)
    if sondage.type == TypeSondage.JUGEMENT:
        if not 0 <= valeur <= NOTE_MAX:
            raise ErreurSondage("mention-inconnue")
        nouvel[option] = valeur
    elif valeur != 1:
        raise ErreurSondage("option-inconnue")
    elif sondage.type == TypeSondage.UNIQUE:
        nouvel = {option: 1}
    elif option in nouvel:  # multiple choice: a second tap removes the choice
        del nouvel[option]
    else:
        if sondage.max_choix is not None and len(nouvel) >= sondage.max_choix:
            raise ErreurSondage("trop-de-choix")
        nouvel[option] = 1
    return nouvel


async def voter(
    session: AsyncSession,
    *,
    sondage_id: int,
    membre: Membre,
    option: int,
    valeur: int,
    maintenant: datetime,
    secret: bytes,
) -> Ouvert:
    """Record one tap: choose (single), toggle (multiple) or grade (majority judgment) an
    option. Refused, with nothing written, after the close, for someone not invited, with a
    forged button, an unknown option or grade, or too many choices.

    The ballot row is locked first (its tap counter bumped), then read, checked and written
    in the same transaction: two taps at once, from two devices or a double tap, are applied
    one after the other, so no rule can be passed by tapping fast. An anonymous tap writes
    that one row and nothing else (no register, no timestamp)."""
    membre_id = membre.id or 0
    sondage = await _sondage_ouvert(session, sondage_id, membre_id, maintenant)
    options = await options_de(session, sondage_id)
    cible = next((o for o in options if o.ordre == option), None)
    if cible is None:
        raise ErreurSondage("option-inconnue")
    if sondage.type == TypeSondage.JUGEMENT and not 0 <= valeur <= NOTE_MAX:
        raise ErreurSondage("mention-inconnue")
    if sondage.type != TypeSondage.JUGEMENT and valeur != 1:
        raise ErreurSondage("option-inconnue")
    connexion = await session.connection()
    verrou = await connexion.execute(
        sa.update(Bulletin)
        .where(col(Bulletin.sondage_id) == sondage_id)
        .where(_ou_est_le_bulletin(sondage, membre_id, secret))
        .values(version=col(Bulletin.version) + 1)
        .returning(col(Bulletin.id), col(Bulletin.scelle))
    )
    ligne = verrou.first()
    if ligne is None:
        await session.commit()  # nothing was written; ends the transaction
        raise ErreurSondage("bulletin-inconnu")
    bulletin_id, scelle = int(ligne[0] or 0), ligne[1]
    etat = await _etat(session, sondage, bulletin_id, scelle, secret)
    try:
        nouvel = _appliquer(sondage, etat, option, valeur)
    except ErreurSondage:
        await session.commit()  # only the tap counter moved (the member had already voted)
        raise
    if sondage.anonyme:
        await connexion.execute(
            sa.update(Bulletin)
            .where(col(Bulletin.id) == bulletin_id)
            .values(scelle=sceller(secret, sondage_id, bulletin_id, nouvel))
        )
    else:
        par_ordre = {o.ordre: o.id or 0 for o in options}
        await connexion.execute(sa.delete(Vote).where(col(Vote.bulletin_id) == bulletin_id))
        if nouvel:
            await connexion.execute(
                sa.insert(Vote),
                [
                    {"bulletin_id": bulletin_id, "option_id": par_ordre[o], "valeur": v}
                    for o, v in sorted(nouvel.items())
                ],
            )
    await session.commit()
    return Ouvert(sondage, options, nouvel)


# --- Closing and results ---------------------------------------------------------------------


async def _ouvrir_l_urne(session: AsyncSession, sondage: Sondage, secret: bytes) -> None:
    """At the close of an anonymous poll: unseal every ballot and set the choices down as new
    keyless ballots, in random order, in one transaction with the removal of the keyed ones.
    A box that cannot be unsealed (another secret) is set aside and counted as such."""
    sid = sondage.id or 0
    scelles = (
        await session.exec(
            select(Bulletin.id, Bulletin.scelle)
            .where(Bulletin.sondage_id == sid)
            .where(col(Bulletin.jeton_hash).is_not(None))
        )
    ).all()
    etats: list[dict[int, int]] = []
    for bulletin_id, scelle in scelles:
        if scelle is None:
            continue
        try:
            etat = desceller(secret, sid, bulletin_id or 0, scelle)
        except ErreurSondage:
            sondage.bulletins_ecartes += 1
            continue
        if etat:
            etats.append(etat)
    connexion = await session.connection()
    await connexion.execute(
        sa.delete(Bulletin)
        .where(col(Bulletin.sondage_id) == sid)
        .where(col(Bulletin.jeton_hash).is_not(None))
    )
    if not etats:
        return
    random.SystemRandom().shuffle(etats)
    nouveaux = (
        await connexion.execute(
            sa.insert(Bulletin).returning(col(Bulletin.id), sort_by_parameter_order=True),
            [{"sondage_id": sid, "version": 1} for _ in etats],
        )
    ).all()
    par_ordre = {o.ordre: o.id or 0 for o in await options_de(session, sid)}
    await connexion.execute(
        sa.insert(Vote),
        [
            {"bulletin_id": ligne[0], "option_id": par_ordre[ordre], "valeur": valeur}
            for ligne, etat in zip(nouveaux, etats, strict=True)
            for ordre, valeur in sorted(etat.items())
            if ordre in par_ordre
        ],
    )


async def clore(
    session: AsyncSession,
    sondage: Sondage,
    *,
    auteur: journal_.Auteur | None,
    maintenant: datetime,
    secret: bytes,
) -> None:
    """Close a poll now (someone: its facilitator, staff, the console), or at its deadline
    (`auteur` None: the tick, not written to the audit log). Freeze its participation, open
    the ballot box of an anonymous poll. The log holds the numbers, never a ballot."""
    par = auteur.par if auteur else None
    if par is not None and not await acces.peut_gerer_sondage(session, par, sondage):
        raise ErreurSondage("interdit")
    if sondage.clos_le is not None:
        raise ErreurSondage("clos")
    presence = await participation(session, sondage)
    sondage.inscrits, sondage.votants = presence.inscrits, presence.votants
    if sondage.anonyme:
        await _ouvrir_l_urne(session, sondage, secret)
    sondage.clos_le = min(maintenant, sondage.ferme_le)
    session.add(sondage)
    if auteur is not None:
        journal_.noter_par(
            session,
            auteur,
            action="sondage-clos",
            objet="sondage",
            objet_id=sondage.id,
            avant=journal_.decrire({"ferme_le": sondage.ferme_le}),
            apres=journal_.decrire(
                {
                    "clos_le": sondage.clos_le,
                    "inscrits": presence.inscrits,
                    "votants": presence.votants,
                }
            ),
            maintenant=maintenant,
        )
    await session.commit()


async def bulletins_remplis(session: AsyncSession, sondage_id: int) -> list[dict[int, int]]:
    """Every counted ballot with at least one vote, as {option rank: value}; never who cast
    it. An anonymous poll has none before its close."""
    lignes = (
        await session.exec(
            select(Vote.bulletin_id, OptionSondage.ordre, Vote.valeur)
            .join(OptionSondage, col(OptionSondage.id) == col(Vote.option_id))
            .where(OptionSondage.sondage_id == sondage_id)
        )
    ).all()
    par_bulletin: dict[int, dict[int, int]] = {}
    for bulletin_id, ordre, valeur in lignes:
        par_bulletin.setdefault(bulletin_id, {})[ordre] = valeur
    return list(par_bulletin.values())


@dataclass(frozen=True)
class Participation:
    inscrits: int
    votants: int

    @property
    def taux(self) -> int:
        return round(100 * self.votants / self.inscrits) if self.inscrits else 0


async def participation(session: AsyncSession, sondage: Sondage) -> Participation:
    """Who may vote and how many did (tapped at least once). Frozen at the close: a member's
    later erasure does not change published figures."""
    if sondage.clos_le is not None and sondage.inscrits is not None:
        return Participation(inscrits=sondage.inscrits, votants=sondage.votants or 0)
    inscrits = (
        await session.exec(
            select(func.count()).select_from(Votant).where(Votant.sondage_id == sondage.id)
        )
    ).one()
    votants = (
        await session.exec(
            select(func.count())
            .select_from(Bulletin)
            .where(Bulletin.sondage_id == sondage.id)
            .where(col(Bulletin.version) > 0)
        )
    ).one()
    return Participation(inscrits=inscrits, votants=votants)


async def non_votants(session: AsyncSession, sondage: Sondage, secret: bytes) -> list[Membre]:
    """Who has not voted yet, for the reminder. For an anonymous poll only the bot can tell,
    by computing each member's ballot key with its secret."""
    invites = list(
        (
            await session.exec(
                select(Membre)
                .join(Votant, col(Votant.membre_id) == col(Membre.id))
                .where(Votant.sondage_id == sondage.id)
                .order_by(col(Membre.id))
            )
        ).all()
    )
    if sondage.anonyme:
        ont_vote = set(
            (
                await session.exec(
                    select(Bulletin.jeton_hash)
                    .where(Bulletin.sondage_id == sondage.id)
                    .where(col(Bulletin.version) > 0)
                )
            ).all()
        )
        return [
            m for m in invites if cle_bulletin(secret, sondage.id or 0, m.id or 0) not in ont_vote
        ]
    ont_vote_ids = set(
        (
            await session.exec(
                select(Bulletin.membre_id)
                .where(Bulletin.sondage_id == sondage.id)
                .where(col(Bulletin.version) > 0)
            )
        ).all()
    )
    return [m for m in invites if m.id not in ont_vote_ids]


async def ouverts_et_recents(
    session: AsyncSession, *, groupes: list[Groupe] | None, maintenant: datetime, limite: int = 8
) -> list[Sondage]:
    """Polls a facilitator follows: open ones and those closed in the last 30 days."""
    requete = select(Sondage).where(
        sa.or_(
            col(Sondage.clos_le).is_(None), col(Sondage.clos_le) > maintenant - timedelta(days=30)
        )
    )
    if groupes is not None:
        requete = requete.where(col(Sondage.groupe_id).in_([g.id for g in groupes]))
    return list(
        (await session.exec(requete.order_by(col(Sondage.ferme_le).desc()).limit(limite))).all()
    )


def _de_ces_groupes(groupes: Sequence[Groupe] | None) -> sa.ColumnElement[bool]:
    """Staff (None) see every poll; a facilitator their groups' (never the whole assembly's:
    the rule of `acces.peut_gerer_sondage`)."""
    if groupes is None:
        return sa.true()
    return col(Sondage.groupe_id).in_([g.id for g in groupes])


async def lister(
    session: AsyncSession,
    *,
    groupes: Sequence[Groupe] | None,
    clos: bool,
    limite: int,
    decalage: int = 0,
) -> list[Sondage]:
    """One page of the open polls (the next to close first) or the closed ones (the latest
    first), of these groups (None: every poll)."""
    requete = select(Sondage).where(_de_ces_groupes(groupes))
    if clos:
        requete = requete.where(col(Sondage.clos_le).is_not(None)).order_by(
            col(Sondage.clos_le).desc(), col(Sondage.id).desc()
        )
    else:
        requete = requete.where(col(Sondage.clos_le).is_(None)).order_by(
            col(Sondage.ferme_le), col(Sondage.id)
        )
    return list((await session.exec(requete.offset(decalage).limit(limite))).all())


async def nombre(session: AsyncSession, *, groupes: Sequence[Groupe] | None, clos: bool) -> int:
    requete = (
        select(func.count())
        .select_from(Sondage)
        .where(_de_ces_groupes(groupes))
        .where(col(Sondage.clos_le).is_not(None) if clos else col(Sondage.clos_le).is_(None))
    )
    return (await session.exec(requete)).one()


async def ajouter_piece(
    session: AsyncSession, *, nom: str, mime: str, contenu: bytes, maintenant: datetime
) -> Piece:
    piece = Piece(nom=nom, mime=mime, contenu=contenu, cree_le=maintenant)
    session.add(piece)
    await session.flush()
    return piece


Resultat = scrutins.ResultatChoix | scrutins.ResultatJugement


@dataclass(frozen=True)
class Decompte:
    options: list[OptionSondage]
    resultat: Resultat
    ecartes: int  # ballots set aside: not openable, or breaking the poll's rules


def resultats_visibles(sondage: Sondage) -> bool:
    """An anonymous poll shows no figures but its participation until it closes: counts read
    before and after one member's tap would tell what that member chose."""
    return sondage.clos_le is not None or not sondage.anonyme


async def resultats(session: AsyncSession, sondage: Sondage) -> Decompte:
    """Count the poll. A ballot that breaks the rules (it never should) is set aside and
    reported, never a reason to lose the poll. Refused for an open anonymous poll."""
    if not resultats_visibles(sondage):
        raise ErreurSondage("anonyme-ouvert")
    options = await options_de(session, sondage.id or 0)
    valides, invalides = [], 0
    for bulletin in await bulletins_remplis(session, sondage.id or 0):
        refus = scrutins.verifier_bulletin(sondage.type, len(options), bulletin, sondage.max_choix)
        if refus is None:
            valides.append(bulletin)
        else:
            invalides += 1
            journal.warning("sondage %s : bulletin écarté (%s)", sondage.id, refus.value)
    resultat: Resultat
    if sondage.type == TypeSondage.JUGEMENT:
        resultat = scrutins.depouiller_jugement(len(options), valides)
    else:
        resultat = scrutins.depouiller_choix(sondage.type, len(options), valides, sondage.max_choix)
    return Decompte(options, resultat, sondage.bulletins_ecartes + invalides)


def lignes_classement(
    options: list[OptionSondage], resultat: Resultat, t: Traducteur
) -> list[Html]:
    if resultat.nb_votants == 0:
        return [t("resultats-aucun-vote")]
    textes = {o.ordre: o.texte for o in options}
    if isinstance(resultat, scrutins.ResultatJugement):
        return [
            t(
                "resultats-ligne-jm",
                rang=r.rang,
                texte=textes[r.option],
                mention=t("mention", note=r.mention_majoritaire)
                if r.mention_majoritaire is not None
                else "—",
            )
            for r in resultat.classement
        ]
    return [
        t(
            "resultats-ligne",
            rang=r.rang,
            texte=textes[r.option],
            voix=r.voix,
            part=round(100 * r.part),
        )
        for r in resultat.classement
    ]


def image(sondage: Sondage, options: list[OptionSondage], resultat: Resultat) -> bytes:
    """The results as a picture: bars (choices) or merit profiles (majority judgment)."""
    return _image(sondage.question, tuple(o.texte for o in options), resultat)


@functools.lru_cache(maxsize=32)
def _image(question: str, libelles: tuple[str, ...], resultat: Resultat) -> bytes:
    """Drawn once per distinct result (about a tenth of a second): a closed poll's picture
    never changes, and the console shows it at each visit of the poll's page."""
    # Imported on first use: matplotlib weighs 40 MB, which a bot that never closes a poll
    # (or not yet) does not need to carry.
    from assemblee import graphiques  # noqa: PLC0415

    if isinstance(resultat, scrutins.ResultatJugement):
        return graphiques.profil_de_merite(
            question, list(libelles), [r.profil for r in resultat.options]
        )
    return graphiques.barres(
        question,
        list(libelles),
        [r.voix for r in resultat.options],
        nb_votants=resultat.nb_votants,
    )


def legende(
    sondage: Sondage,
    options: list[OptionSondage],
    resultat: Resultat,
    presence: Participation,
    t: Traducteur,
) -> Html:
    """The caption under the results picture, within Telegram's 1,024 characters."""
    classement = lignes_classement(options, resultat, t)
    while True:
        texte = t(
            "resultats-legende",
            question=sondage.question,
            votants=presence.votants,
            inscrits=presence.inscrits,
            taux=presence.taux,
            classement=joindre(classement),
        )
        if len(visible(texte)) <= LONGUEUR_MAX_LEGENDE or len(classement) <= 1:
            return texte
        classement = classement[:-1]


async def publier_resultats(
    session: AsyncSession,
    sondage: Sondage,
    *,
    maintenant: datetime,
    catalogue: Catalogue,
) -> int:
    """Send the results (picture and caption) to everyone invited, and to the author."""
    decompte = await resultats(session, sondage)
    options, resultat = decompte.options, decompte.resultat
    presence = await participation(session, sondage)
    registre = (await session.exec(select(Votant).where(Votant.sondage_id == sondage.id))).all()
    destinataires = {v.membre_id for v in registre}
    if sondage.auteur_id is not None:
        destinataires.add(sondage.auteur_id)
    piece = await ajouter_piece(
        session,
        nom=f"resultats-sondage-{sondage.id}.png",
        mime="image/png",
        contenu=image(sondage, options, resultat),
        maintenant=maintenant,
    )
    nouveaux = []
    for membre_id in sorted(destinataires):
        membre = await session.get(Membre, membre_id)
        if membre is None or not membres.est_actif(membre):
            continue
        t = catalogue.pour(membre.langue)
        nouveaux.append(
            NouvelEnvoi(
                cle=f"resultats:{sondage.id}:{membre_id}",
                membre_id=membre_id,
                contenu=Contenu(
                    texte=legende(sondage, options, resultat, presence, t),
                    nature=NatureEnvoi.PHOTO,
                    piece_id=piece.id,
                ),
                du_le=maintenant,
            )
        )
    await envois.mettre_en_file_lot(session, nouveaux)
    sondage.resultats_envoyes_le = maintenant
    session.add(sondage)
    await session.commit()
    return len(nouveaux)


async def rappeler_non_votants(
    session: AsyncSession,
    sondage: Sondage,
    *,
    maintenant: datetime,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
    secret: bytes,
) -> int:
    nouveaux = []
    for membre in await non_votants(session, sondage, secret):
        if not membres.est_actif(membre):
            continue
        t = catalogue.pour(membre.langue)
        nouveaux.append(
            NouvelEnvoi(
                cle=f"rappel-sondage:{sondage.id}:{membre.id}",
                membre_id=membre.id or 0,
                contenu=Contenu(
                    texte=t(
                        "sondage-rappel",
                        question=sondage.question,
                        cloture=date_longue(sondage.ferme_le, fuseau, t.langue),
                    )
                ),
                du_le=maintenant,
                expire_le=sondage.ferme_le,
            )
        )
    ajoutes = await envois.mettre_en_file_lot(session, nouveaux)
    sondage.rappel_fait_le = maintenant
    session.add(sondage)
    await session.commit()
    return ajoutes


DUREE_MIN_POUR_RAPPEL = timedelta(hours=2)


def moment_du_rappel(sondage: Sondage, rappel_avant: timedelta) -> datetime | None:
    """When non-voters are reminded: `rappel_avant` before the close, but never in the first
    half of the poll's life (a nudge right after the ballot is noise); none for a poll shorter
    than two hours, or when reminders are off."""
    duree = sondage.ferme_le - sondage.cree_le
    if rappel_avant <= timedelta(0) or duree < DUREE_MIN_POUR_RAPPEL:
        return None
    return max(sondage.ferme_le - rappel_avant, sondage.cree_le + duree / 2)


@dataclass
class BilanTick:
    rappels: int = 0
    clos: int = 0
    resultats: int = 0


async def tick(
    session: AsyncSession,
    *,
    maintenant: datetime,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
    rappel_avant: timedelta,
    secret: bytes,
) -> BilanTick:
    """Every minute: remind non-voters before the close, close what is due, send results."""
    bilan = BilanTick()
    ouverts = (await session.exec(select(Sondage).where(col(Sondage.clos_le).is_(None)))).all()
    for sondage in ouverts:
        if sondage.ferme_le <= maintenant:
            await clore(session, sondage, auteur=None, maintenant=maintenant, secret=secret)
            bilan.clos += 1
        elif (
            sondage.rappel_fait_le is None
            and (moment := moment_du_rappel(sondage, rappel_avant)) is not None
            and moment <= maintenant
        ):
            bilan.rappels += await rappeler_non_votants(
                session,
                sondage,
                maintenant=maintenant,
                catalogue=catalogue,
                fuseau=fuseau,
                secret=secret,
            )
    await session.commit()
    a_publier = (
        await session.exec(
            select(Sondage)
            .where(col(Sondage.clos_le).is_not(None))
            .where(col(Sondage.resultats_envoyes_le).is_(None))
        )
    ).all()
    for sondage in a_publier:
        bilan.resultats += await publier_resultats(
            session, sondage, maintenant=maintenant, catalogue=catalogue
        )
    return bilan


async def exporter_csv(session: AsyncSession, sondage: Sondage, t: Traducteur) -> str:
    """The results for a spreadsheet (assemblee.tableur: no formula cells). Never an anonymous
    ballot next to a name: for an anonymous poll only totals, and only once closed; for a
    named one, each voter's choices too."""
    decompte = await resultats(session, sondage)
    options, resultat = decompte.options, decompte.resultat
    presence = await participation(session, sondage)
    lignes: list[list[str]] = [
        [sondage.question],
        ["inscrits", str(presence.inscrits), "votants", str(presence.votants)],
    ]
    if decompte.ecartes:
        lignes.append(["bulletins écartés", str(decompte.ecartes)])
    lignes.append([])
    textes = {o.ordre: o.texte for o in options}
    if isinstance(resultat, scrutins.ResultatJugement):
        mentions = [visible(t("mention", note=n)) for n in range(NOTE_MAX, -1, -1)]
        lignes.append(["rang", "option", "mention majoritaire", *mentions])
        for r in resultat.classement:
            mention = (
                visible(t("mention", note=r.mention_majoritaire))
                if r.mention_majoritaire is not None
                else ""
            )
            profil = [str(r.profil[n]) for n in range(NOTE_MAX, -1, -1)]
            lignes.append([str(r.rang), textes[r.option], mention, *profil])
    else:
        lignes.append(["rang", "option", "voix", "part (%)"])
        lignes += [
            [str(r.rang), textes[r.option], str(r.voix), str(round(100 * r.part))]
            for r in resultat.classement
        ]
    if not sondage.anonyme:
        lignes += [[], ["nom", "prénom", *[o.texte for o in options]]]
        for membre, etat in await choix_nommes(session, sondage):
            valeurs = [
                (
                    visible(t("mention", note=etat[o.ordre]))
                    if sondage.type == TypeSondage.JUGEMENT
                    else "x"
                )
                if o.ordre in etat
                else ""
                for o in options
            ]
            lignes.append([membre.nom, membre.prenom, *valeurs])
    return ecrire_csv(lignes)


async def choix_nommes(
    session: AsyncSession, sondage: Sondage, *, membre_id: int | None = None
) -> list[tuple[Membre, dict[int, int]]]:
    """A named poll's ballots with something chosen, by name (or one member's)."""
    requete = (
        select(Bulletin, Membre)
        .join(Membre, col(Membre.id) == col(Bulletin.membre_id))
        .where(Bulletin.sondage_id == sondage.id)
        .order_by(col(Membre.nom), col(Membre.prenom))
    )
    if membre_id is not None:
        requete = requete.where(Bulletin.membre_id == membre_id)
    lignes = (await session.exec(requete)).all()
    # Every ballot's votes in one query, not one per voter (a poll of the whole assembly).
    etats: dict[int, dict[int, int]] = {}
    ids = [bulletin.id for bulletin, _ in lignes]
    if ids:
        votes = (
            await session.exec(
                select(Vote.bulletin_id, OptionSondage.ordre, Vote.valeur)
                .join(OptionSondage, col(OptionSondage.id) == col(Vote.option_id))
                .where(col(Vote.bulletin_id).in_(ids))
            )
        ).all()
        for bulletin_id, ordre, valeur in votes:
            etats.setdefault(bulletin_id, {})[ordre] = valeur
    return [(membre, etats[b.id]) for b, membre in lignes if b.id in etats]
