"""What a feed says, made fit to keep: parse it, clean it, deduplicate it, file it in groups.

Deduplication, most certain first: the same GUID from the same feed, the same canonical URL
(tracking parameters dropped), then a near-identical title already collected from another
source in the last 7 days (the same story syndicated by two outlets). The same title from the
same feed is NOT a duplicate: a feed repeats titles on purpose ("Conseil de Paris : l'ordre du
jour"), and its GUID or URL tells its items apart.

Classification follows config/groupes.toml: a keyword matches whole words only, whatever the
case and accents, and a multi-word keyword matches as a phrase. Each word may take the regular
French plural, both ways ("arbre" matches "Arbres", "eau" matches "eaux", "déchets" matches
"Zéro déchet", "mobilier urbain" matches "mobiliers urbains"; a final s or x is dropped from a
keyword's word only when at least four letters remain, so that "bus" does not match "bu"), and
nothing looser: a fuzzy match would file "place" under "remplacement", "rue" under "ruelle"
and "eau" under "bureau". Irregular forms ("travail", "travaux") are listed as keywords of their
own. A keyword written with a leading "-" is an exclusion: the phrase does not count for the
group ("-en place" keeps "place" from matching "mise en place", while "la place de la
République" still matches).
"""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import html
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from difflib import SequenceMatcher
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser  # type: ignore[import-untyped]
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.modeles import Article, ArticleGroupe, Groupe, Source, StatutArticle

journal = logging.getLogger(__name__)

# A story syndicated by several outlets usually shows up within a few days.
FENETRE_DOUBLONS = timedelta(days=7)
SEUIL_PROCHES = 0.9  # difflib ratio of two normalised titles
LONGUEUR_RESUME = 500
LONGUEUR_TITRE = 500  # Article.titre / titre_normalise
LONGUEUR_URL = 1000  # Article.url
TRANCHE = 500  # rows per INSERT: each slice's parameters are made on the event loop

# Query parameters that only say where a click came from: dropped, so that one article shared
# with different campaign tags is one URL.
_SUIVI_EXACTS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "xtor",
        "xts",
        "xtref",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ncid",
        "ocid",
        "cmpid",
        "vero_id",
        "oly_anon_id",
        "oly_enc_id",
        "wt.mc_id",
        "rss",
    }
)
_SUIVI_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "ns_", "hsa_")
_PORTS_DEFAUT = {"http": 80, "https": 443}

# Words whose change makes another story even when the rest of the title is the same
# ("… la séance de novembre" / "… de décembre"), like numbers do.
_MOIS_JOURS = frozenset(
    [
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
    ]
)
# Letters NFKD does not take apart.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o"})
_NON_MOT = re.compile(r"[^a-z0-9]+")
_CHIFFRE = re.compile(r"[0-9]")
# Words an outlet adds around a title it carries ("(vidéo)", "[photos]", "EN DIRECT").
_MARQUEURS_MEDIA = frozenset(
    [
        "video",
        "videos",
        "photo",
        "photos",
        "direct",
        "live",
        "diaporama",
        "infographie",
        "podcast",
        "audio",
        "replay",
    ]
)
# Combining marks (accents) that NFKD splits from their letters.
_DIACRITIQUES = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class ErreurFlux(Exception):
    """The document is not a feed ("pas-un-flux"), or its text would be too big once read
    ("trop-gros": entities that expand into megabytes). `.code`, `.detail`."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class EntreeFlux:
    """One item of a feed (or a member's tip), as read: not yet cleaned nor deduplicated."""

    guid: str | None
    url: str
    titre: str
    resume_html: str = ""
    publie_le: datetime | None = None  # aware UTC


@dataclass(frozen=True)
class Flux:
    titre: str | None
    entrees: list[EntreeFlux]
    bozo: bool  # feedparser had to recover from an error (bad XML, wrong declared encoding)
    taille_texte: int = 0  # characters of text feedparser gave (titles, summaries, contents)


# --- text ---------------------------------------------------------------------------------------


def url_canonique(url: str) -> str:
    """One spelling per article: lowercase scheme and host, no default port, no fragment, no
    tracking parameters, the remaining query sorted, no trailing slash but the root's."""
    morceaux = urlsplit(url.strip())
    schema = morceaux.scheme.lower()
    hote = (morceaux.hostname or "").rstrip(".")
    if ":" in hote:  # IPv6
        hote = f"[{hote}]"
    try:
        port = morceaux.port
    except ValueError:
        port = None
    if port is not None and port != _PORTS_DEFAUT.get(schema):
        hote = f"{hote}:{port}"
    if morceaux.username:
        identite = morceaux.username + (f":{morceaux.password}" if morceaux.password else "")
        hote = f"{identite}@{hote}"
    chemin = morceaux.path or "/"
    if len(chemin) > 1:
        chemin = chemin.rstrip("/") or "/"
    parametres = [
        (cle, valeur)
        for cle, valeur in parse_qsl(morceaux.query, keep_blank_values=True)
        if not _est_suivi(cle)
    ]
    requete = urlencode(sorted(parametres), doseq=True)
    return urlunsplit((schema, hote, chemin, requete, ""))


def _est_suivi(cle: str) -> bool:
    cle = cle.lower()
    return cle in _SUIVI_EXACTS or cle.startswith(_SUIVI_PREFIXES)


_BLOCS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_INVISIBLES = frozenset({"script", "style", "template", "noscript", "head", "title"})


class _Texte(HTMLParser):
    """The visible text of an HTML fragment; block elements become spaces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.morceaux: list[str] = []
        self._cache = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLES:
            self._cache += 1
        elif tag in _BLOCS:
            self.morceaux.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLES:
            self._cache = max(0, self._cache - 1)
        elif tag in _BLOCS:
            self.morceaux.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._cache:
            self.morceaux.append(data)


def texte_brut(html_: str, longueur_max: int = LONGUEUR_RESUME) -> str:
    """The text of an HTML summary: tags dropped, entities decoded, whitespace folded, cut at
    a word with "…" to at most `longueur_max` characters."""
    if "<" in html_:
        analyseur = _Texte()
        analyseur.feed(html_)
        analyseur.close()
        texte = "".join(analyseur.morceaux)
    else:
        texte = html.unescape(html_)
    return couper(" ".join(texte.split()), longueur_max)


def couper(texte: str, longueur_max: int) -> str:
    """At most `longueur_max` characters, cut at a word boundary, "…" marking the cut."""
    if len(texte) <= longueur_max:
        return texte
    debut = texte[: max(longueur_max - 1, 0)]
    espace = debut.rfind(" ")
    if espace > len(debut) // 2:
        debut = debut[:espace]
    return debut.rstrip(" ,;:.-–—") + "…"


def _forme_simple(texte: str) -> str:
    """Lowercase ASCII words, single spaces: "L'École, rue d'Ulm" -> "l ecole rue d ulm"."""
    decompose = unicodedata.normalize("NFKD", texte.casefold().translate(_LIGATURES))
    return _NON_MOT.sub(" ", _DIACRITIQUES.sub("", decompose)).strip()


def titre_normalise(titre: str) -> str:
    """A title's comparable form: no case, no accents, punctuation folded into single spaces."""
    return _forme_simple(titre)[:LONGUEUR_TITRE]


@dataclass(frozen=True)
class _Titre:
    """A normalised title and what the near-duplicate check needs of it, computed once."""

    texte: str
    mots: frozenset[str]
    reperes: frozenset[str]  # numbers ("11e", "2027"), months, weekdays

    @classmethod
    def de(cls, normalise: str) -> _Titre:
        texte = _sans_marqueurs(normalise)
        mots = frozenset(texte.split())
        reperes = frozenset(m for m in mots if m in _MOIS_JOURS or _CHIFFRE.search(m))
        return cls(texte, mots, reperes)


def _sans_marqueurs(normalise: str) -> str:
    """A normalised title without the outlet's "(vidéo)", "[photos]", "EN DIRECT" around it:
    two retitlings of one story then compare equal. Idempotent."""
    liste = normalise.split()
    while len(liste) > 1 and liste[-1] in _MARQUEURS_MEDIA:
        liste.pop()
    while len(liste) > 2 and liste[0] == "en" and liste[1] in _MARQUEURS_MEDIA:
        del liste[:2]
    return " ".join(liste)


def proches(a: str, b: str) -> bool:
    """Near-identical titles, the same story retitled by another outlet: on their normalised
    forms (case, accents and punctuation ignored),
    - every word of the one with fewer words is in the other (a prefix "Paris :" or a suffix
      "(vidéo)" may be added, but "… des projets pour le vélo" and "… pour le climat" are
      two stories however alike the rest);
    - numbers and dates agree when both have some ("Vélib : 300 stations" / "200 stations",
      "la séance de novembre" / "de décembre", "le 11e" / "le 18e" are two stories);
    - and difflib's ratio is at least 0.9."""
    return _proches(_Titre.de(titre_normalise(a)), _Titre.de(titre_normalise(b)))


def _proches(a: _Titre, b: _Titre, comparateur: SequenceMatcher[str] | None = None) -> bool:
    if not a.texte or not b.texte:
        return False
    if a.texte == b.texte:
        return True
    if a.reperes and b.reperes and a.reperes != b.reperes:
        return False
    court, long_ = (a, b) if len(a.mots) <= len(b.mots) else (b, a)
    if not court.mots <= long_.mots:
        return False
    if comparateur is None:
        comparateur = SequenceMatcher(None, autojunk=False)
        comparateur.set_seq2(b.texte)
    comparateur.set_seq1(a.texte)
    return (
        comparateur.real_quick_ratio() >= SEUIL_PROCHES
        and comparateur.quick_ratio() >= SEUIL_PROCHES
        and comparateur.ratio() >= SEUIL_PROCHES
    )


# --- classification -----------------------------------------------------------------------------


def _lignes_mots_cles(groupe: Groupe) -> list[tuple[bool, str]]:
    """(exclusion?, keyword in comparable form) of each line of a group's `mots_cles`."""
    lignes = []
    for brute in groupe.mots_cles.splitlines():
        ligne = brute.strip()
        exclusion = ligne.startswith("-")
        mot = _forme_simple(ligne[1:] if exclusion else ligne)
        if mot:
            lignes.append((exclusion, mot))
    return lignes


def mots_cles(groupe: Groupe) -> list[str]:
    """A group's keywords in comparable form (one per line in `mots_cles`), exclusions left
    out."""
    return [mot for exclusion, mot in _lignes_mots_cles(groupe) if not exclusion]


def exclusions(groupe: Groupe) -> list[str]:
    """A group's excluded phrases in comparable form (lines starting with "-")."""
    return [mot for exclusion, mot in _lignes_mots_cles(groupe) if exclusion]


@dataclass(frozen=True)
class Regle:
    """A group's keywords and exclusions, compiled once."""

    motif: re.Pattern[str]
    exclu: re.Pattern[str] | None

    def search(self, cible: str) -> bool:
        """Whether one of the keywords is in `cible` (see `_cible`) outside the exclusions."""
        if self.exclu is not None:
            # A marker no keyword contains: a keyword cannot match across the cut either.
            cible = self.exclu.sub(" _ ", cible)
        return self.motif.search(cible) is not None


def classer(texte: str, groupes: Sequence[Groupe]) -> list[Groupe]:
    """The active groups one of whose keywords appears in the text as whole words, plural
    allowed, outside the group's exclusions (see the module's docstring), in the order given.
    Several groups may match."""
    cible = _cible(texte)
    return [groupe for groupe, regle in _regles(groupes) if regle.search(cible)]


def _forme_mot(mot: str) -> str:
    """One word of a keyword as a pattern: singular or plural, whichever was written."""
    if mot[-1] in "sx" and len(mot) >= 5:
        mot = mot[:-1]
    return f"{re.escape(mot)}[sx]?"


def _expressions(mots: Sequence[str]) -> str:
    return "|".join(" ".join(_forme_mot(mot) for mot in cle.split()) for cle in mots)


def _motif(mots: Sequence[str]) -> re.Pattern[str]:
    """One pattern for a group's keywords (in comparable form): whole words, each one
    singular or plural. Never matches when the group has no keyword."""
    if not mots:
        return re.compile(r"(?!)")
    # Lookarounds, not consumed spaces: two keywords side by side both count.
    return re.compile("(?<= )(?:" + _expressions(mots) + ")(?= )")


def _regle(groupe: Groupe) -> Regle:
    exclues = exclusions(groupe)
    exclu = re.compile("(?<= )(?:" + _expressions(exclues) + ")(?= )") if exclues else None
    return Regle(_motif(mots_cles(groupe)), exclu)


def _cible(texte: str) -> str:
    # Padded with spaces: " word " finds whole words in the normalised text.
    return f" {_forme_simple(texte)} "


def _regles(groupes: Sequence[Groupe]) -> list[tuple[Groupe, Regle]]:
    return [(groupe, _regle(groupe)) for groupe in groupes if groupe.actif]


# --- feeds --------------------------------------------------------------------------------------


def _date(valeur: Any) -> datetime | None:
    """feedparser's parsed dates are UTC struct_time."""
    if not valeur:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(valeur), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _lien(entree: Any, base: str) -> str | None:
    lien = entree.get("link")
    if not lien:
        for autre in entree.get("links", []):
            if autre.get("href") and autre.get("rel", "alternate") == "alternate":
                lien = autre["href"]
                break
    if not lien:
        return None
    lien = urljoin(base, str(lien).strip())
    return lien if urlsplit(lien).scheme in _PORTS_DEFAUT and urlsplit(lien).hostname else None


def _resume(entree: Any) -> str:
    if entree.get("summary"):
        return str(entree["summary"])
    for contenu in entree.get("content", []):
        if contenu.get("value"):
            return str(contenu["value"])
    return ""


def _titre_entree(entree: Any) -> str:
    """A plain-text title stays as it is ("Loi <SRU> : …"); an HTML one loses its tags."""
    titre = str(entree.get("title") or "")
    if (entree.get("title_detail") or {}).get("type") == "text/plain":
        return couper(" ".join(titre.split()), LONGUEUR_TITRE)
    return texte_brut(titre, LONGUEUR_TITRE)


# Entities a document declares itself (<!ENTITY name "value">) and references to them: a few
# bytes of references may expand into megabytes ("billion laughs"), which feedparser's lenient
# parser does even when expat refuses.
_ENTITE = re.compile(
    rb"<!ENTITY\s+(?:%\s+)?([^\s>\"']+)\s+(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE
)
_REFERENCE = re.compile(rb"[&%]([^\s;&%<>\"']{1,200});")
ENTITES_MAX = 64  # entities a feed may declare (real feeds declare none or a few)
MARGE_TEXTE = 1_000_000  # characters a feed's text may exceed twice its size by


def limite_texte(contenu: bytes) -> int:
    """The most text a feed of this size may give once read. Without declared entities a
    feed's text is never longer than the feed itself; twice that, and a margin, is generous."""
    return 2 * len(contenu) + MARGE_TEXTE


def taille_developpee(contenu: bytes, plafond: int) -> int:
    """The size of the document once its declared entities are expanded, computed without
    expanding them (nested entities included), counted up to `plafond` + 1 at most."""
    valeurs: dict[bytes, bytes] = {}
    for trouve in _ENTITE.finditer(contenu):
        valeur = trouve.group(2) if trouve.group(2) is not None else trouve.group(3)
        valeurs.setdefault(trouve.group(1), valeur or b"")
        if len(valeurs) > ENTITES_MAX:
            return plafond + 1
    if not valeurs:
        return len(contenu)
    tailles: dict[bytes, int] = {}

    def taille(nom: bytes, pile: frozenset[bytes]) -> int:
        if nom in tailles:
            return tailles[nom]
        if nom in pile or len(pile) > ENTITES_MAX:
            return plafond + 1  # an entity that contains itself
        valeur = valeurs[nom]
        total = len(valeur)
        for reference in _REFERENCE.finditer(valeur):
            if reference.group(1) in valeurs:
                total += taille(reference.group(1), pile | {nom}) - len(reference.group(0))
                if total > plafond:
                    break
        tailles[nom] = total = min(total, plafond + 1)
        return total

    total = len(contenu)
    for reference in _REFERENCE.finditer(contenu):
        if reference.group(1) in valeurs:
            total += taille(reference.group(1), frozenset()) - len(reference.group(0))
            if total > plafond:
                return plafond + 1
    return total


def _trop_gros(limite: int) -> ErreurFlux:
    taille = f"{limite:,}".replace(",", " ")
    return ErreurFlux(
        "trop-gros", f"texte du flux trop volumineux une fois lu (plus de {taille} caractères)"
    )


def lire_flux(contenu: bytes, url: str) -> Flux:
    """Parse an RSS or Atom document (feedparser, which also recovers from bad XML and wrong
    declared encodings). Items without a link or a title are skipped. Raises
    ErreurFlux("pas-un-flux") for anything that is not a feed (an HTML page, garbage), and
    ErreurFlux("trop-gros") for a feed whose text would exceed `limite_texte` once read: its
    entities are measured before parsing, and what the parser gave is measured after.

    CPU-bound on big feeds: call it in a worker thread (asyncio.to_thread)."""
    limite = limite_texte(contenu)
    if taille_developpee(contenu, limite) > limite:
        raise _trop_gros(limite)
    # content-location: relative links in the feed resolve against the feed's own URL.
    resultat = feedparser.parse(contenu, response_headers={"content-location": url})
    if not resultat.get("version"):
        raise ErreurFlux("pas-un-flux", "ce document n'est pas un flux RSS ou Atom")
    taille_texte = len(str(resultat.feed.get("title") or ""))
    for entree in resultat.entries:
        taille_texte += len(str(entree.get("title") or "")) + len(str(entree.get("summary") or ""))
        taille_texte += sum(len(str(c.get("value") or "")) for c in entree.get("content", []))
    if taille_texte > limite:
        raise _trop_gros(limite)
    entrees = []
    for entree in resultat.entries:
        lien = _lien(entree, url)
        titre = _titre_entree(entree)
        if not lien or not titre:
            continue
        guid = str(entree.get("id") or "").strip() or None
        entrees.append(
            EntreeFlux(
                guid=guid,
                url=lien,
                titre=titre,
                resume_html=_resume(entree),
                publie_le=_date(entree.get("published_parsed") or entree.get("updated_parsed")),
            )
        )
    exception = resultat.get("bozo_exception")
    # Served without a Content-Type (we parse bytes) is no fault of the feed.
    bozo = bool(resultat.get("bozo")) and not isinstance(exception, feedparser.NonXMLContentType)
    titre_flux = texte_brut(str(resultat.feed.get("title") or ""), 200) or None
    return Flux(titre=titre_flux, entrees=entrees, bozo=bozo, taille_texte=taille_texte)


# --- storing ------------------------------------------------------------------------------------


def hash_guid(source_id: int | None, guid: str) -> str:
    """GUIDs are only unique within a feed ("12345" may be in two feeds): hashed with the
    source's id (None: a member's tip). The same story in two feeds is caught by its URL
    instead."""
    portee = str(source_id) if source_id is not None else "-"
    return hashlib.sha256(f"{portee}\n{guid}".encode()).hexdigest()


async def par_url(session: AsyncSession, url: str) -> Article | None:
    """The article already known at this address (whatever its tracking parameters)."""
    requete = select(Article).where(Article.url == url_canonique(url))
    return (await session.exec(requete)).first()


async def _deja_la(
    session: AsyncSession, urls: Sequence[str], guids: Sequence[str | None]
) -> tuple[set[str], set[str]]:
    """The URLs and GUID hashes among these that stored articles already have (one query per
    500 entries)."""
    urls_vues: set[str] = set()
    guids_vus: set[str] = set()
    for debut in range(0, max(len(urls), len(guids)), 500):
        tranche_urls = list(urls[debut : debut + 500])
        tranche_guids = [g for g in guids[debut : debut + 500] if g]
        requete = select(Article.url, Article.guid_hash).where(
            col(Article.url).in_(tranche_urls) | col(Article.guid_hash).in_(tranche_guids)
        )
        for url, guid in (await session.exec(requete)).all():
            urls_vues.add(url)
            if guid:
                guids_vus.add(guid)
    return urls_vues, guids_vus


class _TitresRecents:
    """Titles collected lately from other sources, indexed for near-duplicate checks.

    Near-identical titles (see `proches`) have one's words all in the other's, so only these
    are compared: those holding every word of the new title (found through the rarest of its
    words), and those whose words are all in the new title (each title is filed under its
    rarest word, which is then one of the new title's).

    Only the words of the titles to check (`cherches`) are indexed: no other is ever looked
    up. An index of every word would be thousands of lists, made again for each source of a
    tick; as many objects for the garbage collector, and enough of them set off a full
    collection, which stops every thread (the event loop's too) while it scans the process."""

    def __init__(self, titres: Iterable[str], cherches: Iterable[str]) -> None:
        self.textes: list[str] = []
        self.exacts: set[str] = set()
        self.cherches = frozenset(cherches)
        self.par_mot: dict[str, list[int]] = {}
        self.par_cle: dict[str, list[int]] = {}
        self.frequences: Counter[str] = Counter()
        uniques = [t for t in dict.fromkeys(_sans_marqueurs(t) for t in titres) if t]
        for texte in uniques:
            self.frequences.update(set(texte.split()))
        for texte in uniques:
            self.ajouter(texte)

    def ajouter(self, texte: str) -> None:
        # Only words here: the full `_Titre` is made for the few candidates compared.
        texte = _sans_marqueurs(texte)
        if not texte or texte in self.exacts:
            return
        self.exacts.add(texte)
        rang = len(self.textes)
        self.textes.append(texte)
        mots = set(texte.split())
        for mot in mots & self.cherches:
            self.par_mot.setdefault(mot, []).append(rang)
        # Filed under its rarest word (any of its words would do: the rarest keeps lists short).
        cle = min(mots, key=lambda m: (self.frequences[m], -len(m), m))
        if cle in self.cherches:
            self.par_cle.setdefault(cle, []).append(rang)

    def contient_proche(self, texte: str) -> bool:
        """Whether a near-identical title is in the index (`texte`'s words among `cherches`)."""
        texte = _sans_marqueurs(texte)
        if not texte:
            return False
        if texte in self.exacts:
            return True
        nouveau = _Titre.de(texte)
        # Holding all the new title's words: in the postings of each; take the shortest.
        plus_courte = min((self.par_mot.get(mot, []) for mot in nouveau.mots), key=len, default=[])
        candidats = set(plus_courte)
        for mot in nouveau.mots:
            candidats.update(self.par_cle.get(mot, ()))
        if not candidats:
            return False
        # A ratio >= 0.9 needs lengths within a factor 11/9.
        bas, haut = len(texte) * 9 / 11, len(texte) * 11 / 9
        comparateur: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
        comparateur.set_seq2(texte)  # difflib caches what it learns about seq2
        for rang in sorted(candidats):
            if not bas <= len(self.textes[rang]) <= haut:
                continue
            # Made for each comparison, not kept: thousands kept would be objects to scan.
            if _proches(_Titre.de(self.textes[rang]), nouveau, comparateur):
                return True
        return False


def _candidats(
    source_id: int | None, entrees: Sequence[EntreeFlux]
) -> list[tuple[EntreeFlux, str, str, str | None]]:
    """(entry, canonical URL, clean title, GUID hash) of the entries worth checking.
    CPU-bound on a big feed (URLs parsed, GUIDs hashed): run in a worker thread."""
    candidats = []
    for entree in entrees:
        url = url_canonique(entree.url)
        if len(url) > LONGUEUR_URL or urlsplit(url).scheme not in _PORTS_DEFAUT:
            journal.info("article ignoré (adresse inutilisable) : %.120s", entree.url)
            continue
        titre = couper(" ".join(entree.titre.split()), LONGUEUR_TITRE)
        if titre:
            guid = hash_guid(source_id, entree.guid) if entree.guid else None
            candidats.append((entree, url, titre, guid))
    return candidats


async def enregistrer(
    session: AsyncSession,
    *,
    source: Source | None,
    entrees: Sequence[EntreeFlux],
    maintenant: datetime,
    groupes: Sequence[Groupe],
) -> list[Article]:
    """Store the new articles of a feed (or a member's tip, `source=None`), deduplicated, each
    filed (statut NOUVEAU) in the groups whose keywords it has; an article in no group is still
    stored, for staff to see. Returns the new articles, loaded in the session so that a caller
    may change one (a tip's proposer) and commit.

    Flushed, NOT committed: the caller commits with the rest of its work (the source's health
    in collecte.tick; the tipping member in curation). Safe against a concurrent collection of
    the same story: a URL or GUID inserted meanwhile by another transaction is skipped."""
    ids = await inserer(
        session, source=source, entrees=entrees, maintenant=maintenant, groupes=groupes
    )
    if not ids:
        return []
    # Rows were inserted through Core: loaded as ORM objects of this session.
    requete_articles = select(Article).where(col(Article.id).in_(ids)).order_by(col(Article.id))
    return list((await session.exec(requete_articles)).all())


async def inserer(
    session: AsyncSession,
    *,
    source: Source | None,
    entrees: Sequence[EntreeFlux],
    maintenant: datetime,
    groupes: Sequence[Groupe],
) -> list[int]:
    """`enregistrer` for a caller that needs no article object (a collection counts them):
    the new articles' ids, in increasing order. A feed's batch is worked on in worker threads
    and written in slices, so that the event loop is never held long by a big one."""
    source_id = source.id if source is not None else None
    candidats = await asyncio.to_thread(_candidats, source_id, entrees)
    if not candidats:
        return []

    # Same URL or GUID as a stored article, or as an earlier entry of this batch.
    urls_vues, guids_vus = await _deja_la(
        session, [c[1] for c in candidats], [c[3] for c in candidats]
    )
    restants = []
    for candidat in candidats:
        _, url, _, guid = candidat
        if url in urls_vues or (guid and guid in guids_vus):
            continue
        urls_vues.add(url)
        if guid:
            guids_vus.add(guid)
        restants.append(candidat)
    if not restants:
        return []

    # One row, the titles one per line (a normalised title has no line break), split in the
    # worker thread: not thousands of rows made on the event loop for each source of a tick.
    recents = select(func.aggregate_strings(col(Article.titre_normalise), "\n")).where(
        col(Article.collecte_le) >= maintenant - FENETRE_DOUBLONS
    )
    if source_id is not None:
        recents = recents.where(
            (col(Article.source_id) != source_id) | col(Article.source_id).is_(None)
        )
    titres_recents = (await session.exec(recents)).one() or ""
    regles = [(groupe.id, regle) for groupe, regle in _regles(groupes)]
    # Pure CPU work on plain strings (titles compared, summaries cleaned, keywords matched):
    # in a worker thread, so that a big batch does not hold up the bot's event loop.
    prets = await asyncio.to_thread(
        _preparer,
        restants,
        titres_recents,
        regles,
        source_id=source_id,
        maintenant=maintenant,
    )
    if not prets:
        return []

    connexion = await session.connection()
    dialecte = postgresql if connexion.dialect.name == "postgresql" else sqlite
    table_articles = Article.__table__  # type: ignore[attr-defined]
    # DO NOTHING on any unique column (url, guid_hash): another source's collection, running
    # concurrently, may have inserted the same story since our checks. Those rows return no id.
    requete = (
        dialecte.insert(table_articles)
        .on_conflict_do_nothing()
        .returning(table_articles.c.id, table_articles.c.url)
    )
    ids: dict[str, int] = {}
    for debut in range(0, len(prets), TRANCHE):
        tranche = [valeurs for valeurs, _ in prets[debut : debut + TRANCHE]]
        ids.update((url, id_) for id_, url in (await connexion.execute(requete, tranche)).all())
    liens = [
        {"article_id": ids[valeurs["url"]], "groupe_id": groupe_id, "statut": StatutArticle.NOUVEAU}
        for valeurs, groupes_ids in prets
        if valeurs["url"] in ids
        for groupe_id in groupes_ids
    ]
    table_liens = ArticleGroupe.__table__  # type: ignore[attr-defined]
    for debut in range(0, len(liens), TRANCHE):
        await connexion.execute(table_liens.insert(), liens[debut : debut + TRANCHE])
    return sorted(ids.values())


def _preparer(
    candidats: Sequence[tuple[EntreeFlux, str, str, str | None]],
    titres_recents: str,
    regles: Sequence[tuple[int | None, Regle]],
    *,
    source_id: int | None,
    maintenant: datetime,
) -> list[tuple[dict[str, Any], list[int]]]:
    """The rows to insert and each one's groups, near-duplicate titles left out.
    `titres_recents`: the titles of the last days from other sources, one per line."""
    normalises = [titre_normalise(titre) for _, _, titre, _ in candidats]
    ailleurs = _TitresRecents(
        titres_recents.split("\n"), {mot for n in normalises for mot in _sans_marqueurs(n).split()}
    )
    prets = []
    for (entree, url, titre, guid), normalise in zip(candidats, normalises, strict=True):
        if ailleurs.contient_proche(normalise):
            continue
        # A member's tip counts as "another source" for what follows, not a feed's own items.
        if source_id is None:
            ailleurs.ajouter(normalise)
        resume = texte_brut(entree.resume_html, LONGUEUR_RESUME)
        cible = _cible(f"{titre} {resume}")
        groupes_ids = [
            groupe_id
            for groupe_id, regle in regles
            if groupe_id is not None and regle.search(cible)
        ]
        valeurs = {
            "source_id": source_id,
            "url": url,
            "guid_hash": guid,
            "titre": titre,
            "titre_normalise": normalise,
            "resume": resume,
            # A feed dated in the future (a time-zone bug) would sit atop every digest.
            "publie_le": min(entree.publie_le, maintenant) if entree.publie_le else None,
            "collecte_le": maintenant,
            "propose_par_id": None,
        }
        prets.append((valeurs, groupes_ids))
    return prets
