"""Rights, end to end: staff follows the settings, /role changes a role, groups or records a
departure (audit log, next update, command menu), and two invitations opened at once."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from sqlmodel import col, select

from assemblee.modeles import (
    EntreeJournal,
    Envoi,
    Invitation,
    Membre,
    Presence,
    Role,
    Seance,
    StatutEnvoi,
    StatutMembre,
    TypeSeance,
)
from telegram_local import Utilisateur
from tests.outils.banc import Banc

SAM = 7  # staff, named in EQUIPE_TELEGRAM_IDS
CAMILLE = 1001


async def _equipe(banc: Banc) -> Utilisateur:
    sam = banc.utilisateur(SAM, "Sam", "Équipe")
    (notice,) = await sam.envoyer("/start")
    await sam.cliquer(notice, "J'accepte")
    return sam


async def _numero(banc: Banc, telegram_id: int) -> int:
    membre = await banc.membre(telegram_id)
    assert membre is not None and membre.id is not None
    return membre.id


async def _journal(banc: Banc) -> list[tuple[str, str, str, str, int | None]]:
    """The changes of rights (the invitations the test bench makes are logged too)."""
    async with banc.app.sessions() as session:
        entrees = (
            await session.exec(
                select(EntreeJournal)
                .where(EntreeJournal.objet == "membre")
                .order_by(EntreeJournal.id)
            )
        ).all()
    return [(e.origine, e.action, e.avant, e.apres, e.par_id) for e in entrees]


def _portee(params: dict[str, Any]) -> Any:
    portee = params.get("scope")
    return json.loads(portee) if isinstance(portee, str) else portee


def _menu(banc: Banc, chat_id: int) -> set[str] | None:
    liste = banc.serveur.commandes({"type": "chat", "chat_id": chat_id})
    return None if liste is None else {c["command"] for c in liste}


async def test_retirer_un_id_des_reglages_retire_le_role_equipe_au_redemarrage(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(equipe_telegram_ids=[SAM])
    sam = await _equipe(banc)
    (liste,) = await sam.envoyer("/membres")
    assert "Membres de l'assemblée" in liste.texte_visible
    await banc.serveur.attendre(lambda: _menu(banc, SAM) is not None)
    await banc.arreter()

    apres = await fabrique_banc(equipe_telegram_ids=[])
    sam = apres.utilisateur(SAM, "Sam", "Équipe")
    (refus,) = await sam.envoyer("/membres")
    assert "réservée" in refus.texte_visible
    membre = await apres.membre(SAM)
    assert membre is not None and membre.role == Role.MEMBRE
    assert await _journal(apres) == [("reglages", "role", "equipe", "membre", None)]
    # The staff menu this chat had is taken away at start.
    await apres.serveur.attendre(
        lambda: any(
            a.methode == "deleteMyCommands"
            and _portee(a.params) == {"type": "chat", "chat_id": SAM}
            for a in apres.serveur.appels
        ),
        description="deleteMyCommands for Sam's chat",
    )


async def test_role_groupes_puis_depart_par_la_commande(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(equipe_telegram_ids=[SAM])
    sam = await _equipe(banc)
    camille = await banc.membre_actif(CAMILLE, "Camille", "Martin")
    numero = await _numero(banc, CAMILLE)
    (refus,) = await camille.envoyer("/seances")
    assert "réservée" in refus.texte_visible

    (liste,) = await sam.envoyer("/role")
    assert f"n°{numero} Camille Martin — membre" in liste.texte_visible
    (fiche,) = await sam.envoyer(f"/role {numero}")
    assert "Rôle : membre" in fiche.texte_visible

    reponse = await sam.cliquer(fiche, "animateur")
    assert reponse.texte == "C'est fait."
    fiche = sam.message(fiche.message_id)
    assert "Rôle : animateur ou animatrice" in fiche.texte_visible
    # A second tap on the same button changes nothing and is not an error.
    deuxieme = await sam.cliquer(fiche, "✓ animateur")
    assert deuxieme.texte is None and not deuxieme.show_alert
    assert sam.dernier_message is not None and sam.dernier_message.message_id == fiche.message_id
    # Her very next update has the new rights, and her menu follows.
    (seances,) = await camille.envoyer("/seances")
    assert "réservée" not in seances.texte_visible
    await banc.serveur.attendre(lambda: "seance" in (_menu(banc, CAMILLE) or set()))

    await sam.cliquer(fiche, "Espace public")
    fiche = sam.message(fiche.message_id)
    assert "Groupes : Environnement, Espace public" in fiche.texte_visible
    assert "✓ Espace public" in [b.texte for r in fiche.boutons for b in r]

    # A séance she attended: the attendance that compensation is paid on must survive.
    async with banc.app.sessions() as session:
        debut = banc.horloge.maintenant() - timedelta(days=2)
        seance = Seance(
            type=TypeSeance.ATELIER,
            titre="Atelier",
            debut=debut,
            fin=debut + timedelta(hours=2),
            cree_le=debut,
        )
        session.add(seance)
        await session.flush()
        assert seance.id is not None
        session.add(Presence(seance_id=seance.id, membre_id=numero, present=True, note_le=debut))
        session.add(Envoi(cle="test:attente", membre_id=numero, texte="plus tard", du_le=debut))
        await session.commit()

    await sam.cliquer(fiche, "Départ de l'assemblée")
    fiche = sam.message(fiche.message_id)
    reponse = await sam.cliquer(fiche, "Confirmer le départ")
    assert reponse.texte == "C'est fait."
    assert "état : parti" in sam.message(fiche.message_id).texte_visible
    assert sam.message(fiche.message_id).boutons == []

    for texte in ("/agenda", "/start", "bonjour"):
        (adieu,) = await camille.envoyer(texte)
        assert adieu.texte_visible.startswith("Vous ne faites plus partie de l'Assemblée")
    await banc.serveur.attendre(lambda: _menu(banc, CAMILLE) is None)
    async with banc.app.sessions() as session:
        presences = (await session.exec(select(Presence))).all()
        envoi = (await session.exec(select(Envoi).where(Envoi.cle == "test:attente"))).one()
        membre = await session.get(Membre, numero)
    assert [(p.membre_id, p.present) for p in presences] == [(numero, True)]
    assert envoi.statut == StatutEnvoi.PERIME  # nothing more is sent to her
    assert membre is not None and membre.statut == StatutMembre.PARTI
    sam_id = await _numero(banc, SAM)
    assert await _journal(banc) == [
        ("bot", "role", "membre", "animateur", sam_id),
        ("bot", "groupes", "environnement", "environnement, espace-public", sam_id),
        ("bot", "depart", "actif", "parti", sam_id),
    ]


async def test_l_equipe_des_reglages_ne_se_change_pas_par_la_commande(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(equipe_telegram_ids=[SAM])
    sam = await _equipe(banc)
    numero = await _numero(banc, SAM)
    (fiche,) = await sam.envoyer(f"/role {numero}")
    assert "seuls ces réglages, puis un redémarrage du bot" in fiche.texte_visible
    assert fiche.boutons == []
    for action in ("m", "a", "d", "dc"):
        reponse = await sam.appuyer(fiche.message_id, f"dr:{numero}:{action}:0")
        assert reponse.show_alert and "par les réglages" in reponse.texte
    membre = await banc.membre(SAM)
    assert membre is not None and membre.role == Role.EQUIPE
    assert membre.statut == StatutMembre.ACTIF
    assert await _journal(banc) == []


async def test_un_membre_ne_change_pas_les_droits_avec_un_bouton_forge(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(equipe_telegram_ids=[SAM])
    camille = await banc.membre_actif(CAMILLE, "Camille", "Martin")
    numero = await _numero(banc, CAMILLE)
    for donnees in (f"dr:{numero}:a:0", f"dr:{numero}:dc:0", f"dr:{numero}:ga:3"):
        reponse = await camille.appuyer(1, donnees)
        assert reponse.show_alert and reponse.texte == "Ce bouton n'est plus valable."
    (refus,) = await camille.envoyer("/role")
    assert "réservée" in refus.texte_visible
    membre = await banc.membre(CAMILLE)
    assert membre is not None and membre.role == Role.MEMBRE
    assert membre.statut == StatutMembre.ACTIF
    assert await _journal(banc) == []


async def test_deux_invitations_ouvertes_en_meme_temps_par_un_compte(banc: Banc) -> None:
    """One link binds the account, the other gets a clear sentence, not an error. (Through
    the bot, one person's updates are handled one after the other; the race itself, both
    checks before either write, is played on the domain in tests/assemblee/test_invitations.)"""
    premier = await banc.inviter("Camille", "Martin")
    second = await banc.inviter("Camille", "Martin bis")
    camille = banc.utilisateur(CAMILLE, "Camille")
    await camille.envoyer(f"/start {premier}", attendre=0)
    reponses = await camille.envoyer(f"/start {second}", attendre=2)
    textes = [r.texte_visible for r in reponses]
    assert sum("Avant de commencer : vos données" in t for t in textes) == 1
    assert sum(t.startswith("Votre compte Telegram est déjà relié") for t in textes) == 1
    async with banc.app.sessions() as session:
        lies = (await session.exec(select(Membre).where(Membre.telegram_id == CAMILLE))).all()
        utilisees = (
            await session.exec(select(Invitation).where(col(Invitation.utilisee_le).is_not(None)))
        ).all()
    assert len(lies) == 1 and len(utilisees) == 1  # the other link is still unused
