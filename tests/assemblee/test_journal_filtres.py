"""The audit log's filter choices: the kinds of object and the authors found in it."""

from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Groupe, Role
from tests.outils.fabriques import membres_actifs


async def test_objets_et_auteurs_du_journal(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    maintenant = horloge.maintenant()
    sam, lea, camille = await membres_actifs(
        session, maintenant, groupes_config["environnement"], 3, role=Role.EQUIPE
    )
    assert await journal.objets(session) == [] and await journal.auteurs(session) == []
    for par, objet in ((sam, "seance"), (lea, "membre"), (sam, "membre"), (None, "")):
        journal.noter(
            session,
            origine=journal.ORIGINE_CONSOLE if par else journal.ORIGINE_CLI,
            par=par,
            action="role",
            objet=objet,
            objet_id=1,
            maintenant=maintenant,
            membre=camille,
        )
    await session.commit()
    assert await journal.objets(session) == ["membre", "seance"]
    # Only the people who made a change, each once; camille was only concerned.
    assert await journal.auteurs(session) == [
        (sam.id, "Test Membre00000"),
        (lea.id, "Test Membre00001"),
    ]
    lues = await journal.lire(session, filtre=journal.Filtre(par_id=sam.id))
    assert [(ligne.par, ligne.entree.objet) for ligne in lues] == [
        ("Test Membre00000", "membre"),
        ("Test Membre00000", "seance"),
    ]
