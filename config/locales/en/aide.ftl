## /aide and Telegram's command menu.

aide =
    <b>What you can ask me</b>
    { $commandes }

    A question I cannot handle? Write to { $contact }.
aide-ligne = /{ $commande } — { $description }

commande-aide = What I can do
commande-moi = Your profile and language
commande-mesdonnees = Get all your data
commande-supprimer = Erase your data
commande-membres = Members and their status
