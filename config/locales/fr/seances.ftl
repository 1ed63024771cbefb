## Séances : création, modification, annulation (messages d'erreur communs au bot et à la ligne de commande).

seance-erreur = { $raison ->
        [titre-vide] Il manque le titre de la séance.
        [titre-long] Le titre est trop long (200 caractères au plus).
        [passe] Cette date est déjà passée : choisissez une date à venir.
        [fin-avant-debut] La fin doit venir après le début.
        [trop-longue] Une séance dure au plus 12 heures : vérifiez le début et la fin.
        [ni-lieu-ni-lien] Indiquez un lieu (une adresse) ou un lien de visio, ou les deux.
        [lieu-long] L'adresse est trop longue (300 caractères au plus).
        [lien-invalide] Le lien doit commencer par https:// (ou http://).
        [atelier-sans-groupe] Un atelier appartient à un groupe : choisissez-le.
        [groupe-inconnu] Ce groupe n'existe pas ou n'est plus actif.
        [annulee] Cette séance est annulée.
        [commencee] Cette séance a déjà commencé : elle ne peut plus être modifiée.
        [terminee] Cette séance est terminée.
        [date-illisible] Je n'ai pas compris cette date : écrivez par exemple 03/12/2026 18:30.
        [duree-illisible] Je n'ai pas compris : écrivez une heure de fin (20:30) ou une durée (2h, 1h30).
       *[interdit] Vous ne pouvez gérer que les séances de vos groupes.
    }
