"""End to end: announcements through the outbox and the real sender, against the local Bot
API with faults injected. After each test the bench also checks that the stand-in counted no
rate-limit violation."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois
from assemblee.envois import ClavierBulletin, ClavierReponse, Contenu, NouvelEnvoi
from assemblee.modeles import Envoi, Langue, Role, StatutEnvoi, StatutMembre, TypeSondage
from assemblee.textes import Catalogue, echapper
from commandes import claviers
from tests.outils.banc import Banc


def _tous(statut: StatutEnvoi, nombre: int) -> Callable[[AsyncSession], Awaitable[bool]]:
    async def predicat(session: AsyncSession) -> bool:
        n = (await session.exec(select(func.count()).where(Envoi.statut == statut))).one()
        return n >= nombre

    return predicat


async def _aucun_en_vol(session: AsyncSession) -> bool:
    restant = (
        await session.exec(
            select(func.count()).where(
                col(Envoi.statut).in_([StatutEnvoi.EN_COURS, StatutEnvoi.EN_ATTENTE])
            )
        )
    ).one()
    return restant == 0


async def test_une_annonce_arrive_une_fois_chez_chacun(banc: Banc) -> None:
    membres = await banc.peupler(60)
    _, nombre = await banc.publier("<b>Plénière</b> jeudi à l'Hôtel de Ville")
    assert nombre == 60
    await banc.attendre_que(_tous(StatutEnvoi.ENVOYE, 60))
    recus = banc.messages_recus("Plénière jeudi")
    assert recus == {m.telegram_id: 1 for m in membres}
    async with banc.app.sessions() as session:
        lignes = (await session.exec(select(Envoi))).all()
    for envoi in lignes:
        membre = next(m for m in membres if m.id == envoi.membre_id)
        assert membre.telegram_id is not None
        (message,) = banc.serveur.messages_du_bot(membre.telegram_id)
        assert envoi.telegram_message_id == message.message_id
        assert envoi.envoye_le == banc.horloge.maintenant()
        assert message.texte == "<b>Plénière</b> jeudi à l'Hôtel de Ville"


async def test_tempete_de_429(banc: Banc) -> None:
    membres = await banc.peupler(40)
    banc.serveur.injecter_panne(code=429, methode="sendMessage", retry_after=1, fois=4)
    await banc.publier("Tempête")
    await banc.attendre_que(_tous(StatutEnvoi.ENVOYE, 40))
    assert banc.messages_recus("Tempête") == {m.telegram_id: 1 for m in membres}
    assert sum(1 for a in banc.serveur.appels if a.code == 429) == 4
    assert banc.serveur.violations.retry_after == 0


async def test_les_membres_qui_ont_bloque_le_bot_deviennent_injoignables(banc: Banc) -> None:
    membres = await banc.peupler(30)
    bloques = membres[::6]
    for m in bloques:
        assert m.telegram_id is not None
        banc.serveur.bloquer(m.telegram_id)
    equipe = await banc.membre_actif(1, "Eva", "Équipe", role=Role.EQUIPE, groupes=[])
    await banc.publier("Bloqués ?", audience="groupe:environnement")
    await banc.attendre_que(_aucun_en_vol)
    assert await banc.statuts_envois() == {StatutEnvoi.ENVOYE: 25, StatutEnvoi.INJOIGNABLE: 5}
    assert set(banc.messages_recus("Bloqués ?")) == {m.telegram_id for m in membres} - {
        m.telegram_id for m in bloques
    }
    for m in bloques:
        fiche = await banc.membre_par_id(m.id or 0)
        assert fiche is not None and fiche.statut == StatutMembre.INJOIGNABLE
    (liste,) = await equipe.envoyer("/membres")
    assert "Injoignables : 5" in liste.texte_visible
    # Only one attempt each: no message is retried for an unreachable member.
    tentatives = [a for a in banc.serveur.appels if a.code == 403]
    assert len(tentatives) == 5

    # One of them unblocks the bot and writes: reachable again.
    revenu = bloques[0]
    assert revenu.telegram_id is not None
    banc.serveur.debloquer(revenu.telegram_id)
    await banc.utilisateur(revenu.telegram_id, revenu.prenom).envoyer("/aide")
    fiche = await banc.membre_par_id(revenu.id or 0)
    assert fiche is not None and fiche.statut == StatutMembre.ACTIF


async def test_rafales_de_5xx_reessayees_plus_tard(banc: Banc) -> None:
    membres = await banc.peupler(20)
    banc.serveur.injecter_panne(code=502, methode="sendMessage", fois=6)
    await banc.publier("Après la panne")

    async def apres_les_pannes(session: AsyncSession) -> bool:
        # 14 sent, and the 6 failures recorded (none still in flight).
        return await _tous(StatutEnvoi.ENVOYE, 14)(session) and await _tous(
            StatutEnvoi.EN_ATTENTE, 6
        )(session)

    await banc.attendre_que(apres_les_pannes)
    async with banc.app.sessions() as session:
        en_attente = (
            await session.exec(select(Envoi).where(Envoi.statut == StatutEnvoi.EN_ATTENTE))
        ).all()
    assert len(en_attente) == 6
    assert all(e.tentatives == 1 and e.erreur and "Bad Gateway" in e.erreur for e in en_attente)
    assert all(
        e.prochain_essai_le == banc.horloge.maintenant() + timedelta(seconds=2) for e in en_attente
    )
    banc.horloge.avancer(timedelta(seconds=2))
    banc.app.expediteur.reveiller()
    await banc.attendre_que(_tous(StatutEnvoi.ENVOYE, 20))
    assert banc.messages_recus("Après la panne") == {m.telegram_id: 1 for m in membres}


async def test_echec_apres_le_nombre_maximal_de_tentatives(banc: Banc) -> None:
    membres = await banc.peupler(3)
    malchanceux = membres[1].telegram_id
    banc.serveur.injecter_panne(code=500, methode="sendMessage", chat_id=malchanceux, fois=100)
    await banc.publier("Toujours en panne")
    for essai in range(1, 6):
        await banc.attendre_que(_tentatives(membres[1].id or 0, essai))
        banc.horloge.avancer(timedelta(minutes=5))
        banc.app.expediteur.reveiller()
    await banc.attendre_que(_aucun_en_vol)
    assert await banc.statuts_envois() == {StatutEnvoi.ENVOYE: 2, StatutEnvoi.ECHEC: 1}
    async with banc.app.sessions() as session:
        echec = (await session.exec(select(Envoi).where(Envoi.statut == StatutEnvoi.ECHEC))).one()
    assert (
        echec.tentatives == 5
        and echec.erreur is not None
        and "Internal Server Error" in echec.erreur
    )
    assert sum(1 for a in banc.serveur.appels if a.code == 500) == 5


def _tentatives(membre_id: int, nombre: int) -> Callable[[AsyncSession], Awaitable[bool]]:
    async def predicat(session: AsyncSession) -> bool:
        envoi = (await session.exec(select(Envoi).where(Envoi.membre_id == membre_id))).one()
        return envoi.tentatives >= nombre and envoi.statut != StatutEnvoi.EN_COURS

    return predicat


async def test_api_lente(banc: Banc) -> None:
    membres = await banc.peupler(30)
    banc.serveur.latence(0.3, "sendMessage")
    await banc.publier("Lentement")
    await banc.attendre_que(_tous(StatutEnvoi.ENVOYE, 30))
    assert banc.messages_recus("Lentement") == {m.telegram_id: 1 for m in membres}


async def test_heures_calmes_seule_l_urgence_passe_la_nuit(banc: Banc) -> None:
    banc.horloge.regler(datetime(2026, 11, 25, 21, 30, tzinfo=UTC))  # 22:30 in Paris
    membres = await banc.peupler(5)
    await banc.publier("Réunion demain")
    await banc.publier("Salle fermée ce soir", urgent=True)
    await banc.attendre_que(_tous(StatutEnvoi.ENVOYE, 5))
    assert banc.messages_recus("Salle fermée ce soir") == {m.telegram_id: 1 for m in membres}
    assert banc.messages_recus("Réunion demain") == {}
    assert (await banc.statuts_envois())[StatutEnvoi.EN_ATTENTE] == 5
    banc.horloge.regler(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))  # 8:00 in Paris
    banc.app.expediteur.reveiller()
    await banc.attendre_que(_tous(StatutEnvoi.ENVOYE, 10))
    assert banc.messages_recus("Réunion demain") == {m.telegram_id: 1 for m in membres}


async def test_les_boutons_en_file_sont_dessines_a_l_envoi_et_les_anciens_partent_tels_quels(
    banc: Banc,
) -> None:
    """The outbox holds what the buttons are for; the sender draws them in the language the
    text was written in. A row an earlier version queued with Telegram's own keyboard (an
    existing database at the upgrade) still goes out with that keyboard."""
    (membre,) = await banc.peupler(1)
    assert membre.telegram_id is not None and membre.id is not None
    maintenant = banc.horloge.maintenant()
    boutons = {
        "reponse": ClavierReponse(seance_id=12, langue=Langue.EN),
        "bulletin": ClavierBulletin(
            sondage_id=3, type=TypeSondage.UNIQUE, options=("L'eau", "Des bancs"), langue=Langue.FR
        ),
        "ancien": None,
    }
    ancien = {"inline_keyboard": [[{"text": "Oui", "callback_data": "rp:99:oui:r"}]]}
    nouveaux = [
        NouvelEnvoi(
            cle=f"essai:{nom}",
            membre_id=membre.id,
            contenu=Contenu(texte=echapper(nom), clavier=clavier),
            du_le=maintenant,
        )
        for nom, clavier in boutons.items()
    ]
    async with banc.app.sessions() as session:
        # One transaction: the running sender must not claim the old row before it is old.
        await envois.mettre_en_file_lot(session, nouveaux)
        await session.exec(
            sa.update(Envoi)
            .where(col(Envoi.cle) == "essai:ancien")
            .values(clavier=json.dumps(ancien))
        )
        await session.commit()
    banc.app.expediteur.reveiller()
    await banc.attendre_que(_tous(StatutEnvoi.ENVOYE, 3))

    recus = {m.texte: m.boutons for m in banc.serveur.messages_du_bot(membre.telegram_id)}
    catalogue = Catalogue()
    attendus = {
        "reponse": claviers.reponse(12, catalogue.pour("en")),
        "bulletin": claviers.bulletin(
            3, TypeSondage.UNIQUE, ["L'eau", "Des bancs"], catalogue.pour("fr")
        ),
    }
    for nom, clavier in attendus.items():
        assert [[(b.texte, b.callback_data) for b in r] for r in recus[nom]] == [
            [(b.text, b.callback_data) for b in r] for r in clavier.inline_keyboard
        ]
    assert recus["reponse"][0][0].texte == "✅ I will be there"
    assert recus["bulletin"][0][0].texte == "○ L'eau"  # plain text, never "L&#x27;eau"
    assert [[(b.texte, b.callback_data) for b in r] for r in recus["ancien"]] == [
        [("Oui", "rp:99:oui:r")]
    ]
