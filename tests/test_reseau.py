"""The tests' network guard: beyond this machine, every attempt fails as on an offline machine
(errors the code under test handles: OSError, socket.gaierror) and is recorded, which fails the
test at teardown; this machine (loopback, 0.0.0.0, "0") is reachable as usual."""

from __future__ import annotations

import errno
import socket

import httpx
import pytest


def test_un_nom_ne_se_resout_pas_comme_hors_ligne(sans_internet: list[str]) -> None:
    with pytest.raises(socket.gaierror) as erreur:
        socket.getaddrinfo("flux.example.org", 443)
    assert isinstance(erreur.value, OSError) and erreur.value.errno == socket.EAI_AGAIN
    assert sans_internet == ["getaddrinfo 'flux.example.org'"]
    sans_internet.clear()  # seen: this test is the guard's own


def test_une_adresse_publique_est_injoignable(sans_internet: list[str]) -> None:
    with socket.socket() as s, pytest.raises(OSError) as erreur:
        s.connect(("192.0.2.1", 80))
    assert erreur.value.errno == errno.ENETUNREACH
    assert sans_internet == ["connect ('192.0.2.1', 80)"]
    sans_internet.clear()


async def test_un_client_http_recoit_une_erreur_de_connexion(sans_internet: list[str]) -> None:
    async with httpx.AsyncClient() as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("https://flux.example.org/rss")
    assert sans_internet
    sans_internet.clear()


@pytest.mark.parametrize(
    "hote",
    [
        "0",
        "0.0.0.0",  # noqa: S104 - connected to, never bound
        "127.0.0.1",
        "127.1",
        "::1",
        "localhost",
    ],
)
def test_cette_machine_reste_joignable(sans_internet: list[str], hote: str) -> None:
    famille = socket.AF_INET6 if ":" in hote else socket.AF_INET
    with socket.socket(famille) as serveur:
        serveur.bind(("::1" if famille == socket.AF_INET6 else "127.0.0.1", 0))
        serveur.listen()
        port = serveur.getsockname()[1]
        adresse = socket.getaddrinfo(hote, port, famille, socket.SOCK_STREAM)[0][4]
        with socket.socket(famille) as client:
            client.connect(adresse)
    assert sans_internet == []
