"""The Journal page: every change with who made it, from where, on what (with a link to its
page), filtered by origin, action, kind of object and author; staff only."""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

import pytest

from assemblee import journal
from assemblee.modeles import EntreeJournal
from assemblee.textes import Catalogue
from bot.cli import main
from tests.outils.console import CAMILLE, SAM, Console, Navigateur

_LIGNE = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELLULE = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
_BALISE = re.compile(r"<[^>]+>")


def _lignes(page: str) -> list[list[str]]:
    """The journal table's rows, as the text of their cells: when, who, from, what, on what,
    before → after."""
    corps = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return [
        [" ".join(html.unescape(_BALISE.sub("", c)).split()) for c in _CELLULE.findall(ligne)]
        for ligne in _LIGNE.findall(corps)
    ]


async def _role_par_le_bot(console: Console) -> int:
    """Sam makes Camille a facilitator with /role in Telegram; returns Camille's number."""
    camille = await console.banc.membre(CAMILLE)
    assert camille is not None and camille.id is not None
    (fiche,) = await console.sam.envoyer(f"/role {camille.id}")
    reponse = await console.sam.cliquer(fiche, "animateur")
    assert reponse.texte == "C'est fait."
    return camille.id


async def _role_en_ligne_de_commande(monkeypatch: pytest.MonkeyPatch, numero: int) -> None:
    # The command line reads the staff setting too: the same as the running bot's.
    monkeypatch.setenv("EQUIPE_TELEGRAM_IDS", str(SAM))
    code = await asyncio.to_thread(main, ["membres", "role", str(numero), "membre"])
    assert code == 0


async def _deux_changements(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> tuple[Navigateur, int]:
    numero = await _role_par_le_bot(console)
    await _role_en_ligne_de_commande(monkeypatch, numero)
    return await console.entrer(console.sam), numero


async def test_un_changement_de_role_dans_le_bot_et_un_en_ligne_de_commande_y_sont(
    console: Console, operateur: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam, numero = await _deux_changements(console, monkeypatch)
    statut, page = await sam.get("/journal")
    assert statut == 200
    # Newest first: the command line's change, then the bot's (then the invitations that
    # brought Alex and Camille in, made as staff would from the command line).
    assert [ligne[1:] for ligne in _lignes(page)[:2]] == [
        [
            "ligne de commande",
            "Ligne de commande",
            "Rôle changé",
            "Camille Martin",
            "animateur → membre",
        ],
        ["Sam Équipe", "Telegram", "Rôle changé", "Camille Martin", "membre → animateur"],
    ]
    assert f'<a href="/console/membres/{numero}">Camille Martin</a>' in page
    # The frozen clock: Wednesday 25 November 2026, 9:00 UTC, 10 h in Paris.
    assert [ligne[0] for ligne in _lignes(page)[:2]] == ["25/11/2026 10 h", "25/11/2026 10 h"]


@pytest.mark.parametrize(
    ("filtre", "attendu"),
    [
        ("action=role&origine=cli", ["Ligne de commande"]),
        ("action=role&origine=bot", ["Telegram"]),
        ("origine=console", []),
        ("action=role", ["Ligne de commande", "Telegram"]),
        ("objet=membre&action=role", ["Ligne de commande", "Telegram"]),
        ("objet=invitation", ["Ligne de commande", "Ligne de commande"]),
    ],
)
async def test_les_filtres_ne_gardent_que_ce_qui_correspond(
    console: Console,
    operateur: Path,
    monkeypatch: pytest.MonkeyPatch,
    filtre: str,
    attendu: list[str],
) -> None:
    sam, _ = await _deux_changements(console, monkeypatch)
    statut, page = await sam.get(f"/journal?{filtre}")
    assert statut == 200
    assert [ligne[2] for ligne in _lignes(page)] == attendu
    if not attendu:
        assert "Aucun changement ne correspond." in page


async def test_filtrer_par_auteur_et_par_personne_concernee(
    console: Console, operateur: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam, numero = await _deux_changements(console, monkeypatch)
    membre_sam = await console.banc.membre(SAM)
    assert membre_sam is not None
    statut, page = await sam.get("/journal")
    # The authors offered are the people found in the log.
    assert f'<option value="{membre_sam.id}">Sam Équipe</option>' in page
    statut, page = await sam.get(f"/journal?par={membre_sam.id}")
    assert statut == 200
    assert [ligne[1] for ligne in _lignes(page)] == ["Sam Équipe"]
    statut, page = await sam.get(f"/journal?membre={numero}")
    # Her invitation and the two changes of her role.
    assert statut == 200
    assert [ligne[3] for ligne in _lignes(page)] == [
        "Rôle changé",
        "Rôle changé",
        "Invitation créée",
    ]
    assert "Seulement ce qui concerne Camille Martin." in page
    statut, page = await sam.get(f"/journal?membre={numero + 1000}")
    assert statut == 200 and _lignes(page) == []


@pytest.mark.parametrize(
    ("filtre", "champ"),
    [("origine=pirate", "origine"), ("action=tout-casser", "action"), ("par=abc", "par")],
)
async def test_un_filtre_invente_rend_le_formulaire_avec_le_message(
    console: Console, filtre: str, champ: str
) -> None:
    sam = await console.entrer(console.sam)
    statut, page = await sam.get(f"/journal?{filtre}")
    assert statut == 400
    assert f'id="filtre-{champ}" name="{champ}" aria-invalid="true"' in page
    assert f'<small id="filtre-{champ}-erreur"' in page
    assert "Ce choix n'existe pas : choisissez dans la liste." in page


async def test_une_action_sans_libelle_s_affiche_telle_quelle(console: Console) -> None:
    # An action the catalogue has no label for (written by a newer version, say).
    async with console.banc.app.sessions() as session:
        session.add(
            EntreeJournal(
                le=console.banc.horloge.maintenant(),
                origine=journal.ORIGINE_CLI,
                action="action-nouvelle",
                objet="seance",
                objet_id=42,
            )
        )
        await session.commit()
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/journal")
    assert statut == 200
    assert _lignes(page)[0][3:5] == ["action-nouvelle", "séance n°42"]
    assert '<a href="/console/seances/42">séance n°42</a>' in page
    statut, page = await sam.get("/journal?action=action-nouvelle")
    assert statut == 200 and len(_lignes(page)) == 1


async def test_le_journal_se_lit_par_pages(console: Console) -> None:
    async with console.banc.app.sessions() as session:
        for i in range(120):
            journal.noter(
                session,
                origine=journal.ORIGINE_CLI,
                par=None,
                action="role",
                objet="membre",
                objet_id=i + 1000,
                maintenant=console.banc.horloge.maintenant(),
                avant="membre",
                apres=f"animateur{i}",
            )
        await session.commit()
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/journal?origine=cli&action=role")
    assert statut == 200 and len(_lignes(page)) == 50
    assert "membre → animateur119" in page and "Page suivante" in page
    assert "Page précédente" not in page
    assert 'href="/console/journal?origine=cli&amp;action=role&amp;page=2"' in page
    statut, page = await sam.get("/journal?origine=cli&action=role&page=3")
    assert statut == 200 and len(_lignes(page)) == 20
    assert "membre → animateur0" in _lignes(page)[-1][-1] and "Page suivante" not in page
    statut, _ = await sam.get("/journal?page=0")
    assert statut == 400


async def test_un_animateur_n_a_pas_acces_au_journal(console: Console) -> None:
    alex = await console.entrer(console.alex)
    statut, page = await alex.get("/journal")
    assert statut == 403 and "Accès refusé" in page
    statut, page = await alex.get("/")
    assert statut == 200 and 'href="/console/journal"' not in page


async def test_un_inconnu_ne_voit_pas_le_journal(console: Console) -> None:
    statut, page = await console.navigateur().get("/journal")
    assert statut == 401 and "Journal" not in page.split("<main", 1)[1]


async def test_une_annonce_de_la_console_y_est_avec_un_lien_vers_son_bilan(
    console: Console,
) -> None:
    sam = await console.entrer(console.sam)
    await sam.get("/annonces/nouvelle")
    statut, _ = await sam.post(
        "/annonces/envoyer",
        {"texte": "Plénière jeudi", "audience": "role:equipe", "urgence": "non"},
        allow_redirects=False,
    )
    assert statut == 303
    statut, page = await sam.get("/journal?origine=console")
    assert statut == 200
    ((_, qui, depuis, quoi, sur, _),) = _lignes(page)
    assert (qui, depuis, quoi, sur) == ("Sam Équipe", "Console", "Annonce envoyée", "annonce n°1")
    assert '<a href="/console/annonces/1">annonce n°1</a>' in page


@pytest.mark.parametrize("langue", ["fr", "en"])
def test_chaque_action_et_chaque_objet_du_domaine_a_son_libelle(langue: str) -> None:
    cles = Catalogue().messages(langue)
    assert not [a for a in journal.ACTIONS if f"journal-action-{a}" not in cles]
    assert not [o for o in journal.OBJETS if f"journal-objet-{o}" not in cles]
    assert not [o for o in journal.ORIGINES if f"journal-origine-{o}" not in cles]
