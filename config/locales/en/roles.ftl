## /role: roles, groups and departures (staff only).

commande-role = Change a role, groups, record a departure
droits-usage =
    <b>Change someone's rights</b>: type /role followed by their number, for example "/role 12". The staff role is given in the settings only (EQUIPE_TELEGRAM_IDS).
droits-ligne = no. { $numero } { $nom } — { role }
droits-inconnu = I cannot find anyone with this number. Type /role alone to see the numbers.
droits-fiche =
    <b>no. { $numero } { $nom }</b>
    Role: { role }; status: { statut }
    Groups: { $groupes }
droits-fiche-reglages =
    This person is on the staff through the settings (EQUIPE_TELEGRAM_IDS): only these settings, then a restart of the bot, can change their role.
droits-bouton-role = { role }
droits-bouton-depart = Left the assembly…
droits-bouton-confirmer-depart = Confirm the departure (their attendance is kept)
droits-bouton-garder = Cancel
droits-fait = Done.
droits-refus = { $raison ->
        [parti] This person has left the assembly: their rights no longer change.
        [equipe-reglages] This person is on the staff through the settings (EQUIPE_TELEGRAM_IDS): this button cannot take that role away.
        [equipe-par-reglages] The staff role is given in the settings only (EQUIPE_TELEGRAM_IDS).
        [un-groupe] A member belongs to one group only: remove the other one first, or make them a facilitator.
        [au-moins-un-groupe] A facilitator facilitates at least one group: add another one before removing this one.
       *[groupe-inconnu] This group no longer exists.
    }
