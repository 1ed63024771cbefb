"""Telegram handlers, thin: parse, call one domain function, render from the catalogue, reply.

`get_routers()` gives fresh routers grouped by the least role they require; `bot.app` puts the
role filters on the parent routers (a router can belong to only one dispatcher, hence fresh).
"""

from dataclasses import dataclass

from aiogram import Router

from commandes import (
    accueil,
    agenda,
    aide,
    annonces,
    candidatures,
    console,
    equipe,
    presences,
    profil,
    repli,
    revue,
    roles,
    seances,
    sondages,
    sujets,
    veille,
)


@dataclass(frozen=True)
class Routeurs:
    publics: list[Router]  # anyone: the door (/start, consent), volunteering for the draw
    membres: list[Router]  # active members and above
    animateurs: list[Router]  # facilitators and staff
    equipe: list[Router]  # staff only
    repli: list[Router]  # whatever no one else handled


def get_routers() -> Routeurs:
    return Routeurs(
        publics=[candidatures.routeur_public(), accueil.routeur()],
        membres=[
            aide.routeur(),
            profil.routeur(),
            agenda.routeur(),
            sujets.routeur_membres(),
            sondages.routeur_membres(),
            veille.routeur_membres(),
            veille.routeur_lien(),  # last: a link pasted alone, outside any conversation
        ],
        animateurs=[
            seances.routeur(),
            presences.routeur(),
            sujets.routeur_animateurs(),
            sondages.routeur_animateurs(),
            veille.routeur_animateurs(),
            console.routeur(),
        ],
        equipe=[
            equipe.routeur(),
            roles.routeur(),
            annonces.routeur(),
            veille.routeur_equipe(),
            revue.routeur(),
            candidatures.routeur_equipe(),
        ],
        repli=[repli.routeur()],
    )
