"""The wide net: single words and short phrases that often go with distress or danger.

The rules in ``rules`` know common ways of saying one is at risk and they are precise, but
people say it in endless ways: on replies written after the rules, they missed most crises
(see tools/safeguarding/data/README.md). This second tier trades precision for recall. Until
v8 a score of 2 flagged a reply by itself; on the blind rounds that raised a third of the false
alarms (one word, "bridge", "overdose", "tablets", in a reply about a caller, a patient or a
prescription). Now its score and the cues it found are evidence for the learned tier, which
weighs them with everything else the reply says.

How it stays quiet on ordinary replies:
- figures of speech are blanked out before either tier looks ("dying to see", "bored to
  death"), and so are service names and topics before this one does ("the crisis team");
- a cue counts only in a clause about the member or someone close (I, me, my, he, she), not in
  one about people in general ("people who are homeless", "staff told us");
- a danger cue (dying, cutting, hit) scores 2, a distress cue (scared, broken) 1, and a clause
  said of oneself or someone close ("I'm broken") one more;
- reassurance in the same clause ("but I did it", "better now") takes a point away.

Every alternative below must match at least one text in the tuning parts of the labelled set;
``tests/test_safeguarding.py`` checks it. Add a labelled example with every new cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.safeguarding.lexicon import HEDGE, JOKING, NEGATION, PERSON_NOUNS
from bot.domain.safeguarding.rules import (
    ABUSE,
    CRISIS,
    DOMESTIC_VIOLENCE,
    HARM_TO_OTHERS,
    SELF_HARM,
    SUICIDE,
    UNSAFE,
)

DANGER, DISTRESS = 2, 1


def words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


@dataclass(frozen=True)
class Cue:
    category: str
    weight: int
    alternatives: tuple[str, ...]
    pattern: re.Pattern[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", words(*self.alternatives))


# Figures of speech: blanked before any rule or cue looks, so their words never count.
FIGURE_PHRASES: tuple[str, ...] = (
    r"dying (?:to|for|of (?:boredom|laughter|thirst))",
    r"(?:bored|sick|scared|tired) to death",
    r"death by \w+",
    r"(?:be |been |is |was )?the death of (?:me|us|it)",
    r"dead (?:tired|keen|on my feet|in the water)",
    r"(?:phone|battery|projector|laptop|mic|microphone|printer|wifi|wi fi|screen|computer|link)"
    r" (?:was |is |has |had |just )?(?:died|dead|dies)",
    r"died (?:laughing|down)",
    r"(?:is|are|was|were|be|been|'s|'re|'m|keeps?) (?:really |slowly |absolutely )?killing"
    r" (?:me|us|my \w+)",
    r"killing (?:me|us) with",
    r"kill(?:ed|s|ing)? (?:for|off|it)",
    r"killing two birds",
    r"killer",
    r"(?:could|i'd) murder (?:a|the|some)",
    r"shoot me (?:an?|a|the) \w+",
    r"shot through",
    r"overdose of",
    r"overdosed on (?:biscuits|cake|chocolate|coffee|sugar|meetings)",
    r"drowning in",
    r"banging my head against a (?:brick )?wall",
    r"end of my (?:patience|tether|rope) with",
    r"stab in the dark",
    r"(?:nearly|almost) had a heart attack",
    r"on life support",
    r"took a beating",
    r"bleeding (?:money|cash)",
    r"hanging on by a thread with",
    r"end (?:it|things) on a",
    r"car crash",
    r"bloodbath",
    r"massacre",
    r"my feet are killing",
    r"killing it",
    r"i'll scream",
    r"cut(?:ting|s)? (?:down|back|the (?:slides|agenda|jargon|number|list|forms|paperwork))",
    r"budget cuts",
    r"cut myself on (?:the|a) \w+",
    r"hit me (?:hard|in a good way)",
    r"(?:video|talk|story|film|it|that|this) (?:really )?hit me",
    r"hit the roof",
    r"the ground to swallow",
    r"end of life",
    r"lived experience\b[^.;,]*",
    r"not safe to (?:drive|leave)",
    r"(?:kicked|thrown) out of (?:the )?(?:zoom|teams|call|meeting|session|room)",
    r"(?:i'd|i would) be dead without",
    r"voices of",
    r"(?:patient|carer|people's|our|their) voices",
    r"knife (?:to|for) (?:cut|slice)",
    r"dying here",
    r"(?:strangle|kill|murder) (?:whoever|the next person|the (?:printer|router|booking system))",
    r"(?:load|workload|admin|rota) (?:is|was) (?:\w+ )?suicidal",
    r"(?:i'd|i would|could) die for",
    r"rather (?:die|be dead) than (?:do|sit|attend|fill|read|listen|watch)",
    r"unsafe to (?:challenge|speak|say)",
    r"don't (?:always )?feel safe (?:leaving|doing)",
    r"(?:makes me want to )?tear my hair out",
    r"can't (?:cope|breathe) (?:with|in) (?:the|this|these|that) (?!voices|pain|thoughts)\w+",
    r"jump out (?:of )?the window",
    r"ground to swallow me",
    r"had enough (?:to|of (?:the|this|these|that)|support|time|sleep)",
    r"struggling (?:with|to) (?:the|this|these|find|hear)",
    r"looks neglected",
    r"need help (?:with|to|using|on|filling|finding|logging|booking)",
    r"abuse of (?:jargon|acronyms|power)",
    r"(?:i'm|i am|we're|i get|we get) (?:always |so |really )?hungry",
    r"(?:nhs|service|services|system|staff|ward|team) (?:is|are) (?:at|near) breaking point",
    r"(?:strangle|throttle) the (?:wi fi|wifi|router|printer|projector)\b[^.,;]*",
    r"i take (?:a lot of |my |sleeping |some )?(?:tablets|pills|meds)",
    r"scared (?:about|of) (?:presenting|speaking|talking)",
    r"scared the \w+ (?:won't|will|might|aren't|isn't)",
    # Families from round 4: laughing, cooking and queasy lunches are not harm.
    r"(?:killed|killing|kill) (?:myself|me|us) (?:laughing|with laughter)",
    r"died a (?:slow |quick )?death",
    r"(?:tablets|pills|meds|medication) for (?:my )?(?:blood pressure|diabetes|heart|cholesterol"
    r"|asthma|arthritis|thyroid|migraines?)",
    r"(?:had|took|take|taken) my (?:tablets|pills|meds|medication) (?:late|early|on time|with)",
    r"(?:dosette|pill|blister) (?:box|pack|organiser)",
    r"(?:scared|nervous|afraid) (?:to|of) (?:speak|speaking|talk|talking|present|presenting"
    r"|ask|asking|share|sharing|join|joining) (?:at first|up|in|out)",
    r"cut (?:my|his|her) (?:hair|nails|fringe)",
    r"(?:lunch|food|fish|coffee|sandwich|sandwiches|journey|bus|coach) (?:made|makes) me"
    r" (?:feel )?(?:sick|ill|queasy)",
    r"(?:stories|story|film|video|talk|song|poem) (?:made|makes) me cry",
    r"(?:could|i'll|i'd|going to) (?:kill|murder|strangle) (?:him|her|them|you) for (?:losing"
    r"|forgetting|breaking|leaving|eating|taking|moving)",
    # Families from round 5: things that "die" or are "suicidal", embarrassment, a minute to
    # oneself, a remark explained away, and sessions that made one think.
    r"(?:wifi|wi fi|internet|signal|connection|printer|laptop|projector|pens?|markers?|batter"
    r"(?:y|ies)|kettle|car|bus|train|link|system|timeline|schedule|agenda|rota) (?:was |is |were"
    r" |are |keeps? |just )?(?:suicidal|dying|dead|died|die|killing (?:me|us)(?: softly)?)",
    r"(?:died|dying|die|dead) of (?:embarrassment|shame|cringe|boredom)",
    r"(?:(?:makes?|made) me want to )?bang(?:ing)? my head (?:against|on) a (?:brick )?wall",
    r"(?:minutes?|mins?|time|space|moment|peace|quiet) to myself",
    r"(?:when )?i said '(?:[^'.]|'(?=[a-z]))*' (?:[^.]{0,30} )?i meant (?:with |about )?(?:the )?\w+"
    r",? not (?:life|me|myself)",
    r"(?:made|makes) me (?:think|rethink|realise|realize|wonder|smile|laugh)",
    # Families from rounds 6 and 7: bargains and threats no one means, things that are
    # "abused", "neglected" or do not "survive", and medicines named for what they treat.
    r"sell (?:a|my) kidney",
    r"(?:stab|gouge|poke|claw) my (?:own )?eyes out",
    r"(?:if|when)\b[^.!?]{0,60}\b(?:i will|i'll|i'm going to) lose the will to live",
    r"(?:nearly|almost) finished me off",
    r"dig a hole and (?:crawl|climb|hide)\w*(?: into it)?",
    r"(?:launch|throw|lob|chuck) (?:my|the) (?:laptop|phone|computer) (?:out|through|across)",
    r"(?:tablets|pills|meds|medication) (?:have|has|make|makes|made) me (?:\w+ )?(?:running to"
    r"|need|dizzy|drowsy|sleepy|thirsty)",
    r"insulin (?:pump|review|clinic|appointment|pen)",
    r"(?:my|the) (?:projector|printer|laptop|cat|dog|plants?|biscuits?|kettle|garden|stapler)"
    r" (?:has |have |had )?(?:been |was |is |got |gets |getting )?(?:neglected|abused|murdered"
    r"|beaten|assaulted|attacked)",
    r"(?:abused|neglected)\b[^.!?]{0,30}\b(?:was|were) the (?:projector|printer|laptop|biscuits"
    r"|kettle|stapler)",
    r"rip (?:my |the )?(?:phone|battery|laptop|printer|wifi|kettle)\w*",
    r"(?:did not|didn't) survive the (?:workshop|session|meeting|day|\w+ hour \w+)",
    r"(?:sticky notes|paperwork|emails|admin|meetings|forms|post its?|spreadsheets?) (?:have|has)"
    r" taken over my life",
    # Not "collecting": "I've been collecting my pills for weeks" is stockpiling.
    r"(?:picked up|pick up|picking up) (?:my |his |her |mum's |dad's )?"
    r"(?:tablets|pills|meds|medication|prescription)",
)
FIGURES = words(*FIGURE_PHRASES)

# Services and topics: blanked before the wide net looks ("the crisis team was brilliant").
SERVICE_PHRASES: tuple[str, ...] = (
    r"(?:safeguarding|training)(?: [^\s.;,]+){0,6}",
    r"(?:crisis|suicide|self harm|overdose|abuse|violence|domestic abuse|domestic violence"
    r"|mental health|safeguarding|refuge)(?: \w+)? (?:team|line|house|number|service|services"
    r"|prevention|training|group|pathway|kits?|response|lead|work|strategy|policy|concordat"
    r"|clinic|awareness|assessment|calls|stories|manager|plans?|cafe|idea|resolution|reduction"
    r"|admissions|risk|bereavement|champion|champions|leaflet|leaflets|officer|crime|caf\u00e9)",
    r"knife crime",
    r"samaritans",
    r"safeguarding\w*",
    r"naloxone",
    r"(?:session|discussion|training|video|leaflet|talk|chat|bit|role play|conversation|point)"
    r" (?:(?:in|with|from) (?:my|our|the|\w+) (?:\w+ )?)?(?:about|on|around|that)(?: [^\s.;,]+){0,6}",
    r"lost (?:my|our|a|her|his) \w+ to suicide",
    r"(?:we|they|staff|officer|speaker|presenter|nurse|lead) (?:talk|talked|discussed|looked at"
    r"|mapped|reviewed|agreed)(?: [^\s.;,]+){0,8}",
    r"(?:a|one|another|the) (?:carer|patient|member) (?:spoke|talked|told us|shared)(?: [^\s.;,]+){0,8}",
)
SERVICES = words(*SERVICE_PHRASES)

# A clause about people in general or services, not the member or someone close to them.
GENERAL_WORDS: tuple[str, ...] = (
    "people", "patients?", "staff", "service users", "carers",
    "women", "young", "someone", "anyone", "everyone", "they",
    "they're", "their", "them", "we", "we're", "us", "our", "gps", "nurses", "police",
    "services?", "trust", "ward", "wards",
)  # fmt: skip
GENERAL = words(*GENERAL_WORDS)
PERSONAL = re.compile(
    r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|he|she|he's|she's|he'd|she'd|him|her|mum|dad)\b"
    rf"|\b(?:my|his|her) (?:{PERSON_NOUNS})\b"
)
# The member speaking of themselves or someone close: a single sign then counts for more.
SELF = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|myself)\b")
CLOSE = re.compile(rf"\b(?:my|his|her) (?:{PERSON_NOUNS})\b")
REASSURANCE_PHRASES: tuple[str, ...] = (
    "went (?:well|fine)", "in a good way", "happy tears", "getting there",
    "but i did it", "glad", "easier", "haha", "thank you", "thanks", "helped", "i'm fine", "lol",
    "felt right", "feeling lighter", "felt like progress", "made all the difference",
    "doing alright", "i'm happier now", "in a good place", "long behind me",
)  # fmt: skip
REASSURED = words(*REASSURANCE_PHRASES)

CUES: tuple[Cue, ...] = (
    Cue(SUICIDE, DANGER, (
        "die", "dying", "dead", "death", r"(?:i|i'd|if i|when i|wish i) (?:had )?died",
        r"suicid\w*", r"kill (?:my ?self|myself)", r"end (?:my|it|things)", "never been born",
        "sleep forever", r"go(?:ne)? through with", "attempt on my life", r"finish (?:it|myself)",
        r"hang(?:ed|ing)? myself", "round my neck", "bridge", "level crossing", "tracks",
        "into a wall", "into the sea", r"overdos\w*", "letters? to", "my affairs", "given away",
        "my goodbyes", r"(?:my|own) funeral", "made my peace", "the means", "not come back", "when i'm gone",
        "my life is over", "look like an accident", r"crashing (?:the|my) car",
        # Arrangements and farewells (rounds 4 to 7): a will, a pet given away, a date picked.
        r"(?:made|sorted|written|write|writing|updated) (?:a|my) will", "a plan and a date",
        r"the day i've picked", r"last time you'll hear", "high enough", "top floor",
        "my attempt", r"tried before",
    )),
    Cue(SUICIDE, DISTRESS, (
        r"not (?:be|being) here", "much longer", "better off", "without me", "burden",
        "waste of space", "any future", "what's the point", "no point", "want out", "a note",
        "my plans", "not wake up", "not waking up", "don't wake up", "do life", "still be here",
        r"how i can (?:carry on|go on|keep going)", r"disappear\w*",
        r"no one (?:sees|notices|cares|would miss|would care)", "had enough", "keep going",
        "be around", "just in case", "pills", "tablets", "paracetamol", "insulin", "not exist",
        "nothing left", "way out", "on purpose", "live like this", "in the way", "needs me",
        "a relief", "make it to", "won't need", "ready to go",
        "counting down the days", "won't be needing", r"thank you (?:all )?for everything",
        "for being kind to me", "tonight's the night", "my last week", "looking over",
        r"given the cat to", "creeping back", "disappointed i woke up", "stopped caring",
    )),
    Cue(SELF_HARM, DANGER, (
        "cut", "cuts", "cutting", r"bleed\w*", "bled", r"burn(?:ed|t)? myself", r"self harm\w*",
        "myself sick", r"scratch\w*", "raw", "to myself", "hurting myself",
        r"(?:hitting|punching|harming) myself", "starving myself", "knuckles",
        "head against the wall", "punched the wall", "wounds", "glued", "stitches", "swallowed",
        "hurting my body", "long sleeves", "steri strips", "did some damage", "on my wrist",
    )),
    Cue(ABUSE, DANGER, (
        r"hits?", "hitting", r"punch(?:es|ed)?", r"slap\w*", r"kick(?:s|ed)", r"push(?:es|ed)",
        "pinned", "grabbed", r"strangl\w*", r"bruis\w*", r"rap(?:e|ed)", r"assault\w*",
        r"sexual\w*", r"inappropriate\w*", r"abus\w*", r"beat(?:s|en)?", r"violen\w*",
        r"threat\w*", r"smash\w*", r"forc(?:e|es|ed)", "knife", "molested", "touch(?:es|ed|ing) me",
        "throat", "neck", "neglected", "soiled", "belt", "passport", "for no money",
        "black eye", "hold me down", r"tied (?:my|her|him) \w+ to", "in my room at night",
    )),
    Cue(DOMESTIC_VIOLENCE, DISTRESS, (
        "won't let me", "don't let me", "won't take me", r"controls?", "goes through my",
        "broke my phone", r"takes? my", "took my", "pictures", "couldn't call",
        r"what (?:he|she)(?:'ll| will) do", "what he did", "don't feed", "in bed all day",
        "survived", r"older (?:man|lads|boys)", "goes mad", r"locks? me", "on their own",
        "hungry", "my money", "my wages", "my pension", "my benefits", "tracks my", "secret",
        r"makes? me", "made me", "lose my place", "permission", "my new address", "cheques",
        "hiding", "shouting", "picked up by", "no one would believe",
        r"messaging my (?:daughter|son|child)", r"(?:getting|get|made|makes) (?:her|him|me) to sign",
        "locks the fridge", "before it goes bad", "came into the appointment",
    )),
    Cue(UNSAFE, DANGER, (
        "not safe", r"nowhere (?:safe|to go|to sleep|for)", "sofa surfing", "evicted",
        "kicked out", "went missing", "on the streets", "sleeping in my car",
        r"sleeping in (?:the|a) (?:park|car|tent|doorway)", "following me", "turning up",
        "waiting for me", "threatening me", "know where i live", "police found",
        r"lets (?:himself|herself|themselves) in", "keep my mouth shut",
    )),
    Cue(UNSAFE, DISTRESS, (
        "scared", "frightened", "afraid", "terrified", "refuge", "gas on", "cut off",
        "burn the house", "wandering", "fallen", "no money for food", "hostel", "drug dealing",
        "fights", "freezing", "newborn", "ran out", "motorway", r"scares? me",
        "cooker on", "start a fire", "across the door",
    )),
    Cue(CRISIS, DANGER, (
        "crisis", "breakdown", "meltdown", "rock bottom", "on the edge", "voices",
        "hearing things", "scared of myself", "losing my mind", "falling apart", "breaking point",
        "panic attack", "sectioned", "in pieces", "going crazy", "off my meds",
    )),
    Cue(CRISIS, DISTRESS, (
        r"spiral\w*", "hold on", r"can't (?:cope|face|go on|carry on|take|stop crying|breathe|function)",
        "hopeless", "drowning", "not eaten", r"haven't (?:eaten|slept|left)", "not in a good way",
        "not coping", "not ok", "struggling", "bad place", "dark place", "too much", "need help",
        "crying", "shaking", "relapsed", "using again", "bottle", "broken", "empty", "numb",
        "nothing matters", "racing", r"not (?:sleeping|eating)", "lie in the dark",
        "need someone", "pass out", "don't care what",
        "so desperate", "who to turn to", r"one more day of (?:this|it)", "crying every day",
        r"can't get up", "live on cereal", "first hot meal",
    )),
    Cue(HARM_TO_OTHERS, DANGER, (
        "shake the baby", rf"hurt (?:someone|him|her|people|my (?:{PERSON_NOUNS}))",
        r"make (?:him|her) pay", "face in", rf"harming my (?:{PERSON_NOUNS})",
        rf"hit my (?:{PERSON_NOUNS})", "lose control", "push people", "in front of",
    )),
)  # fmt: skip

CLAUSES = re.compile(r"[^.!?\n;:,]+")


@dataclass(frozen=True)
class Signs:
    score: int
    categories: tuple[str, ...]
    phrases: tuple[str, ...]


def scan(text: str) -> Signs:
    """Score normalised text, with figures of speech already blanked, clause by clause."""
    text = SERVICES.sub(" ", text)
    score = 0
    categories: list[str] = []
    phrases: list[str] = []
    for clause_match in CLAUSES.finditer(text):
        clause = clause_match.group(0)
        if not PERSONAL.search(clause) and GENERAL.search(clause):
            continue  # about people in general, or services: not a disclosure
        clause_score = 0
        for cue in CUES:
            for match in cue.pattern.finditer(clause):
                if _denied(clause, match):
                    continue  # "I'm not suicidal, just tired"
                clause_score += cue.weight
                categories.append(cue.category)
                phrases.append(match.group(0))
        if clause_score and (SELF.search(clause) or CLOSE.search(clause)):
            clause_score += 1  # "I'm broken" is a disclosure; "broken" alone may be a printer
        if clause_score and REASSURED.search(clause):
            clause_score -= 1
        score += clause_score
    if score and JOKING.search(text):
        score -= 1  # "I was dying inside during the icebreaker, haha"
    return Signs(score, tuple(dict.fromkeys(categories)), tuple(dict.fromkeys(phrases)))


# Negations that are the distress, not a denial of it: "I don't want to do life any more".
NOT_A_DENIAL = words(
    "don't want", "don't see how", "wouldn't still", "can't see", "don't think i'll"
)


def _denied(clause: str, match: re.Match[str]) -> bool:
    window = clause[max(0, match.start() - 20) : match.start()]
    if HEDGE.search(clause) or NOT_A_DENIAL.search(window + match.group(0)):
        return False
    return bool(NEGATION.search(window))
