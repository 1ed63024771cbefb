"""Settings, from the environment and `.env` (every one is documented in `.env.example`).

An operator who gets a setting wrong sees one sentence naming it and saying how to fix it
(`ErreurReglage`), never a pydantic traceback.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PrivateAttr, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DOSSIER_CONFIG = Path(__file__).resolve().parent
TELEGRAM_OFFICIEL = "https://api.telegram.org"

# A token as BotFather gives it: "<bot id>:<35 characters>".
LONGUEUR_MIN_SECRET = 32
_FORME_JETON = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")
_FORME_HEURES = re.compile(r"^\s*(\d{1,2})[:h](\d{2})\s*-\s*(\d{1,2})[:h](\d{2})\s*$")
_FAUX_JETONS = {"changez-moi", "change-me", "xxx", "votre-jeton", "your-token"}


class ErreurReglage(Exception):
    """A setting is missing or malformed; `str()` is the sentence the operator reads."""


@dataclass(frozen=True)
class PlageHoraire:
    """Quiet hours, possibly across midnight (21:00-08:00)."""

    debut: time
    fin: time

    def contient(self, heure: time) -> bool:
        if self.debut <= self.fin:
            return self.debut <= heure < self.fin
        return heure >= self.debut or heure < self.fin

    @property
    def active(self) -> bool:
        """False for an empty range (00:00-00:00): no quiet hours at all."""
        return self.debut != self.fin

    def __str__(self) -> str:
        return f"{self.debut:%H:%M}-{self.fin:%H:%M}"


class Reglages(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", validate_default=True
    )

    bot_token: SecretStr | None = None
    bot_username: str | None = None
    database_url: str = "sqlite+aiosqlite:///./assemblee.db"
    telegram_api_url: str = TELEGRAM_OFFICIEL
    fuseau_horaire: str = "Europe/Paris"
    equipe_telegram_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    heures_calmes: Annotated[PlageHoraire, NoDecode] = PlageHoraire(time(21, 0), time(8, 0))
    invitation_validite_jours: int = Field(default=30, ge=1, le=365)
    contact_equipe: str = "l'équipe de l'Assemblée citoyenne"
    groupes_fichier: Path = DOSSIER_CONFIG / "groupes.toml"
    sources_fichier: Path = DOSSIER_CONFIG / "sources.toml"
    langue_defaut: Literal["fr", "en"] = "fr"
    # The secret that keeps anonymous ballots secret (assemblee/vote_secret.md): never stored in the
    # database. Set it (32+ characters) when several processes or machines serve one database;
    # otherwise it is read from, or created in, the file below (mode 600) at first use.
    secret_scrutins: SecretStr | None = None
    secret_scrutins_fichier: Path = Path("assemblee.secret")
    niveau_log: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    # The outbox: Telegram's limits (https://core.telegram.org/bots/faq#broadcasting-to-users).
    envois_par_seconde: float = Field(default=30, gt=0, le=1000)
    envois_par_chat_par_seconde: float = Field(default=1, gt=0, le=100)
    envois_rafale_chat: int = Field(default=3, ge=1, le=100)
    envois_groupe_par_minute: int = Field(default=20, ge=1, le=1000)
    envois_tentatives_max: int = Field(default=5, ge=1, le=50)
    envois_delai_reessai_secondes: float = Field(default=2, gt=0, le=3600)
    envois_simultanes: int = Field(default=10, ge=1, le=200)

    # Flood control, per Telegram user: a burst of updates (messages or button presses), then
    # a sustained pace; beyond, updates are dropped with one notice. A person never gets there.
    anti_flood_rafale: int = Field(default=20, ge=2, le=1000)
    anti_flood_par_minute: int = Field(default=60, ge=1, le=6000)

    # Reminders before a séance: offsets in days (j) or hours (h); the first one asks
    # "Serez-vous là ?"; those in rappels_si_confirme go only to who answered yes or maybe.
    rappels: str = "7j,1j,2h"
    rappels_si_confirme: str = "2h"
    # A poll's non-voters are reminded this many hours before it closes (0: never).
    sondages_rappel_avant_heures: int = Field(default=24, ge=0, le=24 * 30)

    # The citizen watch: feeds collected every N minutes (spread over the period), each fetch
    # with a timeout and a size cap; a feed failing this many times in a row is deactivated.
    veille_intervalle_minutes: int = Field(default=30, ge=5, le=24 * 60)
    veille_delai_secondes: float = Field(default=10, gt=0, le=120)
    veille_taille_max_octets: int = Field(default=5_000_000, ge=10_000, le=100_000_000)
    veille_echecs_max: int = Field(default=5, ge=1, le=100)
    # Fetch addresses on the local or a private network (loopback, 10.x, 192.168.x...): off, so
    # that a link sent to the bot cannot make it probe the machine or network it runs in.
    veille_adresses_privees: bool = False

    # Webhook mode (long polling is the default).
    webhook: bool = False
    webhook_url: str | None = None
    webhook_hote: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    webhook_chemin: str = "/telegram"
    webhook_secret: SecretStr | None = None

    # The staff console (web), served by the bot itself: on the webhook's server in webhook
    # mode, on its own address in long polling. Port 0: any free port (tests, demo).
    console: bool = True
    console_hote: str = "127.0.0.1"
    console_port: int = Field(default=8081, ge=0, le=65535)
    # Its public address behind an HTTPS proxy, ending with /console; https makes the cookie
    # Secure and gives staff and facilitators a "Console" menu button in Telegram (Mini App).
    console_url_publique: str | None = None

    # Conversations (where each one stands) in Redis rather than in the database: for several
    # processes behind a load balancer, when Redis is at hand. Empty: in the database.
    redis_url: SecretStr | None = None

    _cle_scrutins: bytes | None = PrivateAttr(default=None)

    @field_validator("bot_token", mode="before")
    @classmethod
    def _jeton(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            valeur = valeur.strip()
            if not valeur:
                return None
            if valeur.lower() in _FAUX_JETONS or not _FORME_JETON.match(valeur):
                raise ValueError("jeton")
        return valeur

    @field_validator("secret_scrutins", mode="before")
    @classmethod
    def _secret_scrutins(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            valeur = valeur.strip()
            if not valeur:
                return None
            if len(valeur) < LONGUEUR_MIN_SECRET:
                raise ValueError("secret")
        return valeur

    @field_validator("bot_username", mode="before")
    @classmethod
    def _username(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            valeur = valeur.strip().removeprefix("@")
            if not valeur:
                return None
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", valeur):
                raise ValueError("username")
        return valeur

    @field_validator("database_url", mode="before")
    @classmethod
    def _base(cls, valeur: Any) -> Any:
        if not isinstance(valeur, str):
            return valeur
        valeur = valeur.strip()
        # Accept the URLs operators copy from their host, and pick our async drivers.
        for prefixe, pilote in (
            ("postgres://", "postgresql+asyncpg://"),
            ("postgresql://", "postgresql+asyncpg://"),
            ("sqlite://", "sqlite+aiosqlite://"),
        ):
            if valeur.startswith(prefixe):
                valeur = pilote + valeur.removeprefix(prefixe)
        if not valeur.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("base")
        return valeur

    @field_validator("telegram_api_url", mode="before")
    @classmethod
    def _api(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            valeur = valeur.strip().rstrip("/")
            if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", valeur):
                raise ValueError("url")
        return valeur

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _webhook_url(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            valeur = valeur.strip().rstrip("/")
            if not valeur:
                return None
            # Telegram requires https; plain http only for a Bot API server on this machine.
            if not re.fullmatch(r"https://[^\s/]+(/[^\s]*)?", valeur) and not re.fullmatch(
                r"http://(127\.0\.0\.1|localhost)(:\d+)?(/[^\s]*)?", valeur
            ):
                raise ValueError("url")
        return valeur

    @field_validator("console_url_publique", mode="before")
    @classmethod
    def _console_url(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            valeur = valeur.strip().rstrip("/")
            if not valeur:
                return None
            if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?/console", valeur):
                raise ValueError("url")
        return valeur

    @field_validator("rappels", "rappels_si_confirme")
    @classmethod
    def _rappels(cls, valeur: str) -> str:
        morceaux = [m.strip() for m in valeur.split(",") if m.strip()]
        if not all(re.fullmatch(r"[1-9]\d{0,2}[jh]", m) for m in morceaux):
            raise ValueError("rappels")
        return ",".join(morceaux)

    @field_validator("webhook_chemin")
    @classmethod
    def _chemin(cls, valeur: str) -> str:
        if not re.fullmatch(r"/[A-Za-z0-9/_-]*", valeur) or valeur == "/sante":
            raise ValueError("chemin")
        return valeur

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _secret(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            valeur = valeur.strip()
            if not valeur:
                return None
            if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", valeur):
                raise ValueError("secret")
        return valeur

    @field_validator("fuseau_horaire")
    @classmethod
    def _fuseau(cls, valeur: str) -> str:
        try:
            ZoneInfo(valeur)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("fuseau") from exc
        return valeur

    @field_validator("equipe_telegram_ids", mode="before")
    @classmethod
    def _ids(cls, valeur: Any) -> Any:
        if isinstance(valeur, int):
            return [valeur]
        if isinstance(valeur, str):
            morceaux = [m.strip() for m in re.split(r"[,;\s]+", valeur) if m.strip()]
            if not all(re.fullmatch(r"\d{1,20}", m) for m in morceaux):
                raise ValueError("ids")
            return [int(m) for m in morceaux]
        return valeur

    @field_validator("heures_calmes", mode="before")
    @classmethod
    def _heures(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            trouve = _FORME_HEURES.match(valeur)
            if not trouve:
                raise ValueError("heures")
            h1, m1, h2, m2 = (int(x) for x in trouve.groups())
            try:
                return PlageHoraire(time(h1, m1), time(h2, m2))
            except ValueError as exc:
                raise ValueError("heures") from exc
        return valeur

    @field_validator("groupes_fichier", "sources_fichier")
    @classmethod
    def _groupes(cls, valeur: Path) -> Path:
        if not valeur.is_file():
            raise ValueError("fichier")
        return valeur

    @property
    def fuseau(self) -> ZoneInfo:
        return ZoneInfo(self.fuseau_horaire)

    @property
    def cle_scrutins(self) -> bytes:
        """The anonymous ballots' secret, 32 bytes: from SECRET_SCRUTINS, else from its file,
        created (random, mode 600) the first time. Raises the operator's sentence when the file
        cannot be read or written."""
        if self._cle_scrutins is None:
            if self.secret_scrutins is not None:
                valeur = self.secret_scrutins.get_secret_value().encode()
            else:
                valeur = _lire_ou_creer_secret(self.secret_scrutins_fichier)
            self._cle_scrutins = hashlib.sha256(b"assemblee-scrutins\x00" + valeur).digest()
        return self._cle_scrutins

    @property
    def jeton(self) -> str:
        """The bot token; raises the operator's sentence when it is not set."""
        if self.bot_token is None:
            raise ErreurReglage(
                "BOT_TOKEN manque : créez un bot auprès de @BotFather dans Telegram (commande "
                "/newbot), puis écrivez le jeton qu'il vous donne dans le fichier .env, sur une "
                "ligne BOT_TOKEN=… (ou essayez le bot sans jeton avec « assemblee demo »)."
            )
        return self.bot_token.get_secret_value()

    @property
    def url_webhook_complete(self) -> str:
        if not self.webhook_url:
            raise ErreurReglage(
                "WEBHOOK_URL manque : le mode webhook a besoin de l'adresse publique https:// "
                "où Telegram joindra le bot, par exemple WEBHOOK_URL=https://bot.example.org."
            )
        return self.webhook_url + self.webhook_chemin

    @property
    def console_en_https(self) -> bool:
        """Served to browsers over https (behind a proxy): Secure cookie, Mini App button."""
        return bool(self.console_url_publique and self.console_url_publique.startswith("https://"))

    @property
    def est_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _lire_ou_creer_secret(chemin: Path) -> bytes:
    try:
        valeur = chemin.read_bytes().strip()
    except FileNotFoundError:
        valeur = b""
    except OSError as exc:
        raise ErreurReglage(
            f"Le fichier {chemin} (SECRET_SCRUTINS_FICHIER) ne peut pas être lu ({exc.strerror}) : "
            "vérifiez ses droits, ou mettez le secret dans SECRET_SCRUTINS."
        ) from None
    if len(valeur) >= LONGUEUR_MIN_SECRET:
        return valeur
    if valeur:
        raise ErreurReglage(
            f"Le fichier {chemin} (SECRET_SCRUTINS_FICHIER) est trop court : il doit contenir "
            f"au moins {LONGUEUR_MIN_SECRET} caractères ; s'il a été abîmé, restaurez-le depuis "
            "votre sauvegarde des réglages (les sondages anonymes ouverts en dépendent)."
        )
    valeur = secrets.token_hex(32).encode()
    try:
        descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it just now: use theirs
        return _lire_ou_creer_secret(chemin)
    except OSError as exc:
        raise ErreurReglage(
            f"Le fichier {chemin} (SECRET_SCRUTINS_FICHIER) ne peut pas être créé "
            f"({exc.strerror}) : lancez le bot depuis un dossier où il peut écrire, ou mettez "
            "le secret dans SECRET_SCRUTINS."
        ) from None
    with os.fdopen(descripteur, "wb") as fichier:
        fichier.write(valeur + b"\n")
    return valeur


# How to fix each setting, for the operator's one sentence.
_CONSEILS: dict[str, str] = {
    "bot_token": "le jeton donné par @BotFather a la forme 123456789:AAE… ; recopiez-le en entier "
    "dans .env sur une ligne BOT_TOKEN=…",
    "bot_username": "mettez le nom du bot sans @, par exemple BOT_USERNAME=assemblee_paris_bot",
    "database_url": "utilisez sqlite+aiosqlite:///./assemblee.db ou "
    "postgresql+asyncpg://utilisateur:motdepasse@hote:5432/base",
    "telegram_api_url": "mettez une adresse http(s) complète, par défaut https://api.telegram.org",
    "fuseau_horaire": "mettez un fuseau horaire IANA, par exemple FUSEAU_HORAIRE=Europe/Paris",
    "equipe_telegram_ids": "mettez des identifiants Telegram numériques séparés par des virgules, "
    "par exemple EQUIPE_TELEGRAM_IDS=123456789,987654321",
    "heures_calmes": "mettez une plage HH:MM-HH:MM, par exemple HEURES_CALMES=21:00-08:00",
    "invitation_validite_jours": "mettez un nombre de jours entre 1 et 365, par exemple 30",
    "contact_equipe": "mettez un texte qui dit qui contacter",
    "groupes_fichier": "indiquez le chemin d'un fichier groupes.toml existant",
    "sources_fichier": "indiquez le chemin d'un fichier sources.toml existant",
    "veille_intervalle_minutes": "mettez un nombre de minutes entre 5 et 1440, 30 par défaut",
    "veille_delai_secondes": "mettez un nombre de secondes, 10 par défaut",
    "veille_taille_max_octets": "mettez une taille en octets, 5000000 par défaut",
    "veille_echecs_max": "mettez un nombre d'échecs, 5 par défaut",
    "langue_defaut": "mettez fr ou en",
    "secret_scrutins": "mettez au moins 32 caractères tirés au hasard (ou laissez vide : il est "
    "alors gardé dans le fichier SECRET_SCRUTINS_FICHIER)",
    "secret_scrutins_fichier": "indiquez un chemin de fichier où le bot peut écrire",
    "niveau_log": "mettez DEBUG, INFO, WARNING ou ERROR",
    "envois_par_seconde": "mettez un nombre de messages par seconde, 30 au plus chez Telegram",
    "envois_par_chat_par_seconde": "mettez un nombre de messages par seconde et par personne, 1",
    "envois_rafale_chat": "mettez un petit nombre entier, 3 par défaut",
    "envois_groupe_par_minute": "mettez un nombre entier, 20 au plus chez Telegram",
    "envois_tentatives_max": "mettez un nombre entier de tentatives, 5 par défaut",
    "envois_delai_reessai_secondes": "mettez un nombre de secondes, 2 par défaut",
    "envois_simultanes": "mettez un nombre entier d'envois simultanés, 10 par défaut",
    "anti_flood_rafale": "mettez un nombre entier de messages entre 2 et 1000, 20 par défaut",
    "anti_flood_par_minute": "mettez un nombre entier de messages par minute, 60 par défaut",
    "rappels": "mettez des délais séparés par des virgules, en jours (j) ou en heures (h), "
    "par exemple RAPPELS=7j,1j,2h",
    "rappels_si_confirme": "mettez les délais réservés à qui a répondu oui ou peut-être, "
    "par exemple RAPPELS_SI_CONFIRME=2h",
    "sondages_rappel_avant_heures": "mettez un nombre d'heures, 24 par défaut (0 : pas de rappel)",
    "webhook": "mettez true ou false",
    "webhook_url": "mettez l'adresse publique en https://, par exemple "
    "WEBHOOK_URL=https://bot.example.org",
    "webhook_hote": "mettez l'adresse d'écoute, 127.0.0.1 derrière un proxy",
    "webhook_port": "mettez un port entre 1 et 65535, par exemple 8080",
    "webhook_chemin": "mettez un chemin qui commence par /, par exemple /telegram",
    "console": "mettez true ou false",
    "console_hote": "mettez l'adresse d'écoute, 127.0.0.1 derrière un proxy",
    "console_port": "mettez un port entre 1 et 65535, par exemple 8081",
    "console_url_publique": "mettez l'adresse publique de la console, qui finit par /console, "
    "par exemple CONSOLE_URL_PUBLIQUE=https://assemblee.example.org/console",
    "webhook_secret": "mettez 16 à 256 caractères parmi A-Z a-z 0-9 _ - (ou laissez vide : "
    "un secret est tiré à chaque démarrage)",
}


def charger_reglages(**valeurs: Any) -> Reglages:
    """Read the settings; turn pydantic's report into one sentence naming the first bad setting."""
    try:
        return Reglages(**valeurs)
    except ValidationError as exc:
        erreur = exc.errors()[0]
        champ = str(erreur["loc"][0]) if erreur["loc"] else "?"
        conseil = _CONSEILS.get(champ, "corrigez sa valeur dans .env")
        raise ErreurReglage(
            f"Le réglage {champ.upper()} est invalide : {conseil} (voir config/.env.example)."
        ) from None
