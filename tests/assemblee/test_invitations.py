"""Invitations: random, hashed, single-use, expiring; a stranger leaves no trace."""

import asyncio
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import invitations, journal
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.invitations import Refus, accepter, accueillir, hacher
from assemblee.modeles import Groupe, Invitation, Membre, Role, StatutMembre
from tests.outils.fabriques import TRENTE_JOURS, invite, personne


async def _decompte(session: AsyncSession) -> tuple[int, int]:
    membres = (await session.exec(select(func.count()).select_from(Membre))).one()
    invits = (await session.exec(select(func.count()).select_from(Invitation))).one()
    return membres, invits


def test_jeton_d_au_moins_128_bits_tous_differents() -> None:
    jetons = {invitations.generer_jeton() for _ in range(1000)}
    assert len(jetons) == 1000
    for jeton in jetons:
        # token_urlsafe: 6 bits per character; 32 characters = 192 bits of randomness.
        assert len(jeton) == 32 and invitations.FORME_JETON.fullmatch(jeton)


async def test_seul_le_hache_est_stocke(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    _, jeton = await invite(session, horloge.maintenant(), groupes_config["environnement"])
    invitation = (await session.exec(select(Invitation))).one()
    assert invitation.jeton_hash == hacher(jeton) != jeton
    assert invitation.expire_le == horloge.maintenant() + TRENTE_JOURS
    assert invitations.lien_invitation("assemblee_bot", jeton) == (
        f"https://t.me/assemblee_bot?start={jeton}"
    )


async def test_acceptation_lie_le_compte_une_seule_fois(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    membre, jeton = await invite(session, horloge.maintenant(), groupes_config["environnement"])
    ok = await accepter(
        session, jeton=jeton, personne=personne(42), maintenant=horloge.maintenant()
    )
    assert ok.membre is not None and ok.membre.id == membre.id
    assert ok.membre.telegram_id == 42 and ok.membre.lie_le == horloge.maintenant()
    assert ok.membre.statut == StatutMembre.INVITE  # until the privacy notice is accepted
    rouvert = await accepter(
        session, jeton=jeton, personne=personne(42), maintenant=horloge.maintenant()
    )
    assert rouvert.membre is not None and rouvert.membre.id == membre.id  # same person: no harm
    encore = await accepter(
        session, jeton=jeton, personne=personne(43), maintenant=horloge.maintenant()
    )
    assert encore.refus == Refus.UTILISEE
    assert (await session.exec(select(Membre.telegram_id))).all() == [42]


async def test_lien_expire_apres_sa_duree(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    _, jeton = await invite(session, horloge.maintenant(), groupes_config["environnement"])
    horloge.avancer(TRENTE_JOURS)
    refus = await accepter(
        session, jeton=jeton, personne=personne(42), maintenant=horloge.maintenant()
    )
    assert refus.refus == Refus.EXPIREE
    assert (await session.exec(select(Membre))).one().telegram_id is None


async def test_renouveler_tue_l_ancien_lien(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    membre, ancien = await invite(session, horloge.maintenant(), groupes_config["environnement"])
    nouveau = await invitations.renouveler(
        session,
        membre=membre,
        maintenant=horloge.maintenant(),
        validite=TRENTE_JOURS,
        auteur=journal.CLI,
    )
    refus = await accepter(
        session, jeton=ancien, personne=personne(42), maintenant=horloge.maintenant()
    )
    assert refus.refus == Refus.INCONNUE
    ok = await accepter(
        session, jeton=nouveau, personne=personne(42), maintenant=horloge.maintenant()
    )
    assert ok.membre is not None and ok.membre.telegram_id == 42


async def test_un_inconnu_ne_laisse_aucune_trace(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    await invite(session, horloge.maintenant(), groupes_config["environnement"])
    avant = await _decompte(session)
    for jeton in ("", "x" * 32, "trop-court", "<script>alert(1)</script>", "a" * 500):
        resultat = await accueillir(
            session,
            jeton=jeton,
            membre=None,
            personne=personne(666, "Intrus"),
            equipe_ids=[],
            maintenant=horloge.maintenant(),
        )
        assert resultat.membre is None and resultat.refus in (Refus.SANS_INVITATION, Refus.INCONNUE)
    assert await _decompte(session) == avant
    assert (await session.exec(select(Membre).where(Membre.telegram_id == 666))).first() is None
    assert (await session.exec(select(Invitation.utilisee_le))).all() == [None]


async def test_compte_deja_lie_a_un_autre_membre_ne_consomme_pas_le_lien(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    _, jeton_a = await invite(session, horloge.maintenant(), env, prenom="Ana")
    _, jeton_b = await invite(session, horloge.maintenant(), env, prenom="Bea")
    await accepter(session, jeton=jeton_a, personne=personne(42), maintenant=horloge.maintenant())
    refus = await accepter(
        session, jeton=jeton_b, personne=personne(42), maintenant=horloge.maintenant()
    )
    assert refus.refus == Refus.COMPTE_DEJA_LIE
    bea = (await session.exec(select(Membre).where(Membre.prenom == "Bea"))).one()
    assert bea.telegram_id is None
    ok = await accepter(
        session, jeton=jeton_b, personne=personne(43), maintenant=horloge.maintenant()
    )
    assert ok.membre is not None and ok.membre.prenom == "Bea"


async def test_equipe_amorcee_par_les_reglages(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    resultat = await accueillir(
        session,
        jeton="",
        membre=None,
        personne=personne(7, "Sam", "Secrétaire"),
        equipe_ids=[7],
        maintenant=horloge.maintenant(),
    )
    assert resultat.membre is not None
    assert (resultat.membre.role, resultat.membre.telegram_id) == (Role.EQUIPE, 7)
    assert resultat.membre.nom_complet == "Sam Secrétaire"


async def test_invitation_sans_nom_prend_le_nom_telegram(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    _, jeton = await invite(
        session,
        horloge.maintenant(),
        groupes_config["environnement"],
        prenom="",
        nom="",
        role=Role.ANIMATEUR,
    )
    ok = await accepter(
        session, jeton=jeton, personne=personne(9, "Léa", "Durand"), maintenant=horloge.maintenant()
    )
    assert ok.membre is not None and ok.membre.nom_complet == "Léa Durand"


async def test_deux_acceptations_simultanees_du_meme_lien_une_seule_gagne(
    sessions: FabriqueSessions, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    async with sessions() as session:
        _, jeton = await invite(session, horloge.maintenant(), groupes_config["environnement"])

    async def tenter(telegram_id: int) -> invitations.Acceptation:
        async with sessions() as session:
            return await accepter(
                session,
                jeton=jeton,
                personne=personne(telegram_id),
                maintenant=horloge.maintenant(),
            )

    resultats = await asyncio.gather(*(tenter(100 + i) for i in range(8)))
    assert sum(r.membre is not None for r in resultats) == 1
    async with sessions() as session:
        lies = (
            await session.exec(
                select(Membre.telegram_id).where(sa.column("telegram_id").is_not(None))
            )
        ).all()
    assert len(lies) == 1


async def test_expiration_a_la_seconde_pres(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    _, jeton = await invite(session, horloge.maintenant(), groupes_config["environnement"])
    horloge.avancer(TRENTE_JOURS - timedelta(seconds=1))
    ok = await accepter(
        session, jeton=jeton, personne=personne(42), maintenant=horloge.maintenant()
    )
    assert ok.membre is not None


async def test_deux_invitations_acceptees_en_meme_temps_par_un_compte(
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both checks run before either write (two processes, or a lost isolation): one link
    binds the account, the other is refused in a sentence, its link still unused."""
    env = groupes_config["environnement"]
    async with sessions() as session:
        _, premier = await invite(session, horloge.maintenant(), env, nom="Martin")
        _, second = await invite(session, horloge.maintenant(), env, nom="Martin bis")
    arrives = 0
    tous_la = asyncio.Event()
    verifier = invitations.par_telegram_id

    async def verifier_ensemble(*args: Any) -> Membre | None:
        nonlocal arrives
        resultat = await verifier(*args)
        arrives += 1
        if arrives == 2:
            tous_la.set()
        await asyncio.wait_for(tous_la.wait(), 60)  # only so a regression cannot hang
        return resultat

    monkeypatch.setattr(invitations, "par_telegram_id", verifier_ensemble)

    async def accepter_(jeton: str) -> invitations.Acceptation:
        async with sessions() as session:
            return await accepter(
                session, jeton=jeton, personne=personne(42), maintenant=horloge.maintenant()
            )

    resultats = await asyncio.gather(accepter_(premier), accepter_(second))
    assert sorted(str(r.refus) for r in resultats) == sorted(
        ["None", str(invitations.Refus.COMPTE_DEJA_LIE)]
    )
    async with sessions() as session:
        lies = (await session.exec(select(Membre).where(Membre.telegram_id == 42))).all()
        utilisees = (
            await session.exec(select(Invitation).where(col(Invitation.utilisee_le).is_not(None)))
        ).all()
    assert len(lies) == 1 and len(utilisees) == 1


async def test_l_etat_d_une_invitation_suit_son_lien(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    membre, jeton = await invite(session, horloge.maintenant(), env)
    premiere = await invitations.derniere(session, membre)
    assert invitations.etat(premiere, horloge.maintenant()) == invitations.EtatInvitation.EN_ATTENTE
    assert invitations.etat(None, horloge.maintenant()) == invitations.EtatInvitation.AUCUNE
    assert (
        invitations.etat(premiere, horloge.maintenant() + TRENTE_JOURS)
        == invitations.EtatInvitation.EXPIREE
    )
    await invitations.renouveler(
        session,
        membre=membre,
        maintenant=horloge.maintenant(),
        validite=TRENTE_JOURS,
        auteur=journal.CLI,
    )
    await session.refresh(premiere)
    assert invitations.etat(premiere, horloge.maintenant()) == invitations.EtatInvitation.REVOQUEE
    seconde = await invitations.derniere(session, membre)
    assert seconde is not None and seconde.id != premiere.id
    assert not await invitations.valables(session, [jeton], maintenant=horloge.maintenant())


async def test_les_lettres_vont_a_qui_n_a_pas_ouvert_son_lien(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env, espace = groupes_config["environnement"], groupes_config["espace-public"]
    maintenant = horloge.maintenant()
    zoe, _ = await invite(session, maintenant, env, prenom="Zoé", nom="Émery")
    ali, _ = await invite(session, maintenant, espace, prenom="Ali", nom="Zidane")
    lie, jeton = await invite(session, maintenant, env, prenom="Léo", nom="Blanc")
    await accepter(session, jeton=jeton, personne=personne(42), maintenant=maintenant)
    horloge.avancer(TRENTE_JOURS)  # an expired link still needs a letter
    assert [m.id for m in await invitations.non_acceptees(session)] == [zoe.id, ali.id]
    assert [m.id for m in await invitations.non_acceptees(session, groupe_id=espace.id)] == [ali.id]
    assert lie.id not in [m.id for m in await invitations.non_acceptees(session)]

    nouveaux = await invitations.renouveler_plusieurs(
        session,
        membres=[zoe, ali],
        maintenant=horloge.maintenant(),
        validite=TRENTE_JOURS,
        auteur=journal.CLI,
    )
    jetons = [j for _, j in nouveaux]
    # Only live tokens come back, in the order given; an unknown or forged one is dropped.
    trouves = await invitations.valables(
        session, [jetons[1], "x" * 32, "pas un jeton!", jetons[0]], maintenant=horloge.maintenant()
    )
    assert [(m.id, j) for m, j, _ in trouves] == [(ali.id, jetons[1]), (zoe.id, jetons[0])]
    horloge.avancer(TRENTE_JOURS)
    assert await invitations.valables(session, jetons, maintenant=horloge.maintenant()) == []
