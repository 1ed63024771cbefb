"""Answers to a convocation (oui / non / peut-être, an optional reason for "non"), the table
facilitators read, and the nudge to those who have not answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, journal, seances
from assemblee.envois import ClavierReponse, Contenu, NouvelEnvoi
from assemblee.modeles import ChoixReponse, Membre, RaisonAbsence, Reponse, Seance
from assemblee.textes import Catalogue, joindre
from config.reglages import Reglages
from rappels.messages import carte, ligne_reponse
from rappels.taches import joignables, nom_groupe


class Refus(StrEnum):
    INCONNUE = "inconnue"  # no such séance (a forged button)
    ANNULEE = "annulee"
    COMMENCEE = "commencee"  # answers close at the start
    NON_CONVOQUE = "non-convoque"
    SANS_NON = "sans-non"  # a reason is only for "non"


async def _verifier(
    session: AsyncSession, seance_id: int, membre: Membre, maintenant: datetime
) -> Seance | Refus:
    seance = await session.get(Seance, seance_id)
    if seance is None:
        return Refus.INCONNUE
    if seance.annulee_le is not None:
        return Refus.ANNULEE
    if seance.debut <= maintenant:
        return Refus.COMMENCEE
    if not await seances.est_convoque(session, seance, membre):
        return Refus.NON_CONVOQUE
    return seance


async def repondre(
    session: AsyncSession,
    *,
    seance_id: int,
    membre: Membre,
    choix: ChoixReponse,
    maintenant: datetime,
) -> Seance | Refus:
    """Record or change an answer; refused (and nothing written) after the start, for a
    cancelled séance, or for someone not convened."""
    seance = await _verifier(session, seance_id, membre, maintenant)
    if isinstance(seance, Refus):
        return seance
    reponse = await session.get(Reponse, (seance_id, membre.id))
    if reponse is None:
        reponse = Reponse(
            seance_id=seance_id, membre_id=membre.id or 0, choix=choix, repondu_le=maintenant
        )
    if reponse.choix != choix:
        reponse.raison = None  # a reason belongs to a "non"
    reponse.choix = choix
    reponse.repondu_le = maintenant
    session.add(reponse)
    await session.commit()
    return seance


async def donner_raison(
    session: AsyncSession,
    *,
    seance_id: int,
    membre: Membre,
    raison: RaisonAbsence,
    maintenant: datetime,
) -> Seance | Refus:
    seance = await _verifier(session, seance_id, membre, maintenant)
    if isinstance(seance, Refus):
        return seance
    reponse = await session.get(Reponse, (seance_id, membre.id))
    if reponse is None or reponse.choix != ChoixReponse.NON:
        return Refus.SANS_NON
    reponse.raison = raison
    session.add(reponse)
    await session.commit()
    return seance


async def reponse_de(session: AsyncSession, seance_id: int, membre: Membre) -> ChoixReponse | None:
    reponse = await session.get(Reponse, (seance_id, membre.id))
    return reponse.choix if reponse else None


@dataclass
class Tableau:
    """Who said what, for facilitators and staff."""

    oui: list[Membre] = field(default_factory=list)
    peut_etre: list[Membre] = field(default_factory=list)
    non: list[tuple[Membre, RaisonAbsence | None]] = field(default_factory=list)
    sans_reponse: list[Membre] = field(default_factory=list)


async def tableau(session: AsyncSession, seance: Seance) -> Tableau:
    lignes = {
        r.membre_id: r
        for r in (await session.exec(select(Reponse).where(Reponse.seance_id == seance.id))).all()
    }
    resultat = Tableau()
    for membre in await seances.convoques(session, seance):
        reponse = lignes.get(membre.id or 0)
        if reponse is None:
            resultat.sans_reponse.append(membre)
        elif reponse.choix == ChoixReponse.OUI:
            resultat.oui.append(membre)
        elif reponse.choix == ChoixReponse.PEUT_ETRE:
            resultat.peut_etre.append(membre)
        else:
            resultat.non.append((membre, reponse.raison))
    return resultat


def relance_possible(seance: Seance, maintenant: datetime) -> bool:
    """A nudge asks for an answer: only while answers are taken (not cancelled, not begun)."""
    return seance.annulee_le is None and seance.debut > maintenant


async def relancer(
    session: AsyncSession,
    seance: Seance,
    *,
    maintenant: datetime,
    reglages: Reglages,
    catalogue: Catalogue,
    auteur: journal.Auteur,
) -> int:
    """Nudge the convened members who have not answered (once a day at most each).
    Returns how many were nudged."""
    assert seance.id is not None
    sans = joignables((await tableau(session, seance)).sans_reponse)
    groupe = await nom_groupe(session, seance)
    jour = maintenant.astimezone(reglages.fuseau).date().isoformat()
    nouveaux = []
    for membre in sans:
        t = catalogue.pour(membre.langue)
        tete = joindre([t("relance-reponse"), carte(seance, groupe, t, reglages.fuseau)])
        texte = joindre([tete, ligne_reponse(None, t)], "\n\n")
        nouveaux.append(
            NouvelEnvoi(
                cle=f"relance:{seance.id}:{membre.id}:{jour}",
                membre_id=membre.id or 0,
                contenu=Contenu(
                    texte=texte, clavier=ClavierReponse(seance_id=seance.id, langue=membre.langue)
                ),
                du_le=maintenant,
                expire_le=seance.debut,
            )
        )
    ajoutes = await envois.mettre_en_file_lot(session, nouveaux)
    if ajoutes:
        journal.noter_par(
            session,
            auteur,
            action="relance",
            objet="seance",
            objet_id=seance.id,
            apres=f"{ajoutes} relance(s)",
            maintenant=maintenant,
        )
    await session.commit()
    return ajoutes
