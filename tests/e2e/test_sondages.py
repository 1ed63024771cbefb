"""End to end: topics proposed and decided in the bot, a facilitator's poll from the guided
conversation to the results picture, members voting with one tap per choice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from assemblee import journal
from assemblee.modeles import Bulletin, Envoi, Role, Sondage, StatutSujet, Sujet
from telegram_local import MessageLocal, Utilisateur
from tests.outils.banc import Banc
from tests.outils.journal import entrees


async def _message(banc: Banc, qui: Utilisateur, texte: str) -> MessageLocal:
    await banc.serveur.attendre(
        lambda: any(texte in (m.texte_visible or m.legende or "") for m in qui.messages_du_bot())
    )
    return [m for m in qui.messages_du_bot() if texte in (m.texte_visible or m.legende or "")][-1]


async def _avis_recus(banc: Banc, animateur: Utilisateur, nombre: int) -> None:
    """Wait for the outbox's notices of new topics to reach the facilitator."""
    await banc.serveur.attendre(
        lambda: (
            sum(
                "Nouveau sujet proposé" in (m.texte_visible or "")
                for m in animateur.messages_du_bot()
            )
            == nombre
        )
    )
    # Reading them takes a moment: under load the outbox may deliver the three together,
    # and a command typed at machine speed right after would be answered inside their burst.
    banc.serveur.patienter(2.0)


async def _nouveaux(qui: Utilisateur, avant: int) -> list[MessageLocal]:
    return qui.messages_du_bot()[avant:]


async def test_un_sujet_propose_puis_retenu_ou_decline(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)
    mia = await banc.membre_actif(1, "Mia", "Martin")
    (merci,) = await mia.envoyer("/proposer Des fontaines à eau dans chaque parc")
    assert merci.texte_visible.startswith(
        "Merci ! Votre sujet « Des fontaines à eau dans chaque parc »"
    )
    await _message(banc, ali, "Nouveau sujet proposé")
    (refus,) = await mia.envoyer("/proposer")
    assert refus.texte_visible.startswith("Écrivez votre sujet après la commande")
    await mia.envoyer("/proposer Un parking sous la place")
    await _avis_recus(banc, ali, 2)

    retenus, a_decider = await ali.envoyer("/sujets", attendre=2)
    assert "Aucun sujet retenu" in retenus.texte_visible
    assert "À examiner — Environnement (2)" in a_decider.texte_visible
    reponse = await ali.cliquer(a_decider, "1 · Retenir")
    assert reponse.texte == "C'est fait, la personne qui l'a proposé est prévenue."
    await _message(banc, mia, "est retenu")
    # The decided topic and its buttons are gone from the review; the other one is now first.
    a_decider = ali.message(a_decider.message_id)
    assert "À examiner — Environnement (1)" in a_decider.texte_visible
    assert "fontaines" not in a_decider.texte_visible
    assert [b.texte for r in a_decider.boutons for b in r] == [
        "1 · Retenir",
        "1 · Fusionner",
        "1 · Décliner",
    ]
    await ali.cliquer(a_decider, "1 · Décliner")
    await _message(banc, ali, "pourquoi ce sujet n'est-il pas retenu")
    (ok,) = await ali.envoyer("Le stationnement n'est pas du ressort de l'assemblée.")
    assert ok.texte_visible == "C'est fait, la personne qui l'a proposé est prévenue."
    fini = ali.message(a_decider.message_id)
    assert "toutes les propositions ont reçu une réponse" in fini.texte_visible
    assert fini.boutons == []
    declin = await _message(banc, mia, "n'est pas retenu pour l'instant")
    assert "Le stationnement n'est pas du ressort de l'assemblée." in declin.texte_visible
    (liste,) = await mia.envoyer("/sujets")
    assert "1. Des fontaines à eau dans chaque parc" in liste.texte_visible
    async with banc.app.sessions() as session:
        statuts = sorted(s.statut for s in (await session.exec(select(Sujet))).all())
        journal_ = await entrees(session, origine="bot")
    assert statuts == sorted([StatutSujet.ACCEPTE, StatutSujet.DECLINE])
    # The decisions are in the audit log; the proposals (members' own) are not.
    ali_id = (await banc.membre(3)).id  # type: ignore[union-attr]
    assert journal_ == [
        ("bot", ali_id, "sujet-accepte", "sujet", 1),
        ("bot", ali_id, "sujet-decline", "sujet", 2),
    ]
    # A plain member can't decide.
    assert (await mia.appuyer(1, "su:1:ac")).texte == "Ce bouton n'est plus valable."


async def _jusqu_a_l_apercu(
    ali: Utilisateur, types: MessageLocal, type_: str, cloture: str, anonymat: str
) -> MessageLocal:
    """The facilitator answers the three questions (a single group: no audience question)
    and gets the launch preview."""
    question = types
    for bouton in (type_, cloture, anonymat):
        avant = len(ali.messages_du_bot())
        await ali.cliquer(question, bouton)
        (question,) = await _nouveaux(ali, avant)
    return question


async def _lancer_jugement(
    banc: Banc, ali: Utilisateur, anonyme: str = "🕶 Anonyme"
) -> MessageLocal:
    await ali.envoyer("/sondage")
    await ali.envoyer("Quel sujet traiter en priorité ?")
    (types,) = await ali.envoyer("Des fontaines\nDes cours oasis\nPlus de bancs")
    apercu = await _jusqu_a_l_apercu(ali, types, "Jugement majoritaire", "Dans 3 jours", anonyme)
    assert (
        "Aperçu du sondage" in apercu.texte_visible
        and "2 personnes pourront voter" in apercu.texte_visible
    )
    assert apercu.texte_visible.count("Des cours oasis") == 1  # the options, once
    avant = len(ali.messages_du_bot())
    await ali.cliquer(apercu, "Lancer le sondage")
    (lance,) = await _nouveaux(ali, avant)
    return lance


async def test_des_options_avec_des_chevrons_se_lancent_et_s_affichent_telles_quelles(
    banc: Banc,
) -> None:
    """The launch preview put the options in as raw HTML: "<100 €" made Telegram refuse it."""
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)
    mia = await banc.membre_actif(1, "Mia")
    await ali.envoyer("/sondage")
    await ali.envoyer("Quel budget ?")
    (types,) = await ali.envoyer("Moins de <100 €\n<b>Plus</b> & mieux")
    apercu = await _jusqu_a_l_apercu(ali, types, "Un seul choix", "Dans 3 jours", "Nominatif")
    assert "1. Moins de <100 €\n2. <b>Plus</b> & mieux" in apercu.texte_visible
    await ali.cliquer(apercu, "Lancer le sondage")
    bulletin = await _message(banc, mia, "Quel budget ?")
    assert [b.texte for r in bulletin.boutons for b in r] == [
        "○ Moins de <100 €",
        "○ <b>Plus</b> & mieux",
    ]


async def test_sondage_en_jugement_majoritaire_de_bout_en_bout(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)
    mia = await banc.membre_actif(1, "Mia", "Martin")
    leo = await banc.membre_actif(2, "Léo", "Bernard")
    lance = await _lancer_jugement(banc, ali)
    assert lance.texte_visible.startswith("C'est lancé : 2 bulletins partent.")
    bulletin = await _message(banc, mia, "Quel sujet traiter en priorité ?")
    assert "Quelle mention pour 1. Des fontaines ?" in bulletin.texte_visible
    assert [b.texte for r in bulletin.boutons for b in r][:6] == [
        "Excellent",
        "Très bien",
        "Bien",
        "Assez bien",
        "Passable",
        "Insuffisant",
    ]
    assert (await mia.cliquer(bulletin, "Excellent")).texte == "C'est noté."
    bulletin = mia.message(bulletin.message_id)
    assert "1. Des fontaines — Excellent" in bulletin.texte_visible
    assert "Quelle mention pour 2. Des cours oasis ?" in bulletin.texte_visible
    await mia.cliquer(bulletin, "Bien")
    await mia.cliquer(mia.message(bulletin.message_id), "Insuffisant")
    bulletin = mia.message(bulletin.message_id)
    assert "Bulletin complet" in bulletin.texte_visible
    await mia.cliquer(bulletin, "◀︎")  # back to option 2, to change her mind
    bulletin = mia.message(bulletin.message_id)
    assert "Quelle mention pour 2. Des cours oasis ?" in bulletin.texte_visible
    assert "● Bien" in [b.texte for r in bulletin.boutons for b in r]
    await mia.cliquer(bulletin, "Très bien")
    assert "2. Des cours oasis — Très bien" in mia.message(bulletin.message_id).texte_visible

    bulletin_leo = await _message(banc, leo, "Quel sujet traiter en priorité ?")
    for mention in ("Bien", "Très bien", "Passable"):
        await leo.cliquer(leo.message(bulletin_leo.message_id), mention)

    (liste,) = await ali.envoyer("/resultats")
    avant = len(ali.messages_du_bot())
    await ali.cliquer(liste, "1 · Voir")
    (suivi,) = await _nouveaux(ali, avant)
    # Anonymous and open: the turnout, and no figure that a tap would move.
    assert "2 votants sur 2 (100 %)" in suivi.texte_visible
    assert "résultats ne sont connus de personne avant la clôture" in suivi.texte_visible
    assert "Des cours oasis" not in suivi.texte_visible
    refus = await ali.cliquer(liste, "1 · CSV")
    assert refus.texte is not None and "secrets jusqu'à la clôture" in refus.texte

    await ali.cliquer(suivi, "Clore maintenant")
    resultats = await _message(banc, mia, "Résultats — Quel sujet traiter en priorité ?")
    assert resultats.photo is not None and resultats.photo.startswith(b"\x89PNG")
    assert "2 votants sur 2 (100 %)" in (resultats.legende or "")
    await _message(banc, ali, "Résultats —")
    tard = await leo.cliquer(leo.message(bulletin_leo.message_id), "Excellent")
    assert tard.texte == "Ce sondage est clos : les votes ne sont plus acceptés."
    avant = len(ali.messages_du_bot())
    await ali.cliquer(liste, "1 · Voir")
    (clos,) = await _nouveaux(ali, avant)
    assert "1. Des cours oasis — Très bien" in clos.texte_visible
    assert "clos le" in clos.texte_visible
    avant = len(ali.messages_du_bot())
    await ali.cliquer(liste, "1 · CSV")
    (fichier,) = await _nouveaux(ali, avant)
    assert fichier.document is not None and b"Des cours oasis" in fichier.document.contenu
    assert b"Martin" not in fichier.document.contenu  # anonymous: never a name
    async with banc.app.sessions() as session:
        assert {b.membre_id for b in (await session.exec(select(Bulletin))).all()} == {None}
        lettres = (await session.exec(select(Envoi).where(Envoi.cle.startswith("bulletin:")))).all()  # type: ignore[attr-defined]
        # The outbox held the same ballot message for everyone: nothing leads to a ballot.
        assert len({(e.texte, e.clavier) for e in lettres}) == 1
        # Launched and closed by the facilitator; the votes are not in the log.
        journal_ = await entrees(session, origine="bot")
        (clos,) = await journal.lire(session, filtre=journal.Filtre(action="sondage-clos"))
    ali_id = (await banc.membre(3)).id  # type: ignore[union-attr]
    sondage_id = 1
    assert journal_ == [
        ("bot", ali_id, "sondage-ouvert", "sondage", sondage_id),
        ("bot", ali_id, "sondage-clos", "sondage", sondage_id),
    ]
    assert "votants=2" in clos.entree.apres and "oasis" not in clos.entree.apres


async def test_un_sondage_lance_pendant_les_heures_calmes_dit_quand_partent_les_bulletins(
    banc: Banc,
) -> None:
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)
    mia = await banc.membre_actif(1, "Mia")
    await banc.membre_actif(2, "Léo")
    banc.horloge.regler(datetime(2026, 11, 25, 22, 0, tzinfo=UTC))  # 23:00 in Paris
    lance = await _lancer_jugement(banc, ali)
    assert lance.texte_visible.startswith(
        "C'est lancé : 2 bulletins partent à 8 h, à la fin des heures calmes."
    )
    assert not [m for m in mia.messages_du_bot() if "Quel sujet" in m.texte_visible]


async def test_l_image_des_resultats_n_est_televersee_qu_une_fois(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)
    membres = [await banc.membre_actif(10 + i, f"Membre{i}") for i in range(2)]
    await _lancer_jugement(banc, ali)
    for m in membres:
        await _message(banc, m, "Quel sujet traiter en priorité ?")
    (liste,) = await ali.envoyer("/resultats")
    avant = len(ali.messages_du_bot())
    await ali.cliquer(liste, "1 · Voir")
    (suivi,) = await _nouveaux(ali, avant)
    banc.serveur.latence(0.5, "sendPhoto")  # the first upload is still on its way...
    await ali.cliquer(suivi, "Clore maintenant")
    for qui in (*membres, ali):
        await _message(banc, qui, "Résultats —")
    photos = [a for a in banc.serveur.appels if a.methode == "sendPhoto" and a.code == 200]
    # ... when the others go: they wait for its file id rather than upload the picture again.
    televersees = [a for a in photos if str(a.params.get("photo")).startswith("attach://")]
    assert (len(photos), len(televersees)) == (3, 1)


async def test_sondage_depuis_les_sujets_retenus_et_cloture_automatique(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)
    mia = await banc.membre_actif(1, "Mia")
    for texte in ("Des fontaines", "Des bancs", "Des arbres"):
        await mia.envoyer(f"/proposer {texte}")
    await _avis_recus(banc, ali, 3)  # before the conversation, so they don't interleave
    _, a_decider = await ali.envoyer("/sujets", attendre=2)
    for _ in range(3):  # the review is redrawn after each decision: the next one is first
        await ali.cliquer(ali.message(a_decider.message_id), "1 · Retenir")
    await ali.envoyer("/sondage")
    (options,) = await ali.envoyer("Lequel d'abord ?")
    avant = len(ali.messages_du_bot())
    await ali.cliquer(options, "Choisir parmi les sujets retenus")
    choix = ali.message(options.message_id)
    await ali.cliquer(choix, "☐ Des fontaines")
    await ali.cliquer(ali.message(options.message_id), "☐ Des arbres")
    await ali.cliquer(ali.message(options.message_id), "Ces options")
    (types,) = await _nouveaux(ali, avant)
    apercu = await _jusqu_a_l_apercu(ali, types, "Un seul choix", "Dans 1 jour", "Nominatif")
    assert "1. Des fontaines" in apercu.texte_visible and "2. Des arbres" in apercu.texte_visible
    await ali.cliquer(apercu, "Lancer le sondage")
    bulletin = await _message(banc, mia, "Lequel d'abord ?")
    await mia.cliquer(bulletin, "○ Des arbres")
    assert "◉ Des arbres" in [b.texte for r in mia.message(bulletin.message_id).boutons for b in r]
    async with banc.app.sessions() as session:
        (sondage,) = (await session.exec(select(Sondage))).all()
    banc.horloge.regler(sondage.ferme_le + timedelta(minutes=1))
    await banc.app.planificateur.battre()
    resultats = await _message(banc, mia, "Résultats — Lequel d'abord ?")
    assert "1. Des arbres — 1 (100 %)" in (resultats.legende or "")


async def test_personne_ne_vote_hors_de_son_sondage(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)
    await banc.membre_actif(1, "Mia")
    await banc.membre_actif(2, "Léo")
    leo_ailleurs = await banc.membre_actif(4, "Zoé", groupes=["espace-public"])
    await _lancer_jugement(banc, ali, anonyme="👤 Nominatif")
    async with banc.app.sessions() as session:
        (sondage,) = (await session.exec(select(Sondage))).all()
    for donnees in (f"vo:{sondage.id}:0:5", f"vn:{sondage.id}:1"):
        reponse = await leo_ailleurs.appuyer(1, donnees)
        assert reponse.texte == "Ce sondage ne vous est pas destiné."
    # The old form, with a token in the button, is refused as a stale button.
    ancien = await leo_ailleurs.appuyer(1, f"vo:{sondage.id}:AAAAAAAAAAAAAAAA:0:5")
    assert ancien.texte == "Ce bouton n'est plus valable."
    inconnu = banc.utilisateur(666, "Intrus")
    await inconnu.envoyer("bonjour")
    assert (
        await inconnu.appuyer(1, f"vo:{sondage.id}:0:5")
    ).texte == "Ce bouton n'est plus valable."
    (refus,) = await (await banc.membre_actif(5, "Noé")).envoyer("/sondage")
    assert refus.texte_visible == "Cette commande est réservée aux animateurs et à l'équipe."


async def test_un_animateur_ne_gere_ni_les_sondages_ni_les_sujets_d_un_autre_groupe(
    banc: Banc,
) -> None:
    """Buttons forged with the ids of another group's poll and topic are refused with the
    sentence of any stale button, and change nothing; the poll's own facilitator gets it."""
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)  # environnement
    zoe = await banc.membre_actif(4, "Zoé", role=Role.ANIMATEUR, groupes=["espace-public"])
    mia = await banc.membre_actif(1, "Mia")
    await banc.membre_actif(2, "Léo")
    await _lancer_jugement(banc, ali)
    await mia.envoyer("/proposer Des fontaines")
    await mia.envoyer("/proposer Des bancs")
    await _avis_recus(banc, ali, 2)
    async with banc.app.sessions() as session:
        (sondage,) = (await session.exec(select(Sondage))).all()
        sujet, cible = (await session.exec(select(Sujet).order_by(Sujet.id))).all()  # type: ignore[arg-type]

    forges = [f"so:{sondage.id}:{action}" for action in ("v", "c", "x")]
    forges += [f"su:{sujet.id}:{decision}" for decision in ("ac", "fu", "de")]
    forges.append(f"sf:{sujet.id}:{cible.id}")
    for donnees in forges:
        reponse = await zoe.appuyer(1, donnees)
        assert (reponse.texte, reponse.show_alert) == ("Ce bouton n'est plus valable.", True)
    async with banc.app.sessions() as session:
        assert (await session.get(Sondage, sondage.id)).clos_le is None  # type: ignore[union-attr]
        statuts = {s.statut for s in (await session.exec(select(Sujet))).all()}
    assert statuts == {StatutSujet.PROPOSE}

    avant = len(ali.messages_du_bot())
    assert (await ali.appuyer(1, f"so:{sondage.id}:v")).texte is None  # handled: no alert
    (suivi,) = await _nouveaux(ali, avant)
    assert "Quel sujet traiter en priorité ?" in suivi.texte_visible
