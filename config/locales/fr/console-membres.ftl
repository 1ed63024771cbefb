## Console, page Membres : la liste, la fiche d'une personne, ses droits, l'import du tirage,
## les liens d'invitation et les lettres à imprimer.

membres-lien-importer = Importer la liste du tirage (CSV)
membres-lien-invitations = Lettres et liens d'invitation
membres-lecture-seule = Vous voyez les personnes de vos groupes. Seule l'équipe peut changer un rôle, un groupe ou une invitation.
membres-recherche-titre = Chercher des membres
membres-recherche = Nom ou prénom
membres-filtre-groupe = Groupe
membres-tous-groupes = Tous les groupes
membres-filtre-role = Rôle
membres-tous-roles = Tous les rôles
membres-filtre-etat = État
membres-tous-etats = Tous les états
membres-etat = { $statut ->
        [actif] actif
        [injoignable] injoignable
        [parti] parti
       *[invite] invité
    }
membres-filtrer = Afficher
membres-effacer-filtres = Tout afficher
membres-nombre = { $n ->
        [0] Personne ne correspond.
        [one] Une personne.
       *[other] { $n } personnes.
    }
membres-col-nom = Nom
membres-col-groupes = Groupes
membres-col-role = Rôle
membres-col-etat = État
membres-aucun-groupe = aucun groupe
membres-pagination = Pages de la liste
membres-page-precedente = Page précédente
membres-page-suivante = Page suivante
membres-page-sur = Page { $page } sur { $pages }

membres-retour-liste = Revenir à la liste des membres
membres-fait = { $quoi ->
        [role] Le rôle est changé. C'est écrit dans le journal.
        [groupes] Les groupes sont changés. C'est écrit dans le journal.
        [depart] Le départ est noté : le bot ne lui écrira plus, ses présences sont gardées.
        [sessions] Toutes ses sessions de console sont fermées.
       *[autre] C'est fait.
    }
membres-fiche-titre = Fiche
membres-numero = Numéro
membres-depuis = depuis le { $date }
membres-telegram = Compte Telegram
membres-lie-le = relié le { $date }
membres-pas-lie = pas encore relié
membres-consentement = Notice de confidentialité
membres-consenti-le = acceptée le { $date }
membres-pas-consenti = pas encore acceptée

membres-invitation-titre = Invitation
membres-invitation-etat = { $etat ->
        [en_attente] Lien en attente : il n'a pas encore servi.
        [utilisee] Lien utilisé.
        [expiree] Lien expiré sans avoir servi.
        [revoquee] Lien annulé.
       *[aucune] Aucune invitation : cette personne fait partie de l'équipe par les réglages.
    }
membres-invitation-dates = Créé le { $cree }, valable jusqu'au { $expire }.
membres-invitation-utilisee-le = Ouvert le { $date }.
membres-renouveler-aide = Un nouveau lien remplace l'ancien, qui ne marchera plus. Il s'affiche une seule fois, avec sa lettre à imprimer.
membres-renouveler = Créer un nouveau lien d'invitation

membres-droits-titre = Rôle, groupes, départ
membres-refus = { $raison ->
        [parti] Cette personne a quitté l'assemblée : ses droits ne changent plus.
        [equipe-reglages] Cette personne fait partie de l'équipe par les réglages (EQUIPE_TELEGRAM_IDS) : seuls ces réglages peuvent changer son rôle.
        [equipe-par-reglages] Le rôle équipe se donne seulement dans les réglages (EQUIPE_TELEGRAM_IDS).
        [un-groupe] Un membre appartient à un seul groupe : cochez-en un seul, ou faites-en d'abord un animateur.
        [au-moins-un-groupe] Un animateur anime au moins un groupe : cochez-en au moins un.
       *[groupe-inconnu] Ce groupe n'existe plus. Rechargez la page et recommencez.
    }
membres-equipe-reglages = Cette personne fait partie de l'équipe par les réglages (EQUIPE_TELEGRAM_IDS) : seuls ces réglages, puis un redémarrage du bot, peuvent changer son rôle.
membres-role-equipe-aide = Le rôle équipe se donne seulement dans les réglages (EQUIPE_TELEGRAM_IDS).
membres-changer-role = Changer le rôle
membres-groupes-aide = Un membre appartient à un seul groupe ; un animateur en anime un ou plusieurs.
membres-changer-groupes = Changer les groupes
membres-depart-titre = Départ de l'assemblée
membres-depart-confirmer = Je confirme : cette personne quitte l'assemblée (le bot ne lui écrira plus ; ses présences et son indemnisation sont gardées).
membres-depart-bouton = Noter le départ
membres-erreur-role = Choisissez membre ou animateur.
membres-erreur-confirmer-depart = Cochez la case pour confirmer le départ.

membres-presences-titre = Séances et présences
membres-col-seance = Séance
membres-col-date = Date
membres-col-reponse = Réponse
membres-col-emargement = Émargement
membres-reponse = { $choix ->
        [oui] oui
        [non] non
        [peut_etre] peut-être
       *[aucune] pas de réponse
    }
membres-emargement = { $etat ->
        [present] présent
        [absent] absent
       *[non-marque] non marqué
    }
membres-presences-aucune = Aucune séance pour l'instant.

membres-sessions-titre = Sessions ouvertes dans la console
membres-col-session-origine = Ouverte par
membres-col-session-ouverte = Ouverte le
membres-col-session-vue = Dernière activité
membres-session-origine = { $origine ->
        [mini-app] le bouton Console de Telegram
       *[lien] un lien /console
    }
membres-sessions-terminer = { $n ->
        [one] Fermer cette session
       *[other] Fermer ces { $n } sessions
    }
membres-sessions-aucune = Aucune session ouverte.

membres-import-titre = Importer la liste du tirage
membres-import-envoyer-titre = Choisir le fichier
membres-import-renvoyer-titre = Envoyer le fichier corrigé
membres-import-aide = Un fichier CSV enregistré depuis le tableur (virgule, point-virgule ou tabulation), avec au moins les colonnes nom, prénom et groupe, et si besoin rôle (membre ou animateur ; un animateur peut avoir plusieurs groupes séparés par |). Rien n'est importé avant que vous ayez vu chaque ligne et confirmé.
membres-import-fichier = Fichier CSV (2 Mo au plus)
membres-import-verifier = Vérifier le fichier
membres-import-erreur-fichier = Choisissez un fichier CSV qui n'est pas vide.
membres-apercu-titre = Vérification du fichier
membres-apercu-bilan = { $bonnes ->
        [0] Aucune ligne juste
        [one] Une ligne juste
       *[other] { $bonnes } lignes justes
    }, { $fausses ->
        [0] aucune à corriger.
        [one] une à corriger.
       *[other] { $fausses } à corriger.
    }
membres-apercu-a-corriger = Lignes à corriger
membres-apercu-rien-importe = Rien ne peut être importé tant qu'une ligne est fausse : corrigez le fichier dans le tableur, puis envoyez-le de nouveau.
membres-apercu-lignes-ok = Les lignes justes
membres-col-ligne = Ligne
membres-import-confirmer = { $n ->
        [one] Importer cette personne et créer son lien
       *[other] Importer ces { $n } personnes et créer leurs liens
    }
membres-import-autre-fichier = Choisir un autre fichier
membres-import-probleme = { $numero ->
        [0] Tout le fichier : {""}
       *[other] Ligne { NUMBER($numero, useGrouping: 0) } : {""}
    }{ $code ->
        [illisible] le fichier n'est pas un texte CSV lisible (enregistrez-le en CSV UTF-8 depuis le tableur).
        [vide] le fichier est vide ; il faut une ligne d'en-têtes.
        [colonnes-manquantes] il manque les colonnes : { $manquantes } (en-têtes trouvés : { $trouves }).
        [trop-de-lignes] fichier refusé : { $max ->
                [one] un membre au plus.
               *[other] { $max } membres au plus.
            }
        [csv-illisible] CSV illisible ({ $detail }).
        [aucun-membre] le fichier ne contient aucun membre (seulement les en-têtes).
        [colonnes-en-trop] { $n ->
                [one] une colonne
               *[other] { $n } colonnes
            } au lieu de { $attendu } (séparateur en trop ?).
        [nom-manquant] le nom et le prénom sont obligatoires.
        [nom-trop-long] nom ou prénom trop long ({ $max ->
                [one] un caractère
               *[other] { $max } caractères
            } au plus).
        [role-equipe] rôle « équipe » : l'équipe se déclare par le réglage EQUIPE_TELEGRAM_IDS, pas dans ce fichier (mettez membre ou animateur).
        [role-inconnu] rôle « { $role } » inconnu (membre ou animateur).
        [groupe-manquant] groupe manquant.
        [un-seul-groupe] un membre appartient à un seul groupe (plusieurs pour un animateur).
        [groupe-inconnu] groupe « { $groupe } » inconnu (groupes : { $connus }).
        [doublon] même nom et prénom que la ligne { $autre }.
        [deja-inscrit] { $nom } est déjà inscrit ; pour un nouveau lien, ouvrez sa fiche.
       *[autre] ligne refusée.
    }
membres-import-altere-titre = Fichier à renvoyer
membres-import-altere = Le fichier vérifié n'a pas été reçu tel quel. Rien n'a été importé : envoyez-le de nouveau depuis la page d'import.

membres-invitations-titre = Lettres et liens d'invitation
membres-invitations-aide = Les personnes qui n'ont pas encore ouvert leur lien (en attente ou expiré). Le bot ne garde pas les liens eux-mêmes, seulement de quoi les reconnaître : pour imprimer les lettres ou préparer un publipostage, il en crée de nouveaux.
membres-invitations-nombre = { $n ->
        [0] Tout le monde a ouvert son lien.
        [one] Une personne n'a pas encore ouvert son lien.
       *[other] { $n } personnes n'ont pas encore ouvert leur lien.
    }
membres-invitations-et-autres = { $n ->
        [one] … et une autre personne.
       *[other] … et { $n } autres personnes.
    }
membres-invitations-attention = Attention : les liens déjà envoyés à ces personnes ne marcheront plus.
membres-invitations-preparer = { $n ->
        [one] Créer un nouveau lien pour cette personne
       *[other] Créer de nouveaux liens pour ces { $n } personnes
    }
membres-invitations-personne = Personne n'attend de lien : il n'y a rien à préparer.
membres-erreur-groupe = Ce groupe n'existe plus. Rechargez la page et recommencez.

membres-liens-titre = Nouveaux liens d'invitation
membres-liens-crees = { $origine ->
        [import] { $n ->
            [one] Une personne importée, avec son lien
           *[other] { $n } personnes importées, avec leurs liens
        }
       *[autre] { $n ->
            [one] Un nouveau lien
           *[other] { $n } nouveaux liens
        }
    }, valables jusqu'au { $date }. C'est écrit dans le journal.
membres-liens-une-fois = Ces liens s'affichent une seule fois : imprimez les lettres ou téléchargez le fichier maintenant. Chaque lien est personnel et ne sert qu'une fois ; gardez le fichier secret.
membres-liens-lettres = Lettres à imprimer
membres-liens-csv = Fichier pour un publipostage (CSV)
membres-col-lien = Lien d'invitation
membres-liens-perimes-titre = Liens qui ne marchent plus
membres-liens-perimes = Ces liens ont déjà servi, ont expiré ou ont été remplacés. Créez-en de nouveaux depuis la page des invitations.

membres-lettres-titre = Lettres d'invitation
membres-lettres-imprimer = { $n ->
        [one] Une lettre
       *[other] { $n } lettres
    }, une par page A4 : imprimez cette page (Ctrl+P, ou Cmd+P sur Mac), ou enregistrez-la en PDF depuis la fenêtre d'impression.
membres-lettre-titre = Assemblée citoyenne : votre invitation
membres-lettre-bonjour = Bonjour { $nom },
membres-lettre-quoi = l'assistant de l'Assemblée citoyenne vous écrit dans Telegram : vos prochaines séances, leurs rappels, les votes de votre groupe et sa revue de presse.
membres-lettre-comment = Pour commencer, installez Telegram sur votre téléphone, puis photographiez le code ci-dessous avec l'appareil photo, ou tapez le lien qui est écrit dessous : l'assistant vous accueille.
membres-lettre-secret = Ce lien est personnel et ne sert qu'une fois ; il est valable jusqu'au { $date }. S'il ne marche pas, demandez-en un nouveau à l'équipe de l'assemblée.
membres-lettre-qr-alt = Code QR du lien d'invitation de { $nom }
membres-lettre-groupe = Votre groupe : { $groupes }

membres-csv-nom = nom
membres-csv-prenom = prénom
membres-csv-groupe = groupe
membres-csv-lien = lien
