## Sujets et sondages de priorisation.

commande-proposer = Proposer un sujet pour votre groupe
commande-sujets = Les sujets retenus par votre groupe
commande-sondage = Lancer un sondage
commande-resultats = Résultats des sondages en cours et passés

sujet-erreur = { $raison ->
        [trop-court] Écrivez votre sujet après la commande, par exemple : /proposer Des fontaines à eau dans chaque parc
        [trop-long] Votre sujet est trop long (300 caractères au plus) : résumez-le en une phrase.
        [sans-groupe] Vous n'êtes dans aucun groupe : l'équipe peut vous y inscrire.
        [doublon] Ce sujet est déjà proposé dans votre groupe.
        [deja-decide] Ce sujet a déjà été traité.
        [raison-vide] Écrivez en une phrase pourquoi ce sujet n'est pas retenu.
        [raison-longue] La raison est trop longue (300 caractères au plus).
        [cible-invalide] Choisissez un sujet retenu du même groupe.
       *[interdit] Seuls les animateurs du groupe et l'équipe décident des sujets.
    }
sujet-merci = Merci ! Votre sujet « { $texte } » est transmis { $a ->
        [equipe] à l'équipe (votre groupe, { $groupe }, n'a pas encore d'animateur)
       *[animateurs] aux animateurs de votre groupe ({ $groupe })
    }. Je vous dirai ce qu'ils en pensent.
sujet-a-examiner = 📝 <b>Nouveau sujet proposé</b> pour { $groupe } par { $auteur } : « { $texte } ». /sujets pour l'examiner.
sujet-decision = { $decision ->
        [accepte] ✅ Votre sujet « { $texte } » est retenu : il rejoint la liste de votre groupe.
        [fusionne] 🔗 Votre sujet « { $texte } » rejoint un sujet proche déjà retenu : « { $cible } ».
       *[decline] Votre sujet « { $texte } » n'est pas retenu pour l'instant : { $raison }
    }
sujets-titre = <b>Sujets retenus — { $groupe }</b>
sujets-ligne = { $numero }. { $texte }
sujets-vide = Aucun sujet retenu pour l'instant. Proposez-en un : /proposer votre idée
sujets-tout-decide = ✅ <b>{ $groupe }</b> : toutes les propositions ont reçu une réponse.
sujets-a-decider = <b>À examiner — { $groupe }</b> ({ $nombre })
sujet-a-decider = <b>{ $numero }.</b> « { $texte } » — proposé par { $auteur }
bouton-accepter-sujet = { $numero } · Retenir
bouton-fusionner-sujet = { $numero } · Fusionner
bouton-decliner-sujet = { $numero } · Décliner
sujet-raison-question = En une phrase, pourquoi ce sujet n'est-il pas retenu ? (la personne qui l'a proposé la recevra)
sujet-fusion-question = Avec quel sujet retenu le fusionner ?
sujet-traite = C'est fait, la personne qui l'a proposé est prévenue.

sondage-erreur = { $raison ->
        [question-vide] Écrivez la question du sondage.
        [question-longue] La question est trop longue (300 caractères au plus).
        [options-nombre] Il faut de 2 à 10 options.
        [option-longue] Une option est trop longue (200 caractères au plus).
        [option-doublon] Deux options sont identiques.
        [ferme-passe] La clôture doit être dans le futur.
        [ferme-loin] La clôture doit être dans les 60 jours.
        [max-choix] Le nombre maximal de choix doit être entre 1 et le nombre d'options.
        [groupe] Choisissez votre groupe (l'équipe seule peut interroger toute l'assemblée).
        [personne] Personne ne pourrait voter : le groupe n'a aucun membre joignable.
        [clos] Ce sondage est clos : les votes ne sont plus acceptés.
        [non-convie] Ce sondage ne vous est pas destiné.
        [option-inconnue] Ce choix n'existe pas.
        [mention-inconnue] Cette mention n'existe pas.
        [trop-de-choix] Vous avez déjà le nombre maximal de choix : retirez-en un d'abord.
        [bulletin-inconnu] Ce bulletin n'est plus valable.
        [anonyme-ouvert] Vote anonyme : les résultats restent secrets jusqu'à la clôture (seule la participation est visible).
       *[interdit] Seuls les animateurs du groupe et l'équipe gèrent ce sondage.
    }

type-sondage = { $type ->
        [unique] Un seul choix
        [multiple] Plusieurs choix possibles
       *[jugement] Jugement majoritaire (une mention par option)
    }
mention = { $note ->
        [5] Excellent
        [4] Très bien
        [3] Bien
        [2] Assez bien
        [1] Passable
       *[0] Insuffisant
    }
bulletin-entete =
    🗳 <b>{ $question }</b>
    { type-sondage } · { $anonyme ->
        [oui] anonyme
       *[non] nominatif
    } · clôture { $cloture }
bulletin-max = Jusqu'à { $max } choix.
bulletin-choix = { $marque } { $texte }
bulletin-note = { $numero }. { $texte } — <b>{ $mention }</b>
bulletin-a-noter = { $numero }. { $texte } — <i>à noter</i>
bulletin-noter = Quelle mention pour <b>{ $numero }. { $texte }</b> ?
bulletin-complet = ✅ Bulletin complet. Vous pouvez changer une mention jusqu'à la clôture : touchez ◀︎ ▶︎ pour revoir une option.
bulletin-pied = Vous pouvez changer votre vote jusqu'à la clôture.
bulletin-vote-note = C'est noté.
bouton-precedente = ◀︎
bouton-suivante = ▶︎

sondage-rappel = ⏳ Le sondage « { $question } » se clôt { $cloture } et vous n'avez pas encore voté : votre bulletin est juste au-dessus.
resultats-legende =
    📊 <b>Résultats — { $question }</b>
    { $votants } { $votants ->
        [one] votant
       *[other] votants
    } sur { $inscrits } ({ $taux } %).
    { $classement }
resultats-ligne-jm = { $rang }. { $texte } — { $mention }
resultats-ligne = { $rang }. { $texte } — { $voix } ({ $part } %)
resultats-aucun-vote = Personne n'a voté.
resultats-en-cours = 📊 <b>{ $question }</b> — en cours, clôture { $cloture }
    { $votants } { $votants ->
        [one] votant
       *[other] votants
    } sur { $inscrits } ({ $taux } %).
    { $classement }
resultats-clos = 📊 <b>{ $question }</b> — clos le { $cloture }
    { $votants } { $votants ->
        [one] votant
       *[other] votants
    } sur { $inscrits } ({ $taux } %).
    { $classement }
resultats-secret-jusqu-a-la-cloture = 🕶 Vote anonyme : les résultats ne sont connus de personne avant la clôture.
resultats-ecartes = ⚠️ { $nombre ->
        [one] 1 bulletin écarté : illisible ou contraire aux règles du sondage.
       *[other] { $nombre } bulletins écartés : illisibles ou contraires aux règles du sondage.
    }
resultats-vide = Aucun sondage pour l'instant. /sondage pour en lancer un.
resultats-titre = <b>Sondages</b>
resultats-sondage = <b>{ $numero }.</b> { $question } ({ $etat ->
        [clos] clos
       *[ouvert] ouvert jusqu'au { $cloture }
    })
bouton-voir-resultats = { $numero } · Voir
bouton-exporter = { $numero } · CSV
bouton-clore = 🔒 Clore maintenant
sondage-clos = Le sondage est clos ; les résultats partent aux participants.

sondage-question = Quelle est la question ? (par exemple « Quel sujet traiter en priorité au prochain atelier ? ») — /annuler pour abandonner
sondage-options-question = Écrivez les options, une par ligne (2 à 10), ou prenez-les dans la liste des sujets retenus.
bouton-depuis-sujets = 📋 Choisir parmi les sujets retenus
bouton-sujet-choisi = { $marque } { $texte }
bouton-options-ok = ✅ Ces options
sondage-type-question = Quel type de vote ?
sondage-max-question = Combien de choix au plus ? (écrivez un nombre, ou 0 pour sans limite)
sondage-audience-question = Qui vote ?
sondage-cloture-question = Quand le sondage se clôt-il ? Écrivez une date et une heure (03/12/2026 18:00), ou choisissez :
bouton-dans-1-jour = Dans 1 jour
bouton-dans-3-jours = Dans 3 jours
bouton-dans-7-jours = Dans 7 jours
sondage-anonyme-question = Vote anonyme ? (personne, pas même l'équipe, ne peut savoir qui a voté quoi)
bouton-anonyme = 🕶 Anonyme
bouton-nominatif = 👤 Nominatif
sondage-apercu =
    <b>Aperçu du sondage :</b>
    { $entete }
    { $options }
    { $nombre } { $nombre ->
        [one] personne pourra voter.
       *[other] personnes pourront voter.
    }
bouton-lancer = ✅ Lancer le sondage
sondage-lance = C'est lancé : { $nombre } { $nombre ->
        [one] bulletin part
       *[other] bulletins partent
    }{ $calme ->
        [oui] { " " }à { $fin }, à la fin des heures calmes
       *[non] {""}
    }. /resultats pour suivre la participation.
sondage-abandon = Sondage abandonné : rien n'a été envoyé.
