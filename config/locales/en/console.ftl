## The staff console: frame, signing in, errors, dashboard.
## Each page has its own console-<page>.ftl file.

console-nom = Citizens' assembly
console-titre = Staff console
console-aller-au-contenu = Skip to content
console-nav-principale = Console menu
console-nav-tableau = Dashboard
console-nav-membres = Members
console-nav-seances = Sessions
console-nav-sondages = Polls
console-nav-veille = Watch
console-nav-annonces = Announcements
console-nav-journal = Log
console-sortir = Sign out
console-connecte-comme = Signed in: { $nom } ({ $role ->
    [equipe] staff
    [animateur] facilitator
   *[autre] member
})
console-retour-tableau = Back to the dashboard

console-connexion-titre = Staff console
console-connexion-texte = To sign in, send /console to the assembly's bot in Telegram: it sends you a personal link, valid for 10 minutes. In Telegram, the "Console" button at the bottom of the chat opens the console too.
console-entrer-titre = Sign in to the console
console-entrer-texte = This personal link opens the staff console on this device. It works only once.
console-entrer-bouton = Sign in
console-mini-app-attente = Signing in…
console-mini-app-refus = Signing in failed. Close this window and open the console again from the bot, or send /console to the bot.
console-sorti-titre = You are signed out

erreur-400-titre = Bad request
erreur-400 = This request could not be understood. Go back to the previous page and try again.
erreur-403-titre = Access denied
erreur-403 = You do not have access to this page or action. If the page was open for a long time, reload it and try again.
erreur-404-titre = Page not found
erreur-404 = This page does not exist, or no longer does.
erreur-500-titre = Something went wrong
erreur-500 = The page could not be shown. Nothing was lost; try again in a moment, and if it goes on, tell whoever runs the bot.
erreur-trop-gros-titre = File too large
erreur-trop-gros = This file is larger than allowed (2 MB). Split it and try again.
erreur-reserve-equipe-titre = Staff only
erreur-reserve-equipe = The console is for the assembly's staff and facilitators. For your sessions, votes and the watch, use the bot in Telegram.
erreur-lien-invalide-titre = Invalid link
erreur-lien-invalide = This sign-in link is not valid. Send /console to the bot to get a new one.
erreur-lien-expire-titre = Link expired
erreur-lien-expire = This sign-in link has expired (it lasts 10 minutes). Send /console to the bot to get a new one.
erreur-lien-utilise-titre = Link already used
erreur-lien-utilise = This sign-in link has already been used: it works only once. Send /console to the bot to get a new one.

tableau-a-trier-titre = Watch to sort
tableau-a-trier = { $n ->
    [0] No article is waiting to be sorted.
    [one] article is waiting to be sorted.
   *[other] articles are waiting to be sorted.
}
tableau-injoignables-titre = Unreachable
tableau-injoignables = { $n ->
    [0] Everyone receives the bot's messages.
    [one] member no longer receives the bot's messages.
   *[other] members no longer receive the bot's messages.
}
tableau-envois-titre = Failed messages
tableau-envois = { $echecs } failed, { $attente } waiting to be sent.
tableau-seances-titre = Next sessions
tableau-col-seance = Session
tableau-col-quand = When
tableau-col-oui = Yes
tableau-col-non = No
tableau-col-peut-etre = Maybe
tableau-col-sans-reponse = No answer
tableau-aucune-seance = No session ahead.
tableau-sondages-titre = Open polls
tableau-participation = { $votants } of { $inscrits } voted ({ $taux } %)
tableau-cloture = closes { $date }
tableau-aucun-sondage = No open poll.

commande-console = Open the staff console (personal link)
console-lien-message = Your personal link to the staff console (valid 10 minutes, once):
    { $lien }
console-lien-bouton = Open the console
console-menu-bouton = Console
console-indisponible = The console is not served here (setting CONSOLE). Ask whoever runs the bot.
