"""End to end: staff send a group's news digest now with /revue: the preview is what the
members then receive, in their language; a second tap sends nothing more; members and
facilitators can neither ask for it nor forge its buttons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import func, select

from assemblee.groupes import trouver_groupe
from assemblee.modeles import Article, ArticleGroupe, EntreeJournal, Envoi, Role, StatutArticle
from commandes.callbacks import ApercuRevueCb, EnvoiRevueCb
from telegram_local import MessageLocal, Utilisateur
from tests.outils.banc import Banc


async def _garder(banc: Banc, slug: str, *titres: str) -> None:
    """Articles a facilitator kept for a group half an hour ago."""
    async with banc.app.sessions() as session:
        groupe = await trouver_groupe(session, slug)
        assert groupe is not None and groupe.id is not None
        for rang, titre in enumerate(titres):
            article = Article(
                url=f"https://www.paris.fr/pages/{slug}-{rang}",
                titre=titre,
                titre_normalise=titre.lower(),
                collecte_le=banc.horloge.maintenant() - timedelta(hours=2),
            )
            session.add(article)
            await session.flush()
            session.add(
                ArticleGroupe(
                    article_id=article.id or 0,
                    groupe_id=groupe.id,
                    statut=StatutArticle.A_LA_UNE if rang == 0 else StatutArticle.GARDE,
                    decide_le=banc.horloge.maintenant() - timedelta(minutes=30),
                )
            )
        await session.commit()


async def _nombre(banc: Banc, modele: type) -> int:
    async with banc.app.sessions() as session:
        return (await session.exec(select(func.count()).select_from(modele))).one()


async def test_l_equipe_envoie_la_revue_d_un_groupe_telle_qu_elle_l_a_vue(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    john = await banc.membre_actif(2, "John", "Smith", langue="en")
    eva = await banc.membre_actif(3, "Eva", "Équipe", role=Role.EQUIPE, groupes=[])
    await _garder(banc, "environnement", "Canicule : les îlots de fraîcheur", "Cours Oasis")

    (choix,) = await eva.envoyer("/revue")
    assert [[b.texte for b in rangee] for rangee in choix.boutons] == [
        ["Social – Éducation"],
        ["Environnement"],
        ["Espace public"],
    ]
    avant = len(eva.messages_du_bot())
    await eva.cliquer(choix, "Environnement")
    await banc.serveur.attendre(lambda: len(eva.messages_du_bot()) >= avant + 2)
    apercu, question = eva.messages_du_bot()[avant:]

    assert (apercu.texte_visible or "").startswith(
        "📰 Revue de presse — Environnement\nDe la semaine, mercredi 25 novembre à 10 h : "
        "2 articles choisis par les animateurs.\n"
        "⭐ À la une : Canicule : les îlots de fraîcheur — proposé par un membre\n"
        "• Cours Oasis"
    )
    assert question.texte_visible == (
        "⬆️ Voici la revue de presse de Environnement, exactement comme les membres la "
        "recevront : 2 articles pour 2 membres.\n"
        "L'envoyer maintenant ? La prochaine revue programmée ne reprendra pas ces articles."
    )
    assert [[b.texte for b in rangee] for rangee in question.boutons] == [
        ["✅ Envoyer maintenant"],
        ["Annuler"],
    ]

    envoyer = _donnees_envoyer(question)
    await eva.cliquer(question, "Envoyer maintenant")
    await banc.serveur.attendre(lambda: len(eva.messages_du_bot()) >= avant + 3)
    assert eva.messages_du_bot()[-1].texte_visible == (
        "C'est parti : la revue de presse de Environnement part vers 2 membres."
    )
    assert eva.message(question.message_id).boutons == []
    await banc.serveur.attendre(
        lambda: bool(_revues(mia) and _revues(john)),
        description="the digest in both members' chats",
    )
    (recue,) = _revues(mia)
    assert (recue.texte_visible, recue.entites) == (apercu.texte_visible, apercu.entites)
    (anglais,) = _revues(john)
    assert (anglais.texte_visible or "").startswith("📰 News digest — Environnement\nWeekly")

    # A second tap on the same preview sends nothing more.
    envoyes = await _nombre(banc, Envoi)
    reponse = await eva.appuyer(question.message_id, envoyer)
    assert reponse.texte is None
    assert eva.messages_du_bot()[-1].texte_visible == (
        "Rien à envoyer pour Environnement : cette revue de presse vient de partir."
    )
    assert await _nombre(banc, Envoi) == envoyes
    async with banc.app.sessions() as session:
        (entree,) = (
            await session.exec(select(EntreeJournal).where(EntreeJournal.action == "revue-envoyee"))
        ).all()
    assert (entree.origine, entree.apres) == ("bot", "2 destinataires, 2 articles")


def _revues(personne: Utilisateur) -> list[MessageLocal]:
    return [m for m in personne.messages_du_bot() if (m.texte_visible or "").startswith("📰")]


def _donnees_envoyer(question: MessageLocal) -> str:
    """The callback data of the preview's "send now" button."""
    donnees = question.boutons[0][0].callback_data
    assert isinstance(donnees, str) and donnees.startswith("vre:")
    return donnees


async def test_rien_a_envoyer_et_annuler(banc: Banc) -> None:
    await banc.membre_actif(1, "Mia", "Martin")
    eva = await banc.membre_actif(3, "Eva", "Équipe", role=Role.EQUIPE, groupes=[])

    (choix,) = await eva.envoyer("/revue")
    avant = len(eva.messages_du_bot())
    await eva.cliquer(choix, "Environnement")
    await banc.serveur.attendre(lambda: len(eva.messages_du_bot()) > avant)
    assert eva.messages_du_bot()[-1].texte_visible == (
        "Rien à envoyer pour Environnement : aucun article gardé depuis la dernière revue de "
        "presse. Les animateurs gardent les articles avec /veille."
    )

    await _garder(banc, "environnement", "Cours Oasis")
    await eva.cliquer(choix, "Environnement")  # the list of groups stays
    await banc.serveur.attendre(lambda: len(eva.messages_du_bot()) >= avant + 3)
    question = eva.messages_du_bot()[-1]
    await eva.cliquer(question, "Annuler")
    await banc.serveur.attendre(lambda: len(eva.messages_du_bot()) >= avant + 4)
    assert eva.messages_du_bot()[-1].texte_visible == (
        "Revue de presse non envoyée : elle partira à son heure habituelle."
    )
    assert await _nombre(banc, Envoi) == 0


async def test_seule_l_equipe_envoie_une_revue(banc: Banc) -> None:
    await _garder(banc, "environnement", "Cours Oasis")
    mia = await banc.membre_actif(1, "Mia", "Martin")
    ali = await banc.membre_actif(2, "Ali", "Animateur", role=Role.ANIMATEUR)
    eva = await banc.membre_actif(3, "Eva", "Équipe", role=Role.EQUIPE, groupes=[])
    async with banc.app.sessions() as session:
        groupe = await trouver_groupe(session, "environnement")
    assert groupe is not None
    instant = int(datetime(2026, 11, 25, 9, 0, tzinfo=UTC).timestamp())
    forges = [f"vra:{groupe.id}", f"vre:{groupe.id}:{instant}:1"]

    for personne in (mia, ali):
        (refus,) = await personne.envoyer("/revue")
        assert refus.texte_visible == "Cette commande est réservée à l'équipe."
        for donnees in forges:
            reponse = await personne.appuyer(1, donnees)
            assert (reponse.texte, reponse.show_alert) == ("Ce bouton n'est plus valable.", True)
    # Staff themselves: a group that does not exist, a malformed instant.
    for donnees in ("vra:999", f"vre:999:{instant}:1", f"vre:{groupe.id}:-5:1", "vre:1"):
        reponse = await eva.appuyer(1, donnees)
        assert (reponse.texte, reponse.show_alert) == ("Ce bouton n'est plus valable.", True)

    assert await _nombre(banc, Envoi) == 0
    async with banc.app.sessions() as session:
        revues = (
            await session.exec(
                select(func.count())
                .select_from(EntreeJournal)
                .where(EntreeJournal.action == "revue-envoyee")
            )
        ).one()
    assert revues == 0
    (aide,) = await eva.envoyer("/aide")
    assert "/revue — Envoyer tout de suite la revue de presse d'un groupe" in aide.texte_visible
    (aide,) = await ali.envoyer("/aide")
    assert "/revue" not in aide.texte_visible


def test_les_boutons_de_la_revue_tiennent_en_64_octets() -> None:
    plus_grand = 2**31 - 1
    donnees = [ApercuRevueCb(groupe_id=plus_grand).pack()]
    donnees += [
        EnvoiRevueCb(groupe_id=plus_grand, jusqua=2**40 - 1, envoyer=envoyer).pack()
        for envoyer in (True, False)
    ]
    assert all(len(d.encode()) <= 64 for d in donnees)
