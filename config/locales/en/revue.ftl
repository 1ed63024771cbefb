## The citizen watch's news digest.

revue-titre = 📰 <b>News digest — { $groupe }</b>
    { $frequence ->
        [quotidienne] Daily
       *[hebdomadaire] Weekly
    }, { $date }: { $nombre } { $nombre ->
        [one] article
       *[other] articles
    } picked by the facilitators.
revue-article = { $une ->
        [oui] ⭐ Top story:
       *[non] •
    } <a href="{ $url }">{ $titre }</a> — { $source }
revue-note = <i>{ $note }</i>
revue-signale = tipped by a member
