## La console de l'équipe : cadre, entrée, erreurs, tableau de bord.
## Chaque page a son fichier console-<page>.ftl.

console-nom = Assemblée citoyenne
console-titre = Console de l'équipe
console-aller-au-contenu = Aller au contenu
console-nav-principale = Menu de la console
console-nav-tableau = Tableau de bord
console-nav-membres = Membres
console-nav-seances = Séances
console-nav-sondages = Sondages
console-nav-veille = Veille
console-nav-annonces = Annonces
console-nav-journal = Journal
console-sortir = Se déconnecter
console-connecte-comme = Connecté·e : { $nom } ({ $role ->
    [equipe] équipe
    [animateur] animation
   *[autre] membre
})
console-retour-tableau = Revenir au tableau de bord

console-connexion-titre = Console de l'équipe
console-connexion-texte = Pour entrer, écrivez /console au bot de l'assemblée dans Telegram : il vous envoie un lien personnel, valable 10 minutes. Dans Telegram, le bouton « Console » en bas de la conversation ouvre aussi la console.
console-entrer-titre = Entrer dans la console
console-entrer-texte = Ce lien personnel ouvre la console de l'équipe sur cet appareil. Il ne sert qu'une fois.
console-entrer-bouton = Entrer
console-mini-app-attente = Connexion en cours…
console-mini-app-refus = La connexion a échoué. Fermez cette fenêtre et rouvrez la console depuis le bot, ou écrivez /console au bot.
console-sorti-titre = Vous êtes déconnecté·e

erreur-400-titre = Demande incorrecte
erreur-400 = Cette demande n'a pas pu être comprise. Revenez à la page précédente et réessayez.
erreur-403-titre = Accès refusé
erreur-403 = Vous n'avez pas accès à cette page ou à cette action. Si la page était ouverte depuis longtemps, rechargez-la et réessayez.
erreur-404-titre = Page introuvable
erreur-404 = Cette page n'existe pas, ou plus.
erreur-500-titre = Un problème est survenu
erreur-500 = La page n'a pas pu être affichée. Rien n'a été perdu ; réessayez dans un instant, et si cela continue, prévenez la personne qui s'occupe du bot.
erreur-trop-gros-titre = Fichier trop gros
erreur-trop-gros = Ce fichier dépasse la taille permise (2 Mo). Découpez-le et réessayez.
erreur-reserve-equipe-titre = Réservé à l'équipe
erreur-reserve-equipe = La console est réservée à l'équipe de l'assemblée et aux animateurs et animatrices. Pour vos séances, vos votes et la veille, utilisez le bot dans Telegram.
erreur-lien-invalide-titre = Lien non valable
erreur-lien-invalide = Ce lien de connexion n'est pas valable. Écrivez /console au bot pour en recevoir un nouveau.
erreur-lien-expire-titre = Lien expiré
erreur-lien-expire = Ce lien de connexion a expiré (il vaut 10 minutes). Écrivez /console au bot pour en recevoir un nouveau.
erreur-lien-utilise-titre = Lien déjà utilisé
erreur-lien-utilise = Ce lien de connexion a déjà servi : il ne marche qu'une fois. Écrivez /console au bot pour en recevoir un nouveau.

tableau-a-trier-titre = Veille à trier
tableau-a-trier = { $n ->
    [0] Aucun article n'attend d'être trié.
    [one] article attend d'être trié.
   *[other] articles attendent d'être triés.
}
tableau-injoignables-titre = Injoignables
tableau-injoignables = { $n ->
    [0] Tout le monde reçoit les messages du bot.
    [one] membre ne reçoit plus les messages du bot.
   *[other] membres ne reçoivent plus les messages du bot.
}
tableau-envois-titre = Messages en échec
tableau-envois = { $echecs } en échec, { $attente } en attente d'envoi.
tableau-seances-titre = Prochaines séances
tableau-col-seance = Séance
tableau-col-quand = Quand
tableau-col-oui = Oui
tableau-col-non = Non
tableau-col-peut-etre = Peut-être
tableau-col-sans-reponse = Sans réponse
tableau-aucune-seance = Aucune séance à venir.
tableau-sondages-titre = Sondages ouverts
tableau-participation = { $votants } sur { $inscrits } ont voté ({ $taux } %)
tableau-cloture = clôture { $date }
tableau-aucun-sondage = Aucun sondage ouvert.

commande-console = Ouvrir la console de l'équipe (lien personnel)
console-lien-message = Votre lien personnel vers la console de l'équipe (valable 10 minutes, une seule fois) :
    { $lien }
console-lien-bouton = Ouvrir la console
console-menu-bouton = Console
console-indisponible = La console n'est pas ouverte sur ce serveur (réglage CONSOLE). Demandez à la personne qui s'occupe du bot.
