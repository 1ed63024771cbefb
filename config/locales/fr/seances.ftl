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

type-seance = { $type ->
        [pleniere] Plénière
        [atelier] Atelier
        [formation] Formation
        [visite] Visite
       *[autre] Séance
    }
carte-titre = <b>{ $titre }</b> — { type-seance }, { $groupe }
carte-toute-assemblee = toute l'assemblée
carte-quand = 🗓 { $date } – { $fin }
carte-lieu = 📍 { $lieu } (<a href="{ $plan }">plan</a>)
carte-lien = 💻 <a href="{ $lien }">Rejoindre en ligne</a>

rappel-entete = { $jours ->
        [0] ⏰ <b>Dans { $heures } { $heures ->
            [one] heure
           *[other] heures
        } :</b>
        [1] 📅 <b>Rappel : c'est demain.</b>
       *[other] 📅 <b>Rappel : dans { $jours } jours.</b>
    }
rappel-question = Serez-vous là ?
reponse-actuelle = Votre réponse : { $choix ->
        [oui] ✅ je serai là
        [non] ❌ je ne pourrai pas
       *[peut_etre] 🤔 peut-être
    } (vous pouvez la changer jusqu'au début)
bouton-oui = ✅ Je serai là
bouton-non = ❌ Je ne pourrai pas
bouton-peut-etre = 🤔 Peut-être

seance-changee = ⚠️ <b>{ $quoi ->
        [horaire] Changement d'horaire
        [lieu] Changement de lieu
        [lien] Changement du lien de visio
        [horaire-lieu] Changement d'horaire et de lieu
       *[autre] Changement
    }</b> pour cette séance :
creneau = { $date } – { $fin }
changement-horaire = 🕒 Horaire : <s>{ $avant }</s> → <b>{ $apres }</b>
changement-lieu = 📍 Lieu : <s>{ $avant }</s> → <b>{ $apres }</b>
changement-aucun = aucun
changement-lien = 💻 { $etat ->
        [ajoute] Un lien de visio est ajouté (ci-dessous).
        [retire] Plus de lien de visio : la séance se tient sur place seulement.
       *[change] Nouveau lien de visio (ci-dessous) : l'ancien ne sert plus.
    }
seance-annulee = ❌ <b>Séance annulée :</b> { $titre }, prévue { $date }. Rien à faire de votre côté.
seance-annulee-ligne = ❌ <b>Séance annulée</b> : plus besoin de répondre.
relance-reponse = 🙋 <b>Vous n'avez pas encore répondu</b> pour cette séance :

## Réponses des membres.
reponse-notee = C'est noté, merci !
reponse-refusee = { $raison ->
        [commencee] La séance a commencé : il n'est plus possible de répondre.
        [annulee] Cette séance est annulée.
        [non-convoque] Vous n'êtes pas convoqué·e à cette séance.
        [sans-non] Indiquez d'abord « Je ne pourrai pas ».
       *[inconnue] Ce bouton n'est plus valable.
    }
raison-question = Dommage ! Si vous le souhaitez, dites-nous pourquoi (c'est facultatif, l'équipe s'en sert pour mieux organiser les séances) :
raison-choix = { $raison ->
        [travail] Travail
        [personnelle] Raison personnelle
        [famille] Famille
       *[autre] Autre
    }
raison-notee = Merci, c'est noté.

## /agenda
agenda-titre = <b>Vos prochaines séances</b>
agenda-vide = Aucune séance prévue pour vous en ce moment. Je vous préviendrai dès qu'il y en aura une.
agenda-numero = <b>{ $numero }.</b> { $carte }
agenda-ics-legende = Ouvrez ce fichier pour ajouter vos séances à l'agenda de votre téléphone.
agenda-fichier = mes-seances.ics
agenda-nom = Assemblée citoyenne
bouton-abonnement = 🔗 Lien d'abonnement pour mon agenda
abonnement-lien =
    Voici votre lien d'abonnement, à coller dans votre application d'agenda (« S'abonner à un calendrier ») : vos séances s'y mettront à jour toutes seules.
    { $url }
    Il est personnel : ne le partagez pas. Un nouveau lien remplace l'ancien.
bouton-revoquer-abonnement = 🚫 Couper ce lien
abonnement-revoque = Le lien d'abonnement ne marche plus.
abonnement-indisponible = Le lien d'abonnement n'existe qu'en mode webhook ; utilisez le fichier ci-dessus.

## Gestion des séances (animateurs, équipe).
commande-agenda = Vos prochaines séances
commande-seance = Créer une séance
commande-seances = Gérer les séances
commande-presences = Réponses et émargement
commande-indemnisation = Export des présences pour l'indemnisation
seances-titre = <b>Séances que vous gérez</b>
seances-vide = Aucune séance à venir dans vos groupes. /seance pour en créer une.
seances-ligne = <b>{ $numero }.</b> { $date } — { $titre } ({ $groupe }){ $annulee ->
        [oui] { " " }— annulée
       *[non] {""}
    }
bouton-presences = { $numero } · Présences
bouton-modifier = { $numero } · Modifier
bouton-annuler-seance = { $numero } · Annuler

seance-type-question = Quel type de séance ? (/annuler pour abandonner)
seance-groupe-question = Pour quel groupe ?
seance-titre-question = Quel titre ? (par exemple « Audition : la végétalisation des cours d'école »)
seance-debut-question = Quand commence-t-elle ? Écrivez la date et l'heure, par exemple 03/12/2026 18:30.
seance-fin-question = Quand finit-elle ? Une heure (20:30) ou une durée (2h, 1h30).
seance-lieu-question = Où ? Écrivez l'adresse, ou appuyez sur « Passer » si c'est en ligne seulement.
seance-lien-question = Un lien de visio ? Écrivez-le (https://…), ou appuyez sur « Passer ».
bouton-passer = Passer
bouton-creer = ✅ Créer la séance
seance-apercu =
    <b>Voici la séance :</b>
    { $carte }
    { $nombre ->
        [0] Aucun membre convoqué pour l'instant.
        [one] { $nombre } membre convoqué : il recevra les rappels.
       *[other] { $nombre } membres convoqués : ils recevront les rappels.
    }
seance-creee = C'est fait : la séance est au calendrier, les rappels partiront aux bons moments.
seance-abandon = Séance abandonnée : rien n'a été enregistré.
seance-champ-question = Que voulez-vous changer ?
champ = { $champ ->
        [titre] Titre
        [debut] Date et heure
        [fin] Fin
        [lieu] Lieu
       *[lien] Lien
    }
seance-modifiee = C'est modifié.{ $annonce ->
        [oui] { " " }Les membres convoqués sont prévenus tout de suite, et les rappels suivront le nouvel horaire.
       *[non] {""}
    }
seance-annuler-question = <b>Annuler cette séance ?</b> Les membres convoqués seront prévenus tout de suite.
{ $carte }
bouton-confirmer-annulation = Oui, annuler la séance
seance-annulee-ok = La séance est annulée ; les membres convoqués sont prévenus.

presences-tableau =
    { $carte }

    ✅ Oui ({ $nb_oui }) : { $oui }
    🤔 Peut-être ({ $nb_peut_etre }) : { $peut_etre }
    ❌ Non ({ $nb_non }) : { $non }
    ⏳ Sans réponse ({ $nb_sans }) : { $sans }
presences-personne = personne
presences-raison = { $nom } ({ raison-choix })
bouton-relancer = { $nombre ->
        [one] 🔔 Relancer la personne sans réponse
       *[other] 🔔 Relancer les { $nombre } sans réponse
    }
relance-faite = { $nombre ->
        [0] Tout le monde a déjà été relancé aujourd'hui (ou n'a pas Telegram).
        [one] Relance envoyée à { $nombre } personne.
       *[other] Relance envoyée à { $nombre } personnes.
    }
bouton-emargement = 📋 Émargement
emargement-titre =
    <b>Émargement</b> — { $titre }, { $date }
    Touchez un nom pour le marquer présent (✅) ; touchez encore pour absent (❌).
    Présents : { $presents } sur { $total }.
emargement-ferme = L'émargement s'ouvre le jour de la séance (3 heures avant le début) et se ferme le lendemain de la fin.
emargement-refuse = { $raison ->
        [interdit] Seuls les animateurs du groupe et l'équipe font l'émargement.
        [annulee] Cette séance est annulée.
        [non-convoque] Cette personne n'est pas convoquée à cette séance.
       *[pas-le-jour] L'émargement s'ouvre le jour de la séance (3 heures avant le début) et se ferme le lendemain de la fin.
    }
bouton-page-precedente = ◀︎ Précédents
bouton-page-suivante = Suivants ▶︎

indemnisation-legende = Présences de { $mois } pour l'indemnisation (selon l'émargement).
indemnisation-mois-invalide = Indiquez le mois ainsi : /indemnisation 2026-11
bouton-emarge = { $etat ->
        [present] ✅
        [absent] ❌
       *[vide] ⬜
    } { $nom }{ $etat ->
        [vide] {""}
       *[other] { " " }· marqué par { $par }
    }
