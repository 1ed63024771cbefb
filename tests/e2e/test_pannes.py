"""Faults, end to end: whatever breaks, nothing is lost, and the only messages that can arrive
twice are the ones in flight when it broke (at most ENVOIS_SIMULTANES).

- The bot SIGKILLed while it delivers the reminders a tick queued, and inside the tick itself
  (reminders queued, not committed). The SIGKILL in the middle of an announcement is
  tests/e2e/test_reprise.py.
- PostgreSQL restarted while the bot sends an announcement (a private server: the suite's is
  shared).
- The Bot API unreachable for two minutes while an announcement and reminders are due.
- A feed that never answers: tests/e2e/test_veille.py::
  test_un_flux_qui_ne_repond_pas_ne_bloque_pas_le_bot.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import groupes, journal, seances
from assemblee.db import FabriqueSessions, creer_moteur, fabrique_sessions
from assemblee.horloge import HorlogeFigee, HorlogeSysteme
from assemblee.modeles import EcheanceRappel, Envoi, Membre, StatutEnvoi, TypeSeance
from assemblee.seances import Champs
from telegram_local import TelegramLocal
from tests.conftest import reglages_test
from tests.outils.banc import Banc
from tests.outils.bases import MOTEUR
from tests.outils.fabriques import membres_actifs
from tests.outils.postgres_prive import PostgresPrive, dossier_binaires, raison_de_ne_pas_lancer
from tests.outils.processus import lancer_bot

SIMULTANES = 10
# The process runs on the real clock: no quiet hours and no daylight-saving Sunday may move
# the reminders the test makes due.
REGLAGES_PROCESSUS = {
    "ENVOIS_SIMULTANES": str(SIMULTANES),
    "FUSEAU_HORAIRE": "UTC",
    "HEURES_CALMES": "00:00-00:00",
    "RAPPELS": "7j,1j,2h",
}


def _recus(serveur: TelegramLocal, texte: str) -> dict[int, int]:
    """How many bot messages containing `texte` each chat got."""
    compte: dict[int, int] = {}
    for chat_id in serveur.envois_par_chat():
        n = sum(1 for m in serveur.messages_du_bot(chat_id) if texte in (m.texte_visible or ""))
        if n:
            compte[chat_id] = n
    return compte


def _doublons(recus: dict[int, int]) -> dict[int, int]:
    return {chat: n - 1 for chat, n in recus.items() if n > 1}


async def _convoques(sessions: FabriqueSessions, nombre: int) -> list[Membre]:
    async with sessions() as session:
        await groupes.synchroniser_groupes(
            session, groupes.lire_groupes(reglages_test().groupes_fichier)
        )
        groupe = await groupes.trouver_groupe(session, "environnement")
        assert groupe is not None
        return await membres_actifs(session, HorlogeSysteme().maintenant(), groupe, nombre)


async def _seance(session: AsyncSession, titre: str, debut: datetime, maintenant: datetime) -> int:
    groupe = await groupes.trouver_groupe(session, "environnement")
    seance = await seances.creer(
        session,
        Champs(
            type=TypeSeance.ATELIER,
            titre=titre,
            groupe=groupe,
            debut=debut,
            fin=debut + timedelta(hours=2),
            lieu="5 rue Lobau, Paris",
        ),
        auteur=journal.CLI,
        maintenant=maintenant,
    )
    assert seance.id is not None
    return seance.id


async def _etat(sessions: FabriqueSessions) -> tuple[list[Envoi], list[EcheanceRappel]]:
    async with sessions() as session:
        envois = list((await session.exec(select(Envoi))).all())
        rondes = list((await session.exec(select(EcheanceRappel))).all())
    return envois, rondes


# --- a. SIGKILL during the reminders -----------------------------------------------------------


async def test_sigkill_pendant_la_livraison_des_rappels_d_une_seance(
    url_base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nombre = 300
    moteur = creer_moteur(url_base)
    sessions = fabrique_sessions(moteur)
    membres = await _convoques(sessions, nombre)
    ids_telegram = {m.id: m.telegram_id for m in membres}
    maintenant = HorlogeSysteme().maintenant()
    async with sessions() as session:
        # Its 7-day reminder fell due two minutes ago: the first tick queues it for everyone.
        await _seance(
            session, "Audition oasis", maintenant + timedelta(days=7, minutes=-2), maintenant
        )

    async with TelegramLocal() as serveur:
        for m in membres:
            assert m.telegram_id is not None
            serveur.utilisateur(m.telegram_id, m.prenom, connu=True)
        premier = await lancer_bot(serveur, url_base, tmp_path, reglages=REGLAGES_PROCESSUS)
        try:
            await serveur.attendre(lambda: serveur.nombre_envoyes() >= nombre * 2 // 5, 60)
        finally:
            premier.send_signal(signal.SIGKILL)
            await premier.wait()
        envoyes_avant = serveur.nombre_envoyes()
        envois, rondes = await _etat(sessions)
        deja_notes = {ids_telegram[e.membre_id] for e in envois if e.statut == StatutEnvoi.ENVOYE}
        en_vol = sum(1 for e in envois if e.statut == StatutEnvoi.EN_COURS)
        assert len(envois) == nombre and len(rondes) == 1  # the tick had committed its round
        assert 0 < len(deja_notes) < nombre and en_vol <= SIMULTANES

        second = await lancer_bot(serveur, url_base, tmp_path, reglages=REGLAGES_PROCESSUS)
        try:
            await serveur.attendre(lambda: len(serveur.envois_par_chat()) == nombre, 90)
        finally:
            second.send_signal(signal.SIGTERM)  # a clean stop records what is in flight
            assert await asyncio.wait_for(second.wait(), 60) == 0

    recus = _recus(serveur, "Audition oasis")
    doublons = _doublons(recus)
    with capsys.disabled():
        print(
            f"\n[pannes] rappels : {envoyes_avant} envoyés avant le SIGKILL, {en_vol} en vol, "
            f"{sum(doublons.values())} doublon(s) après la reprise (borne : {SIMULTANES})"
        )
    assert set(recus) == set(ids_telegram.values())  # every convened member got it
    assert sum(doublons.values()) <= en_vol <= SIMULTANES  # only the ones in flight
    assert not set(doublons) & deja_notes  # recorded as sent: never sent again
    assert serveur.violations.total == 0
    envois, rondes = await _etat(sessions)
    await moteur.dispose()
    # The restarted tick did not queue the round again: one row per member, all sent.
    assert len(rondes) == 1 and rondes[0].rappels == nombre
    assert len(envois) == nombre and {e.statut for e in envois} == {StatutEnvoi.ENVOYE}


async def test_sigkill_dans_le_tick_entre_la_mise_en_file_et_le_commit(
    url_base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nombre = 120
    moteur = creer_moteur(url_base)
    sessions = fabrique_sessions(moteur)
    membres = await _convoques(sessions, nombre)
    ids_telegram = {m.id: m.telegram_id for m in membres}
    maintenant = HorlogeSysteme().maintenant()
    titres = {"Audition oasis", "Plénière budget"}
    async with sessions() as session:
        ids_seances = {
            await _seance(session, titre, maintenant + timedelta(days=7, minutes=-i), maintenant)
            for i, titre in enumerate(sorted(titres), start=2)
        }

    async with TelegramLocal() as serveur:
        for m in membres:
            assert m.telegram_id is not None
            serveur.utilisateur(m.telegram_id, m.prenom, connu=True)
        # The tick commits one séance's round at a time: the process dies in the second one,
        # its reminders inserted but not committed.
        fragile = await lancer_bot(
            serveur,
            url_base,
            tmp_path,
            module="tests.outils.bot_interrompu",
            reglages={**REGLAGES_PROCESSUS, "TUER_AU_LOT_DE_RAPPELS": "2"},
            attendre_le_polling=False,
        )
        assert await asyncio.wait_for(fragile.wait(), 60) == -signal.SIGKILL
        envoyes_avant = serveur.nombre_envoyes()
        envois, rondes = await _etat(sessions)
        en_vol = sum(1 for e in envois if e.statut == StatutEnvoi.EN_COURS)
        # The first round is whole, the second left no trace: all or nothing, per séance.
        assert len(rondes) == 1 and rondes[0].rappels == nombre
        assert {e.cle.split(":")[1] for e in envois} == {str(rondes[0].seance_id)}
        assert len(envois) == nombre and en_vol <= SIMULTANES

        second = await lancer_bot(serveur, url_base, tmp_path, reglages=REGLAGES_PROCESSUS)
        try:
            await serveur.attendre(
                lambda: all(len(_recus(serveur, t)) == nombre for t in titres), 90
            )
        finally:
            second.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(second.wait(), 60) == 0

    doublons = 0
    for titre in titres:
        recus = _recus(serveur, titre)
        assert set(recus) == set(ids_telegram.values())  # one reminder per séance, for everyone
        doublons += sum(_doublons(recus).values())
    with capsys.disabled():
        print(
            f"\n[pannes] tick interrompu : {envoyes_avant} envoyés avant le SIGKILL, {en_vol} en "
            f"vol, {doublons} doublon(s) après la reprise (borne : {SIMULTANES})"
        )
    assert doublons <= en_vol <= SIMULTANES
    assert serveur.violations.total == 0
    envois, rondes = await _etat(sessions)
    await moteur.dispose()
    assert {r.seance_id for r in rondes} == ids_seances
    assert all(r.rappels == nombre for r in rondes)
    assert len(envois) == 2 * nombre and {e.statut for e in envois} == {StatutEnvoi.ENVOYE}


# --- b. PostgreSQL restarted -------------------------------------------------------------------


@pytest.fixture
async def postgres_prive() -> AsyncIterator[PostgresPrive]:
    if MOTEUR != "postgresql":
        pytest.skip(
            "restarting the database only means something on PostgreSQL: "
            "set TEST_DATABASE_URL=postgresql+asyncpg://…"
        )
    raison = raison_de_ne_pas_lancer()
    if raison is not None:
        pytest.skip(f"no private PostgreSQL server: {raison}")
    binaires = dossier_binaires()
    assert binaires is not None
    serveur = PostgresPrive(binaires)
    try:
        await serveur.initialiser()
        await serveur.demarrer()
        yield serveur
    finally:
        await serveur.detruire()


class _Erreurs(logging.Handler):
    """The bot's logged errors, with a way to wait for one."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []
        self.evenement = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
        self.evenement.set()


async def test_postgresql_redemarre_pendant_une_annonce(
    postgres_prive: PostgresPrive, horloge: HorlogeFigee, capsys: pytest.CaptureFixture[str]
) -> None:
    nombre = 200
    url = await postgres_prive.creer_base("assemblee")
    banc = Banc(horloge)
    erreurs = _Erreurs()
    journal = logging.getLogger("bot.expediteur")
    journal.addHandler(erreurs)
    try:
        await banc.demarrer(url, reglages_test, envois_simultanes=SIMULTANES)
        membres = await banc.peupler(nombre)
        mia = await banc.membre_actif(1, "Mia", "Martin")
        await banc.publier("Coupure de la base")
        await banc.serveur.attendre(lambda: banc.serveur.nombre_envoyes() >= nombre // 3, 30)

        await postgres_prive.arreter()  # clients cut off, as in a restart
        envoyes_a_l_arret = banc.serveur.nombre_envoyes()
        # The sender noticed: an outcome it could not record, or a queue it could not read.
        await asyncio.wait_for(erreurs.evenement.wait(), 60)
        # Rows claimed from now on are told apart from the ones claimed before the restart.
        avant = horloge.maintenant()
        horloge.avancer(timedelta(minutes=1))
        await postgres_prive.demarrer()

        (aide,) = await mia.envoyer("/aide")  # answered on the restarted server
        assert "/moi" in aide.texte_visible

        async def seuls_restent_les_perdus(session: AsyncSession) -> bool:
            # Everyone got it, nothing waits, and what is still "in flight" was claimed before
            # the restart: its outcome was lost with the connection.
            restants = (
                await session.exec(
                    select(Envoi.statut, Envoi.reclame_le).where(Envoi.statut != StatutEnvoi.ENVOYE)
                )
            ).all()
            return len(banc.messages_recus("Coupure de la base")) == nombre + 1 and all(
                s == StatutEnvoi.EN_COURS and r is not None and r <= avant for s, r in restants
            )

        await banc.attendre_que(seuls_restent_les_perdus, 30)
        perdus = (await banc.statuts_envois()).get(StatutEnvoi.EN_COURS, 0)
        # The scheduler's sweep puts back what was lost in flight, a quarter of an hour later.
        horloge.avancer(timedelta(minutes=15))
        await banc.app.planificateur.battre()

        async def tout_est_envoye(session: AsyncSession) -> bool:
            n = (
                await session.exec(
                    select(func.count()).where(col(Envoi.statut) == StatutEnvoi.ENVOYE)
                )
            ).one()
            return n == nombre + 1

        await banc.attendre_que(tout_est_envoye, 30)
        recus = banc.messages_recus("Coupure de la base")
        doublons = sum(_doublons(recus).values())
        with capsys.disabled():
            print(
                f"\n[pannes] PostgreSQL redémarré après {envoyes_a_l_arret} envois, "
                f"{perdus} résultat(s) perdu(s) en vol, {doublons} doublon(s) "
                f"(borne : {SIMULTANES}) ; erreurs vues : {len(erreurs.messages)}"
            )
        assert set(recus) == {m.telegram_id for m in membres} | {1}
        assert doublons <= perdus <= SIMULTANES
        assert await banc.statuts_envois() == {StatutEnvoi.ENVOYE: nombre + 1}
        (profil,) = await mia.envoyer("/moi")
        assert "Mia" in profil.texte_visible
    finally:
        journal.removeHandler(erreurs)
        await banc.arreter()


# --- c. Bot API unreachable ----------------------------------------------------------------


def _compter(statut: StatutEnvoi) -> Callable[[AsyncSession], Awaitable[int]]:
    async def compter(session: AsyncSession) -> int:
        return (await session.exec(select(func.count()).where(col(Envoi.statut) == statut))).one()

    return compter


async def _file_vide(session: AsyncSession) -> bool:
    restant = (
        await session.exec(
            select(func.count()).where(
                col(Envoi.statut).in_([StatutEnvoi.EN_ATTENTE, StatutEnvoi.EN_COURS])
            )
        )
    ).one()
    return restant == 0


async def _rattrape_l_horloge(banc: Banc) -> None:
    """Wait until the sender has caught up with the clock's current instant: it found Telegram
    unreachable and holds off for a while, or every message waits for a later retry."""
    expediteur = banc.app.expediteur

    async def a_jour(session: AsyncSession) -> bool:
        maintenant = banc.horloge.maintenant()
        if expediteur.injoignable_jusqua is not None and expediteur.injoignable_jusqua > maintenant:
            return True
        dus = (
            await session.exec(
                select(func.count())
                .where(col(Envoi.statut).in_([StatutEnvoi.EN_ATTENTE, StatutEnvoi.EN_COURS]))
                .where(
                    col(Envoi.prochain_essai_le).is_(None)
                    | (col(Envoi.prochain_essai_le) <= maintenant)
                )
            )
        ).one()
        return dus == 0

    await banc.attendre_que(a_jour, 10)


async def test_bot_api_injoignable_deux_minutes(
    banc: Banc, capsys: pytest.CaptureFixture[str]
) -> None:
    membres = await banc.peupler(40)
    mia = await banc.membre_actif(1, "Mia", "Martin")
    maintenant = banc.horloge.maintenant()
    async with banc.app.sessions() as session:
        # Its 7-day reminder falls due 30 s into the outage.
        await _seance(
            session, "Audition oasis", maintenant + timedelta(days=7, seconds=30), maintenant
        )
    await banc.attendre_que(_file_vide)  # nothing in flight when the network goes
    envoyes_avant = banc.serveur.nombre_envoyes()

    await banc.serveur.couper()
    await banc.publier("Coupure du réseau")
    deja_lus = len(mia.messages_du_bot())
    await mia.envoyer("/aide", attendre=0)  # Telegram keeps it for the bot
    for _ in range(12):  # two minutes, ten seconds at a time
        await _rattrape_l_horloge(banc)
        async with banc.app.sessions() as session:
            assert await _compter(StatutEnvoi.ECHEC)(session) == 0  # nothing given up
        banc.horloge.avancer(timedelta(seconds=10))
        await banc.app.planificateur.battre()  # the reminders' tick, and a wake-up
    await _rattrape_l_horloge(banc)
    async with banc.app.sessions() as session:
        rappels = (
            await session.exec(select(func.count()).where(col(Envoi.cle).startswith("rappel:")))
        ).one()
        en_echec = await _compter(StatutEnvoi.ECHEC)(session)
    assert rappels == 41 and en_echec == 0  # queued while Telegram was away
    assert banc.serveur.nombre_envoyes() == envoyes_avant  # nothing got through

    await banc.serveur.retablir()
    # The message written during the outage is answered (aiogram's polling backs off in real
    # time, a few seconds at most).
    await banc.serveur.attendre(lambda: len(mia.messages_du_bot()) > deja_lus, 30)
    assert "/moi" in mia.messages_du_bot()[deja_lus].texte_visible
    banc.horloge.avancer(timedelta(seconds=10))
    banc.app.expediteur.reveiller()
    await banc.attendre_que(_file_vide, 30)

    async with banc.app.sessions() as session:
        lignes = (await session.exec(select(Envoi.statut, Envoi.tentatives))).all()
    tous = {m.telegram_id for m in membres} | {1}
    annonce, rappel = banc.messages_recus("Coupure du réseau"), banc.messages_recus("Audition")
    with capsys.disabled():
        print(
            f"\n[pannes] Bot API coupée 2 min : {len(lignes)} envois, tous envoyés ; "
            f"au plus {max(t for _, t in lignes)} tentative(s) comptée(s) par envoi"
        )
    assert {s for s, _ in lignes} == {StatutEnvoi.ENVOYE}
    assert annonce == dict.fromkeys(tous, 1) and rappel == dict.fromkeys(tous, 1)
    (profil,) = await mia.envoyer("/moi")  # and answered right away again
    assert "Mia" in profil.texte_visible
