## Console, page Annonces : écrire, prévisualiser, envoyer, suivre l'envoi, l'historique.

annonces-titre = Annonces
annonces-ecrire = Écrire une annonce
annonces-historique-titre = Annonces envoyées
annonces-aucune = Aucune annonce pour l'instant.
annonces-col-annonce = Annonce
annonces-col-date = Date
annonces-col-audience = Public
annonces-col-auteur = Par
annonces-col-recues = Reçues
annonces-col-attente = En attente
annonces-col-injoignables = Injoignables
annonces-col-echecs = En échec
annonces-recues-sur = { $envoyes } sur { $total }
annonces-sans-texte = (photo ou document sans légende)
annonces-auteur-aucun = ligne de commande
annonces-urgente = urgente
annonces-pagination = Pages des annonces
annonces-page-precedente = Page précédente
annonces-page-suivante = Page suivante
annonces-page = Page { $page } sur { $pages }

annonces-nouvelle-titre = Écrire une annonce
annonces-champ-texte = Texte de l'annonce
annonces-aide-texte = Mise en forme comme dans Telegram : &lt;b&gt;gras&lt;/b&gt;, &lt;i&gt;italique&lt;/i&gt;, &lt;u&gt;souligné&lt;/u&gt;, &lt;s&gt;barré&lt;/s&gt;, &lt;a href="https://…"&gt;lien&lt;/a&gt;, &lt;code&gt;code&lt;/code&gt;, &lt;pre&gt;bloc&lt;/pre&gt;, &lt;blockquote&gt;citation&lt;/blockquote&gt;. Pour écrire le signe « &lt; » lui-même, tapez &amp;lt;. 4 096 caractères au plus.
annonces-champ-audience = À qui l'envoyer
annonces-option-audience = { $libelle } ({ $nombre })
annonces-bouton-apercu = Voir l'aperçu

annonces-erreur-texte = { $raison ->
        [vide] Écrivez le texte de l'annonce.
       *[trop-long] Ce texte est trop long pour Telegram (4 096 caractères au plus, mise en forme non comptée) : raccourcissez-le.
    }
annonces-erreur-html = Telegram refuserait ce texte{ $ligne ->
        [0] {""}
       *[other] {" "}(ligne { $ligne })
    } : { $raison ->
        [balise-inconnue] la balise « &lt;{ $balise }&gt; » n'existe pas dans Telegram. Utilisez celles indiquées sous le champ, ou tapez &amp;lt; pour écrire le signe « &lt; ».
        [non-fermee] la balise « &lt;{ $balise }&gt; » n'est pas fermée. Ajoutez « &lt;/{ $balise }&gt; » à la fin du passage.
        [mal-fermee] « &lt;/{ $balise }&gt; » arrive alors que « &lt;{ $attendue }&gt; » est encore ouverte. Fermez les balises dans l'ordre inverse de leur ouverture.
        [fermante-seule] une balise fermante n'a pas de balise ouvrante. Retirez-la ou ajoutez la balise ouvrante.
       *[autre] une balise est mal écrite. Vérifiez les balises, et tapez &amp;lt; pour écrire le signe « &lt; ».
    }
annonces-erreur-lien = Le lien « { $adresse } » ne s'ouvrirait pas sur un téléphone : l'adresse d'un lien commence par https:// (ou http://, mailto:).
annonces-erreur-audience = Choisissez à qui envoyer l'annonce dans la liste.
annonces-erreur-personne = Personne ne recevrait cette annonce ({ $audience }) : choisissez un autre public.

annonces-apercu-titre = Aperçu de l'annonce
annonces-apercu-intro = Voici l'annonce exactement comme les destinataires la recevront dans Telegram.
annonces-apercu-message = Le message
annonces-apercu-destinataires = Elle partira { $audience } : { $nombre } { $nombre ->
        [one] personne
       *[other] personnes
    }.
annonces-apercu-calme = { $calme ->
        [oui] Ce sont les heures calmes ({ $debut } – { $fin }) : une annonce ordinaire partira à { $fin } ; une annonce urgente part tout de suite.
       *[non] Une annonce ordinaire attend la fin des heures calmes ({ $debut } – { $fin }) ; une annonce urgente part même la nuit.
    }
annonces-bouton-envoyer = Envoyer
annonces-bouton-urgent = Envoyer en urgence
annonces-bouton-modifier = Modifier

annonces-annonce-titre = Annonce du { $date }
annonces-annonce-audience = Public : { $audience }
annonces-annonce-auteur = Par : { $auteur }
annonces-annonce-auteur-aucun = Par : la ligne de commande
annonces-annonce-urgente = Envoyée en urgence, même pendant les heures calmes.
annonces-annonce-fichier = { $nature ->
        [photo] Cette annonce est une photo (visible dans Telegram) ; le texte ci-dessous est sa légende.
       *[document] Cette annonce est un document (visible dans Telegram) ; le texte ci-dessous est sa légende.
    }
annonces-bilan-titre = Bilan de l'envoi
annonces-bilan-total = Destinataires
annonces-bilan-recues = Reçues
annonces-bilan-attente = En attente
annonces-bilan-injoignables = Injoignables
annonces-bilan-echecs = En échec
annonces-bilan-en-cours = Envoi en cours : ce bilan se met à jour tout seul.
annonces-bilan-matin = Ce sont les heures calmes : l'envoi commencera à { $fin }. Ce bilan se met à jour tout seul.
annonces-bilan-termine = Envoi terminé : { $envoyes } sur { $total } { $envoyes ->
        [one] reçue
       *[other] reçues
    }.
annonces-bilan-aide = Une personne injoignable a bloqué le bot ou supprimé son compte Telegram : elle apparaît dans la page Membres.
annonces-retour = Toutes les annonces
