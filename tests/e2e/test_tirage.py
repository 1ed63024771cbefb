"""The renewal draw through the real bot and the local Bot API: a resident volunteers through
the campaign's link, one question per message, checks, edits and withdraws; a drawn volunteer
is offered a seat and accepts (becoming a member) or declines (the reserve is called); a
forged seat button does nothing; staff follow the campaign with /tirage; members whose mandate
ends are thanked on the renewal date. Volunteers are synthetic, never real people."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlmodel import col, func, select

from assemblee import campagnes
from assemblee.modeles import (
    Campagne,
    EtatConversation,
    EtatSiege,
    Langue,
    Membre,
    Role,
    Siege,
    StatutMembre,
    Volontaire,
)
from commandes import candidatures
from commandes.candidatures import ChoixSiege, SiegeCb
from tests.outils.banc import Banc

ZOE = 3001
OUVERTURE = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)  # the bench's clock: 25 November 2026
CLOTURE = datetime(2026, 12, 20, 23, 0, tzinfo=UTC)
RENOUVELLEMENT = datetime(2027, 2, 1, 8, 0, tzinfo=UTC)
SUPPRESSION = datetime(2027, 6, 30, 8, 0, tzinfo=UTC)
CIBLES = """
sieges = 6
algorithme = "maximin"

[categories.genre]
femme = { min = 2, max = 4 }
homme = { min = 2, max = 4 }
"""


async def _campagne(banc: Banc) -> Campagne:
    async with banc.app.sessions() as session:
        return await campagnes.creer(
            session,
            slug="r2027",
            nom="Renouvellement 2027",
            ouverture=OUVERTURE,
            cloture=CLOTURE,
            renouvellement_le=RENOUVELLEMENT,
            suppression_le=SUPPRESSION,
            delai_reponse_jours=7,
            maintenant=banc.horloge.maintenant(),
        )


async def _volontaires(banc: Banc) -> list[Volontaire]:
    async with banc.app.sessions() as session:
        return list((await session.exec(select(Volontaire).order_by(Volontaire.id))).all())


async def _inscrire_zoe(banc: Banc) -> None:
    zoe = banc.utilisateur(ZOE, "Zoé")
    (notice,) = await zoe.envoyer("/start candidater-r2027")
    await zoe.cliquer(notice, "J'accepte")
    await zoe.envoyer("Zoé")
    (genre,) = await zoe.envoyer("Durand")
    await zoe.cliquer(genre, "Femme")
    (diplome,) = await zoe.envoyer("1975")
    await zoe.cliquer(diplome, "Baccalauréat")
    arrondissement = zoe.dernier_message
    assert arrondissement is not None
    await zoe.cliquer(arrondissement, "11e")
    contact = zoe.dernier_message
    assert contact is not None
    await zoe.cliquer(contact, "Ici, sur Telegram")
    recapitulatif = zoe.dernier_message
    assert recapitulatif is not None
    await zoe.cliquer(recapitulatif, "Confirmer mon inscription")


async def test_une_habitante_s_inscrit_question_par_question(banc: Banc) -> None:
    await _campagne(banc)
    zoe = banc.utilisateur(ZOE, "Zoé")

    (notice,) = await zoe.envoyer("/start candidater-r2027")
    for sujet in ("Ce que je garde", "uniquement pour ce tirage", "effacées le", "/candidature"):
        assert sujet in notice.texte_visible
    assert "30 juin 2027" in notice.texte_visible  # the deletion date, told before anything
    await zoe.cliquer(notice, "J'accepte")
    assert zoe.dernier_message is not None
    assert "Quel est votre prénom" in zoe.dernier_message.texte_visible

    (question,) = await zoe.envoyer("Zoé")
    assert "nom de famille" in question.texte_visible
    (genre,) = await zoe.envoyer("Durand")
    assert [b.texte for rangee in genre.boutons for b in rangee][:2] == ["Femme", "Homme"]
    (rappel,) = await zoe.envoyer("femme")  # typed instead of tapped
    assert "boutons" in rappel.texte_visible
    await zoe.cliquer(genre, "Femme")
    assert zoe.message(genre.message_id).boutons == []  # answered: no second tap

    (erreur,) = await zoe.envoyer("75")
    assert "quatre chiffres" in erreur.texte_visible
    (erreur,) = await zoe.envoyer("2015")
    assert "16 ans en 2027" in erreur.texte_visible
    (diplome,) = await zoe.envoyer("1975")
    await zoe.cliquer(diplome, "Baccalauréat")
    arrondissement = zoe.dernier_message
    assert arrondissement is not None and "arrondissement" in arrondissement.texte_visible
    assert len([b for rangee in arrondissement.boutons for b in rangee]) == 20
    await zoe.cliquer(arrondissement, "11e")
    (erreur,) = await zoe.envoyer("demain")
    assert "numéro de téléphone" in erreur.texte_visible
    (recapitulatif,) = await zoe.envoyer("06 12 34 56 78")
    for ligne in ("Prénom : Zoé", "Nom : Durand", "Né·e en : 1975", "Arrondissement : 11e"):
        assert ligne in recapitulatif.texte_visible
    assert await _volontaires(banc) == []  # nothing kept before the confirmation

    await zoe.cliquer(recapitulatif, "Confirmer mon inscription")
    assert zoe.dernier_message is not None
    assert "vous êtes inscrit·e" in zoe.dernier_message.texte_visible
    (v,) = await _volontaires(banc)
    assert (v.prenom, v.nom, v.genre, v.annee_naissance) == ("Zoé", "Durand", "femme", 1975)
    assert (v.age, v.diplome, v.arrondissement) == ("40-54", "bac", "11")
    assert v.contact == "06 12 34 56 78" and v.telegram_id == ZOE and v.origine == "bot"
    # A volunteer is not a member: none of the members' commands.
    (reponse,) = await zoe.envoyer("/agenda")
    assert "Je réponds seulement à ses membres" in reponse.texte_visible
    async with banc.app.sessions() as session:
        assert (await session.exec(select(func.count()).select_from(Membre))).one() == 0


async def test_un_nom_geant_est_refuse_sans_rien_perdre(banc: Banc) -> None:
    await _campagne(banc)
    zoe = banc.utilisateur(ZOE, "Zoé")
    (notice,) = await zoe.envoyer("/start candidater-r2027")
    await zoe.cliquer(notice, "J'accepte")
    (erreur,) = await zoe.envoyer("Z" * 4000)
    assert "au plus 100 caractères" in erreur.texte_visible
    (question,) = await zoe.envoyer("Zoé")  # the form goes on where it was
    assert "nom de famille" in question.texte_visible


async def test_modifier_une_reponse_puis_se_retirer(banc: Banc) -> None:
    await _campagne(banc)
    await _inscrire_zoe(banc)
    zoe = banc.utilisateur(ZOE, "Zoé")

    (recapitulatif,) = await zoe.envoyer("/candidature")
    assert "Votre inscription au tirage « Renouvellement 2027 »" in recapitulatif.texte_visible
    await zoe.cliquer(recapitulatif, "Arrondissement")
    question = zoe.dernier_message
    assert question is not None
    await zoe.cliquer(question, "12e")
    recapitulatif = zoe.dernier_message
    assert recapitulatif is not None and "Arrondissement : 12e" in recapitulatif.texte_visible
    (v,) = await _volontaires(banc)
    assert v.arrondissement == "12"  # saved at once

    await zoe.cliquer(recapitulatif, "Me retirer du tirage")
    confirmation = zoe.dernier_message
    assert confirmation is not None
    await zoe.cliquer(confirmation, "Oui, me retirer")
    assert zoe.dernier_message is not None
    assert "vos réponses sont effacées" in zoe.dernier_message.texte_visible
    assert await _volontaires(banc) == []
    (reponse,) = await zoe.envoyer("/candidature")
    assert "aucun tirage" in reponse.texte_visible


async def test_apres_la_cloture_on_ne_modifie_plus_mais_on_peut_se_retirer(banc: Banc) -> None:
    await _campagne(banc)
    await _inscrire_zoe(banc)
    banc.horloge.regler(CLOTURE + timedelta(minutes=1))
    zoe = banc.utilisateur(ZOE, "Zoé")
    (recapitulatif,) = await zoe.envoyer("/candidature")
    reponse = await zoe.cliquer(recapitulatif, "Arrondissement")
    assert reponse.texte is not None and "sont closes" in reponse.texte
    (v,) = await _volontaires(banc)
    assert v.arrondissement == "11"
    await zoe.cliquer(recapitulatif, "Me retirer du tirage")
    confirmation = zoe.dernier_message
    assert confirmation is not None
    await zoe.cliquer(confirmation, "Oui, me retirer")
    assert await _volontaires(banc) == []


async def test_apres_la_cloture_le_lien_le_dit(banc: Banc) -> None:
    await _campagne(banc)
    banc.horloge.regler(CLOTURE + timedelta(minutes=1))
    zoe = banc.utilisateur(ZOE, "Zoé")
    (reponse,) = await zoe.envoyer("/start candidater-r2027")
    assert "sont closes" in reponse.texte_visible
    (reponse,) = await zoe.envoyer("/start candidater-inconnue")
    assert "pas valable" in reponse.texte_visible
    assert await _volontaires(banc) == []


async def test_refuser_la_notice_n_enregistre_rien(banc: Banc) -> None:
    await _campagne(banc)
    zoe = banc.utilisateur(ZOE, "Zoé")
    (notice,) = await zoe.envoyer("/start candidater-r2027")
    await zoe.cliquer(notice, "Je refuse")
    assert zoe.dernier_message is not None
    assert "je n'ai rien enregistré" in zoe.dernier_message.texte_visible
    (reponse,) = await zoe.envoyer("Zoé")
    assert "Je réponds seulement à ses membres" in reponse.texte_visible
    assert await _volontaires(banc) == []


# --- From the draw to members -------------------------------------------------------------------

PREMIER = 5000


async def _tirage(banc: Banc, nombre: int = 16) -> Campagne:
    """A drawn campaign: `nombre` volunteers registered in the bot, 6 seats."""
    campagne = await _campagne(banc)
    hasard = random.Random(12)
    async with banc.app.sessions() as session:
        for i in range(nombre):
            telegram_id = PREMIER + i
            banc.serveur.utilisateur(telegram_id, f"V{i}", connu=True)
            await campagnes.inscrire(
                session,
                campagne,
                campagnes.Fiche(
                    prenom=f"Prénom{i}",
                    nom=f"Nom{i}",
                    genre="femme" if i % 2 else "homme",
                    age=hasard.choice(campagnes.VALEURS["age"]),
                    diplome=hasard.choice(campagnes.VALEURS["diplome"]),
                    arrondissement=str(hasard.randint(1, 20)),
                    contact=campagnes.CONTACT_TELEGRAM,
                ),
                telegram_id=telegram_id,
                langue=Langue.FR,
                maintenant=banc.horloge.maintenant(),
            )
        await campagnes.fixer_cibles(
            session, campagne, CIBLES, restants=None, maintenant=banc.horloge.maintenant()
        )
        await campagnes.engager(
            session,
            campagne,
            secret="un secret de seize caractères",
            maintenant=banc.horloge.maintenant(),
        )
        banc.horloge.regler(CLOTURE + timedelta(days=1))
        await campagnes.tirer(
            session,
            campagne,
            secret="un secret de seize caractères",
            valeur_publique="Loto du 21/12/2026 : 5 12 23 34 45 / 7",
            maintenant=banc.horloge.maintenant(),
        )
    return campagne


async def _battre(banc: Banc) -> None:
    """The scheduler's minute: the beat (deadlines, leaving members, deletion), then the job
    that tells the volunteers."""
    await banc.app.planificateur.battre()
    await banc.app.planificateur.prevenir_volontaires()


async def _sieges(banc: Banc) -> list[tuple[Siege, Volontaire]]:
    async with banc.app.sessions() as session:
        lignes = await session.exec(
            select(Siege, Volontaire)
            .join(Volontaire, Volontaire.id == Siege.volontaire_id)
            .order_by(Siege.id)
        )
        return list(lignes.all())


async def test_un_siege_accepte_fait_un_membre_sans_seconde_notice(banc: Banc) -> None:
    await _tirage(banc)
    await _battre(banc)
    (siege, v), *_ = await _sieges(banc)
    assert v.telegram_id is not None
    tire = banc.utilisateur(v.telegram_id, v.prenom)
    offre = tire.dernier_message
    assert offre is not None
    assert "vous avez été tiré·e au sort" in offre.texte_visible
    assert "Ce que je garde" in offre.texte_visible  # the members' notice, in the offer
    assert "1er février 2027" in offre.texte_visible
    # Told once, even when the scheduler beats again.
    await _battre(banc)
    assert banc.messages_recus("vous avez été tiré·e au sort")[v.telegram_id] == 1
    # The 10 others hear they are on the reserve list, once each.
    pas_tires = banc.messages_recus("vous n'avez pas été tiré·e cette fois")
    assert len(pas_tires) == 10 and set(pas_tires.values()) == {1}
    assert v.telegram_id not in pas_tires

    await tire.cliquer(offre, "J'accepte mon siège")
    assert tire.dernier_message is not None
    assert f"Bienvenue {v.prenom}" in tire.dernier_message.texte_visible
    membre = await banc.membre(v.telegram_id)
    assert membre is not None and membre.statut == StatutMembre.ACTIF and membre.a_consenti
    assert (membre.prenom, membre.nom, membre.role) == (v.prenom, v.nom, Role.MEMBRE)
    (apres, _), *_ = await _sieges(banc)
    assert apres.etat == EtatSiege.ACCEPTE and apres.membre_id == membre.id
    # A second tap (a double tap, a replayed button) changes nothing.
    assert siege.id is not None
    donnees = SiegeCb(siege=siege.id, choix=ChoixSiege.ACCEPTER).pack()
    reponse = await tire.appuyer(offre.message_id, donnees)
    assert reponse.texte == "Vous avez déjà répondu à cette proposition."
    async with banc.app.sessions() as session:
        assert (await session.exec(select(func.count()).select_from(Membre))).one() == 1
    # Now a member: the members' commands answer.
    (agenda,) = await tire.envoyer("/agenda")
    assert "Je réponds seulement" not in agenda.texte_visible


async def test_un_siege_decline_va_a_la_reserve_qui_garde_les_cibles(banc: Banc) -> None:
    await _tirage(banc)
    await _battre(banc)
    sieges_ = await _sieges(banc)
    siege, v = sieges_[0]
    assert v.telegram_id is not None
    tire = banc.utilisateur(v.telegram_id, v.prenom)
    offre = tire.dernier_message
    assert offre is not None
    await tire.cliquer(offre, "Je décline")
    await tire.cliquer(offre, "Non, revenir")  # second thoughts: the offer stands
    assert (await _sieges(banc))[0][0].etat == EtatSiege.PROPOSE
    await tire.cliquer(offre, "Je décline")
    await tire.cliquer(offre, "Oui, je décline")
    assert tire.dernier_message is not None
    assert "proposé à la personne suivante" in tire.dernier_message.texte_visible

    apres = await _sieges(banc)
    assert apres[0][0].etat == EtatSiege.DECLINE
    nouveau, remplacant = apres[-1]
    assert nouveau.numero == siege.numero and nouveau.etat == EtatSiege.PROPOSE
    assert remplacant.rang_reserve is not None
    occupes = [w for s, w in apres if s.etat in (EtatSiege.PROPOSE, EtatSiege.ACCEPTE)]
    femmes = sum(1 for w in occupes if w.genre == "femme")
    assert len(occupes) == 6 and 2 <= femmes <= 4  # the targets still met
    await _battre(banc)
    assert remplacant.telegram_id is not None
    assert banc.messages_recus("vous avez été tiré·e au sort").get(remplacant.telegram_id) == 1


async def test_un_bouton_de_siege_force_ne_fait_rien(banc: Banc) -> None:
    await _tirage(banc)
    await _battre(banc)
    (siege, _v), *_ = await _sieges(banc)
    assert siege.id is not None
    intrus = banc.utilisateur(9999, "Intrus")
    await intrus.envoyer("/start")
    donnees = SiegeCb(siege=siege.id, choix=ChoixSiege.ACCEPTER).pack()
    reponse = await intrus.appuyer(1, donnees)
    assert reponse.texte == "Ce bouton n'est plus valable."
    reponse = await intrus.appuyer(1, "si:99999999999:accepter")  # beyond any id
    assert reponse.texte == "Ce bouton n'est plus valable."
    assert (await _sieges(banc))[0][0].etat == EtatSiege.PROPOSE
    assert await banc.membre(9999) is None


async def test_sans_reponse_a_l_echeance_le_siege_passe_a_la_reserve(banc: Banc) -> None:
    await _tirage(banc)
    await _battre(banc)
    banc.horloge.avancer(timedelta(days=7, minutes=1))
    await _battre(banc)
    sieges_ = await _sieges(banc)
    assert sum(1 for s, _ in sieges_ if s.etat == EtatSiege.EXPIRE) == 6
    assert sum(1 for s, _ in sieges_ if s.etat == EtatSiege.PROPOSE) == 6
    (_siege, v), *_ = sieges_
    assert v.telegram_id is not None
    tire = banc.utilisateur(v.telegram_id, v.prenom)
    offre = tire.message(
        next(m.message_id for m in tire.messages_du_bot() if "tiré·e au sort" in m.texte_visible)
    )
    await tire.cliquer(offre, "J'accepte mon siège")  # too late
    assert await banc.membre(v.telegram_id) is None


async def test_l_equipe_suit_la_campagne_avec_tirage(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(equipe_telegram_ids=[1])
    sam = banc.utilisateur(1, "Sam")
    (notice,) = await sam.envoyer("/start")
    await sam.cliquer(notice, "J'accepte")
    await _campagne(banc)
    await _inscrire_zoe(banc)
    async with banc.app.sessions() as session:
        campagne = await campagnes.par_slug(session, "r2027")
        assert campagne is not None
        await campagnes.fixer_cibles(
            session, campagne, CIBLES, restants=None, maintenant=banc.horloge.maintenant()
        )
    (message,) = await sam.envoyer("/tirage")
    texte = message.texte_visible
    assert "Tirage au sort « Renouvellement 2027 »" in texte
    assert "https://t.me/" in texte and "start=candidater-r2027" in texte
    assert "1 volontaire inscrit." in texte
    assert "Cibles fixées : 6 sièges à tirer" in texte
    assert "Femme : 1 volontaire, cible 2 à 4" in texte
    assert "il en manque 1" in texte  # femmes: 1 for 2 at least
    assert "il en manque 2" in texte  # hommes: none for 2
    # Staff only: a volunteer or a member gets the usual refusal.
    zoe = banc.utilisateur(ZOE, "Zoé")
    (reponse,) = await zoe.envoyer("/tirage")
    assert "Tirage au sort « Renouvellement 2027 »" not in reponse.texte_visible


async def test_les_sortants_sont_remercies_le_jour_du_renouvellement(banc: Banc) -> None:
    ancienne = await banc.membre_actif(4001, "Odile", "Ancienne")
    await _tirage(banc)
    await _battre(banc)
    assert (await banc.membre(4001)).statut == StatutMembre.ACTIF  # type: ignore[union-attr]

    banc.horloge.regler(RENOUVELLEMENT + timedelta(minutes=1))
    await _battre(banc)
    await banc.attendre_que(lambda _: _recu(ancienne.dernier_message))
    assert ancienne.dernier_message is not None
    assert "Votre mandat à l'Assemblée citoyenne s'achève" in ancienne.dernier_message.texte_visible
    membre = await banc.membre(4001)
    assert membre is not None and membre.statut == StatutMembre.PARTI
    await _battre(banc)  # once only
    assert banc.messages_recus("Votre mandat")[4001] == 1


async def _recu(message: object) -> bool:
    return message is not None and "Votre mandat" in getattr(message, "texte_visible", "")


async def test_les_donnees_des_volontaires_sont_effacees_a_la_date_dite(banc: Banc) -> None:
    await _tirage(banc)
    # A form left half-filled: its answers wait in the conversation's state.
    zoe = banc.utilisateur(ZOE, "Zoé")
    async with banc.app.sessions() as session:
        campagne = await campagnes.par_slug(session, "r2027")
        assert campagne is not None
        campagne.cloture = SUPPRESSION - timedelta(days=1)  # still open, for this form
        session.add(campagne)
        await session.commit()
    (notice,) = await zoe.envoyer("/start candidater-r2027")
    await zoe.cliquer(notice, "J'accepte")
    await zoe.envoyer("Zoé")
    assert await _formulaires(banc) == ["Zoé"]
    banc.horloge.regler(SUPPRESSION + timedelta(minutes=1))
    await _battre(banc)
    vs = await _volontaires(banc)
    assert vs and all(v.nom == v.prenom == v.contact == "" and v.telegram_id is None for v in vs)
    assert all(v.genre in ("femme", "homme") and v.pseudo for v in vs)  # the statistics stay
    assert await _formulaires(banc) == []


async def _formulaires(banc: Banc) -> list[str]:
    """The first names waiting in half-filled forms."""
    async with banc.app.sessions() as session:
        lignes = await session.exec(
            select(EtatConversation).where(
                col(EtatConversation.etat).startswith(campagnes.ETAT_FORMULAIRE)
            )
        )
        return [json.loads(e.donnees).get("prenom", "") for e in lignes.all()]


async def test_apres_le_tirage_l_equipe_voit_les_tires_et_les_chances(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(equipe_telegram_ids=[1])
    sam = banc.utilisateur(1, "Sam")
    (notice,) = await sam.envoyer("/start")
    await sam.cliquer(notice, "J'accepte")
    await _tirage(banc)
    (message,) = await sam.envoyer("/tirage")
    texte = message.texte_visible
    assert "Tirage fait : plus petite chance" in texte
    assert "6 en attente de réponse" in texte
    assert re.search(r"Femme : 8 volontaires, cible 2 à 4, [234] tirés", texte)


async def test_les_messages_aux_volontaires_partent_par_paquets_et_un_refus_n_est_pas_reessaye(
    banc: Banc,
) -> None:
    await _tirage(banc)
    await banc.app.planificateur.battre()
    (_siege, bloque), *_ = await _sieges(banc)
    assert bloque.telegram_id is not None
    banc.serveur.injecter_panne(code=403, methode="sendMessage", chat_id=bloque.telegram_id)
    app = banc.app
    envoyes = await candidatures.prevenir_sieges(
        app.expediteur.bot,
        app.sessions,
        catalogue=app.catalogue,
        reglages=app.reglages,
        maintenant=banc.horloge.maintenant(),
        limite=4,
    )
    assert envoyes == 4  # four handled, the blocked one refused by Telegram
    assert len(banc.messages_recus("vous avez été tiré·e au sort")) == 3
    await _battre(banc)  # the rest: 2 offers and the 10 not drawn, in the next run
    assert len(banc.messages_recus("vous avez été tiré·e au sort")) == 5
    assert len(banc.messages_recus("vous n'avez pas été tiré·e")) == 10
    assert bloque.telegram_id not in banc.messages_recus("tiré·e au sort")
    await _battre(banc)  # a refusal is not retried
    assert bloque.telegram_id not in banc.messages_recus("tiré·e au sort")
    (apres, _), *_ = await _sieges(banc)
    assert apres.etat == EtatSiege.PROPOSE and apres.prevenu_le is not None
