"""The access filters (commandes/acces.py): a button naming a séance, a topic, a poll or a
filed article passes, with the object, only for someone who may manage it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, User
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Article, ArticleGroupe, Groupe, Role, Sujet
from commandes.acces import ArticleGere, SeanceGeree, SondageGere, SujetGere
from commandes.callbacks import (
    ActionCuration,
    ActionSeance,
    ActionSondage,
    CurationCb,
    DecisionSujet,
    GestionCb,
    SondageCb,
    SujetCb,
)
from tests.outils.fabriques import atelier, avec_role, sondage_ouvert

APPUI = CallbackQuery(
    id="1", from_user=User(id=1, is_bot=False, first_name="Ali"), chat_instance="c", data="x"
)
# The filter, and the handler's parameter it fills.
FILTRES: dict[str, tuple[Any, str]] = {
    "seance": (SeanceGeree(), "seance"),
    "sujet": (SujetGere(), "sujet"),
    "sondage": (SondageGere(), "sondage"),
    "article": (ArticleGere(), "lien"),
}


async def _objet(
    session: AsyncSession, genre: str, groupe_id: int, maintenant: datetime
) -> tuple[Any, CallbackData]:
    """An object of the group, saved, and a button naming it."""
    objet: Any
    if genre == "article":
        article = Article(
            url=f"https://www.paris.fr/pages/{groupe_id}",
            titre="Les berges",
            titre_normalise="les berges",
            collecte_le=maintenant,
        )
        session.add(article)
        await session.flush()
        objet = ArticleGroupe(article_id=article.id or 0, groupe_id=groupe_id)
    elif genre == "sujet":
        objet = Sujet(groupe_id=groupe_id, texte="Des arbres", propose_le=maintenant)
    else:
        objet = (atelier if genre == "seance" else sondage_ouvert)(groupe_id, maintenant)
    session.add(objet)
    await session.commit()
    boutons: dict[str, Any] = {
        "seance": lambda: GestionCb(seance_id=objet.id, action=ActionSeance.ANNULER),
        "sujet": lambda: SujetCb(sujet_id=objet.id, decision=DecisionSujet.ACCEPTER),
        "sondage": lambda: SondageCb(sondage_id=objet.id, action=ActionSondage.CLORE),
        "article": lambda: CurationCb(
            article_id=objet.article_id, groupe_id=groupe_id, action=ActionCuration.GARDER
        ),
    }
    return objet, boutons[genre]()


@pytest.mark.parametrize("genre", sorted(FILTRES))
async def test_le_filtre_passe_l_objet_a_qui_peut_le_gerer(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe], genre: str
) -> None:
    filtre, cle = FILTRES[genre]
    env, maintenant = groupes_config["environnement"], horloge.maintenant()
    objet, donnees = await _objet(session, genre, env.id or 0, maintenant)
    for personne in (
        await avec_role(session, maintenant, Role.ANIMATEUR, [env]),
        await avec_role(session, maintenant, Role.EQUIPE, []),
    ):
        passe = await filtre(APPUI, callback_data=donnees, session=session, membre=personne)
        assert passe == {cle: objet}


@pytest.mark.parametrize("genre", sorted(FILTRES))
async def test_un_id_forge_vers_un_autre_groupe_ou_inexistant_ne_passe_pas(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe], genre: str
) -> None:
    filtre, _ = FILTRES[genre]
    env, espace = groupes_config["environnement"], groupes_config["espace-public"]
    maintenant = horloge.maintenant()
    _, d_un_autre_groupe = await _objet(session, genre, espace.id or 0, maintenant)
    _, du_sien = await _objet(session, genre, env.id or 0, maintenant)
    animateur = await avec_role(session, maintenant, Role.ANIMATEUR, [env])
    membre = await avec_role(session, maintenant, Role.MEMBRE, [espace])
    # The same button with the object's id made up (no such object).
    champs = ("seance_id", "sujet_id", "sondage_id", "article_id")
    inexistant = du_sien.model_copy(
        update={nom: 999_999 for nom in champs if nom in type(du_sien).model_fields}
    )
    refus = [
        (animateur, d_un_autre_groupe),  # a facilitator of another group
        (membre, d_un_autre_groupe),  # a member of the group
        (animateur, inexistant),
        (None, du_sien),  # a stranger (no role filter above, for once)
    ]
    for personne, donnees in refus:
        passe = await filtre(APPUI, callback_data=donnees, session=session, membre=personne)
        assert passe is False, (personne, donnees)
