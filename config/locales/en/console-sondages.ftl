## The console: the Polls page (open, closed, participation, results, export, closing).

console-sondages-titre = Polls
console-sondages-filtre = Which polls
console-sondages-onglet-ouverts = Open ({ $n })
console-sondages-onglet-clos = Closed ({ $n })
console-sondages-legende = { $clos ->
        [oui] Closed polls, most recent first
       *[non] Open polls, closing soonest first
    } (page { $page } of { $pages })
console-sondages-col-question = Question
console-sondages-col-groupe = Group
console-sondages-col-type = Type
console-sondages-col-vote = Ballot
console-sondages-col-cloture = { $clos ->
        [oui] Closed on
       *[non] Closes
    }
console-sondages-col-participation = Turnout
console-sondages-toute-assemblee = Whole assembly
console-sondages-type = { $type ->
        [jugement] Majority judgment
        [multiple] Several choices
       *[unique] Single choice
    }
console-sondages-max-choix = { $max } { $max ->
        [one] choice
       *[other] choices
    } at most
console-sondages-anonyme = { $anonyme ->
        [oui] Anonymous
       *[non] Named
    }
console-sondages-anonyme-detail = { $anonyme ->
        [oui] Anonymous: nobody, staff included, knows who voted for what; no results before the close.
       *[non] Named: the results file shows who chose what.
    }
console-sondages-participation = { $votants } of { $inscrits } voted ({ $taux } %)
console-sondages-aucun = { $clos ->
        [oui] No closed poll.
       *[non] No open poll. To launch one, send /sondage to the bot in Telegram.
    }
console-sondages-pages = Pages of the list
console-sondages-page = Page { $page } of { $pages }
console-sondages-page-precedente = Previous page
console-sondages-page-suivante = Next page

console-sondages-retour = { $clos ->
        [oui] Back to closed polls
       *[non] Back to open polls
    }
console-sondages-lance-le = Launched on
console-sondages-participation-titre = Turnout
console-sondages-resultats-titre = Results
console-sondages-image-alt = Chart of the results of the poll “{ $question }”, the same picture the members receive; the ranking is written below.
console-sondages-ecartes = { $nombre ->
        [one] 1 ballot set aside: unreadable or against the poll's rules.
       *[other] { $nombre } ballots set aside: unreadable or against the poll's rules.
    }
console-sondages-csv = Download the results (CSV file for a spreadsheet)
console-sondages-secret = Anonymous ballot: nobody knows the results before the close, only the turnout.
console-sondages-options = Options
console-sondages-clore-titre = Close now
console-sondages-clore-texte = Voting stops at once and the results go to the invited members. A closed poll cannot be reopened.
console-sondages-clore-bouton = Close the poll and send the results
console-sondages-erreur = { $raison ->
        [clos] This poll is already closed: its results are below.
       *[interdit] Only the group's facilitators and staff can close this poll.
    }
console-sondages-csv-secret-titre = Results not known yet
console-sondages-csv-secret = This poll is anonymous and still open: nobody knows its results before the close. The file will be available once it is closed.
