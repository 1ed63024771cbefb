"""The bench: the real bot (real Dispatcher, real database) long-polling the local Bot API
stand-in over HTTP on 127.0.0.1, and users played by the stand-in's client."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import annonces, invitations, journal, membres
from assemblee import groupes as groupes_domaine
from assemblee.annonces import Audience
from assemblee.envois import Contenu
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Annonce, Envoi, Membre, Role, StatutEnvoi
from bot.app import Application, construire, executer
from config.reglages import Reglages
from telegram_local import MessageLocal, TelegramLocal, Utilisateur
from tests.outils.fabriques import membres_actifs


class Banc:
    def __init__(self, horloge: HorlogeFigee) -> None:
        self.horloge = horloge
        # People take about a second per tap: pace the rate-limit clock accordingly.
        # A send already on the wire when a 429 goes out is not one that ignored it.
        # The sender has `envois_simultanes` (10) sends in flight: when one gets a 429, the nine
        # others may already be on their way, and reach the stand-in late on a busy machine.
        self.serveur = TelegramLocal(pas_humain=1.0, grace_retry_after=0.2, grace_en_vol=9)
        self._polling: asyncio.Task[None] | None = None
        self._app: Application | None = None
        self._reglages: Reglages | None = None

    @property
    def app(self) -> Application:
        assert self._app is not None, "the bench is not started"
        return self._app

    async def demarrer(
        self,
        url_base: str,
        fabrique: Callable[..., Reglages],
        *,
        webhook: bool = False,
        **reglages: Any,
    ) -> None:
        url = await self.serveur.demarrer()
        valeurs = {
            "bot_token": self.serveur.jeton,
            "bot_username": self.serveur.username,
            "database_url": url_base,
            "telegram_api_url": url,
            **reglages,
        }
        self._reglages = fabrique(**valeurs)
        self._app = await construire(self._reglages, self.horloge)
        self._polling = asyncio.create_task(executer(self._app, webhook=webhook))
        if webhook:
            await self.serveur.attendre(
                lambda: any(
                    a.methode == "setWebhook" and a.code == 200 for a in self.serveur.appels
                ),
                description="the bot's setWebhook",
            )
        else:
            await self.serveur.attendre(
                lambda: self.serveur.longs_polls_en_attente > 0,
                description="the bot's first long poll",
            )

    async def redemarrer(self) -> None:
        """Stop the bot (not the stand-in: chats and people stay) and start a new one on the
        same database, as a restart or another process would (long polling)."""
        await self.arreter_le_bot(10)
        await self.app.fermer()
        assert self._reglages is not None
        self._app = await construire(self._reglages, self.horloge)
        self._polling = asyncio.create_task(executer(self._app))
        await self.serveur.attendre(
            lambda: self.serveur.longs_polls_en_attente > 0,
            description="the restarted bot's long poll",
        )

    async def arreter_le_bot(self, delai: float) -> None:
        """Stop serving, as Ctrl-C does, and wait until the sender and scheduler have stopped."""
        if self._polling is not None and not self._polling.done():
            await self.app.arreter()
            await asyncio.wait_for(self._polling, delai)

    async def arreter(self) -> None:
        """Stop everything; then check the bot stayed within Telegram's rate limits."""
        if self._app is not None:
            await self.arreter_le_bot(60)
            await self._app.fermer()
        await self.serveur.arreter()
        violations = self.serveur.violations
        assert violations.total == 0, f"Telegram rate limits exceeded: {violations.evenements}"

    async def inviter(
        self,
        prenom: str,
        nom: str,
        *,
        role: Role = Role.MEMBRE,
        groupes: Sequence[str] = ("environnement",),
        validite: timedelta = timedelta(days=30),
    ) -> str:
        """Create a member record as staff would, and return their invitation token."""
        async with self.app.sessions() as session:
            choisis = [await groupes_domaine.trouver_groupe(session, g) for g in groupes]
            assert all(choisis), f"unknown group in {groupes}"
            _, jeton = await invitations.inviter(
                session,
                nom=nom,
                prenom=prenom,
                role=role,
                groupes=[g for g in choisis if g is not None],
                maintenant=self.horloge.maintenant(),
                validite=validite,
                auteur=journal.CLI,
            )
        return jeton

    def utilisateur(
        self, user_id: int, prenom: str, nom: str | None = None, langue: str = "fr"
    ) -> Utilisateur:
        return self.serveur.utilisateur(user_id, prenom, nom, langue=langue)

    async def membre_actif(
        self,
        user_id: int,
        prenom: str,
        nom: str = "Testeur",
        *,
        role: Role = Role.MEMBRE,
        groupes: Sequence[str] = ("environnement",),
        langue: str = "fr",
    ) -> Utilisateur:
        """A member who accepted their invitation and the privacy notice."""
        jeton = await self.inviter(prenom, nom, role=role, groupes=groupes)
        utilisateur = self.utilisateur(user_id, prenom, nom, langue)
        (notice,) = await utilisateur.envoyer(f"/start {jeton}")
        await utilisateur.cliquer(notice, "J'accepte" if langue == "fr" else "I agree")
        return utilisateur

    async def peupler(
        self, nombre: int, *, groupe: str = "environnement", premier_telegram_id: int = 10_000
    ) -> list[Membre]:
        """`nombre` active members who have started the bot (their chats are known)."""
        async with self.app.sessions() as session:
            cible = await groupes_domaine.trouver_groupe(session, groupe)
            assert cible is not None
            liste = await membres_actifs(
                session,
                self.horloge.maintenant(),
                cible,
                nombre,
                premier_telegram_id=premier_telegram_id,
            )
        for m in liste:
            assert m.telegram_id is not None
            self.serveur.utilisateur(m.telegram_id, m.prenom, m.nom, connu=True)
        return liste

    async def publier(
        self,
        texte: str,
        *,
        audience: str = "tous",
        urgent: bool = False,
        auteur: Membre | None = None,
    ) -> tuple[Annonce, int]:
        """An announcement as staff would publish it; the sender is woken up."""
        async with self.app.sessions() as session:
            resultat = await annonces.publier(
                session,
                auteur=journal.par_le_bot(auteur) if auteur else journal.CLI,
                contenu=Contenu(texte),
                audience=Audience.lire(audience),
                urgent=urgent,
                maintenant=self.horloge.maintenant(),
            )
        self.app.expediteur.reveiller()
        return resultat

    async def attendre_que(
        self, predicat: Callable[[AsyncSession], Awaitable[bool]], delai: float = 60.0
    ) -> None:
        """Wait until a condition on the database holds, re-reading it each time the sender
        records an outcome (and at least every second)."""
        boucle = asyncio.get_running_loop()
        fin = boucle.time() + delai
        while True:
            async with self.app.sessions() as session:
                if await predicat(session):
                    return
            restant = fin - boucle.time()
            if restant <= 0:
                raise TimeoutError(f"condition not met after {delai} s")
            await self.app.expediteur.attendre_progres(min(restant, 1.0))

    async def statuts_envois(self) -> dict[StatutEnvoi, int]:
        async with self.app.sessions() as session:
            lignes = (await session.exec(select(Envoi.statut))).all()
        return dict(Counter(lignes))

    def messages_recus(self, texte: str) -> dict[int, int]:
        """How many bot messages containing `texte` each chat got."""
        compte: dict[int, int] = {}
        for chat_id in self.serveur.envois_par_chat():
            n = sum(
                1
                for m in self.serveur.messages_du_bot(chat_id)
                if texte in (m.texte_visible or m.legende or "")
            )
            if n:
                compte[chat_id] = n
        return compte

    async def membre(self, telegram_id: int) -> Membre | None:
        async with self.app.sessions() as session:
            return await membres.par_telegram_id(session, telegram_id)

    async def membre_par_id(self, membre_id: int) -> Membre | None:
        async with self.app.sessions() as session:
            return await membres.par_id(session, membre_id)


def textes(messages: Sequence[MessageLocal]) -> list[str]:
    return [m.texte_visible for m in messages]
