## /annonce, /envois and delivery reports.

commande-annonce = Send an announcement
commande-envois = Follow announcement deliveries

annonce-demande =
    Send me the announcement: a text, or a photo or a document with its caption. Bold, italics and links are kept.
    /annuler to give up.
annonce-refusee = { $raison ->
        [vide] This announcement is empty: send a text, a photo or a document.
        [trop-long] This announcement is too long for Telegram (4,096 characters for a text, 1,024 for a caption): shorten it and send it again.
       *[type] I can only send a text, a photo or a document: send the announcement in one of these forms, or /annuler.
    }
annonce-audience = Who should get it? (in brackets, the number of recipients)
## $cas: "seul" ("the group X") or "a" ("to the group X", after "send this announcement").
audience-tous = { $cas ->
        [a] to everyone
       *[seul] everyone
    }
audience-groupe = { $cas ->
        [a] to the group { $groupe }
       *[seul] the group { $groupe }
    }
audience-role = { $cas ->
        [a] { $role ->
            [animateur] to the facilitators
            [equipe] to the staff
           *[membre] to the members
        }
       *[seul] { $role ->
            [animateur] the facilitators
            [equipe] the staff
           *[membre] the members
        }
    }
audience-seance = { $cas ->
        [a] to those invited to “{ $seance }”
       *[seul] those invited to “{ $seance }”
    }
bouton-audience = { $libelle } ({ $nombre })
annonce-personne = Nobody would get this announcement ({ $audience }): pick another audience.
annonce-apercu =
    ⬆️ This is the preview, exactly as the recipients will get it.
    <b>Send this announcement { $audience } ({ $nombre } { $nombre ->
        [one] person
       *[other] people
    })?</b>
    An ordinary announcement waits for the end of quiet hours; an urgent one goes out even at night.
bouton-envoyer = ✅ Send
bouton-envoyer-urgent = ⚡ Send as urgent
annonce-partie = On its way: { $nombre } { $nombre ->
        [one] recipient
       *[other] recipients
    }.{ $calme ->
        [oui] { " " }These are quiet hours: sending will start at { $fin }.
       *[non] {""}
    } I will send you the report at the end; /envois to follow it.
annonce-annulee = Announcement dropped: nothing was sent.

annonce-bilan =
    <b>Report on your announcement</b> “{ $debut }” ({ $audience }):
    { $envoyes } delivered out of { $total }, { $injoignables } unreachable, { $echecs } failed.
envois-titre = <b>Latest announcements</b>
envois-ligne = • { $date } — “{ $debut }” → { $audience }: { $envoyes }/{ $total } delivered, { $en_attente } waiting, { $injoignables } unreachable, { $echecs } failed
envois-sans-texte = (photo or document)
envois-aucun = No announcements yet. /annonce to write one.
