## Console, Announcements page: write, preview, send, follow the sending, the history.

annonces-titre = Announcements
annonces-ecrire = Write an announcement
annonces-historique-titre = Announcements sent
annonces-aucune = No announcement yet.
annonces-col-annonce = Announcement
annonces-col-date = Date
annonces-col-audience = Audience
annonces-col-auteur = By
annonces-col-recues = Delivered
annonces-col-attente = Pending
annonces-col-injoignables = Unreachable
annonces-col-echecs = Failed
annonces-recues-sur = { $envoyes } of { $total }
annonces-sans-texte = (photo or document without a caption)
annonces-auteur-aucun = command line
annonces-urgente = urgent
annonces-pagination = Pages of announcements
annonces-page-precedente = Previous page
annonces-page-suivante = Next page
annonces-page = Page { $page } of { $pages }

annonces-nouvelle-titre = Write an announcement
annonces-champ-texte = Text of the announcement
annonces-aide-texte = Formatting as in Telegram: &lt;b&gt;bold&lt;/b&gt;, &lt;i&gt;italic&lt;/i&gt;, &lt;u&gt;underlined&lt;/u&gt;, &lt;s&gt;struck&lt;/s&gt;, &lt;a href="https://…"&gt;link&lt;/a&gt;, &lt;code&gt;code&lt;/code&gt;, &lt;pre&gt;block&lt;/pre&gt;, &lt;blockquote&gt;quote&lt;/blockquote&gt;. To write the “&lt;” sign itself, type &amp;lt;. 4,096 characters at most.
annonces-champ-audience = Who should get it
annonces-option-audience = { $libelle } ({ $nombre })
annonces-bouton-apercu = Preview

annonces-erreur-texte = { $raison ->
        [vide] Write the text of the announcement.
       *[trop-long] This text is too long for Telegram (4,096 characters at most, formatting not counted): shorten it.
    }
annonces-erreur-html = Telegram would refuse this text{ $ligne ->
        [0] {""}
       *[other] {" "}(line { $ligne })
    }: { $raison ->
        [balise-inconnue] there is no “&lt;{ $balise }&gt;” tag in Telegram. Use the ones listed under the field, or type &amp;lt; to write the “&lt;” sign.
        [non-fermee] the “&lt;{ $balise }&gt;” tag is never closed. Add “&lt;/{ $balise }&gt;” at the end of the passage.
        [mal-fermee] “&lt;/{ $balise }&gt;” comes while “&lt;{ $attendue }&gt;” is still open. Close tags in the reverse order of opening.
        [fermante-seule] a closing tag has no opening tag. Remove it or add the opening tag.
       *[autre] a tag is badly written. Check the tags, and type &amp;lt; to write the “&lt;” sign.
    }
annonces-erreur-lien = The link “{ $adresse }” would not open on a phone: a link's address starts with https:// (or http://, mailto:).
annonces-erreur-audience = Choose who should get the announcement from the list.
annonces-erreur-personne = Nobody would get this announcement ({ $audience }): choose another audience.

annonces-apercu-titre = Preview of the announcement
annonces-apercu-intro = Here is the announcement exactly as its recipients will get it in Telegram.
annonces-apercu-message = The message
annonces-apercu-destinataires = It will go { $audience }: { $nombre } { $nombre ->
        [one] person
       *[other] people
    }.
annonces-apercu-calme = { $calme ->
        [oui] These are quiet hours ({ $debut } – { $fin }): an ordinary announcement will go at { $fin }; an urgent one goes at once.
       *[non] An ordinary announcement waits for the end of quiet hours ({ $debut } – { $fin }); an urgent one goes even at night.
    }
annonces-bouton-envoyer = Send
annonces-bouton-urgent = Send as urgent
annonces-bouton-modifier = Edit

annonces-annonce-titre = Announcement of { $date }
annonces-annonce-audience = Audience: { $audience }
annonces-annonce-auteur = By: { $auteur }
annonces-annonce-auteur-aucun = By: the command line
annonces-annonce-urgente = Sent as urgent, even during quiet hours.
annonces-annonce-fichier = { $nature ->
        [photo] This announcement is a photo (visible in Telegram); the text below is its caption.
       *[document] This announcement is a document (visible in Telegram); the text below is its caption.
    }
annonces-bilan-titre = Delivery report
annonces-bilan-total = Recipients
annonces-bilan-recues = Delivered
annonces-bilan-attente = Pending
annonces-bilan-injoignables = Unreachable
annonces-bilan-echecs = Failed
annonces-bilan-en-cours = Sending: this report updates itself.
annonces-bilan-matin = These are quiet hours: sending will start at { $fin }. This report updates itself.
annonces-bilan-termine = Sending finished: { $envoyes } of { $total } delivered.
annonces-bilan-aide = An unreachable person blocked the bot or deleted their Telegram account: they appear on the Members page.
annonces-retour = All announcements
