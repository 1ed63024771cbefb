## Renewal draw: volunteers' registration, seats offered, staff follow-up.

commande-tirage = Where the renewal draw stands

valeur-genre-femme = Woman
valeur-genre-homme = Man
valeur-genre-autre = Other, or I'd rather not say
valeur-age-16-24 = 16 to 24
valeur-age-25-39 = 25 to 39
valeur-age-40-54 = 40 to 54
valeur-age-55-64 = 55 to 64
valeur-age-65-plus = 65 or over
valeur-diplome-sans-diplome = No diploma, or the brevet
valeur-diplome-cap-bep = CAP or BEP
valeur-diplome-bac = Baccalauréat
valeur-diplome-bac-plus-2 = Bac + 2 (BTS, DUT…)
valeur-diplome-bac-plus-3 = Bac + 3 or more (bachelor's, master's…)
valeur-arrondissement = { $numero ->
        [1] 1st
        [2] 2nd
        [3] 3rd
       *[autre] { $numero }th
    }

candidature-inconnue =
    This link to register for the draw is not valid. Check that you opened it whole, or ask { $contact } for it.
candidature-pas-encore =
    Registration for the draw "{ $campagne }" opens on { $ouverture }. Come back through the same link from that day.
candidature-fermee =
    Registration for the draw "{ $campagne }" is closed. Thank you for your interest!
candidature-notice =
    <b>Draw: { $campagne }</b>
    The Citizens' Assembly is renewed by drawing lots among volunteers. To register, I will ask you 7 short questions.

    <b>What I keep</b>: your first name and name, gender, birth year, diploma, arrondissement, and how to reach you.
    <b>Why</b>: only for this draw, so that the assembly looks like Paris, and to tell you if you are drawn. Nothing else.
    <b>Who sees them</b>: the assembly's staff. The draw is published without any name: only a random number and your categories (gender, age, diploma, arrondissement).
    <b>How long</b>: your data are deleted on { $suppression } (only the categories remain, with no name, for the published statistics).
    You can change your answers until { $cloture }, and withdraw at any time with /candidature.

    A question? { $contact }.
candidature-refusee =
    Noted: I recorded nothing. If you change your mind, just open the registration link again.

candidature-question-prenom = <b>1/7</b> What is your first name?
candidature-question-nom = <b>2/7</b> What is your family name?
candidature-question-genre = <b>3/7</b> You are:
candidature-question-naissance = <b>4/7</b> What year were you born? Write the year, for example 1975.
candidature-question-diplome = <b>5/7</b> What is your highest diploma?
candidature-question-arrondissement = <b>6/7</b> Which arrondissement do you live in?
candidature-question-contact =
    <b>7/7</b> If you are drawn, how should we tell you? Here on Telegram (button), or write a phone number or an e-mail address.
candidature-contact-ici = 📱 Here, on Telegram
candidature-contact-telegram = here, on Telegram
candidature-utiliser-boutons = Please answer with the buttons under the question.

candidature-invalide-prenom = Write your first name in letters (at most { $longueur ->
        [one] { $longueur } character
       *[other] { $longueur } characters
    }).
candidature-invalide-nom = Write your family name in letters (at most { $longueur ->
        [one] { $longueur } character
       *[other] { $longueur } characters
    }).
candidature-invalide-naissance =
    Write your birth year in four digits, for example 1975. To sit, you must be { $age } in { $annee }.
candidature-invalide-contact =
    Write a phone number (for example 06 12 34 56 78) or an e-mail address, or choose "Here, on Telegram".

candidature-recapitulatif =
    <b>{ $inscrit ->
        [oui] Your registration for the draw "{ $campagne }"
       *[non] Check your answers
    }</b>
    First name: { $prenom }
    Name: { $nom }
    Gender: { $genre }
    Born in: { $naissance }
    Diploma: { $diplome }
    Arrondissement: { $arrondissement }
    To reach you: { $contact }
    { $inscrit ->
        [oui] You can change an answer until { $cloture }, or withdraw.
       *[non] If all is right, confirm. Otherwise, tap the answer to change.
    }
candidature-confirmer = ✅ Confirm my registration
candidature-modifier-prenom = First name
candidature-modifier-nom = Name
candidature-modifier-genre = Gender
candidature-modifier-naissance = Birth year
candidature-modifier-diplome = Diploma
candidature-modifier-arrondissement = Arrondissement
candidature-modifier-contact = To reach you
candidature-retirer = Withdraw from the draw
candidature-enregistree =
    <b>Thank you, you are registered for the draw "{ $campagne }"!</b>
    The draw takes place after registration closes on { $cloture }. If you are drawn, I will tell you here.
    To see or change your answers, or to withdraw: /candidature
candidature-aucune =
    You are not registered for any current draw. To register, open the campaign's registration link.
candidature-retrait-question =
    Withdraw from the draw? Your answers will be deleted.
candidature-retrait-oui = Yes, withdraw
candidature-retrait-non = No, stay registered
candidature-retiree =
    Done: you no longer take part in the draw, and your answers are deleted. Thank you for your interest!

siege-propose =
    <b>Good news { $prenom }: you have been drawn for the Citizens' Assembly!</b>
    The draw "{ $campagne }" offers you a seat, from { $renouvellement }. Answer before { $echeance }: without an answer, the seat goes to the next person.

    By accepting, you become a member of the assembly. Here is what I will then do with your data:

    { $notice }
siege-accepter = ✅ I accept my seat
siege-decliner = I decline
siege-refus-oui = Yes, I decline
siege-refus-non = No, go back
siege-deja-repondu = You have already answered this offer.
siege-compte-membre =
    This Telegram account is already an assembly member's: contact { $contact } to accept this seat.
siege-trop-tard =
    The time to answer has passed: the seat was offered to someone else. For any question, contact the staff.
siege-decline =
    Noted, and thank you for taking part in the draw. The seat will be offered to the next person.

tirage-pas-tire =
    Hello { $prenom }. The draw "{ $campagne }" took place, and you were not drawn this time. You are on the reserve list: if a seat becomes free, I will offer it to you here. Thank you for taking part!

fin-mandat =
    <b>Thank you { $prenom }!</b>
    Your mandate at the Citizens' Assembly ends with the renewal "{ $campagne }". Thank you for all you brought to the assembly's work.
    Your attendance stays recorded for your compensation. I will not write to you any more; for any question, contact { $contact }.

tirage-aucune =
    No draw campaign under way. To create one: assemblee tirage campagne creer
tirage-categorie = <b>{ $categorie ->
        [genre] Gender
        [age] Age
        [diplome] Diploma
       *[arrondissement] Arrondissement
    }</b>
tirage-valeur = { $cible ->
        [oui] { $valeur }: { $volontaires ->
            [one] { $volontaires } volunteer
           *[other] { $volontaires } volunteers
        }, target { $min } to { $max }{ $apres ->
            [oui] , drawn: { $tires }
           *[non] {""}
        }
       *[non] { $valeur }: { $volontaires ->
            [one] { $volontaires } volunteer
           *[other] { $volontaires } volunteers
        }
    }
tirage-manque =
    ⚠️ { $valeur }: { $volontaires ->
        [one] { $volontaires } volunteer
       *[other] { $volontaires } volunteers
    } for at least { $minimum ->
        [one] { $minimum } seat
       *[other] { $minimum } seats
    } ({ $manquants } missing)
tirage-etat =
    <b>Draw "{ $campagne }"</b>
    Registration from { $ouverture } to { $cloture }: { $lien }
    { $volontaires ->
        [one] { $volontaires } volunteer registered
       *[other] { $volontaires } volunteers registered
    }{ $doublons ->
        [0] .
        [one] , including 1 possible duplicate to settle (assemblee tirage campagne doublons).
       *[other] , including { $doublons } possible duplicates to settle (assemblee tirage campagne doublons).
    }

    <b>Steps</b>
    { $cibles ->
        [oui] ✅ Targets set: { $sieges ->
            [one] { $sieges } seat to draw.
           *[other] { $sieges } seats to draw.
        }
       *[non] ⬜ Targets to set (assemblee tirage campagne cibles).
    }
    { $engage ->
        [oui] ✅ Commitment published: <code>{ $engagement }</code>
       *[non] ⬜ Commitment to the secret, to publish (assemblee tirage campagne engager).
    }
    { $tire ->
        [oui] ✅ Draw made: smallest chance { $minimum }, spread { $ecart }. Seats: { $acceptes } accepted, { $proposes } awaiting an answer, { $declines } declined or unanswered.
       *[non] ⬜ Draw, after the close (assemblee tirage campagne tirer).
    }
    { $erreur }
    { $manques }
