## Veille citoyenne : articles signalés par les membres, tri par les animateurs, flux de l'équipe.

commande-signaler = Signaler un article à votre groupe
commande-veille = Trier les articles de la veille
commande-sources = Gérer les flux de la veille

## Signalements des membres.

signaler-merci = Merci, l'article « { $titre } » est transmis aux animateurs de votre groupe.
signaler-erreur = { $raison ->
        [lien-mort] Ce lien ne répond pas : vérifiez-le, ou réessayez plus tard.
        [sans-groupe] Vous n'êtes dans aucun groupe : l'équipe peut vous y inscrire.
        [deja-signale] Cet article est déjà signalé à votre groupe : merci !
        [adresse-privee] Ce lien mène à un réseau privé, pas à un site public : envoyez l'adresse d'un article publié sur Internet.
       *[url-invalide] Envoyez l'adresse d'un article, qui commence par http:// ou https://, par exemple : /signaler https://www.paris.fr/pages/un-article
    }

## /veille : le tri des animateurs.

veille-titre = 📰 <b>Veille — articles à trier</b> ({ $nombre })
veille-vide = Aucun article à trier pour l'instant. Les membres peuvent en signaler avec /signaler.
veille-sans-groupe = Vous n'animez aucun groupe pour l'instant : l'équipe peut vous en confier un.
veille-article = <b>{ $numero }.</b> <a href="{ $url }">{ $titre }</a>
veille-details = { $origine } · { $date }
veille-details-groupe = { $groupe } · { $origine } · { $date }
veille-signale-par = signalé par { $prenom }
veille-signale = signalé par un membre
veille-resume = <i>{ $resume }</i>
veille-etat = → { $statut ->
        [garde] ✅ gardé
        [a_la_une] ⭐ à la une
        [ecarte] ❌ écarté
       *[nouveau] à trier
    }
veille-etat-sujet = 💡 devenu sujet
veille-etat-note = ✏️ <i>{ $note }</i>
veille-suite = … et { $nombre } { $nombre ->
        [one] autre
       *[other] autres
    } : /veille pour la suite
veille-legende = ✅ garder · ⭐ à la une · ❌ écarter · 💡 en faire un sujet · ✏️ ajouter une note
bouton-veille-garder = { $numero } ✅
bouton-veille-une = { $numero } ⭐
bouton-veille-ecarter = { $numero } ❌
bouton-veille-sujet = { $numero } 💡
bouton-veille-note = { $numero } ✏️
veille-non-classes-titre = 📥 <b>Dans aucun groupe</b> ({ $nombre }) : aucun mot-clé ne { $nombre ->
        [one] l'a rangé. Choisissez son groupe d'un geste, ses animateurs le verront dans /veille.
       *[other] les a rangés. Choisissez le groupe de chacun d'un geste, ses animateurs le verront dans /veille.
    }
veille-non-classes-vide = 📥 Plus aucun article hors des groupes : tout est rangé.
bouton-veille-ranger = { $numero } → { $groupe }
veille-range-ok = Rangé dans « { $groupe } ».
veille-decision = { $statut ->
        [garde] ✅ Gardé pour la revue de presse.
        [a_la_une] ⭐ À la une de la revue de presse.
       *[ecarte] ❌ Écarté.
    }
veille-note-question = ✏️ Écrivez en une ligne (200 caractères au plus) la note qui accompagnera « { $titre } » dans la revue de presse — /annuler pour abandonner.
veille-note-ok = ✏️ Note enregistrée pour « { $titre } » : l'article est gardé.
veille-note-abandon = Pas de note : rien n'a changé.
veille-sujet-ok = 💡 « { $texte } » rejoint les sujets retenus de { $groupe }.
veille-erreur = { $raison ->
        [note-vide] Écrivez la note en une ligne, ou /annuler pour abandonner.
        [note-longue] La note est trop longue (200 caractères au plus) : raccourcissez-la.
        [note-lignes] Écrivez la note sur une seule ligne.
        [deja-sujet] Cet article est déjà devenu un sujet du groupe.
        [introuvable] Cet article n'est plus dans la veille du groupe.
        [statut] Choisissez garder, à la une ou écarter.
       *[interdit] Seuls les animateurs du groupe et l'équipe trient sa veille.
    }

## /sources : les flux, gérés par l'équipe.

sources-titre = 📡 <b>Flux de la veille</b> : { $actifs } { $actifs ->
        [one] actif
       *[other] actifs
    } sur { $nombre }
sources-vide = Aucun flux suivi pour l'instant.
sources-active = <b>{ $numero }.</b> ✅ { $nom } — { $url }
sources-active-echecs = <b>{ $numero }.</b> ⚠️ { $nom } — { $url }
    { $echecs } { $echecs ->
        [one] échec
       *[other] échecs
    } d'affilée : { $erreur }
sources-desactivee = <b>{ $numero }.</b> ⏸ { $nom } — { $url }
    Désactivé { $date } après { $echecs } { $echecs ->
        [one] échec
       *[other] échecs
    } : { $erreur }
sources-retiree = <b>{ $numero }.</b> ⏹ { $nom } — { $url }
    Retiré { $date }.
sources-aide = Pour ajouter un flux : /sources ajouter adresse-du-flux nom (le nom est facultatif).
bouton-retirer-source = 🗑 Retirer { $numero }
bouton-reactiver-source = ▶️ Réactiver { $numero }
source-ajoutee = ✅ Flux « { $nom } » ajouté ({ $url }) : ses articles arriveront au prochain relevé.
source-retiree = ⏹ Flux « { $nom } » retiré ; ses articles déjà relevés restent.
source-reactivee = ▶️ Flux « { $nom } » réactivé.
source-erreur = { $raison ->
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
       *[url-invalide] Écrivez l'adresse complète du flux, par exemple : /sources ajouter https://www.paris.fr/rss Paris.fr
    }
source-desactivee = ⚠️ Le flux « { $nom } » ({ $url }) ne répond plus depuis plusieurs relevés ({ $erreur }) : il est désactivé. /sources pour le réactiver ou le remplacer.

## /moi : la revue de presse reçue.

moi-revue = 📰 Revue de presse : { $revue ->
        [tous] celle de chaque groupe
       *[groupe] celle de votre groupe
    }, { $frequence ->
        [quotidienne] chaque jour
       *[hebdomadaire] chaque semaine
    }.
moi-revue-aucune = 📰 Revue de presse : aucune.
bouton-revue = { $choisi ->
        [oui] ●
       *[non] ○
    } { $revue ->
        [groupe] Mon groupe
        [tous] Tous les groupes
       *[aucune] Aucune
    }
bouton-frequence = { $choisi ->
        [oui] ●
       *[non] ○
    } { $frequence ->
        [quotidienne] Chaque jour
       *[hebdomadaire] Chaque semaine
    }
revue-choisie = C'est noté.
