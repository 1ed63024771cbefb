## /annonce, /envois et les bilans d'envoi.

commande-annonce = Envoyer une annonce
commande-envois = Suivre les envois d'annonces

annonce-demande =
    Envoyez-moi l'annonce : un texte, ou une photo ou un document avec sa légende. Le gras, l'italique et les liens sont gardés.
    /annuler pour abandonner.
annonce-refusee = { $raison ->
        [vide] Cette annonce est vide : envoyez un texte, une photo ou un document.
        [trop-long] Cette annonce est trop longue pour Telegram (4 096 caractères pour un texte, 1 024 pour une légende) : raccourcissez-la et renvoyez-la.
       *[type] Je ne sais envoyer qu'un texte, une photo ou un document : renvoyez l'annonce sous l'une de ces formes, ou /annuler.
    }
annonce-audience = À qui l'envoyer ? (entre parenthèses, le nombre de destinataires)
audience-tous = tout le monde
audience-groupe = le groupe { $groupe }
audience-role = { $role ->
        [animateur] les animateurs
        [equipe] l'équipe
       *[membre] les membres
    }
audience-seance = les convoqués de « { $seance } »
bouton-audience = { $libelle } ({ $nombre })
annonce-personne = Personne ne recevrait cette annonce ({ $audience }) : choisissez un autre public.
annonce-apercu =
    ⬆️ Voici l'aperçu, exactement comme les destinataires le recevront.
    <b>Envoyer cette annonce à { $audience } ({ $nombre } { $nombre ->
        [one] personne
       *[other] personnes
    }) ?</b>
    Une annonce ordinaire attend la fin des heures calmes ; une annonce urgente part même la nuit.
bouton-envoyer = ✅ Envoyer
bouton-envoyer-urgent = ⚡ Envoyer en urgence
annonce-partie = C'est parti : { $nombre } { $nombre ->
        [one] destinataire
       *[other] destinataires
    }.{ $calme ->
        [oui] { " " }Ce sont les heures calmes : l'envoi commencera à { $fin }.
       *[non] {""}
    } Je vous enverrai le bilan à la fin ; /envois pour suivre.
annonce-annulee = Annonce abandonnée : rien n'a été envoyé.

annonce-bilan =
    <b>Bilan de votre annonce</b> « { $debut } » ({ $audience }) :
    { $envoyes } reçue(s) sur { $total }, { $injoignables } injoignable(s), { $echecs } en échec.
envois-titre = <b>Dernières annonces</b>
envois-ligne = • { $date } — « { $debut } » → { $audience } : { $envoyes }/{ $total } reçue(s), { $en_attente } en attente, { $injoignables } injoignable(s), { $echecs } en échec
envois-sans-texte = (photo ou document)
envois-aucun = Aucune annonce pour l'instant. /annonce pour en écrire une.
