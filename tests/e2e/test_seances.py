"""End to end: reminders with answer buttons, /agenda and its calendar file, facilitators
creating, moving and cancelling séances, the answers table, the nudge and the roll call."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, seances
from assemblee.groupes import trouver_groupe
from assemblee.modeles import (
    ChoixReponse,
    Envoi,
    Membre,
    Presence,
    RaisonAbsence,
    Reponse,
    Role,
    Seance,
    StatutEnvoi,
    TypeSeance,
)
from assemblee.seances import Champs
from rappels.emargement import emarger
from telegram_local import MessageLocal, Utilisateur
from tests.outils.banc import Banc
from tests.outils.journal import entrees

PARIS = ZoneInfo("Europe/Paris")
DEBUT = datetime(2026, 12, 10, 17, 30, tzinfo=UTC)  # Thursday 10 December, 18:30 in Paris


async def _seance(banc: Banc, groupe: str = "environnement", debut: datetime = DEBUT) -> Seance:
    async with banc.app.sessions() as session:
        cible = await trouver_groupe(session, groupe)
        return await seances.creer(
            session,
            Champs(
                type=TypeSeance.ATELIER,
                titre="Audition sur les cours oasis",
                groupe=cible,
                debut=debut,
                fin=debut + timedelta(hours=2),
                lieu="5 rue Lobau, Paris",
                lien="https://visio.example.org/oasis",
            ),
            auteur=journal.CLI,
            maintenant=banc.horloge.maintenant(),
        )


async def _battre(banc: Banc, instant: datetime) -> None:
    banc.horloge.regler(instant)
    await banc.app.planificateur.battre()


async def _rappel(banc: Banc, membre: Utilisateur, texte: str) -> MessageLocal:
    await banc.serveur.attendre(
        lambda: any(texte in (m.texte_visible or "") for m in membre.messages_du_bot())
    )
    return [m for m in membre.messages_du_bot() if texte in (m.texte_visible or "")][-1]


async def _reponses(banc: Banc) -> list[tuple[int, ChoixReponse, RaisonAbsence | None]]:
    async with banc.app.sessions() as session:
        return [
            (r.membre_id, r.choix, r.raison) for r in (await session.exec(select(Reponse))).all()
        ]


async def test_rappel_puis_reponse_en_un_geste_changeable_jusqu_au_debut(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    seance = await _seance(banc)
    await _battre(banc, DEBUT - timedelta(days=7))
    rappel = await _rappel(banc, mia, "Rappel : dans 7 jours.")
    assert "Audition sur les cours oasis — Atelier, Environnement" in rappel.texte_visible
    assert "jeudi 10 décembre à 18 h 30 – 20 h 30" in rappel.texte_visible
    assert rappel.texte_visible.endswith("Serez-vous là ?")
    assert [b.texte for r in rappel.boutons for b in r] == [
        "✅ Je serai là",
        "❌ Je ne pourrai pas",
        "🤔 Peut-être",
    ]

    reponse = await mia.cliquer(rappel, "Je serai là")
    assert reponse.texte == "C'est noté, merci !"
    edite = mia.message(rappel.message_id)
    assert edite.texte_visible.endswith(
        "Votre réponse : ✅ je serai là (vous pouvez la changer jusqu'au début)"
    )
    assert edite.boutons  # still there to change one's mind
    membre = await banc.membre(1)
    assert membre is not None
    assert await _reponses(banc) == [(membre.id, ChoixReponse.OUI, None)]

    await mia.cliquer(edite, "Je ne pourrai pas")
    raison = mia.dernier_message
    assert raison is not None and "dites-nous pourquoi" in raison.texte_visible
    await mia.cliquer(raison, "Raison personnelle")
    assert mia.message(raison.message_id).texte_visible == "Merci, c'est noté."
    assert await _reponses(banc) == [(membre.id, ChoixReponse.NON, RaisonAbsence.PERSONNELLE)]

    banc.horloge.regler(DEBUT)
    tard = await mia.cliquer(mia.message(rappel.message_id), "Peut-être")
    assert (
        tard.texte == "La séance a commencé : il n'est plus possible de répondre."
        and tard.show_alert
    )
    assert await _reponses(banc) == [(membre.id, ChoixReponse.NON, RaisonAbsence.PERSONNELLE)]
    assert seance.id is not None


async def test_double_tap_sur_une_raison_d_absence_sans_erreur(
    banc: Banc, caplog: pytest.LogCaptureFixture
) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    await _seance(banc)
    await _battre(banc, DEBUT - timedelta(days=7))
    rappel = await _rappel(banc, mia, "Rappel : dans 7 jours.")
    await mia.cliquer(rappel, "Je ne pourrai pas")
    raison = mia.dernier_message
    assert raison is not None and "dites-nous pourquoi" in raison.texte_visible
    donnees = next(b.callback_data for r in raison.boutons for b in r if b.texte == "Travail")
    assert donnees is not None
    membre = await banc.membre(1)
    assert membre is not None
    with caplog.at_level(logging.WARNING):
        premiere = await mia.appuyer(raison.message_id, donnees)
        seconde = await mia.appuyer(raison.message_id, donnees)  # the same tap, again
    assert not premiere.show_alert and not seconde.show_alert
    assert seconde.texte is None  # answered quietly
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert mia.message(raison.message_id).texte_visible == "Merci, c'est noté."
    assert await _reponses(banc) == [(membre.id, ChoixReponse.NON, RaisonAbsence.TRAVAIL)]


async def test_reponse_forgee_pour_une_seance_ou_l_on_n_est_pas_convoque(banc: Banc) -> None:
    leo = await banc.membre_actif(2, "Léo", groupes=["espace-public"])
    seance = await _seance(banc)
    for donnees in (
        f"rp:{seance.id}:oui:r",
        f"rp:{seance.id}:non:a",
        "rp:99999:oui:r",
        f"ra:{seance.id}:personnelle",
    ):
        reponse = await leo.appuyer(1, donnees)
        assert reponse.show_alert and reponse.texte in (
            "Vous n'êtes pas convoqué·e à cette séance.",
            "Ce bouton n'est plus valable.",
        )
    assert await _reponses(banc) == []


async def test_agenda_et_son_fichier_de_calendrier(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia")
    await _seance(banc)
    await _seance(banc, debut=DEBUT + timedelta(days=7))
    await _seance(banc, groupe="espace-public")  # not hers
    liste, fichier = await mia.envoyer("/agenda", attendre=2)
    assert liste.texte_visible.startswith("Vos prochaines séances")
    assert liste.texte_visible.count("Audition sur les cours oasis") == 2
    assert [b.texte for b in liste.boutons[0]] == ["1 ✅", "1 ❌", "1 🤔"]
    assert fichier.document is not None and fichier.document.nom == "mes-seances.ics"
    calendrier = Calendar.from_ical(fichier.document.contenu)
    evenements = calendrier.walk("VEVENT")
    assert len(evenements) == 2
    assert evenements[0]["DTSTART"].dt == DEBUT.astimezone(PARIS)
    assert evenements[0]["DTSTART"].params["TZID"] == "Europe/Paris"
    assert str(evenements[0]["LOCATION"]) == "5 rue Lobau, Paris"
    assert calendrier.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"

    await mia.cliquer(liste, "2 🤔")
    assert "Votre réponse : 🤔 peut-être" in (mia.message(liste.message_id).texte_visible or "")


async def test_un_animateur_cree_une_seance_pas_a_pas(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)
    await banc.peupler(4)
    (types,) = await ali.envoyer("/seance")
    assert [b.texte for r in types.boutons for b in r] == [
        "Atelier",
        "Formation",
        "Visite",
        "Séance",
    ]
    avant = len(ali.messages_du_bot())
    await ali.cliquer(types, "Atelier")
    (titre,) = ali.messages_du_bot()[avant:]
    assert "Quel titre" in titre.texte_visible  # a single group: no question about it
    await ali.envoyer("Visite de la ferme urbaine")
    (refus,) = await ali.envoyer("31/02/2026 18:30")
    assert refus.texte_visible.startswith("Je n'ai pas compris cette date")
    (refus,) = await ali.envoyer("01/11/2026 18:30")
    assert refus.texte_visible == "Cette date est déjà passée : choisissez une date à venir."
    await ali.envoyer("03/12/2026 18h30")
    await ali.envoyer("1h30")
    (lien,) = await ali.envoyer("Ferme du Rail, 75019 Paris")
    avant = len(ali.messages_du_bot())
    await ali.cliquer(lien, "Passer")
    (apercu,) = ali.messages_du_bot()[avant:]
    assert "Visite de la ferme urbaine — Atelier, Environnement" in apercu.texte_visible
    assert "jeudi 3 décembre à 18 h 30 – 20 h" in apercu.texte_visible
    assert "4 membres convoqués" in apercu.texte_visible
    avant = len(ali.messages_du_bot())
    await ali.cliquer(apercu, "Créer la séance")
    assert "la séance est au calendrier" in ali.messages_du_bot()[avant].texte_visible
    async with banc.app.sessions() as session:
        (seance,) = (await session.exec(select(Seance))).all()
        journal_ = await entrees(session, objet="seance")
    assert seance.debut == datetime(2026, 12, 3, 17, 30, tzinfo=UTC)
    assert seance.fin - seance.debut == timedelta(hours=1, minutes=30)
    assert (seance.lieu, seance.lien) == ("Ferme du Rail, 75019 Paris", None)
    ali_id = (await banc.membre(3)).id  # type: ignore[union-attr]
    assert journal_ == [("bot", ali_id, "seance-creee", "seance", seance.id)]


async def test_une_seance_creee_100_minutes_avant_convoque_tout_le_monde(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR)
    membres = await banc.peupler(3)
    (types,) = await ali.envoyer("/seance")
    await ali.cliquer(types, "Atelier")
    debut = banc.horloge.maintenant() + timedelta(minutes=100)
    await ali.envoyer("Point d'étape urgent")
    await ali.envoyer(f"{debut.astimezone(PARIS):%d/%m/%Y %H:%M}")
    await ali.envoyer("1h")
    (lien,) = await ali.envoyer("5 rue Lobau, Paris")
    avant = len(ali.messages_du_bot())
    await ali.cliquer(lien, "Passer")
    (apercu,) = ali.messages_du_bot()[avant:]
    await ali.cliquer(apercu, "Créer la séance")
    for membre in membres:  # at once, without waiting for the next minute
        assert membre.telegram_id is not None
        await banc.serveur.attendre(
            lambda m=membre: banc.serveur.nombre_envoyes(m.telegram_id) == 1
        )
        (convocation,) = banc.serveur.messages_du_bot(membre.telegram_id)
        assert convocation.texte_visible.startswith("⏰ Dans 2 heures :")
        assert "Point d'étape urgent" in convocation.texte_visible
        assert convocation.texte_visible.endswith("Serez-vous là ?") and convocation.boutons
    await _battre(banc, banc.horloge.maintenant() + timedelta(minutes=1))
    assert all(banc.serveur.nombre_envoyes(m.telegram_id) == 1 for m in membres)  # once


async def test_deplacer_puis_annuler_previent_les_convoques(banc: Banc) -> None:
    eva = await banc.membre_actif(9, "Eva", role=Role.EQUIPE, groupes=[])
    membres = await banc.peupler(3)
    seance = await _seance(banc)
    (liste,) = await eva.envoyer("/seances")
    assert "Audition sur les cours oasis" in liste.texte_visible
    avant = len(eva.messages_du_bot())
    await eva.cliquer(liste, "1 · Modifier")
    (champs,) = eva.messages_du_bot()[avant:]
    avant = len(eva.messages_du_bot())
    await eva.cliquer(champs, "Date et heure")
    (ok,) = await eva.envoyer("17/12/2026 18:30")
    assert ok.texte_visible.startswith("C'est modifié. Les membres convoqués sont prévenus")
    await banc.serveur.attendre(lambda: banc.serveur.nombre_envoyes(membres[0].telegram_id) == 1)
    (notice,) = banc.serveur.messages_du_bot(membres[0].telegram_id or 0)
    assert (
        "Changement" in notice.texte_visible
        and "jeudi 17 décembre à 18 h 30 – 20 h 30" in notice.texte_visible
    )
    assert notice.boutons  # answer straight from the notice

    (liste,) = await eva.envoyer("/seances")
    avant = len(eva.messages_du_bot())
    await eva.cliquer(liste, "1 · Annuler")
    (question,) = eva.messages_du_bot()[avant:]
    await eva.cliquer(question, "Oui, annuler la séance")
    await banc.serveur.attendre(lambda: banc.serveur.nombre_envoyes(membres[0].telegram_id) == 2)
    annulation = banc.serveur.messages_du_bot(membres[0].telegram_id or 0)[-1]
    assert annulation.texte_visible.startswith("❌ Séance annulée : Audition sur les cours oasis")
    assert seance.id is not None
    eva_id = (await banc.membre(9)).id  # type: ignore[union-attr]
    async with banc.app.sessions() as session:
        assert await entrees(session, origine="bot") == [
            ("bot", eva_id, "seance-modifiee", "seance", seance.id),
            ("bot", eva_id, "seance-annulee", "seance", seance.id),
        ]
        (modification,) = await journal.lire(
            session, filtre=journal.Filtre(action="seance-modifiee")
        )
    assert modification.entree.avant == "debut=2026-12-10T17:30+00:00; fin=2026-12-10T19:30+00:00"
    assert modification.entree.apres == "debut=2026-12-17T17:30+00:00; fin=2026-12-17T19:30+00:00"


async def test_annuler_barre_les_rappels_deja_recus_meme_la_nuit(
    banc: Banc, caplog: pytest.LogCaptureFixture
) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    leo = await banc.membre_actif(2, "Léo", "Bernard")
    seance = await _seance(banc)
    await _battre(banc, DEBUT - timedelta(days=7))
    rappel = await _rappel(banc, mia, "Rappel : dans 7 jours.")
    # Léo's copy is gone by the time of the edit (as if he cleared the chat).
    efface = await _rappel(banc, leo, "Rappel : dans 7 jours.")
    leo.message(efface.message_id).supprime = True
    await mia.cliquer(rappel, "Je serai là")
    assert mia.message(rappel.message_id).boutons
    recus = len(mia.messages_du_bot())
    # Cancelled at 23:00 (quiet hours), five days ahead: the notice waits for the morning,
    # the edit of the reminder already received does not (it wakes no one).
    nuit = datetime(2026, 12, 5, 23, 0, tzinfo=PARIS).astimezone(UTC)
    banc.horloge.regler(nuit)
    async with banc.app.sessions() as session:
        a_annuler = await session.get(Seance, seance.id)
        assert a_annuler is not None
        await seances.annuler(session, a_annuler, maintenant=nuit, auteur=journal.CLI)
    with caplog.at_level(logging.WARNING):
        await _battre(banc, nuit)
        await banc.serveur.attendre(lambda: not mia.message(rappel.message_id).boutons)
        await banc.attendre_que(_barre_de_leo_terminee)
    # An edit that can no longer be made is set aside quietly: no one's fault, no error.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    barre = mia.message(rappel.message_id)
    assert "Audition sur les cours oasis" in barre.texte_visible
    assert barre.texte_visible.endswith("❌ Séance annulée : plus besoin de répondre.")
    assert len(mia.messages_du_bot()) == recus  # the notice itself waits for the morning
    await _battre(banc, datetime(2026, 12, 6, 8, 0, tzinfo=PARIS).astimezone(UTC))
    annulation = await _rappel(banc, mia, "Séance annulée : Audition")
    assert annulation.message_id != rappel.message_id and not annulation.boutons
    tard = await mia.appuyer(rappel.message_id, f"rp:{seance.id}:non:r")  # a replayed tap
    assert tard.texte == "Cette séance est annulée." and tard.show_alert


async def _barre_de_leo_terminee(session: AsyncSession) -> bool:
    leo = (await session.exec(select(Membre).where(Membre.telegram_id == 2))).one()
    barre = (
        await session.exec(
            select(Envoi).where(col(Envoi.cle).startswith("barre:"), Envoi.membre_id == leo.id)
        )
    ).one()
    return barre.statut == StatutEnvoi.ECHEC and "not found" in (barre.erreur or "")


async def test_un_nom_avec_des_chevrons_reste_un_nom_dans_le_tableau(banc: Banc) -> None:
    """A "no" without a reason listed the name as raw HTML: Telegram refused the table."""
    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)
    zoe = await banc.membre_actif(1, "<Zoé>", "& Cie")
    await _seance(banc)
    await _battre(banc, DEBUT - timedelta(days=7))
    await zoe.cliquer(await _rappel(banc, zoe, "Rappel"), "Je ne pourrai pas")
    (liste,) = await ali.envoyer("/presences")
    avant = len(ali.messages_du_bot())
    await ali.cliquer(liste, "1 · Présences")
    (tableau,) = ali.messages_du_bot()[avant:]
    assert "❌ Non (1) : <Zoé> & Cie" in tableau.texte_visible


async def test_tableau_des_reponses_relance_et_emargement(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)
    mia = await banc.membre_actif(1, "Mia", "Martin")
    leo = await banc.membre_actif(2, "Léo", "Bernard")
    seance = await _seance(banc)
    await _battre(banc, DEBUT - timedelta(days=7))
    rappel = await _rappel(banc, mia, "Rappel")
    await mia.cliquer(rappel, "Je serai là")

    (liste,) = await ali.envoyer("/presences")
    avant = len(ali.messages_du_bot())
    await ali.cliquer(liste, "1 · Présences")
    (tableau,) = ali.messages_du_bot()[avant:]
    assert "✅ Oui (1) : Mia Martin" in tableau.texte_visible
    assert "⏳ Sans réponse (1) : Léo Bernard" in tableau.texte_visible
    reponse = await ali.cliquer(tableau, "Relancer la personne sans réponse")
    assert reponse.texte == "Relance envoyée à 1 personne."
    relance = await _rappel(banc, leo, "Vous n'avez pas encore répondu")
    assert relance.boutons
    assert (await ali.cliquer(tableau, "Relancer")).texte.startswith(
        "Tout le monde a déjà été relancé"
    )

    # On the day: the roll call.
    banc.horloge.regler(DEBUT + timedelta(minutes=5))
    avant = len(ali.messages_du_bot())
    await ali.cliquer(liste, "1 · Présences")
    (tableau,) = ali.messages_du_bot()[avant:]
    avant = len(ali.messages_du_bot())
    await ali.cliquer(tableau, "Émargement")
    (feuille,) = ali.messages_du_bot()[avant:]
    assert "Présents : 0 sur 2" in feuille.texte_visible
    await ali.cliquer(feuille, "Mia Martin")
    feuille = ali.message(feuille.message_id)
    assert "Présents : 1 sur 2" in feuille.texte_visible
    assert [b.texte for r in feuille.boutons for b in r] == [
        "⬜ Léo Bernard",
        "✅ Mia Martin · marqué par Ali",
    ]
    await ali.cliquer(feuille, "Léo Bernard")
    await ali.cliquer(ali.message(feuille.message_id), "Léo Bernard")  # tapped twice: absent
    async with banc.app.sessions() as session:
        presences = {p.membre_id: p.present for p in (await session.exec(select(Presence))).all()}
    mia_id = (await banc.membre(1)).id  # type: ignore[union-attr]
    leo_id = (await banc.membre(2)).id  # type: ignore[union-attr]
    assert presences == {mia_id: True, leo_id: False}
    assert seance.id is not None
    ali_id = (await banc.membre(3)).id  # type: ignore[union-attr]
    async with banc.app.sessions() as session:
        assert await entrees(session, origine="bot") == [
            ("bot", ali_id, "relance", "seance", seance.id),
            *[("bot", ali_id, "presence", "seance", seance.id)] * 3,
        ]
        marques = await journal.lire(session, filtre=journal.Filtre(action="presence"))
    # Newest first: who was marked, from what to what.
    assert [(m.entree.membre_id, m.entree.avant, m.entree.apres) for m in marques] == [
        (leo_id, "present", "absent"),
        (leo_id, "", "present"),
        (mia_id, "", "present"),
    ]


async def _feuille(banc: Banc, animateur: Utilisateur) -> MessageLocal:
    """The facilitator opens the roll call: /presences, "1 · Présences", "Émargement"."""
    (liste,) = await animateur.envoyer("/presences")
    avant = len(animateur.messages_du_bot())
    await animateur.cliquer(liste, "1 · Présences")
    (tableau,) = animateur.messages_du_bot()[avant:]
    avant = len(animateur.messages_du_bot())
    await animateur.cliquer(tableau, "Émargement")
    (feuille,) = animateur.messages_du_bot()[avant:]
    return feuille


async def _presences(banc: Banc) -> dict[int, tuple[bool, int | None]]:
    async with banc.app.sessions() as session:
        return {
            p.membre_id: (p.present, p.note_par_id)
            for p in (await session.exec(select(Presence))).all()
        }


async def test_deux_animateurs_marquent_la_meme_personne_sans_se_defaire(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)
    lea = await banc.membre_actif(4, "Léa", "Petit", role=Role.ANIMATEUR)
    await banc.membre_actif(1, "Mia", "Martin")
    seance = await _seance(banc)
    banc.horloge.regler(DEBUT + timedelta(minutes=5))
    feuille_ali = await _feuille(banc, ali)
    feuille_lea = await _feuille(banc, lea)  # both lists show Mia not yet marked

    await lea.cliquer(feuille_lea, "⬜ Mia Martin")
    await ali.cliquer(feuille_ali, "⬜ Mia Martin")  # Ali's view is stale: Mia still ⬜ there
    mia = await banc.membre(1)
    ali_m, lea_m = await banc.membre(3), await banc.membre(4)
    assert mia is not None and ali_m is not None and lea_m is not None
    # Still present (a toggle would have made her absent), last marked by Ali.
    assert await _presences(banc) == {mia.id: (True, ali_m.id)}
    assert [b.texte for r in ali.message(feuille_ali.message_id).boutons for b in r] == [
        "✅ Mia Martin · marqué par Ali"
    ]

    # A replayed or forged button sets the state it names, whatever the list showed.
    for donnees, attendu in (
        (f"em:{seance.id}:{mia.id}:0:0", False),
        (f"em:{seance.id}:{mia.id}:0:0", False),
        (f"em:{seance.id}:{mia.id}:0:1", True),
        (f"em:{seance.id}:{mia.id}:0:1", True),
    ):
        await lea.appuyer(feuille_lea.message_id, donnees)
        assert await _presences(banc) == {mia.id: (attendu, lea_m.id)}
    assert [b.texte for r in lea.message(feuille_lea.message_id).boutons for b in r] == [
        "✅ Mia Martin · marqué par Léa"
    ]


async def test_un_membre_ne_gere_rien(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia")
    seance = await _seance(banc)
    for commande in ("/seance", "/seances", "/presences"):
        (refus,) = await mia.envoyer(commande)
        assert refus.texte_visible == "Cette commande est réservée aux animateurs et à l'équipe."
    banc.horloge.regler(DEBUT)
    membre = await banc.membre(1)
    assert membre is not None
    for donnees in (
        f"em:{seance.id}:{membre.id}:0:1",
        f"ep:{seance.id}:0",
        f"gs:{seance.id}:ok",
        f"gs:{seance.id}:re",
    ):
        assert (await mia.appuyer(1, donnees)).texte == "Ce bouton n'est plus valable."
    async with banc.app.sessions() as session:
        assert (await session.exec(select(Presence))).all() == []
        assert (await session.get(Seance, seance.id)).annulee_le is None  # type: ignore[union-attr]


async def test_un_animateur_ne_gere_que_ses_groupes(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", role=Role.ANIMATEUR, groupes=["espace-public"])
    seance = await _seance(banc)  # environnement
    banc.horloge.regler(DEBUT)
    for donnees in (
        f"gs:{seance.id}:pr",
        f"gs:{seance.id}:an",
        f"gs:{seance.id}:ok",
        f"ep:{seance.id}:0",
    ):
        assert (await ali.appuyer(1, donnees)).texte == "Ce bouton n'est plus valable."
    (liste,) = await ali.envoyer("/seances")
    assert liste.texte_visible.startswith("Aucune séance à venir dans vos groupes")


async def test_l_equipe_exporte_les_presences_du_mois(banc: Banc) -> None:
    eva = await banc.membre_actif(9, "Eva", role=Role.EQUIPE, groupes=[])
    await banc.membre_actif(1, "Mia", "Martin")
    seance = await _seance(banc)
    membre = await banc.membre(1)
    assert membre is not None and eva is not None
    async with banc.app.sessions() as session:
        equipe = await banc.membre(9)
        await emarger(
            session,
            seance=seance,
            membre_id=membre.id or 0,
            present=True,
            auteur=journal.par_le_bot(equipe),
            maintenant=DEBUT,
        )  # type: ignore[arg-type]
    (fichier,) = await eva.envoyer("/indemnisation 2026-12")
    assert fichier.document is not None and fichier.document.nom == "indemnisation-2026-12.csv"
    contenu = fichier.document.contenu.decode("utf-8-sig")
    assert "Martin;Mia" in contenu and "2:00" in contenu
    assert not contenu.startswith("\ufeff")  # one BOM, not two
    (refus,) = await eva.envoyer("/indemnisation décembre")
    assert refus.texte_visible == "Indiquez le mois ainsi : /indemnisation 2026-11"
