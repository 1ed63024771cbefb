## /moi, /mesdonnees, /supprimer.

role = { $role ->
        [animateur] facilitator
        [equipe] staff
       *[membre] member
    }
statut = { $statut ->
        [actif] active
        [injoignable] unreachable
        [parti] left
       *[invite] invited
    }

moi =
    <b>Your profile</b>
    Name: { $nom }
    Role: { role }
    Group(s): { $groupes }
    Language: English

    Your data: /mesdonnees to receive it, /supprimer to erase it.
aucun-groupe = none
bouton-francais = 🇫🇷 Français
bouton-anglais = 🇬🇧 English
langue-changee = Noted, I will speak English with you from now on.

mesdonnees-legende = Here is everything the assistant keeps about you, as JSON.
mesdonnees-fichier = my-assembly-data.json

supprimer-question =
    <b>Erase your data?</b>
    I will delete your name, your link to Telegram and everything I keep about you, except the attendance records your compensation needs. I will no longer be able to write to you: to come back, you will need a new invitation link.
bouton-supprimer = Yes, erase everything
bouton-annuler = Cancel
supprimer-fait = Your data is erased. Thank you for taking part in the assembly!
supprimer-annule = Nothing was erased.
