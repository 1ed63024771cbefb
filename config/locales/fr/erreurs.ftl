## Ce que voit une personne quand quelque chose ne va pas.

erreur-interne = Une erreur est survenue, l'équipe est prévenue.
erreur-enregistrement = Votre réponse n'a pas pu être enregistrée : réessayez dans quelques minutes.
bouton-perime = Ce bouton n'est plus valable.
commande-reservee = Cette commande est réservée { $role ->
        [animateur] aux animateurs et à l'équipe
       *[equipe] à l'équipe
    }.
commande-inconnue = Je ne connais pas cette commande. Tapez /aide pour voir ce que je sais faire.
message-incompris = Je n'ai pas compris. Tapez /aide pour voir ce que je sais faire.
# Flood control: sent once per flood episode, as a message or as a button's short answer
# (200 characters at most).
trop-vite = Vous allez trop vite pour moi : attendez quelques secondes avant de continuer.
