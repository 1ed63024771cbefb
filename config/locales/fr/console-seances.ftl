## La console : la page Séances (liste, mois, créer, modifier, annuler, convocation,
## réponses et relance, émargement sur tablette, export d'indemnisation).

console-seances-titre = Séances
console-seances-vues = Vues des séances
console-seances-vue-a-venir = À venir
console-seances-vue-passees = Passées
console-seances-vue-mois = Calendrier du mois
console-seances-vue-indemnisation = Indemnisation
console-seances-nouvelle = Nouvelle séance
console-seances-vos-groupes = Vous voyez les séances de vos groupes ; celles de toute l'assemblée sont gérées par l'équipe.
console-seances-legende-liste = { $passees ->
        [oui] Séances passées, de la plus récente à la plus ancienne
       *[non] Séances à venir, de la plus proche à la plus lointaine
    } : { $total } en tout (page { $page } sur { $pages })
console-seances-aucune = { $passees ->
        [oui] Aucune séance passée.
       *[non] Aucune séance à venir.
    }
console-seances-col-seance = Séance
console-seances-col-quand = Quand
console-seances-col-groupe = Groupe
console-seances-col-etat = État
console-seances-col-oui = Oui
console-seances-col-peut-etre = Peut-être
console-seances-col-non = Non
console-seances-col-membre = Membre
console-seances-col-reponse = Réponse
console-seances-col-raison = Raison
console-seances-col-convoque = Convoqué·e
console-seances-etat = { $etat ->
        [a-venir] à venir
        [en-cours] en cours
        [passee] passée
       *[annulee] annulée
    }
console-seances-pagination = Pages
console-seances-page-precedente = Page précédente
console-seances-page-suivante = Page suivante
console-seances-page-sur = Page { $page } sur { $pages }

console-seances-mois-titre = Séances de { $mois }
console-seances-mois-navigation = Autres mois
console-seances-mois-precedent = Mois précédent : { $mois }
console-seances-mois-suivant = Mois suivant : { $mois }
console-seances-mois-legende = { $mois } : { $n ->
        [0] aucune séance
        [one] { $n } séance
       *[other] { $n } séances
    }
console-seances-jour = { $jour ->
        [lundi] Lundi
        [mardi] Mardi
        [mercredi] Mercredi
        [jeudi] Jeudi
        [vendredi] Vendredi
        [samedi] Samedi
       *[dimanche] Dimanche
    }

console-seances-retour-liste = Revenir aux séances
console-seances-retour-seance = Revenir à la séance « { $titre } »
console-seances-champ-type = Type
console-seances-champ-groupe = Groupe
console-seances-champ-quand = Quand
console-seances-champ-titre = Titre
console-seances-champ-debut = Début (date et heure)
console-seances-champ-fin = Fin (heure)
console-seances-champ-lieu = Lieu (adresse)
console-seances-champ-lien = Lien de visio
console-seances-champ-description = Description (facultative)
console-seances-champ-etat = État
console-seances-fait = { $quoi ->
        [creee] C'est fait : la séance est au calendrier, les rappels partiront aux bons moments.
        [modifiee] C'est modifié. Ni l'horaire ni le lieu n'ont changé : pas de message aux membres.
        [modifiee-annoncee] C'est modifié. Les membres convoqués sont prévenus tout de suite, et les rappels suivront le nouvel horaire.
       *[annulee] La séance est annulée ; les membres convoqués sont prévenus.
    }
console-seances-actions = Actions sur la séance
console-seances-modifier = Modifier
console-seances-annuler = Annuler la séance
console-seances-convocation = Qui est convoqué
console-seances-emargement = Émargement

console-seances-reponses-titre = Réponses des membres convoqués
console-seances-compte = { $reponse ->
        [oui] Oui
        [peut_etre] Peut-être
        [non] Non
       *[sans] Sans réponse
    } : { $n }
console-seances-reponse = { $reponse ->
        [oui] ✅ oui
        [peut_etre] 🤔 peut-être
        [non] ❌ non
       *[sans] ⏳ pas de réponse
    }
console-seances-legende-reponses = Chaque membre convoqué et sa réponse (page { $page } sur { $pages })
console-seances-personne-convoquee = Personne n'est convoqué à cette séance pour l'instant.
console-seances-relancer = { $n ->
        [one] Relancer la personne sans réponse
       *[other] Relancer les { $n } personnes sans réponse
    }
console-seances-relancer-aide = Le bot leur renvoie la séance avec les boutons de réponse, une fois par jour au plus.

console-seances-formulaire-titre = { $quoi ->
        [modifier] Modifier la séance
       *[creer] Nouvelle séance
    }
console-seances-formulaire-bouton = { $quoi ->
        [modifier] Enregistrer les changements
       *[creer] Créer la séance
    }
console-seances-modifier-aide = Si l'horaire ou le lieu change, les membres convoqués sont prévenus tout de suite de ce qui change. Le type et le groupe ne se changent pas : annulez la séance et créez-en une autre.

console-seances-annuler-titre = Annuler cette séance ?
console-seances-annuler-aide = Les membres convoqués seront prévenus tout de suite, et les rappels déjà reçus diront que la séance est annulée. On ne peut pas revenir en arrière.
console-seances-annuler-bouton = Oui, annuler la séance

console-seances-convocation-titre = Qui est convoqué : { $titre }
console-seances-convocation-nombre = { $n ->
        [0] Personne n'est convoqué.
        [one] { $n } personne convoquée.
       *[other] { $n } personnes convoquées.
    }
console-seances-convocation-regle = { $portee ->
        [groupe] Sont convoqués d'office les membres du groupe.
       *[assemblee] Sont convoqués d'office tous les membres de l'assemblée.
    }
console-seances-convocation-legende = Cochez les personnes convoquées (page { $page } sur { $pages })
console-seances-convocation-ajouter = Convoquer aussi quelqu'un d'autre
console-seances-convocation-personne = Personne
console-seances-convocation-enregistrer = Enregistrer
console-seances-convocation-enregistree = C'est enregistré. Les personnes ajoutées recevront les prochains rappels ; les personnes retirées n'en recevront plus.
console-seances-convocation-equipe = Seule l'équipe peut ajouter ou retirer des personnes.
console-seances-convoque = { $convoque ->
        [oui] oui
       *[non] non (retiré·e par l'équipe)
    }
console-seances-statut = { $statut ->
        [invite] invitation pas encore acceptée : pas de rappel
        [actif] reçoit les rappels
        [injoignable] injoignable : pas de rappel
       *[parti] parti·e
    }
console-seances-role = { $role ->
        [equipe] équipe
        [animateur] animation
       *[membre] membre
    }

console-seances-appel-titre = Émargement : { $titre }
console-seances-appel-aide = Touchez un nom pour le marquer présent ; touchez un nom présent pour le marquer absent. Plusieurs personnes peuvent émarger en même temps.
console-seances-appel-compte = Présents : { $presents } sur { $total }.
console-seances-appel-etat = { $etat ->
        [present] ✅ présent·e
        [absent] ❌ absent·e
       *[vide] ⬜ pas encore marqué·e
    }{ $etat ->
        [vide] {""}
       *[other] { " " }· marqué par { $par }
    }

console-seances-indemnisation-titre = Indemnisation
console-seances-indemnisation-aide = Le fichier des présences d'un mois (selon l'émargement), pour un tableur : chaque membre, chaque séance émargée, sa durée et le total du mois. C'est le même fichier que la commande /indemnisation du bot.
console-seances-indemnisation-mois = Mois
console-seances-indemnisation-mois-invalide = Indiquez le mois ainsi : 2026-11.
console-seances-indemnisation-telecharger = Télécharger le fichier
