## Topics and prioritisation polls.

commande-proposer = Propose a topic for your group
commande-sujets = The topics your group kept
commande-sondage = Launch a poll
commande-resultats = Results of current and past polls

sujet-erreur = { $raison ->
        [trop-court] Write your topic after the command, for example: /proposer Water fountains in every park
        [trop-long] Your topic is too long (300 characters at most): sum it up in one sentence.
        [sans-groupe] You are in no group: the staff can add you to one.
        [doublon] This topic is already proposed in your group.
        [deja-decide] This topic has already been handled.
        [raison-vide] Write in one sentence why this topic is not kept.
        [raison-longue] The reason is too long (300 characters at most).
        [cible-invalide] Pick a kept topic of the same group.
       *[interdit] Only the group's facilitators and the staff decide on topics.
    }
sujet-merci = Thank you! Your topic “{ $texte }” goes to { $a ->
        [equipe] the staff (your group, { $groupe }, has no facilitator yet)
       *[animateurs] your group's facilitators ({ $groupe })
    }. I will tell you what they think.
sujet-a-examiner = 📝 <b>New topic proposed</b> for { $groupe } by { $auteur }: “{ $texte }”. /sujets to review it.
sujet-decision = { $decision ->
        [accepte] ✅ Your topic “{ $texte }” is kept: it joins your group's list.
        [fusionne] 🔗 Your topic “{ $texte }” joins a close topic already kept: “{ $cible }”.
       *[decline] Your topic “{ $texte }” is not kept for now: { $raison }
    }
sujets-titre = <b>Kept topics — { $groupe }</b>
sujets-ligne = { $numero }. { $texte }
sujets-vide = No topic kept yet. Propose one: /proposer your idea
sujets-tout-decide = ✅ <b>{ $groupe }</b>: every proposal has had an answer.
sujets-a-decider = <b>To review — { $groupe }</b> ({ $nombre })
sujet-a-decider = <b>{ $numero }.</b> “{ $texte }” — proposed by { $auteur }
bouton-accepter-sujet = { $numero } · Keep
bouton-fusionner-sujet = { $numero } · Merge
bouton-decliner-sujet = { $numero } · Decline
sujet-raison-question = In one sentence, why is this topic not kept? (the person who proposed it will get it)
sujet-fusion-question = Merge it with which kept topic?
sujet-traite = Done; the person who proposed it is told.

sondage-erreur = { $raison ->
        [question-vide] Write the poll's question.
        [question-longue] The question is too long (300 characters at most).
        [options-nombre] A poll needs 2 to 10 options.
        [option-longue] An option is too long (200 characters at most).
        [option-doublon] Two options are the same.
        [ferme-passe] The closing time must be in the future.
        [ferme-loin] The closing time must be within 60 days.
        [max-choix] The maximum number of choices must be between 1 and the number of options.
        [groupe] Pick your group (only the staff can poll the whole assembly).
        [personne] Nobody could vote: the group has no reachable member.
        [clos] This poll is closed: votes are no longer accepted.
        [non-convie] This poll is not for you.
        [option-inconnue] This choice does not exist.
        [mention-inconnue] This grade does not exist.
        [trop-de-choix] You already have the maximum number of choices: remove one first.
        [bulletin-inconnu] This ballot is no longer valid.
        [anonyme-ouvert] Anonymous vote: the results stay secret until the close (only the turnout can be seen).
       *[interdit] Only the group's facilitators and the staff manage this poll.
    }

type-sondage = { $type ->
        [unique] One choice
        [multiple] Several choices allowed
       *[jugement] Majority judgment (one grade per option)
    }
mention = { $note ->
        [5] Excellent
        [4] Very good
        [3] Good
        [2] Fairly good
        [1] Passable
       *[0] Insufficient
    }
bulletin-entete =
    🗳 <b>{ $question }</b>
    { type-sondage } · { $anonyme ->
        [oui] anonymous
       *[non] named
    } · closes { $cloture }
bulletin-max = Up to { $max } { $max ->
        [one] choice.
       *[other] choices.
    }
bulletin-choix = { $marque } { $texte }
bulletin-note = { $numero }. { $texte } — <b>{ $mention }</b>
bulletin-a-noter = { $numero }. { $texte } — <i>to grade</i>
bulletin-noter = Which grade for <b>{ $numero }. { $texte }</b>?
bulletin-complet = ✅ Ballot complete. You can change a grade until the close: tap ◀︎ ▶︎ to see an option again.
bulletin-pied = You can change your vote until the close.
bulletin-vote-note = Noted.
bouton-precedente = ◀︎
bouton-suivante = ▶︎

sondage-rappel = ⏳ The poll “{ $question }” closes { $cloture } and you have not voted yet: your ballot is just above.
resultats-legende =
    📊 <b>Results — { $question }</b>
    { $votants } { $votants ->
        [one] voter
       *[other] voters
    } out of { $inscrits } ({ $taux } %).
    { $classement }
resultats-ligne-jm = { $rang }. { $texte } — { $mention }
resultats-ligne = { $rang }. { $texte } — { $voix } ({ $part } %)
resultats-aucun-vote = Nobody voted.
resultats-en-cours = 📊 <b>{ $question }</b> — open, closes { $cloture }
    { $votants } { $votants ->
        [one] voter
       *[other] voters
    } out of { $inscrits } ({ $taux } %).
    { $classement }
resultats-clos = 📊 <b>{ $question }</b> — closed on { $cloture }
    { $votants } { $votants ->
        [one] voter
       *[other] voters
    } out of { $inscrits } ({ $taux } %).
    { $classement }
resultats-secret-jusqu-a-la-cloture = 🕶 Anonymous vote: nobody knows the results before the close.
resultats-ecartes = ⚠️ { $nombre ->
        [one] 1 ballot set aside: unreadable or against the poll's rules.
       *[other] { $nombre } ballots set aside: unreadable or against the poll's rules.
    }
resultats-vide = No poll yet. /sondage to launch one.
resultats-titre = <b>Polls</b>
resultats-sondage = <b>{ $numero }.</b> { $question } ({ $etat ->
        [clos] closed
       *[ouvert] open until { $cloture }
    })
bouton-voir-resultats = { $numero } · See
bouton-exporter = { $numero } · CSV
bouton-clore = 🔒 Close now
sondage-clos = The poll is closed; the results go to the participants.

sondage-question = What is the question? (for example “Which topic first at the next workshop?”) — /annuler to give up
sondage-options-question = Write the options, one per line (2 to 10), or take them from the kept topics.
bouton-depuis-sujets = 📋 Pick from the kept topics
bouton-sujet-choisi = { $marque } { $texte }
bouton-options-ok = ✅ These options
sondage-type-question = Which kind of vote?
sondage-max-question = At most how many choices? (write a number, or 0 for no limit)
sondage-audience-question = Who votes?
sondage-cloture-question = When does the poll close? Write a date and time (03/12/2026 18:00), or pick:
bouton-dans-1-jour = In 1 day
bouton-dans-3-jours = In 3 days
bouton-dans-7-jours = In 7 days
sondage-anonyme-question = Anonymous vote? (nobody, not even the staff, can tell who voted what)
bouton-anonyme = 🕶 Anonymous
bouton-nominatif = 👤 Named
sondage-apercu =
    <b>Poll preview:</b>
    { $entete }
    { $options }
    { $nombre } { $nombre ->
        [one] person will be able to vote.
       *[other] people will be able to vote.
    }
bouton-lancer = ✅ Launch the poll
sondage-lance = Launched: { $nombre } { $nombre ->
        [one] ballot goes out
       *[other] ballots go out
    }{ $calme ->
        [oui] { " " }at { $fin }, when the quiet hours end
       *[non] {""}
    }. /resultats to follow the turnout.
sondage-abandon = Poll dropped: nothing was sent.
