"""Word lists the safeguarding rules share: who is speaking, about whom, and about what.

Each list answers one question the rules ask of the words around a match. They are regular
expression fragments, to be joined into rules; all text has been through ``normalise`` first.
"""

from __future__ import annotations

import re

# The member speaking about themselves.
FIRST_PERSON = r"i|i'm|i've|i'd|i'll|me|my|myself|mine"
FIRST_PERSON_RE = re.compile(rf"\b(?:{FIRST_PERSON})\b")

# People a member may be harmed by, or worried for. Partners decide domestic violence vs abuse.
PARTNERS = (
    r"husband|wife|partner|boyfriend|girlfriend|ex|ex partner|ex husband|ex wife|fiance|fiancee"
    r"|other half"
)
FAMILY = (
    r"dad|father|stepdad|step dad|mum|mother|mam|stepmum|step mum|son|daughter|brother|sister"
    r"|uncle|aunt|auntie|grandad|grandma|nan|cousin|parents|family|kids|children|child|baby"
    r"|foster dad|foster mum|foster parents"
)
OTHERS_CLOSE = r"carer|carers|landlord|neighbour|flatmate|housemate|teacher|stepson|stepdaughter"
PERSON_NOUNS = rf"{PARTNERS}|{FAMILY}|{OTHERS_CLOSE}"
PARTNER_RE = re.compile(rf"\b(?:{PARTNERS})\b|\bat home\b|\brelationship\b")

# Work roles: "my manager will kill me if I miss another session" is hyperbole.
WORK_ROLES_RE = re.compile(
    r"\b(?:manager|managers|boss|supervisor|line manager|colleague|colleagues|team leader|"
    r"the trust|the board|hr|facilitators?|chair|director|matron|lead)\b"
)

# Talk about people in general, services or topics rather than the speaker's own life.
GENERIC_SUBJECT = (
    r"people|person|patients?|someone|somebody|anyone|anybody|those|staff|clients?|users?"
    r"|carers|families|women|men|young|children|kids|they|them|their|others|victims|survivors"
    r"|colleagues|members|folk|residents|public|everyone|who|whoever|gps?|nurses|doctors"
)
TOPIC_WORDS = (
    r"about|around|regarding|define|defining|discuss|discussed|discussing|discussion|talk|talks"
    r"|talked|talking|mentioned|covered|heard|explained|mapped|mapping|asking|ask|sensitively"
    r"|session on|training on|talk on|workshop on|focus on|work on|information on|leaflet on"
    r"|data on|policy on|video on|lived experience of|experience of|awareness of|risk of"
    r"|rates of|prevention of|such as|like"
)
GENERIC_RE = re.compile(rf"\b(?:{GENERIC_SUBJECT}|{TOPIC_WORDS})\b")

# A keyword followed by one of these names a service or a topic, not a person's state:
# "crisis team", "suicide prevention", "self harm pathway", "overdose risk".
SERVICE_AFTER = re.compile(
    r"^\s*(?:team|teams|line|lines|cafe|caf\u00e9|house|services?|plans?|care|resolution|number"
    r"|pathways?|support|response|workers?|calls?|hub|assessments?|prevention|strategy|strategies"
    r"|awareness|bereavement|bereaved|rates?|risks?|audits?|training|polic(?:y|ies)|statistics"
    r"|figures|research|charity|charities|helplines?|clinic|groups?|leads?|nurses?|resources?"
    r"|module|sessions?|workshops?|education|kits?|and naloxone|deaths|reversal|reduction"
    r"|points?|protocols?|procedures?|teams?|unit|units|beds?|referrals?|network|networks"
    r"|leaflets?|posters?|champions?|officers?|aftercare)\b"
)
# ... or preceded by one of these: "the cost of living crisis", "a staffing crisis".
SERVICE_BEFORE = re.compile(
    r"\b(?:cost of living|staffing|funding|climate|nhs|workforce|recruitment|midlife|mid life"
    r"|identity|energy|a&e|mental health|lived experience of|experience of|awareness of"
    r"|lost (?:my|our|a|her|his) \w+ to|died by|bereaved by)\s*$"
)

# Things that frustrate people at work; "I can't cope with the slides" is about the slides.
ABOUT_THINGS = re.compile(
    r"^\s*(?:with|about|over|than|of|at)\s+(?:the|this|these|that|those|another|our|their"
    r"|all the|all these|all this|how|what)\b"
)
# ... unless the thing is itself a sign of distress.
PERSONAL_THINGS = re.compile(
    r"\b(?:voices|pain|thoughts|feelings|memories|flashbacks|nightmares|grief|loss|abuse"
    r"|violence|urges|way i feel|way things are|life|world)\b"
)

NEGATION = re.compile(
    r"\b(?:not|never|don't|do not|didn't|did not|won't|wouldn't|would not|isn't|wasn't"
    r"|aren't|doesn't|nor|haven't|hasn't|hadn't|no longer|stopped"
    r"|no (?:thoughts?|plans?|intention|urges?) (?:of|to))\b"
)
# Negation that still tells of a past risk: a human should hear about it.
RECOVERED_NEGATION = re.compile(
    r"\b(?:no longer|stopped|haven't|hasn't|hadn't|any more|not since|these days)\b"
)
# Uncertainty is not denial: "I don't know if I'm suicidal" must still be heard.
HEDGE = re.compile(r"\b(?:not sure|don't know|do not know|unsure|wonder)\b")

# A plain denial of risk: the learned tier, which cannot read negation, stands aside.
DENIAL = re.compile(
    r"\b(?:i'm|i am|i was|i feel|i'm really|i'm definitely) not (?:\w+ ){0,2}(?:suicidal"
    r"|depressed|in (?:a )?(?:bad|dark|low) place|at risk|in danger|unsafe|going to (?:hurt|harm"
    r"|kill|do anything))\b|\b(?:would|will|'d|could) never (?:hurt|harm|kill|do (?:that|anything))\b"
    # A denial that names what it is instead: "not in crisis, just think the timings need
    # changing", "I'm not about to top myself, I'm just fed up", "not struggling at all".
    r"|^(?:\w+ ){0,3}not (?:\w+ ){0,3}(?:depressed|in crisis|suicidal|struggling)\b"
    r"|\bnot (?:about|going) to (?:top|kill|hurt|harm) myself\b"
    r"|\bnot (?:struggling|depressed|suicidal|in crisis) at all\b"
    r"|\b(?:i|i'm|i am) (?:don't|do not|not) feel(?:ing)? (?:unsafe|suicidal|at risk|in danger)"
    r" (?:at|in|on|about|with) (?:the|this|our|my) (?:venue|building|room|session|meeting|group)\b"
    r"|\bno one needs to (?:check|worry)\b|\bbefore anyone worries\b"
    r"|\bi meant (?:with |about )?(?:the )?\w+(?: \w+)?,? not (?:life|me|myself)\b"
    # "I'm not in any danger, I just want to flag the back exit", "people keep asking if I'm
    # OK - I genuinely am", "I wasn't upset when I left early, I promise".
    r"|\bnot in any (?:danger|trouble)\b|\bi (?:wasn't|was not) (?:upset|crying|in a state)\b"
    r"|\bif i'm (?:ok|okay|alright|all right)\b[^.!?]{0,40}\bi (?:genuinely |honestly |really )?am\b"
)
# Wishes and complaints about a thing, not about living: "I don't see the point in the new
# form", "I don't want to be here if it's just a tick-box exercise".
ABOUT_THINGS_ONLY = re.compile(
    r"\bpoint (?:in|of) (?:the|this|these|that|a|an|our|having|doing)\b"
    r"|\bbe here if (?:it's|it is|this is|we're|we are)\b"
)

PAST = re.compile(
    r"\b(?:used to|years? ago|months ago|last year|in the past|as a (?:teenager|child|kid)"
    r"|when i was (?:little|young|younger|a child|a kid|a teenager|at school)|back then"
    r"|previously|i'd been|had been|i'd thought|at one point|back in (?:19|20)\d\d|years back"
    r"|looking back)\b"
)
RECOVERY = re.compile(
    r"\b(?:better place|helped|helps|recovered|recovery|clean for|saved my life|still here"
    r"|thanks to|proved me wrong|strong enough|rebuild|rebuilt|doing better|much better|now i'm"
    r"|now i am|now i feel|part of making|behind me now|long behind me|in a good place"
    r"|i'm happier now|doing alright|doing all right|gives? me hope)\b"
)
# "I'd never trust anyone again" is not a recurrence; such phrases are removed before CURRENT.
NEVER_AGAIN = re.compile(r"\bnever\b[^.,;!?\n]{0,30}\bagain\b")
CURRENT = re.compile(
    r"\bagain\b|\b(?:right now|at the moment|tonight|today"
    r"|this week|lately|recently|currently|these days|still (?:feel|want|think|have|do|am|get)"
    r"|close to it|keep|can't stop)\b"
)
JOKING = re.compile(r"\b(?:lol|haha\w*|jk|joking|kidding)\b|[\U0001F602\U0001F923\U0001F606]")
