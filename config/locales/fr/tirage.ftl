## Tirage au sort du renouvellement : l'inscription des volontaires, les sièges proposés, le suivi par l'équipe.

commande-tirage = Où en est le tirage au sort du renouvellement

valeur-genre-femme = Femme
valeur-genre-homme = Homme
valeur-genre-autre = Autre, ou je préfère ne pas dire
valeur-age-16-24 = 16 à 24 ans
valeur-age-25-39 = 25 à 39 ans
valeur-age-40-54 = 40 à 54 ans
valeur-age-55-64 = 55 à 64 ans
valeur-age-65-plus = 65 ans et plus
valeur-diplome-sans-diplome = Aucun diplôme, ou le brevet
valeur-diplome-cap-bep = CAP ou BEP
valeur-diplome-bac = Baccalauréat
valeur-diplome-bac-plus-2 = Bac + 2 (BTS, DUT…)
valeur-diplome-bac-plus-3 = Bac + 3 ou plus (licence, master…)
valeur-arrondissement = { $numero ->
        [1] 1er
       *[autre] { $numero }e
    }

candidature-inconnue =
    Ce lien d'inscription au tirage au sort n'est pas valable. Vérifiez que vous l'avez ouvert en entier, ou demandez-le à { $contact }.
candidature-pas-encore =
    Les inscriptions au tirage au sort « { $campagne } » ouvriront le { $ouverture }. Revenez par ce même lien à partir de ce jour-là.
candidature-fermee =
    Les inscriptions au tirage au sort « { $campagne } » sont closes. Merci de votre intérêt !
candidature-notice =
    <b>Tirage au sort : { $campagne }</b>
    L'Assemblée citoyenne se renouvelle par tirage au sort parmi les volontaires. Pour vous inscrire, je vais vous poser 7 questions courtes.

    <b>Ce que je garde</b> : vos nom et prénom, votre genre, votre année de naissance, votre diplôme, votre arrondissement, et comment vous joindre.
    <b>Pourquoi</b> : uniquement pour ce tirage au sort, pour que l'assemblée ressemble à Paris, et pour vous prévenir si vous êtes tiré·e au sort. Rien d'autre.
    <b>Qui les voit</b> : l'équipe de l'assemblée. Le tirage est publié sans aucun nom : seulement un numéro au hasard et vos catégories (genre, âge, diplôme, arrondissement).
    <b>Combien de temps</b> : vos données sont effacées le { $suppression } (seules restent, sans nom, les catégories pour les statistiques publiées).
    Vous pouvez modifier vos réponses jusqu'au { $cloture }, et vous retirer à tout moment avec /candidature.

    Une question ? { $contact }.
candidature-refusee =
    C'est noté : je n'ai rien enregistré. Si vous changez d'avis, rouvrez simplement le lien d'inscription.

candidature-question-prenom = <b>1/7</b> Quel est votre prénom ?
candidature-question-nom = <b>2/7</b> Quel est votre nom de famille ?
candidature-question-genre = <b>3/7</b> Vous êtes :
candidature-question-naissance = <b>4/7</b> En quelle année êtes-vous né·e ? Écrivez l'année, par exemple 1975.
candidature-question-diplome = <b>5/7</b> Quel est votre diplôme le plus élevé ?
candidature-question-arrondissement = <b>6/7</b> Dans quel arrondissement habitez-vous ?
candidature-question-contact =
    <b>7/7</b> Si vous êtes tiré·e au sort, comment vous prévenir ? Ici sur Telegram (bouton), ou écrivez un numéro de téléphone ou une adresse e-mail.
candidature-contact-ici = 📱 Ici, sur Telegram
candidature-contact-telegram = ici, sur Telegram
candidature-utiliser-boutons = Répondez avec les boutons sous la question, s'il vous plaît.

candidature-invalide-prenom = Écrivez votre prénom en lettres (au plus { $longueur ->
        [one] { $longueur } caractère
       *[other] { $longueur } caractères
    }).
candidature-invalide-nom = Écrivez votre nom de famille en lettres (au plus { $longueur ->
        [one] { $longueur } caractère
       *[other] { $longueur } caractères
    }).
candidature-invalide-naissance =
    Écrivez votre année de naissance en quatre chiffres, par exemple 1975. Pour siéger, il faut avoir { $age ->
        [one] { $age } an
       *[other] { $age } ans
    } en { $annee }.
candidature-invalide-contact =
    Écrivez un numéro de téléphone (par exemple 06 12 34 56 78) ou une adresse e-mail, ou choisissez « Ici, sur Telegram ».

candidature-recapitulatif =
    <b>{ $inscrit ->
        [oui] Votre inscription au tirage « { $campagne } »
       *[non] Vérifiez vos réponses
    }</b>
    Prénom : { $prenom }
    Nom : { $nom }
    Genre : { $genre }
    Né·e en : { $naissance }
    Diplôme : { $diplome }
    Arrondissement : { $arrondissement }
    Pour vous prévenir : { $contact }
    { $inscrit ->
        [oui] Vous pouvez modifier une réponse jusqu'au { $cloture }, ou vous retirer.
       *[non] Si tout est juste, confirmez. Sinon, touchez la réponse à modifier.
    }
candidature-confirmer = ✅ Confirmer mon inscription
candidature-modifier-prenom = Prénom
candidature-modifier-nom = Nom
candidature-modifier-genre = Genre
candidature-modifier-naissance = Année de naissance
candidature-modifier-diplome = Diplôme
candidature-modifier-arrondissement = Arrondissement
candidature-modifier-contact = Pour vous prévenir
candidature-retirer = Me retirer du tirage
candidature-enregistree =
    <b>Merci, vous êtes inscrit·e au tirage « { $campagne } » !</b>
    Le tirage aura lieu après la clôture des inscriptions, le { $cloture }. Si vous êtes tiré·e au sort, je vous préviendrai ici.
    Pour revoir ou modifier vos réponses, ou vous retirer : /candidature
candidature-aucune =
    Vous n'êtes inscrit·e à aucun tirage au sort en cours. Pour vous inscrire, ouvrez le lien d'inscription de la campagne.
candidature-retrait-question =
    Vous retirer du tirage au sort ? Vos réponses seront effacées.
candidature-retrait-oui = Oui, me retirer
candidature-retrait-non = Non, rester inscrit·e
candidature-retiree =
    C'est fait : vous ne participez plus au tirage au sort, et vos réponses sont effacées. Merci de votre intérêt !

siege-propose =
    <b>Bonne nouvelle { $prenom } : vous avez été tiré·e au sort pour l'Assemblée citoyenne !</b>
    Le tirage « { $campagne } » vous propose un siège, à partir du { $renouvellement }. Répondez avant le { $echeance } : sans réponse, le siège sera proposé à la personne suivante.

    En acceptant, vous devenez membre de l'assemblée. Voici ce que je ferai alors de vos données :

    { $notice }
siege-accepter = ✅ J'accepte mon siège
siege-decliner = Je décline
siege-refus-oui = Oui, je décline
siege-refus-non = Non, revenir
siege-deja-repondu = Vous avez déjà répondu à cette proposition.
siege-compte-membre =
    Ce compte Telegram est déjà celui d'un membre de l'assemblée : contactez { $contact } pour accepter ce siège.
siege-trop-tard =
    Le délai pour répondre est passé : le siège a été proposé à une autre personne. Pour toute question, contactez l'équipe.
siege-decline =
    C'est noté, et merci d'avoir participé au tirage. Le siège va être proposé à la personne suivante.

tirage-pas-tire =
    Bonjour { $prenom }. Le tirage au sort « { $campagne } » a eu lieu, et vous n'avez pas été tiré·e cette fois. Vous êtes sur la liste complémentaire : si un siège se libère, je vous le proposerai ici. Merci de votre participation !

fin-mandat =
    <b>Merci { $prenom } !</b>
    Votre mandat à l'Assemblée citoyenne s'achève avec le renouvellement « { $campagne } ». Merci pour tout ce que vous avez apporté aux travaux de l'assemblée.
    Vos présences restent enregistrées pour votre indemnisation. Je ne vous écrirai plus ; pour toute question, contactez { $contact }.

tirage-aucune =
    Aucune campagne de tirage au sort en cours. Pour en créer une : assemblee tirage campagne creer
tirage-categorie = <b>{ $categorie ->
        [genre] Genre
        [age] Âge
        [diplome] Diplôme
       *[arrondissement] Arrondissement
    }</b>
tirage-valeur = { $cible ->
        [oui] { $valeur } : { $volontaires ->
            [one] { $volontaires } volontaire
           *[other] { $volontaires } volontaires
        }, cible { $min } à { $max }{ $apres ->
            [oui] , { $tires ->
                [one] { $tires } tiré
               *[other] { $tires } tirés
            }
           *[non] {""}
        }
       *[non] { $valeur } : { $volontaires ->
            [one] { $volontaires } volontaire
           *[other] { $volontaires } volontaires
        }
    }
tirage-manque =
    ⚠️ { $valeur } : { $volontaires ->
        [one] { $volontaires } volontaire
       *[other] { $volontaires } volontaires
    } pour { $minimum ->
        [one] { $minimum } siège
       *[other] { $minimum } sièges
    } au moins (il en manque { $manquants })
tirage-etat =
    <b>Tirage au sort « { $campagne } »</b>
    Inscriptions du { $ouverture } au { $cloture } : { $lien }
    { $volontaires ->
        [one] { $volontaires } volontaire inscrit
       *[other] { $volontaires } volontaires inscrits
    }{ $doublons ->
        [0] .
        [one] , dont 1 doublon possible à trancher (assemblee tirage campagne doublons).
       *[other] , dont { $doublons } doublons possibles à trancher (assemblee tirage campagne doublons).
    }

    <b>Étapes</b>
    { $cibles ->
        [oui] ✅ Cibles fixées : { $sieges ->
            [one] { $sieges } siège à tirer.
           *[other] { $sieges } sièges à tirer.
        }
       *[non] ⬜ Cibles à fixer (assemblee tirage campagne cibles).
    }
    { $engage ->
        [oui] ✅ Engagement publié : <code>{ $engagement }</code>
       *[non] ⬜ Engagement sur le secret à publier (assemblee tirage campagne engager).
    }
    { $tire ->
        [oui] ✅ Tirage fait : plus petite chance { $minimum }, écart { $ecart }. Sièges : { $acceptes ->
            [one] { $acceptes } accepté
           *[other] { $acceptes } acceptés
        }, { $proposes } en attente de réponse, { $declines ->
            [one] { $declines } décliné
           *[other] { $declines } déclinés
        } ou sans réponse.
       *[non] ⬜ Tirage, après la clôture (assemblee tirage campagne tirer).
    }
    { $erreur }
    { $manques }
