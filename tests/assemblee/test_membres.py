"""Members: roles, the list staff see, a member's data export and its erasure."""

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres, sondages
from assemblee.horloge import HorlogeFigee
from assemblee.invitations import accepter
from assemblee.modeles import (
    Appartenance,
    Groupe,
    Invitation,
    Membre,
    Role,
    StatutMembre,
    TypeSondage,
)
from assemblee.textes import Catalogue
from tests.outils.fabriques import invite, membres_actifs, personne


async def _actif(
    session: AsyncSession, horloge: HorlogeFigee, groupe: Groupe, telegram_id: int, **kw: object
) -> Membre:
    _, jeton = await invite(session, horloge.maintenant(), groupe, **kw)  # type: ignore[arg-type]
    resultat = await accepter(
        session, jeton=jeton, personne=personne(telegram_id), maintenant=horloge.maintenant()
    )
    assert resultat.membre is not None
    await membres.accepter_consentement(session, resultat.membre, horloge.maintenant())
    return resultat.membre


async def test_roles_emboites(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    membre = await _actif(session, horloge, env, 1, prenom="M")
    animateur = await _actif(session, horloge, env, 2, prenom="A", role=Role.ANIMATEUR)
    equipe = await _actif(session, horloge, env, 3, prenom="E", role=Role.EQUIPE)
    invite_seul, _ = await invite(session, horloge.maintenant(), env, prenom="I")
    assert [membres.peut(m, Role.MEMBRE) for m in (membre, animateur, equipe, invite_seul)] == [
        True,
        True,
        True,
        False,
    ]
    assert [membres.peut(m, Role.ANIMATEUR) for m in (membre, animateur, equipe)] == [
        False,
        True,
        True,
    ]
    assert [membres.peut(m, Role.EQUIPE) for m in (membre, animateur, equipe)] == [
        False,
        False,
        True,
    ]
    assert not membres.peut(None, Role.MEMBRE)


async def test_consentement_une_seule_fois(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    membre = await _actif(session, horloge, groupes_config["environnement"], 1)
    assert membre.statut == StatutMembre.ACTIF and membre.consentement_le == horloge.maintenant()
    horloge.avancer(timedelta(hours=1))
    assert not await membres.accepter_consentement(session, membre, horloge.maintenant())
    assert membre.consentement_le != horloge.maintenant()


async def test_liste_par_etat_puis_nom(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await _actif(session, horloge, env, 1, prenom="Zoé", nom="Zola")
    await _actif(session, horloge, env, 2, prenom="Adam", nom="Abel")
    await invite(session, horloge.maintenant(), env, prenom="Yves", nom="Yon")
    fiches = await membres.lister(session)
    assert [(f.membre.prenom, f.membre.statut) for f in fiches] == [
        ("Yves", StatutMembre.INVITE),
        ("Adam", StatutMembre.ACTIF),
        ("Zoé", StatutMembre.ACTIF),
    ]
    assert all(f.groupes == (env,) for f in fiches)
    actifs = await membres.lister(session, StatutMembre.ACTIF)
    assert len(actifs) == 2


async def test_chercher_par_nom_sans_souci_des_accents_ni_des_majuscules(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env, espace = groupes_config["environnement"], groupes_config["espace-public"]
    await _actif(session, horloge, env, 1, prenom="Zoé", nom="Zola")
    await _actif(session, horloge, espace, 2, prenom="Émile", nom="Éluard")
    await invite(session, horloge.maintenant(), env, prenom="Jean-Pierre", nom="Abel")
    await invite(
        session, horloge.maintenant(), espace, prenom="Léa", nom="Durand", role=Role.ANIMATEUR
    )

    async def noms(**filtres: object) -> list[str]:
        page = await membres.chercher(session, **filtres)  # type: ignore[arg-type]
        return [f.membre.prenom for f in page.fiches]

    # By last name, French order: "Éluard" with the E's.
    assert await noms() == ["Jean-Pierre", "Léa", "Émile", "Zoé"]
    assert await noms(recherche="ZOE") == ["Zoé"]
    assert await noms(recherche="emile eluard") == ["Émile"]
    assert await noms(recherche="jean pierre") == ["Jean-Pierre"]
    assert await noms(recherche="personne") == []
    assert await noms(statut=StatutMembre.ACTIF) == ["Émile", "Zoé"]
    assert await noms(role=Role.ANIMATEUR) == ["Léa"]
    assert await noms(groupe_id=espace.id) == ["Léa", "Émile"]
    # A facilitator's view: only their groups, even when asking for another.
    assert await noms(groupes={env.id}) == ["Jean-Pierre", "Zoé"]
    assert await noms(groupes={env.id}, groupe_id=espace.id) == []
    assert await noms(groupes=set()) == []


async def test_chercher_par_pages_de_cinquante(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    await membres_actifs(session, horloge.maintenant(), groupes_config["environnement"], 120)
    premiere = await membres.chercher(session)
    assert (premiere.total, premiere.page, premiere.pages) == (120, 1, 3)
    assert len(premiere.fiches) == 50
    assert premiere.fiches[0].groupes == (groupes_config["environnement"],)
    derniere = await membres.chercher(session, page=99)
    assert derniere.page == 3 and len(derniere.fiches) == 20
    assert derniere.fiches[-1].membre.nom == "Membre00119"
    assert (await membres.chercher(session, page=-1)).page == 1


async def test_export_contient_tout_sauf_les_secrets(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    membre = await _actif(session, horloge, groupes_config["environnement"], 42)
    donnees = await membres.exporter_donnees(session, membre)
    texte = json.dumps(donnees, ensure_ascii=False)
    assert donnees["membre"]["prenom"] == "Camille" and donnees["membre"]["telegram_id"] == 42
    assert donnees["membre"]["consentement_le"] == horloge.maintenant().isoformat()
    assert donnees["groupes"] == ["Environnement"]
    assert donnees["appartenance"] == [
        {"membre_id": membre.id, "groupe_id": groupes_config["environnement"].id}
    ]
    assert len(donnees["invitation"]) == 1 and "jeton_hash" not in donnees["invitation"][0]
    jeton_hash = (await session.exec(select(Invitation.jeton_hash))).one()
    assert jeton_hash not in texte


async def test_export_contient_les_choix_des_votes_nominatifs_jamais_les_anonymes(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    membre = await _actif(session, horloge, env, 42)
    secret = b"s" * 32
    for anonyme, question in ((False, "Nominatif ?"), (True, "Anonyme ?")):
        sondage, _ = await sondages.lancer(
            session,
            sondages.Brouillon(
                question=question,
                type=TypeSondage.UNIQUE,
                options=["Des bancs", "Des arbres"],
                ferme_le=horloge.maintenant() + timedelta(days=1),
                groupe_id=env.id,
                anonyme=anonyme,
            ),
            auteur=journal.CLI,
            maintenant=horloge.maintenant(),
            catalogue=Catalogue(),
            fuseau=ZoneInfo("Europe/Paris"),
            secret=secret,
        )
        await sondages.voter(
            session,
            sondage_id=sondage.id or 0,
            membre=membre,
            option=1,
            valeur=1,
            maintenant=horloge.maintenant(),
            secret=secret,
        )
    donnees = await membres.exporter_donnees(session, membre)
    assert [(v["question"], v["option"], v["valeur"]) for v in donnees["votes_nominatifs"]] == [
        ("Nominatif ?", "Des arbres", 1)
    ]


async def test_effacement_ne_garde_rien_de_personnel(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    membre = await _actif(session, horloge, env, 42)
    autre = await _actif(session, horloge, env, 43, prenom="Autre")
    await membres.effacer_donnees(session, membre, horloge.maintenant(), auteur=journal.CLI)
    await session.refresh(membre)
    assert (membre.nom, membre.prenom, membre.telegram_id, membre.consentement_le) == (
        "",
        "",
        None,
        None,
    )
    assert membre.statut == StatutMembre.PARTI and membre.parti_le == horloge.maintenant()
    assert await membres.par_telegram_id(session, 42) is None
    restes = (await session.exec(select(Invitation).where(Invitation.membre_id == membre.id))).all()
    assert restes == []
    liens = (
        await session.exec(select(Appartenance).where(Appartenance.membre_id == membre.id))
    ).all()
    assert liens == []
    # Nobody else is touched.
    await session.refresh(autre)
    assert autre.telegram_id == 43 and autre.statut == StatutMembre.ACTIF
    assert await membres.groupes_de(session, autre) == [env]


async def test_equipe_des_reglages_promue(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    membre = await _actif(session, horloge, groupes_config["environnement"], 42)
    await membres.synchroniser_equipe(session, [42, 99], maintenant=horloge.maintenant())
    await session.refresh(membre)
    assert membre.role == Role.EQUIPE


async def test_retire_des_reglages_l_equipe_redevient_membre_et_c_est_journalise(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    reste = await _actif(session, horloge, env, 42)
    part = await _actif(session, horloge, env, 43)
    await membres.synchroniser_equipe(session, [42, 43], maintenant=horloge.maintenant())
    await membres.synchroniser_equipe(session, [42], maintenant=horloge.maintenant())
    await session.refresh(reste)
    await session.refresh(part)
    assert (reste.role, part.role) == (Role.EQUIPE, Role.MEMBRE)
    journal = await membres.journal(session)
    assert [(e.entree.origine, e.entree.membre_id, e.entree.apres) for e in journal] == [
        ("reglages", part.id, "membre"),
        ("reglages", part.id, "equipe"),
        ("reglages", reste.id, "equipe"),
    ]
