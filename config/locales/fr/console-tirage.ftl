## Console, page Tirage au sort : où en est la campagne de renouvellement (lecture seule, équipe).

console-nav-tirage = Tirage au sort
console-tirage-titre = Tirage au sort
console-tirage-aucune =
    Aucune campagne de tirage au sort en cours. Pour en créer une, en ligne de commande : <code>assemblee tirage campagne creer --nom … --slug … --ouverture … --cloture … --renouvellement … --suppression …</code>
console-tirage-intro =
    Où en est la campagne de renouvellement. Cette page sert à consulter : chaque étape se fait en ligne de commande (<code>assemblee tirage campagne …</code>), pour que le secret de l'équipe ne passe jamais par un navigateur.
console-tirage-campagne = Campagne
console-tirage-inscriptions = Inscriptions
console-tirage-inscriptions-dates = du { $ouverture } au { $cloture } (inclus, { $etat ->
        [ouvertes] ouvertes
        [pas-encore] pas encore ouvertes
       *[closes] closes
    })
console-tirage-lien = Lien d'inscription
console-tirage-volontaires = Volontaires
console-tirage-volontaires-nombre = { $volontaires ->
        [0] Aucun volontaire inscrit.
        [one] { $volontaires } volontaire inscrit.
       *[other] { $volontaires } volontaires inscrits.
    }
console-tirage-doublons = { $doublons ->
        [0] Aucun doublon signalé.
        [one] { $doublons } doublon possible à trancher : <code>assemblee tirage campagne doublons</code>
       *[other] { $doublons } doublons possibles à trancher : <code>assemblee tirage campagne doublons</code>
    }
console-tirage-renouvellement = Renouvellement
console-tirage-suppression = Données effacées le

console-tirage-etapes = Étapes
console-tirage-fait = Fait
console-tirage-a-faire = À faire
console-tirage-etape-cibles = { $fait ->
        [oui] Cibles fixées : { $sieges ->
            [one] { $sieges } siège à tirer.
           *[other] { $sieges } sièges à tirer.
        }
       *[non] Fixer les cibles : <code>assemblee tirage campagne cibles</code>
    }
console-tirage-etape-engagement = { $fait ->
        [oui] Engagement sur le secret publié le { $date }. Son empreinte (SHA-256) :
       *[non] S'engager sur le secret et publier son empreinte : <code>assemblee tirage campagne engager</code>
    }
console-tirage-etape-tirage = { $fait ->
        [oui] Tirage fait le { $date }, avec la valeur publique « { $valeur } ».
       *[non] Tirer au sort, après la clôture des inscriptions : <code>assemblee tirage campagne tirer</code>
    }
console-tirage-erreur-cibles = Les cibles ne peuvent pas servir au tirage : { $erreur }

console-tirage-categories-titre = Volontaires et cibles
console-tirage-categories-intro = Pour chaque valeur : les volontaires inscrits et le nombre de sièges qu'elle doit prendre (la cible, au moins et au plus){ $tire ->
        [oui] , puis les tirés au sort.
       *[non] .
    }
console-tirage-manques-titre = Il manque des volontaires
console-tirage-manque = { $valeur } : { $volontaires ->
        [one] { $volontaires } volontaire
       *[other] { $volontaires } volontaires
    } pour { $minimum ->
        [one] { $minimum } siège
       *[other] { $minimum } sièges
    } au moins, il en manque { $manquants }.
console-tirage-categorie = { $categorie ->
        [genre] Genre
        [age] Âge
        [diplome] Diplôme
       *[arrondissement] Arrondissement
    }
console-tirage-sans-cible = (sans cible)
console-tirage-col-valeur = Valeur
console-tirage-col-volontaires = Volontaires
console-tirage-col-cible = Cible
console-tirage-col-tires = Tirés
console-tirage-cible = { $min } à { $max }
console-tirage-hors-cibles = aucun siège
console-tirage-manquants = il en manque { $manquants }

console-tirage-rapport-titre = Rapport du tirage
console-tirage-algorithme = Algorithme
console-tirage-panel = Tirés et réserve
console-tirage-panel-detail = { $panel ->
        [one] { $panel } tiré au sort,
       *[other] { $panel } tirés au sort,
    } { $reserve } en réserve (appelée dans l'ordre pour un siège décliné ou sans réponse)
console-tirage-probabilite-min = Plus petite chance
console-tirage-ecart = Écart des chances
console-tirage-ecart-detail = { $valeur } % entre la plus grande et la plus petite
console-tirage-pour-cent = { $valeur } %
console-tirage-versions = Logiciels
console-tirage-versions-detail = sortition-algorithms { $bibliotheque }, solveur HiGHS (highspy) { $solveur }
console-tirage-csv = Télécharger la chance de chaque volontaire (CSV, par identifiant anonyme)

console-tirage-sieges-titre = Sièges
console-tirage-sieges-resume = { $acceptes ->
        [one] { $acceptes } accepté
       *[other] { $acceptes } acceptés
    }, { $proposes } en attente de réponse, { $declines ->
        [one] { $declines } décliné
       *[other] { $declines } déclinés
    }, { $expires } sans réponse.
console-tirage-sieges-legende = Sièges proposés (un siège décliné ou sans réponse est proposé à la réserve, sous le même numéro)
console-tirage-col-siege = Siège
console-tirage-col-etat = État
console-tirage-col-volontaire = Volontaire
console-tirage-col-origine = Inscription
console-tirage-col-echeance = Réponse attendue avant
console-tirage-col-membre = Membre
console-tirage-etat = { $etat ->
        [propose] proposé
        [accepte] accepté
        [decline] décliné
       *[expire] sans réponse
    }
console-tirage-repondu = le { $date }
console-tirage-origine = { $origine ->
        [bot] bot
       *[papier] papier
    }
console-tirage-efface = données effacées
console-tirage-membre = membre n° { $id }
