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

## /revue (staff): see a group's next digest, send it right away.

commande-revue = Send a group's news digest right away
revue-choix = 📰 Which news digest? I will show it to you as the members will get it; then you choose whether to send it now.
revue-apercu =
    ⬆️ Here is { $groupe }'s news digest, exactly as the members will get it: { $articles } { $articles ->
        [one] article
       *[other] articles
    } for { $nombre } { $nombre ->
        [one] member
       *[other] members
    }.
    <b>Send it now?</b> The next scheduled digest will not repeat these articles.
bouton-revue-envoyer = ✅ Send now
revue-partie = On its way: { $groupe }'s news digest goes to { $nombre } { $nombre ->
        [one] member
       *[other] members
    }.{ $calme ->
        [oui] { " " }These are quiet hours: sending starts at { $fin }.
       *[non] {""}
    }
revue-annulee = News digest not sent: it will go out at its usual time.
revue-rien = Nothing to send for { $groupe }: { $raison ->
        [personne] no member receives this group's news digest (each one chooses it in /moi).
        [deja-envoyee] this news digest has just gone out.
        [inactif] this group no longer exists.
       *[rien-de-garde] no article kept since the last news digest. Facilitators keep articles with /veille.
    }
