"""The deployment files (Dockerfile, deploy/) agree with the code: the command they run exists,
the proxies send the bot's paths to the bot's port, every setting they name is documented, and
the container's health check tells a healthy bot from a sick one."""

from __future__ import annotations

import asyncio
import configparser
import fnmatch
import json
import re
import shlex
import socket
import sys
import tomllib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import web

from bot.cli import analyseur
from bot.cli import run as cli_run
from config.reglages import Reglages
from console.web import TAILLE_MAX_REQUETE

RACINE = Path(__file__).resolve().parent.parent
DEPLOY = RACINE / "deploy"
DOCKERFILE = RACINE / "Dockerfile"

CHEMIN_WEBHOOK = Reglages.model_fields["webhook_chemin"].default
PORT_WEBHOOK = Reglages.model_fields["webhook_port"].default
PORT_CONSOLE = Reglages.model_fields["console_port"].default

# What the bot serves behind the proxy, and what must not reach it.
POUR_LE_BOT = [
    CHEMIN_WEBHOOK,
    "/console",
    "/console/",
    "/console/seances",
    "/calendrier/AbCd1234.ics",
    "/sante",
]
PAS_POUR_LE_BOT = ["/", "/consolex", CHEMIN_WEBHOOK + "x", "/.env", "/assemblee.db"]

# Upper-case words with an underscore that name no setting of ours.
PAS_DES_REGLAGES = {"AF_UNIX", "AF_INET", "AF_INET6"}  # RestrictAddressFamilies in the unit


def _lire(chemin: Path) -> str:
    return chemin.read_text(encoding="utf-8")


def _lance_le_bot(argv: list[str]) -> bool:
    """`assemblee <argv>` is the bot in webhook mode, as the CLI itself parses it."""
    args = analyseur().parse_args(argv)
    return args.executer is cli_run.lancer and args.webhook is True


# --- systemd --------------------------------------------------------------------------------


def _unite() -> configparser.ConfigParser:
    # strict=False: systemd allows a key twice (SystemCallFilter); no inline comments in systemd.
    unite = configparser.ConfigParser(
        strict=False, interpolation=None, comment_prefixes=("#", ";"), inline_comment_prefixes=None
    )
    unite.optionxform = str  # keys keep their case, as systemd reads them
    unite.read_string(_lire(DEPLOY / "assemblee.service"))
    return unite


def test_l_unite_systemd_lance_assemblee_run_en_webhook() -> None:
    service = _unite()["Service"]
    argv = shlex.split(service["ExecStart"])
    assert Path(argv[0]).name == "assemblee" and Path(argv[0]).is_absolute()
    assert _lance_le_bot(argv[1:])


def test_l_unite_systemd_travaille_dans_son_seul_dossier_inscriptible() -> None:
    unite = _unite()
    service = unite["Service"]
    # ProtectSystem=strict leaves only the StateDirectory writable: the relative defaults of
    # DATABASE_URL and SECRET_SCRUTINS_FICHIER must resolve there.
    assert service["ProtectSystem"] == "strict"
    assert service["WorkingDirectory"] == "/var/lib/" + service["StateDirectory"]
    assert service["EnvironmentFile"] == "/etc/assemblee/env"
    assert service["User"] not in {"", "root", "0"}
    assert service["NoNewPrivileges"] == "yes" and service["PrivateTmp"] == "yes"
    assert service["Restart"] == "on-failure"
    assert unite["Install"]["WantedBy"] == "multi-user.target"


def test_l_unite_systemd_n_a_pas_de_commentaire_en_fin_de_ligne() -> None:
    # systemd would take "# ..." after a value as part of the value.
    unite = _unite()
    valeurs = {
        f"[{section}] {cle}": valeur
        for section in unite.sections()
        for cle, valeur in unite[section].items()
    }
    assert valeurs
    assert not {cle: v for cle, v in valeurs.items() if "#" in v or ";" in v}


# --- the proxies ----------------------------------------------------------------------------


def _route_nginx() -> Callable[[str], bool]:
    """nginx's choice of location for a path (exact `=` first, else the longest prefix), and
    whether that location proxies to the upstream that is the bot's port."""
    texte = _lire(DEPLOY / "nginx.conf")
    amont = re.search(r"upstream\s+(\w+)\s*\{([^}]*)\}", texte)
    assert amont is not None
    assert re.search(rf"^\s*server\s+127\.0\.0\.1:{PORT_WEBHOOK};", amont.group(2), re.M)
    locations = re.findall(r"^\s*location\s+(=\s+)?(\S+)\s*\{([^}]*)\}", texte, re.M)
    assert locations and "location ~" not in texte  # prefixes and exact paths only
    vers_le_bot = f"proxy_pass http://{amont.group(1)};"

    def route(chemin: str) -> bool:
        exactes = [corps for egal, motif, corps in locations if egal and motif == chemin]
        prefixes = sorted(
            ((motif, corps) for egal, motif, corps in locations if not egal),
            key=lambda paire: len(paire[0]),
        )
        choisies = exactes or [corps for motif, corps in prefixes if chemin.startswith(motif)][-1:]
        assert choisies, f"no location for {chemin}"
        return vers_le_bot in choisies[0]

    return route


def _route_caddy() -> Callable[[str], bool]:
    """Caddy's path matcher (`*` at the end: a prefix) of the block that proxies to the bot."""
    texte = _lire(DEPLOY / "Caddyfile")
    matcher = re.search(r"^\s*@(\w+)\s+path\s+(.+)$", texte, re.M)
    assert matcher is not None
    bloc = re.search(rf"handle\s+@{matcher.group(1)}\s*\{{([^}}]*)\}}", texte)
    assert bloc is not None
    assert re.search(rf"reverse_proxy\s+127\.0\.0\.1:{PORT_WEBHOOK}\s*$", bloc.group(1), re.M)
    assert re.search(r"handle\s*\{\s*respond 404\s*\}", texte)  # anything else stops there
    motifs = matcher.group(2).split()

    def route(chemin: str) -> bool:
        return any(chemin.startswith(m[:-1]) if m.endswith("*") else chemin == m for m in motifs)

    return route


@pytest.mark.parametrize("routeur", [_route_caddy, _route_nginx], ids=["caddy", "nginx"])
def test_le_proxy_envoie_au_bot_le_webhook_la_console_le_calendrier_et_sante(
    routeur: Callable[[], Callable[[str], bool]],
) -> None:
    route = routeur()
    assert {chemin: route(chemin) for chemin in POUR_LE_BOT} == dict.fromkeys(POUR_LE_BOT, True)
    assert {c: route(c) for c in PAS_POUR_LE_BOT} == dict.fromkeys(PAS_POUR_LE_BOT, False)


@pytest.mark.parametrize("nom", ["Caddyfile", "nginx.conf"])
def test_le_proxy_sert_en_https_sous_le_nom_public(nom: str) -> None:
    texte = _lire(DEPLOY / nom)
    assert "assemblee.example.org" in texte
    if nom == "nginx.conf":
        assert re.search(r"^\s*listen 443 ssl;", texte, re.M)
        assert "return 301 https://" in texte
    else:  # Caddy: a site named by its domain is served in HTTPS, with its own certificate
        assert re.search(r"^assemblee\.example\.org \{", texte, re.M)


# --- the Dockerfile -------------------------------------------------------------------------


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    lignes = _lire(DOCKERFILE).splitlines()
    lignes = [ligne for ligne in lignes if not ligne.lstrip().startswith("#")]
    texte = re.sub(r"\\\n\s*", " ", "\n".join(lignes))
    return [
        (mot.upper(), reste.strip())
        for mot, reste in (ligne.strip().split(" ", 1) for ligne in texte.splitlines() if ligne)
    ]


def _une(instruction: str) -> str:
    trouvees = [reste for mot, reste in _instructions() if mot == instruction]
    assert len(trouvees) == 1, f"{instruction}: {trouvees}"
    return trouvees[0]


def test_l_image_lance_assemblee_run_en_webhook() -> None:
    argv = json.loads(_une("CMD"))
    assert argv[0] == "assemblee"
    assert _lance_le_bot(argv[1:])


def test_l_image_tourne_sans_root_dans_son_volume() -> None:
    assert re.fullmatch(r"python:3\.11-slim[\w.-]*", _une("FROM"))
    utilisateur = _une("USER").split(":")[0]
    assert utilisateur.isdigit() and int(utilisateur) != 0
    assert json.loads(_une("VOLUME")) == [_une("WORKDIR")]


def _sante_du_conteneur() -> list[str]:
    options, commande = _une("HEALTHCHECK").split("CMD", 1)
    assert "--interval" in options
    argv: list[str] = json.loads(commande)
    assert argv[:2] == ["python", "-c"]
    return [sys.executable, *argv[1:]]


@pytest.fixture
async def bot_factice() -> AsyncIterator[dict[str, int]]:
    """A stand-in for the bot's /sante, on a free port; `etat["statut"]` is its answer."""
    etat = {"statut": 200}

    async def sante(_requete: web.Request) -> web.Response:
        return web.json_response({"base": "ok"}, status=etat["statut"])

    serveur = web.Application()
    serveur.router.add_get("/sante", sante)
    runner = web.AppRunner(serveur)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    etat["port"] = runner.addresses[0][1]
    try:
        yield etat
    finally:
        await runner.cleanup()


async def _verdict(port: int) -> int:
    # A proxy in the environment must not answer for the bot.
    env = {"WEBHOOK_PORT": str(port), "http_proxy": "http://192.0.2.1:9", "no_proxy": ""}
    processus = await asyncio.create_subprocess_exec(
        *_sante_du_conteneur(),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    return await asyncio.wait_for(processus.wait(), 60)


async def test_le_conteneur_est_sain_quand_sante_repond_200(bot_factice: dict[str, int]) -> None:
    assert await _verdict(bot_factice["port"]) == 0


async def test_le_conteneur_est_malade_quand_la_base_ne_repond_pas(
    bot_factice: dict[str, int],
) -> None:
    bot_factice["statut"] = 503
    assert await _verdict(bot_factice["port"]) == 1


async def test_le_conteneur_est_malade_quand_le_bot_n_ecoute_pas() -> None:
    # A port held but not listened on: connections are refused, and nobody else can take it.
    with socket.socket() as tenu:
        tenu.bind(("127.0.0.1", 0))
        assert await _verdict(tenu.getsockname()[1]) == 1


def _exclu(chemin: str, motifs: list[str]) -> bool:
    """Docker's rule: a pattern matches from the context's root, `*` within one name, `**/`
    at any depth; a folder excluded excludes its content."""
    morceaux = chemin.split("/")
    for motif in motifs:
        debuts = range(len(morceaux)) if motif.startswith("**/") else range(1)
        noms = motif.removeprefix("**/").split("/")
        for debut in debuts:
            fenetre = morceaux[debut : debut + len(noms)]
            if len(fenetre) == len(noms) and all(map(fnmatch.fnmatchcase, fenetre, noms)):
                return True
    return False


def test_l_image_ne_recoit_ni_secrets_ni_donnees_mais_tout_le_paquet() -> None:
    motifs = [
        ligne.strip()
        for ligne in _lire(RACINE / ".dockerignore").splitlines()
        if ligne.strip() and not ligne.startswith("#")
    ]
    secrets = [".env", "assemblee.secret", "assemblee.db", "assemblee.db-wal", ".git/config"]
    secrets += ["tirage-invitations.csv", "sous/dossier/.env", "sous/assemblee.db", "a/b.secret"]
    assert [s for s in secrets if not _exclu(s, motifs)] == []
    # What `pip install` needs: the project file, the README it names, every file of the
    # packages it installs (their data too: .env.example, the .ftl texts, the migrations).
    projet = tomllib.loads(_lire(RACINE / "pyproject.toml"))
    inclus = projet["tool"]["setuptools"]["packages"]["find"]["include"]
    paquets = [
        d
        for d in RACINE.iterdir()
        if (d / "__init__.py").is_file() and any(fnmatch.fnmatch(d.name, m) for m in inclus)
    ]
    fichiers = [
        f.relative_to(RACINE).as_posix()
        for d in paquets
        for f in d.rglob("*")
        if f.is_file() and "__pycache__" not in f.parts
    ]
    assert "config/.env.example" in fichiers and "config/locales/fr/aide.ftl" in fichiers
    assert [f for f in ["pyproject.toml", "README.md", *fichiers] if _exclu(f, motifs)] == []


# --- settings named in the deployment files --------------------------------------------------


def test_chaque_reglage_nomme_par_le_deploiement_est_documente() -> None:
    fichiers = [DOCKERFILE, *sorted(DEPLOY.iterdir())]
    nommes = {
        nom
        for fichier in fichiers
        for nom in re.findall(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", _lire(fichier))
    } - PAS_DES_REGLAGES
    assert {"WEBHOOK_CHEMIN", "WEBHOOK_PORT", "WEBHOOK_URL", "CONSOLE_PORT"} <= nommes
    exemple = _lire(RACINE / "config" / ".env.example")
    documentes = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", exemple, re.M))
    assert sorted(nommes - documentes) == []


@pytest.mark.parametrize("nom", ["Caddyfile", "nginx.conf"])
def test_les_reglages_donnes_en_exemple_par_le_proxy_sont_acceptes(nom: str) -> None:
    exemples = dict(re.findall(r"\b([A-Z][A-Z0-9_]+)=(\S+)", _lire(DEPLOY / nom)))
    assert set(exemples) == {"WEBHOOK_URL", "CONSOLE_URL_PUBLIQUE"}
    reglages = Reglages(_env_file=None, **{cle.lower(): v for cle, v in exemples.items()})
    # Telegram is given the proxied webhook path; the console's address is public, in https.
    assert reglages.url_webhook_complete == "https://assemblee.example.org" + CHEMIN_WEBHOOK
    assert reglages.console_en_https


@pytest.mark.parametrize("nom", ["Caddyfile", "nginx.conf"])
def test_le_proxy_dit_ou_trouver_la_console_en_polling(nom: str) -> None:
    # Without a webhook, the console alone listens, on its own port.
    assert f"127.0.0.1:{PORT_CONSOLE}" in _lire(DEPLOY / nom)


def test_nginx_laisse_passer_ce_que_la_console_accepte() -> None:
    # Beyond nginx's limit, nginx answers 413 itself, instead of the console's page.
    texte = _lire(DEPLOY / "nginx.conf")
    bloc = re.search(r"location /console/ \{([^}]*)\}", texte)
    assert bloc is not None
    taille = re.search(r"client_max_body_size (\d+)m;", bloc.group(1))
    assert taille is not None and int(taille.group(1)) * 1024 * 1024 >= TAILLE_MAX_REQUETE
