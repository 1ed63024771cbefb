## Sessions: creating, changing, cancelling (error messages shared by the bot and the command line).

seance-erreur = { $raison ->
        [titre-vide] The session's title is missing.
        [titre-long] The title is too long (200 characters at most).
        [passe] This date has passed: pick a date to come.
        [fin-avant-debut] The end must come after the start.
        [trop-longue] A session lasts 12 hours at most: check the start and the end.
        [ni-lieu-ni-lien] Give a place (an address) or a video link, or both.
        [lieu-long] The address is too long (300 characters at most).
        [lien-invalide] The link must start with https:// (or http://).
        [atelier-sans-groupe] A workshop belongs to a group: pick it.
        [groupe-inconnu] This group does not exist or is no longer active.
        [annulee] This session is cancelled.
        [commencee] This session has started: it can no longer be changed.
        [terminee] This session is over.
        [date-illisible] I did not understand this date: write for example 03/12/2026 18:30.
        [duree-illisible] I did not understand: write an end time (20:30) or a duration (2h, 1h30).
       *[interdit] You can only manage the sessions of your groups.
    }
