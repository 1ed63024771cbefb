"""Every table of the assistant: the schema at a glance.

Datetimes are stored as UTC instants (`InstantUTC`) and always come back timezone-aware.
Enumerations are stored as short strings (no PostgreSQL ENUM types to migrate).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

# Named constraints, so that migrations can alter them on SQLite (batch mode) and PostgreSQL alike.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class InstantUTC(sa.types.TypeDecorator[datetime]):
    """An aware datetime stored in UTC; SQLite keeps it naive, PostgreSQL as timestamptz."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: use the Horloge")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _enum(classe: type[StrEnum]) -> sa.Enum:
    return sa.Enum(
        classe,
        native_enum=False,
        create_constraint=False,
        length=16,
        values_callable=lambda e: [m.value for m in e],
    )


class Role(StrEnum):
    MEMBRE = "membre"
    ANIMATEUR = "animateur"
    EQUIPE = "equipe"


# Who may do what: each role can do everything the roles before it can.
RANG_ROLE: dict[Role, int] = {Role.MEMBRE: 0, Role.ANIMATEUR: 1, Role.EQUIPE: 2}


class StatutMembre(StrEnum):
    INVITE = "invite"  # record created, invitation not accepted yet (or consent pending)
    ACTIF = "actif"  # bound to Telegram and consent given
    INJOIGNABLE = "injoignable"  # Telegram refuses delivery (blocked the bot, account deleted)
    PARTI = "parti"  # erased their data or left the assembly


class Langue(StrEnum):
    FR = "fr"
    EN = "en"


class Groupe(SQLModel, table=True):
    """A thematic working group (atelier), synchronised from config/groupes.toml."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True)
    nom: str = Field(max_length=100)
    ordre: int = 0
    actif: bool = True
    revue: str = Field(default="lundi 08:00", max_length=30)  # when the weekly digest goes out
    mots_cles: str = Field(default="", sa_type=sa.Text)  # the watch's keywords, one per line


class ChoixRevue(StrEnum):
    GROUPE = "groupe"  # the digest of one's own group
    TOUS = "tous"  # every group's digest
    AUCUNE = "aucune"


class FrequenceRevue(StrEnum):
    HEBDOMADAIRE = "hebdomadaire"  # on the group's day (Monday 08:00 by default)
    QUOTIDIENNE = "quotidienne"  # every morning


class Membre(SQLModel, table=True):
    """A person the assistant serves: member, facilitator or staff."""

    id: int | None = Field(default=None, primary_key=True)
    nom: str = Field(default="", max_length=100)
    prenom: str = Field(default="", max_length=100)
    role: Role = Field(default=Role.MEMBRE, sa_type=_enum(Role))
    statut: StatutMembre = Field(default=StatutMembre.INVITE, sa_type=_enum(StatutMembre))
    telegram_id: int | None = Field(default=None, sa_type=sa.BigInteger, unique=True)
    langue: Langue = Field(default=Langue.FR, sa_type=_enum(Langue))
    cree_le: datetime = Field(sa_type=InstantUTC)
    lie_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    consentement_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    injoignable_depuis: datetime | None = Field(default=None, sa_type=InstantUTC)
    parti_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    revue: ChoixRevue = Field(default=ChoixRevue.GROUPE, sa_type=_enum(ChoixRevue))
    revue_frequence: FrequenceRevue = Field(
        default=FrequenceRevue.HEBDOMADAIRE, sa_type=_enum(FrequenceRevue)
    )

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}".strip()

    @property
    def a_consenti(self) -> bool:
        return self.consentement_le is not None


class Appartenance(SQLModel, table=True):
    """A member's group; for a facilitator, a group they facilitate (one or more)."""

    membre_id: int = Field(foreign_key="membre.id", primary_key=True, ondelete="CASCADE")
    groupe_id: int = Field(foreign_key="groupe.id", primary_key=True, ondelete="RESTRICT")


class Invitation(SQLModel, table=True):
    """A single-use link that binds a Telegram account to a member record.

    Only the SHA-256 of the token is stored: a leaked database does not leak usable links.
    """

    id: int | None = Field(default=None, primary_key=True)
    membre_id: int = Field(foreign_key="membre.id", index=True, ondelete="CASCADE")
    jeton_hash: str = Field(max_length=64, unique=True)
    cree_le: datetime = Field(sa_type=InstantUTC)
    expire_le: datetime = Field(sa_type=InstantUTC)
    utilisee_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    revoquee_le: datetime | None = Field(default=None, sa_type=InstantUTC)


class NatureEnvoi(StrEnum):
    TEXTE = "texte"
    PHOTO = "photo"
    DOCUMENT = "document"
    # An edit of a text message the bot sent before (its id in `telegram_message_id`).
    MODIFICATION = "modification"


class StatutEnvoi(StrEnum):
    EN_ATTENTE = "en_attente"  # queued, or waiting for a retry or the end of quiet hours
    EN_COURS = "en_cours"  # claimed by the sender: in flight
    ENVOYE = "envoye"  # Telegram accepted it (message id recorded)
    INJOIGNABLE = "injoignable"  # the member blocked the bot or has no Telegram account
    ECHEC = "echec"  # refused for good, or failed after every retry
    PERIME = "perime"  # no longer worth sending (a reminder for a séance that has started)


STATUTS_FINAUX = frozenset(
    {StatutEnvoi.ENVOYE, StatutEnvoi.INJOIGNABLE, StatutEnvoi.ECHEC, StatutEnvoi.PERIME}
)


class Piece(SQLModel, table=True):
    """A file the bot sends on its own (a results chart): uploaded once, then re-sent by the
    file id Telegram gives back."""

    id: int | None = Field(default=None, primary_key=True)
    nom: str = Field(max_length=100)
    mime: str = Field(max_length=100)
    contenu: bytes = Field(sa_type=sa.LargeBinary)
    telegram_file_id: str | None = Field(default=None, max_length=255)
    cree_le: datetime = Field(sa_type=InstantUTC)


class Annonce(SQLModel, table=True):
    """A message from staff to many members; each copy is an Envoi."""

    id: int | None = Field(default=None, primary_key=True)
    auteur_id: int | None = Field(
        default=None, foreign_key="membre.id", index=True, ondelete="SET NULL"
    )
    nature: NatureEnvoi = Field(default=NatureEnvoi.TEXTE, sa_type=_enum(NatureEnvoi))
    texte: str = Field(default="", sa_type=sa.Text)
    fichier_id: str | None = Field(default=None, max_length=255)
    audience: str = Field(max_length=60)  # "tous", "groupe:<slug>", "role:<role>"
    urgent: bool = False
    cree_le: datetime = Field(sa_type=InstantUTC)
    bilan_le: datetime | None = Field(default=None, sa_type=InstantUTC)


class Envoi(SQLModel, table=True):
    """One outgoing message to one member: the outbox. Queued with an idempotency key, so
    queueing the same thing twice delivers it once; sent by bot/expediteur.py only."""

    __table_args__ = (sa.Index("ix_envoi_file", "statut", "du_le"),)

    id: int | None = Field(default=None, primary_key=True)
    cle: str = Field(max_length=200, unique=True)
    membre_id: int = Field(foreign_key="membre.id", index=True, ondelete="CASCADE")
    annonce_id: int | None = Field(
        default=None, foreign_key="annonce.id", index=True, ondelete="CASCADE"
    )
    nature: NatureEnvoi = Field(default=NatureEnvoi.TEXTE, sa_type=_enum(NatureEnvoi))
    texte: str = Field(default="", sa_type=sa.Text)  # HTML; the caption for a file
    fichier_id: str | None = Field(default=None, max_length=255)
    piece_id: int | None = Field(default=None, foreign_key="piece.id", ondelete="SET NULL")
    clavier: str | None = Field(default=None, sa_type=sa.Text)  # inline keyboard, JSON
    # Forget the content once sent: an anonymous ballot's keyboard holds its secret token.
    ephemere: bool = False
    urgent: bool = False  # may go out during quiet hours
    du_le: datetime = Field(sa_type=InstantUTC)
    expire_le: datetime | None = Field(default=None, sa_type=InstantUTC)  # not sent after
    statut: StatutEnvoi = Field(default=StatutEnvoi.EN_ATTENTE, sa_type=_enum(StatutEnvoi))
    tentatives: int = 0
    prochain_essai_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    reclame_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    # The lease of a claimed row: which process holds it and until when. Another process
    # resumes the row only once the lease expired or its holder is gone (bot/verrous.py).
    bail_jusqu_au: datetime | None = Field(default=None, sa_type=InstantUTC)
    bail_proprietaire: str | None = Field(default=None, max_length=64)
    envoye_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    telegram_message_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    erreur: str | None = Field(default=None, max_length=300)


class TypeSeance(StrEnum):
    PLENIERE = "pleniere"
    ATELIER = "atelier"
    FORMATION = "formation"
    VISITE = "visite"
    AUTRE = "autre"


class Seance(SQLModel, table=True):
    """A working session: a plenary, a group's workshop, a training, a site visit…"""

    id: int | None = Field(default=None, primary_key=True)
    type: TypeSeance = Field(sa_type=_enum(TypeSeance))
    titre: str = Field(max_length=200)
    groupe_id: int | None = Field(default=None, foreign_key="groupe.id", ondelete="RESTRICT")
    debut: datetime = Field(sa_type=InstantUTC, index=True)
    fin: datetime = Field(sa_type=InstantUTC)
    lieu: str | None = Field(default=None, max_length=300)
    lien: str | None = Field(default=None, max_length=500)
    description: str = Field(default="", sa_type=sa.Text)
    cree_par_id: int | None = Field(default=None, foreign_key="membre.id", ondelete="SET NULL")
    cree_le: datetime = Field(sa_type=InstantUTC)
    modifiee_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    annulee_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    # A change of time or place, or the cancellation, still to be told to the convened members
    # (by the next reminders tick, whoever made the change: the bot or the command line).
    changement_a_annoncer: bool = False
    version: int = 0  # +1 at each change told to members (the notices' idempotency key)
    # What members were last told of when and where, kept while a change waits to be told (the
    # notice then says "from what to what"); `debut_annonce` is None when nothing waits.
    debut_annonce: datetime | None = Field(default=None, sa_type=InstantUTC)
    fin_annonce: datetime | None = Field(default=None, sa_type=InstantUTC)
    lieu_annonce: str | None = Field(default=None, max_length=300)
    lien_annonce: str | None = Field(default=None, max_length=500)


class Convocation(SQLModel, table=True):
    """Staff's adjustment of who is convened: added to, or removed from, the default list
    (everyone for a plenary, the group's members for a workshop)."""

    seance_id: int = Field(foreign_key="seance.id", primary_key=True, ondelete="CASCADE")
    membre_id: int = Field(foreign_key="membre.id", primary_key=True, ondelete="CASCADE")
    convoque: bool  # True: added; False: removed


class ChoixReponse(StrEnum):
    OUI = "oui"
    NON = "non"
    PEUT_ETRE = "peut_etre"


class RaisonAbsence(StrEnum):
    TRAVAIL = "travail"
    # Not "health": that is special-category data (GDPR art. 9) the assembly has no need of.
    PERSONNELLE = "personnelle"
    FAMILLE = "famille"
    AUTRE = "autre"


class Reponse(SQLModel, table=True):
    """A member's RSVP to a séance; changeable until it starts."""

    seance_id: int = Field(foreign_key="seance.id", primary_key=True, ondelete="CASCADE")
    membre_id: int = Field(foreign_key="membre.id", primary_key=True, ondelete="CASCADE")
    choix: ChoixReponse = Field(sa_type=_enum(ChoixReponse))
    raison: RaisonAbsence | None = Field(default=None, sa_type=_enum(RaisonAbsence))
    repondu_le: datetime = Field(sa_type=InstantUTC)


class Presence(SQLModel, table=True):
    """The roll call (émargement) on the day: the attendance record compensation is paid on."""

    seance_id: int = Field(foreign_key="seance.id", primary_key=True, ondelete="CASCADE")
    membre_id: int = Field(foreign_key="membre.id", primary_key=True, ondelete="CASCADE")
    present: bool
    note_par_id: int | None = Field(default=None, foreign_key="membre.id", ondelete="SET NULL")
    note_le: datetime = Field(sa_type=InstantUTC)


class EcheanceRappel(SQLModel, table=True):
    """A reminder round done: one séance, one offset, for the séance's start at that time.
    The tick skips what is recorded here, so a minute's tick costs nothing in steady state;
    a new start time (a reschedule) makes new rounds."""

    __tablename__ = "echeance_rappel"

    seance_id: int = Field(foreign_key="seance.id", primary_key=True, ondelete="CASCADE")
    decalage: str = Field(max_length=10, primary_key=True)  # "7j", "1j", "2h"
    debut: datetime = Field(sa_type=InstantUTC, primary_key=True)
    faite_le: datetime = Field(sa_type=InstantUTC)
    rappels: int = 0  # how many members it was queued for


class StatutSujet(StrEnum):
    PROPOSE = "propose"
    ACCEPTE = "accepte"
    FUSIONNE = "fusionne"  # merged into a duplicate accepted topic
    DECLINE = "decline"


class Sujet(SQLModel, table=True):
    """A topic proposed for a group's work; facilitators accept, merge or decline it."""

    id: int | None = Field(default=None, primary_key=True)
    groupe_id: int = Field(foreign_key="groupe.id", index=True, ondelete="RESTRICT")
    texte: str = Field(max_length=300)
    statut: StatutSujet = Field(default=StatutSujet.PROPOSE, sa_type=_enum(StatutSujet))
    propose_par_id: int | None = Field(default=None, foreign_key="membre.id", ondelete="SET NULL")
    propose_le: datetime = Field(sa_type=InstantUTC)
    decide_par_id: int | None = Field(default=None, foreign_key="membre.id", ondelete="SET NULL")
    decide_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    raison: str | None = Field(default=None, max_length=300)  # why it was declined
    fusionne_dans_id: int | None = Field(default=None, foreign_key="sujet.id", ondelete="SET NULL")


class TypeSondage(StrEnum):
    UNIQUE = "unique"  # one choice
    MULTIPLE = "multiple"  # approval: several choices, maybe a maximum
    JUGEMENT = "jugement"  # majority judgment: every option graded


class Sondage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    question: str = Field(max_length=300)
    type: TypeSondage = Field(sa_type=_enum(TypeSondage))
    max_choix: int | None = None  # multiple choice only
    groupe_id: int | None = Field(default=None, foreign_key="groupe.id", ondelete="RESTRICT")
    anonyme: bool = True
    auteur_id: int | None = Field(default=None, foreign_key="membre.id", ondelete="SET NULL")
    cree_le: datetime = Field(sa_type=InstantUTC)
    ferme_le: datetime = Field(sa_type=InstantUTC, index=True)  # the planned close
    clos_le: datetime | None = Field(default=None, sa_type=InstantUTC)  # the actual close
    rappel_fait_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    resultats_envoyes_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    # Frozen at the close, so that a member's later erasure does not change published figures.
    inscrits: int | None = None
    votants: int | None = None
    bulletins_ecartes: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class OptionSondage(SQLModel, table=True):
    __tablename__ = "option_sondage"

    id: int | None = Field(default=None, primary_key=True)
    sondage_id: int = Field(foreign_key="sondage.id", index=True, ondelete="CASCADE")
    ordre: int
    texte: str = Field(max_length=200)
    sujet_id: int | None = Field(default=None, foreign_key="sujet.id", ondelete="SET NULL")


class Bulletin(SQLModel, table=True):
    """A ballot. Named polls: the member's, with its `Vote` rows. Anonymous polls, while open:
    no member, a key that only the bot's ballot secret can compute from (poll, member), and
    the choices sealed (AES-GCM, fixed length) under a key derived from that secret; at the
    close they are unsealed into new ballots, in random order, keyless (see
    assemblee/vote_secret.md)."""

    id: int | None = Field(default=None, primary_key=True)
    sondage_id: int = Field(foreign_key="sondage.id", index=True, ondelete="CASCADE")
    membre_id: int | None = Field(default=None, foreign_key="membre.id", ondelete="CASCADE")
    jeton_hash: str | None = Field(default=None, max_length=64, unique=True)
    scelle: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    # Taps so far: > 0 means "has voted". Every tap bumps it first, which also takes the
    # row's write lock, so two taps at once are applied one after the other.
    version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Vote(SQLModel, table=True):
    """One option's value on a ballot: 1 for a chosen option, or a grade 0..5 (5 = Excellent).
    Anonymous polls have none until their close."""

    bulletin_id: int = Field(foreign_key="bulletin.id", primary_key=True, ondelete="CASCADE")
    option_id: int = Field(foreign_key="option_sondage.id", primary_key=True, ondelete="CASCADE")
    valeur: int


class Votant(SQLModel, table=True):
    """Who may vote (never whether nor what): written once, at the launch. Whether a member
    has voted is read from their ballot, which only the bot can find."""

    sondage_id: int = Field(foreign_key="sondage.id", primary_key=True, ondelete="CASCADE")
    membre_id: int = Field(foreign_key="membre.id", primary_key=True, ondelete="CASCADE")


class Source(SQLModel, table=True):
    """A news feed (RSS or Atom) of the citizen watch."""

    id: int | None = Field(default=None, primary_key=True)
    nom: str = Field(max_length=200)
    url: str = Field(max_length=1000, unique=True)
    active: bool = True
    depuis_config: bool = False  # listed in config/sources.toml (else added by staff)
    ajoutee_le: datetime = Field(sa_type=InstantUTC)
    ajoutee_par_id: int | None = Field(default=None, foreign_key="membre.id", ondelete="SET NULL")
    etag: str | None = Field(default=None, max_length=300)
    derniere_modification: str | None = Field(default=None, max_length=100)  # Last-Modified
    collectee_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    prochaine_collecte_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    echecs: int = 0  # consecutive failures
    derniere_erreur: str | None = Field(default=None, max_length=300)
    desactivee_le: datetime | None = Field(default=None, sa_type=InstantUTC)


class Article(SQLModel, table=True):
    """A news item, from a feed or tipped by a member; deduplicated by GUID and canonical URL."""

    id: int | None = Field(default=None, primary_key=True)
    source_id: int | None = Field(
        default=None, foreign_key="source.id", index=True, ondelete="SET NULL"
    )
    url: str = Field(max_length=1000, unique=True)  # canonical: no tracking parameters
    guid_hash: str | None = Field(default=None, max_length=64, unique=True)
    titre: str = Field(max_length=500)
    titre_normalise: str = Field(max_length=500, index=True)
    resume: str = Field(default="", sa_type=sa.Text)
    publie_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    collecte_le: datetime = Field(sa_type=InstantUTC, index=True)
    propose_par_id: int | None = Field(default=None, foreign_key="membre.id", ondelete="SET NULL")


class StatutArticle(StrEnum):
    NOUVEAU = "nouveau"  # waiting for curation
    GARDE = "garde"
    A_LA_UNE = "a_la_une"  # kept, and first in the digest
    ECARTE = "ecarte"


class ArticleGroupe(SQLModel, table=True):
    """An article filed in a group (by keywords, or by a member's tip), and its curation."""

    __tablename__ = "article_groupe"

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    groupe_id: int = Field(foreign_key="groupe.id", primary_key=True, ondelete="CASCADE")
    statut: StatutArticle = Field(default=StatutArticle.NOUVEAU, sa_type=_enum(StatutArticle))
    note: str | None = Field(default=None, max_length=200)
    decide_par_id: int | None = Field(default=None, foreign_key="membre.id", ondelete="SET NULL")
    decide_le: datetime | None = Field(default=None, sa_type=InstantUTC, index=True)
    sujet_id: int | None = Field(default=None, foreign_key="sujet.id", ondelete="SET NULL")


class Revue(SQLModel, table=True):
    """A group's digest for one period and frequency: made once (its messages are Envoi rows)."""

    # Made once even when two processes tick at the same minute; and one digest only follows
    # a given one: two made from the same previous digest (the scheduler and "send now" at
    # once, a double tap) would send the same articles twice.
    __table_args__ = (
        sa.UniqueConstraint("groupe_id", "frequence", "jusqua"),
        sa.UniqueConstraint("groupe_id", "frequence", "depuis", name="uq_revue_suite"),
    )

    id: int | None = Field(default=None, primary_key=True)
    groupe_id: int = Field(foreign_key="groupe.id", index=True, ondelete="CASCADE")
    frequence: FrequenceRevue = Field(sa_type=_enum(FrequenceRevue))
    # Articles kept from `depuis` (the previous digest's `jusqua`) to before `jusqua`. None:
    # made before it was recorded (migration 0011 fills it where a previous digest exists).
    depuis: datetime | None = Field(default=None, sa_type=InstantUTC)
    jusqua: datetime = Field(sa_type=InstantUTC)  # articles kept before this instant
    faite_le: datetime = Field(sa_type=InstantUTC)
    articles: int = 0


class EtatConversation(SQLModel, table=True):
    """Where a conversation stands (aiogram FSM state and data, bot/stockage.py): kept in the
    database so it survives a restart and is shared by every process."""

    __tablename__ = "etat_conversation"

    cle: str = Field(max_length=200, primary_key=True)  # bot:chat:user[:thread]
    etat: str | None = Field(default=None, max_length=200)
    donnees: str = Field(default="{}", sa_type=sa.Text)  # JSON


class Calendrier(SQLModel, table=True):
    """A member's secret, revocable calendar subscription URL (webhook mode)."""

    id: int | None = Field(default=None, primary_key=True)
    membre_id: int = Field(foreign_key="membre.id", index=True, ondelete="CASCADE")
    jeton_hash: str = Field(max_length=64, unique=True)
    cree_le: datetime = Field(sa_type=InstantUTC)
    revoque_le: datetime | None = Field(default=None, sa_type=InstantUTC)


class EntreeJournal(SQLModel, table=True):
    """The audit log: every change made from the console, the bot's staff commands and the
    command line: who (`par_id`, empty for the command line and the settings: `origine` says
    which), what (`action`), on what (`objet`, `objet_id`; `membre_id` when it concerns a
    person), when, and the values before and after (assemblee/journal.py)."""

    __tablename__ = "journal"

    id: int | None = Field(default=None, primary_key=True)
    le: datetime = Field(sa_type=InstantUTC, index=True)
    origine: str = Field(max_length=20)  # "bot", "cli", "console", "reglages"
    par_id: int | None = Field(
        default=None, foreign_key="membre.id", index=True, ondelete="SET NULL"
    )
    membre_id: int | None = Field(
        default=None, foreign_key="membre.id", index=True, ondelete="SET NULL"
    )
    action: str = Field(max_length=40)  # "role", "groupes", "depart", "seance-annulee", …
    objet: str = Field(default="", max_length=20, index=True)  # "membre", "seance", …
    objet_id: int | None = Field(default=None)
    avant: str = Field(default="", max_length=300)
    apres: str = Field(default="", max_length=300)


class SessionConsole(SQLModel, table=True):
    """A signed-in browser of the console: the cookie holds a random token, the database its
    hash. Ended by logout, by 12 hours unused, or by staff ending every session of a person."""

    __tablename__ = "session_console"

    id: int | None = Field(default=None, primary_key=True)
    jeton_hash: str = Field(max_length=64, unique=True)
    membre_id: int = Field(foreign_key="membre.id", index=True, ondelete="CASCADE")
    csrf: str = Field(max_length=64)
    origine: str = Field(max_length=20)  # "lien" (one-time link) or "mini-app"
    cree_le: datetime = Field(sa_type=InstantUTC)
    vue_le: datetime = Field(sa_type=InstantUTC)
    terminee_le: datetime | None = Field(default=None, sa_type=InstantUTC)


class LienConnexion(SQLModel, table=True):
    """A one-time login link sent by /console: its hash, its owner, until when, and whether it
    was used (a second use is refused)."""

    __tablename__ = "lien_connexion"

    id: int | None = Field(default=None, primary_key=True)
    jeton_hash: str = Field(max_length=64, unique=True)
    membre_id: int = Field(foreign_key="membre.id", index=True, ondelete="CASCADE")
    cree_le: datetime = Field(sa_type=InstantUTC)
    expire_le: datetime = Field(sa_type=InstantUTC)
    utilise_le: datetime | None = Field(default=None, sa_type=InstantUTC)


class Campagne(SQLModel, table=True):
    """A renewal campaign: volunteers register between `ouverture` and `cloture`, the draw
    fills the seats, the new members start on `renouvellement_le`, and the volunteers' data
    are deleted on `suppression_le` (told in the registration notice). The targets, the
    commitment, the public value and the result are kept for the published record."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=30, unique=True)  # the deep link: ?start=candidater-<slug>
    nom: str = Field(max_length=100)
    ouverture: datetime = Field(sa_type=InstantUTC)
    cloture: datetime = Field(sa_type=InstantUTC)
    renouvellement_le: datetime = Field(sa_type=InstantUTC)
    suppression_le: datetime = Field(sa_type=InstantUTC)
    delai_reponse_jours: int = 7  # to accept a seat
    cibles: str | None = Field(default=None, sa_type=sa.Text)  # TOML, as config/tirage.toml
    engagement: str | None = Field(default=None, max_length=64)  # SHA-256 of the secret
    engage_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    valeur_publique: str | None = Field(default=None, max_length=200)
    secret: str | None = Field(default=None, max_length=200)  # revealed with the draw
    tire_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    rapport: str | None = Field(default=None, sa_type=sa.Text)  # JSON: the draw's report
    sortants_partis_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    effacee_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    cree_le: datetime = Field(sa_type=InstantUTC)


class Volontaire(SQLModel, table=True):
    """A resident who volunteers for the draw: not a member (no member command). Registered
    in the bot or from a paper/phone form (CSV). `pseudo` is what is published."""

    __table_args__ = (
        sa.UniqueConstraint("campagne_id", "telegram_id", name="uq_volontaire_telegram"),
        sa.UniqueConstraint("campagne_id", "pseudo", name="uq_volontaire_pseudo"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campagne_id: int = Field(foreign_key="campagne.id", index=True, ondelete="CASCADE")
    pseudo: str = Field(max_length=12)
    telegram_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    langue: Langue = Field(default=Langue.FR, sa_type=_enum(Langue))
    prenom: str = Field(default="", max_length=100)
    nom: str = Field(default="", max_length=100)
    genre: str = Field(max_length=16)
    annee_naissance: int | None = None
    age: str = Field(max_length=16)  # the band
    diplome: str = Field(max_length=16)
    arrondissement: str = Field(max_length=2)
    contact: str = Field(default="", max_length=200)  # phone, e-mail or "telegram"
    adresse: str | None = Field(default=None, max_length=200)  # household rule; never shown
    origine: str = Field(default="bot", max_length=10)  # "bot" or "papier"
    consentement_le: datetime = Field(sa_type=InstantUTC)
    inscrit_le: datetime = Field(sa_type=InstantUTC)
    modifie_le: datetime = Field(sa_type=InstantUTC)
    doublon_de: int | None = Field(default=None)  # another volunteer who looks the same
    rang_reserve: int | None = None  # after the draw: the order of call (1 first)
    informe_le: datetime | None = Field(default=None, sa_type=InstantUTC)  # told not drawn
    anonymise_le: datetime | None = Field(default=None, sa_type=InstantUTC)


class EtatSiege(StrEnum):
    PROPOSE = "propose"  # offered, waiting for an answer until `echeance`
    ACCEPTE = "accepte"
    DECLINE = "decline"
    EXPIRE = "expire"  # no answer by the deadline


class Siege(SQLModel, table=True):
    """A seat offered to a drawn volunteer (or to the reserve's next): the state staff see.
    An accepted seat names the member it made."""

    id: int | None = Field(default=None, primary_key=True)
    campagne_id: int = Field(foreign_key="campagne.id", index=True, ondelete="CASCADE")
    volontaire_id: int = Field(foreign_key="volontaire.id", unique=True, ondelete="CASCADE")
    numero: int  # the seat (1..sieges): a replacement takes the same number
    etat: EtatSiege = Field(default=EtatSiege.PROPOSE, sa_type=_enum(EtatSiege))
    propose_le: datetime = Field(sa_type=InstantUTC)
    echeance: datetime = Field(sa_type=InstantUTC)
    prevenu_le: datetime | None = Field(default=None, sa_type=InstantUTC)  # offer sent
    repondu_le: datetime | None = Field(default=None, sa_type=InstantUTC)
    membre_id: int | None = Field(
        default=None, foreign_key="membre.id", index=True, ondelete="SET NULL"
    )


class Restant(SQLModel, table=True):
    """A member who stays through a partial renewal, with the categories they count for."""

    campagne_id: int = Field(foreign_key="campagne.id", primary_key=True, ondelete="CASCADE")
    membre_id: int = Field(foreign_key="membre.id", primary_key=True, ondelete="CASCADE")
    genre: str = Field(max_length=16)
    age: str = Field(max_length=16)
    diplome: str = Field(max_length=16)
    arrondissement: str = Field(max_length=2)


# Tables whose rows about a member survive the erasure of their personal data, because
# compensation requires them (the attendance records, once séances exist). Every other row
# that belongs to the member (non-nullable link) is deleted by `membres.effacer_donnees`;
# an optional link (an announcement's author) is set to NULL.
CONSERVEES_APRES_EFFACEMENT: frozenset[str] = frozenset({"presence"})

# Columns never shown to anyone, not even in a member's own data export.
COLONNES_SECRETES: frozenset[str] = frozenset({"jeton_hash", "contenu", "scelle", "csrf"})
