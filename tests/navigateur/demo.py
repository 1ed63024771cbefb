"""An assembly at work, for the dashboard's browser test and its picture in the README:
séances with answers, an open poll with some ballots cast, articles waiting to be sorted."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import col

from assemblee import groupes, journal, seances, sondages
from assemblee.modeles import (
    Article,
    ArticleGroupe,
    Bulletin,
    ChoixReponse,
    Reponse,
    TypeSeance,
    TypeSondage,
)
from assemblee.seances import Champs
from tests.outils.console import Console

SEANCES = [
    # (days from now, title, group slug or None for the plenary, place)
    (6, "Des cours d'école plus vertes", "environnement", "Mairie du 11e, salle des fêtes"),
    (9, "Budget participatif : les crèches", "social-education", "Maison des associations"),
    (13, "Séance plénière de décembre", None, "Hôtel de Ville, salle du Conseil"),
]
ARTICLES = [
    "Végétalisation : 400 arbres plantés place de la Bastille",
    "Canicule : trente nouveaux îlots de fraîcheur cet été",
    "Compost : le jardin partagé de la rue Oberkampf cherche des bénévoles",
    "Pistes cyclables : la rue de Rivoli fête ses cinq ans",
]


async def peupler_tableau(console: Console) -> None:
    banc = console.banc
    app = banc.app
    maintenant = banc.horloge.maintenant()
    environnement = await banc.peupler(14)
    social = await banc.peupler(9, groupe="social-education", premier_telegram_id=20_000)
    fuseau = app.reglages.fuseau
    choix = itertools.cycle(
        [ChoixReponse.OUI, ChoixReponse.OUI, ChoixReponse.NON, ChoixReponse.PEUT_ETRE]
    )
    async with app.sessions() as session:
        for jours, titre, slug, lieu in SEANCES:
            groupe = await groupes.trouver_groupe(session, slug) if slug else None
            jour = (maintenant.astimezone(fuseau) + timedelta(days=jours)).date()
            debut = datetime.combine(jour, time(18, 30), tzinfo=fuseau).astimezone(UTC)
            seance = await seances.creer(
                session,
                Champs(
                    type=TypeSeance.PLENIERE if slug is None else TypeSeance.ATELIER,
                    titre=titre,
                    groupe=groupe,
                    debut=debut,
                    fin=debut + timedelta(hours=2),
                    lieu=lieu,
                ),
                auteur=journal.CLI,
                maintenant=maintenant,
            )
            repondants = {
                "environnement": environnement[:11],
                "social-education": social[:5],
                None: [*environnement[::2], *social[::3]],
            }[slug]
            for membre in repondants:
                assert seance.id is not None and membre.id is not None
                session.add(
                    Reponse(
                        seance_id=seance.id,
                        membre_id=membre.id,
                        choix=next(choix),
                        repondu_le=maintenant,
                    )
                )
        await session.commit()

        groupe = await groupes.trouver_groupe(session, "environnement")
        assert groupe is not None
        sondage, _ = await sondages.lancer(
            session,
            sondages.Brouillon(
                question="Quel sujet traiter en priorité au prochain atelier ?",
                type=TypeSondage.JUGEMENT,
                options=["Des cours d'école plus vertes", "Des fontaines dans les parcs"],
                ferme_le=maintenant + timedelta(days=3),
                groupe_id=groupe.id,
            ),
            auteur=journal.CLI,
            maintenant=maintenant,
            catalogue=app.catalogue,
            fuseau=fuseau,
            secret=app.reglages.cle_scrutins,
        )
        # Nine ballots cast (a cast ballot is one with at least one tap).
        bulletins = sa.select(Bulletin.id).where(col(Bulletin.sondage_id) == sondage.id).limit(9)
        await session.exec(
            sa.update(Bulletin).where(col(Bulletin.id).in_(bulletins)).values(version=1)
        )

        for numero, titre in enumerate(ARTICLES):
            article = Article(
                url=f"https://journal.exemple.org/article-{numero}",
                titre=titre,
                titre_normalise=titre.lower(),
                collecte_le=maintenant - timedelta(hours=numero),
            )
            session.add(article)
            await session.flush()
            assert article.id is not None and groupe.id is not None
            session.add(ArticleGroupe(article_id=article.id, groupe_id=groupe.id))
        await session.commit()
