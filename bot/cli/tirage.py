"""`assemblee tirage campagne …`: staff run a renewal campaign (create it, import the paper
registrations, settle duplicates, set the targets, commit to a secret, draw, publish, record
the answers of volunteers registered on paper, see where it stands); the steps and their
checks are assemblee/campagnes.py's, which journals them.

`assemblee tirage verifier`: anyone (the guarantors' committee, a journalist) runs the
renewal draw again from what was published (the anonymised volunteers, the targets, the
commitment, the secret revealed after the draw and the public value) and checks the panel.
No settings, no database: the published files are enough."""

from __future__ import annotations

import argparse
import asyncio
import re
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import campagnes, invitations, journal, tirage
from assemblee.campagnes import ErreurCampagne
from assemblee.modeles import Campagne, EtatSiege, Siege, Volontaire
from bot.cli import commun, erreurs
from bot.cli.erreurs import EntreeRefusee
from config.reglages import DOSSIER_CONFIG, Reglages

# Paris's shares with their sources: staff copy and edit it for each campaign.
CIBLES_DEFAUT = DOSSIER_CONFIG / "tirage.toml"
ETATS_SIEGE = {
    EtatSiege.PROPOSE: "proposé",
    EtatSiege.ACCEPTE: "accepté",
    EtatSiege.DECLINE: "décliné",
    EtatSiege.EXPIRE: "expiré",
}
_JOUR_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_JOUR_FR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def ajouter(sous: Any) -> None:
    p_t = sous.add_parser(
        "tirage", help="tirage au sort du renouvellement : la campagne, vérifier un tirage"
    )
    t_sous = p_t.add_subparsers(dest="action", required=True, metavar="action")
    p_v = t_sous.add_parser(
        "verifier",
        help="refaire un tirage publié et comparer son panel (sans réglages ni base)",
    )
    p_v.add_argument("--volontaires", required=True, type=Path, help="volontaires publiés (CSV)")
    p_v.add_argument("--cibles", required=True, type=Path, help="cibles publiées (TOML)")
    p_v.add_argument("--secret", required=True, help="le secret de l'équipe, révélé après")
    p_v.add_argument("--valeur-publique", required=True, help="la valeur publique (un loto…)")
    p_v.add_argument("--engagement", help="l'empreinte publiée avant le tirage (SHA-256)")
    p_v.add_argument("--panel", type=Path, help="le panel publié : un identifiant par ligne")
    p_v.set_defaults(executer=_verifier, sans_reglages=True)
    _ajouter_campagne(t_sous)


def _ajouter_campagne(t_sous: Any) -> None:
    p_c = t_sous.add_parser(
        "campagne",
        help="la campagne de renouvellement : creer, importer, doublons, cibles, engager, "
        "tirer, publier, remplacer, etat",
    )
    c_sous = p_c.add_subparsers(dest="etape", required=True, metavar="action")
    nom_court = "nom court de la campagne (r2027)"

    p_cr = c_sous.add_parser("creer", help="créer une campagne et son lien d'inscription")
    p_cr.add_argument("--nom", required=True, help="« Renouvellement 2027 »")
    p_cr.add_argument("--slug", required=True, help=f"{nom_court}, dans le lien d'inscription")
    p_cr.add_argument(
        "--ouverture", required=True, help="premier jour des inscriptions, 2027-01-10"
    )
    p_cr.add_argument("--cloture", required=True, help="dernier jour des inscriptions (inclus)")
    p_cr.add_argument("--renouvellement", required=True, help="premier jour des nouveaux membres")
    p_cr.add_argument(
        "--suppression", required=True, help="jour d'effacement des données des volontaires"
    )
    p_cr.add_argument("--delai", type=int, default=7, help="jours pour accepter un siège (7)")

    p_im = c_sous.add_parser(
        "importer", help="importer les inscriptions papier (CSV, tout ou rien)"
    )
    p_im.add_argument("--campagne", required=True, help=nom_court)
    p_im.add_argument(
        "--fichier",
        required=True,
        type=Path,
        help="CSV : prenom;nom;genre;naissance;diplome;arrondissement;contact[;adresse]",
    )

    p_do = c_sous.add_parser("doublons", help="les doublons signalés ; en garder ou en retirer un")
    p_do.add_argument("--campagne", required=True, help=nom_court)
    choix = p_do.add_mutually_exclusive_group()
    choix.add_argument("--garder", metavar="PSEUDO", help="deux personnes : garder ce volontaire")
    choix.add_argument("--retirer", metavar="PSEUDO", help="une personne inscrite deux fois")

    p_ci = c_sous.add_parser("cibles", help="fixer les cibles ; dire ce qui manque avant le tirage")
    p_ci.add_argument("--campagne", required=True, help=nom_court)
    p_ci.add_argument(
        "--fichier", type=Path, default=CIBLES_DEFAUT, help="cibles (TOML ; config/tirage.toml)"
    )
    p_ci.add_argument(
        "--restants",
        type=Path,
        help="renouvellement partiel : CSV membre;genre;age;diplome;arrondissement",
    )

    p_en = c_sous.add_parser("engager", help="s'engager sur le secret : l'empreinte à publier")
    p_en.add_argument("--campagne", required=True, help=nom_court)
    p_en.add_argument("--secret", required=True, help="16 caractères tirés au hasard, au moins")

    p_ti = c_sous.add_parser("tirer", help="le tirage, une fois, après la clôture")
    p_ti.add_argument("--campagne", required=True, help=nom_court)
    p_ti.add_argument("--secret", required=True, help="le secret de l'engagement")
    p_ti.add_argument("--valeur-publique", required=True, help="la valeur publique (un loto…)")

    p_pu = c_sous.add_parser("publier", help="écrire les fichiers à publier (vérifiables)")
    p_pu.add_argument("--campagne", required=True, help=nom_court)
    p_pu.add_argument("--dossier", required=True, type=Path, help="dossier créé au besoin")

    p_re = c_sous.add_parser(
        "remplacer", help="noter la réponse d'un volontaire inscrit sur papier"
    )
    p_re.add_argument("--campagne", required=True, help=nom_court)
    p_re.add_argument("--siege", required=True, type=int, help="n° du siège (etat)")
    reponse = p_re.add_mutually_exclusive_group(required=True)
    reponse.add_argument("--accepte", action="store_true", help="il ou elle accepte le siège")
    reponse.add_argument("--decline", action="store_true", help="refuse : la réserve est appelée")

    p_et = c_sous.add_parser("etat", help="volontaires, cibles, ce qui manque, les sièges")
    p_et.add_argument("--campagne", help=f"{nom_court} ; sans : la dernière créée")

    for p_etape in (p_cr, p_im, p_do, p_ci, p_en, p_ti, p_pu, p_re, p_et):
        p_etape.set_defaults(executer=_campagne)


async def _campagne(reglages: Reglages, args: argparse.Namespace) -> None:
    try:
        await _ETAPES[args.etape](reglages, args)
    except ErreurCampagne as exc:
        raise EntreeRefusee(str(exc)) from None


# --- Helpers ----------------------------------------------------------------------------------


async def _trouver(session: AsyncSession, slug: str | None) -> Campagne:
    if slug is None:
        courante = await campagnes.courante(session)
        if courante is None:
            raise EntreeRefusee("Aucune campagne : assemblee tirage campagne creer --help")
        return courante
    trouvee = await campagnes.par_slug(session, slug.strip().lower())
    if trouvee is None:
        connues = (await session.exec(select(Campagne.slug).order_by(col(Campagne.id)))).all()
        liste = f" Campagnes : {', '.join(connues)}." if connues else ""
        raise EntreeRefusee(f"Aucune campagne « {slug} ».{liste}")
    return trouvee


def _jour(texte: str, option: str) -> date:
    valeur = texte.strip()
    if trouve := _JOUR_ISO.fullmatch(valeur):
        annee, mois, jour = trouve.groups()
    elif trouve := _JOUR_FR.fullmatch(valeur):
        jour, mois, annee = trouve.groups()
    else:
        raise EntreeRefusee(f"{option} « {texte} » : écrivez une date comme 2027-01-10.")
    try:
        return date(int(annee), int(mois), int(jour))
    except ValueError:
        raise EntreeRefusee(f"{option} « {texte} » : cette date n'existe pas.") from None


def _minuit(jour: date, fuseau: ZoneInfo) -> datetime:
    """The start of that local day, as the aware UTC instant the database keeps."""
    return datetime(jour.year, jour.month, jour.day, tzinfo=fuseau).astimezone(UTC)


def _nom(v: Volontaire) -> str:
    return f"{v.prenom} {v.nom}".strip() or "(données effacées)"


def _naissance(v: Volontaire) -> str:
    return str(v.annee_naissance) if v.annee_naissance else v.age


def _bornes(b: tirage.Bornes) -> str:
    return f"{b.min}–{b.max}"


def _manque(m: tirage.Manque) -> str:
    return (
        f"Pas assez de volontaires « {m.categorie} = {m.valeur} » : {m.volontaires} pour "
        f"{m.minimum} sièges au moins (il en manque {m.manquants})."
    )


def _sans_cible(etat: campagnes.Etat) -> list[str]:
    """Volunteers of a value the targets leave out (0 seats): they stay in the pool but can
    never be drawn; said before the draw, in case it was an oversight."""
    if etat.cibles is None:
        return []
    valeurs = [
        f"« {nom} = {valeur} » ({nombre})"
        for nom, nombres in etat.par_valeur.items()
        for valeur, nombre in nombres.items()
        if nombre and etat.cibles.categories.get(nom, {}).get(valeur, _AUCUN_SIEGE).max == 0
    ]
    if not valeurs:
        return []
    return [
        f"Volontaires d'une valeur sans siège : {', '.join(valeurs)}. Ils restent inscrits mais "
        "ne peuvent pas être tirés : donnez une cible à ces valeurs si c'est un oubli."
    ]


_AUCUN_SIEGE = tirage.Bornes(0, 0)


def _occupes(tous: list[Siege]) -> set[int]:
    return {s.volontaire_id for s in tous if s.etat in (EtatSiege.PROPOSE, EtatSiege.ACCEPTE)}


async def _au_panel(
    session: AsyncSession, campagne: Campagne
) -> tuple[Counter[tuple[str, str]], list[Siege]]:
    """Per category and value, the seats offered or accepted now (after replacements)."""
    tous = await campagnes.sieges(session, campagne)
    occupes = _occupes(tous)
    comptes: Counter[tuple[str, str]] = Counter()
    for v in await campagnes.volontaires(session, campagne):
        if v.id in occupes:
            for c in campagnes.CATEGORIES:
                comptes[(c, getattr(v, c))] += 1
    return comptes, tous


# --- The steps --------------------------------------------------------------------------------


async def _creer(reglages: Reglages, args: argparse.Namespace) -> None:
    fuseau = reglages.fuseau
    ouverture = _jour(args.ouverture, "--ouverture")
    dernier_jour = _jour(args.cloture, "--cloture")
    renouvellement = _jour(args.renouvellement, "--renouvellement")
    suppression = _jour(args.suppression, "--suppression")
    username = await commun.username(reglages)
    async with commun.base(reglages) as session:
        # Registration stays open the whole last day: the close is the next midnight.
        campagne = await campagnes.creer(
            session,
            slug=args.slug.strip(),
            nom=args.nom,
            ouverture=_minuit(ouverture, fuseau),
            cloture=_minuit(dernier_jour + timedelta(days=1), fuseau),
            renouvellement_le=_minuit(renouvellement, fuseau),
            suppression_le=_minuit(suppression, fuseau),
            delai_reponse_jours=args.delai,
            maintenant=commun.maintenant(),
        )
    print(f"Campagne « {campagne.nom} » ({campagne.slug}) créée.")
    print(f"Lien d'inscription à diffuser : {campagnes.lien(username, campagne)}")
    print(
        f"  Inscriptions : du {ouverture:%Y-%m-%d} au {dernier_jour:%Y-%m-%d} inclus "
        f"(ouverture le {commun.date(reglages, campagne.ouverture)}, clôture le "
        f"{commun.date(reglages, campagne.cloture)}, fuseau {reglages.fuseau_horaire})"
    )
    print(
        f"  Renouvellement : {renouvellement:%Y-%m-%d} ; délai pour accepter un siège : "
        f"{campagne.delai_reponse_jours} jours"
    )
    print(f"  Effacement des données des volontaires : {suppression:%Y-%m-%d}")
    print(f"Ensuite : assemblee tirage campagne cibles --campagne {campagne.slug}, puis engager.")


async def _importer(reglages: Reglages, args: argparse.Namespace) -> None:
    contenu = await commun.lire(args.fichier)
    async with commun.base(reglages) as session:
        campagne = await _trouver(session, args.campagne)
        try:
            fait = await campagnes.importer(
                session, campagne, contenu, maintenant=commun.maintenant()
            )
        except ErreurCampagne as exc:
            raise erreurs.import_refuse(args.fichier, [str(exc)]) from None
        total = len(campagnes.inscrits(await campagnes.volontaires(session, campagne)))
    signales = (
        f"dont {fait.doublons} signalé(s) comme doublon(s) possible(s)"
        if fait.doublons
        else "aucun doublon signalé"
    )
    print(
        f"{fait.ajoutes} volontaire(s) ajouté(s) depuis {args.fichier}, {signales} ; {total} "
        "volontaire(s) en tout."
    )
    if fait.doublons:
        print(
            "À trancher avant le tirage : assemblee tirage campagne doublons --campagne "
            f"{campagne.slug}"
        )


async def _doublons(reglages: Reglages, args: argparse.Namespace) -> None:
    async with commun.base(reglages) as session:
        campagne = await _trouver(session, args.campagne)
        if args.garder or args.retirer:
            v = await campagnes.trancher_doublon(
                session,
                campagne,
                args.garder or args.retirer,
                garder=bool(args.garder),
                maintenant=commun.maintenant(),
            )
            if args.garder:
                print(f"{v.pseudo} gardé : deux personnes distinctes.")
            else:
                print(
                    f"{v.pseudo} retiré : la même personne inscrite deux fois ; sa fiche est "
                    "effacée."
                )
        tous = await campagnes.volontaires(session, campagne)
    par_id = {v.id: v for v in tous}
    signales = [v for v in campagnes.inscrits(tous) if v.doublon_de is not None]
    if not signales:
        print("Aucun doublon à trancher.")
        return
    lignes = [("pseudo", "nom", "naissance", "arr.", "contact", "ressemble à")]
    for v in signales:
        autre = par_id.get(v.doublon_de)
        lignes.append(
            (
                v.pseudo,
                _nom(v),
                _naissance(v),
                v.arrondissement,
                v.contact,
                f"{autre.pseudo} ({_nom(autre)}, {autre.contact})" if autre else "(retiré depuis)",
            )
        )
    commun.tableau(lignes)
    print(
        f"{len(signales)} doublon(s) à trancher avant le tirage : --garder PSEUDO (deux "
        "personnes) ou --retirer PSEUDO (la même personne inscrite deux fois)."
    )


async def _cibles(reglages: Reglages, args: argparse.Namespace) -> None:
    texte = _lire(args.fichier)
    try:
        campagnes.lire_cibles(texte)  # checked first, so that an error names this file
    except tirage.ErreurTirage as exc:
        raise EntreeRefusee(f"{args.fichier} : {exc}") from None
    restants = await commun.lire(args.restants) if args.restants is not None else None
    async with commun.base(reglages) as session:
        campagne = await _trouver(session, args.campagne)
        try:
            await campagnes.fixer_cibles(
                session, campagne, texte, restants=restants, maintenant=commun.maintenant()
            )
        except ErreurCampagne as exc:
            if args.restants is not None and str(exc).startswith("Ligne "):
                raise EntreeRefusee(f"{args.restants} : {exc}") from None
            raise
        etat = await campagnes.etat(session, campagne)
        restent = len(await campagnes.membres_qui_restent(session, campagne))
    if etat.cibles is None:
        raise EntreeRefusee(etat.erreur_cibles or "Cibles illisibles.")
    reduites = f", {restent} membre(s) qui restent déduits" if restent else ""
    print(f"Cibles fixées depuis {args.fichier} : {etat.cibles.sieges} sièges à tirer{reduites}.")
    lignes = [("catégorie", "valeur", "sièges", "volontaires")]
    for nom, valeurs in etat.cibles.categories.items():
        for valeur, b in valeurs.items():
            nombre = etat.par_valeur[nom].get(valeur, 0)
            if b.max or nombre:  # a value left out of the targets, with nobody: not shown
                lignes.append((nom, valeur, _bornes(b), str(nombre)))
    commun.tableau(lignes)
    for m in etat.manques:
        print(_manque(m))
    if not etat.manques:
        print(f"Assez de volontaires pour chaque minimum ({etat.volontaires} volontaires).")
    for ligne in _sans_cible(etat):
        print(ligne)


async def _engager(reglages: Reglages, args: argparse.Namespace) -> None:
    async with commun.base(reglages) as session:
        campagne = await _trouver(session, args.campagne)
        # The secret itself is never printed: only its SHA-256.
        empreinte = await campagnes.engager(
            session, campagne, secret=args.secret, maintenant=commun.maintenant()
        )
    print("Engagement enregistré. À publier dès maintenant, avant le tirage (SHA-256 du secret) :")
    print(empreinte)
    print(
        "Gardez le secret pour l'équipe jusqu'au tirage : il sera demandé par « tirer », puis "
        "publié avec le résultat. Pour publier l'engagement et les cibles : assemblee tirage "
        f"campagne publier --campagne {campagne.slug} --dossier publication/"
    )


async def _tirer(reglages: Reglages, args: argparse.Namespace) -> None:
    async with commun.base(reglages) as session:
        campagne = await _trouver(session, args.campagne)
        resultat = await campagnes.tirer(
            session,
            campagne,
            secret=args.secret,
            valeur_publique=args.valeur_publique,
            maintenant=commun.maintenant(),
        )
        tous = await campagnes.sieges(session, campagne)
        papier = await campagnes.a_lister_par_courrier(session, campagne)
    print(
        f"Tirage fait ({resultat.algorithme}) : {len(resultat.panel)} sièges, "
        f"{len(resultat.reserve)} volontaire(s) en réserve."
    )
    print(
        f"Plus petite chance d'être tiré : {resultat.probabilite_min:.1%} ; écart entre la plus "
        f"grande et la plus petite : {resultat.ecart * 100:.1f} points."
    )
    lignes = [("catégorie", "valeur", "cible", "tirés")]
    lignes.extend(
        (c.categorie, c.valeur, _bornes(c.bornes), str(c.tires))
        for c in resultat.comptes
        if c.bornes.max or c.tires
    )
    commun.tableau(lignes)
    if tous:
        print(f"Réponse attendue avant le {commun.date(reglages, tous[0].echeance)}.")
    if dans_le_bot := len(tous) - len(papier):
        print(
            f"{dans_le_bot} volontaire(s) tiré(s) inscrit(s) dans le bot : le bot en marche "
            "leur propose le siège."
        )
    _courriers(reglages, campagne, papier, tous)
    print(
        "Publiez le résultat : assemblee tirage campagne publier --campagne "
        f"{campagne.slug} --dossier publication/"
    )


def _courriers(
    reglages: Reglages, campagne: Campagne, papier: list[Volontaire], tous: list[Siege]
) -> None:
    """The drawn volunteers registered on paper: staff write to them (a letter)."""
    if not papier:
        print("Aucun volontaire tiré inscrit sur papier : pas de courrier à envoyer.")
        return
    numeros = {s.volontaire_id: s.numero for s in tous if s.etat == EtatSiege.PROPOSE}
    print(f"{len(papier)} volontaire(s) tiré(s) inscrit(s) sur papier, à prévenir par courrier :")
    lignes = [("siège", "pseudo", "nom", "contact", "adresse")]
    lignes.extend(
        (str(numeros.get(v.id or 0, "?")), v.pseudo, _nom(v), v.contact, v.adresse or "")
        for v in papier
    )
    commun.tableau(lignes)
    print(
        "Leur réponse : assemblee tirage campagne remplacer --campagne "
        f"{campagne.slug} --siege N --accepte (ou --decline)"
    )


async def _publier(reglages: Reglages, args: argparse.Namespace) -> None:
    async with commun.base(reglages) as session:
        campagne = await _trouver(session, args.campagne)
        fichiers = await campagnes.publier(session, campagne)
    rapport = campagnes.rapport(campagne)
    dossier: Path = args.dossier
    for nom, contenu in fichiers.items():
        chemin = dossier / nom
        try:
            await asyncio.to_thread(dossier.mkdir, parents=True, exist_ok=True)
            await asyncio.to_thread(chemin.write_bytes, contenu.encode("utf-8"))
        except OSError as exc:
            raise erreurs.ecriture_impossible(chemin, exc) from None
    quand = "le tirage et de quoi le refaire" if rapport else "avant le tirage"
    print(f"{len(fichiers)} fichier(s) écrit(s) dans {dossier} ({quand}) :")
    for nom in fichiers:
        print(f"  {nom}")
    if rapport is None:
        print("Après le tirage, publiez de nouveau : le secret, la valeur publique et le panel.")
        return
    print(
        f"Bibliothèque : sortition-algorithms {rapport.versions.get('sortition-algorithms')} ; "
        f"solveur HiGHS (highspy) {rapport.versions.get('highspy')}."
    )
    print("LISEZMOI.txt dit comment chacun refait le tirage (assemblee tirage verifier).")


async def _remplacer(reglages: Reglages, args: argparse.Namespace) -> None:
    maintenant = commun.maintenant()
    username = await commun.username(reglages) if args.accepte else ""
    async with commun.base(reglages) as session:
        campagne = await _trouver(session, args.campagne)
        siege, v = await _siege_propose(session, campagne, args.siege)
        if args.accepte and v.telegram_id is not None:
            raise EntreeRefusee(
                f"{v.pseudo} s'est inscrit dans le bot : c'est là qu'il ou elle accepte le "
                "siège (son compte Telegram y est relié). Un refus peut se noter ici avec "
                "--decline."
            )
        membre = await campagnes.repondre(
            session, siege, accepte=args.accepte, maintenant=maintenant, telegram_id=None
        )
        if membre is None:
            await _dire_remplacant(reglages, session, campagne, siege, v)
            return
        validite = timedelta(days=reglages.invitation_validite_jours)
        jeton = await invitations.creer_invitation(
            session, membre=membre, maintenant=maintenant, validite=validite, auteur=journal.CLI
        )
        await session.commit()
    print(f"Siège n°{siege.numero} accepté par {v.pseudo} ({_nom(v)}) : membre n°{membre.id}.")
    # The link is the key to the account: printed once, for the letter, never logged.
    jusqua = commun.date(reglages, maintenant + validite)
    print(f"Lien d'invitation pour sa lettre, valable jusqu'au {jusqua} :")
    print(invitations.lien_invitation(username, jeton))
    print(
        f"Son groupe : assemblee membres groupes {membre.id} <groupe>. Lien perdu ou expiré : "
        f"assemblee invitation renouveler {membre.id} (l'ancien ne marche plus) ; la console "
        "(page Membres) prépare aussi les lettres à imprimer, avec de nouveaux liens."
    )


async def _siege_propose(
    session: AsyncSession, campagne: Campagne, numero: int
) -> tuple[Siege, Volontaire]:
    tous = await campagnes.sieges(session, campagne)
    if not tous:
        raise EntreeRefusee("Le tirage n'a pas eu lieu : aucun siège n'est proposé.")
    ouverts = [s for s in tous if s.numero == numero and s.etat == EtatSiege.PROPOSE]
    if not ouverts:
        if not any(s.numero == numero for s in tous):
            raise EntreeRefusee(f"Aucun siège n°{numero} : de 1 à {max(s.numero for s in tous)}.")
        dernier = [s for s in tous if s.numero == numero][-1]
        raise EntreeRefusee(
            f"Le siège n°{numero} n'attend pas de réponse (il est {ETATS_SIEGE[dernier.etat]}) : "
            f"assemblee tirage campagne etat --campagne {campagne.slug}"
        )
    trouve = await campagnes.siege_de(session, ouverts[-1].id or 0)
    assert trouve is not None
    return trouve


async def _dire_remplacant(
    reglages: Reglages, session: AsyncSession, campagne: Campagne, libere: Siege, v: Volontaire
) -> None:
    print(f"Siège n°{libere.numero} décliné par {v.pseudo} ({_nom(v)}).")
    comptes, tous = await _au_panel(session, campagne)
    nouveau = next(
        (s for s in reversed(tous) if s.numero == libere.numero and s.etat == EtatSiege.PROPOSE),
        None,
    )
    if nouveau is None:
        print(f"La réserve est vide : le siège n°{libere.numero} reste vacant.")
        return
    suivant = await session.get(Volontaire, nouveau.volontaire_id)
    assert suivant is not None
    print(
        f"Proposé maintenant à {suivant.pseudo} ({_nom(suivant)}), réponse attendue avant le "
        f"{commun.date(reglages, nouveau.echeance)}."
    )
    if suivant.telegram_id is None:
        adresse = f", {suivant.adresse}" if suivant.adresse else ""
        print(f"Inscrit sur papier : écrivez-lui ({suivant.contact}{adresse}).")
    else:
        print("Inscrit dans le bot : le bot en marche lui propose le siège.")
    rapport = campagnes.rapport(campagne)
    assert rapport is not None
    cibles, _ = tirage.lire_cibles(rapport.cibles)
    if ecart := campagnes.ecart_cibles(comptes, cibles):
        print(
            f"Personne dans la réserve ne garde toutes les cibles : le panel s'en écarte de "
            f"{ecart} siège(s) (assemblee tirage campagne etat)."
        )
    else:
        print("Les cibles restent respectées.")


async def _etat(reglages: Reglages, args: argparse.Namespace) -> None:
    maintenant = commun.maintenant()
    async with commun.base(reglages) as session:
        campagne = await _trouver(session, args.campagne)
        etat = await campagnes.etat(session, campagne)
        comptes, tous = await _au_panel(session, campagne)
        vs = {v.id: v for v in await campagnes.volontaires(session, campagne)}
    print(
        f"Campagne « {campagne.nom} » ({campagne.slug}) : {_phase(reglages, campagne, maintenant)}."
    )
    print(f"{etat.volontaires} volontaire(s), dont {etat.doublons} doublon(s) à trancher.")
    lignes = [("catégorie", "valeur", "volontaires", "cible", *(("au panel",) if tous else ()))]
    for nom in campagnes.CATEGORIES:
        cibles = etat.cibles.categories.get(nom, {}) if etat.cibles else {}
        for valeur in campagnes.VALEURS[nom]:
            nombre = etat.par_valeur[nom].get(valeur, 0)
            b = cibles.get(valeur)
            if not nombre and (b is None or not b.max):
                continue  # nobody, and no seat: noise
            cible = _bornes(b) if b is not None else "-"
            if b is not None and not b.max:
                cible = "sans siège"
            au_panel = (str(comptes[(nom, valeur)]),) if tous else ()
            lignes.append((nom, valeur, str(nombre), cible, *au_panel))
    if len(lignes) > 1:
        commun.tableau(lignes)
    if etat.cibles is None:
        print(etat.erreur_cibles or "Cibles pas encore fixées : assemblee tirage campagne cibles.")
    else:
        print(f"{etat.cibles.sieges} sièges à tirer.")
    for m in etat.manques:
        print(_manque(m))
    if not tous:
        for ligne in _sans_cible(etat):
            print(ligne)
        return
    print("Sièges :")
    lignes = [("n°", "état", "pseudo", "nom", "échéance")]
    for s in tous:
        v = vs.get(s.volontaire_id)
        lignes.append(
            (
                str(s.numero),
                ETATS_SIEGE[s.etat],
                v.pseudo if v else "?",
                _nom(v) if v else "?",
                commun.date(reglages, s.echeance) if s.etat == EtatSiege.PROPOSE else "",
            )
        )
    commun.tableau(lignes)
    occupes = sum(1 for s in tous if s.etat == EtatSiege.ACCEPTE)
    print(f"{occupes} siège(s) accepté(s) sur {etat.cibles.sieges if etat.cibles else '?'}.")


def _phase(reglages: Reglages, campagne: Campagne, maintenant: datetime) -> str:
    if campagne.effacee_le is not None:
        return f"données des volontaires effacées le {commun.date(reglages, campagne.effacee_le)}"
    if campagne.tire_le is not None:
        return f"tirage fait le {commun.date(reglages, campagne.tire_le)}"
    if maintenant < campagne.ouverture:
        return f"inscriptions ouvertes à partir du {commun.date(reglages, campagne.ouverture)}"
    if maintenant < campagne.cloture:
        return f"inscriptions ouvertes jusqu'au {commun.date(reglages, campagne.cloture)}"
    return f"inscriptions closes le {commun.date(reglages, campagne.cloture)}, tirage à faire"


_ETAPES: dict[str, Callable[[Reglages, argparse.Namespace], Awaitable[None]]] = {
    "creer": _creer,
    "importer": _importer,
    "doublons": _doublons,
    "cibles": _cibles,
    "engager": _engager,
    "tirer": _tirer,
    "publier": _publier,
    "remplacer": _remplacer,
    "etat": _etat,
}


# --- Checking a published draw ------------------------------------------------------------------


def _lire(chemin: Path) -> str:
    try:
        return chemin.read_text(encoding="utf-8")
    except OSError as exc:
        raise EntreeRefusee(f"{chemin} : illisible ({exc.strerror or exc}).") from None
    except UnicodeDecodeError:
        raise EntreeRefusee(f"{chemin} : ce n'est pas un texte UTF-8.") from None


async def _verifier(_: object, args: argparse.Namespace) -> None:
    try:
        cibles, algorithme = tirage.lire_cibles(_lire(args.cibles))
        pool = tirage.lire_pool(_lire(args.volontaires), cibles)
        if args.engagement and tirage.engagement(args.secret) != args.engagement.strip().lower():
            raise EntreeRefusee(
                "Ce secret ne correspond pas à l'engagement publié : ce n'est pas celui que "
                "l'équipe a fixé avant le tirage."
            )
        # Seconds to minutes of solver: out of the event loop.
        resultat = await asyncio.to_thread(
            tirage.tirer,
            pool,
            cibles,
            secret=args.secret,
            valeur_publique=args.valeur_publique,
            algorithme=algorithme,
        )
    except tirage.ErreurTirage as exc:
        raise EntreeRefusee(str(exc)) from None
    print(
        f"Tirage refait ({resultat.algorithme}, {len(pool)} volontaires, "
        f"{len(resultat.panel)} sièges) ; chance la plus faible : "
        f"{resultat.probabilite_min:.1%}."
    )
    for ident in resultat.panel:
        print(ident)
    if args.panel is None:
        return
    publie = {ligne.strip() for ligne in _lire(args.panel).splitlines() if ligne.strip()}
    if publie == set(resultat.panel):
        print("Le panel publié est bien celui que donnent ces valeurs.")
        return
    en_trop = sorted(publie - set(resultat.panel))
    absents = sorted(set(resultat.panel) - publie)
    raise EntreeRefusee(
        "Le panel publié n'est PAS celui que donnent ces valeurs : "
        f"publiés mais pas tirés : {', '.join(en_trop) or 'aucun'} ; "
        f"tirés mais pas publiés : {', '.join(absents) or 'aucun'}."
    )
