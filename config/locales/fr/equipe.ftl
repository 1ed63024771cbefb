## Commandes de l'équipe.

membres-titre = <b>Membres de l'assemblée</b> ({ $total })
membres-section = <b>{ $statut ->
        [actif] Actifs
        [injoignable] Injoignables
        [parti] Partis
       *[invite] Invités
    } : { $nombre }</b>
membres-ligne = • { $nom } — { role }, { $groupes }
membres-sans-nom = (sans nom)
membres-aucun = Aucun membre pour l'instant. Importez la liste avec « assemblee membres importer ».
