"""The reminders tick, on a real database with a moved clock: due reminders queued once, the
2 h one only for yes/maybe, reschedule, cancellation, a restart inside the window, quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, journal, membres, seances
from assemblee.envois import ClavierReponse
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import (
    ChoixReponse,
    Envoi,
    Groupe,
    Langue,
    Membre,
    NatureEnvoi,
    Role,
    Seance,
    StatutEnvoi,
    StatutMembre,
    TypeSeance,
)
from assemblee.seances import Champs
from assemblee.textes import Catalogue, visible
from rappels import reponses, taches
from tests.conftest import reglages_test
from tests.outils.fabriques import invite, membres_actifs

PARIS = ZoneInfo("Europe/Paris")
REGLAGES = reglages_test()
CATALOGUE = Catalogue()


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)  # type: ignore[misc]


async def _atelier(
    session: AsyncSession, horloge: HorlogeFigee, groupe: Groupe, debut: datetime
) -> Seance:
    return await seances.creer(
        session,
        Champs(
            type=TypeSeance.ATELIER,
            titre="Audition : la végétalisation des cours",
            groupe=groupe,
            debut=debut,
            fin=debut + timedelta(hours=2),
            lieu="5 rue Lobau, Paris",
        ),
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )


async def _tick(session: AsyncSession, instant: datetime) -> taches.Bilan:
    return await taches.tick(session, maintenant=instant, reglages=REGLAGES, catalogue=CATALOGUE)


async def _envois(session: AsyncSession, prefixe: str = "") -> list[Envoi]:
    requete = select(Envoi).order_by(col(Envoi.id)).execution_options(populate_existing=True)
    if prefixe:
        requete = requete.where(col(Envoi.cle).startswith(prefixe))
    return list((await session.exec(requete)).all())


async def test_rappels_dus_une_seule_fois_aux_convoques_joignables(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    convoques = await membres_actifs(session, horloge.maintenant(), env, 3)
    await membres_actifs(
        session, horloge.maintenant(), groupes_config["espace-public"], 2, premier_telegram_id=500
    )
    await invite(session, horloge.maintenant(), env, prenom="SansTelegram")
    seance = await _atelier(session, horloge, env, paris(2026, 12, 10, 18, 30))

    assert (await _tick(session, paris(2026, 12, 3, 18, 29))).rappels == 0
    assert (await _tick(session, paris(2026, 12, 3, 18, 30))).rappels == 3
    assert (await _tick(session, paris(2026, 12, 3, 18, 31))).rappels == 0  # once
    rappels = await _envois(session, "rappel:")
    assert {e.membre_id for e in rappels} == {m.id for m in convoques}
    premier = rappels[0]
    assert premier.du_le == paris(2026, 12, 3, 18, 30) and premier.expire_le == seance.debut
    assert "Rappel : dans 7 jours." in premier.texte
    assert "jeudi 10 décembre à 18 h 30 – 20 h 30" in premier.texte
    assert "openstreetmap.org/search?query=5+rue+Lobau%2C+Paris" in premier.texte
    assert premier.texte.endswith("Serez-vous là ?")
    # The answer buttons as data: the sender draws them (commandes.claviers.de_la_file).
    assert premier.clavier is not None
    assert envois.clavier_de_json(premier.clavier) == ClavierReponse(
        seance_id=seance.id or 0, langue=Langue.FR
    )

    assert (await _tick(session, paris(2026, 12, 9, 18, 30))).rappels == 3
    assert "c'est demain" in (await _envois(session, "rappel:"))[-1].texte


async def test_le_rappel_de_2_heures_seulement_pour_oui_et_peut_etre(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    oui, peut_etre, non, _muet = await membres_actifs(session, horloge.maintenant(), env, 4)
    seance = await _atelier(session, horloge, env, paris(2026, 12, 10, 18, 30))
    await _tick(session, paris(2026, 12, 3, 18, 30))  # convened at J-7
    for membre, choix in (
        (oui, ChoixReponse.OUI),
        (peut_etre, ChoixReponse.PEUT_ETRE),
        (non, ChoixReponse.NON),
    ):
        await reponses.repondre(
            session,
            seance_id=seance.id or 0,
            membre=membre,
            choix=choix,
            maintenant=horloge.maintenant(),
        )
    await _tick(session, paris(2026, 12, 10, 16, 30))
    deux_heures = [e for e in await _envois(session, "rappel:") if ":2h:" in e.cle]
    assert {e.membre_id for e in deux_heures} == {oui.id, peut_etre.id}
    assert "Dans 2 heures" in deux_heures[0].texte
    assert "Votre réponse : ✅ je serai là" in deux_heures[0].texte


async def test_report_de_seance_prevenu_et_rappels_au_nouvel_horaire(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    membres = await membres_actifs(session, horloge.maintenant(), env, 2)
    seance = await _atelier(session, horloge, env, paris(2026, 12, 10, 18, 30))
    await _tick(session, paris(2026, 12, 3, 18, 30))  # J-7 queued
    # Moved by a week, the day after the J-7 reminder went out.
    horloge.regler(paris(2026, 12, 4, 10, 0))
    changement = await seances.modifier(
        session,
        seance,
        maintenant=horloge.maintenant(),
        auteur=journal.CLI,
        debut=paris(2026, 12, 17, 18, 30),
        fin=paris(2026, 12, 17, 20, 30),
    )
    assert changement.horaire and seance.changement_a_annoncer
    bilan = await _tick(session, horloge.maintenant())
    assert bilan.changements == 2
    annonces_changement = await _envois(session, "changement:")
    assert {e.membre_id for e in annonces_changement} == {m.id for m in membres}
    assert "Changement d'horaire</b>" in annonces_changement[0].texte  # the time only
    assert "jeudi 17 décembre à 18 h 30" in annonces_changement[0].texte
    assert not annonces_changement[0].urgent  # 13 days ahead: quiet hours apply
    # The notice stands for the current reminder: nothing else this tick, J-1 at the new time.
    assert (await _tick(session, paris(2026, 12, 9, 18, 30))).rappels == 0
    assert (await _tick(session, paris(2026, 12, 10, 18, 30))).rappels == 2  # J-7 of the new date
    assert (await _tick(session, paris(2026, 12, 16, 18, 30))).rappels == 2  # J-1 of the new date


async def test_report_retire_les_rappels_pas_encore_partis(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 2)
    seance = await _atelier(session, horloge, env, paris(2026, 12, 10, 18, 30))
    await _tick(session, paris(2026, 12, 3, 18, 30))
    assert len(await _envois(session, "rappel:")) == 2  # queued, not sent yet
    horloge.regler(paris(2026, 12, 3, 18, 35))
    await seances.modifier(
        session,
        seance,
        maintenant=horloge.maintenant(),
        auteur=journal.CLI,
        debut=paris(2026, 12, 11, 18, 30),
        fin=paris(2026, 12, 11, 20, 30),
    )
    assert await _envois(session, "rappel:") == []  # the old time's reminders are gone


async def test_annulation_prevenue_puis_plus_rien(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 2)
    seance = await _atelier(session, horloge, env, paris(2026, 12, 10, 18, 30))
    horloge.regler(paris(2026, 12, 10, 9, 0))
    await seances.annuler(session, seance, maintenant=horloge.maintenant(), auteur=journal.CLI)
    assert (await _tick(session, horloge.maintenant())).changements == 2
    (notice, _) = await _envois(session, "changement:")
    assert "Séance annulée" in notice.texte and notice.clavier is None
    assert notice.urgent  # 9 h before the start: goes even in quiet hours
    for instant in (paris(2026, 12, 10, 16, 30), paris(2026, 12, 10, 9, 1)):
        assert await _tick(session, instant) == taches.Bilan()
    assert await _envois(session, "rappel:") == []


async def test_redemarrage_dans_la_fenetre_rien_de_perdu_rien_en_double(
    session: AsyncSession,
    sessions: object,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 3)
    await _atelier(session, horloge, env, paris(2026, 12, 10, 18, 30))
    # The bot was down at J-1 18:30 and comes back at 23:10: the reminder goes out late…
    assert (await _tick(session, paris(2026, 12, 9, 23, 10))).rappels == 3
    rappels = await _envois(session, "rappel:")
    assert {e.du_le for e in rappels} == {paris(2026, 12, 9, 18, 30)}
    # …then it restarts again in the same window: a fresh session, nothing doubled.
    async with sessions() as autre:  # type: ignore[operator]
        assert (await _tick(autre, paris(2026, 12, 9, 23, 20))).rappels == 0
    assert len(await _envois(session, "rappel:")) == 3


async def test_un_rappel_non_parti_avant_le_debut_est_perime(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 1)
    seance = await _atelier(session, horloge, env, paris(2026, 12, 10, 18, 30))
    await _tick(session, paris(2026, 12, 9, 18, 30))  # J-1 queued, never sent before the start
    lot = await envois.reclamer(
        session,
        maintenant=seance.debut,
        limite=10,
        heures_calmes=REGLAGES.heures_calmes,
        fuseau=PARIS,
    )
    assert lot == []
    assert {e.statut for e in await _envois(session, "rappel:")} == {StatutEnvoi.PERIME}


async def test_les_heures_calmes_deplacent_le_rappel_sans_passer_le_debut(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 1)
    await _atelier(session, horloge, env, paris(2026, 12, 10, 22, 30))
    assert (await _tick(session, paris(2026, 12, 3, 22, 30))).rappels == 0  # J-7 nominal: quiet
    assert (await _tick(session, paris(2026, 12, 4, 8, 0))).rappels == 1  # J-7 moved to 08:00
    assert (await _tick(session, paris(2026, 12, 9, 22, 30))).rappels == 0  # J-1 nominal: quiet
    assert (await _tick(session, paris(2026, 12, 10, 8, 0))).rappels == 1  # moved to 08:00
    (rappel,) = [e for e in await _envois(session, "rappel:") if ":1j:" in e.cle]
    assert rappel.du_le == paris(2026, 12, 10, 8, 0)
    assert "Dans 14 heures" in rappel.texte  # the heading tells the truth


async def test_membres_retires_ou_ajoutes_par_l_equipe(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    a, b = await membres_actifs(session, horloge.maintenant(), env, 2)
    (ext,) = await membres_actifs(
        session, horloge.maintenant(), groupes_config["espace-public"], 1, premier_telegram_id=99
    )
    (staff,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=7, role=Role.EQUIPE
    )
    seance = await _atelier(session, horloge, env, paris(2026, 12, 10, 18, 30))
    await seances.ajuster(
        session,
        seance,
        b,
        convoque=False,
        auteur=journal.par_le_bot(staff),
        maintenant=horloge.maintenant(),
    )
    await seances.ajuster(
        session,
        seance,
        ext,
        convoque=True,
        auteur=journal.par_le_bot(staff),
        maintenant=horloge.maintenant(),
    )
    noms = {m.id for m in await seances.convoques(session, seance)}
    assert noms == {a.id, ext.id}
    await _tick(session, paris(2026, 12, 3, 18, 30))
    assert {e.membre_id for e in await _envois(session, "rappel:")} == {a.id, ext.id}
    membre: Membre = a
    assert not await membres.peut_gerer(session, membre, env.id)


async def test_est_convoque_suit_la_regle_de_la_liste_des_convoques(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    # est_convoque answers for one member without loading the group: it must agree with
    # convoques() for every kind of member, with and without staff's adjustments.
    env, esp = groupes_config["environnement"], groupes_config["espace-public"]
    dans_env = await membres_actifs(session, horloge.maintenant(), env, 3)
    (ailleurs,) = await membres_actifs(
        session, horloge.maintenant(), esp, 1, premier_telegram_id=50
    )
    (animateur,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=60, role=Role.ANIMATEUR
    )
    parti = dans_env[2]
    parti.statut = StatutMembre.PARTI
    session.add(parti)
    await session.commit()
    atelier = await _atelier(session, horloge, env, horloge.maintenant() + timedelta(days=8))
    pleniere = await seances.creer(
        session,
        Champs(
            type=TypeSeance.PLENIERE,
            titre="Plénière",
            groupe=None,
            debut=horloge.maintenant() + timedelta(days=9),
            fin=horloge.maintenant() + timedelta(days=9, hours=2),
            lieu="Hôtel de Ville",
        ),
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )
    tous = [*dans_env, ailleurs, animateur]

    async def accord() -> None:
        for seance in (atelier, pleniere):
            liste = {m.id for m in await seances.convoques(session, seance)}
            for membre in tous:
                assert await seances.est_convoque(session, seance, membre) == (
                    membre.id in liste
                ), (seance.titre, membre.prenom)

    await accord()
    await seances.ajuster(
        session,
        atelier,
        ailleurs,
        convoque=True,
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )
    await seances.ajuster(
        session,
        atelier,
        animateur,
        convoque=True,
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )
    await seances.ajuster(
        session,
        atelier,
        dans_env[0],
        convoque=False,
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )
    await seances.ajuster(
        session, pleniere, parti, convoque=True, auteur=journal.CLI, maintenant=horloge.maintenant()
    )  # left: no
    await accord()
    assert await seances.est_convoque(session, atelier, ailleurs)
    assert not await seances.est_convoque(session, atelier, dans_env[0])
    assert not await seances.est_convoque(session, pleniere, parti)


SEANCE = paris(2026, 12, 10, 18, 30)
# Inside each reminder window: after the 2 h one is due (16:30), after the J-1 one (the evening
# before, in quiet hours), after the J-7 one.
AVANCES = [timedelta(minutes=100), timedelta(hours=20), timedelta(days=3)]


async def _par_membre(session: AsyncSession) -> dict[int, list[Envoi]]:
    resultat: dict[int, list[Envoi]] = {}
    for envoi in await _envois(session):
        resultat.setdefault(envoi.membre_id, []).append(envoi)
    return resultat


@pytest.mark.parametrize("avance", AVANCES, ids=["100min", "20h", "3j"])
async def test_seance_creee_dans_la_fenetre_convoque_tout_le_monde_une_fois(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    avance: timedelta,
) -> None:
    env = groupes_config["environnement"]
    convoques = await membres_actifs(session, horloge.maintenant(), env, 3)
    horloge.regler(SEANCE - avance)
    await _atelier(session, horloge, env, SEANCE)
    assert (await _tick(session, horloge.maintenant())).rappels == 3
    assert (await _tick(session, horloge.maintenant() + timedelta(minutes=1))).rappels == 0
    par_membre = await _par_membre(session)
    assert set(par_membre) == {m.id for m in convoques}
    for (envoi,) in par_membre.values():  # one message each, at once
        assert envoi.du_le == horloge.maintenant() or envoi.du_le <= horloge.maintenant()
        assert not envoi.urgent  # quiet hours respected: the 20 h case waits for 08:00
        assert envoi.texte.endswith("Serez-vous là ?") and envoi.clavier is not None


@pytest.mark.parametrize("avance", AVANCES, ids=["100min", "20h", "3j"])
async def test_seance_deplacee_dans_la_fenetre_previent_tout_le_monde_une_fois(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    avance: timedelta,
) -> None:
    env = groupes_config["environnement"]
    convoques = await membres_actifs(session, horloge.maintenant(), env, 3)
    seance = await _atelier(session, horloge, env, paris(2026, 12, 30, 18, 30))
    horloge.regler(SEANCE - avance)
    await seances.modifier(
        session,
        seance,
        maintenant=horloge.maintenant(),
        auteur=journal.CLI,
        debut=SEANCE,
        fin=SEANCE + timedelta(hours=2),
    )
    await _tick(session, horloge.maintenant())
    await _tick(session, horloge.maintenant() + timedelta(minutes=1))
    par_membre = await _par_membre(session)
    assert set(par_membre) == {m.id for m in convoques}
    for (envoi,) in par_membre.values():
        assert "jeudi 10 décembre à 18 h 30" in envoi.texte and envoi.clavier is not None


async def test_oui_apres_la_convocation_recoit_encore_le_rappel_de_2_heures(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    oui, muet = await membres_actifs(session, horloge.maintenant(), env, 2)
    horloge.regler(SEANCE - timedelta(hours=20))
    seance = await _atelier(session, horloge, env, SEANCE)
    assert (await _tick(session, horloge.maintenant())).rappels == 2  # the convocation
    horloge.regler(paris(2026, 12, 10, 9, 0))
    await reponses.repondre(
        session,
        seance_id=seance.id or 0,
        membre=oui,
        choix=ChoixReponse.OUI,
        maintenant=horloge.maintenant(),
    )
    assert (await _tick(session, paris(2026, 12, 10, 16, 30))).rappels == 1
    (deux_heures,) = [e for e in await _envois(session, "rappel:") if ":2h:" in e.cle]
    assert deux_heures.membre_id == oui.id and muet.id != oui.id


async def test_cree_a_100_minutes_le_oui_donne_ensuite_ne_double_pas_la_convocation(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (oui,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    horloge.regler(SEANCE - timedelta(minutes=100))
    seance = await _atelier(session, horloge, env, SEANCE)
    assert (await _tick(session, horloge.maintenant())).rappels == 1
    await reponses.repondre(
        session,
        seance_id=seance.id or 0,
        membre=oui,
        choix=ChoixReponse.OUI,
        maintenant=horloge.maintenant(),
    )
    assert (await _tick(session, horloge.maintenant() + timedelta(minutes=5))).rappels == 0
    assert len(await _envois(session)) == 1


async def _notices(session: AsyncSession) -> list[str]:
    return [visible(e.texte) for e in await _envois(session, "changement:")]


async def test_un_changement_d_horaire_seul_dit_l_ancien_et_le_nouvel_horaire(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 1)
    seance = await _atelier(session, horloge, env, SEANCE)
    await seances.modifier(
        session,
        seance,
        maintenant=horloge.maintenant(),
        auteur=journal.CLI,
        debut=SEANCE + timedelta(minutes=30),
        fin=SEANCE + timedelta(hours=2, minutes=30),
    )
    await _tick(session, horloge.maintenant())
    (notice,) = await _notices(session)
    assert notice.startswith("⚠️ Changement d'horaire pour cette séance :")
    assert (
        "🕒 Horaire : jeudi 10 décembre à 18 h 30 – 20 h 30 → jeudi 10 décembre à 19 h – 21 h"
        in notice
    )
    assert "lieu" not in notice.split("\n")[0] and "📍 Lieu :" not in notice


async def test_heure_puis_lieu_avant_l_annonce_disent_les_deux_depuis_l_origine(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 1)
    seance = await _atelier(session, horloge, env, SEANCE)
    for valeurs in (
        {"debut": SEANCE + timedelta(days=1), "fin": SEANCE + timedelta(days=1, hours=2)},
        {"lieu": "Hôtel de Ville, salle des fêtes"},
        {"lien": "https://visio.example.org/a"},
    ):
        await seances.modifier(
            session, seance, maintenant=horloge.maintenant(), auteur=journal.CLI, **valeurs
        )
    await _tick(session, horloge.maintenant())
    (notice,) = await _notices(session)
    assert notice.startswith("⚠️ Changement d'horaire et de lieu pour cette séance :")
    assert "jeudi 10 décembre à 18 h 30 – 20 h 30 → vendredi 11 décembre à 18 h 30" in notice
    assert "📍 Lieu : 5 rue Lobau, Paris → Hôtel de Ville, salle des fêtes" in notice
    assert "💻 Un lien de visio est ajouté (ci-dessous)." in notice
    assert seance.debut_annonce is None  # told: nothing waits any more

    # The next change starts from what members now know.
    await seances.modifier(
        session, seance, maintenant=horloge.maintenant(), auteur=journal.CLI, lien=None
    )
    await _tick(session, horloge.maintenant())
    derniere = (await _notices(session))[-1]
    assert derniere.startswith("⚠️ Changement du lien de visio pour cette séance :")
    assert "💻 Plus de lien de visio" in derniere


async def test_change_puis_remis_comme_avant_rien_n_est_annonce(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 1)
    seance = await _atelier(session, horloge, env, SEANCE)
    for lieu in ("Mairie du 11e", "5 rue Lobau, Paris"):
        await seances.modifier(
            session, seance, maintenant=horloge.maintenant(), auteur=journal.CLI, lieu=lieu
        )
    assert (await _tick(session, horloge.maintenant())).changements == 0
    assert await _notices(session) == []


async def test_annulation_barre_les_messages_a_boutons_deja_partis(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    parti, en_attente = await membres_actifs(session, horloge.maintenant(), env, 2)
    seance = await _atelier(session, horloge, env, SEANCE)
    await _tick(session, paris(2026, 12, 3, 18, 30))  # J-7 queued for both
    rappels = {e.membre_id: e for e in await _envois(session, "rappel:")}
    await envois.marquer_envoye(
        session, rappels[parti.id or 0].id or 0, message_id=77, maintenant=horloge.maintenant()
    )
    horloge.regler(paris(2026, 12, 5, 23, 0))
    await seances.annuler(session, seance, maintenant=horloge.maintenant(), auteur=journal.CLI)
    await _tick(session, horloge.maintenant())
    (barre,) = await _envois(session, "barre:")
    assert (barre.membre_id, barre.nature, barre.telegram_message_id) == (
        parti.id,
        NatureEnvoi.MODIFICATION,
        77,
    )
    assert barre.urgent and barre.clavier is None  # an edit goes at once, buttons removed
    assert visible(barre.texte).endswith("❌ Séance annulée : plus besoin de répondre.")
    assert "Audition : la végétalisation des cours" in barre.texte
    # The reminder not yet sent is simply withdrawn; a second tick edits nothing twice.
    assert [e.membre_id for e in await _envois(session, "rappel:")] == [parti.id]
    await _tick(session, horloge.maintenant() + timedelta(minutes=1))
    assert len(await _envois(session, "barre:")) == 1 and en_attente.id != parti.id
