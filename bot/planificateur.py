"""APScheduler jobs: fixed-id periodic jobs that call domain ticks. The scheduler holds no state
worth keeping: the database is the only source of truth, so a restart loses nothing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import httpx
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from assemblee import annonces, campagnes, envois, sondages
from assemblee.db import FabriqueSessions
from assemblee.horloge import Horloge
from assemblee.textes import Catalogue
from bot.expediteur import Expediteur
from bot.verrous import REESSAI_MENEUR, Verrous
from commandes import candidatures
from config.reglages import Reglages
from rappels import taches
from veille import collecte, revue

journal = logging.getLogger(__name__)


class Planificateur:
    def __init__(
        self,
        *,
        sessions: FabriqueSessions,
        horloge: Horloge,
        catalogue: Catalogue,
        expediteur: Expediteur,
        reglages: Reglages,
        client_http: httpx.AsyncClient,
        verrous: Verrous,
    ) -> None:
        self.verrous = verrous
        self.reglages = reglages
        self.client_http = client_http
        self.sessions = sessions
        self.horloge = horloge
        self.catalogue = catalogue
        self.expediteur = expediteur
        self.dernier_battement: datetime | None = None
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._arret = False
        self._en_cours: set[asyncio.Task[object]] = set()

    def demarrer(self) -> None:
        # Several processes on one database: only the leader ticks; the others keep trying
        # to lead, and one of them takes over within seconds when the leader dies.
        self._periodique(self.prendre_la_tete, "meneur", seconds=REESSAI_MENEUR)
        self._periodique(self.battre, "battement", minutes=1)
        # The watch and the draw's messages have their own jobs: a slow feed or thousands of
        # volunteers to tell never delay reminders or the outbox.
        self._periodique(self.collecter, "veille", minutes=1)
        self._periodique(self.prevenir_volontaires, "tirage", minutes=1)
        self._scheduler.start()

    def _periodique(
        self, travail: Callable[[], Awaitable[None]], ident: str, **intervalle: float
    ) -> None:
        """A job every interval, first run now, never two runs of it at once."""
        self._scheduler.add_job(
            self._tourner,
            "interval",
            args=[travail],
            id=ident,
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
            replace_existing=True,
            **intervalle,
        )

    async def arreter(self) -> None:
        """Stop the jobs, cutting short those running, and wait until they have ended: the
        database they use may be closed right after."""
        if self._scheduler.running:
            self._arret = True
            self._scheduler.shutdown(wait=False)
        await asyncio.gather(*self._en_cours, return_exceptions=True)

    async def _tourner(self, travail: Callable[[], Awaitable[None]]) -> None:
        """One run of a job. Stopping cancels a run in progress (APScheduler's asyncio executor
        does, and would log it as a failure with its traceback): that is no failure, since the
        database keeps what was committed and the next start does the rest."""
        tache = asyncio.current_task()
        assert tache is not None
        self._en_cours.add(tache)
        try:
            await travail()
        except asyncio.CancelledError:
            if not self._arret:
                raise
            journal.info("%s interrompu par l'arrêt", travail.__name__)
        finally:
            self._en_cours.discard(tache)

    async def prendre_la_tete(self) -> None:
        """Try to lead; a new leader beats at once: the rows a dead leader held go back to
        the queue now, not at the next minute."""
        avant = self.verrous.meneur
        if await self.verrous.mener() and not avant:
            await self.battre()

    async def battre(self) -> None:
        """Every minute, on the leading process only: sweep in-flight rows whose lease expired
        or whose process died, send the reports of finished announcements,
        queue the reminders due and the séance changes to tell, poll reminders, closings and
        results, the news digests due, and wake the sender (messages may have become due as
        time passed)."""
        # Held: no round trip here (the "meneur" job checks the lock every few seconds).
        if not (self.verrous.meneur or await self.verrous.mener()):
            return
        maintenant = self.horloge.maintenant()
        try:
            vivants = await self.verrous.vivants()
            async with self.sessions() as session:
                repris = await envois.reprendre(session, maintenant=maintenant, vivants=vivants)
                if repris:
                    journal.warning("%d envoi(s) perdus en vol : remis en file", repris)
                await annonces.envoyer_bilans(
                    session, maintenant=maintenant, catalogue=self.catalogue
                )
                await taches.tick(
                    session, maintenant=maintenant, reglages=self.reglages, catalogue=self.catalogue
                )
                await sondages.tick(
                    session,
                    maintenant=maintenant,
                    catalogue=self.catalogue,
                    fuseau=self.reglages.fuseau,
                    rappel_avant=timedelta(hours=self.reglages.sondages_rappel_avant_heures),
                    secret=self.reglages.cle_scrutins,
                )
                await revue.tick(
                    session,
                    maintenant=maintenant,
                    catalogue=self.catalogue,
                    fuseau=self.reglages.fuseau,
                )
                # The renewal draw: seats past their deadline go to the reserve, leaving
                # members go on the renewal date, volunteers' data on the deletion date.
                await campagnes.echeances(session, maintenant=maintenant)
                await campagnes.faire_partir_sortants(
                    session,
                    maintenant=maintenant,
                    catalogue=self.catalogue,
                    contact=self.reglages.contact_equipe,
                    equipe_ids=self.reglages.equipe_telegram_ids,
                )
                await campagnes.effacer_echues(session, maintenant=maintenant)
        except Exception:
            journal.exception("battement du planificateur en échec")
            return
        self.expediteur.reveiller()
        # Two beats may overlap (the scheduled one and a manual one): the latest instant wins.
        if self.dernier_battement is None or maintenant > self.dernier_battement:
            self.dernier_battement = maintenant

    async def prevenir_volontaires(self) -> None:
        """Every minute: the renewal draw's messages to volunteers (seats offered, reserve
        told), a job of its own so that thousands of them never hold the beat (reminders, the
        outbox)."""
        if not (self.verrous.meneur or await self.verrous.mener()):
            return
        await candidatures.prevenir_sieges(
            self.expediteur.bot,
            self.sessions,
            catalogue=self.catalogue,
            reglages=self.reglages,
            maintenant=self.horloge.maintenant(),
        )

    async def collecter(self) -> None:
        """Every minute: fetch the feeds that are due (spread over the collection period)."""
        # Held: no round trip here (the "meneur" job checks the lock every few seconds).
        if not (self.verrous.meneur or await self.verrous.mener()):
            return
        await collecte.tick(
            self.sessions,
            client=self.client_http,
            maintenant=self.horloge.maintenant(),
            reglages=self.reglages,
            catalogue=self.catalogue,
        )
        self.expediteur.reveiller()  # a deactivated feed's notice to staff
