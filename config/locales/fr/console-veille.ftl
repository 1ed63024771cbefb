## La console : la page Veille (articles à trier, articles hors groupe, flux et leur état).

console-veille-titre = Veille
console-veille-sous-menu = Parties de la veille
console-veille-nav-tri = À trier
console-veille-nav-hors-groupe = Hors groupe
console-veille-nav-sources = Flux suivis
console-veille-pages = Pages de la liste
console-veille-page = Page { $page } sur { $pages }
console-veille-page-precedente = Page précédente
console-veille-page-suivante = Page suivante

console-veille-sans-groupe = Vous n'animez aucun groupe pour l'instant : l'équipe peut vous en confier un.
console-veille-a-trier = À trier ({ $n })
console-veille-vide = Aucun article à trier pour l'instant.
console-veille-lien-hors-groupe = { $n ->
        [one] 1 article n'est dans aucun groupe : le ranger
       *[other] { $n } articles ne sont dans aucun groupe : les ranger
    }
console-veille-derniere = Dernière décision
console-veille-fait = « { $titre } » : { $statut ->
        [garde] gardé pour la revue de presse.
        [a_la_une] à la une de la revue de presse.
        [ecarte] écarté.
       *[nouveau] toujours à trier.
    } Vous pouvez changer d'avis ci-dessous.
console-veille-signale-par = signalé par { $prenom }
console-veille-signale = signalé par un membre
console-veille-etat = { $statut ->
        [garde] Gardé
        [a_la_une] À la une
        [ecarte] Écarté
       *[nouveau] À trier
    }
console-veille-etat-sujet = devenu un sujet du groupe
console-veille-etat-note = note : { $note }
console-veille-garder = Garder
console-veille-une = À la une
console-veille-ecarter = Écarter
console-veille-sujet = En faire un sujet
console-veille-note-ouvrir = Ajouter une note
console-veille-note-champ = Note pour la revue de presse (une ligne, 200 caractères au plus) ; l'article est alors gardé
console-veille-note-bouton = Enregistrer la note
console-veille-erreur = { $raison ->
        [note-vide] Écrivez la note en une ligne.
        [note-longue] La note est trop longue (200 caractères au plus) : raccourcissez-la.
        [note-lignes] Écrivez la note sur une seule ligne.
        [deja-sujet] Cet article est déjà devenu un sujet du groupe.
        [introuvable] Cet article n'est plus dans la veille du groupe.
        [statut] Choisissez garder, à la une ou écarter.
       *[interdit] Seuls les animateurs du groupe et l'équipe trient sa veille.
    }

console-veille-hors-groupe-titre = Dans aucun groupe ({ $n })
console-veille-hors-groupe-texte = Aucun mot-clé de groupe ne correspond à ces articles. Rangez dans un groupe ceux qui le concernent : ses animateurs les trieront.
console-veille-hors-groupe-vide = Tout est rangé : aucun article hors des groupes.
console-veille-ranger-champ = Ranger dans le groupe
console-veille-ranger-bouton = Ranger
console-veille-ranger-erreur = Choisissez un des groupes de la liste.

console-veille-sources-titre = Flux suivis : { $actives } { $actives ->
        [one] actif
       *[other] actifs
    } sur { $n }
console-veille-sources-vide = Aucun flux suivi pour l'instant.
console-veille-col-source = Flux
console-veille-col-etat = État
console-veille-col-releve = Dernier relevé réussi
console-veille-col-echecs = Échecs d'affilée
console-veille-col-erreur = Dernière erreur
console-veille-col-prochain = Prochain essai
console-veille-col-action = Action
console-veille-source-etat = { $etat ->
        [active-echecs] Actif, en difficulté
        [desactivee] Désactivé le { $date } après trop d'échecs
        [retiree] Retiré le { $date }
       *[active] Actif
    }
console-veille-jamais = jamais
console-veille-aucune-erreur = aucune
console-veille-plus-releve = plus relevé
console-veille-prochain-passage = au prochain passage
console-veille-source-bouton = { $action ->
        [reactiver] Réactiver
       *[retirer] Retirer
    }
console-veille-source-fait = { $fait ->
        [ajoutee] Flux ajouté : ses articles arriveront au prochain relevé.
        [reactivee] Flux réactivé : il sera relevé au prochain passage.
       *[retiree] Flux retiré ; ses articles déjà relevés restent.
    }
console-veille-ajouter-titre = Ajouter un flux
console-veille-champ-url = Adresse du flux RSS ou Atom (http:// ou https://)
console-veille-champ-nom = Nom affiché dans la revue de presse (facultatif : sinon, le titre du flux)
console-veille-ajouter-bouton = Vérifier et ajouter
console-veille-source-erreur = { $raison ->
        [injoignable] Ce site ne répond pas : vérifiez l'adresse, ou réessayez plus tard. Rien n'est enregistré.
        [delai] Ce site met trop de temps à répondre : réessayez plus tard. Rien n'est enregistré.
        [adresse-privee] Cette adresse est sur un réseau local ou privé : elle est refusée. Rien n'est enregistré.
        [trop-gros] Ce flux est trop volumineux pour être relevé. Rien n'est enregistré.
        [http] Ce site a répondu par une erreur : vérifiez l'adresse, ou réessayez plus tard. Rien n'est enregistré.
        [introuvable] Cette adresse est introuvable sur ce site (erreur 404) : vérifiez-la. Rien n'est enregistré.
        [disparu] Cette adresse n'existe plus sur ce site (erreur 410) : cherchez la nouvelle adresse du flux. Rien n'est enregistré.
        [acces-refuse] Ce site demande une connexion ou refuse l'accès à ce flux (erreur 401 ou 403) : choisissez un flux public. Rien n'est enregistré.
        [panne] Ce site est en panne pour le moment (erreur 5xx) : réessayez plus tard. Rien n'est enregistré.
        [pas-un-flux] Cette adresse n'est pas un flux RSS ou Atom : cherchez le lien « RSS » du site. Rien n'est enregistré.
        [deja] Ce flux est déjà suivi.
        [inconnue] Ce flux n'existe plus.
       *[url-invalide] Écrivez l'adresse complète du flux, par exemple https://www.paris.fr/rss.
    }

console-veille-nav-revue = Revue de presse
console-veille-revue-intro = La prochaine revue de presse de chaque groupe : les articles gardés depuis la précédente. Ouvrez celle d'un groupe pour la lire exactement comme les membres la recevront, les articles à la une en premier. Sans rien faire, elle part à l'heure prévue pour le groupe.
console-veille-revue-groupe = Revue de presse : { $groupe }
console-veille-revue-resume = { $articles } { $articles ->
        [one] article
       *[other] articles
    } pour { $nombre } { $nombre ->
        [one] membre
       *[other] membres
    }.
console-veille-revue-partie-titre = { $frequence ->
        [quotidienne] Revue quotidienne
       *[hebdomadaire] Revue hebdomadaire
    }, pour { $nombre } { $nombre ->
        [one] membre
       *[other] membres
    }
console-veille-revue-voir = Voir la revue de { $groupe } telle que les membres la recevront
console-veille-revue-envoyer = Envoyer maintenant la revue de { $groupe } ({ $nombre } { $nombre ->
        [one] membre
       *[other] membres
    })
console-veille-revue-partie = C'est parti : la revue de presse part vers { $nombre } { $nombre ->
        [one] membre
       *[other] membres
    }.{ $calme ->
        [oui] { " " }Ce sont les heures calmes : l'envoi commencera à { $fin }.
       *[non] {""}
    } La prochaine revue programmée ne reprendra pas ces articles.
console-veille-revue-rien = Rien à envoyer : { $raison ->
        [personne] aucun membre ne reçoit la revue de presse de ce groupe (chacun la choisit dans /moi, dans Telegram).
        [deja-envoyee] cette revue de presse vient de partir.
        [inactif] ce groupe n'existe plus.
       *[rien-de-garde] aucun article gardé depuis la dernière revue de presse.
    }
