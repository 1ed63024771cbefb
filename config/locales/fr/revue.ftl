## La revue de presse de la veille citoyenne.

revue-titre = 📰 <b>Revue de presse — { $groupe }</b>
    { $frequence ->
        [quotidienne] Du jour
       *[hebdomadaire] De la semaine
    }, { $date } : { $nombre } { $nombre ->
        [one] article choisi
       *[other] articles choisis
    } par les animateurs.
revue-article = { $une ->
        [oui] ⭐ À la une :
       *[non] •
    } <a href="{ $url }">{ $titre }</a> — { $source }
revue-note = <i>{ $note }</i>
revue-signale = proposé par un membre

## /revue (équipe) : voir la prochaine revue d'un groupe, l'envoyer tout de suite.

commande-revue = Envoyer tout de suite la revue de presse d'un groupe
revue-choix = 📰 Quelle revue de presse ? Je vous la montre telle que les membres la recevront ; vous choisirez ensuite de l'envoyer maintenant ou non.
revue-apercu =
    ⬆️ Voici la revue de presse de { $groupe }, exactement comme les membres la recevront : { $articles } { $articles ->
        [one] article
       *[other] articles
    } pour { $nombre } { $nombre ->
        [one] membre
       *[other] membres
    }.
    <b>L'envoyer maintenant ?</b> La prochaine revue programmée ne reprendra pas ces articles.
bouton-revue-envoyer = ✅ Envoyer maintenant
revue-partie = C'est parti : la revue de presse de { $groupe } part vers { $nombre } { $nombre ->
        [one] membre
       *[other] membres
    }.{ $calme ->
        [oui] { " " }Ce sont les heures calmes : l'envoi commencera à { $fin }.
       *[non] {""}
    }
revue-annulee = Revue de presse non envoyée : elle partira à son heure habituelle.
revue-rien = Rien à envoyer pour { $groupe } : { $raison ->
        [personne] aucun membre ne reçoit la revue de presse de ce groupe (chacun la choisit dans /moi).
        [deja-envoyee] cette revue de presse vient de partir.
        [inactif] ce groupe n'existe plus.
       *[rien-de-garde] aucun article gardé depuis la dernière revue de presse. Les animateurs gardent les articles avec /veille.
    }
