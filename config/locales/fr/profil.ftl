## /moi, /mesdonnees, /supprimer.

role = { $role ->
        [animateur] animateur ou animatrice
        [equipe] équipe
       *[membre] membre
    }
statut = { $statut ->
        [actif] actif
        [injoignable] injoignable
        [parti] parti
       *[invite] invité
    }

moi =
    <b>Votre profil</b>
    Nom : { $nom }
    Rôle : { role }
    Groupe(s) : { $groupes }
    Langue : français

    Vos données : /mesdonnees pour les recevoir, /supprimer pour les effacer.
aucun-groupe = aucun
bouton-francais = 🇫🇷 Français
bouton-anglais = 🇬🇧 English
langue-changee = C'est noté, je vous parle maintenant en français.

mesdonnees-legende = Voici tout ce que l'assistant garde sur vous, au format JSON.
mesdonnees-fichier = mes-donnees-assemblee.json

supprimer-question =
    <b>Effacer vos données ?</b>
    Je supprimerai votre nom, votre lien avec Telegram et tout ce que je garde sur vous, sauf les présences nécessaires à votre indemnisation. Je ne pourrai plus vous écrire : pour revenir, il faudra un nouveau lien d'invitation.
bouton-supprimer = Oui, tout effacer
bouton-annuler = Annuler
supprimer-fait = Vos données sont effacées. Merci pour votre participation à l'assemblée !
supprimer-annule = Rien n'a été effacé.
