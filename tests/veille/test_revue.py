"""The news digest: on the group's schedule, the kept articles, highlighted first, split to
fit Telegram, once per period, to the members who chose it; nothing when nothing was kept."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import (
    Article,
    ArticleGroupe,
    ChoixRevue,
    Envoi,
    FrequenceRevue,
    Groupe,
    Langue,
    Membre,
    Revue,
    Role,
    Source,
    StatutArticle,
    StatutMembre,
)
from assemblee.textes import Catalogue, longueur_telegram, visible
from telegram_local import parser_html
from tests.outils.fabriques import membres_actifs
from veille import revue

PARIS = ZoneInfo("Europe/Paris")
CATALOGUE = Catalogue()


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)  # type: ignore[misc]


async def _article(
    session: AsyncSession,
    groupe: Groupe,
    titre: str,
    decide_le: datetime,
    statut: StatutArticle = StatutArticle.GARDE,
    note: str | None = None,
    source: Source | None = None,
) -> Article:
    article = Article(
        source_id=source.id if source else None,
        url=f"https://exemple.org/{abs(hash(titre))}",
        titre=titre,
        titre_normalise=titre.lower(),
        collecte_le=decide_le - timedelta(hours=1),
    )
    session.add(article)
    await session.flush()
    session.add(
        ArticleGroupe(
            article_id=article.id or 0,
            groupe_id=groupe.id or 0,
            statut=statut,
            note=note,
            decide_le=decide_le,
        )
    )
    await session.commit()
    return article


async def _tick(session: AsyncSession, instant: datetime) -> int:
    return await revue.tick(session, maintenant=instant, catalogue=CATALOGUE, fuseau=PARIS)


async def _envois(session: AsyncSession) -> list[Envoi]:
    return list((await session.exec(select(Envoi).order_by(col(Envoi.id)))).all())


def test_l_heure_de_la_revue_suit_l_heure_de_paris_aux_deux_changements_d_heure() -> None:
    groupe = Groupe(slug="g", nom="G", revue="lundi 08:00")
    hebdo, jour = FrequenceRevue.HEBDOMADAIRE, FrequenceRevue.QUOTIDIENNE
    # Monday 30 March 2026, the day after spring forward: 08:00 CEST = 06:00 UTC.
    assert revue.derniere_echeance(groupe, hebdo, paris(2026, 3, 30, 9, 0), PARIS) == datetime(
        2026, 3, 30, 6, 0, tzinfo=UTC
    )
    # Monday 26 October 2026, the day after fall back: 08:00 CET = 07:00 UTC.
    assert revue.derniere_echeance(groupe, hebdo, paris(2026, 10, 26, 8, 0), PARIS) == datetime(
        2026, 10, 26, 7, 0, tzinfo=UTC
    )
    assert revue.derniere_echeance(groupe, hebdo, paris(2026, 10, 26, 7, 59), PARIS) == paris(
        2026, 10, 19, 8, 0
    )
    assert revue.derniere_echeance(groupe, jour, paris(2026, 10, 28, 7, 0), PARIS) == paris(
        2026, 10, 27, 8, 0
    )


async def test_rien_de_garde_rien_d_envoye(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 2)
    await _article(session, env, "Écarté", paris(2026, 11, 25, 10, 0), StatutArticle.ECARTE)
    assert await _tick(session, paris(2026, 11, 30, 8, 0)) == 0
    assert await _envois(session) == []
    assert (
        len((await session.exec(select(Revue))).all()) == 6
    )  # checked once per group and frequency


async def test_la_revue_du_groupe_a_la_une_d_abord_une_seule_fois(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env, esp = groupes_config["environnement"], groupes_config["espace-public"]
    membres = await membres_actifs(session, horloge.maintenant(), env, 2)
    (ailleurs,) = await membres_actifs(
        session, horloge.maintenant(), esp, 1, premier_telegram_id=500
    )
    (curieux,) = await membres_actifs(
        session, horloge.maintenant(), esp, 1, premier_telegram_id=600
    )
    (quotidien,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=700
    )
    (muet,) = await membres_actifs(session, horloge.maintenant(), env, 1, premier_telegram_id=800)
    curieux.revue = ChoixRevue.TOUS
    quotidien.revue_frequence = FrequenceRevue.QUOTIDIENNE
    muet.revue = ChoixRevue.AUCUNE
    session.add_all([curieux, quotidien, muet])
    source = Source(
        nom="Le Parisien", url="https://lp.example/rss", ajoutee_le=horloge.maintenant()
    )
    session.add(source)
    await session.commit()
    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 26, 10), source=source)
    await _article(
        session,
        env,
        "Canicule : les îlots de fraîcheur",
        paris(2026, 11, 27, 10),
        StatutArticle.A_LA_UNE,
        note="À discuter lundi",
    )
    await _article(session, env, "Trop vieux", paris(2026, 11, 20, 10))  # before this week's period

    # Monday 23 November: that week's digest has only the old article.
    await _tick(session, paris(2026, 11, 23, 8, 0))
    deja = {e.id for e in await _envois(session)}
    # Weekly: the 2 members and the curious one; daily: the daily reader (everything kept since
    # the last daily digest made, on 23 November here).
    assert await _tick(session, paris(2026, 11, 30, 8, 0)) == 4
    assert await _tick(session, paris(2026, 11, 30, 8, 5)) == 0  # once
    envoyes = [e for e in await _envois(session) if e.id not in deja]
    hebdo = [
        e
        for e in envoyes
        if (await session.get(Revue, int(e.cle.split(":")[1]))).frequence
        == FrequenceRevue.HEBDOMADAIRE
    ]  # type: ignore[union-attr]
    assert {e.membre_id for e in hebdo} == {membres[0].id, membres[1].id, curieux.id}
    texte = visible(hebdo[0].texte)
    assert texte.startswith("📰 Revue de presse — Environnement")
    assert texte.index("Canicule") < texte.index("Des arbres rue de Rivoli")  # highlighted first
    assert "⭐ À la une : Canicule : les îlots de fraîcheur — proposé par un membre" in texte
    assert "À discuter lundi" in texte and "— Le Parisien" in texte and "Trop vieux" not in texte
    parser_html(hebdo[0].texte)
    assert ailleurs.id not in {e.membre_id for e in envoyes}
    assert muet.id not in {e.membre_id for e in envoyes}
    quotidiennes = [e for e in envoyes if e.membre_id == quotidien.id]
    assert quotidiennes and all("Du jour" in visible(e.texte) for e in quotidiennes)


async def test_une_longue_revue_est_decoupee(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    await _tick(session, paris(2026, 11, 23, 8, 0))
    for i in range(80):
        await _article(
            session,
            env,
            f"Article {i:02d} " + "très long titre " * 10,
            paris(2026, 11, 26, 10) + timedelta(minutes=i),
            note="Une note d'animateur assez longue pour remplir",
        )
    await _tick(session, paris(2026, 11, 30, 8, 0))
    messages = [e for e in await _envois(session) if e.membre_id == mia.id]
    assert len(messages) > 1
    assert all(longueur_telegram(m.texte) <= 4096 for m in messages)
    tout = "\n".join(visible(m.texte) for m in messages)
    assert all(f"Article {i:02d}" in tout for i in range(80))
    for m in messages:
        parser_html(m.texte)
    membre: Membre = mia
    assert [m.cle for m in messages] == [
        f"revue:{messages[0].cle.split(':')[1]}:{membre.id}:{i}" for i in range(len(messages))
    ]


async def test_deux_ticks_en_meme_temps_font_une_seule_revue(
    sessions: FabriqueSessions,
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two processes tick at the same minute: both see no digest yet, both make it; the unique
    key on group × frequency × period keeps one, and its messages are queued once."""
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 3)
    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 26, 10))
    retenus = revue.retenus
    ensemble = asyncio.Barrier(2)

    async def retenus_ensemble(*args: Any, **kwargs: Any) -> list[revue.ArticleRetenu]:
        articles = await retenus(*args, **kwargs)
        await ensemble.wait()  # both ticks have read "no digest yet"
        return articles

    monkeypatch.setattr(revue, "retenus", retenus_ensemble)

    async def tick() -> int:
        async with sessions() as autre:
            return await _tick(autre, paris(2026, 11, 30, 8, 0))

    envoyes = await asyncio.gather(tick(), tick())
    assert sum(envoyes) == 3  # the weekly digest of Environnement, to its 3 members, once
    revues = (await session.exec(select(Revue))).all()
    assert len(revues) == 6  # once per group and frequency
    assert len(await _envois(session)) == 3


# --- on demand: preview, then send now ------------------------------------------------------------

CLI = journal.Auteur(journal.ORIGINE_CLI, None)
MERCREDI = paris(2026, 11, 25, 10, 0)  # the `horloge` fixture's instant


async def _apercu(
    session: AsyncSession, groupe: Groupe, instant: datetime, langue: str = "fr"
) -> revue.Apercu:
    vue = await revue.apercu(
        session, groupe=groupe, langue=langue, maintenant=instant, catalogue=CATALOGUE, fuseau=PARIS
    )
    # The figures the console shows for every group, counted by the database: the preview's.
    chiffres = await revue.etat(session, groupe=groupe, maintenant=instant, fuseau=PARIS)
    assert (chiffres.articles, chiffres.destinataires, chiffres.raison) == (
        len(vue.articles),
        vue.destinataires,
        vue.raison,
    )
    return vue


async def _maintenant(
    session: AsyncSession,
    groupe: Groupe,
    instant: datetime,
    *,
    jusqua: datetime | None = None,
    auteur: journal.Auteur = CLI,
) -> revue.RevueEnvoyee:
    return await revue.envoyer_maintenant(
        session,
        groupe=groupe,
        auteur=auteur,
        maintenant=instant,
        catalogue=CATALOGUE,
        fuseau=PARIS,
        jusqua=jusqua,
    )


def _par_membre(envoyes: list[Envoi]) -> dict[int, list[str]]:
    """Each member's digest messages, in order."""
    messages: dict[int, list[str]] = {}
    for e in sorted(envoyes, key=lambda e: (e.membre_id, int(e.cle.rsplit(":", 1)[1]))):
        messages.setdefault(e.membre_id, []).append(e.texte)
    return messages


async def test_l_apercu_est_exactement_ce_que_les_membres_recoivent(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env, esp = groupes_config["environnement"], groupes_config["espace-public"]
    lea, noe = await membres_actifs(session, horloge.maintenant(), env, 2)
    (john,) = await membres_actifs(session, horloge.maintenant(), env, 1, premier_telegram_id=500)
    (curieux,) = await membres_actifs(
        session, horloge.maintenant(), esp, 1, premier_telegram_id=600
    )
    (quotidien,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=700
    )
    (muet,) = await membres_actifs(session, horloge.maintenant(), env, 1, premier_telegram_id=800)
    parti, sans_accord = await membres_actifs(
        session, horloge.maintenant(), env, 2, premier_telegram_id=850
    )
    john.langue = Langue.EN
    curieux.revue = ChoixRevue.TOUS
    quotidien.revue_frequence = FrequenceRevue.QUOTIDIENNE
    muet.revue = ChoixRevue.AUCUNE
    parti.statut = StatutMembre.PARTI  # erased their data: reads nothing any more
    sans_accord.consentement_le = None
    session.add_all([john, curieux, quotidien, muet, parti, sans_accord])
    await session.commit()
    await _tick(session, paris(2026, 11, 23, 8, 0))  # Monday's digests
    await _tick(session, paris(2026, 11, 25, 8, 0))  # this morning's daily one
    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 24, 10))
    await _article(
        session,
        env,
        "Canicule : les îlots de fraîcheur",
        paris(2026, 11, 25, 9),
        StatutArticle.A_LA_UNE,
        note="À discuter lundi",
    )

    vue = await _apercu(session, env, MERCREDI)
    en_anglais = await _apercu(session, env, MERCREDI, "en")

    hebdo, jour = vue.parties
    assert hebdo.frequence == FrequenceRevue.HEBDOMADAIRE
    assert {m.id for m in hebdo.destinataires} == {lea.id, noe.id, john.id, curieux.id}
    assert [a.titre for a in hebdo.articles] == [
        "Canicule : les îlots de fraîcheur",
        "Des arbres rue de Rivoli",
    ]
    assert jour.frequence == FrequenceRevue.QUOTIDIENNE
    assert [m.id for m in jour.destinataires] == [quotidien.id]
    assert [a.titre for a in jour.articles] == ["Canicule : les îlots de fraîcheur"]
    assert (vue.destinataires, len(vue.articles), vue.raison) == (5, 2, None)
    assert visible(hebdo.messages[0]).startswith(
        "📰 Revue de presse — Environnement\n"
        "De la semaine, mercredi 25 novembre à 10 h : 2 articles choisis"
    )
    assert visible(en_anglais.messages[0]).startswith("📰 News digest — Environnement\nWeekly")

    envoyee = await _maintenant(session, env, MERCREDI, jusqua=vue.jusqua)

    assert (envoyee.destinataires, envoyee.articles, envoyee.raison) == (5, 2, None)
    recu = _par_membre(await _envois(session))
    # Each reader gets, message for message, the preview of their frequency and language.
    recu_cette_fois = {m: textes[-len(hebdo.messages) :] for m, textes in recu.items()}
    for membre in (lea, noe, curieux):
        assert recu_cette_fois[membre.id or 0] == list(hebdo.messages)
    assert recu_cette_fois[john.id or 0] == list(en_anglais.parties[0].messages)
    assert recu_cette_fois[quotidien.id or 0] == list(jour.messages)
    assert {muet.id, parti.id, sans_accord.id}.isdisjoint(recu)
    assert envoyee.en_file == sum(len(m) for m in recu_cette_fois.values())


async def test_renvoyer_ne_renvoie_rien_et_la_revue_suivante_repart_de_l_envoi(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 3)
    await _tick(session, paris(2026, 11, 23, 8, 0))
    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 24, 10))
    vue = await _apercu(session, env, MERCREDI)

    premier = await _maintenant(session, env, MERCREDI, jusqua=vue.jusqua)
    assert (premier.destinataires, premier.en_file) == (3, 3)
    # A double tap on the same preview, then a new send an hour later: nothing new.
    deuxieme = await _maintenant(session, env, MERCREDI, jusqua=vue.jusqua)
    assert (deuxieme.raison, deuxieme.en_file) == (revue.RAISON_DEJA, 0)
    plus_tard = await _maintenant(session, env, paris(2026, 11, 25, 11, 0))
    assert (plus_tard.raison, plus_tard.en_file) == (revue.RAISON_RIEN, 0)
    assert (await _apercu(session, env, paris(2026, 11, 25, 11, 0))).raison == revue.RAISON_RIEN
    assert len(await _envois(session)) == 3

    # The Monday digest has only what was kept after the send.
    await _article(session, env, "Un nouveau jardin partagé", paris(2026, 11, 27, 10))
    deja = {e.id for e in await _envois(session)}
    assert await _tick(session, paris(2026, 11, 30, 8, 0)) == 3
    lundi = [visible(e.texte) for e in await _envois(session) if e.id not in deja]
    assert all("Un nouveau jardin partagé" in t and "Rivoli" not in t for t in lundi)


async def test_on_envoie_ce_que_l_apercu_montrait_pas_ce_qui_est_garde_depuis(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    await _tick(session, paris(2026, 11, 23, 8, 0))
    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 24, 10))
    vue = await _apercu(session, env, MERCREDI)
    await _article(session, env, "Gardé après l'aperçu", paris(2026, 11, 25, 10, 5))

    await _maintenant(session, env, paris(2026, 11, 25, 10, 10), jusqua=vue.jusqua)

    (message,) = [e.texte for e in await _envois(session) if e.membre_id == mia.id]
    assert message == vue.messages[0]
    await _tick(session, paris(2026, 11, 30, 8, 0))
    assert "Gardé après l'aperçu" in visible((await _envois(session))[-1].texte)


async def test_l_envoi_est_ecrit_au_journal(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 3)
    (eva,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=900, role=Role.EQUIPE
    )
    eva.revue = ChoixRevue.AUCUNE
    session.add(eva)
    await session.commit()
    await _tick(session, paris(2026, 11, 23, 8, 0))
    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 24, 10))
    await _article(session, env, "Cours Oasis", paris(2026, 11, 24, 11))

    await _maintenant(session, env, MERCREDI, auteur=journal.Auteur(journal.ORIGINE_BOT, eva))

    (ligne,) = await journal.lire(session, filtre=journal.Filtre(action="revue-envoyee"))
    e = ligne.entree
    assert (e.origine, e.par_id, e.objet, e.objet_id, e.le) == (
        "bot",
        eva.id,
        "groupe",
        env.id,
        MERCREDI,
    )
    assert e.apres == "3 destinataires, 2 articles"


async def test_rien_a_envoyer_dit_pourquoi_et_n_ecrit_rien(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    await _tick(session, paris(2026, 11, 23, 8, 0))
    revues = len((await session.exec(select(Revue))).all())

    assert (await _apercu(session, env, MERCREDI)).raison == revue.RAISON_RIEN
    assert (await _maintenant(session, env, MERCREDI)).raison == revue.RAISON_RIEN

    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 24, 10))
    mia.revue = ChoixRevue.AUCUNE
    session.add(mia)
    await session.commit()
    vue = await _apercu(session, env, MERCREDI)
    assert (vue.parties, vue.raison, vue.destinataires) == ((), revue.RAISON_PERSONNE, 0)
    assert (await _maintenant(session, env, MERCREDI)).raison == revue.RAISON_PERSONNE

    env.actif = False
    assert (await _apercu(session, env, MERCREDI)).raison == revue.RAISON_INACTIF
    assert (await _maintenant(session, env, MERCREDI)).raison == revue.RAISON_INACTIF

    assert len((await session.exec(select(Revue))).all()) == revues
    assert await _envois(session) == []
    assert await journal.lire(session) == []


@pytest.mark.parametrize("premiere", [False, True], ids=["suite", "premiere-revue"])
async def test_envoyer_maintenant_pendant_que_le_planificateur_passe(
    sessions: FabriqueSessions,
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    monkeypatch: pytest.MonkeyPatch,
    premiere: bool,
) -> None:
    """Staff send a group's digest at 08:00:30 on a Monday, as the scheduler makes the 08:00
    one: both read the same previous digest (or none yet), both would send the week's
    articles; one digest only may follow a given one, so they go once."""
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 3)
    if not premiere:
        await _tick(session, paris(2026, 11, 23, 8, 0))
    await _article(session, env, "Des arbres rue de Rivoli", paris(2026, 11, 26, 10))
    instant = paris(2026, 11, 30, 8, 0, 30)
    retenus = revue.retenus
    ensemble = asyncio.Barrier(2)
    attendu: set[asyncio.Task[Any] | None] = set()

    async def retenus_ensemble(
        session_: AsyncSession, groupe: Groupe, **kwargs: Any
    ) -> list[revue.ArticleRetenu]:
        articles = await retenus(session_, groupe, **kwargs)
        if groupe.id == env.id and asyncio.current_task() not in attendu:
            attendu.add(asyncio.current_task())
            await ensemble.wait()  # both have read the previous digest and the articles
        return articles

    monkeypatch.setattr(revue, "retenus", retenus_ensemble)

    async def tick() -> int:
        async with sessions() as autre:
            return await _tick(autre, instant)

    async def maintenant() -> int:
        async with sessions() as autre:
            groupe = await autre.get(Groupe, env.id)
            assert groupe is not None
            return (await _maintenant(autre, groupe, instant)).en_file

    envoyes = await asyncio.gather(tick(), maintenant())

    assert sum(envoyes) == 3
    assert len(await _envois(session)) == 3
    suites = (
        await session.exec(
            select(Revue)
            .where(Revue.groupe_id == env.id)
            .where(Revue.frequence == FrequenceRevue.HEBDOMADAIRE)
            .where(col(Revue.jusqua) > paris(2026, 11, 23, 8, 0))
        )
    ).all()
    assert len(suites) == 1
