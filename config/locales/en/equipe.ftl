## Staff commands.

membres-titre = <b>Members of the assembly</b> ({ $total })
membres-section = <b>{ $statut ->
        [actif] Active
        [injoignable] Unreachable
        [parti] Left
       *[invite] Invited
    }: { $nombre }</b>
membres-ligne = • { $nom } — { role }, { $groupes }
membres-sans-nom = (no name)
membres-aucun = No members yet. Import the list with “assemblee membres importer”.
