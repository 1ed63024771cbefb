"""Results as pictures: real PNGs of a phone-friendly size, byte-identical for the same inputs,
members' text drawn literally (never as formulas), empty polls still answered."""

import struct
import threading

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from assemblee import graphiques, sondages
from assemblee.graphiques import (
    AUCUN_VOTE,
    barres,
    couleurs_mentions,
    figure_barres,
    figure_profil_de_merite,
    nettoyer,
    profil_de_merite,
)
from assemblee.modeles import OptionSondage, Sondage, TypeSondage
from assemblee.scrutins import MENTIONS, ResultatChoix, ResultatOption, depouiller_jugement

SIGNATURE_PNG = b"\x89PNG\r\n\x1a\n"
PIEGE = r"Coût : $x$ ou $\frac{a}{b$ et a_b^2"
TITRE_PIEGE = "Budget en $ : $x$ et a_b"


def _dimensions(png: bytes) -> tuple[int, int]:
    assert png.startswith(SIGNATURE_PNG)
    assert png[12:16] == b"IHDR"
    largeur, hauteur = struct.unpack(">II", png[16:24])
    return largeur, hauteur


def _textes(figure: Figure) -> list[Text]:
    return [texte for axes in figure.axes for texte in axes.texts]


def _contenus(figure: Figure) -> list[str]:
    return [texte.get_text() for texte in _textes(figure)]


PROFILS = [
    [1, 2, 3, 4, 2, 0],
    [0, 1, 1, 3, 5, 2],
    [5, 4, 2, 1, 0, 0],
]


def test_barres_est_un_png_de_taille_telephone() -> None:
    png = barres("Quel jour ?", ["Mardi", "Jeudi"], [3, 5])
    largeur, hauteur = _dimensions(png)
    assert largeur == 1200  # 8 inches at 150 dpi
    assert 400 < hauteur < largeur * 2


def test_profil_de_merite_est_un_png_de_taille_telephone() -> None:
    png = profil_de_merite("Priorités", ["A", "B", "C"], PROFILS)
    largeur, hauteur = _dimensions(png)
    assert largeur <= 1600
    assert 600 < hauteur < largeur * 2


def test_meme_entree_memes_octets_et_sans_signature_de_logiciel() -> None:
    args = ("Priorités de l'atelier", ["Transports", "Logement", "Propreté"], PROFILS)
    assert profil_de_merite(*args) == profil_de_merite(*args)
    png = barres("Quel jour ?", ["Mardi", "Jeudi"], [3, 5])
    assert png == barres("Quel jour ?", ["Mardi", "Jeudi"], [3, 5])
    assert b"matplotlib" not in png.lower()
    assert png != barres("Quel jour ?", ["Mardi", "Jeudi"], [3, 6])


def test_rendu_depuis_plusieurs_fils_identique() -> None:
    attendu = profil_de_merite("Priorités", ["A", "B", "C"], PROFILS)
    resultats: list[bytes] = []

    def rendre() -> None:
        resultats.append(profil_de_merite("Priorités", ["A", "B", "C"], PROFILS))

    fils = [threading.Thread(target=rendre) for _ in range(4)]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    assert resultats == [attendu] * 4


def test_dollars_et_soulignes_affiches_tels_quels() -> None:
    """Mathtext would turn "$x$" into an italic x, choke on "$\\frac{a}{b$", and read "_" as a
    subscript: every text is drawn with it off, and rendering does not raise."""
    figure = figure_barres(TITRE_PIEGE, [PIEGE, "Autre"], [2, 1])
    assert all(texte.get_parse_math() is False for texte in _textes(figure))
    assert TITRE_PIEGE in _contenus(figure)
    assert "1. " + PIEGE in _contenus(figure)
    assert barres(PIEGE, [PIEGE, "Autre"], [2, 1]).startswith(SIGNATURE_PNG)
    png = profil_de_merite(PIEGE, [PIEGE, "$", "_"], PROFILS)
    assert png.startswith(SIGNATURE_PNG)


def test_dix_options_dans_l_ordre_du_classement() -> None:
    libelles = [f"Sujet numéro {i}" for i in range(10)]
    valeurs = [3, 9, 0, 4, 4, 1, 7, 2, 8, 5]
    figure = figure_barres("Dix sujets", libelles, valeurs)
    lignes = [t for t in _contenus(figure) if t[:1].isdigit() and "Sujet" in t]
    assert lignes == [
        "1. Sujet numéro 1",
        "2. Sujet numéro 8",
        "3. Sujet numéro 6",
        "4. Sujet numéro 9",
        "5. Sujet numéro 3",
        "5. Sujet numéro 4",  # tie: same rank, poll order
        "7. Sujet numéro 0",
        "8. Sujet numéro 7",
        "9. Sujet numéro 5",
        "10. Sujet numéro 2",
    ]
    assert "9\u00a0voix (21\u202f%)" in _contenus(figure)
    largeur, hauteur = _dimensions(barres("Dix sujets", libelles, valeurs))
    assert largeur == 1200 and hauteur > 2 * _dimensions(barres("Un", ["a"], [1]))[1]


def test_choix_multiple_parts_rapportees_aux_votants() -> None:
    figure = figure_barres("Plusieurs choix", ["A", "B"], [3, 2], nb_votants=4)
    assert "3\u00a0voix (75\u202f%)" in _contenus(figure)
    assert "4 personnes ont voté." in _contenus(figure)


def test_profil_de_merite_options_classees_mention_majoritaire_et_legende() -> None:
    figure = figure_profil_de_merite("Priorités", ["Transports", "Logement", "Propreté"], PROFILS)
    contenus = _contenus(figure)
    assert [t for t in contenus if t[:2] in {"1.", "2.", "3."}] == [
        "1. Logement",  # majority grade Très bien
        "2. Transports",  # Assez bien
        "3. Propreté",  # Passable
    ]
    # Each option's majority grade is written on its own row, before the next option's label.
    debuts = [
        contenus.index(libelle) for libelle in ("1. Logement", "2. Transports", "3. Propreté")
    ]
    rangees = [contenus[debut:fin] for debut, fin in zip(debuts, [*debuts[1:], None], strict=True)]
    assert "Très bien" in rangees[0] and "Assez bien" in rangees[1] and "Passable" in rangees[2]
    assert "Très bien" not in rangees[1] + rangees[2]
    for mention in MENTIONS:
        assert mention in contenus  # the legend
    assert "12 personnes ont voté." in contenus


def test_profil_de_merite_accepte_le_resultat_du_depouillement() -> None:
    resultat = depouiller_jugement(2, [{0: 5, 1: 1}, {0: 4}, {1: 0}])
    profils = [list(option.profil) for option in resultat.options]
    contenus = _contenus(figure_profil_de_merite("Q", ["Oui", "Non"], profils))
    assert "1. Oui" in contenus and "2. Non" in contenus
    assert "3 personnes ont voté." in contenus


def test_option_sans_aucune_note() -> None:
    figure = figure_profil_de_merite(
        "Q", ["Notée", "Oubliée"], [[0, 0, 2], [0, 0, 0]], ["a", "b", "c"]
    )
    contenus = _contenus(figure)
    assert "2. Oubliée" in contenus and "Sans note" in contenus


def test_sondage_sans_vote_le_dit() -> None:
    for figure in (
        figure_barres("Vide", ["A", "B"], [0, 0]),
        figure_barres("Sans option", [], []),
        figure_profil_de_merite("Vide", ["A", "B"], [[0] * 6, [0] * 6]),
    ):
        assert AUCUN_VOTE in _contenus(figure)
        assert "Personne n'a encore voté." in _contenus(figure)
    assert _dimensions(barres("Vide", ["A"], [0]))[0] == 1200
    assert profil_de_merite("Vide", ["A"], [[0] * 6]).startswith(SIGNATURE_PNG)


def test_libelle_tres_long_coupe_sur_deux_lignes_avec_points_de_suspension() -> None:
    long = "Végétaliser " * 60
    figure = figure_barres("Q", [long], [1])
    lignes = [t for t in _contenus(figure) if "Végétaliser" in t]
    assert len(lignes) == 2
    assert lignes[-1].endswith("…")
    mot = "x" * 300  # no space to break on: cut by characters
    lignes = [t for t in _contenus(figure_barres("Q", [mot], [1])) if "xxx" in t]
    assert len(lignes) == 2 and lignes[-1].endswith("…")


def test_emoji_retires_sans_avertissement() -> None:
    """The bundled font has no emoji: matplotlib would warn (an error under this test suite)."""
    assert (
        nettoyer("Samedi 🌞 matin\n\ten  famille 👨\u200d👩\u200d👧") == "Samedi matin en famille"
    )
    assert nettoyer("会议") == "\u25a1\u25a1"  # a letter the font lacks leaves a trace
    figure = figure_barres("Sortie 🌳", ["Samedi 🌞", "Dimanche"], [2, 1])
    assert "1. Samedi" in _contenus(figure) and "Sortie" in _contenus(figure)
    assert barres("Sortie 🌳", ["Samedi 🌞", "会议"], [2, 1]).startswith(SIGNATURE_PNG)


def test_couleurs_du_rouge_au_vert_quelle_que_soit_l_echelle() -> None:
    for nb in (1, 3, 6, 7):
        couleurs = couleurs_mentions(nb)
        assert len(couleurs) == nb
        rouge, vert = int(couleurs[-1][1:3], 16), int(couleurs[-1][3:5], 16)
        assert vert > rouge  # best grade green
        if nb > 1:
            rouge, vert = int(couleurs[0][1:3], 16), int(couleurs[0][3:5], 16)
            assert rouge > vert  # worst grade red
    assert profil_de_merite("Q", ["A", "B"], [[1, 2, 3], [3, 2, 1]], ["-", "=", "+"])


def test_entrees_incoherentes_refusees() -> None:
    with pytest.raises(ValueError):
        barres("Q", ["A"], [1, 2])
    with pytest.raises(ValueError):
        barres("Q", ["A"], [-1])
    with pytest.raises(ValueError):
        barres("Q", ["A", "B"], [3, 2], nb_votants=2)
    with pytest.raises(ValueError):
        profil_de_merite("Q", ["A"], [[1, 2]])  # 2 counts for 6 grades


def test_une_meme_image_de_resultats_n_est_dessinee_qu_une_fois(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The console shows a poll's picture at each visit: drawn once per distinct result (the
    same bytes as drawing again), drawn anew when a vote changes it."""
    dessins: list[str] = []
    dessiner = graphiques.barres

    def compter(question: str, *args: object, **kwargs: object) -> bytes:
        dessins.append(question)
        return dessiner(question, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(graphiques, "barres", compter)
    sondage = Sondage(question="Quel sujet en priorité ? (cache)")
    options = [OptionSondage(texte="Des cours oasis"), OptionSondage(texte="Le compost")]

    def resultat(voix: int) -> ResultatChoix:
        return ResultatChoix(
            TypeSondage.UNIQUE,
            voix + 1,
            (
                ResultatOption(0, voix, voix / (voix + 1), 1),
                ResultatOption(1, 1, 1 / (voix + 1), 2),
            ),
        )

    premiere = sondages.image(sondage, options, resultat(2))
    assert sondages.image(sondage, options, resultat(2)) == premiere
    assert len(dessins) == 1
    assert sondages.image(sondage, options, resultat(3)) != premiere
    assert len(dessins) == 2
    assert premiere == dessiner(sondage.question, [o.texte for o in options], [2, 1], nb_votants=3)
