## Citizen watch: articles tipped by members, curation by facilitators, staff's feeds.

commande-signaler = Tip your group about an article
commande-veille = Sort the watch's articles
commande-sources = Manage the watch's feeds

## Members' tips.

signaler-merci = Thank you, the article “{ $titre }” goes to your group's facilitators.
signaler-erreur = { $raison ->
        [lien-mort] This link does not answer: check it, or try again later.
        [sans-groupe] You are in no group: the staff can add you to one.
        [deja-signale] This article has already been tipped to your group: thank you!
        [adresse-privee] This link leads to a private network, not a public site: send the address of an article published on the Internet.
       *[url-invalide] Send the address of an article, starting with http:// or https://, for example: /signaler https://www.paris.fr/pages/an-article
    }

## /veille: facilitators' curation.

veille-titre = 📰 <b>Watch — articles to sort</b> ({ $nombre })
veille-vide = No article to sort for now. Members can tip some with /signaler.
veille-sans-groupe = You facilitate no group yet: the staff can give you one.
veille-article = <b>{ $numero }.</b> <a href="{ $url }">{ $titre }</a>
veille-details = { $origine } · { $date }
veille-details-groupe = { $groupe } · { $origine } · { $date }
veille-signale-par = tipped by { $prenom }
veille-signale = tipped by a member
veille-resume = <i>{ $resume }</i>
veille-etat = → { $statut ->
        [garde] ✅ kept
        [a_la_une] ⭐ top story
        [ecarte] ❌ discarded
       *[nouveau] to sort
    }
veille-etat-sujet = 💡 became a topic
veille-etat-note = ✏️ <i>{ $note }</i>
veille-suite = … and { $nombre } { $nombre ->
        [one] other
       *[other] others
    }: /veille for the next ones
veille-legende = ✅ keep · ⭐ top story · ❌ discard · 💡 make it a topic · ✏️ add a note
bouton-veille-garder = { $numero } ✅
bouton-veille-une = { $numero } ⭐
bouton-veille-ecarter = { $numero } ❌
bouton-veille-sujet = { $numero } 💡
bouton-veille-note = { $numero } ✏️
veille-non-classes-titre = 📥 <b>In no group</b> ({ $nombre }): no keyword filed { $nombre ->
        [one] it. Choose its group in one tap; its facilitators will see it in /veille.
       *[other] them. Choose each one's group in one tap; its facilitators will see it in /veille.
    }
veille-non-classes-vide = 📥 No article left outside the groups: everything is filed.
bouton-veille-ranger = { $numero } → { $groupe }
veille-range-ok = Filed in “{ $groupe }”.
veille-decision = { $statut ->
        [garde] ✅ Kept for the news digest.
        [a_la_une] ⭐ Top story of the news digest.
       *[ecarte] ❌ Discarded.
    }
veille-note-question = ✏️ Write on one line (200 characters at most) the note that will go with “{ $titre }” in the news digest — /annuler to give up.
veille-note-ok = ✏️ Note saved for “{ $titre }”: the article is kept.
veille-note-abandon = No note: nothing changed.
veille-sujet-ok = 💡 “{ $texte }” joins the kept topics of { $groupe }.
veille-erreur = { $raison ->
        [note-vide] Write the note on one line, or /annuler to give up.
        [note-longue] The note is too long (200 characters at most): shorten it.
        [note-lignes] Write the note on a single line.
        [deja-sujet] This article is already one of the group's topics.
        [introuvable] This article is no longer in the group's watch.
        [statut] Choose keep, top story or discard.
       *[interdit] Only the group's facilitators and the staff sort its watch.
    }

## /sources: the feeds, managed by staff.

sources-titre = 📡 <b>Watch feeds</b>: { $actifs } active out of { $nombre }
sources-vide = No feed followed yet.
sources-active = <b>{ $numero }.</b> ✅ { $nom } — { $url }
sources-active-echecs = <b>{ $numero }.</b> ⚠️ { $nom } — { $url }
    { $echecs } { $echecs ->
        [one] failure
       *[other] failures
    } in a row: { $erreur }
sources-desactivee = <b>{ $numero }.</b> ⏸ { $nom } — { $url }
    Deactivated on { $date } after { $echecs } { $echecs ->
        [one] failure
       *[other] failures
    }: { $erreur }
sources-retiree = <b>{ $numero }.</b> ⏹ { $nom } — { $url }
    Removed on { $date }.
sources-aide = To add a feed: /sources ajouter feed-address name (the name is optional).
bouton-retirer-source = 🗑 Remove { $numero }
bouton-reactiver-source = ▶️ Reactivate { $numero }
source-ajoutee = ✅ Feed “{ $nom }” added ({ $url }): its articles will come at the next collection.
source-retiree = ⏹ Feed “{ $nom }” removed; the articles already collected stay.
source-reactivee = ▶️ Feed “{ $nom }” reactivated.
source-erreur = { $raison ->
        [injoignable] This site does not answer: check the address, or try again later. Nothing was saved.
        [delai] This site takes too long to answer: try again later. Nothing was saved.
        [adresse-privee] This address is on a local or private network: it is refused. Nothing was saved.
        [trop-gros] This feed is too large to be collected. Nothing was saved.
        [http] This site answered with an error: check the address, or try again later. Nothing was saved.
        [introuvable] This address cannot be found on this site (error 404): check it. Nothing was saved.
        [disparu] This address no longer exists on this site (error 410): look for the feed's new address. Nothing was saved.
        [acces-refuse] This site asks for a login or refuses access to this feed (error 401 or 403): choose a public feed. Nothing was saved.
        [panne] This site is down for now (error 5xx): try again later. Nothing was saved.
        [pas-un-flux] This address is not an RSS or Atom feed: look for the site's “RSS” link. Nothing was saved.
        [deja] This feed is already followed.
        [inconnue] This feed no longer exists.
       *[url-invalide] Write the feed's full address, for example: /sources ajouter https://www.paris.fr/rss Paris.fr
    }
source-desactivee = ⚠️ The feed “{ $nom }” ({ $url }) has not answered for several collections ({ $erreur }): it is deactivated. /sources to reactivate or replace it.

## /moi: the news digest received.

moi-revue = 📰 News digest: { $revue ->
        [tous] every group's
       *[groupe] your group's
    }, { $frequence ->
        [quotidienne] every day
       *[hebdomadaire] every week
    }.
moi-revue-aucune = 📰 News digest: none.
bouton-revue = { $choisi ->
        [oui] ●
       *[non] ○
    } { $revue ->
        [groupe] My group
        [tous] All groups
       *[aucune] None
    }
bouton-frequence = { $choisi ->
        [oui] ●
       *[non] ○
    } { $frequence ->
        [quotidienne] Every day
       *[hebdomadaire] Every week
    }
revue-choisie = Noted.
