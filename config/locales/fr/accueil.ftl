## Arrivée d'une personne : invitation, confidentialité, bienvenue.

inconnu =
    Bonjour ! Je suis l'assistant de l'Assemblée citoyenne. Je réponds seulement à ses membres, qui reçoivent chacun un lien d'invitation personnel.
    Si vous êtes membre, ouvrez le lien reçu par courrier ou par courriel. Sinon, ou si le lien ne marche pas, contactez { $contact }.

invitation-inconnue =
    Ce lien d'invitation n'est pas valable. Vérifiez que vous avez ouvert le lien en entier, ou demandez-en un nouveau à { $contact }.
invitation-utilisee =
    Ce lien d'invitation a déjà servi : il ne marche qu'une fois. Si ce n'était pas vous, ou si vous avez changé de téléphone, demandez un nouveau lien à { $contact }.
invitation-expiree =
    Ce lien d'invitation a expiré. Demandez-en un nouveau à { $contact }.
compte-deja-lie =
    Votre compte Telegram est déjà relié à un autre membre de l'assemblée. Contactez { $contact } pour corriger cela.
acces-termine =
    Vous ne faites plus partie de l'Assemblée citoyenne : je ne peux plus rien faire pour vous ici. Merci pour votre participation ! Pour toute question, contactez { $contact }.

confidentialite =
    <b>Bonjour { $prenom } ! Avant de commencer : vos données.</b>

    <b>Ce que je garde</b> : vos nom et prénom, votre groupe, votre identifiant Telegram (pas votre numéro de téléphone), votre langue, puis vos réponses aux convocations, vos présences et vos votes non anonymes.
    <b>Pourquoi</b> : organiser les séances, vous écrire, et calculer l'indemnisation des séances suivies.
    <b>Qui les voit</b> : l'équipe de l'assemblée, et les animateurs de votre groupe : vos réponses aux convocations et vos présences, vos choix dans les votes nominatifs (ceux qui ne sont pas anonymes, annoncés comme tels), et votre nom sur les sujets que vous proposez. Personne d'autre : rien n'est vendu ni utilisé pour de la publicité.
    <b>Combien de temps</b> : tant que vous êtes membre. Vous pouvez tout effacer vous-même avec /supprimer ; seules restent alors les présences nécessaires à votre indemnisation.

    À tout moment, /mesdonnees vous envoie tout ce que je garde sur vous. Une question ? { $contact }.
bouton-accepter = ✅ J'accepte
bouton-refuser = Je refuse

bienvenue =
    <b>Bienvenue { $prenom } !</b> { $role ->
        [animateur] Vous animez : { $groupes }.
        [equipe] Vous faites partie de l'équipe de l'assemblée.
       *[membre] Vous êtes dans le groupe { $groupes }.
    }

    Je suis là pour :
    • vous rappeler chaque séance (date, lieu, lien) et noter en un geste si vous venez ;
    • vous envoyer la revue de presse de la veille citoyenne ;
    • vous faire voter, en quelques gestes, sur les sujets prioritaires ;
    • vous transmettre les annonces de l'équipe.
    { $calme ->
        [non] Je peux vous écrire à toute heure : l'assemblée n'a pas fixé d'heures calmes.
       *[oui] Je ne vous écris jamais pendant les heures calmes ({ $debut } – { $fin }), sauf urgence.
    }

    Tapez /aide pour voir ce que vous pouvez me demander.
consentement-deja = C'est déjà fait : vous avez accepté. Tapez /aide pour commencer.
consentement-refuse =
    C'est noté : je n'ai rien gardé de votre compte Telegram. Si vous changez d'avis, demandez un nouveau lien d'invitation à { $contact }.
consentement-attendu = Pour continuer, lisez ce message et appuyez sur « J'accepte ».
consentement-enregistre = Merci !
