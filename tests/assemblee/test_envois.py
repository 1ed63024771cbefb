"""The outbox: idempotent queueing, claiming, retries, unreachable members, quiet hours."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois
from assemblee.envois import Contenu, NouvelEnvoi
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Envoi, Groupe, Membre, StatutEnvoi, StatutMembre
from config.reglages import PlageHoraire
from tests.outils.fabriques import membres_actifs

PARIS = ZoneInfo("Europe/Paris")
NUIT = PlageHoraire(time(21), time(8))


def _envoi(membre: Membre, cle: str, du_le: datetime, **kw: object) -> NouvelEnvoi:
    return NouvelEnvoi(
        cle=cle, membre_id=membre.id or 0, contenu=Contenu("Bonjour"), du_le=du_le, **kw
    )  # type: ignore[arg-type]


async def _reclamer(session: AsyncSession, maintenant: datetime, limite: int = 10) -> list[int]:
    lot = await envois.reclamer(
        session, maintenant=maintenant, limite=limite, heures_calmes=NUIT, fuseau=PARIS
    )
    return [e.id for e in lot]


async def _statuts(session: AsyncSession) -> dict[str, StatutEnvoi]:
    session.expire_all()
    return {e.cle: e.statut for e in (await session.exec(select(Envoi))).all()}


async def test_la_meme_cle_deux_fois_ne_fait_qu_un_message(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    (membre,) = await membres_actifs(
        session, horloge.maintenant(), groupes_config["environnement"], 1
    )
    assert await envois.mettre_en_file(
        session, _envoi(membre, "rappel:1:1:J-1", horloge.maintenant())
    )
    assert not await envois.mettre_en_file(
        session, _envoi(membre, "rappel:1:1:J-1", horloge.maintenant())
    )
    assert len((await session.exec(select(Envoi))).all()) == 1


async def test_reclamer_les_dus_urgents_d_abord_et_les_marquer_en_vol(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    # 9:00 UTC = 10:00 in Paris: daytime.
    maintenant = horloge.maintenant()
    (m,) = await membres_actifs(session, maintenant, groupes_config["environnement"], 1)
    await envois.mettre_en_file_lot(
        session,
        [
            _envoi(m, "ancien", maintenant - timedelta(hours=1)),
            _envoi(m, "urgent", maintenant, urgent=True),
            _envoi(m, "futur", maintenant + timedelta(minutes=5)),
        ],
    )
    await session.commit()
    lot = await envois.reclamer(
        session, maintenant=maintenant, limite=10, heures_calmes=NUIT, fuseau=PARIS
    )
    assert [e.contenu.texte for e in lot] == ["Bonjour", "Bonjour"]
    assert [e.chat_id for e in lot] == [m.telegram_id, m.telegram_id]
    statuts = await _statuts(session)
    assert statuts == {
        "ancien": StatutEnvoi.EN_COURS,
        "urgent": StatutEnvoi.EN_COURS,
        "futur": StatutEnvoi.EN_ATTENTE,
    }
    ordre = (await session.exec(select(Envoi.cle).where(Envoi.id == lot[0].id))).one()
    assert ordre == "urgent"
    assert await _reclamer(session, maintenant) == []  # in flight: nobody claims them again
    assert len(await _reclamer(session, maintenant + timedelta(minutes=5))) == 1


async def test_heures_calmes_seul_l_urgent_part(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    nuit = datetime(2026, 11, 25, 22, 30, tzinfo=UTC)  # 23:30 in Paris
    (m,) = await membres_actifs(session, nuit, groupes_config["environnement"], 1)
    await envois.mettre_en_file_lot(
        session, [_envoi(m, "normal", nuit), _envoi(m, "urgent", nuit, urgent=True)]
    )
    await session.commit()
    assert len(await _reclamer(session, nuit)) == 1
    assert (await _statuts(session))["normal"] == StatutEnvoi.EN_ATTENTE
    assert await _reclamer(session, datetime(2026, 11, 26, 6, 59, tzinfo=UTC)) == []  # 7:59
    assert len(await _reclamer(session, datetime(2026, 11, 26, 7, 0, tzinfo=UTC))) == 1  # 8:00


async def test_reessais_espaces_puis_echec(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    maintenant = horloge.maintenant()
    (m,) = await membres_actifs(session, maintenant, groupes_config["environnement"], 1)
    await envois.mettre_en_file(session, _envoi(m, "x", maintenant))
    delais = []
    for _ in range(4):
        (envoi_id,) = await _reclamer(session, maintenant)
        statut = await envois.reessayer_ou_abandonner(
            session,
            envoi_id,
            erreur="500",
            maintenant=maintenant,
            tentatives_max=5,
            delai_base=timedelta(seconds=2),
        )
        assert statut == StatutEnvoi.EN_ATTENTE
        envoi = await session.get(Envoi, envoi_id)
        assert envoi is not None and envoi.prochain_essai_le is not None
        delais.append((envoi.prochain_essai_le - maintenant).total_seconds())
        assert await _reclamer(session, maintenant) == []  # not before its time
        maintenant = envoi.prochain_essai_le
    assert delais == [2, 4, 8, 16]
    (envoi_id,) = await _reclamer(session, maintenant)
    statut = await envois.reessayer_ou_abandonner(
        session,
        envoi_id,
        erreur="TelegramServerError: boom",
        maintenant=maintenant,
        tentatives_max=5,
        delai_base=timedelta(seconds=2),
    )
    assert statut == StatutEnvoi.ECHEC
    envoi = await session.get(Envoi, envoi_id)
    assert (
        envoi is not None and envoi.tentatives == 5 and envoi.erreur == "TelegramServerError: boom"
    )


async def test_injoignable_arrete_tout_pour_ce_membre(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    maintenant = horloge.maintenant()
    m, autre = await membres_actifs(session, maintenant, groupes_config["environnement"], 2)
    await envois.mettre_en_file_lot(
        session,
        [
            _envoi(m, "a", maintenant),
            _envoi(m, "b", maintenant + timedelta(days=1)),
            _envoi(autre, "c", maintenant),
        ],
    )
    await session.commit()
    ids = await _reclamer(session, maintenant)
    await envois.marquer_injoignable(
        session, ids[0], erreur="Forbidden: bot was blocked by the user", maintenant=maintenant
    )
    statuts = await _statuts(session)
    assert statuts["a"] == statuts["b"] == StatutEnvoi.INJOIGNABLE
    assert statuts["c"] == StatutEnvoi.EN_COURS
    await session.refresh(m)
    assert m.statut == StatutMembre.INJOIGNABLE and m.injoignable_depuis == maintenant
    await envois.redevenir_joignable(session, m)
    assert m.statut == StatutMembre.ACTIF and m.injoignable_depuis is None


async def test_reprendre_apres_un_arret_brutal(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    maintenant = horloge.maintenant()
    (m,) = await membres_actifs(session, maintenant, groupes_config["environnement"], 1)
    await envois.mettre_en_file_lot(
        session, [_envoi(m, "a", maintenant), _envoi(m, "b", maintenant)]
    )
    await session.commit()
    lot = await envois.reclamer(
        session,
        maintenant=maintenant,
        limite=10,
        heures_calmes=NUIT,
        fuseau=PARIS,
        proprietaire="mort",
    )
    await envois.marquer_envoye(session, lot[0].id, message_id=77, maintenant=maintenant)
    # Its sender is alive and its lease runs: the row is not lost.
    assert await envois.reprendre(session, maintenant=maintenant, vivants={"mort"}) == 0
    # Its sender is gone: the row goes back at once.
    assert await envois.reprendre(session, maintenant=maintenant, vivants={"moi"}) == 1
    statuts = await _statuts(session)
    assert sorted(statuts.values()) == sorted([StatutEnvoi.ENVOYE, StatutEnvoi.EN_ATTENTE])
    envoye = (await session.exec(select(Envoi).where(Envoi.statut == StatutEnvoi.ENVOYE))).one()
    assert (envoye.telegram_message_id, envoye.envoye_le) == (77, maintenant)
    arriere = await envois.arriere(session)
    assert (arriere.en_attente, arriere.en_cours) == (1, 0)


async def test_un_envoi_tenu_par_un_processus_vivant_n_est_repris_qu_a_la_fin_du_bail(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    maintenant = horloge.maintenant()
    (m,) = await membres_actifs(session, maintenant, groupes_config["environnement"], 1)
    await envois.mettre_en_file(session, _envoi(m, "a", maintenant))
    (reclame,) = await envois.reclamer(
        session,
        maintenant=maintenant,
        limite=10,
        heures_calmes=NUIT,
        fuseau=PARIS,
        proprietaire="autre",
    )
    # Another process starting: it must not take what "autre", alive, is sending.
    assert await envois.reprendre(session, maintenant=maintenant, vivants={"autre", "moi"}) == 0
    assert await _reclamer(session, maintenant) == []
    fin = maintenant + envois.BAIL
    assert await envois.reprendre(session, maintenant=fin, vivants={"autre", "moi"}) == 1
    assert await _reclamer(session, fin) == [reclame.id]
