## A person arrives: invitation, privacy, welcome.

inconnu =
    Hello! I am the assistant of the Citizens' Assembly. I only answer its members, who each receive a personal invitation link.
    If you are a member, open the link you received by post or email. Otherwise, or if the link does not work, contact { $contact }.

invitation-inconnue =
    This invitation link is not valid. Check that you opened the whole link, or ask { $contact } for a new one.
invitation-utilisee =
    This invitation link has already been used: it works only once. If that was not you, or if you changed phones, ask { $contact } for a new link.
invitation-expiree =
    This invitation link has expired. Ask { $contact } for a new one.
compte-deja-lie =
    Your Telegram account is already linked to another member of the assembly. Contact { $contact } to fix this.
acces-termine =
    You are no longer a member of the Citizens' Assembly: I can no longer do anything for you here. Thank you for taking part! For any question, contact { $contact }.

confidentialite =
    <b>Hello { $prenom }! Before we start: your data.</b>

    <b>What I keep</b>: your first and last name, your group, your Telegram id (not your phone number), your language, then your answers to invitations to sessions, your attendance and your non-anonymous votes.
    <b>Why</b>: to organise the sessions, to write to you, and to compute the compensation for the sessions you attend.
    <b>Who sees it</b>: the assembly's staff, and your group's facilitators: your answers to invitations and your attendance, your choices in named votes (those that are not anonymous, announced as such), and your name on the topics you propose. Nobody else: nothing is sold or used for advertising.
    <b>For how long</b>: as long as you are a member. You can erase everything yourself with /supprimer; only the attendance records your compensation needs then remain.

    At any time, /mesdonnees sends you everything I keep about you. A question? { $contact }.
bouton-accepter = ✅ I agree
bouton-refuser = I decline

bienvenue =
    <b>Welcome { $prenom }!</b> { $role ->
        [animateur] You facilitate: { $groupes }.
        [equipe] You are on the assembly's staff.
       *[membre] You are in the group { $groupes }.
    }

    I am here to:
    • remind you of every session (date, place, link) and record in one tap whether you are coming;
    • send you the citizen watch's news digest;
    • let you vote, in a few taps, on the priority topics;
    • pass on the staff's announcements.
    { $calme ->
        [non] I may write to you at any hour: the assembly has set no quiet hours.
       *[oui] I never write to you during quiet hours ({ $debut } – { $fin }), except for emergencies.
    }

    Type /aide to see what you can ask me.
consentement-deja = Already done: you have agreed. Type /aide to start.
consentement-refuse =
    Noted: I kept nothing of your Telegram account. If you change your mind, ask { $contact } for a new invitation link.
consentement-attendu = To continue, read this message and tap “I agree”.
consentement-enregistre = Thank you!
