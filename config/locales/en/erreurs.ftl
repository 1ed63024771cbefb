## What a person sees when something goes wrong.

erreur-interne = Something went wrong; the staff have been told.
erreur-enregistrement = Your answer could not be saved: please try again in a few minutes.
bouton-perime = This button is no longer valid.
commande-reservee = This command is for { $role ->
        [animateur] facilitators and staff
       *[equipe] staff
    } only.
commande-inconnue = I do not know this command. Type /aide to see what I can do.
message-incompris = I did not understand. Type /aide to see what I can do.
# Flood control: sent once per flood episode, as a message or as a button's short answer
# (200 characters at most).
trop-vite = You are going too fast for me: please wait a few seconds before going on.
