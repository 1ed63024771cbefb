"""Announcements: who gets them, one queued message each, one report at the end."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import annonces, envois, journal, seances
from assemblee.annonces import Audience, GenreAudience
from assemblee.envois import Contenu
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import (
    Annonce,
    Envoi,
    Groupe,
    NatureEnvoi,
    Role,
    StatutEnvoi,
    StatutMembre,
    TypeSeance,
)
from assemblee.seances import Champs
from assemblee.textes import Catalogue, visible
from config.reglages import PlageHoraire
from tests.outils.fabriques import invite, membres_actifs

CATALOGUE = Catalogue()


@pytest.mark.parametrize(
    ("code", "attendu"),
    [
        ("tous", Audience(GenreAudience.TOUS)),
        ("groupe:environnement", Audience(GenreAudience.GROUPE, "environnement")),
        ("role:animateur", Audience(GenreAudience.ROLE, "animateur")),
    ],
)
def test_codes_d_audience(code: str, attendu: Audience) -> None:
    assert Audience.lire(code) == attendu and attendu.code == code


@pytest.mark.parametrize("code", ["", "personne", "role:roi", "groupe:", "tous:x"])
def test_codes_d_audience_invalides(code: str) -> None:
    with pytest.raises(ValueError):
        Audience.lire(code)


async def test_destinataires_par_audience(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    maintenant = horloge.maintenant()
    env = await membres_actifs(session, maintenant, groupes_config["environnement"], 3)
    esp = await membres_actifs(
        session, maintenant, groupes_config["espace-public"], 2, premier_telegram_id=20_000
    )
    (anim,) = await membres_actifs(
        session,
        maintenant,
        groupes_config["environnement"],
        1,
        premier_telegram_id=30_000,
        role=Role.ANIMATEUR,
    )
    await invite(session, maintenant, groupes_config["environnement"], prenom="PasEncore")
    env[0].statut = StatutMembre.INJOIGNABLE
    session.add(env[0])
    await session.commit()

    async def ids(code: str) -> set[int | None]:
        return {m.id for m in await annonces.destinataires(session, Audience.lire(code))}

    assert await ids("tous") == {m.id for m in [*env, *esp, anim]}  # the invited one is not there
    assert await ids("groupe:environnement") == {m.id for m in [*env, anim]}
    assert await ids("role:animateur") == {anim.id}
    assert await ids("role:equipe") == set()
    choix = {
        c.audience.code: c.nombre
        for c in await annonces.audiences_possibles(session, horloge.maintenant())
    }
    assert choix == {
        "tous": 6,
        "groupe:social-education": 0,
        "groupe:environnement": 4,
        "groupe:espace-public": 2,
        "role:membre": 5,
        "role:animateur": 1,
        "role:equipe": 0,
    }


async def test_publier_met_une_copie_par_membre_et_le_bilan_part_une_fois(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    maintenant = horloge.maintenant()
    (auteur,) = await membres_actifs(
        session,
        maintenant,
        groupes_config["environnement"],
        1,
        premier_telegram_id=1,
        role=Role.EQUIPE,
    )
    membres = await membres_actifs(session, maintenant, groupes_config["espace-public"], 3)
    membres[2].statut = StatutMembre.INJOIGNABLE
    session.add(membres[2])
    await session.commit()
    annonce, nombre = await annonces.publier(
        session,
        auteur=journal.par_le_bot(auteur),
        contenu=Contenu("<b>Plénière</b> jeudi"),
        audience=Audience(GenreAudience.GROUPE, "espace-public"),
        urgent=False,
        maintenant=maintenant,
    )
    assert nombre == 3
    copies = (await session.exec(select(Envoi).where(Envoi.annonce_id == annonce.id))).all()
    assert sorted(c.cle for c in copies) == sorted(f"annonce:{annonce.id}:{m.id}" for m in membres)
    assert [c.statut for c in copies].count(StatutEnvoi.INJOIGNABLE) == 1
    assert all(c.texte == "<b>Plénière</b> jeudi" and c.nature == NatureEnvoi.TEXTE for c in copies)

    assert await annonces.envoyer_bilans(session, maintenant=maintenant, catalogue=CATALOGUE) == 0
    lot = await envois.reclamer(
        session,
        maintenant=maintenant,
        limite=10,
        heures_calmes=PlageHoraire(time(21), time(8)),
        fuseau=ZoneInfo("Europe/Paris"),
    )
    await envois.marquer_envoye(session, lot[0].id, message_id=1, maintenant=maintenant)
    await envois.abandonner(session, lot[1].id, erreur="Bad Request")
    bilan = await annonces.bilan(session, annonce.id or 0)
    assert (bilan.total, bilan.envoyes, bilan.injoignables, bilan.echecs, bilan.termine) == (
        3,
        1,
        1,
        1,
        True,
    )

    assert await annonces.envoyer_bilans(session, maintenant=maintenant, catalogue=CATALOGUE) == 1
    assert await annonces.envoyer_bilans(session, maintenant=maintenant, catalogue=CATALOGUE) == 0
    rapport = (await session.exec(select(Envoi).where(Envoi.cle == f"bilan:{annonce.id}"))).one()
    assert rapport.membre_id == auteur.id
    assert "Plénière jeudi" in rapport.texte and "1 reçue sur 3" in rapport.texte
    assert "le groupe Espace public" in rapport.texte
    assert (await session.get(Annonce, annonce.id)).bilan_le == maintenant  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("contenu", "raison"),
    [
        (Contenu("   "), "vide"),
        (Contenu("<b></b>"), "vide"),
        (Contenu("é" * 4097), "trop-long"),
        (Contenu("x" * 1025, NatureEnvoi.PHOTO, "photo-1"), "trop-long"),
        (Contenu("", NatureEnvoi.DOCUMENT, "doc-1"), None),
        (Contenu("<b>" + "x" * 4096 + "</b>"), None),
    ],
)
def test_contenus_que_telegram_refuserait(contenu: Contenu, raison: str | None) -> None:
    assert annonces.verifier_contenu(contenu) == raison


async def test_audience_des_convoques_d_une_seance(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    convoques = await membres_actifs(session, horloge.maintenant(), env, 3)
    await membres_actifs(
        session, horloge.maintenant(), groupes_config["espace-public"], 2, premier_telegram_id=500
    )
    debut = horloge.maintenant() + timedelta(days=5)
    seance = await seances.creer(
        session,
        Champs(
            type=TypeSeance.ATELIER,
            titre="Visite du jardin",
            groupe=env,
            debut=debut,
            fin=debut + timedelta(hours=2),
            lieu="Jardin des Plantes",
        ),
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )
    audience = Audience.lire(f"seance:{seance.id}")
    assert {m.id for m in await annonces.destinataires(session, audience)} == {
        m.id for m in convoques
    }
    choix = {
        c.audience.code: (c.nom_groupe, c.nombre)
        for c in await annonces.audiences_possibles(session, horloge.maintenant())
    }
    assert choix[f"seance:{seance.id}"] == ("Visite du jardin", 3)
    assert (
        await annonces.libelle_code(session, audience.code, CATALOGUE.pour("fr"))
        == "les convoqués de « Visite du jardin »"
    )


@pytest.mark.parametrize(
    ("audience", "nom", "seul", "apres_a"),
    [
        (Audience(GenreAudience.TOUS), None, "tout le monde", "à tout le monde"),
        (
            Audience(GenreAudience.GROUPE, "environnement"),
            "Environnement",
            "le groupe Environnement",
            "au groupe Environnement",
        ),
        (Audience(GenreAudience.ROLE, "animateur"), None, "les animateurs", "aux animateurs"),
        (Audience(GenreAudience.ROLE, "membre"), None, "les membres", "aux membres"),
        (Audience(GenreAudience.ROLE, "equipe"), None, "l'équipe", "à l'équipe"),
        (
            Audience(GenreAudience.SEANCE, "3"),
            "L'atelier",
            "les convoqués de « L'atelier »",
            "aux convoqués de « L'atelier »",
        ),
    ],
)
def test_l_audience_s_accorde_avec_sa_preposition(
    audience: Audience, nom: str | None, seul: str, apres_a: str
) -> None:
    t = CATALOGUE.pour("fr")
    assert visible(annonces.libelle(audience, t, nom)) == seul
    assert visible(annonces.libelle(audience, t, nom, cas="a")) == apres_a
    apercu = visible(
        t("annonce-apercu", audience=annonces.libelle(audience, t, nom, cas="a"), nombre=2)
    )
    assert f"Envoyer cette annonce {apres_a} (2 personnes) ?" in apercu
    assert " à le " not in apercu and " à les " not in apercu
