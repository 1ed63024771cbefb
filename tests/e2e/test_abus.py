"""Abuse, end to end: a flooder is throttled while others are served; random and forged input
never crashes the bot and never changes what the sender has no right to change.

The fuzzing tests build one bench each and run many Hypothesis examples against it: Hypothesis
runs in a worker thread (its `@given` function is synchronous) and hands each example to the
test's event loop, where the bench lives. Examples share the bench, so each one is judged on
what it changed: the database before and after, every row of every table.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import typing
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from aiogram.filters.callback_data import CallbackData
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import SQLModel, select

from assemblee import journal, seances, sondages, sujets
from assemblee.groupes import trouver_groupe
from assemblee.modeles import (
    Article,
    ArticleGroupe,
    Envoi,
    Membre,
    Role,
    Source,
    StatutEnvoi,
    TypeSeance,
    TypeSondage,
)
from assemblee.seances import Champs
from assemblee.sondages import Brouillon
from commandes import callbacks
from commandes.menu import COMMANDES
from telegram_local import Utilisateur
from tests.outils.banc import Banc

ENV, EP = "environnement", "espace-public"
MIA, ALI, ZOE, LEO, EVE, INTRUS = 101, 102, 103, 104, 105, 666
ERREUR_VISIBLE = ("Une erreur est survenue", "Something went wrong")
PARIS = ZoneInfo("Europe/Paris")
TROP_VITE = "Vous allez trop vite pour moi : attendez quelques secondes avant de continuer."
EFFACEMENT = callbacks.SuppressionCb(choix=callbacks.Choix.OUI).pack()


# --- flood control ------------------------------------------------------------------------------


async def test_un_flood_est_freine_sans_ralentir_les_autres(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    # A burst of 2: the stand-in, like Telegram, lets a bot send about three messages at once
    # to one chat, and the flooder gets the burst's answers plus the notice.
    banc = await fabrique_banc(anti_flood_rafale=2, anti_flood_par_minute=60)
    flo = await banc.membre_actif(1, "Flo")
    mia = await banc.membre_actif(2, "Mia")
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)
    banc.horloge.avancer(timedelta(minutes=1))  # joining used some of their buckets
    avant = len(flo.messages_du_bot())

    flood = [flo.envoyer(f"message {i}", attendre=0) for i in range(100)]
    reponses = await asyncio.gather(
        *flood, mia.envoyer("/aide", attendre=1), ali.envoyer("/aide", attendre=1)
    )

    aide_mia, aide_ali = reponses[-2][0], reponses[-1][0]
    assert "/agenda" in aide_mia.texte_visible and "/seance" in aide_ali.texte_visible
    await banc.serveur.attendre(lambda: banc.serveur.updates_en_attente == [])
    await banc.serveur.attendre(lambda: len(flo.messages_du_bot()) - avant >= 3)
    recus = [m.texte_visible for m in flo.messages_du_bot()[avant:]]
    avis = [t for t in recus if t == TROP_VITE]
    assert len(avis) == 1
    assert len(recus) - 1 <= 2  # at most the burst was answered
    assert all("Je n'ai pas compris" in t for t in recus if t not in avis)

    banc.horloge.avancer(timedelta(seconds=30))  # calm again
    (reponse,) = await flo.envoyer("/aide")
    assert "/agenda" in reponse.texte_visible
    (reponse,) = await flo.envoyer("/aide")  # a second flood would be a new episode
    assert "/agenda" in reponse.texte_visible


async def test_un_flood_de_boutons_arrete_le_sablier_sans_rien_envoyer(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(anti_flood_rafale=3)
    flo = await banc.membre_actif(1, "Flo")
    banc.horloge.avancer(timedelta(minutes=1))
    (profil,) = await flo.envoyer("/moi")  # leaves 2 of the 3 tokens
    envoyes = banc.serveur.nombre_envoyes(flo.chat_id)

    reponses = await asyncio.gather(*(flo.appuyer(profil.message_id, "lg:en") for _ in range(30)))

    assert len(reponses) == 30  # every spinner stopped
    textes = [r.texte for r in reponses]
    assert textes.count(TROP_VITE) == 1  # one notice, as the button's short answer
    assert textes.count(None) == 27  # dropped: an empty answer, just to stop the spinner
    membre = await banc.membre(1)
    assert membre is not None and membre.langue == "en"  # the burst (2 presses) was served
    assert banc.serveur.nombre_envoyes(flo.chat_id) == envoyes  # buttons answer in place


# --- fuzzing: the world ---------------------------------------------------------------------------


@dataclass
class Monde:
    """Two groups, each with a séance, a poll, a proposed topic and an article; members of
    each, a facilitator of each, and staff."""

    groupes: dict[str, int]
    membres: dict[int, Membre]  # by Telegram id
    seances: dict[int, int] = field(default_factory=dict)  # séance id -> group id
    sondages: dict[int, int] = field(default_factory=dict)
    sujets: dict[int, int] = field(default_factory=dict)
    articles: dict[int, int] = field(default_factory=dict)
    sources: list[int] = field(default_factory=list)

    def identifiants(self) -> list[int]:
        """Every id of the world, to forge buttons that aim at someone else's things."""
        ids = {0, 1, 2, *self.groupes.values(), *self.sources}
        for dico in (self.seances, self.sondages, self.sujets, self.articles):
            ids.update(dico)
        ids.update(m.id or 0 for m in self.membres.values())
        return sorted(ids)


async def _peupler(banc: Banc) -> Monde:
    await banc.membre_actif(MIA, "Mia", groupes=[ENV])
    await banc.membre_actif(ALI, "Ali", role=Role.ANIMATEUR, groupes=[ENV])
    await banc.membre_actif(ZOE, "Zoé", role=Role.ANIMATEUR, groupes=[EP])
    await banc.membre_actif(LEO, "Léo", groupes=[EP])
    equipe = banc.utilisateur(EVE, "Ève")
    await equipe.envoyer("/start")
    maintenant = banc.horloge.maintenant()
    async with banc.app.sessions() as session:
        groupes = {slug: await trouver_groupe(session, slug) for slug in (ENV, EP)}
        monde = Monde(
            groupes={slug: g.id for slug, g in groupes.items() if g and g.id},
            membres={},
        )
        for telegram_id in (MIA, ALI, ZOE, LEO, EVE):
            membre = (
                await session.exec(select(Membre).where(Membre.telegram_id == telegram_id))
            ).one()
            monde.membres[telegram_id] = membre
        source = Source(nom="Mairie", url="https://www.paris.fr/rss", ajoutee_le=maintenant)
        session.add(source)
        await session.flush()
        assert source.id is not None
        monde.sources.append(source.id)
        for slug, auteur in ((ENV, MIA), (EP, LEO)):
            groupe = groupes[slug]
            assert groupe is not None and groupe.id is not None
            debut = maintenant + timedelta(days=3)
            seance = await seances.creer(
                session,
                Champs(
                    type=TypeSeance.ATELIER,
                    titre=f"Atelier {slug}",
                    groupe=groupe,
                    debut=debut,
                    fin=debut + timedelta(hours=2),
                    lieu="5 rue Lobau, Paris",
                ),
                auteur=journal.CLI,
                maintenant=maintenant,
            )
            monde.seances[seance.id or 0] = groupe.id
            sondage, _ = await sondages.lancer(
                session,
                Brouillon(
                    question=f"Quel sujet pour {slug} ?",
                    type=TypeSondage.UNIQUE if slug == ENV else TypeSondage.JUGEMENT,
                    options=["Des fontaines", "Des bancs", "Des arbres"],
                    ferme_le=maintenant + timedelta(days=3),
                    groupe_id=groupe.id,
                    anonyme=slug == ENV,
                ),
                auteur=journal.CLI,
                maintenant=maintenant,
                catalogue=banc.app.catalogue,
                fuseau=PARIS,
                secret=banc.app.reglages.cle_scrutins,
            )
            monde.sondages[sondage.id or 0] = groupe.id
            sujet = await sujets.proposer(
                session,
                membre=monde.membres[auteur],
                texte=f"Un sujet pour le groupe {slug}",
                maintenant=maintenant,
                catalogue=banc.app.catalogue,
            )
            monde.sujets[sujet.id or 0] = groupe.id
            article = Article(
                source_id=source.id,
                url=f"https://www.paris.fr/pages/{slug}",
                titre=f"Un article pour {slug}",
                titre_normalise=f"un article pour {slug}",
                resume="Un résumé.",
                collecte_le=maintenant,
            )
            session.add(article)
            await session.flush()
            assert article.id is not None
            session.add(ArticleGroupe(article_id=article.id, groupe_id=groupe.id))
            monde.articles[article.id] = groupe.id
        await session.commit()
    # Reminders and ballots go out now, so that the examples start from a quiet outbox.
    await banc.app.planificateur.battre()
    await banc.attendre_que(_boite_vide)
    return monde


async def _boite_vide(session: Any) -> bool:
    statuts = (await session.exec(select(Envoi.statut))).all()
    return all(s not in (StatutEnvoi.EN_ATTENTE, StatutEnvoi.EN_COURS) for s in statuts)


# --- fuzzing: what changed --------------------------------------------------------------------

# The outbox's delivery bookkeeping moves on its own, and forgets an ephemeral content once sent:
# a new row is a change, its delivery is not.
IGNORES = {
    "envoi": {
        "statut",
        "tentatives",
        "prochain_essai_le",
        "reclame_le",
        "bail_jusqu_au",
        "bail_proprietaire",
        "envoye_le",
        "telegram_message_id",
        "erreur",
        "texte",
        "clavier",
    }
}
Ligne = dict[str, Any]
Photo = dict[str, dict[tuple[Any, ...], Ligne]]


async def _photo(banc: Banc) -> Photo:
    """Every row of every table, by primary key."""
    photo: Photo = {}
    async with banc.app.moteur.connect() as connexion:
        for table in SQLModel.metadata.sorted_tables:
            ignores = IGNORES.get(table.name, set())
            cles = [c.name for c in table.primary_key.columns]
            lignes = (await connexion.execute(sa.select(table))).mappings().all()
            photo[table.name] = {
                tuple(ligne[c] for c in cles): {k: v for k, v in ligne.items() if k not in ignores}
                for ligne in lignes
            }
    return photo


@dataclass(frozen=True)
class Changement:
    table: str
    avant: Ligne | None
    apres: Ligne | None

    @property
    def ligne(self) -> Ligne:
        ligne = self.apres if self.apres is not None else self.avant
        assert ligne is not None
        return ligne


def _changements(avant: Photo, apres: Photo) -> list[Changement]:
    return [
        Changement(table, avant[table].get(cle), apres[table].get(cle))
        for table in apres
        for cle in avant[table].keys() | apres[table].keys()
        if avant[table].get(cle) != apres[table].get(cle)
    ]


def _groupe(table: str, ligne: Ligne, photos: tuple[Photo, Photo]) -> int | None:
    """The group a row belongs to (None: the whole assembly, or no group)."""

    def chercher(nom: str, ident: Any) -> Ligne:
        for photo in reversed(photos):  # a row deleted by the example is in the first one
            if (ident,) in photo[nom]:
                return photo[nom][(ident,)]
        raise AssertionError(f"{nom} {ident} is in neither snapshot")

    if table in ("convocation", "reponse", "presence", "echeance_rappel"):
        return _groupe("seance", chercher("seance", ligne["seance_id"]), photos)
    if table in ("option_sondage", "bulletin", "votant"):
        return _groupe("sondage", chercher("sondage", ligne["sondage_id"]), photos)
    if table == "vote":
        return _groupe("bulletin", chercher("bulletin", ligne["bulletin_id"]), photos)
    if table == "article":
        liens = {g for photo in photos for (a, g) in photo["article_groupe"] if a == ligne["id"]}
        return liens.pop() if len(liens) == 1 else None
    return typing.cast(int | None, ligne.get("groupe_id"))


TABLES_DE_GROUPE = frozenset(
    {
        "seance", "convocation", "reponse", "presence", "echeance_rappel", "sondage",
        "option_sondage", "bulletin", "vote", "votant", "sujet", "article", "article_groupe",
        "revue",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Droits:
    """What an example sent by one person may change, and nothing more."""

    monde: Monde
    telegram_id: int

    @property
    def moi(self) -> Membre | None:
        return self.monde.membres.get(self.telegram_id)

    def permis(self, ch: Changement, photos: tuple[Photo, Photo]) -> bool:
        if ch.table == "journal":
            return self._ma_trace(ch)
        if ch.table == "lien_connexion":
            return self._mon_lien(ch)
        return self._permis_ailleurs(ch, photos)

    def _mon_lien(self, ch: Changement) -> bool:
        """A facilitator's /console: a login link for themselves, added, never altered."""
        moi = self.moi
        return (
            moi is not None
            and ch.avant is None
            and moi.role == Role.ANIMATEUR
            and ch.ligne["membre_id"] == moi.id
        )

    def _ma_trace(self, ch: Changement) -> bool:
        """The audit entry of their own change as a facilitator, added, never altered."""
        moi = self.moi
        return (
            moi is not None
            and ch.avant is None
            and moi.role == Role.ANIMATEUR
            and (ch.ligne["origine"], ch.ligne["par_id"]) == ("bot", moi.id)
        )

    def _permis_ailleurs(self, ch: Changement, photos: tuple[Photo, Photo]) -> bool:
        moi = self.moi
        if moi is None:  # a stranger: nothing at all
            return False
        mon_groupe = self.monde.groupes[ENV if self.telegram_id in (MIA, ALI) else EP]
        ligne = ch.ligne
        if ch.table == "membre":  # their own preferences, never their role or account
            return (
                ligne["id"] == moi.id
                and ch.avant is not None
                and ch.apres is not None
                and all(ch.avant[k] == ch.apres[k] for k in ("role", "telegram_id", "statut"))
            )
        if ch.table == "calendrier":
            return ligne["membre_id"] == moi.id
        if ch.table == "etat_conversation":  # where their own conversation stands
            return ligne["cle"].split(":")[3] == str(self.telegram_id)
        if ch.table == "envoi":  # a notice or a message queued by the example
            du_groupe = _DU_GROUPE[self.telegram_id in (MIA, ALI)]
            destinataires = {m.id for t, m in self.monde.membres.items() if t in du_groupe}
            return ch.avant is None and ligne["membre_id"] in destinataires
        if ch.table == "piece":  # the results picture of a poll they may read, kept to resend
            sondage = ligne["nom"].removeprefix("resultats-sondage-").removesuffix(".png")
            return (
                moi.role == Role.ANIMATEUR
                and ch.avant is None
                and sondage.isdigit()
                and self.monde.sondages.get(int(sondage)) == mon_groupe
            )
        if ch.table not in TABLES_DE_GROUPE or _groupe(ch.table, ligne, photos) != mon_groupe:
            return False
        if moi.role == Role.ANIMATEUR:
            return True  # their own group: they facilitate it
        # A member: answer, vote, propose a topic.
        if ch.table in ("reponse", "votant"):
            return ligne["membre_id"] == moi.id
        if ch.table == "bulletin":
            return ligne["membre_id"] in (None, moi.id)
        if ch.table == "vote":
            cle = (ligne["bulletin_id"],)
            bulletin = next(p["bulletin"][cle] for p in reversed(photos) if cle in p["bulletin"])
            return bulletin["membre_id"] in (None, moi.id)
        if ch.table == "sujet":
            return ch.avant is None and ligne["propose_par_id"] == moi.id
        return False


# Who may receive a message queued by an example of someone in ENV (True) or EP (False):
# their group, and staff.
_DU_GROUPE = {True: {MIA, ALI, EVE}, False: {ZOE, LEO, EVE}}


# --- fuzzing: what people send ----------------------------------------------------------------

CARACTERES = st.characters(exclude_categories=["Cs"])  # any code point but lone surrogates
SPECIAUX = [
    "\u202e", "\u200f", "\u200b", "\u200d", "\ufeff", "\u2066", "👩‍👩‍👧‍👦", "🇫🇷", "🏳️‍🌈",
    "é", "e\u0301",
    "مرحبا", "שלום", "<b>", "</i>", "&amp;", "&", "<a href='x'>", "\n", " ", "@", "https://",
    "2026-12-10 18:30", "31/02/2026", "25:99", "0", "-1", "99999999999999999999",
]  # fmt: skip
TEXTES = st.one_of(
    st.text(CARACTERES, min_size=1, max_size=200),
    st.lists(st.sampled_from(SPECIAUX), min_size=1, max_size=8).map("".join),
    # Beyond Telegram's 4,096: a client would split it, a forged update need not.
    st.text(CARACTERES, min_size=1, max_size=20).map(lambda s: s * (5000 // len(s))),
)
NOMS_COMMANDES = sorted({f"/{c.nom}" for c in COMMANDES} | {"/start", "/help", "/annuler", "/"})
COMMANDES_ALEATOIRES = st.one_of(
    st.tuples(st.sampled_from(NOMS_COMMANDES), st.one_of(st.just(""), TEXTES)).map(
        lambda c: f"{c[0]} {c[1]}".rstrip(" ") if c[1] else c[0]
    ),
    st.text(CARACTERES, min_size=1, max_size=30).map(lambda s: "/" + s),
)
CLASSES_CB = [
    c
    for c in vars(callbacks).values()
    if isinstance(c, type) and issubclass(c, CallbackData) and c is not CallbackData
]


def _valeur(annotation: Any, ids: list[int]) -> st.SearchStrategy[Any]:
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.one_of(st.sampled_from(ids), st.integers(-3, 60), st.integers(-(2**70), 2**70))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from(list(annotation))
    assert annotation is str, annotation
    return st.one_of(st.just("m"), st.text(CARACTERES.filter(lambda c: c != ":"), max_size=12))


def _emballer(objet: CallbackData) -> str | None:
    try:
        return objet.pack()
    except ValueError:  # too long for Telegram's 64 bytes
        return None


def _forgees(cls: type[CallbackData], ids: list[int]) -> st.SearchStrategy[str | None]:
    champs = {nom: _valeur(f.annotation, ids) for nom, f in cls.model_fields.items()}
    # Forged: packed without validation, as a tampering client would.
    return st.fixed_dictionaries(champs).map(lambda v: _emballer(cls.model_construct(**v)))


def _donnees(ids: list[int]) -> st.SearchStrategy[str]:
    forgees = st.sampled_from(CLASSES_CB).flatmap(lambda cls: _forgees(cls, ids))
    brutes = st.one_of(
        st.text(CARACTERES, min_size=1, max_size=64),
        st.tuples(st.sampled_from([c.__prefix__ for c in CLASSES_CB]), st.text(max_size=40)).map(
            ":".join
        ),
    )
    return typing.cast(
        st.SearchStrategy[str],
        st.one_of(forgees, brutes).filter(lambda d: d is not None and 0 < len(d.encode()) <= 64),
    )


@dataclass(frozen=True)
class Texte:
    texte: str


@dataclass(frozen=True)
class Bouton:
    donnees: str
    message: int  # an index among the bot's messages in the chat, or a message that never was


@dataclass(frozen=True)
class VraiBouton:
    rang: int  # a button the bot really showed, by rank among all of the chat's buttons


Action = Texte | Bouton | VraiBouton


def _actions(monde: Monde) -> st.SearchStrategy[list[Action]]:
    action = st.one_of(
        st.builds(Texte, st.one_of(TEXTES, COMMANDES_ALEATOIRES)),
        st.builds(Bouton, _donnees(monde.identifiants()), st.integers(-1, 30)),
        st.builds(VraiBouton, st.integers(0, 200)),
    )
    return st.lists(action, min_size=1, max_size=3)


# --- fuzzing: the harness -------------------------------------------------------------------------


class Suivi:
    """Counts the updates the dispatcher has finished with, and the errors logged."""

    def __init__(self, banc: Banc, monkeypatch: pytest.MonkeyPatch) -> None:
        self.termines = 0
        self._signal = asyncio.Event()
        self.erreurs: list[logging.LogRecord] = []
        dp = banc.app.dp
        original = dp.feed_update

        async def feed_update(*args: Any, **kwargs: Any) -> Any:
            try:
                return await original(*args, **kwargs)
            finally:
                self.termines += 1
                self._signal.set()

        monkeypatch.setattr(dp, "feed_update", feed_update)
        suivi = self

        class Collecte(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                suivi.erreurs.append(record)

        self._collecte = Collecte(logging.ERROR)
        logging.getLogger().addHandler(self._collecte)

    def fermer(self) -> None:
        logging.getLogger().removeHandler(self._collecte)

    async def attendre(self, nombre: int) -> None:
        async with asyncio.timeout(60):
            while self.termines < nombre:
                self._signal.clear()
                await self._signal.wait()


def _message_vise(utilisateur: Utilisateur, rang: int) -> int:
    messages = utilisateur.messages_du_bot()
    if rang < 0 or not messages:
        return 10_000_000  # a message that never was
    return messages[rang % len(messages)].message_id


async def _jouer(banc: Banc, suivi: Suivi, qui: Utilisateur, action: Action) -> str | None:
    """Send one update, wait until the dispatcher is done with it; the button's answer."""
    attendu = suivi.termines + 1
    if isinstance(action, Texte):
        await qui.envoyer(action.texte, attendre=0)
        await suivi.attendre(attendu)
        return None
    if isinstance(action, VraiBouton):
        boutons = [
            (m.message_id, b.callback_data)
            for m in qui.messages_du_bot()
            for rangee in m.boutons
            for b in rangee
            if b.callback_data
        ]
        if not boutons:
            return None
        message_id, donnees = boutons[action.rang % len(boutons)]
    else:
        message_id, donnees = _message_vise(qui, action.message), action.donnees
    if donnees == EFFACEMENT and qui.user_id != INTRUS:
        # Erasing one's own data is their right (tested in test_socle), and would end the run.
        return None
    appui = asyncio.create_task(qui.appuyer(message_id, donnees))
    await suivi.attendre(attendu)
    reponse = await asyncio.wait_for(appui, 60)  # every press gets an answer
    return reponse.texte


async def _fuzzer(
    banc: Banc,
    suivi: Suivi,
    monde: Monde,
    qui: Utilisateur,
    exemples: int,
) -> int:
    """Run `exemples` Hypothesis examples of `qui` acting; returns how many updates were sent."""
    droits = Droits(monde, qui.user_id)
    boucle = asyncio.get_running_loop()
    envoyes = 0

    async def exemple(actions: list[Action]) -> None:
        nonlocal envoyes
        avant = await _photo(banc)
        vus = len(qui.messages_du_bot())
        erreurs = len(suivi.erreurs)
        for action in actions:
            reponse = await _jouer(banc, suivi, qui, action)
            envoyes += 1
            assert not any(e in (reponse or "") for e in ERREUR_VISIBLE), (action, reponse)
        apres = await _photo(banc)
        nouveaux = [m.texte_visible or m.legende or "" for m in qui.messages_du_bot()[vus:]]
        assert not [t for t in nouveaux if any(e in t for e in ERREUR_VISIBLE)], actions
        assert suivi.erreurs[erreurs:] == [], (actions, [r.getMessage() for r in suivi.erreurs])
        interdits = [
            ch for ch in _changements(avant, apres) if not droits.permis(ch, (avant, apres))
        ]
        assert interdits == [], (actions, interdits)

    @settings(
        max_examples=exemples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_actions(monde))
    def propriete(actions: list[Action]) -> None:
        asyncio.run_coroutine_threadsafe(exemple(actions), boucle).result(timeout=120)

    await asyncio.to_thread(propriete)
    return envoyes


@pytest.fixture
async def monde_fuzz(
    fabrique_banc: Callable[..., Awaitable[Banc]], monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Banc, Suivi, Monde]]:
    # Flood control is tested above; here one person sends hundreds of updates at a frozen
    # instant. Each of their updates stands for five seconds of a person's time, so that the
    # stand-in's per-chat limit judges the bot's answers, not the fuzzer's pace.
    banc = await fabrique_banc(anti_flood_rafale=1000, equipe_telegram_ids=[EVE])
    banc.serveur.pas_humain = 5.0
    monde = await _peupler(banc)
    suivi = Suivi(banc, monkeypatch)
    yield banc, suivi, monde
    suivi.fermer()


EXEMPLES = 100


async def test_un_inconnu_ne_fait_ni_planter_ni_changer_quoi_que_ce_soit(
    monde_fuzz: tuple[Banc, Suivi, Monde],
) -> None:
    banc, suivi, monde = monde_fuzz
    intrus = banc.utilisateur(INTRUS, "Intrus")
    assert await _fuzzer(banc, suivi, monde, intrus, EXEMPLES) >= EXEMPLES
    assert await banc.membre(INTRUS) is None


async def test_un_membre_ne_change_que_ses_propres_donnees(
    monde_fuzz: tuple[Banc, Suivi, Monde],
) -> None:
    banc, suivi, monde = monde_fuzz
    mia = banc.utilisateur(MIA, "Mia")
    assert await _fuzzer(banc, suivi, monde, mia, EXEMPLES) >= EXEMPLES


async def test_un_animateur_ne_touche_pas_a_un_autre_groupe(
    monde_fuzz: tuple[Banc, Suivi, Monde],
) -> None:
    banc, suivi, monde = monde_fuzz
    zoe = banc.utilisateur(ZOE, "Zoé")
    assert await _fuzzer(banc, suivi, monde, zoe, EXEMPLES) >= EXEMPLES
