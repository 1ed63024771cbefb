"""Topics: proposed by members, kept, merged or declined by the group's facilitators, the
member told each time; nobody decides beyond their role."""

from __future__ import annotations

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, sujets
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Envoi, Groupe, Role, StatutSujet, Sujet
from assemblee.sujets import ErreurSujet
from assemblee.textes import Catalogue
from tests.outils.fabriques import membres_actifs

CATALOGUE = Catalogue()


async def test_proposer_previent_les_animateurs_du_groupe(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    (anim,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=8, role=Role.ANIMATEUR
    )
    await membres_actifs(
        session,
        horloge.maintenant(),
        groupes_config["espace-public"],
        1,
        premier_telegram_id=9,
        role=Role.ANIMATEUR,
    )
    sujet = await sujets.proposer(
        session,
        membre=mia,
        texte="  Des fontaines   dans les parcs ",
        maintenant=horloge.maintenant(),
        catalogue=CATALOGUE,
    )
    assert (sujet.texte, sujet.statut, sujet.groupe_id) == (
        "Des fontaines dans les parcs",
        StatutSujet.PROPOSE,
        env.id,
    )
    (avis,) = (await session.exec(select(Envoi))).all()
    assert avis.membre_id == anim.id and "Des fontaines dans les parcs" in avis.texte


async def test_un_groupe_sans_animateur_fait_examiner_ses_sujets_par_l_equipe(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    (equipe,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=7, role=Role.EQUIPE
    )
    await sujets.proposer(
        session,
        membre=mia,
        texte="Des fontaines dans les parcs",
        maintenant=horloge.maintenant(),
        catalogue=CATALOGUE,
    )
    (avis,) = (await session.exec(select(Envoi))).all()
    assert avis.membre_id == equipe.id
    assert await sujets.destinataires(session, env) == ([equipe], True)
    merci = CATALOGUE.pour("fr")("sujet-merci", texte="x", groupe=env.nom, a="equipe")
    assert "transmis à l'équipe" in merci and "pas encore d'animateur" in merci


@pytest.mark.parametrize(
    ("texte", "code"),
    [("", "trop-court"), ("x" * 301, "trop-long"), ("DES FONTAINES dans les parcs", "doublon")],
)
async def test_propositions_refusees(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    texte: str,
    code: str,
) -> None:
    (mia,) = await membres_actifs(session, horloge.maintenant(), groupes_config["environnement"], 1)
    await sujets.proposer(
        session,
        membre=mia,
        texte="Des fontaines dans les parcs",
        maintenant=horloge.maintenant(),
        catalogue=CATALOGUE,
    )
    with pytest.raises(ErreurSujet) as erreur:
        await sujets.proposer(
            session, membre=mia, texte=texte, maintenant=horloge.maintenant(), catalogue=CATALOGUE
        )
    assert erreur.value.code == code
    assert len((await session.exec(select(Sujet))).all()) == 1


async def test_retenir_fusionner_decliner_et_le_membre_le_sait(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    mia, leo = await membres_actifs(session, horloge.maintenant(), env, 2)
    (anim,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=8, role=Role.ANIMATEUR
    )
    (autre,) = await membres_actifs(
        session,
        horloge.maintenant(),
        groupes_config["espace-public"],
        1,
        premier_telegram_id=9,
        role=Role.ANIMATEUR,
    )
    m = horloge.maintenant()
    a = await sujets.proposer(
        session, membre=mia, texte="Des cours oasis", maintenant=m, catalogue=CATALOGUE
    )
    b = await sujets.proposer(
        session,
        membre=leo,
        texte="Végétaliser les cours d'école",
        maintenant=m,
        catalogue=CATALOGUE,
    )
    c = await sujets.proposer(
        session, membre=leo, texte="Un parking de plus", maintenant=m, catalogue=CATALOGUE
    )

    for tentative in (
        sujets.accepter(
            session, a, auteur=journal.par_le_bot(mia), maintenant=m, catalogue=CATALOGUE
        ),  # a plain member
        sujets.accepter(
            session, a, auteur=journal.par_le_bot(autre), maintenant=m, catalogue=CATALOGUE
        ),  # another group
    ):
        with pytest.raises(ErreurSujet) as erreur:
            await tentative
        assert erreur.value.code == "interdit"
    await sujets.accepter(
        session, a, auteur=journal.par_le_bot(anim), maintenant=m, catalogue=CATALOGUE
    )
    await sujets.fusionner(
        session, b, a, auteur=journal.par_le_bot(anim), maintenant=m, catalogue=CATALOGUE
    )
    with pytest.raises(ErreurSujet):
        await sujets.decliner(
            session,
            c,
            auteur=journal.par_le_bot(anim),
            raison="  ",
            maintenant=m,
            catalogue=CATALOGUE,
        )
    await sujets.decliner(
        session,
        c,
        auteur=journal.par_le_bot(anim),
        raison="Hors des compétences de la Ville.",
        maintenant=m,
        catalogue=CATALOGUE,
    )
    with pytest.raises(ErreurSujet) as erreur:
        await sujets.accepter(
            session, c, auteur=journal.par_le_bot(anim), maintenant=m, catalogue=CATALOGUE
        )
    assert erreur.value.code == "deja-decide"

    assert [s.texte for s in await sujets.du_groupe(session, env.id or 0)] == ["Des cours oasis"]
    decisions = {
        e.membre_id: e.texte
        for e in (
            await session.exec(select(Envoi).where(col(Envoi.cle).startswith("sujet-decision:")))
        ).all()
    }
    assert "est retenu" in decisions[mia.id]
    messages_leo = [
        e.texte for e in (await session.exec(select(Envoi).where(Envoi.membre_id == leo.id))).all()
    ]
    assert any(
        "rejoint un sujet proche déjà retenu : « Des cours oasis »" in t for t in messages_leo
    )
    assert any(
        "n'est pas retenu pour l'instant : Hors des compétences de la Ville." in t
        for t in messages_leo
    )
