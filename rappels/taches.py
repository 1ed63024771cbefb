"""The reminders tick, run every minute by the scheduler: it reads the database, decides, and
queues Envoi rows (the outbox sends them). It holds no state: restarting loses nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, seances
from assemblee.dates import date_longue
from assemblee.envois import ClavierReponse, Contenu, NouvelEnvoi
from assemblee.modeles import (
    ChoixReponse,
    EcheanceRappel,
    Envoi,
    Groupe,
    Membre,
    NatureEnvoi,
    Reponse,
    Seance,
    StatutEnvoi,
    StatutMembre,
)
from assemblee.textes import Catalogue, Html, Traducteur, joindre, relu
from config.reglages import Reglages
from rappels import echeances
from rappels.messages import carte, creneau, ligne_reponse, texte_rappel

# A change told less than this before the start goes out even during quiet hours.
URGENCE_CHANGEMENT = timedelta(hours=12)


def joignables(membres: Sequence[Membre]) -> list[Membre]:
    """Those the bot can write to: linked to Telegram, consented, not known unreachable."""
    return [
        m
        for m in membres
        if m.telegram_id is not None and m.a_consenti and m.statut == StatutMembre.ACTIF
    ]


async def reponses(session: AsyncSession, seance_id: int) -> dict[int, ChoixReponse]:
    lignes = (await session.exec(select(Reponse).where(Reponse.seance_id == seance_id))).all()
    return {r.membre_id: r.choix for r in lignes}


async def nom_groupe(session: AsyncSession, seance: Seance) -> str | None:
    if seance.groupe_id is None:
        return None
    groupe = await session.get(Groupe, seance.groupe_id)
    return groupe.nom if groupe else None


async def deja_prevenus(session: AsyncSession, seance_id: int) -> set[int]:
    """The members already queued a message about this séance: a reminder, a change notice
    or a nudge (each key starts with its kind, then the séance, then the member)."""
    prefixes = [f"{genre}:{seance_id}:" for genre in ("rappel", "changement", "relance")]
    lignes = await session.exec(
        select(Envoi.cle).where(sa.or_(*(col(Envoi.cle).startswith(p) for p in prefixes)))
    )
    return {int(cle.split(":")[2]) for cle in lignes.all()}


@dataclass
class Bilan:
    rappels: int = 0
    changements: int = 0


async def tick(
    session: AsyncSession, *, maintenant: datetime, reglages: Reglages, catalogue: Catalogue
) -> Bilan:
    """Queue the reminders that are due and the changes still to be told."""
    bilan = Bilan()
    a_annoncer = (await session.exec(select(Seance).where(col(Seance.changement_a_annoncer)))).all()
    for seance in a_annoncer:
        bilan.changements += await annoncer_changement(
            session, seance, maintenant=maintenant, reglages=reglages, catalogue=catalogue
        )
    decalages = echeances.lire_decalages(reglages.rappels, reglages.rappels_si_confirme)
    prochaines = (
        await session.exec(
            select(Seance)
            .where(col(Seance.annulee_le).is_(None))
            .where(col(Seance.debut) > maintenant)
            .where(col(Seance.debut) <= maintenant + echeances.horizon(decalages))
            .order_by(col(Seance.debut), col(Seance.id))  # the soonest séance's members first
        )
    ).all()
    faites: set[tuple[int | None, str, datetime]] = set()
    if prochaines:
        faites = {
            (e.seance_id, e.decalage, e.debut)
            for e in (
                await session.exec(
                    select(EcheanceRappel).where(
                        col(EcheanceRappel.seance_id).in_([s.id for s in prochaines])
                    )
                )
            ).all()
        }
    for seance in prochaines:
        courant = echeances.decalage_courant(
            seance.debut, decalages, maintenant, reglages.heures_calmes, reglages.fuseau
        )
        if courant is None or (seance.id, courant[0].code, seance.debut) in faites:
            continue
        bilan.rappels += await _rappeler(
            session, seance, *courant, maintenant=maintenant, reglages=reglages, catalogue=catalogue
        )
        # One séance's round at a time: SQLite's write lock is never held for the whole tick,
        # and each round (its messages and its record) stays all or nothing.
        await session.commit()
    await session.commit()
    return bilan


async def _rappeler(
    session: AsyncSession,
    seance: Seance,
    decalage: echeances.Decalage,
    du_le: datetime,
    *,
    maintenant: datetime,
    reglages: Reglages,
    catalogue: Catalogue,
) -> int:
    assert seance.id is not None
    destinataires = joignables(await seances.convoques(session, seance))
    deja = await reponses(session, seance.id)
    if decalage.si_confirme:
        # A late round (2 h) is for those coming; but a convened member who was never told
        # of the séance (created or moved inside the window, added late) gets it anyway: it
        # is their convocation, and without it they would learn of the séance from no one.
        voulus = {ChoixReponse.OUI, ChoixReponse.PEUT_ETRE}
        prevenus = await deja_prevenus(session, seance.id)
        destinataires = [
            m
            for m in destinataires
            if deja.get(m.id or 0) in voulus or (m.id not in deja and m.id not in prevenus)
        ]
    groupe = await nom_groupe(session, seance)
    envoye_vers = max(du_le, maintenant)
    # The text depends only on the language and the answer already given: render it once
    # for each, not once per member (a plenary reaches a hundred members).
    rendus: dict[tuple[str, ChoixReponse | None], Html] = {}
    nouveaux = []
    for membre in destinataires:
        reponse = deja.get(membre.id or 0)
        cle_rendu = (membre.langue.value, reponse)
        if cle_rendu not in rendus:
            t = catalogue.pour(membre.langue)
            rendus[cle_rendu] = texte_rappel(
                seance, groupe, envoye_vers, reponse, t, reglages.fuseau
            )
        nouveaux.append(
            NouvelEnvoi(
                cle=f"rappel:{seance.id}:{membre.id}:{decalage.code}:{int(seance.debut.timestamp())}",
                membre_id=membre.id or 0,
                contenu=Contenu(
                    texte=rendus[cle_rendu],
                    clavier=ClavierReponse(seance_id=seance.id, langue=membre.langue),
                ),
                du_le=du_le,
                expire_le=seance.debut,  # never after the start
            )
        )
    await envois.mettre_en_file_lot(session, nouveaux)
    session.add(
        EcheanceRappel(
            seance_id=seance.id,
            decalage=decalage.code,
            debut=seance.debut,
            faite_le=maintenant,
            rappels=len(nouveaux),
        )
    )
    return len(nouveaux)


async def annoncer_changement(
    session: AsyncSession,
    seance: Seance,
    *,
    maintenant: datetime,
    reglages: Reglages,
    catalogue: Catalogue,
) -> int:
    """Tell the convened members at once that a séance moved or is cancelled. The notice
    stands for the reminder currently due, so members don't get both at the same minute."""
    assert seance.id is not None
    seance.changement_a_annoncer = False
    avant = seances.avant_changement(seance)
    seances.oublier_avant(seance)
    session.add(seance)
    if (
        seance.annulee_le is None
        and avant is not None
        and not seances.changement_depuis(seance, avant).a_annoncer
    ):
        return 0  # changed, then changed back before anyone was told: nothing to say
    destinataires = joignables(await seances.convoques(session, seance))
    deja = await reponses(session, seance.id)
    groupe = await nom_groupe(session, seance)
    urgent = seance.debut - maintenant < URGENCE_CHANGEMENT
    rendus: dict[tuple[str, ChoixReponse | None], Html] = {}
    nouveaux = []
    for membre in destinataires:
        reponse = deja.get(membre.id or 0)
        cle_rendu = (membre.langue.value, reponse)
        if cle_rendu not in rendus:
            rendus[cle_rendu] = _notice(
                seance, avant, groupe, reponse, catalogue.pour(membre.langue), reglages
            )
        # A cancelled séance has nothing left to answer: its notice comes without buttons.
        clavier = (
            ClavierReponse(seance_id=seance.id, langue=membre.langue)
            if seance.annulee_le is None
            else None
        )
        nouveaux.append(
            NouvelEnvoi(
                cle=f"changement:{seance.id}:{membre.id}:v{seance.version}",
                membre_id=membre.id or 0,
                contenu=Contenu(texte=rendus[cle_rendu], clavier=clavier),
                du_le=maintenant,
                urgent=urgent,
                expire_le=seance.fin,
            )
        )
    await envois.mettre_en_file_lot(session, nouveaux)
    if seance.annulee_le is None:
        await _marquer_courant_fait(session, seance, maintenant=maintenant, reglages=reglages)
    else:
        await _barrer_les_messages(session, seance, maintenant=maintenant, catalogue=catalogue)
    return len(nouveaux)


async def _barrer_les_messages(
    session: AsyncSession, seance: Seance, *, maintenant: datetime, catalogue: Catalogue
) -> None:
    """A cancelled séance's earlier messages with answer buttons (reminders, change notices,
    nudges) are edited to say it is cancelled, their buttons gone. An edit wakes no one, so it
    goes at once, quiet hours or not."""
    prefixes = [f"{genre}:{seance.id}:" for genre in ("rappel", "changement", "relance")]
    envoyes = (
        await session.exec(
            select(Envoi, Membre.langue)
            .join(Membre, col(Membre.id) == col(Envoi.membre_id))
            .where(sa.or_(*(col(Envoi.cle).startswith(p) for p in prefixes)))
            .where(col(Envoi.statut) == StatutEnvoi.ENVOYE)
            .where(col(Envoi.telegram_message_id).is_not(None))
            .where(col(Envoi.clavier).is_not(None))
            .where(col(Envoi.nature) == NatureEnvoi.TEXTE)
        )
    ).all()
    modifications = []
    for envoi, langue in envoyes:
        # Every such message ends with the answer line: it becomes the cancellation.
        corps = envoi.texte.rsplit("\n", 1)[0]
        texte = joindre([relu(corps), catalogue.pour(langue)("seance-annulee-ligne")])
        modifications.append(
            NouvelEnvoi(
                cle=f"barre:{envoi.id}",
                membre_id=envoi.membre_id,
                contenu=Contenu(
                    texte=texte, nature=NatureEnvoi.MODIFICATION, modifie=envoi.telegram_message_id
                ),
                du_le=maintenant,
                urgent=True,
            )
        )
    await envois.mettre_en_file_lot(session, modifications)


def _notice(
    seance: Seance,
    avant: seances.Avant | None,
    groupe: str | None,
    reponse: ChoixReponse | None,
    t: Traducteur,
    reglages: Reglages,
) -> Html:
    """A change notice saying what changed, from what to what (it goes with the answer
    buttons), or a cancellation notice."""
    if seance.annulee_le is not None:
        date = date_longue(seance.debut, reglages.fuseau, t.langue)
        return t("seance-annulee", titre=seance.titre, date=date)
    lignes = [t("seance-changee", quoi="autre")]
    if avant is not None:
        changement = seances.changement_depuis(seance, avant)
        lignes = [t("seance-changee", quoi=_quoi(changement))]
        if changement.horaire:
            lignes.append(
                t(
                    "changement-horaire",
                    avant=creneau(avant.debut, avant.fin, t, reglages.fuseau),
                    apres=creneau(seance.debut, seance.fin, t, reglages.fuseau),
                )
            )
        if changement.adresse:
            lignes.append(
                t(
                    "changement-lieu",
                    avant=avant.lieu or t("changement-aucun"),
                    apres=seance.lieu or t("changement-aucun"),
                )
            )
        if changement.lien:
            etat = (
                "ajoute" if avant.lien is None else ("retire" if seance.lien is None else "change")
            )
            lignes.append(t("changement-lien", etat=etat))
    return joindre(
        [joindre(lignes), carte(seance, groupe, t, reglages.fuseau), ligne_reponse(reponse, t)],
        "\n\n",
    )


def _quoi(changement: seances.Changement) -> str:
    """The heading's selector: "horaire", "lieu", "lien", or "horaire-lieu"."""
    if changement.horaire:
        return "horaire-lieu" if changement.lieu else "horaire"
    if changement.adresse:
        return "lieu"
    return "lien"


async def _marquer_courant_fait(
    session: AsyncSession, seance: Seance, *, maintenant: datetime, reglages: Reglages
) -> None:
    decalages = echeances.lire_decalages(reglages.rappels, reglages.rappels_si_confirme)
    courant = echeances.decalage_courant(
        seance.debut, decalages, maintenant, reglages.heures_calmes, reglages.fuseau
    )
    if courant is None:
        return
    cle = (seance.id, courant[0].code, seance.debut)
    if await session.get(EcheanceRappel, cle) is None:
        session.add(
            EcheanceRappel(
                seance_id=seance.id or 0,
                decalage=courant[0].code,
                debut=seance.debut,
                faite_le=maintenant,
            )
        )
