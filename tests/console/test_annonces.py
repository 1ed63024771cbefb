"""The Annonces page: staff write a formatted announcement, see it as members will, send it to
a group, and follow its delivery; nobody else may; a bad text comes back with the reason."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import membres
from assemblee.modeles import Annonce, EntreeJournal, Envoi, Role, StatutEnvoi
from console.apercu import en_page
from telegram_local import parser_html
from tests.outils.console import ALEX, CAMILLE, SAM, Console

TEXTE = (
    '<b>Plénière</b> jeudi 18 h 30, <a href="https://paris.fr/plan">plan d\'accès</a>\n'
    "<i>Apportez vos idées</i> &lt;3"
)


async def _annonces(console: Console) -> list[Annonce]:
    async with console.banc.app.sessions() as session:
        return list((await session.exec(select(Annonce).order_by(Annonce.id))).all())


async def _nombre_envois(console: Console) -> int:
    async with console.banc.app.sessions() as session:
        return (await session.exec(select(func.count()).select_from(Envoi))).one()


def _tous_envoyes(annonce_id: int, nombre: int) -> Callable[[AsyncSession], Awaitable[bool]]:
    async def predicat(session: AsyncSession) -> bool:
        n = (
            await session.exec(
                select(func.count())
                .where(Envoi.annonce_id == annonce_id)
                .where(Envoi.statut == StatutEnvoi.ENVOYE)
            )
        ).one()
        return n >= nombre

    return predicat


def _bilan(page: str) -> dict[str, int]:
    return {
        cle: int(valeur)
        for cle, valeur in re.findall(r'<td data-bilan="([a-z]+)">(\d+)</td>', page)
    }


async def test_une_annonce_a_un_groupe_arrive_a_ses_membres_et_le_bilan_le_dit(
    console: Console,
) -> None:
    banc = console.banc
    environnement = await banc.peupler(3)  # + Camille and Alex: the group has 5 people
    autres = await banc.peupler(2, groupe="espace-public", premier_telegram_id=20_000)
    sam = await console.entrer(console.sam)

    statut, page = await sam.get("/annonces/nouvelle")
    assert statut == 200
    assert "le groupe Environnement (5)" in page and "tout le monde (8)" in page

    # A browser sends a textarea's line breaks as CRLF.
    brut = TEXTE.replace("\n", "\r\n")
    statut, page = await sam.post(
        "/annonces/apercu", {"texte": brut, "audience": "groupe:environnement"}
    )
    assert statut == 200, page
    # The preview is the text as Telegram shows it, rebuilt from what Telegram will parse.
    assert (
        '<b>Plénière</b> jeudi 18 h 30, <a href="https://paris.fr/plan" '
        'rel="noopener noreferrer">plan d&#39;accès</a>\n<i>Apportez vos idées</i> &lt;3'
    ) in page
    assert "Elle partira au groupe Environnement : 5 personnes." in page
    assert await _nombre_envois(console) == 0  # nothing sent by a preview

    statut, page = await sam.post(
        "/annonces/envoyer",
        {"texte": TEXTE, "audience": "groupe:environnement", "urgence": "non"},
        allow_redirects=False,
    )
    assert statut == 303
    (annonce,) = await _annonces(console)
    assert annonce.audience == "groupe:environnement" and not annonce.urgent
    sam_membre = await banc.membre(SAM)
    assert sam_membre is not None and annonce.auteur_id == sam_membre.id
    async with banc.app.sessions() as session:
        (entree,) = (
            await session.exec(
                select(EntreeJournal).where(EntreeJournal.action == "annonce-envoyee")
            )
        ).all()
    assert (entree.origine, entree.par_id, entree.objet, entree.objet_id) == (
        "console",
        sam_membre.id,
        "annonce",
        annonce.id,
    )

    await banc.attendre_que(_tous_envoyes(annonce.id or 0, 5))
    for telegram_id in [m.telegram_id for m in environnement] + [CAMILLE, ALEX]:
        assert telegram_id is not None
        (recu,) = [
            m for m in banc.serveur.messages_du_bot(telegram_id) if "Plénière" in (m.texte or "")
        ]
        assert recu.texte == TEXTE  # exactly what was written, as Telegram HTML
        assert recu.texte_visible == "Plénière jeudi 18 h 30, plan d'accès\nApportez vos idées <3"
    for m in autres:
        assert banc.serveur.nombre_envoyes(m.telegram_id) == 0

    statut, page = await sam.get(f"/annonces/{annonce.id}")
    assert statut == 200
    assert _bilan(page) == {
        "total": 5,
        "recues": 5,
        "attente": 0,
        "injoignables": 0,
        "echecs": 0,
    }
    assert "Envoi terminé : 5 sur 5 reçues." in page
    assert "hx-trigger" not in page  # nothing pending: the page stops asking
    statut, page = await sam.get("/annonces")
    assert statut == 200
    assert "Plénière jeudi 18 h 30, plan d&#39;accès" in page and "5 sur 5" in page


@pytest.mark.parametrize(
    ("texte", "audience", "champ", "message"),
    [
        (
            "<div>Plénière</div>",
            "tous",
            "texte",
            "Telegram refuserait ce texte (ligne 1) : la balise « &lt;div&gt; » n'existe pas",
        ),
        (
            "Bonjour\n<b>Plénière jeudi",
            "tous",
            "texte",
            "(ligne 2) : la balise « &lt;b&gt; » n'est pas fermée. "
            "Ajoutez « &lt;/b&gt; » à la fin du passage.",
        ),
        (
            "<b><i>Plénière</b></i>",
            "tous",
            "texte",
            "« &lt;/b&gt; » arrive alors que « &lt;i&gt; » est encore ouverte.",
        ),
        ("Il faut 2 < 3", "tous", "texte", "tapez &amp;lt; pour écrire le signe « &lt; »"),
        (
            '<a href="javascript:alert(1)">plan</a>',
            "tous",
            "texte",
            "Le lien « javascript:alert(1) » ne s'ouvrirait pas sur un téléphone",
        ),
        ("   ", "tous", "texte", "Écrivez le texte de l'annonce."),
        ("x" * 4097, "tous", "texte", "Ce texte est trop long pour Telegram"),
        ("Plénière jeudi", "groupe:atlantide", "audience", "Choisissez à qui envoyer"),
        (
            "Plénière jeudi",
            "groupe:social-education",
            "audience",
            "Personne ne recevrait cette annonce (le groupe Social – Éducation)",
        ),
    ],
)
async def test_un_texte_ou_un_public_refuse_rend_le_formulaire_avec_le_message(
    console: Console, texte: str, audience: str, champ: str, message: str
) -> None:
    sam = await console.entrer(console.sam)
    await sam.get("/annonces/nouvelle")
    for route in ("/annonces/apercu", "/annonces/envoyer"):
        statut, page = await sam.post(
            route, {"texte": texte, "audience": audience, "urgence": "oui"}
        )
        assert statut == 400, route
        assert message in page
        assert 'aria-invalid="true"' in page
        assert f'<small id="{champ}-erreur" class="erreur-champ">' in page
        assert f'aria-describedby="{champ}-erreur"' in page or (
            champ == "texte" and 'aria-describedby="texte-aide texte-erreur"' in page
        )
        if champ == "audience":  # what was written is kept
            assert f">{texte}</textarea>" in page
    assert await _annonces(console) == []
    assert await _nombre_envois(console) == 0


async def test_modifier_ramene_au_formulaire_avec_le_texte(console: Console) -> None:
    sam = await console.entrer(console.sam)
    await sam.get("/annonces/nouvelle")
    statut, page = await sam.post(
        "/annonces/nouvelle", {"texte": "<b>Plénière</b>", "audience": "role:animateur"}
    )
    assert statut == 200
    assert ">&lt;b&gt;Plénière&lt;/b&gt;</textarea>" in page
    assert '<option value="role:animateur" selected>' in page
    assert await _annonces(console) == []


async def test_sans_jeton_csrf_rien_ne_part(console: Console) -> None:
    await console.banc.peupler(2)
    sam = await console.entrer(console.sam)
    await sam.get("/annonces/nouvelle")
    for csrf in (None, "faux-" + "x" * 30):
        corps = {"texte": "Plénière", "audience": "tous", "urgence": "oui"}
        if csrf is not None:
            corps["csrf"] = csrf
        statut, page = await sam.post("/annonces/envoyer", corps, csrf=False)
        assert statut == 403 and "Accès refusé" in page
    assert await _annonces(console) == []
    assert await _nombre_envois(console) == 0


async def test_un_animateur_n_a_pas_acces_aux_annonces(console: Console) -> None:
    await console.banc.publier("Déjà partie", audience="role:equipe")
    (annonce,) = await _annonces(console)
    alex = await console.entrer(console.alex)
    for chemin in (
        "/annonces",
        "/annonces/nouvelle",
        f"/annonces/{annonce.id}",
        f"/annonces/{annonce.id}/bilan",
    ):
        statut, page = await alex.get(chemin)
        assert statut == 403 and "Accès refusé" in page, chemin
    await alex.get("/")  # a page with a CSRF token: the refusal is not a CSRF one
    for chemin in ("/annonces/apercu", "/annonces/envoyer", "/annonces/nouvelle"):
        statut, _ = await alex.post(
            chemin, {"texte": "Par Alex", "audience": "tous", "urgence": "oui"}
        )
        assert statut == 403, chemin
    assert len(await _annonces(console)) == 1
    statut, page = await alex.get("/")
    assert statut == 200 and 'href="/console/annonces"' not in page


async def test_un_animateur_redevenu_membre_n_y_entre_plus(console: Console) -> None:
    alex = await console.entrer(console.alex)
    membre = await console.banc.membre(ALEX)
    assert membre is not None
    async with console.banc.app.sessions() as session:
        await membres.changer_role(
            session,
            membre,
            Role.MEMBRE,
            par=None,
            origine=membres.ORIGINE_CLI,
            equipe_ids=[SAM],
            maintenant=console.banc.horloge.maintenant(),
        )
    statut, page = await alex.get("/annonces")
    assert statut == 403 and "réservée à l'équipe" in page


async def test_une_annonce_inconnue_est_introuvable(console: Console) -> None:
    sam = await console.entrer(console.sam)
    for chemin in ("/annonces/999", "/annonces/999/bilan", "/annonces/abc"):
        statut, page = await sam.get(chemin)
        assert statut == 404 and "Page introuvable" in page, chemin
    # A page that does not exist (an old link) or is not a number: the nearest one.
    for demande in ("0", "2", "abc"):
        statut, page = await sam.get(f"/annonces?page={demande}")
        assert statut == 200 and "Annonces envoyées" in page, demande


async def _passer_en_vol(console: Console, annonce_id: int) -> None:
    """The announcement's messages as the sender holds them while Telegram answers."""
    async with console.banc.app.sessions() as session:
        for envoi in (
            await session.exec(select(Envoi).where(Envoi.annonce_id == annonce_id))
        ).all():
            envoi.statut = StatutEnvoi.EN_COURS
            # A live process under a running lease: nothing sweeps them back meanwhile.
            envoi.bail_proprietaire = console.banc.app.verrous.identite
            envoi.bail_jusqu_au = console.banc.horloge.maintenant() + timedelta(days=1)
            session.add(envoi)
        await session.commit()


async def _remettre_en_file(console: Console, annonce_id: int) -> None:
    async with console.banc.app.sessions() as session:
        for envoi in (
            await session.exec(select(Envoi).where(Envoi.annonce_id == annonce_id))
        ).all():
            envoi.statut = StatutEnvoi.EN_ATTENTE
            envoi.bail_proprietaire = None
            envoi.bail_jusqu_au = None
            session.add(envoi)
        await session.commit()


async def test_le_bilan_se_met_a_jour_tant_que_des_messages_attendent(console: Console) -> None:
    banc = console.banc
    await banc.peupler(2)
    # 22:00 in Paris: quiet hours; an ordinary announcement waits for 8:00.
    banc.horloge.regler(datetime(2026, 11, 25, 21, 0, tzinfo=UTC))
    sam = await console.entrer(console.sam)
    await sam.get("/annonces/nouvelle")
    statut, page = await sam.post(
        "/annonces/apercu", {"texte": "Plénière demain", "audience": "groupe:environnement"}
    )
    assert "Ce sont les heures calmes (21 h – 8 h) : une annonce ordinaire partira à 8 h" in page
    statut, _ = await sam.post(
        "/annonces/envoyer",
        {"texte": "Plénière demain", "audience": "groupe:environnement", "urgence": "non"},
        allow_redirects=False,
    )
    assert statut == 303
    (annonce,) = await _annonces(console)

    statut, page = await sam.get(f"/annonces/{annonce.id}")
    assert statut == 200
    assert _bilan(page) == {"total": 4, "recues": 0, "attente": 4, "injoignables": 0, "echecs": 0}
    assert "l'envoi commencera à 8 h" in page
    # Nothing moves before morning: the page asks once a minute.
    assert f'hx-get="/console/annonces/{annonce.id}/bilan" hx-trigger="every 60s"' in page
    assert "htmx.min.js" in page

    # Morning: the messages are on their way (held by the sender), the page asks every 2 s.
    await _passer_en_vol(console, annonce.id or 0)
    banc.horloge.regler(datetime(2026, 11, 26, 7, 30, tzinfo=UTC))
    statut, fragment = await sam.get(f"/annonces/{annonce.id}/bilan")
    assert statut == 200 and "<html" not in fragment
    assert 'hx-trigger="every 2s"' in fragment
    assert _bilan(fragment)["attente"] == 4
    assert "Envoi en cours" in fragment

    await _remettre_en_file(console, annonce.id or 0)
    banc.app.expediteur.reveiller()
    await banc.attendre_que(_tous_envoyes(annonce.id or 0, 4))
    statut, fragment = await sam.get(f"/annonces/{annonce.id}/bilan")
    assert _bilan(fragment) == {
        "total": 4,
        "recues": 4,
        "attente": 0,
        "injoignables": 0,
        "echecs": 0,
    }
    assert "hx-trigger" not in fragment and "Envoi terminé : 4 sur 4 reçues." in fragment


async def test_une_annonce_urgente_part_meme_la_nuit_et_compte_les_injoignables(
    console: Console,
) -> None:
    banc = console.banc
    bloque, _ = await banc.peupler(2)
    assert bloque.telegram_id is not None
    banc.serveur.bloquer(bloque.telegram_id)
    banc.horloge.regler(datetime(2026, 11, 25, 22, 30, tzinfo=UTC))
    sam = await console.entrer(console.sam)
    await sam.get("/annonces/nouvelle")
    statut, _ = await sam.post(
        "/annonces/envoyer",
        {"texte": "Salle changée", "audience": "groupe:environnement", "urgence": "oui"},
        allow_redirects=False,
    )
    assert statut == 303
    (annonce,) = await _annonces(console)
    assert annonce.urgent

    async def fini(session: AsyncSession) -> bool:
        statuts = (
            await session.exec(select(Envoi.statut).where(Envoi.annonce_id == annonce.id))
        ).all()
        return StatutEnvoi.EN_ATTENTE not in statuts and StatutEnvoi.EN_COURS not in statuts

    await banc.attendre_que(fini)
    statut, page = await sam.get(f"/annonces/{annonce.id}")
    assert _bilan(page) == {"total": 4, "recues": 3, "attente": 0, "injoignables": 1, "echecs": 0}
    assert "Envoyée en urgence" in page and "hx-trigger" not in page
    assert "a bloqué le bot" in page


async def test_l_historique_se_lit_par_pages_avec_les_bilans(console: Console) -> None:
    banc = console.banc
    # Signed in first: the announcements arriving in Sam's chat must not be taken for the
    # answer to /console.
    sam = await console.entrer(console.sam)
    sam_membre = await banc.membre(SAM)
    for i in range(55):
        await banc.publier(f"Annonce numéro {i}", audience="role:equipe", auteur=sam_membre)
    await banc.publier("Depuis la ligne de commande", audience="groupe:environnement")
    statut, page = await sam.get("/annonces")
    assert statut == 200
    assert page.count('<th scope="row">') == 50
    assert page.index("Depuis la ligne de commande") < page.index("Annonce numéro 54")
    assert "le groupe Environnement" in page and "ligne de commande" in page
    assert "Page 1 sur 2" in page and 'href="/console/annonces?page=2"' in page
    statut, page = await sam.get("/annonces?page=2")
    assert statut == 200 and page.count('<th scope="row">') == 6
    assert "Annonce numéro 0<" in page and "l'équipe" in page and "Sam Équipe" in page
    statut, page = await sam.get("/annonces?page=9")  # a link from when there were more
    assert statut == 200 and "Page 2 sur 2" in page and "Annonce numéro 0<" in page


def test_l_apercu_refait_le_html_a_partir_de_ce_que_telegram_lit() -> None:
    assert en_page("<b>gras <i>et italique</i></b> puis <u>souligné</u>", parser_html) == (
        "<b>gras <i>et italique</i></b> puis <u>souligné</u>"
    )
    # Attributes other than a link's address never reach the page.
    assert en_page(
        '<b onclick="x()">a</b> <a href="https://x.org/?a=1&amp;b=&quot;2">l</a>', parser_html
    ) == ('<b>a</b> <a href="https://x.org/?a=1&amp;b=&#34;2" rel="noopener noreferrer">l</a>')
    # Offsets count UTF-16 units: an emoji before a tag does not shift it.
    assert en_page("🎉 <b>fête</b> 🎉 <s>x</s>", parser_html) == "🎉 <b>fête</b> 🎉 <s>x</s>"
    assert en_page("<pre>code</pre> <tg-spoiler>secret</tg-spoiler>", parser_html) == (
        '<pre><code>code</code></pre> <span class="masque">secret</span>'
    )
    assert en_page('<a href="javascript:alert(1)">plan</a>', parser_html) == "plan"
    assert en_page("a &lt; b &amp; c", parser_html) == "a &lt; b &amp; c"
    # An old row Telegram would refuse: its text, without formatting.
    assert en_page("<div>x</div> <b>y", parser_html) == "x y"
