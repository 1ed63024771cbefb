## The console: the News watch page (articles to sort, articles in no group, feeds and their health).

console-veille-titre = News watch
console-veille-sous-menu = Parts of the news watch
console-veille-nav-tri = To sort
console-veille-nav-hors-groupe = In no group
console-veille-nav-sources = Feeds
console-veille-pages = Pages of the list
console-veille-page = Page { $page } of { $pages }
console-veille-page-precedente = Previous page
console-veille-page-suivante = Next page

console-veille-sans-groupe = You do not facilitate any group yet: staff can give you one.
console-veille-a-trier = To sort ({ $n })
console-veille-vide = No article to sort for now.
console-veille-lien-hors-groupe = { $n ->
        [one] 1 article is in no group: file it
       *[other] { $n } articles are in no group: file them
    }
console-veille-derniere = Last decision
console-veille-fait = “{ $titre }”: { $statut ->
        [garde] kept for the digest.
        [a_la_une] highlighted in the digest.
        [ecarte] discarded.
       *[nouveau] still to sort.
    } You can change your mind below.
console-veille-signale-par = tipped by { $prenom }
console-veille-signale = tipped by a member
console-veille-etat = { $statut ->
        [garde] Kept
        [a_la_une] Highlighted
        [ecarte] Discarded
       *[nouveau] To sort
    }
console-veille-etat-sujet = became a topic of the group
console-veille-etat-note = note: { $note }
console-veille-garder = Keep
console-veille-une = Highlight
console-veille-ecarter = Discard
console-veille-sujet = Make it a topic
console-veille-note-ouvrir = Add a note
console-veille-note-champ = Note for the digest (one line, 200 characters at most); the article is then kept
console-veille-note-bouton = Save the note
console-veille-erreur = { $raison ->
        [note-vide] Write the note on one line.
        [note-longue] The note is too long (200 characters at most): shorten it.
        [note-lignes] Write the note on a single line.
        [deja-sujet] This article already became a topic of the group.
        [introuvable] This article is no longer in the group's news watch.
        [statut] Choose keep, highlight or discard.
       *[interdit] Only the group's facilitators and staff sort its news watch.
    }

console-veille-hors-groupe-titre = In no group ({ $n })
console-veille-hors-groupe-texte = No group's keyword matches these articles. File those that concern a group in it: its facilitators will sort them.
console-veille-hors-groupe-vide = Everything is filed: no article outside the groups.
console-veille-ranger-champ = File in the group
console-veille-ranger-bouton = File
console-veille-ranger-erreur = Choose one of the groups in the list.

console-veille-sources-titre = Feeds followed: { $actives } active of { $n }
console-veille-sources-vide = No feed followed yet.
console-veille-col-source = Feed
console-veille-col-etat = State
console-veille-col-releve = Last successful fetch
console-veille-col-echecs = Failures in a row
console-veille-col-erreur = Last error
console-veille-col-prochain = Next try
console-veille-col-action = Action
console-veille-source-etat = { $etat ->
        [active-echecs] Active, struggling
        [desactivee] Deactivated on { $date } after too many failures
        [retiree] Removed on { $date }
       *[active] Active
    }
console-veille-jamais = never
console-veille-aucune-erreur = none
console-veille-plus-releve = no longer fetched
console-veille-prochain-passage = at the next round
console-veille-source-bouton = { $action ->
        [reactiver] Reactivate
       *[retirer] Remove
    }
console-veille-source-fait = { $fait ->
        [ajoutee] Feed added: its articles will come at the next fetch.
        [reactivee] Feed reactivated: it will be fetched at the next round.
       *[retiree] Feed removed; the articles already fetched stay.
    }
console-veille-ajouter-titre = Add a feed
console-veille-champ-url = Address of the RSS or Atom feed (http:// or https://)
console-veille-champ-nom = Name shown in the digest (optional: otherwise, the feed's title)
console-veille-ajouter-bouton = Check and add
console-veille-source-erreur = { $raison ->
        [injoignable] This site does not answer: check the address, or try again later. Nothing was saved.
        [delai] This site takes too long to answer: try again later. Nothing was saved.
        [adresse-privee] This address is on a local or private network: it is refused. Nothing was saved.
        [trop-gros] This feed is too large to be fetched. Nothing was saved.
        [http] This site answered with an error: check the address, or try again later. Nothing was saved.
        [introuvable] This address cannot be found on this site (error 404): check it. Nothing was saved.
        [disparu] This address no longer exists on this site (error 410): look for the feed's new address. Nothing was saved.
        [acces-refuse] This site asks for a login or refuses access to this feed (error 401 or 403): choose a public feed. Nothing was saved.
        [panne] This site is down for now (error 5xx): try again later. Nothing was saved.
        [pas-un-flux] This address is not an RSS or Atom feed: look for the site's “RSS” link. Nothing was saved.
        [deja] This feed is already followed.
        [inconnue] This feed no longer exists.
       *[url-invalide] Write the feed's full address, for example https://www.paris.fr/rss.
    }

console-veille-nav-revue = Digest
console-veille-revue-intro = Each group's next news digest: the articles kept since the previous one. Open a group's to read it exactly as the members will get it, highlighted articles first. If nothing is done, it goes at the group's usual time.
console-veille-revue-groupe = Digest: { $groupe }
console-veille-revue-resume = { $articles } { $articles ->
        [one] article
       *[other] articles
    } for { $nombre } { $nombre ->
        [one] member
       *[other] members
    }.
console-veille-revue-partie-titre = { $frequence ->
        [quotidienne] Daily digest
       *[hebdomadaire] Weekly digest
    }, for { $nombre } { $nombre ->
        [one] member
       *[other] members
    }
console-veille-revue-voir = See the { $groupe } digest as members will get it
console-veille-revue-envoyer = Send the { $groupe } digest now ({ $nombre } { $nombre ->
        [one] member
       *[other] members
    })
console-veille-revue-partie = On its way: the digest goes to { $nombre } { $nombre ->
        [one] member
       *[other] members
    }.{ $calme ->
        [oui] { " " }These are quiet hours: sending will start at { $fin }.
       *[non] {""}
    } The next scheduled digest will not repeat these articles.
console-veille-revue-rien = Nothing to send: { $raison ->
        [personne] no member receives this group's digest (each chooses it in /moi, in Telegram).
        [deja-envoyee] this digest has just gone.
        [inactif] this group no longer exists.
       *[rien-de-garde] no article kept since the last digest.
    }
