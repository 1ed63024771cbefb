## La console : la page Sondages (ouverts, clos, participation, résultats, export, clôture).

console-sondages-titre = Sondages
console-sondages-filtre = Quels sondages
console-sondages-onglet-ouverts = Ouverts ({ $n })
console-sondages-onglet-clos = Clos ({ $n })
console-sondages-legende = { $clos ->
        [oui] Sondages clos, du plus récent au plus ancien
       *[non] Sondages ouverts, du plus proche de sa clôture au plus lointain
    } (page { $page } sur { $pages })
console-sondages-col-question = Question
console-sondages-col-groupe = Groupe
console-sondages-col-type = Type
console-sondages-col-vote = Vote
console-sondages-col-cloture = { $clos ->
        [oui] Clos le
       *[non] Clôture
    }
console-sondages-col-participation = Participation
console-sondages-toute-assemblee = Toute l'assemblée
console-sondages-type = { $type ->
        [jugement] Jugement majoritaire
        [multiple] Plusieurs choix
       *[unique] Un seul choix
    }
console-sondages-max-choix = { $max } { $max ->
        [one] choix
       *[other] choix
    } au plus
console-sondages-anonyme = { $anonyme ->
        [oui] Anonyme
       *[non] Nominatif
    }
console-sondages-anonyme-detail = { $anonyme ->
        [oui] Anonyme : personne, pas même l'équipe, ne sait qui a voté quoi ; aucun résultat avant la clôture.
       *[non] Nominatif : le fichier des résultats dit qui a choisi quoi.
    }
console-sondages-participation = { $votants } sur { $inscrits } ont voté ({ $taux } %)
console-sondages-aucun = { $clos ->
        [oui] Aucun sondage clos.
       *[non] Aucun sondage ouvert. Pour en lancer un, écrivez /sondage au bot dans Telegram.
    }
console-sondages-pages = Pages de la liste
console-sondages-page = Page { $page } sur { $pages }
console-sondages-page-precedente = Page précédente
console-sondages-page-suivante = Page suivante

console-sondages-retour = { $clos ->
        [oui] Revenir aux sondages clos
       *[non] Revenir aux sondages ouverts
    }
console-sondages-lance-le = Lancé le
console-sondages-participation-titre = Participation
console-sondages-resultats-titre = Résultats
console-sondages-image-alt = Graphique des résultats du sondage « { $question } », la même image que celle envoyée aux membres ; le classement est écrit en dessous.
console-sondages-ecartes = { $nombre ->
        [one] 1 bulletin écarté : illisible ou contraire aux règles du sondage.
       *[other] { $nombre } bulletins écartés : illisibles ou contraires aux règles du sondage.
    }
console-sondages-csv = Télécharger les résultats (fichier CSV pour tableur)
console-sondages-secret = Vote anonyme : les résultats ne sont connus de personne avant la clôture, seule la participation l'est.
console-sondages-options = Options proposées
console-sondages-clore-titre = Clore maintenant
console-sondages-clore-texte = Le vote s'arrête tout de suite et les résultats partent aux membres invités. On ne peut pas rouvrir un sondage clos.
console-sondages-clore-bouton = Clore le sondage et envoyer les résultats
console-sondages-erreur = { $raison ->
        [clos] Ce sondage est déjà clos : ses résultats sont ci-dessous.
       *[interdit] Seuls les animateurs du groupe et l'équipe peuvent clore ce sondage.
    }
console-sondages-csv-secret-titre = Résultats pas encore connus
console-sondages-csv-secret = Ce sondage est anonyme et encore ouvert : personne ne connaît ses résultats avant la clôture. Le fichier sera disponible dès qu'il sera clos.
