## Console, Draw page: where the renewal campaign stands (read-only, staff).

console-nav-tirage = Draw
console-tirage-titre = Draw by lot
console-tirage-aucune =
    No renewal draw under way. To create one, on the command line: <code>assemblee tirage campagne creer --nom … --slug … --ouverture … --cloture … --renouvellement … --suppression …</code>
console-tirage-intro =
    Where the renewal campaign stands. This page is for reading: each step is taken on the command line (<code>assemblee tirage campagne …</code>), so that the team's secret never goes through a browser.
console-tirage-campagne = Campaign
console-tirage-inscriptions = Registration
console-tirage-inscriptions-dates = from { $ouverture } to { $cloture } inclusive ({ $etat ->
        [ouvertes] open
        [pas-encore] not open yet
       *[closes] closed
    })
console-tirage-lien = Registration link
console-tirage-volontaires = Volunteers
console-tirage-volontaires-nombre = { $volontaires ->
        [0] No volunteer registered.
        [one] { $volontaires } volunteer registered.
       *[other] { $volontaires } volunteers registered.
    }
console-tirage-doublons = { $doublons ->
        [0] No duplicate flagged.
        [one] { $doublons } possible duplicate to settle: <code>assemblee tirage campagne doublons</code>
       *[other] { $doublons } possible duplicates to settle: <code>assemblee tirage campagne doublons</code>
    }
console-tirage-renouvellement = Renewal
console-tirage-suppression = Data deleted on

console-tirage-etapes = Steps
console-tirage-fait = Done
console-tirage-a-faire = To do
console-tirage-etape-cibles = { $fait ->
        [oui] Targets set: { $sieges ->
            [one] { $sieges } seat to draw.
           *[other] { $sieges } seats to draw.
        }
       *[non] Set the targets: <code>assemblee tirage campagne cibles</code>
    }
console-tirage-etape-engagement = { $fait ->
        [oui] Commitment to the secret published on { $date }. Its hash (SHA-256):
       *[non] Commit to the secret and publish its hash: <code>assemblee tirage campagne engager</code>
    }
console-tirage-etape-tirage = { $fait ->
        [oui] Draw done on { $date }, with the public value “{ $valeur }”.
       *[non] Draw, after registration closes: <code>assemblee tirage campagne tirer</code>
    }
console-tirage-erreur-cibles = The targets cannot be used for the draw: { $erreur }

console-tirage-categories-titre = Volunteers and targets
console-tirage-categories-intro = For each value: the volunteers registered and the number of seats it must take (the target, at least and at most){ $tire ->
        [oui] , then those drawn.
       *[non] .
    }
console-tirage-manques-titre = Volunteers are missing
console-tirage-manque = { $valeur }: { $volontaires ->
        [one] { $volontaires } volunteer
       *[other] { $volontaires } volunteers
    } for at least { $minimum ->
        [one] { $minimum } seat
       *[other] { $minimum } seats
    }, { $manquants } missing.
console-tirage-categorie = { $categorie ->
        [genre] Gender
        [age] Age
        [diplome] Diploma
       *[arrondissement] Arrondissement
    }
console-tirage-sans-cible = (no target)
console-tirage-col-valeur = Value
console-tirage-col-volontaires = Volunteers
console-tirage-col-cible = Target
console-tirage-col-tires = Drawn
console-tirage-cible = { $min } to { $max }
console-tirage-hors-cibles = no seat
console-tirage-manquants = { $manquants } missing

console-tirage-rapport-titre = Draw report
console-tirage-algorithme = Algorithm
console-tirage-panel = Drawn and reserve
console-tirage-panel-detail = { $panel } drawn, { $reserve } in reserve (called in order for a seat declined or unanswered)
console-tirage-probabilite-min = Smallest chance
console-tirage-ecart = Spread of the chances
console-tirage-ecart-detail = { $valeur }% between the largest and the smallest
console-tirage-pour-cent = { $valeur }%
console-tirage-versions = Software
console-tirage-versions-detail = sortition-algorithms { $bibliotheque }, HiGHS solver (highspy) { $solveur }
console-tirage-csv = Download each volunteer's chance (CSV, by anonymous id)

console-tirage-sieges-titre = Seats
console-tirage-sieges-resume = { $acceptes } accepted, { $proposes } awaiting an answer, { $declines } declined, { $expires } unanswered.
console-tirage-sieges-legende = Seats offered (a seat declined or unanswered is offered to the reserve, under the same number)
console-tirage-col-siege = Seat
console-tirage-col-etat = State
console-tirage-col-volontaire = Volunteer
console-tirage-col-origine = Registered via
console-tirage-col-echeance = Answer due by
console-tirage-col-membre = Member
console-tirage-etat = { $etat ->
        [propose] offered
        [accepte] accepted
        [decline] declined
       *[expire] unanswered
    }
console-tirage-repondu = on { $date }
console-tirage-origine = { $origine ->
        [bot] bot
       *[papier] paper
    }
console-tirage-efface = data deleted
console-tirage-membre = member no. { $id }
