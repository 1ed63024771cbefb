## Sessions: creating, changing, cancelling (error messages shared by the bot and the command line).

seance-erreur = { $raison ->
        [titre-vide] The session's title is missing.
        [titre-long] The title is too long (200 characters at most).
        [passe] This date has passed: pick a date to come.
        [fin-avant-debut] The end must come after the start.
        [trop-longue] A session lasts 12 hours at most: check the start and the end.
        [ni-lieu-ni-lien] Give a place (an address) or a video link, or both.
        [lieu-long] The address is too long (300 characters at most).
        [lien-invalide] The link must start with https:// (or http://).
        [atelier-sans-groupe] A workshop belongs to a group: pick it.
        [groupe-inconnu] This group does not exist or is no longer active.
        [annulee] This session is cancelled.
        [commencee] This session has started: it can no longer be changed.
        [terminee] This session is over.
        [date-illisible] I did not understand this date: write for example 03/12/2026 18:30.
        [duree-illisible] I did not understand: write an end time (20:30) or a duration (2h, 1h30).
       *[interdit] You can only manage the sessions of your groups.
    }

type-seance = { $type ->
        [pleniere] Plenary
        [atelier] Workshop
        [formation] Training
        [visite] Visit
       *[autre] Session
    }
carte-titre = <b>{ $titre }</b> — { type-seance }, { $groupe }
carte-toute-assemblee = whole assembly
carte-quand = 🗓 { $date } – { $fin }
carte-lieu = 📍 { $lieu } (<a href="{ $plan }">map</a>)
carte-lien = 💻 <a href="{ $lien }">Join online</a>

rappel-entete = { $jours ->
        [0] ⏰ <b>In { $heures } { $heures ->
            [one] hour
           *[other] hours
        }:</b>
        [1] 📅 <b>Reminder: it is tomorrow.</b>
       *[other] 📅 <b>Reminder: in { $jours } days.</b>
    }
rappel-question = Will you be there?
reponse-actuelle = Your answer: { $choix ->
        [oui] ✅ I will be there
        [non] ❌ I can't make it
       *[peut_etre] 🤔 maybe
    } (you can change it until the start)
bouton-oui = ✅ I will be there
bouton-non = ❌ I can't make it
bouton-peut-etre = 🤔 Maybe

seance-changee = ⚠️ <b>{ $quoi ->
        [horaire] Change of time
        [lieu] Change of place
        [lien] Change of online link
        [horaire-lieu] Change of time and place
       *[autre] Change
    }</b> for this session:
creneau = { $date } – { $fin }
changement-horaire = 🕒 Time: <s>{ $avant }</s> → <b>{ $apres }</b>
changement-lieu = 📍 Place: <s>{ $avant }</s> → <b>{ $apres }</b>
changement-aucun = none
changement-lien = 💻 { $etat ->
        [ajoute] An online link is added (below).
        [retire] No online link any more: the session is in person only.
       *[change] New online link (below): the old one no longer works.
    }
seance-annulee = ❌ <b>Session cancelled:</b> { $titre }, planned { $date }. Nothing to do on your side.
seance-annulee-ligne = ❌ <b>Session cancelled</b>: no need to answer.
relance-reponse = 🙋 <b>You have not answered yet</b> for this session:

## Members' answers.
reponse-notee = Noted, thank you!
reponse-refusee = { $raison ->
        [commencee] The session has started: answers are closed.
        [annulee] This session is cancelled.
        [non-convoque] You are not invited to this session.
        [sans-non] First choose “I can't make it”.
       *[inconnue] This button is no longer valid.
    }
raison-question = Too bad! If you like, tell us why (optional; the staff use it to organise sessions better):
raison-choix = { $raison ->
        [travail] Work
        [personnelle] Personal reason
        [famille] Family
       *[autre] Other
    }
raison-notee = Thank you, noted.

## /agenda
agenda-titre = <b>Your next sessions</b>
agenda-vide = No session planned for you right now. I will tell you as soon as there is one.
agenda-numero = <b>{ $numero }.</b> { $carte }
agenda-ics-legende = Open this file to add your sessions to your phone's calendar.
agenda-fichier = my-sessions.ics
agenda-nom = Citizens' Assembly
bouton-abonnement = 🔗 Subscription link for my calendar
abonnement-lien =
    Here is your subscription link, to paste in your calendar app (“Subscribe to a calendar”): your sessions will update there by themselves.
    { $url }
    It is personal: do not share it. A new link replaces the old one.
bouton-revoquer-abonnement = 🚫 Cut this link
abonnement-revoque = The subscription link no longer works.
abonnement-indisponible = The subscription link exists only in webhook mode; use the file above.

## Managing sessions (facilitators, staff).
commande-agenda = Your next sessions
commande-seance = Create a session
commande-seances = Manage sessions
commande-presences = Answers and roll call
commande-indemnisation = Attendance export for compensation
seances-titre = <b>Sessions you manage</b>
seances-vide = No coming session in your groups. /seance to create one.
seances-ligne = <b>{ $numero }.</b> { $date } — { $titre } ({ $groupe }){ $annulee ->
        [oui] { " " }— cancelled
       *[non] {""}
    }
bouton-presences = { $numero } · Attendance
bouton-modifier = { $numero } · Change
bouton-annuler-seance = { $numero } · Cancel

seance-type-question = What kind of session? (/annuler to give up)
seance-groupe-question = For which group?
seance-titre-question = What title? (for example “Hearing: greening school yards”)
seance-debut-question = When does it start? Write the date and time, for example 03/12/2026 18:30.
seance-fin-question = When does it end? A time (20:30) or a duration (2h, 1h30).
seance-lieu-question = Where? Write the address, or tap “Skip” if it is online only.
seance-lien-question = A video link? Write it (https://…), or tap “Skip”.
bouton-passer = Skip
bouton-creer = ✅ Create the session
seance-apercu =
    <b>Here is the session:</b>
    { $carte }
    { $nombre ->
        [0] No member invited for now.
        [one] { $nombre } member invited: they will get the reminders.
       *[other] { $nombre } members invited: they will get the reminders.
    }
seance-creee = Done: the session is in the calendar, reminders will go out at the right times.
seance-abandon = Session dropped: nothing was saved.
seance-champ-question = What do you want to change?
champ = { $champ ->
        [titre] Title
        [debut] Date and time
        [fin] End
        [lieu] Place
       *[lien] Link
    }
seance-modifiee = Changed.{ $annonce ->
        [oui] { " " }The invited members are told at once, and reminders will follow the new time.
       *[non] {""}
    }
seance-annuler-question = <b>Cancel this session?</b> The invited members will be told at once.
{ $carte }
bouton-confirmer-annulation = Yes, cancel the session
seance-annulee-ok = The session is cancelled; the invited members are told.

presences-tableau =
    { $carte }

    ✅ Yes ({ $nb_oui }): { $oui }
    🤔 Maybe ({ $nb_peut_etre }): { $peut_etre }
    ❌ No ({ $nb_non }): { $non }
    ⏳ No answer ({ $nb_sans }): { $sans }
presences-personne = nobody
presences-raison = { $nom } ({ raison-choix })
bouton-relancer = { $nombre ->
        [one] 🔔 Nudge the person without an answer
       *[other] 🔔 Nudge the { $nombre } without an answer
    }
relance-faite = { $nombre ->
        [0] Everyone was already nudged today (or has no Telegram).
        [one] Nudge sent to { $nombre } person.
       *[other] Nudge sent to { $nombre } people.
    }
bouton-emargement = 📋 Roll call
emargement-titre =
    <b>Roll call</b> — { $titre }, { $date }
    Tap a name to mark them present (✅); tap again for absent (❌).
    Present: { $presents } out of { $total }.
emargement-ferme = The roll call opens on the day of the session (3 hours before the start) and closes the day after the end.
emargement-refuse = { $raison ->
        [interdit] Only the group's facilitators and the staff take the roll call.
        [annulee] This session is cancelled.
        [non-convoque] This person is not invited to this session.
       *[pas-le-jour] The roll call opens on the day of the session (3 hours before the start) and closes the day after the end.
    }
bouton-page-precedente = ◀︎ Previous
bouton-page-suivante = Next ▶︎

indemnisation-legende = Attendance for { $mois }, for compensation (from the roll call).
indemnisation-mois-invalide = Give the month like this: /indemnisation 2026-11
bouton-emarge = { $etat ->
        [present] ✅
        [absent] ❌
       *[vide] ⬜
    } { $nom }{ $etat ->
        [vide] {""}
       *[other] { " " }· marked by { $par }
    }
