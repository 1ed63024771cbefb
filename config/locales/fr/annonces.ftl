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
## $cas : « seul » (« le groupe X ») ou « a » (« au groupe X », après « envoyer cette annonce »).
audience-tous = { $cas ->
        [a] à tout le monde
       *[seul] tout le monde
    }
audience-groupe = { $cas ->
        [a] au groupe { $groupe }
       *[seul] le groupe { $groupe }
    }
audience-role = { $cas ->
        [a] { $role ->
            [animateur] aux animateurs
            [equipe] à l'équipe
           *[membre] aux membres
        }
       *[seul] { $role ->
            [animateur] les animateurs
            [equipe] l'équipe
           *[membre] les membres
        }
    }
audience-seance = { $cas ->
        [a] aux convoqués de « { $seance } »
       *[seul] les convoqués de « { $seance } »
    }
bouton-audience = { $libelle } ({ $nombre })
annonce-personne = Personne ne recevrait cette annonce ({ $audience }) : choisissez un autre public.
annonce-apercu =
    ⬆️ Voici l'aperçu, exactement comme les destinataires le recevront.
    <b>Envoyer cette annonce { $audience } ({ $nombre } { $nombre ->
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
    { $envoyes } { $envoyes ->
        [one] reçue
       *[other] reçues
    } sur { $total }, { $injoignables } { $injoignables ->
        [one] injoignable
       *[other] injoignables
    }, { $echecs } en échec.
envois-titre = <b>Dernières annonces</b>
envois-ligne = • { $date } — « { $debut } » → { $audience } : { $envoyes }/{ $total } { $envoyes ->
        [one] reçue
       *[other] reçues
    }, { $en_attente } en attente, { $injoignables } { $injoignables ->
        [one] injoignable
       *[other] injoignables
    }, { $echecs } en échec
envois-sans-texte = (photo ou document)
envois-aucun = Aucune annonce pour l'instant. /annonce pour en écrire une.
