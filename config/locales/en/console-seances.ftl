## The console: the Sessions page (list, month, create, change, cancel, convocation,
## answers and nudge, roll call on a tablet, compensation export).

console-seances-titre = Sessions
console-seances-vues = Session views
console-seances-vue-a-venir = Upcoming
console-seances-vue-passees = Past
console-seances-vue-mois = Month calendar
console-seances-vue-indemnisation = Compensation
console-seances-nouvelle = New session
console-seances-vos-groupes = You see your groups' sessions; the whole assembly's are managed by staff.
console-seances-legende-liste = { $passees ->
        [oui] Past sessions, latest first
       *[non] Upcoming sessions, soonest first
    }: { $total } in all (page { $page } of { $pages })
console-seances-aucune = { $passees ->
        [oui] No past session.
       *[non] No upcoming session.
    }
console-seances-col-seance = Session
console-seances-col-quand = When
console-seances-col-groupe = Group
console-seances-col-etat = Status
console-seances-col-oui = Yes
console-seances-col-peut-etre = Maybe
console-seances-col-non = No
console-seances-col-membre = Member
console-seances-col-reponse = Answer
console-seances-col-raison = Reason
console-seances-col-convoque = Convened
console-seances-etat = { $etat ->
        [a-venir] upcoming
        [en-cours] under way
        [passee] past
       *[annulee] cancelled
    }
console-seances-pagination = Pages
console-seances-page-precedente = Previous page
console-seances-page-suivante = Next page
console-seances-page-sur = Page { $page } of { $pages }

console-seances-mois-titre = Sessions of { $mois }
console-seances-mois-navigation = Other months
console-seances-mois-precedent = Previous month: { $mois }
console-seances-mois-suivant = Next month: { $mois }
console-seances-mois-legende = { $mois }: { $n ->
        [0] no session
        [one] { $n } session
       *[other] { $n } sessions
    }
console-seances-jour = { $jour ->
        [lundi] Monday
        [mardi] Tuesday
        [mercredi] Wednesday
        [jeudi] Thursday
        [vendredi] Friday
        [samedi] Saturday
       *[dimanche] Sunday
    }

console-seances-retour-liste = Back to the sessions
console-seances-retour-seance = Back to the session “{ $titre }”
console-seances-champ-type = Type
console-seances-champ-groupe = Group
console-seances-champ-quand = When
console-seances-champ-titre = Title
console-seances-champ-debut = Start (date and time)
console-seances-champ-fin = End (time)
console-seances-champ-lieu = Place (address)
console-seances-champ-lien = Video call link
console-seances-champ-description = Description (optional)
console-seances-champ-etat = Status
console-seances-fait = { $quoi ->
        [creee] Done: the session is in the calendar, reminders will go out at the right times.
        [modifiee] Changed. Neither the time nor the place changed: no message to members.
        [modifiee-annoncee] Changed. Convened members are told right away, and reminders will follow the new time.
       *[annulee] The session is cancelled; convened members are told.
    }
console-seances-actions = Session actions
console-seances-modifier = Change
console-seances-annuler = Cancel the session
console-seances-convocation = Who is convened
console-seances-emargement = Roll call

console-seances-reponses-titre = Answers of the convened members
console-seances-compte = { $reponse ->
        [oui] Yes
        [peut_etre] Maybe
        [non] No
       *[sans] No answer
    }: { $n }
console-seances-reponse = { $reponse ->
        [oui] ✅ yes
        [peut_etre] 🤔 maybe
        [non] ❌ no
       *[sans] ⏳ no answer
    }
console-seances-legende-reponses = Each convened member and their answer (page { $page } of { $pages })
console-seances-personne-convoquee = Nobody is convened to this session yet.
console-seances-relancer = { $n ->
        [one] Nudge the person who has not answered
       *[other] Nudge the { $n } people who have not answered
    }
console-seances-relancer-aide = The bot sends them the session again with the answer buttons, once a day at most.

console-seances-formulaire-titre = { $quoi ->
        [modifier] Change the session
       *[creer] New session
    }
console-seances-formulaire-bouton = { $quoi ->
        [modifier] Save the changes
       *[creer] Create the session
    }
console-seances-modifier-aide = If the time or the place changes, convened members are told right away what changes. The type and the group cannot be changed: cancel the session and create another one.

console-seances-annuler-titre = Cancel this session?
console-seances-annuler-aide = Convened members will be told right away, and the reminders they already got will say the session is cancelled. This cannot be undone.
console-seances-annuler-bouton = Yes, cancel the session

console-seances-convocation-titre = Who is convened: { $titre }
console-seances-convocation-nombre = { $n ->
        [0] Nobody is convened.
        [one] { $n } person convened.
       *[other] { $n } people convened.
    }
console-seances-convocation-regle = { $portee ->
        [groupe] The group's members are convened by default.
       *[assemblee] Every member of the assembly is convened by default.
    }
console-seances-convocation-legende = Tick the people convened (page { $page } of { $pages })
console-seances-convocation-ajouter = Also convene someone else
console-seances-convocation-personne = Nobody
console-seances-convocation-enregistrer = Save
console-seances-convocation-enregistree = Saved. People added will get the next reminders; people removed will get none.
console-seances-convocation-equipe = Only staff can add or remove people.
console-seances-convoque = { $convoque ->
        [oui] yes
       *[non] no (removed by staff)
    }
console-seances-statut = { $statut ->
        [invite] invitation not accepted yet: no reminder
        [actif] gets the reminders
        [injoignable] unreachable: no reminder
       *[parti] left
    }
console-seances-role = { $role ->
        [equipe] staff
        [animateur] facilitator
       *[membre] member
    }

console-seances-appel-titre = Roll call: { $titre }
console-seances-appel-aide = Tap a name to mark them present; tap a present name to mark them absent. Several people can take the roll at the same time.
console-seances-appel-compte = Present: { $presents } of { $total }.
console-seances-appel-etat = { $etat ->
        [present] ✅ present
        [absent] ❌ absent
       *[vide] ⬜ not marked yet
    }{ $etat ->
        [vide] {""}
       *[other] { " " }· marked by { $par }
    }

console-seances-indemnisation-titre = Compensation
console-seances-indemnisation-aide = A month's attendance file (from the roll call), for a spreadsheet: each member, each session they attended, its length and the month's total. It is the same file as the bot's /indemnisation command.
console-seances-indemnisation-mois = Month
console-seances-indemnisation-mois-invalide = Give the month like this: 2026-11.
console-seances-indemnisation-telecharger = Download the file
