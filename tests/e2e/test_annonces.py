"""End to end: staff write an announcement in the bot, see it as members will, send it, and get
the delivery report; members get it once; nobody else can announce."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, seances
from assemblee.groupes import trouver_groupe
from assemblee.modeles import Annonce, Envoi, Role, StatutEnvoi, TypeSeance
from assemblee.seances import Champs
from telegram_local import MessageLocal, Utilisateur
from tests.outils.banc import Banc
from tests.outils.journal import entrees


async def _nombre(session: AsyncSession, modele: type) -> int:
    return (await session.exec(select(func.count()).select_from(modele))).one()


def _tous_envoyes(nombre: int) -> Callable[[AsyncSession], Awaitable[bool]]:
    async def predicat(session: AsyncSession) -> bool:
        n = (
            await session.exec(select(func.count()).where(Envoi.statut == StatutEnvoi.ENVOYE))
        ).one()
        return n >= nombre

    return predicat


async def _equipe(banc: Banc) -> Utilisateur:
    return await banc.membre_actif(1, "Eva", "Équipe", role=Role.EQUIPE, groupes=[])


async def _jusqu_a_l_apercu(eva: Utilisateur, audience: str) -> tuple[MessageLocal, MessageLocal]:
    """Returns the copy shown as preview and the question under it."""
    (clavier,) = [m for m in eva.messages_du_bot() if m.boutons][-1:]
    copie, question = await _cliquer_et_lire(eva, clavier, audience, 2)
    assert (
        "Voici l'aperçu, exactement comme les destinataires le recevront." in question.texte_visible
    )
    return copie, question


async def _cliquer_et_lire(
    eva: Utilisateur, message: MessageLocal, libelle: str, n: int
) -> list[MessageLocal]:
    avant = len(eva.messages_du_bot())
    await eva.cliquer(message, libelle)
    return eva.messages_du_bot()[avant : avant + n]


async def test_annonce_mise_en_forme_a_un_groupe_avec_apercu_et_bilan(banc: Banc) -> None:
    environnement = await banc.peupler(4)
    autres = await banc.peupler(2, groupe="espace-public", premier_telegram_id=20_000)
    eva = await _equipe(banc)

    (demande,) = await eva.envoyer("/annonce")
    assert "Envoyez-moi l'annonce" in demande.texte_visible
    (audiences,) = await eva.envoyer_mis_en_forme(
        '<b>Plénière</b> jeudi 18 h, <a href="https://paris.fr/plan">plan d\'accès</a>'
    )
    libelles = [b.texte for rangee in audiences.boutons for b in rangee]
    assert libelles == [
        "tout le monde (7)",
        "le groupe Social – Éducation (0)",
        "le groupe Environnement (4)",
        "le groupe Espace public (2)",
        "les membres (6)",
        "les animateurs (0)",
        "l'équipe (1)",
    ]
    copie, question = await _jusqu_a_l_apercu(eva, "le groupe Environnement (4)")
    assert (
        copie.texte
        == '<b>Plénière</b> jeudi 18 h, <a href="https://paris.fr/plan">plan d\'accès</a>'
    )
    assert "Envoyer cette annonce au groupe Environnement (4 personnes) ?" in question.texte_visible
    assert banc.serveur.nombre_envoyes(environnement[0].telegram_id) == 0  # nothing sent yet

    (partie,) = await _cliquer_et_lire(eva, question, "✅ Envoyer", 1)
    assert partie.texte_visible.startswith("C'est parti : 4 destinataires.")
    assert eva.message(question.message_id).boutons == []
    await banc.attendre_que(_tous_envoyes(4))
    for m in environnement:
        assert m.telegram_id is not None
        (recu,) = banc.serveur.messages_du_bot(m.telegram_id)
        assert recu.texte == copie.texte  # exactly the preview
    for m in autres:
        assert banc.serveur.nombre_envoyes(m.telegram_id) == 0

    await banc.serveur.attendre(
        lambda: "Bilan de votre annonce" in (eva.dernier_message.texte_visible or "")
    )
    bilan = eva.dernier_message
    assert bilan is not None
    assert "« Plénière jeudi 18 h, plan d'accès » (le groupe Environnement)" in bilan.texte_visible
    assert "4 reçues sur 4, 0 injoignable, 0 en échec" in bilan.texte_visible
    (suivi,) = await eva.envoyer("/envois")
    assert (
        "« Plénière jeudi 18 h, plan d'accès » → le groupe Environnement : 4/4 reçues"
        in suivi.texte_visible
    )
    eva_id = (await banc.membre(1)).id  # type: ignore[union-attr]
    async with banc.app.sessions() as session:
        (annonce,) = (await session.exec(select(Annonce))).all()
        assert await entrees(session, origine="bot") == [
            ("bot", eva_id, "annonce-envoyee", "annonce", annonce.id)
        ]
        (ligne,) = await journal.lire(session, filtre=journal.Filtre(objet="annonce"))
    assert ligne.par == "Eva Équipe"
    assert "destinataires=4" in ligne.entree.apres and "Plénière jeudi 18 h" in ligne.entree.apres


async def test_annonce_avec_document(banc: Banc) -> None:
    membres = await banc.peupler(3)
    eva = await _equipe(banc)
    await eva.envoyer("/annonce")
    await eva.envoyer_document(
        "ordre-du-jour.pdf", b"%PDF-1.4 ordre du jour", legende="Ordre du jour"
    )
    copie, question = await _jusqu_a_l_apercu(eva, "tout le monde (4)")
    assert copie.document is not None and copie.document.nom == "ordre-du-jour.pdf"
    await eva.cliquer(question, "✅ Envoyer")
    await banc.attendre_que(_tous_envoyes(4))
    for m in membres:
        assert m.telegram_id is not None
        (recu,) = banc.serveur.messages_du_bot(m.telegram_id)
        assert recu.document is not None and recu.document.contenu == b"%PDF-1.4 ordre du jour"
        assert recu.legende == "Ordre du jour"


async def test_annonce_avec_photo(banc: Banc) -> None:
    membres = await banc.peupler(2)
    eva = await _equipe(banc)
    await eva.envoyer("/annonce")
    await eva.envoyer_photo(b"\x89PNG photo du site", legende="Visite du chantier")
    copie, question = await _jusqu_a_l_apercu(eva, "tout le monde (3)")
    assert copie.photo == b"\x89PNG photo du site" and copie.legende == "Visite du chantier"
    await eva.cliquer(question, "✅ Envoyer")
    await banc.attendre_que(_tous_envoyes(3))
    for m in membres:
        assert m.telegram_id is not None
        (recu,) = banc.serveur.messages_du_bot(m.telegram_id)
        assert recu.photo == copie.photo and recu.legende == "Visite du chantier"


async def test_un_autocollant_est_refuse(banc: Banc) -> None:
    eva = await _equipe(banc)
    await eva.envoyer("/annonce")
    banc.serveur.injecter_update(
        {
            "message": {
                "message_id": 900,
                "date": 0,
                "chat": {"id": 1, "type": "private"},
                "from": {"id": 1, "is_bot": False, "first_name": "Eva"},
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                },
            }
        }
    )
    await banc.serveur.attendre(
        lambda: "Je ne sais envoyer" in (eva.dernier_message.texte_visible or "")
    )
    (audiences,) = await eva.envoyer("Le vrai texte")
    assert audiences.boutons


async def test_annonce_urgente_la_nuit(banc: Banc) -> None:
    banc.horloge.regler(datetime(2026, 11, 25, 22, 0, tzinfo=UTC))  # 23:00 in Paris
    membres = await banc.peupler(2)
    eva = await _equipe(banc)
    await eva.envoyer("/annonce")
    await eva.envoyer("Salle fermée demain, séance en ligne")
    _, question = await _jusqu_a_l_apercu(eva, "les membres (2)")
    (partie,) = await _cliquer_et_lire(eva, question, "⚡ Envoyer en urgence", 1)
    assert "heures calmes" not in partie.texte_visible
    await banc.attendre_que(_tous_envoyes(3))  # the two members, then the report at night too
    assert "Bilan de votre annonce" in (eva.dernier_message.texte_visible or "")  # type: ignore[union-attr]
    recus = banc.messages_recus("Salle fermée demain")
    assert recus.pop(1) == 2  # Eva: her preview, and the report quoting it
    assert recus == {m.telegram_id: 1 for m in membres}


async def test_annonce_ordinaire_la_nuit_attend_le_matin(banc: Banc) -> None:
    banc.horloge.regler(datetime(2026, 11, 25, 22, 0, tzinfo=UTC))
    await banc.peupler(2)
    eva = await _equipe(banc)
    await eva.envoyer("/annonce")
    await eva.envoyer("Rappel : atelier samedi")
    _, question = await _jusqu_a_l_apercu(eva, "les membres (2)")
    (partie,) = await _cliquer_et_lire(eva, question, "✅ Envoyer", 1)
    assert "Ce sont les heures calmes : l'envoi commencera à 8 h." in partie.texte_visible


async def test_annuler_ne_envoie_rien_et_le_bouton_rejoue_est_perime(banc: Banc) -> None:
    await banc.peupler(2)
    eva = await _equipe(banc)
    await eva.envoyer("/annonce")
    await eva.envoyer("Brouillon")
    _, question = await _jusqu_a_l_apercu(eva, "tout le monde (3)")
    (annulee,) = await _cliquer_et_lire(eva, question, "Annuler", 1)
    assert annulee.texte_visible == "Annonce abandonnée : rien n'a été envoyé."
    reponse = await eva.appuyer(question.message_id, "an:envoyer")
    assert reponse.texte == "Ce bouton n'est plus valable."
    async with banc.app.sessions() as session:
        assert await _nombre(session, Annonce) == 0 and await _nombre(session, Envoi) == 0

    await eva.envoyer("/annonce")
    (abandon,) = await eva.envoyer("/annuler")
    assert abandon.texte_visible == "Annonce abandonnée : rien n'a été envoyé."


async def test_contenu_refuse_avec_une_phrase(banc: Banc) -> None:
    eva = await _equipe(banc)
    await eva.envoyer("/annonce")
    (refus,) = await eva.envoyer("x" * 4096 + "<b>")
    assert refus.texte_visible.startswith("Cette annonce est trop longue pour Telegram")
    (audiences,) = await eva.envoyer("Finalement court")
    assert audiences.boutons  # still in the conversation, nothing lost


async def test_personne_d_autre_ne_peut_annoncer(banc: Banc) -> None:
    mia = await banc.membre_actif(2, "Mia")
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)
    for personne in (mia, ali):
        (refus,) = await personne.envoyer("/annonce")
        assert refus.texte_visible == "Cette commande est réservée à l'équipe."
        (refus,) = await personne.envoyer("/envois")
        assert refus.texte_visible == "Cette commande est réservée à l'équipe."
        for forge in ("au:tous:", "an:envoyer", "an:urgent", "au:groupe:environnement"):
            reponse = await personne.appuyer(1, forge)
            assert reponse.texte == "Ce bouton n'est plus valable."
    async with banc.app.sessions() as session:
        assert await _nombre(session, Annonce) == 0


async def test_l_audience_s_accorde_et_un_titre_avec_apostrophe_reste_lisible(
    banc: Banc,
) -> None:
    await banc.peupler(2)
    await banc.membre_actif(30, "Ali", role=Role.ANIMATEUR)
    eva = await _equipe(banc)
    async with banc.app.sessions() as session:
        cible = await trouver_groupe(session, "environnement")
        debut = banc.horloge.maintenant() + timedelta(days=3)
        await seances.creer(
            session,
            Champs(
                type=TypeSeance.ATELIER,
                titre="L'atelier <des> cours & jardins",
                groupe=cible,
                debut=debut,
                fin=debut + timedelta(hours=2),
                lieu="5 rue Lobau",
            ),
            auteur=journal.CLI,
            maintenant=banc.horloge.maintenant(),
        )
    audience = "les convoqués de « L'atelier <des> cours & jardins » (2)"
    await eva.envoyer("/annonce")
    (audiences,) = await eva.envoyer("Réunion jeudi")
    libelles = [b.texte for rangee in audiences.boutons for b in rangee]
    # Button labels are plain text: the title as typed, no HTML entity.
    assert audience in libelles and "les animateurs (1)" in libelles
    assert not [b for b in libelles if "&#" in b or "&amp;" in b or "&lt;" in b], libelles
    _, question = await _jusqu_a_l_apercu(eva, audience)
    assert (
        "Envoyer cette annonce aux convoqués de « L'atelier <des> cours & jardins »"
        " (2 personnes) ?" in question.texte_visible
    )
