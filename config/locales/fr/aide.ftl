## /aide et le menu des commandes de Telegram.

aide =
    <b>Ce que vous pouvez me demander</b>
    { $commandes }

    Une question que je ne sais pas traiter ? Écrivez à { $contact }.
aide-ligne = /{ $commande } — { $description }

commande-aide = Ce que je sais faire
commande-moi = Votre profil et votre langue
commande-mesdonnees = Recevoir toutes vos données
commande-supprimer = Effacer vos données
commande-membres = Liste des membres et de leur état
