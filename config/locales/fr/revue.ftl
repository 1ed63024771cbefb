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
