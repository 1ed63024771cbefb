"""Poll results as PNG pictures, drawn to be read on a phone by someone with tired eyes.

Matplotlib's object API only (a `Figure` with its own Agg canvas, never pyplot): nothing global
is touched, so a server can render from a worker thread. Every text is drawn with mathtext off,
because labels come from members and "$x$" must stay "$x$". Glyphs the bundled font lacks
(emoji, mostly) are dropped beforehand: matplotlib would otherwise warn and draw empty boxes.
Same inputs, same bytes: the PNG carries no software or date metadata.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Sequence
from typing import Literal

from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.patches import Rectangle

from assemblee.scrutins import MENTIONS_PAR_NOTE, jugement_majoritaire, rangs

# Matplotlib promises no thread safety; rendering a chart takes milliseconds, so serialise.
_VERROU = threading.RLock()

LARGEUR = 8.0  # inches: 1200 px at 150 dpi, sharp on a phone and under Telegram's 1280 px
DPI = 150
DPI_MAX = 200  # 1600 px wide at most
MARGE = 0.35
POLICE = "DejaVu Sans"  # ships with matplotlib: same rendering on every machine

TAILLE_TITRE = 26.0
TAILLE_SOUS_TITRE = 19.0
TAILLE_LIBELLE = 22.0
TAILLE_VALEUR = 20.0
TAILLE_LEGENDE = 19.0
TAILLE_NOTE = 16.0
INTERLIGNE = 1.3

HAUTEUR_BARRE = 0.55
ECART_OPTIONS = 0.38
LIGNES_MAX_TITRE = 3
LIGNES_MAX_LIBELLE = 2
LONGUEUR_MAX = 160  # characters kept from a member's text before wrapping

ENCRE = "#111111"
GRIS = "#555555"
FOND_BARRE = "#e4e4e4"
BARRE = "#1f4e79"  # dark blue: white text on it reads at a 9:1 contrast
# Worst grade first, like a merit profile: red (Insuffisant) to dark green (Excellent).
COULEURS_MENTIONS: tuple[str, ...] = (
    "#b2182b",
    "#ef8a62",
    "#fddb7a",
    "#c2e08a",
    "#4dac26",
    "#1b7837",
)

AUCUN_VOTE = "Aucun vote pour l'instant."


def barres(
    titre: str,
    libelles: Sequence[str],
    valeurs: Sequence[int],
    *,
    nb_votants: int | None = None,
    dpi: int = DPI,
) -> bytes:
    """A single or multiple choice result: one horizontal bar per option, most chosen first.

    `nb_votants` is the base of the shares; it defaults to the sum of the votes, which is right
    for single choice only (with several choices a voter counts once but votes many times).
    """
    with _VERROU:
        return _png(figure_barres(titre, libelles, valeurs, nb_votants=nb_votants, dpi=dpi))


def profil_de_merite(
    titre: str,
    libelles: Sequence[str],
    profils: Sequence[Sequence[int]],
    mentions: Sequence[str] = MENTIONS_PAR_NOTE,
    *,
    dpi: int = DPI,
) -> bytes:
    """A majority judgment result: one 100% bar per option, best grade on the left, best first.

    `profils[i][note]` and `mentions[note]` are indexed by grade, worst grade first (as
    `ResultatMention.profil` and `MENTIONS_PAR_NOTE`).
    """
    with _VERROU:
        return _png(figure_profil_de_merite(titre, libelles, profils, mentions, dpi=dpi))


def figure_barres(
    titre: str,
    libelles: Sequence[str],
    valeurs: Sequence[int],
    *,
    nb_votants: int | None = None,
    dpi: int = DPI,
) -> Figure:
    """The figure behind `barres`, for callers (and tests) that want to inspect it."""
    if len(libelles) != len(valeurs):
        raise ValueError("one label per value")
    if any(valeur < 0 for valeur in valeurs):
        raise ValueError("a vote count cannot be negative")
    total = sum(valeurs) if nb_votants is None else nb_votants
    if valeurs and total < max(valeurs):
        raise ValueError("an option cannot have more votes than there are voters")
    with _VERROU:
        dessin = _Dessin(dpi)
        dessin.en_tete(titre, total)
        if total <= 0 or not valeurs:
            dessin.message(AUCUN_VOTE)
            return dessin.terminer()
        rang_de = rangs(valeurs)
        largeur = LARGEUR - 2 * MARGE
        for option in sorted(range(len(valeurs)), key=lambda i: (-valeurs[i], i)):
            dessin.libelle(f"{rang_de[option]}. {libelles[option]}", gras=rang_de[option] == 1)
            y = dessin.y
            longueur = largeur * min(valeurs[option] / total, 1.0)
            dessin.rectangle(MARGE, y, largeur, HAUTEUR_BARRE, FOND_BARRE)
            dessin.rectangle(MARGE, y, longueur, HAUTEUR_BARRE, BARRE)
            texte = f"{_voix(valeurs[option])} ({_pourcentage(valeurs[option], total)})"
            marge = 0.12
            if dessin.largeur(texte, TAILLE_VALEUR, gras=True) + 2 * marge <= longueur:
                x, couleur = MARGE + marge, "white"
            else:
                x, couleur = MARGE + longueur + marge, ENCRE
            dessin.texte(x, y + HAUTEUR_BARRE / 2, texte, TAILLE_VALEUR, True, couleur, va="center")
            dessin.y = y + HAUTEUR_BARRE + ECART_OPTIONS
        return dessin.terminer()


def figure_profil_de_merite(
    titre: str,
    libelles: Sequence[str],
    profils: Sequence[Sequence[int]],
    mentions: Sequence[str] = MENTIONS_PAR_NOTE,
    *,
    dpi: int = DPI,
) -> Figure:
    """The figure behind `profil_de_merite`, for callers (and tests) that want to inspect it."""
    if len(libelles) != len(profils):
        raise ValueError("one label per merit profile")
    if not mentions or any(len(profil) != len(mentions) for profil in profils):
        raise ValueError("every merit profile needs one count per grade")
    resultat = jugement_majoritaire(profils)
    couleurs = couleurs_mentions(len(mentions))
    with _VERROU:
        dessin = _Dessin(dpi)
        dessin.en_tete(titre, resultat.nb_votants)
        if resultat.nb_votants == 0:
            dessin.message(AUCUN_VOTE)
            return dessin.terminer()
        dessin.legende(mentions, couleurs)
        largeur_mention = max(dessin.largeur(m, TAILLE_VALEUR, gras=True) for m in mentions)
        largeur_mention = min(
            max(largeur_mention, dessin.largeur("Sans note", TAILLE_VALEUR, gras=True)), 2.4
        )
        fin = LARGEUR - MARGE - largeur_mention - 0.2
        largeur = fin - MARGE
        milieu = MARGE + largeur / 2
        for option in resultat.classement:
            dessin.libelle(f"{option.rang}. {libelles[option.option]}", gras=option.rang == 1)
            y = dessin.y
            total = option.nb_notes
            dessin.rectangle(MARGE, y, largeur, HAUTEUR_BARRE, FOND_BARRE)
            x = MARGE
            for note in reversed(range(len(mentions))):  # best grade on the left
                if not option.profil[note]:
                    continue
                pas = largeur * option.profil[note] / total
                dessin.rectangle(x, y, pas, HAUTEUR_BARRE, couleurs[note], bord="white")
                part = _pourcentage(option.profil[note], total)
                centre = _place_du_texte(
                    x, x + pas, dessin.largeur(part, TAILLE_NOTE, gras=True), milieu
                )
                if centre is not None:
                    encre = _encre_sur(couleurs[note])
                    dessin.texte(
                        centre, y + HAUTEUR_BARRE / 2, part, TAILLE_NOTE, True, encre, "center"
                    )
                x += pas
            dessin.cadre(MARGE, y, largeur, HAUTEUR_BARRE)
            # The grade under this line is the majority grade: half the voters gave at least it.
            dessin.trait(milieu, y - 0.1, y + HAUTEUR_BARRE + 0.1)
            if option.mention_majoritaire is None:
                mention, couleur = "Sans note", GRIS
            else:
                mention, couleur = mentions[option.mention_majoritaire], ENCRE
            mention = dessin.couper(mention, LARGEUR - MARGE - fin - 0.2, TAILLE_VALEUR, True, 1)[0]
            dessin.texte(fin + 0.2, y + HAUTEUR_BARRE / 2, mention, TAILLE_VALEUR, True, couleur)
            dessin.y = y + HAUTEUR_BARRE + ECART_OPTIONS
        dessin.note(
            "Le trait noir marque la moitié des votes : la mention qu'il touche est "
            "la mention majoritaire, écrite à droite."
        )
        return dessin.terminer()


def _place_du_texte(debut: float, fin: float, largeur: float, trait: float) -> float | None:
    """Where to centre a share inside its segment without the 50% line crossing it, if anywhere."""
    marge, ecart = 0.04, 0.07
    parties = [(debut, fin)]
    if debut < trait < fin:
        parties = [(debut, trait - ecart), (trait + ecart, fin)]
    for gauche, droite in sorted(parties, key=lambda partie: partie[0] - partie[1]):
        if largeur + 2 * marge <= droite - gauche:
            return (gauche + droite) / 2
    return None


def couleurs_mentions(nb_mentions: int) -> tuple[str, ...]:
    """One colour per grade, worst first: red to green, whatever the size of the scale."""
    if nb_mentions == len(COULEURS_MENTIONS):
        return COULEURS_MENTIONS
    if nb_mentions == 1:
        return (COULEURS_MENTIONS[-1],)
    palette = colormaps["RdYlGn"]
    return tuple(to_hex(palette(0.05 + 0.9 * i / (nb_mentions - 1))) for i in range(nb_mentions))


def _png(figure: Figure) -> bytes:
    tampon = io.BytesIO()
    figure.savefig(
        tampon,
        format="png",
        dpi=figure.dpi,
        facecolor="white",
        metadata={"Software": None},  # no version stamp: same inputs, same bytes
    )
    figure.clear()
    return tampon.getvalue()


def _voix(nombre: int) -> str:
    return f"{_entier(nombre)}\u00a0voix"


def _entier(nombre: int) -> str:
    """French digit grouping: 12 345."""
    return f"{nombre:,}".replace(",", "\u202f")


def _pourcentage(partie: int, total: int) -> str:
    """A share rounded half up to a whole percent, never showing 0 % for a non-zero part."""
    if total <= 0:
        return "0\u202f%"
    pourcent = (200 * partie + total) // (2 * total)
    if pourcent == 0 and partie > 0:
        return "<\u202f1\u202f%"
    return f"{pourcent}\u202f%"


def _personnes(nombre: int) -> str:
    if nombre <= 0:
        return "Personne n'a encore voté."
    if nombre == 1:
        return "1 personne a voté."
    return f"{_entier(nombre)} personnes ont voté."


def _encre_sur(fond: str) -> str:
    """Black or white, whichever contrasts more with the background (WCAG luminance)."""

    def lineaire(composante: float) -> float:
        if composante <= 0.03928:
            return composante / 12.92
        return float(((composante + 0.055) / 1.055) ** 2.4)

    rouge, vert, bleu = (lineaire(c) for c in to_rgb(fond))
    luminance = 0.2126 * rouge + 0.7152 * vert + 0.0722 * bleu
    return "white" if 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.05 else ENCRE


_glyphes: frozenset[int] | None = None


def _glyphes_disponibles() -> frozenset[int]:
    global _glyphes  # noqa: PLW0603 - a read-only cache of the bundled font's character map
    if _glyphes is None:
        cartes = [
            set(get_font(findfont(FontProperties(family=POLICE, weight=graisse))).get_charmap())
            for graisse in ("normal", "bold")
        ]
        _glyphes = frozenset(cartes[0] & cartes[1])
    return _glyphes


def nettoyer(texte: str) -> str:
    """A member's text made safe to draw: one line, printable, only glyphs the font has.

    Emoji and other symbols the font lacks are dropped; a letter it lacks becomes a box, so
    that a word in another script does not vanish without a trace.
    """
    glyphes = _glyphes_disponibles()
    morceaux: list[str] = []
    for caractere in " ".join(texte.split()):
        if unicodedata.category(caractere)[0] == "C":
            continue  # controls and invisible format marks (joiners, soft hyphens)
        if ord(caractere) in glyphes:
            morceaux.append(caractere)
        elif unicodedata.category(caractere)[0] not in "SCMZ":
            morceaux.append("\u25a1")
    return " ".join("".join(morceaux).split())


class _Dessin:
    """A figure laid out top-down in inches, its height known only once everything is placed."""

    def __init__(self, dpi: int) -> None:
        self.dpi = max(50, min(dpi, DPI_MAX))
        self.figure = Figure(figsize=(LARGEUR, 1.0), dpi=self.dpi, facecolor="white")
        FigureCanvasAgg(self.figure)
        self.axes: Axes = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.axes.set_axis_off()
        # backend_agg has no type stubs; RendererBase's measuring method does.
        self._mesure: RendererBase = RendererAgg(1, 1, self.dpi)  # type: ignore[no-untyped-call]
        self.y = MARGE

    @staticmethod
    def police(taille: float, gras: bool = False) -> FontProperties:
        return FontProperties(family=POLICE, size=taille, weight="bold" if gras else "normal")

    def largeur(self, texte: str, taille: float, gras: bool = False) -> float:
        """Drawn width of a text, in inches."""
        largeur, _, _ = self._mesure.get_text_width_height_descent(
            texte, self.police(taille, gras), ismath=False
        )
        return float(largeur) / self.dpi

    def couper(
        self, texte: str, largeur: float, taille: float, gras: bool, lignes_max: int
    ) -> list[str]:
        """Wrap to a width, at most `lignes_max` lines, the last one ending in "…" if cut."""
        texte = nettoyer(texte)
        coupe = len(texte) > LONGUEUR_MAX
        texte = texte[:LONGUEUR_MAX]
        lignes: list[str] = []
        ligne = ""
        for mot in texte.split(" "):
            essai = f"{ligne} {mot}" if ligne else mot
            if self.largeur(essai, taille, gras) <= largeur:
                ligne = essai
            elif self.largeur(mot, taille, gras) <= largeur:
                lignes.append(ligne)
                ligne = mot
            else:
                # A word wider than a line (a link, say): cut it wherever the line is full.
                while self.largeur(essai, taille, gras) > largeur:
                    fin = self._prefixe(essai, largeur, taille, gras)
                    lignes.append(essai[:fin].rstrip())
                    essai = essai[fin:].lstrip()
                ligne = essai
        if ligne:
            lignes.append(ligne)
        if len(lignes) > lignes_max:
            lignes, coupe = lignes[:lignes_max], True
        if coupe and lignes:
            derniere = lignes[-1].rstrip()
            while derniere and self.largeur(f"{derniere}…", taille, gras) > largeur:
                derniere = derniere[:-1].rstrip()
            lignes[-1] = f"{derniere}…"
        return lignes or [""]

    def _prefixe(self, texte: str, largeur: float, taille: float, gras: bool) -> int:
        """Length of the longest start of `texte` that fits (at least one character)."""
        bas, haut = 1, len(texte)
        while bas < haut:
            milieu = (bas + haut + 1) // 2
            if self.largeur(texte[:milieu], taille, gras) <= largeur:
                bas = milieu
            else:
                haut = milieu - 1
        return bas

    def texte(
        self,
        x: float,
        y: float,
        texte: str,
        taille: float,
        gras: bool = False,
        couleur: str = ENCRE,
        ha: Literal["left", "center", "right"] = "left",
        va: Literal["top", "center", "baseline", "bottom"] = "center",
    ) -> None:
        self.axes.text(
            x,
            y,
            texte,
            fontproperties=self.police(taille, gras),
            color=couleur,
            ha=ha,
            va=va,
            parse_math=False,  # members' "$" and "_" are text, not formulas
            usetex=False,
        )

    def lignes(self, lignes: Sequence[str], taille: float, gras: bool, couleur: str) -> None:
        for ligne in lignes:
            self.texte(MARGE, self.y, ligne, taille, gras, couleur, va="top")
            self.y += taille / 72 * INTERLIGNE

    def en_tete(self, titre: str, nb_votants: int) -> None:
        largeur = LARGEUR - 2 * MARGE
        lignes = self.couper(titre, largeur, TAILLE_TITRE, True, LIGNES_MAX_TITRE)
        self.lignes(lignes, TAILLE_TITRE, True, ENCRE)
        self.y += 0.05
        self.lignes([_personnes(nb_votants)], TAILLE_SOUS_TITRE, False, GRIS)
        self.y += 0.3

    def libelle(self, texte: str, gras: bool) -> None:
        largeur = LARGEUR - 2 * MARGE
        lignes = self.couper(texte, largeur, TAILLE_LIBELLE, gras, LIGNES_MAX_LIBELLE)
        self.lignes(lignes, TAILLE_LIBELLE, gras, ENCRE)
        self.y += 0.06

    def message(self, texte: str) -> None:
        self.y += 0.2
        self.lignes([texte], TAILLE_LIBELLE, True, GRIS)
        self.y += 0.3

    def note(self, texte: str) -> None:
        self.y += 0.05
        largeur = LARGEUR - 2 * MARGE
        self.lignes(self.couper(texte, largeur, TAILLE_NOTE, False, 3), TAILLE_NOTE, False, GRIS)

    def legende(self, mentions: Sequence[str], couleurs: Sequence[str]) -> None:
        """The grades best first, three to a row, each with its colour swatch."""
        colonnes = min(3, len(mentions))
        largeur_colonne = (LARGEUR - 2 * MARGE) / colonnes
        cote = 0.32
        hauteur_ligne = max(cote, TAILLE_LEGENDE / 72 * INTERLIGNE) + 0.12
        for position, note in enumerate(reversed(range(len(mentions)))):
            ligne, colonne = divmod(position, colonnes)
            x = MARGE + colonne * largeur_colonne
            y = self.y + ligne * hauteur_ligne
            self.rectangle(x, y, cote, cote, couleurs[note], bord=ENCRE)
            place = largeur_colonne - cote - 0.25
            libelle = self.couper(mentions[note], place, TAILLE_LEGENDE, False, 1)[0]
            self.texte(x + cote + 0.12, y + cote / 2, libelle, TAILLE_LEGENDE)
        self.y += -(-len(mentions) // colonnes) * hauteur_ligne + 0.25

    def rectangle(
        self,
        x: float,
        y: float,
        largeur: float,
        hauteur: float,
        couleur: str,
        bord: str | None = None,
    ) -> None:
        self.axes.add_patch(
            Rectangle(
                (x, y),
                largeur,
                hauteur,
                facecolor=couleur,
                edgecolor=bord or "none",
                linewidth=1.5 if bord else 0.0,
            )
        )

    def cadre(self, x: float, y: float, largeur: float, hauteur: float) -> None:
        self.axes.add_patch(
            Rectangle((x, y), largeur, hauteur, fill=False, edgecolor="#333333", linewidth=1.2)
        )

    def trait(self, x: float, haut: float, bas: float) -> None:
        self.axes.vlines(x, haut, bas, colors=ENCRE, linewidths=3.0)

    def terminer(self) -> Figure:
        hauteur = self.y + MARGE
        self.figure.set_size_inches(LARGEUR, hauteur)
        self.axes.set_xlim(0.0, LARGEUR)
        self.axes.set_ylim(hauteur, 0.0)  # y grows downwards, like the layout
        return self.figure
