"""Topics (sujets): members propose, facilitators of the group (or staff) accept, merge into a
duplicate or decline with a reason the member receives. Accepted topics feed the polls."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import acces, envois, journal, membres
from assemblee.envois import Contenu, NouvelEnvoi
from assemblee.groupes import normaliser
from assemblee.modeles import Groupe, Membre, Role, StatutSujet, Sujet
from assemblee.textes import Catalogue

LONGUEUR_MIN = 5
LONGUEUR_MAX = 300
LONGUEUR_MAX_RAISON = 300


class ErreurSujet(Exception):
    """`code` names the catalogue text (key "sujet-erreur", selector)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


async def groupe_du_membre(session: AsyncSession, membre: Membre) -> Groupe | None:
    groupes = await membres.groupes_de(session, membre)
    return groupes[0] if groupes else None


async def proposer(
    session: AsyncSession,
    *,
    membre: Membre,
    texte: str,
    maintenant: datetime,
    catalogue: Catalogue,
) -> Sujet:
    """A member proposes a topic for their group; its facilitators are told."""
    texte = " ".join(texte.split())
    if len(texte) < LONGUEUR_MIN:
        raise ErreurSujet("trop-court")
    if len(texte) > LONGUEUR_MAX:
        raise ErreurSujet("trop-long")
    groupe = await groupe_du_membre(session, membre)
    if groupe is None:
        raise ErreurSujet("sans-groupe")
    cle = normaliser(texte)
    existants = (
        await session.exec(
            select(Sujet)
            .where(Sujet.groupe_id == groupe.id)
            .where(col(Sujet.statut).in_([StatutSujet.PROPOSE, StatutSujet.ACCEPTE]))
        )
    ).all()
    if any(normaliser(s.texte) == cle for s in existants):
        raise ErreurSujet("doublon")
    sujet = Sujet(
        groupe_id=groupe.id or 0, texte=texte, propose_par_id=membre.id, propose_le=maintenant
    )
    session.add(sujet)
    await session.flush()
    await _prevenir_animateurs(session, sujet, groupe, membre, maintenant, catalogue)
    await session.commit()
    return sujet


async def destinataires(session: AsyncSession, groupe: Groupe) -> tuple[list[Membre], bool]:
    """Who examines the group's proposals: its facilitators, or the staff while the group has
    none (True when it falls to the staff), so that a proposal never reaches nobody."""
    fiches = [f for f in await membres.lister(session) if membres.est_actif(f.membre)]
    animateurs = [
        f.membre for f in fiches if f.membre.role == Role.ANIMATEUR and groupe in f.groupes
    ]
    if animateurs:
        return animateurs, False
    return [f.membre for f in fiches if f.membre.role == Role.EQUIPE], True


async def _prevenir_animateurs(
    session: AsyncSession,
    sujet: Sujet,
    groupe: Groupe,
    auteur: Membre,
    maintenant: datetime,
    catalogue: Catalogue,
) -> None:
    animateurs, _ = await destinataires(session, groupe)
    await envois.mettre_en_file_lot(
        session,
        [
            NouvelEnvoi(
                cle=f"sujet-propose:{sujet.id}:{a.id}",
                membre_id=a.id or 0,
                contenu=Contenu(
                    texte=catalogue.pour(a.langue)(
                        "sujet-a-examiner",
                        texte=sujet.texte,
                        auteur=auteur.nom_complet,
                        groupe=groupe.nom,
                    )
                ),
                du_le=maintenant,
            )
            for a in animateurs
        ],
    )


async def par_id(session: AsyncSession, sujet_id: int) -> Sujet | None:
    return await session.get(Sujet, sujet_id)


async def du_groupe(
    session: AsyncSession, groupe_id: int, statuts: tuple[StatutSujet, ...] = (StatutSujet.ACCEPTE,)
) -> list[Sujet]:
    requete = (
        select(Sujet)
        .where(Sujet.groupe_id == groupe_id)
        .where(col(Sujet.statut).in_(statuts))
        .order_by(col(Sujet.propose_le), col(Sujet.id))
    )
    return list((await session.exec(requete)).all())


_ACTIONS = {
    StatutSujet.ACCEPTE: "sujet-accepte",
    StatutSujet.DECLINE: "sujet-decline",
    StatutSujet.FUSIONNE: "sujet-fusionne",
}


async def _decider(
    session: AsyncSession,
    sujet: Sujet,
    *,
    auteur: journal.Auteur,
    statut: StatutSujet,
    maintenant: datetime,
    catalogue: Catalogue,
    raison: str | None = None,
    cible: Sujet | None = None,
) -> Sujet:
    par = auteur.par
    if par is not None and not await acces.peut_gerer_sujet(session, par, sujet):
        raise ErreurSujet("interdit")
    if sujet.statut != StatutSujet.PROPOSE:
        raise ErreurSujet("deja-decide")
    sujet.statut = statut
    sujet.decide_par_id = par.id if par else None
    sujet.decide_le = maintenant
    sujet.raison = raison
    sujet.fusionne_dans_id = cible.id if cible else None
    session.add(sujet)
    proposeur = await session.get(Membre, sujet.propose_par_id) if sujet.propose_par_id else None
    journal.noter_par(
        session,
        auteur,
        action=_ACTIONS[statut],
        objet="sujet",
        objet_id=sujet.id,
        membre=proposeur,
        avant=StatutSujet.PROPOSE.value,
        apres=journal.decrire(
            {"statut": statut, "raison": raison, "dans": cible.id if cible else None}
        ),
        maintenant=maintenant,
    )
    if proposeur is not None and membres.est_actif(proposeur):
        t = catalogue.pour(proposeur.langue)
        texte = t(
            "sujet-decision",
            decision=statut.value,
            texte=sujet.texte,
            raison=raison or "",
            cible=cible.texte if cible else "",
        )
        await envois.mettre_en_file_lot(
            session,
            [
                NouvelEnvoi(
                    cle=f"sujet-decision:{sujet.id}",
                    membre_id=proposeur.id or 0,
                    contenu=Contenu(texte=texte),
                    du_le=maintenant,
                )
            ],
        )
    await session.commit()
    return sujet


async def accepter(
    session: AsyncSession,
    sujet: Sujet,
    *,
    auteur: journal.Auteur,
    maintenant: datetime,
    catalogue: Catalogue,
) -> Sujet:
    return await _decider(
        session,
        sujet,
        auteur=auteur,
        statut=StatutSujet.ACCEPTE,
        maintenant=maintenant,
        catalogue=catalogue,
    )


async def decliner(
    session: AsyncSession,
    sujet: Sujet,
    *,
    auteur: journal.Auteur,
    raison: str,
    maintenant: datetime,
    catalogue: Catalogue,
) -> Sujet:
    raison = " ".join(raison.split())
    if not raison:
        raise ErreurSujet("raison-vide")
    if len(raison) > LONGUEUR_MAX_RAISON:
        raise ErreurSujet("raison-longue")
    return await _decider(
        session,
        sujet,
        auteur=auteur,
        statut=StatutSujet.DECLINE,
        maintenant=maintenant,
        catalogue=catalogue,
        raison=raison,
    )


async def fusionner(
    session: AsyncSession,
    sujet: Sujet,
    cible: Sujet,
    *,
    auteur: journal.Auteur,
    maintenant: datetime,
    catalogue: Catalogue,
) -> Sujet:
    """The topic duplicates an accepted one of the same group: it joins it."""
    if cible.groupe_id != sujet.groupe_id or cible.statut != StatutSujet.ACCEPTE:
        raise ErreurSujet("cible-invalide")
    return await _decider(
        session,
        sujet,
        auteur=auteur,
        statut=StatutSujet.FUSIONNE,
        maintenant=maintenant,
        catalogue=catalogue,
        cible=cible,
    )
