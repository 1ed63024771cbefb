## Console, Members page: the list, one person's record, their rights, importing the lottery's
## list, invitation links and printable letters.

membres-lien-importer = Import the lottery's list (CSV)
membres-lien-invitations = Invitation letters and links
membres-lecture-seule = You see the people of your groups. Only staff can change a role, a group or an invitation.
membres-recherche-titre = Search members
membres-recherche = Last or first name
membres-filtre-groupe = Group
membres-tous-groupes = All groups
membres-filtre-role = Role
membres-tous-roles = All roles
membres-filtre-etat = State
membres-tous-etats = All states
membres-etat = { $statut ->
        [actif] active
        [injoignable] unreachable
        [parti] left
       *[invite] invited
    }
membres-filtrer = Show
membres-effacer-filtres = Show everyone
membres-nombre = { $n ->
        [0] Nobody matches.
        [one] One person.
       *[other] { $n } people.
    }
membres-col-nom = Name
membres-col-groupes = Groups
membres-col-role = Role
membres-col-etat = State
membres-aucun-groupe = no group
membres-pagination = Pages of the list
membres-page-precedente = Previous page
membres-page-suivante = Next page
membres-page-sur = Page { $page } of { $pages }

membres-retour-liste = Back to the list of members
membres-fait = { $quoi ->
        [role] The role is changed. It is written in the audit log.
        [groupes] The groups are changed. It is written in the audit log.
        [depart] The departure is recorded: the bot will no longer write to them; their attendance is kept.
        [sessions] All their console sessions are closed.
       *[autre] Done.
    }
membres-fiche-titre = Record
membres-numero = Number
membres-depuis = since { $date }
membres-telegram = Telegram account
membres-lie-le = linked on { $date }
membres-pas-lie = not linked yet
membres-consentement = Privacy notice
membres-consenti-le = accepted on { $date }
membres-pas-consenti = not accepted yet

membres-invitation-titre = Invitation
membres-invitation-etat = { $etat ->
        [en_attente] Link waiting: it has not been used yet.
        [utilisee] Link used.
        [expiree] Link expired unused.
        [revoquee] Link cancelled.
       *[aucune] No invitation: this person is staff through the settings.
    }
membres-invitation-dates = Created on { $cree }, valid until { $expire }.
membres-invitation-utilisee-le = Opened on { $date }.
membres-renouveler-aide = A new link replaces the old one, which will stop working. It is shown only once, with its letter to print.
membres-renouveler = Create a new invitation link

membres-droits-titre = Role, groups, departure
membres-refus = { $raison ->
        [parti] This person has left the assembly: their rights no longer change.
        [equipe-reglages] This person is staff through the settings (EQUIPE_TELEGRAM_IDS): only those settings can change their role.
        [equipe-par-reglages] The staff role is given in the settings only (EQUIPE_TELEGRAM_IDS).
        [un-groupe] A member belongs to one group: tick only one, or make them a facilitator first.
        [au-moins-un-groupe] A facilitator facilitates at least one group: tick at least one.
       *[groupe-inconnu] This group no longer exists. Reload the page and try again.
    }
membres-equipe-reglages = This person is staff through the settings (EQUIPE_TELEGRAM_IDS): only those settings, then a restart of the bot, can change their role.
membres-role-equipe-aide = The staff role is given in the settings only (EQUIPE_TELEGRAM_IDS).
membres-changer-role = Change the role
membres-groupes-aide = A member belongs to one group; a facilitator facilitates one or more.
membres-changer-groupes = Change the groups
membres-depart-titre = Leaving the assembly
membres-depart-confirmer = I confirm: this person leaves the assembly (the bot will no longer write to them; their attendance and compensation are kept).
membres-depart-bouton = Record the departure
membres-erreur-role = Choose member or facilitator.
membres-erreur-confirmer-depart = Tick the box to confirm the departure.

membres-presences-titre = Sessions and attendance
membres-col-seance = Session
membres-col-date = Date
membres-col-reponse = Answer
membres-col-emargement = Roll call
membres-reponse = { $choix ->
        [oui] yes
        [non] no
        [peut_etre] maybe
       *[aucune] no answer
    }
membres-emargement = { $etat ->
        [present] present
        [absent] absent
       *[non-marque] not marked
    }
membres-presences-aucune = No session so far.

membres-sessions-titre = Open console sessions
membres-col-session-origine = Opened with
membres-col-session-ouverte = Opened on
membres-col-session-vue = Last activity
membres-session-origine = { $origine ->
        [mini-app] Telegram's Console button
       *[lien] a /console link
    }
membres-sessions-terminer = { $n ->
        [one] Close this session
       *[other] Close these { $n } sessions
    }
membres-sessions-aucune = No open session.

membres-import-titre = Import the lottery's list
membres-import-envoyer-titre = Choose the file
membres-import-renvoyer-titre = Send the corrected file
membres-import-aide = A CSV file saved from the spreadsheet (comma, semicolon or tab), with at least the columns nom, prénom and groupe, and if needed rôle (membre or animateur; a facilitator may have several groups separated by |). Nothing is imported before you have seen every line and confirmed.
membres-import-fichier = CSV file (2 MB at most)
membres-import-verifier = Check the file
membres-import-erreur-fichier = Choose a CSV file that is not empty.
membres-apercu-titre = Checking the file
membres-apercu-bilan = { $bonnes ->
        [0] No correct line
        [one] One correct line
       *[other] { $bonnes } correct lines
    }, { $fausses ->
        [0] none to fix.
        [one] one to fix.
       *[other] { $fausses } to fix.
    }
membres-apercu-a-corriger = Lines to fix
membres-apercu-rien-importe = Nothing can be imported while a line is wrong: fix the file in the spreadsheet, then send it again.
membres-apercu-lignes-ok = The correct lines
membres-col-ligne = Line
membres-import-confirmer = { $n ->
        [one] Import this person and create their link
       *[other] Import these { $n } people and create their links
    }
membres-import-autre-fichier = Choose another file
membres-import-probleme = { $numero ->
        [0] Whole file: {""}
       *[other] Line { NUMBER($numero, useGrouping: 0) }: {""}
    }{ $code ->
        [illisible] the file is not readable CSV text (save it as CSV UTF-8 from the spreadsheet).
        [vide] the file is empty; it needs a header line.
        [colonnes-manquantes] missing columns: { $manquantes } (headers found: { $trouves }).
        [trop-de-lignes] file refused: { $max ->
                [one] one member at most.
               *[other] { $max } members at most.
            }
        [csv-illisible] unreadable CSV ({ $detail }).
        [aucun-membre] the file holds no member (only the headers).
        [colonnes-en-trop] { $n ->
                [one] one column
               *[other] { $n } columns
            } instead of { $attendu } (an extra separator?).
        [nom-manquant] last and first names are required.
        [nom-trop-long] last or first name too long ({ $max ->
                [one] one character
               *[other] { $max } characters
            } at most).
        [role-equipe] role "équipe": staff is declared in the EQUIPE_TELEGRAM_IDS setting, not in this file (write membre or animateur).
        [role-inconnu] unknown role "{ $role }" (membre or animateur).
        [groupe-manquant] missing group.
        [un-seul-groupe] a member belongs to one group only (several for a facilitator).
        [groupe-inconnu] unknown group "{ $groupe }" (groups: { $connus }).
        [doublon] same last and first name as line { $autre }.
        [deja-inscrit] { $nom } is already registered; for a new link, open their record.
       *[autre] line refused.
    }
membres-import-altere-titre = File to send again
membres-import-altere = The checked file did not arrive as it was. Nothing was imported: send it again from the import page.

membres-invitations-titre = Invitation letters and links
membres-invitations-aide = The people who have not opened their link yet (waiting or expired). The bot does not keep the links themselves, only what recognises them: to print letters or prepare a mail merge, it creates new ones.
membres-invitations-nombre = { $n ->
        [0] Everyone has opened their link.
        [one] One person has not opened their link yet.
       *[other] { $n } people have not opened their link yet.
    }
membres-invitations-et-autres = { $n ->
        [one] … and one more person.
       *[other] … and { $n } more people.
    }
membres-invitations-attention = Beware: the links already sent to these people will stop working.
membres-invitations-preparer = { $n ->
        [one] Create a new link for this person
       *[other] Create new links for these { $n } people
    }
membres-invitations-personne = Nobody is waiting for a link: there is nothing to prepare.
membres-erreur-groupe = This group no longer exists. Reload the page and try again.

membres-liens-titre = New invitation links
membres-liens-crees = { $origine ->
        [import] { $n ->
            [one] One person imported, with their link
           *[other] { $n } people imported, with their links
        }
       *[autre] { $n ->
            [one] One new link
           *[other] { $n } new links
        }
    }, valid until { $date }. It is written in the audit log.
membres-liens-une-fois = These links are shown only once: print the letters or download the file now. Each link is personal and works once; keep the file secret.
membres-liens-lettres = Letters to print
membres-liens-csv = File for a mail merge (CSV)
membres-col-lien = Invitation link
membres-liens-perimes-titre = Links that no longer work
membres-liens-perimes = These links were already used, expired or were replaced. Create new ones from the invitations page.

membres-lettres-titre = Invitation letters
membres-lettres-imprimer = { $n ->
        [one] One letter
       *[other] { $n } letters
    }, one per A4 page: print this page (Ctrl+P, or Cmd+P on a Mac), or save it as PDF from the print window.
membres-lettre-titre = Citizens' Assembly: your invitation
membres-lettre-bonjour = Hello { $nom },
membres-lettre-quoi = the Citizens' Assembly's assistant writes to you in Telegram: your next sessions, their reminders, your group's votes and its press review.
membres-lettre-comment = To start, install Telegram on your phone, then point the camera at the code below, or type the link written under it: the assistant welcomes you.
membres-lettre-secret = This link is personal and works only once; it is valid until { $date }. If it does not work, ask the assembly's staff for a new one.
membres-lettre-qr-alt = QR code of the invitation link of { $nom }
membres-lettre-groupe = Your group: { $groupes }

membres-csv-nom = last name
membres-csv-prenom = first name
membres-csv-groupe = group
membres-csv-lien = link
