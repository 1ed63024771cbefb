"""Membres: the list (name search, filters by group, role and state, pages), one person's
record (invitation, groups, role, attendance, console sessions), and for staff only: rights,
a new invitation link, ending someone's sessions, the CSV import and invitation letters.
Facilitators read the people of their groups and change nothing.

The same domain functions as /role in the bot and `assemblee membres|invitation` in the
command line: `membres.changer_role|changer_groupes|marquer_depart`, `invitations.renouveler`,
`invitations.lire_import` then `enregistrer_import`.

Invitation tokens are stored hashed: a link is shown once, on the page answering the POST
that made it (never behind a redirect that would have to keep it). That page hands the
tokens to the letters and the CSV, which take only tokens that still open an invitation."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import zlib
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlencode

import segno
from aiohttp import web
from markupsafe import Markup

from assemblee import acces, connexions, dates, invitations, membres, tableur
from assemblee.groupes import groupes_actifs
from assemblee.modeles import Groupe, Membre, Role, StatutMembre
from assemblee.textes import Traducteur
from console.web import (
    PREFIXE,
    Visiteur,
    application,
    exiger_equipe,
    groupes_visibles,
    maintenant,
    page_erreur,
    rediriger,
    rendre,
    session_bd,
    visiteur,
)
from rappels import presences

PAR_PAGE = 50
LONGUEUR_MAX_RECHERCHE = 100
# Roles a page can give; staff is given by the settings only (the domain refuses it).
ROLES_DONNES = (Role.MEMBRE, Role.ANIMATEUR)


# --- Reading the request ----------------------------------------------------------------------


def _entier(valeur: object) -> int | None:
    texte = valeur if isinstance(valeur, str) else ""
    return int(texte) if texte.isdigit() and len(texte) < 10 else None


_E = TypeVar("_E", Role, StatutMembre)


def _choix(classe: type[_E], valeur: str | None) -> _E | None:
    try:
        return classe(valeur) if valeur else None
    except ValueError:
        return None


def _id_membre(requete: web.Request) -> int:
    numero = _entier(requete.match_info["membre_id"])
    if numero is None:
        raise web.HTTPNotFound
    return numero


async def _membre_vu(requete: web.Request) -> Membre:
    """The person the URL names, if this visitor may see them (else 404: nobody learns who
    exists beyond their groups)."""
    membre = await acces.membre_vu(
        session_bd(requete), visiteur(requete).membre, _id_membre(requete)
    )
    if membre is None:
        raise web.HTTPNotFound
    return membre


async def _membre_equipe(requete: web.Request) -> tuple[Visiteur, Membre]:
    v = exiger_equipe(requete)
    membre = await membres.par_id(session_bd(requete), _id_membre(requete))
    if membre is None:
        raise web.HTTPNotFound
    return v, membre


def _validite(requete: web.Request) -> timedelta:
    return timedelta(days=application(requete).reglages.invitation_validite_jours)


async def _nom_du_bot(requete: web.Request) -> str:
    return await application(requete).nom_du_bot()


# --- The list ---------------------------------------------------------------------------------


async def liste(requete: web.Request) -> web.StreamResponse:
    v = visiteur(requete)
    session = session_bd(requete)
    q = requete.query
    recherche = q.get("q", "").strip()[:LONGUEUR_MAX_RECHERCHE]
    groupe_id = _entier(q.get("groupe"))
    role = _choix(Role, q.get("role"))
    etat = _choix(StatutMembre, q.get("etat"))
    resultat = await membres.chercher(
        session,
        recherche=recherche,
        groupe_id=groupe_id,
        role=role,
        statut=etat,
        groupes=v.groupes_ids(),
        page=_entier(q.get("page")) or 1,
        par_page=PAR_PAGE,
    )
    filtres: dict[str, Any] = {"q": recherche, "groupe": groupe_id, "role": role, "etat": etat}
    gardes = {k: str(val) for k, val in filtres.items() if val not in (None, "")}

    def page_url(numero: int) -> str:
        return f"{PREFIXE}/membres?{urlencode({**gardes, 'page': numero})}"

    return rendre(
        requete,
        "membres/liste.html",
        {
            "resultat": resultat,
            "filtres": filtres,
            "filtre_actif": bool(gardes),
            "groupes": groupes_visibles(v, await groupes_actifs(session)),
            "roles": list(Role),
            "etats": list(StatutMembre),
            "page_url": page_url,
        },
    )


# --- One person's record ----------------------------------------------------------------------


async def _rendre_fiche(
    requete: web.Request,
    membre: Membre,
    *,
    erreurs: dict[str, Markup] | None = None,
    statut: int = 200,
) -> web.Response:
    v = visiteur(requete)
    session = session_bd(requete)
    instant = maintenant(requete)
    invitation = await invitations.derniere(session, membre)
    contexte: dict[str, Any] = {
        "membre": membre,
        "groupes_membre": await membres.groupes_de(session, membre),
        "invitation": invitation,
        "etat_invitation": invitations.etat(invitation, instant).value,
        "historique": await presences.historique(session, membre),
        "erreurs": erreurs or {},
        "fait": requete.query.get("fait", ""),
        "roles": ROLES_DONNES,
    }
    if v.est_equipe:
        contexte["sessions"] = await connexions.sessions_ouvertes(
            session, membre, maintenant=instant
        )
        contexte["tous_groupes"] = await groupes_actifs(session)
        contexte["equipe_des_reglages"] = membres.equipe_des_reglages(
            membre, application(requete).reglages.equipe_telegram_ids
        )
    return rendre(requete, "membres/fiche.html", contexte, statut=statut)


async def fiche(requete: web.Request) -> web.StreamResponse:
    return await _rendre_fiche(requete, await _membre_vu(requete))


def _erreur(requete: web.Request, cle: str, **valeurs: object) -> Markup:
    return Markup(str(visiteur(requete).t(cle, **valeurs)))  # noqa: S704 (the catalogue escapes)


def _auteur(requete: web.Request, v: Visiteur) -> dict[str, Any]:
    return {
        "par": v.membre,
        "origine": membres.ORIGINE_CONSOLE,
        "equipe_ids": application(requete).reglages.equipe_telegram_ids,
        "maintenant": maintenant(requete),
    }


async def _changer(
    requete: web.Request, membre: Membre, champ: str, changement: Awaitable[bool]
) -> web.StreamResponse:
    """A change of someone's record by staff: refused with its reason beside the form's field
    `champ`, or made. Then their command menu follows their new rights, as after /role in
    the bot (a comfort: Telegram unreachable is only logged, the bot redoes it at its next
    start)."""
    try:
        change = await changement
    except membres.ErreurDroits as exc:
        erreur = _erreur(requete, "membres-refus", raison=exc.code)
        return await _rendre_fiche(requete, membre, erreurs={champ: erreur}, statut=400)
    if not change:
        return rediriger(f"{PREFIXE}/membres/{membre.id}")
    await application(requete).installer_menu(membre)
    return rediriger(f"{PREFIXE}/membres/{membre.id}?fait={champ}")


async def changer_role(requete: web.Request) -> web.StreamResponse:
    v, membre = await _membre_equipe(requete)
    formulaire = await requete.post()
    role = _choix(Role, str(formulaire.get("role", "")))
    if role is None:
        erreur = _erreur(requete, "membres-erreur-role")
        return await _rendre_fiche(requete, membre, erreurs={"role": erreur}, statut=400)
    changement = membres.changer_role(session_bd(requete), membre, role, **_auteur(requete, v))
    return await _changer(requete, membre, "role", changement)


async def changer_groupes(requete: web.Request) -> web.StreamResponse:
    v, membre = await _membre_equipe(requete)
    session = session_bd(requete)
    formulaire = await requete.post()
    ids = {_entier(x) for x in formulaire.getall("groupe", [])}
    actifs = {g.id: g for g in await groupes_actifs(session)}
    if None in ids or not ids <= actifs.keys():
        erreur = _erreur(requete, "membres-refus", raison="groupe-inconnu")
        return await _rendre_fiche(requete, membre, erreurs={"groupes": erreur}, statut=400)
    choisis = [actifs[i] for i in sorted(i for i in ids if i is not None)]
    changement = membres.changer_groupes(session, membre, choisis, **_auteur(requete, v))
    return await _changer(requete, membre, "groupes", changement)


async def marquer_depart(requete: web.Request) -> web.StreamResponse:
    v, membre = await _membre_equipe(requete)
    formulaire = await requete.post()
    if formulaire.get("confirmer") != "oui":
        erreur = _erreur(requete, "membres-erreur-confirmer-depart")
        return await _rendre_fiche(requete, membre, erreurs={"depart": erreur}, statut=400)
    changement = membres.marquer_depart(session_bd(requete), membre, **_auteur(requete, v))
    return await _changer(requete, membre, "depart", changement)


async def terminer_sessions(requete: web.Request) -> web.StreamResponse:
    _, membre = await _membre_equipe(requete)
    await connexions.terminer_toutes(session_bd(requete), membre, maintenant=maintenant(requete))
    return rediriger(f"{PREFIXE}/membres/{membre.id}?fait=sessions")


async def renouveler(requete: web.Request) -> web.StreamResponse:
    """A new link for one person (lost link, new phone), as `assemblee invitation
    renouveler`: the old one stops working. Shown once, on this answer."""
    _, membre = await _membre_equipe(requete)
    if membre.statut == StatutMembre.PARTI:
        erreur = _erreur(requete, "membres-refus", raison="parti")
        return await _rendre_fiche(requete, membre, erreurs={"invitation": erreur}, statut=400)
    session = session_bd(requete)
    instant = maintenant(requete)
    jeton = await invitations.renouveler(
        session,
        membre=membre,
        maintenant=instant,
        validite=_validite(requete),
        auteur=visiteur(requete).auteur,
    )
    return await _rendre_liens(requete, [(membre, jeton)], instant + _validite(requete), "un")


# --- New links: shown once, then printed or exported -----------------------------------------


async def _rendre_liens(
    requete: web.Request,
    nouveaux: Sequence[tuple[Membre, str]],
    expire_le: datetime,
    origine: str,
) -> web.Response:
    session = session_bd(requete)
    nom_du_bot = await _nom_du_bot(requete)
    groupes = await membres.groupes_par_membre(session, [m.id for m, _ in nouveaux if m.id])
    lignes = [
        {
            "membre": m,
            "jeton": jeton,
            "lien": invitations.lien_invitation(nom_du_bot, jeton),
            "groupes": groupes.get(m.id or 0, []),
        }
        for m, jeton in nouveaux
    ]
    return rendre(
        requete,
        "membres/liens.html",
        {"lignes": lignes, "expire_le": expire_le, "origine": origine},
    )


async def invitations_page(requete: web.Request) -> web.StreamResponse:
    """Who has not opened their link yet (waiting or expired), for letters or a mail merge."""
    exiger_equipe(requete)
    session = session_bd(requete)
    groupe_id = _entier(requete.query.get("groupe"))
    tous = await groupes_actifs(session)
    if groupe_id not in {g.id for g in tous}:
        groupe_id = None
    return await _rendre_invitations(requete, groupe_id, tous)


async def _rendre_invitations(
    requete: web.Request,
    groupe_id: int | None,
    tous: list[Groupe],
    *,
    erreur: Markup | None = None,
    statut: int = 200,
) -> web.Response:
    session = session_bd(requete)
    attente = await invitations.non_acceptees(session, groupe_id=groupe_id)
    montres = attente[:PAR_PAGE]  # a preview: the letters themselves are for everyone
    groupes = await membres.groupes_par_membre(session, [m.id for m in montres if m.id])
    return rendre(
        requete,
        "membres/invitations.html",
        {
            "nombre": len(attente),
            "attente": [(m, groupes.get(m.id or 0, [])) for m in montres],
            "groupes": tous,
            "groupe_id": groupe_id,
            "erreur": erreur,
        },
        statut=statut,
    )


async def preparer_invitations(requete: web.Request) -> web.StreamResponse:
    """New links for everyone (of a group) who has not opened theirs: only the tokens'
    hashes are kept, so the links can be given again only by renewing them, as the command
    line does; the old ones stop working."""
    exiger_equipe(requete)
    session = session_bd(requete)
    formulaire = await requete.post()
    brut = formulaire.get("groupe", "")
    groupe_id = _entier(brut)
    tous = await groupes_actifs(session)
    if brut and groupe_id not in {g.id for g in tous}:
        erreur = _erreur(requete, "membres-erreur-groupe")
        return await _rendre_invitations(requete, None, tous, erreur=erreur, statut=400)
    attente = await invitations.non_acceptees(session, groupe_id=groupe_id)
    if not attente:
        erreur = _erreur(requete, "membres-invitations-personne")
        return await _rendre_invitations(requete, groupe_id, tous, erreur=erreur, statut=400)
    instant = maintenant(requete)
    nouveaux = await invitations.renouveler_plusieurs(
        session,
        membres=attente,
        maintenant=instant,
        validite=_validite(requete),
        auteur=visiteur(requete).auteur,
    )
    return await _rendre_liens(requete, nouveaux, instant + _validite(requete), "plusieurs")


async def _valables(
    requete: web.Request,
) -> tuple[list[tuple[Membre, str, datetime]], dict[int, list[Groupe]], str]:
    """The links a page sent back, each still opening its invitation (checked by hash)."""
    formulaire = await requete.post()
    jetons = [j for j in formulaire.getall("jeton", []) if isinstance(j, str)]
    session = session_bd(requete)
    trouves = await invitations.valables(session, jetons, maintenant=maintenant(requete))
    if not trouves:
        raise _Perimes
    groupes = await membres.groupes_par_membre(session, [m.id for m, _, _ in trouves if m.id])
    liens = [(m, jeton, inv.expire_le) for m, jeton, inv in trouves]
    return liens, groupes, await _nom_du_bot(requete)


class _Perimes(Exception):
    """None of the links sent back still works (used, renewed, expired)."""


def _textes(t: Traducteur) -> Callable[..., Markup]:
    def traduire(cle: str, **valeurs: object) -> Markup:
        return Markup(str(t(cle, **valeurs)))  # noqa: S704 (the catalogue escapes the values)

    return traduire


def qr_code(lien: str) -> str:
    """The QR code of a link as an SVG data: URI (an <img>, so it carries alt text; the
    page's Content-Security-Policy allows data: images)."""
    return segno.make(lien).svg_data_uri(scale=4, border=4)


async def lettres(requete: web.Request) -> web.StreamResponse:
    """Print-ready letters, one A4 page each (console.css), in each person's language."""
    exiger_equipe(requete)
    try:
        liens, groupes, nom_du_bot = await _valables(requete)
    except _Perimes:
        return page_erreur(requete, 400, "membres-liens-perimes")
    app = application(requete)
    pages = []
    for membre, jeton, expire_le in liens:
        lien = invitations.lien_invitation(nom_du_bot, jeton)
        pages.append(
            {
                "membre": membre,
                "groupes": groupes.get(membre.id or 0, []),
                "lien": lien,
                "qr": qr_code(lien),
                "expire_le": dates.date_longue(expire_le, app.reglages.fuseau, membre.langue),
                "langue": membre.langue.value,
                "tl": _textes(app.catalogue.pour(membre.langue.value)),
            }
        )
    return rendre(requete, "membres/lettres.html", {"lettres": pages, "nom_du_bot": nom_du_bot})


async def csv_invitations(requete: web.Request) -> web.StreamResponse:
    """The same links for a mail merge, through the shared writer (`;`, BOM, no formula)."""
    exiger_equipe(requete)
    try:
        liens, groupes, nom_du_bot = await _valables(requete)
    except _Perimes:
        return page_erreur(requete, 400, "membres-liens-perimes")
    t = visiteur(requete).t
    lignes: list[list[str]] = [
        [str(t(f"membres-csv-{c}")) for c in ("nom", "prenom", "groupe", "lien")]
    ]
    for membre, jeton, _ in liens:
        noms = ", ".join(g.nom for g in groupes.get(membre.id or 0, []))
        lignes.append(
            [membre.nom, membre.prenom, noms, invitations.lien_invitation(nom_du_bot, jeton)]
        )
    return web.Response(
        body=tableur.ecrire_csv(lignes).encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="invitations.csv"'},
    )


# --- The CSV import: upload, preview, confirm ------------------------------------------------


def _empreinte(v: Visiteur, contenu: bytes) -> str:
    """Ties a previewed file to this session: what is confirmed is what was previewed here
    (then checked again, whole, before anything is written)."""
    return hmac.new(v.csrf.encode(), b"import-membres\0" + contenu, hashlib.sha256).hexdigest()


def _emballer(contenu: bytes) -> str:
    # Compressed: a spreadsheet's CSV shrinks well below the 2 MB a request may carry.
    return base64.urlsafe_b64encode(zlib.compress(contenu, 9)).decode()


def _deballer(texte: str) -> bytes | None:
    try:
        decompresseur = zlib.decompressobj()
        contenu = decompresseur.decompress(base64.urlsafe_b64decode(texte), 4 * 1024 * 1024)
    except (binascii.Error, ValueError, zlib.error):
        return None
    return contenu if decompresseur.eof and not decompresseur.unconsumed_tail else None


async def importer_page(requete: web.Request) -> web.StreamResponse:
    exiger_equipe(requete)
    return rendre(requete, "membres/importer.html", {"examen": None, "erreur": None})


async def _rendre_apercu(
    requete: web.Request, examen: invitations.Examen, contenu: bytes
) -> web.Response:
    v = visiteur(requete)
    ok = not examen.problemes
    return rendre(
        requete,
        "membres/importer.html",
        {
            "examen": examen,
            "erreur": None,
            "contenu": _emballer(contenu) if ok else "",
            "empreinte": _empreinte(v, contenu) if ok else "",
        },
        statut=200 if ok else 400,
    )


async def apercu_import(requete: web.Request) -> web.StreamResponse:
    """Every line checked, good and bad (with its number and reason); nothing written."""
    exiger_equipe(requete)
    formulaire = await requete.post()
    fichier = formulaire.get("fichier")
    contenu = fichier.file.read() if isinstance(fichier, web.FileField) else b""
    if not contenu.strip():
        erreur = _erreur(requete, "membres-import-erreur-fichier")
        return rendre(
            requete, "membres/importer.html", {"examen": None, "erreur": erreur}, statut=400
        )
    examen = await invitations.examiner_import(session_bd(requete), contenu)
    return await _rendre_apercu(requete, examen, contenu)


async def confirmer_import(requete: web.Request) -> web.StreamResponse:
    """The previewed file, checked again whole (someone may have been added meanwhile), then
    imported all or nothing; the new links are shown once."""
    v = exiger_equipe(requete)
    formulaire = await requete.post()
    contenu = _deballer(str(formulaire.get("contenu", "")))
    empreinte = str(formulaire.get("empreinte", ""))
    if contenu is None or not hmac.compare_digest(empreinte, _empreinte(v, contenu)):
        return page_erreur(requete, 400, "membres-import-altere")
    session = session_bd(requete)
    try:
        lecture = await invitations.lire_import(session, contenu)
    except invitations.ErreurImport:
        examen = await invitations.examiner_import(session, contenu)
        return await _rendre_apercu(requete, examen, contenu)
    instant = maintenant(requete)
    lignes = await invitations.enregistrer_import(
        session, lecture, maintenant=instant, validite=_validite(requete), auteur=v.auteur
    )
    nouveaux = [(ligne.membre, ligne.jeton) for ligne in lignes if ligne.membre is not None]
    return await _rendre_liens(requete, nouveaux, instant + _validite(requete), "import")


def installer(routeur: web.UrlDispatcher) -> None:
    routeur.add_get("/membres", liste, name="membres")
    routeur.add_get("/membres/importer", importer_page, name="membres-importer")
    routeur.add_post("/membres/importer", apercu_import, name="membres-apercu")
    routeur.add_post("/membres/importer/confirmer", confirmer_import, name="membres-confirmer")
    routeur.add_get("/membres/invitations", invitations_page, name="membres-invitations")
    routeur.add_post("/membres/invitations", preparer_invitations, name="membres-preparer")
    routeur.add_post("/membres/invitations/lettres", lettres, name="membres-lettres")
    routeur.add_post("/membres/invitations/csv", csv_invitations, name="membres-csv")
    routeur.add_get(r"/membres/{membre_id:\d+}", fiche, name="membres-fiche")
    routeur.add_post(r"/membres/{membre_id:\d+}/role", changer_role, name="membres-role")
    routeur.add_post(r"/membres/{membre_id:\d+}/groupes", changer_groupes, name="membres-groupes")
    routeur.add_post(r"/membres/{membre_id:\d+}/depart", marquer_depart, name="membres-depart")
    routeur.add_post(r"/membres/{membre_id:\d+}/invitation", renouveler, name="membres-invitation")
    routeur.add_post(
        r"/membres/{membre_id:\d+}/sessions/terminer",
        terminer_sessions,
        name="membres-sessions",
    )
