"""The console's Membres page: the list (search, filters, pages), one person's record, their
rights, a new link, ending their sessions, the CSV import, invitation letters and the mail
merge file. Staff see and do everything; facilitators read the people of their groups."""

from __future__ import annotations

import base64
import csv
import html
import io
import re
import zlib
from collections.abc import Awaitable, Callable
from datetime import timedelta
from urllib.parse import unquote

import aiohttp
import segno
from sqlalchemy import event
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from assemblee import connexions, invitations
from assemblee.groupes import trouver_groupe
from assemblee.membres import groupes_de
from assemblee.modeles import (
    ChoixReponse,
    EntreeJournal,
    Invitation,
    Membre,
    Presence,
    Reponse,
    Role,
    Seance,
    SessionConsole,
    StatutMembre,
    TypeSeance,
)
from tests.console.conftest import ALEX, CAMILLE, SAM, Console
from tests.outils.banc import Banc
from tests.outils.console import Navigateur, entrer

DOMINIQUE = 3001  # member of "espace-public": not one of Alex's groups

_JETON = re.compile(r'name="jeton" value="([^"]+)"')
_LETTRE = re.compile(r'<article class="lettre"[^>]*>(.*?)</article>', re.S)
_QR = re.compile(r'<img class="qr" src="([^"]+)" alt="([^"]+)"')


async def _id(console: Console, telegram_id: int) -> int:
    membre = await console.banc.membre(telegram_id)
    assert membre is not None and membre.id is not None
    return membre.id


async def _membre(console: Console, membre_id: int) -> Membre:
    membre = await console.banc.membre_par_id(membre_id)
    assert membre is not None
    return membre


async def _dominique(console: Console) -> int:
    await console.banc.membre_actif(DOMINIQUE, "Dominique", "Ailleurs", groupes=("espace-public",))
    return await _id(console, DOMINIQUE)


async def _invitations(console: Console) -> list[Invitation]:
    async with console.banc.app.sessions() as session:
        return list((await session.exec(select(Invitation).order_by(col(Invitation.id)))).all())


def _journal_console() -> SelectOfScalar[EntreeJournal]:
    return (
        select(EntreeJournal)
        .where(col(EntreeJournal.origine) == "console")
        .order_by(col(EntreeJournal.id))
    )


# --- Who sees what --------------------------------------------------------------------------


async def test_l_equipe_voit_tout_le_monde_l_animateur_les_gens_de_ses_groupes(
    console: Console,
) -> None:
    await _dominique(console)
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/membres")
    assert statut == 200
    for nom in ("Martin Camille", "Anim Alex", "Ailleurs Dominique", "Équipe Sam"):
        assert nom in page
    assert "/membres/importer" in page and "/membres/invitations" in page

    alex = await console.entrer(console.alex)
    statut, page = await alex.get("/membres")
    assert statut == 200
    assert "Martin Camille" in page and "Anim Alex" in page
    assert "Dominique" not in page and "Équipe Sam" not in page
    assert "/membres/importer" not in page
    assert "Seule l'équipe peut changer" in page
    # Asking for another group's people shows nobody.
    async with console.banc.app.sessions() as session:
        espace = await trouver_groupe(session, "espace-public")
    assert espace is not None
    statut, page = await alex.get(f"/membres?groupe={espace.id}")
    assert statut == 200 and "Personne ne correspond" in page and "Dominique" not in page


async def test_un_animateur_lit_la_fiche_des_gens_de_ses_groupes_sans_rien_pouvoir_changer(
    console: Console,
) -> None:
    camille = await _id(console, CAMILLE)
    alex = await console.entrer(console.alex)
    statut, page = await alex.get(f"/membres/{camille}")
    assert statut == 200
    assert "<h1>Camille Martin</h1>" in page and "Environnement" in page
    assert "Lien utilisé" in page
    assert "Changer le rôle" not in page and "nouveau lien" not in page
    assert "Sessions ouvertes" not in page
    # Changing something is staff's: refused, nothing changes.
    for action, donnees in (
        ("role", {"role": "animateur"}),
        ("depart", {"confirmer": "oui"}),
        ("invitation", {}),
        ("sessions/terminer", {}),
    ):
        statut, page = await alex.post(f"/membres/{camille}/{action}", donnees)
        assert statut == 403 and "Accès refusé" in page
    membre = await _membre(console, camille)
    assert membre.role == Role.MEMBRE and membre.statut == StatutMembre.ACTIF
    assert len(await _invitations(console)) == 2  # Alex's and Camille's: none added
    for chemin in ("/membres/importer", "/membres/invitations"):
        assert (await alex.get(chemin))[0] == 403


async def test_un_animateur_qui_change_le_numero_dans_l_adresse_trouve_une_page_introuvable(
    console: Console,
) -> None:
    dominique = await _dominique(console)
    sam_id = await _id(console, SAM)
    alex = await console.entrer(console.alex)
    for numero in (dominique, sam_id, 999_999):
        statut, page = await alex.get(f"/membres/{numero}")
        assert statut == 404 and "Page introuvable" in page
        assert "Dominique" not in page
    # A change aimed at them is refused before anything is read.
    statut, _ = await alex.post(f"/membres/{dominique}/groupes", {"groupe": "1"})
    assert statut == 403
    async with console.banc.app.sessions() as session:
        journal = (
            await session.exec(
                select(EntreeJournal)
                .where(col(EntreeJournal.membre_id) == dominique)
                .where(col(EntreeJournal.origine) == "console")
            )
        ).all()
    assert journal == []


async def test_un_membre_n_entre_pas_dans_la_page_des_membres(console: Console) -> None:
    membre = await console.banc.membre(CAMILLE)
    assert membre is not None
    async with console.banc.app.sessions() as session:
        jeton = await connexions.creer_lien(
            session, membre, maintenant=console.banc.horloge.maintenant()
        )
    navigateur = console.navigateur()
    statut, _ = await navigateur.entrer_par_lien(f"{navigateur.base}/entrer/{jeton}")
    assert statut == 403
    statut, page = await navigateur.get("/membres")
    assert statut in (401, 403) and "Martin Camille" not in page


# --- The list -------------------------------------------------------------------------------


async def test_recherche_filtres_et_pages_de_cinquante(console: Console) -> None:
    await console.banc.peupler(120)
    await console.banc.inviter("Zoé", "Émery", groupes=("espace-public",))
    sam = await console.entrer(console.sam)

    statut, page = await sam.get("/membres")
    assert statut == 200 and "124 personnes" in page
    assert page.count('<th scope="row">') == 50
    assert "Page 1 sur 3" in page and "page=2" in page
    statut, page = await sam.get("/membres?page=3")
    assert page.count('<th scope="row">') == 24 and "Page 3 sur 3" in page

    statut, page = await sam.get("/membres?q=zoe+EMERY")
    assert "Une personne." in page and "Émery Zoé" in page
    statut, page = await sam.get("/membres?etat=invite")
    assert "Émery Zoé" in page and "Une personne." in page
    statut, page = await sam.get("/membres?role=animateur")
    assert "Anim Alex" in page and "Une personne." in page
    statut, page = await sam.get("/membres?etat=injoignable")
    assert "Personne ne correspond" in page
    # Filters are kept from page to page.
    statut, page = await sam.get("/membres?q=test&etat=actif")
    assert "120 personnes" in page and "q=test" in page and "etat=actif" in page
    # An unknown filter value is ignored rather than an error.
    statut, page = await sam.get("/membres?etat=nimporte&page=abc")
    assert statut == 200 and "124 personnes" in page


async def _requetes(console: Console, navigateur: Navigateur, chemin: str) -> int:
    """How many SQL statements a page costs: the fewest of three loads, since the bot's own
    background work (outbox, scheduler) shares the engine and may run meanwhile."""
    comptes = []
    moteur = console.banc.app.moteur.sync_engine
    for _ in range(3):
        compte = 0

        def compter(*_: object) -> None:
            nonlocal compte
            compte += 1

        event.listen(moteur, "before_cursor_execute", compter)
        try:
            statut, _page = await navigateur.get(chemin)
        finally:
            event.remove(moteur, "before_cursor_execute", compter)
        assert statut == 200
        comptes.append(compte)
    return min(comptes)


async def test_la_liste_et_la_fiche_coutent_autant_de_requetes_pour_10_ou_300_membres(
    console: Console,
) -> None:
    sam = await console.entrer(console.sam)
    camille = await _id(console, CAMILLE)
    await console.banc.peupler(10)
    avant = (
        await _requetes(console, sam, "/membres"),
        await _requetes(console, sam, f"/membres/{camille}"),
    )
    await console.banc.peupler(290, premier_telegram_id=20_000)
    apres = (
        await _requetes(console, sam, "/membres"),
        await _requetes(console, sam, f"/membres/{camille}"),
    )
    assert apres == avant


# --- Rights ---------------------------------------------------------------------------------


async def test_l_equipe_change_le_role_et_les_groupes_et_c_est_journalise(
    console: Console,
) -> None:
    camille = await _id(console, CAMILLE)
    sam_id = await _id(console, SAM)
    sam = await console.entrer(console.sam)
    statut, page = await sam.get(f"/membres/{camille}")
    assert statut == 200 and "Changer le rôle" in page

    statut, page = await sam.post(f"/membres/{camille}/role", {"role": "animateur"})
    assert statut == 200 and "Le rôle est changé" in page
    async with console.banc.app.sessions() as session:
        env = await trouver_groupe(session, "environnement")
        espace = await trouver_groupe(session, "espace-public")
    assert env is not None and espace is not None
    statut, page = await sam.post(
        f"/membres/{camille}/groupes", {"groupe": [str(env.id), str(espace.id)]}
    )
    assert statut == 200 and "Les groupes sont changés" in page
    membre = await _membre(console, camille)
    assert membre.role == Role.ANIMATEUR
    async with console.banc.app.sessions() as session:
        entrees = (await session.exec(_journal_console())).all()
        assert [g.slug for g in await groupes_de(session, membre)] == [
            "environnement",
            "espace-public",
        ]
    assert [(e.action, e.origine, e.par_id, e.membre_id) for e in entrees] == [
        ("role", "console", sam_id, camille),
        ("groupes", "console", sam_id, camille),
    ]
    # Camille's menu follows: a facilitator's commands.
    await console.banc.serveur.attendre(
        lambda: any(
            a.methode == "setMyCommands" and str(CAMILLE) in str(a.params)
            for a in console.banc.serveur.appels
        ),
        description="Camille's new menu",
    )


async def test_le_role_equipe_est_refuse_avec_le_message_du_domaine(console: Console) -> None:
    camille = await _id(console, CAMILLE)
    sam = await console.entrer(console.sam)
    await sam.get(f"/membres/{camille}")
    statut, page = await sam.post(f"/membres/{camille}/role", {"role": "equipe"})
    assert statut == 400
    assert "Le rôle équipe se donne seulement dans les réglages" in page
    assert 'aria-invalid="true" aria-describedby="erreur-role"' in page
    statut, page = await sam.post(f"/membres/{camille}/role", {"role": "chef"})
    assert statut == 400 and "Choisissez membre ou animateur" in page
    assert (await _membre(console, camille)).role == Role.MEMBRE


async def test_un_membre_dans_deux_groupes_est_refuse_et_rien_ne_change(
    console: Console,
) -> None:
    camille = await _id(console, CAMILLE)
    sam = await console.entrer(console.sam)
    await sam.get(f"/membres/{camille}")
    statut, page = await sam.post(f"/membres/{camille}/groupes", {"groupe": ["1", "2"]})
    assert statut == 400
    assert "Un membre appartient à un seul groupe" in page
    assert 'aria-describedby="erreur-groupes"' in page
    statut, page = await sam.post(f"/membres/{camille}/groupes", {"groupe": "424242"})
    assert statut == 400 and "Ce groupe n'existe plus" in page
    statut, page = await sam.post(f"/membres/{camille}/groupes", {})
    assert statut == 400 and "Un membre appartient à un seul groupe" in page
    async with console.banc.app.sessions() as session:
        assert [g.slug for g in await groupes_de(session, await _membre(console, camille))] == [
            "environnement"
        ]
        assert (await session.exec(_journal_console())).all() == []


async def test_le_depart_demande_une_confirmation(console: Console) -> None:
    camille = await _id(console, CAMILLE)
    sam = await console.entrer(console.sam)
    await sam.get(f"/membres/{camille}")
    statut, page = await sam.post(f"/membres/{camille}/depart", {})
    assert statut == 400 and "Cochez la case pour confirmer le départ" in page
    assert (await _membre(console, camille)).statut == StatutMembre.ACTIF
    statut, page = await sam.post(f"/membres/{camille}/depart", {"confirmer": "oui"})
    assert statut == 200 and "Le départ est noté" in page
    assert "Cette personne a quitté l'assemblée" in page and "Changer le rôle" not in page
    assert (await _membre(console, camille)).statut == StatutMembre.PARTI
    statut, page = await sam.get("/membres?etat=parti")
    assert "Martin Camille" in page


async def test_l_equipe_des_reglages_ne_change_pas_depuis_la_console(console: Console) -> None:
    sam_id = await _id(console, SAM)
    sam = await console.entrer(console.sam)
    statut, page = await sam.get(f"/membres/{sam_id}")
    assert statut == 200 and "fait partie de l'équipe par les réglages" in page
    assert "Changer le rôle" not in page
    statut, page = await sam.post(f"/membres/{sam_id}/role", {"role": "membre"})
    assert statut == 400 and "seuls ces réglages peuvent changer son rôle" in page
    assert (await _membre(console, sam_id)).role == Role.EQUIPE


async def test_sans_jeton_csrf_rien_ne_change(console: Console) -> None:
    camille = await _id(console, CAMILLE)
    sam = await console.entrer(console.sam)
    await sam.get(f"/membres/{camille}")
    for action, donnees in (
        ("role", {"role": "animateur"}),
        ("depart", {"confirmer": "oui"}),
        ("invitation", {}),
    ):
        statut, page = await sam.post(f"/membres/{camille}/{action}", donnees, csrf=False)
        assert statut == 403 and "Accès refusé" in page
    membre = await _membre(console, camille)
    assert membre.role == Role.MEMBRE and membre.statut == StatutMembre.ACTIF
    assert len(await _invitations(console)) == 2
    formulaire = aiohttp.FormData()
    formulaire.add_field(
        "fichier", b"nom;prenom;groupe\nNeuf;Noa;environnement\n", filename="a.csv"
    )
    statut, _ = await sam.post("/membres/importer", formulaire, csrf=False)
    assert statut == 403


# --- The record: invitation, attendance, sessions ---------------------------------------------


async def test_la_fiche_montre_les_reponses_et_l_emargement(console: Console) -> None:
    camille = await _id(console, CAMILLE)
    banc = console.banc
    maintenant = banc.horloge.maintenant()
    async with banc.app.sessions() as session:
        # Written directly: a past séance cannot be created through the domain, by design.
        passee = Seance(
            type=TypeSeance.PLENIERE,
            titre="Plénière d'automne",
            debut=maintenant - timedelta(days=7),
            fin=maintenant - timedelta(days=7, hours=-2),
            cree_le=maintenant - timedelta(days=30),
        )
        manquee = Seance(
            type=TypeSeance.PLENIERE,
            titre="Plénière de printemps",
            debut=maintenant - timedelta(days=3),
            fin=maintenant - timedelta(days=3, hours=-2),
            cree_le=maintenant - timedelta(days=30),
        )
        session.add_all([passee, manquee])
        await session.flush()
        assert passee.id is not None and manquee.id is not None
        session.add(
            Reponse(
                seance_id=passee.id,
                membre_id=camille,
                choix=ChoixReponse.OUI,
                repondu_le=maintenant - timedelta(days=8),
            )
        )
        session.add(
            Presence(seance_id=passee.id, membre_id=camille, present=True, note_le=maintenant)
        )
        session.add(
            Reponse(
                seance_id=manquee.id,
                membre_id=camille,
                choix=ChoixReponse.NON,
                repondu_le=maintenant - timedelta(days=4),
            )
        )
        await session.commit()
    alex = await console.entrer(console.alex)
    statut, page = await alex.get(f"/membres/{camille}")
    assert statut == 200
    lignes = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", page, re.S)
    assert len(lignes) == 2
    assert "Plénière de printemps" in lignes[0] and "<td>non</td>" in lignes[0]
    assert "non marqué" in lignes[0]
    assert "Plénière d&#39;automne" in lignes[1] and "<td>oui</td>" in lignes[1]
    assert "présent" in lignes[1]


async def test_l_equipe_ferme_toutes_les_sessions_d_une_personne(console: Console) -> None:
    alex_id = await _id(console, ALEX)
    telephone = await console.entrer(console.alex)
    await console.entrer(console.alex)
    sam = await console.entrer(console.sam)
    statut, page = await sam.get(f"/membres/{alex_id}")
    assert statut == 200 and "Fermer ces 2 sessions" in page and "un lien /console" in page
    statut, page = await sam.post(f"/membres/{alex_id}/sessions/terminer")
    assert statut == 200 and "Toutes ses sessions de console sont fermées" in page
    assert "Aucune session ouverte" in page
    assert (await telephone.get("/membres"))[0] == 401
    assert (await sam.get("/membres"))[0] == 200  # Sam's own session stays
    async with console.banc.app.sessions() as session:
        ouvertes = (
            await session.exec(
                select(SessionConsole)
                .where(col(SessionConsole.membre_id) == alex_id)
                .where(col(SessionConsole.terminee_le).is_(None))
            )
        ).all()
    assert ouvertes == []


async def test_un_nouveau_lien_s_affiche_une_fois_et_remplace_l_ancien(console: Console) -> None:
    ancien = await console.banc.inviter("Noa", "Nouveau")
    async with console.banc.app.sessions() as session:
        noa = (await session.exec(select(Membre).where(Membre.prenom == "Noa"))).one()
    sam = await console.entrer(console.sam)
    statut, page = await sam.get(f"/membres/{noa.id}")
    assert "Lien en attente" in page
    statut, page = await sam.post(f"/membres/{noa.id}/invitation")
    assert statut == 200 and "Un nouveau lien" in page
    (jeton,) = _JETON.findall(page)
    lien = invitations.lien_invitation(console.banc.serveur.username, jeton)
    assert lien in page
    # Shown once: the record itself never shows it.
    statut, page = await sam.get(f"/membres/{noa.id}")
    assert jeton not in page and "Lien en attente" in page
    # The old link is dead, the new one brings Noa in.
    refuse = console.banc.utilisateur(5001, "Noa", "Nouveau")
    (reponse,) = await refuse.envoyer(f"/start {ancien}")
    assert "pas valable" in (reponse.texte_visible or "")
    (notice,) = await refuse.envoyer(f"/start {jeton}")
    assert "Avant de commencer" in (notice.texte_visible or "")
    assert (await _membre(console, noa.id or 0)).telegram_id == 5001
    sam_id = await _id(console, SAM)
    async with console.banc.app.sessions() as session:
        entrees = (await session.exec(_journal_console())).all()
    assert [(e.action, e.par_id, e.membre_id) for e in entrees] == [
        ("invitation-renouvelee", sam_id, noa.id)
    ]
    assert all(jeton not in e.avant + e.apres for e in entrees)


# --- Import -----------------------------------------------------------------------------------


def _fichier(contenu: bytes) -> aiohttp.FormData:
    formulaire = aiohttp.FormData()
    formulaire.add_field("fichier", contenu, filename="tirage.csv", content_type="text/csv")
    return formulaire


async def _nombre_membres(console: Console) -> int:
    async with console.banc.app.sessions() as session:
        return len((await session.exec(select(Membre))).all())


async def test_import_une_ligne_fausse_rien_n_est_importe_puis_le_bon_fichier_tout(
    console: Console,
) -> None:
    sam = await console.entrer(console.sam)
    avant = await _nombre_membres(console)
    statut, page = await sam.get("/membres/importer")
    assert statut == 200 and 'enctype="multipart/form-data"' in page
    faux = (
        "nom;prénom;groupe;rôle;courriel\n"
        "Durand;Léa;environnement;animatrice;lea@example.org\n"
        "Petit;Sam;culture;;\n"
        "N'Diaye;Aïssatou;espace-public;;\n"
    ).encode()
    statut, page = await sam.post("/membres/importer", _fichier(faux))
    assert statut == 400
    assert "Ligne 3 : groupe « culture » inconnu" in page
    assert "2 lignes justes, une à corriger." in page
    assert "Durand Léa" in page and "N&#39;Diaye Aïssatou" in page
    assert "Rien ne peut être importé" in page
    assert "/membres/importer/confirmer" not in page
    assert await _nombre_membres(console) == avant

    bon = faux.replace(b"culture", b"environnement")
    statut, page = await sam.post("/membres/importer", _fichier(bon))
    assert statut == 200 and "3 lignes justes, aucune à corriger." in page
    assert "Importer ces 3 personnes" in page
    assert await _nombre_membres(console) == avant  # a preview writes nothing
    contenu = re.search(r'name="contenu" value="([^"]+)"', page)
    empreinte = re.search(r'name="empreinte" value="([^"]+)"', page)
    assert contenu and empreinte
    statut, page = await sam.post(
        "/membres/importer/confirmer",
        {"contenu": contenu.group(1), "empreinte": empreinte.group(1)},
    )
    assert statut == 200 and "3 personnes importées" in page
    jetons = _JETON.findall(page)
    assert len(jetons) == 3
    async with console.banc.app.sessions() as session:
        nouveaux = (
            await session.exec(
                select(Membre).where(col(Membre.nom).in_(["Durand", "Petit", "N'Diaye"]))
            )
        ).all()
        assert {(m.prenom, m.role) for m in nouveaux} == {
            ("Léa", Role.ANIMATEUR),
            ("Sam", Role.MEMBRE),
            ("Aïssatou", Role.MEMBRE),
        }
        hashes = set(
            (
                await session.exec(
                    select(Invitation.jeton_hash).where(
                        col(Invitation.membre_id).in_([m.id for m in nouveaux])
                    )
                )
            ).all()
        )
    assert hashes == {invitations.hacher(j) for j in jetons}
    async with console.banc.app.sessions() as session:
        actions = [e.action for e in (await session.exec(_journal_console())).all()]
    assert sorted(actions) == ["import-membres", *["invitation-creee"] * 3]
    for jeton in jetons:
        assert invitations.lien_invitation(console.banc.serveur.username, jeton) in page


async def test_import_confirme_seulement_ce_qui_a_ete_verifie(console: Console) -> None:
    sam = await console.entrer(console.sam)
    avant = await _nombre_membres(console)
    fichier = b"nom;prenom;groupe\nNeuf;Noa;environnement\n"
    statut, page = await sam.post("/membres/importer", _fichier(fichier))
    assert statut == 200
    contenu = re.search(r'name="contenu" value="([^"]+)"', page)
    empreinte = re.search(r'name="empreinte" value="([^"]+)"', page)
    assert contenu and empreinte
    # Another file slipped in with the first one's hash: refused.
    autre = base64.urlsafe_b64encode(
        zlib.compress(b"nom;prenom;groupe\nAutre;Ali;environnement\n")
    ).decode()
    statut, page = await sam.post(
        "/membres/importer/confirmer", {"contenu": autre, "empreinte": empreinte.group(1)}
    )
    assert statut == 400 and "Fichier à renvoyer" in page
    statut, page = await sam.post(
        "/membres/importer/confirmer", {"contenu": "%%%", "empreinte": empreinte.group(1)}
    )
    assert statut == 400
    assert await _nombre_membres(console) == avant
    # Noa was invited meanwhile: the confirmation checks again, names the line, adds nobody.
    await console.banc.inviter("Noa", "Neuf")
    statut, page = await sam.post(
        "/membres/importer/confirmer",
        {"contenu": contenu.group(1), "empreinte": empreinte.group(1)},
    )
    assert statut == 400 and "Ligne 2 : Noa Neuf est déjà inscrit" in page
    assert await _nombre_membres(console) == avant + 1


async def test_import_sans_fichier_redonne_le_formulaire(console: Console) -> None:
    sam = await console.entrer(console.sam)
    await sam.get("/membres/importer")
    statut, page = await sam.post("/membres/importer", _fichier(b""))
    assert statut == 400 and "Choisissez un fichier CSV qui n'est pas vide" in page
    assert 'aria-invalid="true" aria-describedby="erreur-fichier"' in page


# --- Letters and the mail merge ---------------------------------------------------------------


def _matrice_du_svg(uri: str) -> set[tuple[int, int]]:
    """The dark modules an SVG from segno draws: its path is horizontal runs (`h`) placed
    by absolute (`M`) and relative (`m`) moves, each run in the middle of its row."""
    svg = unquote(uri.split(",", 1)[1])
    (chemin,) = re.findall(r"\sd=['\"]([^'\"]+)['\"]", svg)
    (echelle,) = re.findall(r"scale\((\d+)\)", svg)
    assert echelle
    x = y = 0.0
    noirs: set[tuple[int, int]] = set()
    for ordre, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", chemin):
        if ordre == "M":
            x, y = float(a), float(b)
        elif ordre == "m":
            x, y = x + float(a), y + float(b)
        else:
            for i in range(int(float(a))):
                noirs.add((int(y), int(x) + i))
            x += float(a)
    return noirs


def _matrice_de_segno(lien: str, bord: int = 4) -> set[tuple[int, int]]:
    qr = segno.make(lien)
    return {
        (ligne + bord, colonne + bord)
        for ligne, rangee in enumerate(qr.matrix)
        for colonne, module in enumerate(rangee)
        if module
    }


async def test_les_lettres_portent_le_lien_exact_et_son_code_qr_de_chaque_invite(
    console: Console,
) -> None:
    anciens = [
        await console.banc.inviter(prenom, nom)
        for prenom, nom in (("Zoé", "Émery"), ("Ali", "Zidane"), ("Léo", "Blanc"))
    ]
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/membres/invitations")
    assert statut == 200 and "3 personnes n'ont pas encore ouvert leur lien" in page
    assert "Camille" not in page  # her link was used
    statut, page = await sam.post("/membres/invitations", {"groupe": ""})
    assert statut == 200 and "3 nouveaux liens" in page
    jetons = _JETON.findall(page)
    assert len(jetons) == 3
    statut, page = await sam.post("/membres/invitations/lettres", {"jeton": jetons})
    assert statut == 200
    lettres = _LETTRE.findall(page)
    assert len(lettres) == 3
    assert page.count("<h1>") == 1
    attendus = {
        "Léo Blanc": jetons[0],
        "Zoé Émery": jetons[1],
        "Ali Zidane": jetons[2],
    }  # by name
    for lettre, (nom, jeton) in zip(lettres, attendus.items(), strict=True):
        lien = invitations.lien_invitation(console.banc.serveur.username, jeton)
        assert f"Bonjour {nom}," in lettre
        assert f'<span class="lien-lettre">{lien}</span>' in lettre
        ((src, alt),) = _QR.findall(lettre)
        assert alt == f"Code QR du lien d'invitation de {nom}"
        assert _matrice_du_svg(html.unescape(src)) == _matrice_de_segno(lien)
    # The links sent before are dead: renewing was the only way to show them again.
    async with console.banc.app.sessions() as session:
        maintenant = console.banc.horloge.maintenant()
        assert await invitations.valables(session, anciens, maintenant=maintenant) == []


async def test_les_lettres_refusent_un_lien_perime_ou_invente(console: Console) -> None:
    ancien = await console.banc.inviter("Noa", "Nouveau")
    sam = await console.entrer(console.sam)
    await sam.get("/membres/invitations")
    statut, page = await sam.post("/membres/invitations", {})
    assert statut == 200
    (nouveau,) = _JETON.findall(page)
    statut, page = await sam.post("/membres/invitations/lettres", {"jeton": [ancien, "A" * 32]})
    assert statut == 400 and "Liens qui ne marchent plus" in page
    assert ancien not in page
    statut, page = await sam.post("/membres/invitations/lettres", {"jeton": [ancien, nouveau]})
    assert statut == 200 and len(_LETTRE.findall(page)) == 1 and nouveau in page


async def test_personne_a_inviter_redonne_la_page_avec_le_message(console: Console) -> None:
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/membres/invitations")
    assert "Tout le monde a ouvert son lien" in page
    statut, page = await sam.post("/membres/invitations", {"groupe": ""})
    assert statut == 400 and "Personne n'attend de lien" in page
    statut, page = await sam.post("/membres/invitations", {"groupe": "424242"})
    assert statut == 400 and "Ce groupe n'existe plus" in page


async def test_le_fichier_du_publipostage_a_un_bom_et_aucune_formule(console: Console) -> None:
    await console.banc.inviter("Eve", '=HYPERLINK("http://x")', groupes=("espace-public",))
    await console.banc.inviter("Noa", "Nouveau")
    sam = await console.entrer(console.sam)
    await sam.get("/membres/invitations")
    _, page = await sam.post("/membres/invitations")
    jetons = _JETON.findall(page)
    assert len(jetons) == 2
    assert sam.csrf is not None
    async with sam.session.post(
        sam.url("/membres/invitations/csv"), data={"jeton": jetons, "csrf": sam.csrf}
    ) as reponse:
        assert reponse.status == 200
        entetes = dict(reponse.headers)
        corps = await reponse.read()
    assert entetes["Content-Type"] == "text/csv; charset=utf-8"
    assert entetes["Content-Disposition"] == 'attachment; filename="invitations.csv"'
    assert corps.startswith(b"\xef\xbb\xbf")
    lignes = list(csv.reader(io.StringIO(corps.decode("utf-8-sig")), delimiter=";"))
    username = console.banc.serveur.username
    assert lignes == [
        ["nom", "prénom", "groupe", "lien"],
        ['\'=HYPERLINK("http://x")', "Eve", "Espace public", _lien(username, jetons[0])],
        ["Nouveau", "Noa", "Environnement", _lien(username, jetons[1])],
    ]


def _lien(username: str, jeton: str) -> str:
    return invitations.lien_invitation(username, jeton)


async def test_la_page_des_invitations_montre_cinquante_noms_et_compte_les_autres(
    console: Console,
) -> None:
    for i in range(53):
        await console.banc.inviter(f"Prénom{i:02d}", f"Nom{i:02d}")
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/membres/invitations")
    assert statut == 200 and "53 personnes n'ont pas encore ouvert leur lien" in page
    assert page.count('<th scope="row">') == 50 and "… et 3 autres personnes." in page
    assert "Créer de nouveaux liens pour ces 53 personnes" in page


async def test_sans_bot_username_le_lien_prend_le_nom_que_donne_telegram(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(equipe_telegram_ids=[SAM], bot_username=None)
    sam = banc.utilisateur(SAM, "Sam", "Équipe")
    (notice,) = await sam.envoyer("/start")
    await sam.cliquer(notice, "J'accepte")
    await banc.inviter("Noa", "Nouveau")
    navigateur = await entrer(banc, sam)
    try:
        await navigateur.get("/membres/invitations")
        statut, page = await navigateur.post("/membres/invitations")
    finally:
        await navigateur.fermer()
    assert statut == 200
    (jeton,) = _JETON.findall(page)
    assert f"https://t.me/{banc.serveur.username}?start={jeton}" in page
