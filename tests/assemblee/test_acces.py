"""Who may manage a séance, a topic, a poll, a filed article: one rule per kind, shared by
the faces (assemblee/acces.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import acces
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import ArticleGroupe, Groupe, Membre, Role, Sujet
from tests.outils.fabriques import atelier, avec_role, sondage_ouvert

Regle = Callable[[AsyncSession, Membre, Any], Awaitable[bool]]


def _sujet(groupe_id: int, maintenant: datetime) -> Sujet:
    return Sujet(groupe_id=groupe_id, texte="Des arbres", propose_le=maintenant)


def _article(groupe_id: int, maintenant: datetime) -> ArticleGroupe:
    return ArticleGroupe(article_id=1, groupe_id=groupe_id)


GENRES: dict[str, tuple[Regle, Callable[[Any, datetime], Any], bool]] = {
    # rule, an object of a group, whether it can belong to the whole assembly
    "seance": (acces.peut_gerer_seance, atelier, True),
    "sondage": (acces.peut_gerer_sondage, sondage_ouvert, True),
    "sujet": (acces.peut_gerer_sujet, _sujet, False),
    "article": (acces.peut_gerer_article, _article, False),
}


@pytest.mark.parametrize("genre", sorted(GENRES))
async def test_un_animateur_gere_ce_qui_est_a_ses_groupes_l_equipe_tout(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe], genre: str
) -> None:
    regle, objet, de_toute_l_assemblee = GENRES[genre]
    env, espace = groupes_config["environnement"], groupes_config["espace-public"]
    maintenant = horloge.maintenant()
    animateur = await avec_role(session, maintenant, Role.ANIMATEUR, [env])
    equipe = await avec_role(session, maintenant, Role.EQUIPE, [])
    membre = await avec_role(session, maintenant, Role.MEMBRE, [env])

    assert await regle(session, animateur, objet(env.id, maintenant))
    assert not await regle(session, animateur, objet(espace.id, maintenant))
    assert not await regle(session, membre, objet(env.id, maintenant))
    assert await regle(session, equipe, objet(espace.id, maintenant))
    if de_toute_l_assemblee:
        assert not await regle(session, animateur, objet(None, maintenant))
        assert await regle(session, equipe, objet(None, maintenant))


async def test_un_animateur_voit_les_personnes_de_ses_groupes_l_equipe_tout_le_monde(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env, espace = groupes_config["environnement"], groupes_config["espace-public"]
    maintenant = horloge.maintenant()
    animateur = await avec_role(session, maintenant, Role.ANIMATEUR, [env])
    equipe = await avec_role(session, maintenant, Role.EQUIPE, [])
    du_groupe = await avec_role(session, maintenant, Role.MEMBRE, [env])
    d_ailleurs = await avec_role(session, maintenant, Role.MEMBRE, [espace])
    assert du_groupe.id is not None and d_ailleurs.id is not None and equipe.id is not None

    assert await acces.membre_vu(session, animateur, du_groupe.id) == du_groupe
    assert await acces.membre_vu(session, animateur, d_ailleurs.id) is None
    assert await acces.membre_vu(session, animateur, equipe.id) is None  # in no group
    assert await acces.membre_vu(session, animateur, 999_999) is None
    assert await acces.membre_vu(session, equipe, d_ailleurs.id) == d_ailleurs
    # A member sees nobody's record, not even a neighbour's.
    assert await acces.membre_vu(session, du_groupe, du_groupe.id) is None
