## /role : rôles, groupes et départs (l'équipe seulement).

commande-role = Changer un rôle, des groupes, noter un départ
droits-usage =
    <b>Changer les droits d'une personne</b> : tapez /role suivi de son numéro, par exemple « /role 12 ». Le rôle équipe se donne seulement dans les réglages (EQUIPE_TELEGRAM_IDS).
droits-ligne = n°{ $numero } { $nom } — { role }
droits-inconnu = Je ne trouve personne sous ce numéro. Tapez /role seul pour voir les numéros.
droits-fiche =
    <b>n°{ $numero } { $nom }</b>
    Rôle : { role } ; état : { statut }
    Groupes : { $groupes }
droits-fiche-reglages =
    Cette personne fait partie de l'équipe par les réglages (EQUIPE_TELEGRAM_IDS) : seuls ces réglages, puis un redémarrage du bot, peuvent changer son rôle.
droits-bouton-role = { role }
droits-bouton-depart = Départ de l'assemblée…
droits-bouton-confirmer-depart = Confirmer le départ (ses présences sont gardées)
droits-bouton-garder = Annuler
droits-fait = C'est fait.
droits-refus = { $raison ->
        [parti] Cette personne a quitté l'assemblée : ses droits ne changent plus.
        [equipe-reglages] Cette personne fait partie de l'équipe par les réglages (EQUIPE_TELEGRAM_IDS) : ce bouton ne peut pas lui retirer ce rôle.
        [equipe-par-reglages] Le rôle équipe se donne seulement dans les réglages (EQUIPE_TELEGRAM_IDS).
        [un-groupe] Un membre appartient à un seul groupe : retirez d'abord l'autre, ou faites-en un animateur.
        [au-moins-un-groupe] Un animateur anime au moins un groupe : ajoutez-en un autre avant de retirer celui-ci.
       *[groupe-inconnu] Ce groupe n'existe plus.
    }
