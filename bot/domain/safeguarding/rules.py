"""The safeguarding rules, by category: phrases that show distress or risk in a reply.

A rule is a regular expression over normalised text plus the checks it needs before it counts
(see ``detector``). Rules come from the tuning parts of the labelled set and the examples in
the requirement, never from the held-out part. When a rule is in doubt it errs towards
flagging: a missed crisis costs far more than a facilitator reading a false alarm. The rules
are precise but narrow; ``sentinel`` is the wide net behind them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.safeguarding.lexicon import PERSON_NOUNS

SELF_HARM = "self_harm"
SUICIDE = "suicide"
ABUSE = "abuse"
DOMESTIC_VIOLENCE = "domestic_violence"
CRISIS = "crisis"
UNSAFE = "unsafe"
HARM_TO_OTHERS = "harm_to_others"
CATEGORIES = (SUICIDE, SELF_HARM, HARM_TO_OTHERS, DOMESTIC_VIOLENCE, ABUSE, UNSAFE, CRISIS)
ABUSE_OR_DV = "abuse_or_domestic_violence"  # settled per reply: partners make it domestic

URGENT = "urgent"
CHECK_IN = "check_in"


@dataclass(frozen=True)
class Rule:
    category: str
    pattern: re.Pattern[str]
    severity: str = URGENT
    framed: bool = False  # a keyword that may be about services or other people, not the member
    negatable: bool = True  # "I'm not suicidal"; off when the pattern itself holds the negation
    about_things: bool = False  # "I can't cope with the slides" is about the slides
    not_self: bool = False  # someone else does it: the member must not be the subject
    perpetrator: bool = False  # "he hits me": the subject must be a person, not "this deadline"
    unless: re.Pattern[str] | None = None  # an exception found anywhere in the sentence


def rule(category: str, pattern: str, severity: str = URGENT, **checks) -> Rule:
    if "unless" in checks:
        checks["unless"] = re.compile(checks["unless"])
    return Rule(category, re.compile(pattern), severity, **checks)


_PILLS = r"(?:pills|tablets|meds|medication|medicine|paracetamol|painkillers|antidepressants)"
_ACCIDENT = (
    r"\b(?:by accident|accidentally|on (?:the|a) (?:stapler|paper|glass|tin|knife|door|fence|step)"
    r"|shaving|cooking|fell|falling|tripped|slipped|at the gym|playing|in the kitchen)\b"
)
_SERVICE_PEOPLE = r"\b(?:gp|doctor|consultant|nurse|notes|records|specialist|manager|team)\b"
_VIOLENCE = (
    r"hit|hits|hitting|beat|beats|beating|kick|kicks|kicked|kicking|punch|punches|punched"
    r"|punching|slap|slaps|slapped|slapping|push|pushes|pushed|pushing|shove|shoves|shoved"
    r"|grab|grabs|grabbed|grabbing|chokes?|choked|choking|strangles?|strangled|strangling"
    r"|kill|kills|hurt|hurts|hurting|threaten|threatens|threatened|threatening|touch|touches"
    r"|touched|touching|molest|molests|molested|abuse|abuses|abused|abusing|rape|rapes|raped"
    r"|attack|attacks|attacked|bully|bullies|bullied|bullying|shouts? at|shouted at"
    r"|shouting at|screams? at|screamed at|swears? at|spits? at|spat at"
    r"|threw (?:\w+ ){0,2}at|throws (?:\w+ ){0,2}at|bites|bit|pinch|pinches|pinched"
)
_VICTIM = rf"me|us|the kids|the children|my (?:{PERSON_NOUNS})|her|him|them"

RULES: tuple[Rule, ...] = (
    # --- suicide: thoughts of ending one's life, said plainly or not
    rule(SUICIDE, r"\bkill(?:ing|ed)? myself\b"),
    rule(SUICIDE, r"\b(?:take|taking|took|end|ending|ended) my (?:own )?life\b"),
    rule(SUICIDE, r"\bend(?:ing)? (?:it all|everything|things)\b",
         unless=r"\bend(?:ing)? (?:it all|everything|things) (?:on|with) (?:a )?(?:high|positive|good|note)"),
    rule(SUICIDE, r"\b(?:thought about|thinking about|thinking of|think about|thought of|want to"
                  r"|wanted to|going to|might|could|plan to|planning to|except|just|about to)"
                  r" end(?:ing)? it\b(?! (?:early|there|here|now|on|with))"),
    rule(SUICIDE, r"\bsuicidal\b", framed=True),
    rule(SUICIDE, r"\b(?:attempted|attempting|attempt|tried|commit|committing) suicide\b"
                  r"|\b(?:thoughts? of|thinking (?:about|of)|think about|thought about) suicide\b"
                  r"(?! (?:prevention|awareness|bereavement|risk))"),
    rule(SUICIDE, r"\bsuicide\b", CHECK_IN, framed=True),
    rule(SUICIDE, r"\b(?:want|wanted|wanting|wish|wishing|wished) to die\b|\bwant to be dead\b"),
    rule(SUICIDE, r"\b(?:wish i (?:was|were)|better off|might as well be) dead\b"),
    rule(SUICIDE, r"\brather be dead\b", CHECK_IN, about_things=True),
    rule(SUICIDE, r"\b(?:wish|want|hope|pray)\b[^.!?\n]{0,30}\b(?:never|not) wak(?:e|ing) up\b",
         negatable=False),
    rule(SUICIDE, r"\b(?:no|don't see the|don't see any|what's the|what is the|is there any"
                  r"|there's no|there is no|can't see the|can't see any) point (?:in |of |to )?"
                  r"(?:going on|living|carrying on|life|being alive|being here|it all|anything"
                  r"|me|trying|any of it)\b", negatable=False),
    rule(SUICIDE, r"\b(?:no|nothing) (?:reason |one |left )?to live for\b"
                  r"|\bno reason to (?:live|go on|keep going|carry on|be here)\b", negatable=False),
    rule(SUICIDE, r"\b(?:life|living)(?: really)? (?:isn't|is not|is no longer|not) worth"
                  r" (?:living|it)\b|\bnot worth living\b", negatable=False),
    rule(SUICIDE, r"\bno one (?:would|will|'d|is going to)(?: even)? (?:miss|notice|care)"
                  r"(?: about)? (?:me|if i|when i)\b", negatable=False),
    rule(SUICIDE, r"\bbetter off (?:without me|with me gone|if i (?:was|were|wasn't|weren't"
                  r"|was not|died|'m gone|am gone|wasn't here))\b"),
    rule(SUICIDE, r"\b(?:easier|better|happier|simpler) (?:for (?:everyone|everybody|them|my \w+)"
                  r" )?if i (?:wasn't|weren't|was not|were not) (?:alive|here|around)\b",
         negatable=False),
    rule(SUICIDE, r"\bdon't want to (?:be alive|exist|live|wake up)\b"
                  r"|\bdon't want to be (?:here|around)(?= any more| any longer| now\b|\s*[.!?,;]|\s*$)",
         negatable=False),
    rule(SUICIDE, r"\b(?:not|won't|will not|not going to) be around (?:much longer"
                  r"|for (?:much )?longer|for long|any more|any longer)\b", negatable=False),
    rule(SUICIDE, rf"\b(?:stockpil\w*|hoard\w*|collect\w*|sav(?:e|ed|ing) up|saving|kept"
                  rf"|keeping|stor\w*) (?:up )?(?:all )?(?:of )?(?:my |the |some |enough )?{_PILLS}\b"
                  r"|\bstockpil\w* (?:my|enough|all|them|it)\b",
         unless=r"\b(?:pharmacy|chemist|prescription|pick(?:ing)? up|fridge|somewhere to|where to)\b"),
    rule(SUICIDE, r"\b(?:rope|noose)\b", framed=True),
    rule(SUICIDE, r"\b(?:jump(?:ing)? (?:off|from|in front of|under)|step(?:ping)? (?:in front of"
                  r"|under)|throw(?:ing)? myself (?:off|from|in front of|under)) (?:a |the |my )?"
                  r"(?:bridge|train|bus|car|lorry|traffic|roof|cliff|building|multi storey"
                  r"|car park|balcony|tower|block|window)\b"),
    rule(SUICIDE, r"\b(?:planned|plan|planning|worked out|thought about|decided) (?:exactly )?how"
                  r" (?:i'd|i would|i'll|i will|i could|i'm going to|to) (?:do it|end it|kill|die)\b"),
    rule(SUICIDE, r"\b(?:i'm|i am|i feel like|feel like|i feel|feeling like|i've become|being"
                  r"|just) (?:a |such a |just a |nothing but a )?burden\b", CHECK_IN),
    rule(SUICIDE, r"\b(?:tired|sick) of (?:living|life|being alive|existing)\b"),
    rule(SUICIDE, r"\b(?:tired|sick) of (?:it all|everything|fighting|trying)\b", CHECK_IN,
         about_things=True),
    rule(SUICIDE, r"\bdisappear (?:forever|for good|for ever)\b"),
    rule(SUICIDE, r"\b(?:want|wanted|wanting|wish i could) to disappear\b", CHECK_IN),
    rule(SUICIDE, r"\bwant (?:it all|everything|it|the pain|all of it) to (?:stop|end|be over)\b"),
    rule(SUICIDE, r"\b(?:this is (?:my )?goodbye|saying goodbye|goodbye (?:everyone|all|forever))\b",
         CHECK_IN),
    rule(SUICIDE, r"\b(?:this is|saying) goodbye\b[^\n]{0,30}\bsorry\b"
                  r"|\bsorry\b[^\n]{0,30}\b(?:this is|saying) goodbye\b"),
    rule(SUICIDE, r"\b(?:i've|i have|i've just|i'm|i) (?:just |really )?(?:had|have had) enough\b"
                  r"(?! (?:to|time|sleep|notice|warning|info|information|breaks?|chances?|money"
                  r"|space|room|people|food|support|help|practice|sessions?|coffee|tea|of (?:the"
                  r"|this|these|that|those|them|it\b(?! all))))", CHECK_IN, about_things=True),
    rule(SUICIDE, r"\b(?:me|i) (?:just )?(?:not|never|didn't|don't|wouldn't|won't) wak(?:e|ing) up\b",
         CHECK_IN, negatable=False,
         unless=r"\b(?:on time|in time|early|alarm|late|until|for the)\b"),
    rule(SUICIDE, r"\b(?:looking up|looked up|searching|searched|researching|researched|reading"
                  r" about|read about)\b[^.!?\n]{0,30}\b(?:ways to (?:die|end|kill)|how (?:many|much)"
                  r"\b[^.!?\n]{0,25}\b(?:take|kill|die)|how to (?:die|kill|end)|lethal|suicide)\b"
                  rf"|\bhow (?:many|much) {_PILLS}\b[^.!?\n]{{0,20}}\b(?:take|kill|die)\b"),
    rule(SUICIDE, r"\b(?:written|wrote|writing|write) (?:a |my |some )?(?:letters?|notes?|goodbyes?)"
                  r"\b[^.!?\n]{0,25}\b(?:just in case|goodbye|for when|for after|to my (?:kids"
                  r"|children|family|son|daughter|partner|wife|husband|mum|dad))"),
    rule(SUICIDE, r"\b(?:given|giving|gave) away (?:most of |all of |some of )?(?:my|all my)"
                  r" (?:things|stuff|belongings|possessions)\b|\b(?:sorted|sorting|put|putting)"
                  r" (?:out )?my affairs\b|\baffairs in order\b"),
    rule(SUICIDE, rf"\b(?:take|taking|swallow\w*|took) all (?:of )?(?:my |the |them )?(?:{_PILLS} )?"
                  rf"(?:at once|in one go)\b|\b(?:take|taking|swallow\w*|took) (?:all|the lot"
                  rf"|a whole (?:box|packet)|the whole (?:box|packet))(?: of)? (?:my |the )?{_PILLS}\b"),
    rule(SUICIDE, r"\b(?:don't know|not sure|don't think)\b[^.!?\n]{0,15}\b(?:i can|i'll be able"
                  r" to|how i can|how to) (?:keep going|go on|carry on|cope|hold on|keep doing"
                  r" this)\b", negatable=False),
    rule(SUICIDE, r"\b(?:stood|standing|sat|sitting|went) (?:on|at|by|to) (?:the |a )?(?:bridge"
                  r"|edge|ledge|roof|cliff|cliff edge|tracks|railway|platform edge)\b(?! terrace| garden)",
         CHECK_IN, unless=r"\b(?:photo|photos|view|tour|walkabout)\b"),
    rule(SUICIDE, r"\bme (?:being here|existing|being alive|being around)\b(?! (?:more|on time"
                  r"|earlier|less|regularly|every))", CHECK_IN),
    rule(SUICIDE, r"\b(?:my|this is my|this will be my) (?:last|final) (?:message|post|reply)\b",
         CHECK_IN, unless=r"\b(?:before|until|for (?:now|today|a while)|today|this week|see you"
                          r"|next (?:week|month|time|session)|in (?:january|the new year))\b"),
    # --- self-harm
    rule(SELF_HARM, r"\b(?:hurt|hurting|hurts|harm|harming|harmed|cut|cutting|cuts|burn|burning"
                    r"|burnt|burned|punish|punishing|punished|starve|starving|starved|scratch"
                    r"|scratching|scratched|hit|hitting|bit|biting|bite|punch|punching|punched"
                    r"|bruise|bruising|bruised|injure|injuring|injured) myself\b", unless=_ACCIDENT),
    rule(SELF_HARM, r"\bself harm(?:ing|ed|s)?\b", framed=True),
    rule(SELF_HARM, r"\b(?:been|started|start|keep|kept|back to|urge to|urges to|urge|stopped|stop"
                    r"|relapsed|i'm|i am|i was) cutting\b(?! (?:down|back|out|up|costs?|corners"
                    r"|through|it|the|them|a|an|my hair|hair|in|off|edge|across|ties|grass|hedge"
                    r"|veg|vegetables|onions))|\bcutting again\b"),
    rule(SELF_HARM, r"\b(?:burn|burning|burnt|burned|scratch\w*|carv\w*|cut|cutting) (?:into )?my"
                    r" (?:arms?|wrists?|legs?|thighs?|skin|stomach|body|hands?)\b", unless=_ACCIDENT),
    rule(SELF_HARM, r"\buntil (?:they|it|i|my \w+|the \w+) (?:bled|bleeds|bleed|bleeding|broke"
                    r"|bruised)\b"),
    rule(SELF_HARM, r"\b(?:punch|punched|punching|hit|hitting|kick|kicked|kicking) (?:the|a) wall\b",
         CHECK_IN),
    rule(SELF_HARM, rf"\boverdos(?:e|ed|ing)\b(?! of (?!(?:my |his |her )?{_PILLS}|insulin|drugs"
                    r"|heroin|methadone|sleeping))", framed=True),
    rule(SELF_HARM, rf"\btook (?:too many|all my|a load of|loads of|a handful of|a bunch of)"
                    rf" {_PILLS}\b"),
    rule(SELF_HARM, r"\b(?:bang|banging|banged|hit|hitting) my head (?:against|on|off) (?:the|a"
                    r"|walls?|things)\b", CHECK_IN,
         unless=r"\bbrick wall\b|\btrying to\b|\bwith (?:the|this|these|them)\b|\bto get\b"),
    # --- abuse and domestic violence: someone doing harm to the member or to someone close
    rule(ABUSE_OR_DV, rf"\b(?:{_VIOLENCE}) (?:{_VICTIM})\b(?!'s| feelings)", perpetrator=True),
    rule(ABUSE_OR_DV, r"\b(?:i'm|i am|i was|i've been|i have been|i got|i get|i keep getting"
                      r"|being|been|got|was) (?:being )?(?:sexually )?(?:abused|assaulted|raped"
                      r"|molested|attacked|beaten(?: up)?|bullied|threatened|harassed|stalked"
                      r"|groomed|exploited|trafficked|strangled|choked|kicked|punched)\b(?! (?:out|off)\b)",
         framed=True),
    rule(ABUSE, r"\b(?:takes|took|taking|taken|steals|stole|stealing|stolen|keeps|kept|spends"
                r"|spent|has|had|controls|controlling|won't give me|doesn't give me|won't let me"
                r" have) (?:all |all of )?my (?:money|benefits|pension|bank card|card|cards|cash"
                r"|wages|salary|savings|pin|allowance|pip|universal credit)\b", not_self=True),
    rule(ABUSE_OR_DV, r"\bwon't let me (?:see|talk to|speak to|contact|ring|call|phone|visit|go out"
                      r"|leave|have (?:my own )?(?:money|a phone|my phone|a key|friends))\b",
         unless=_SERVICE_PEOPLE, negatable=False),
    rule(ABUSE_OR_DV, rf"\b(?:were|was|is|are|being|been|got|gets) (?:really |very |so )?(?:rough"
                      rf"|violent|aggressive|cruel|nasty) (?:with|to|towards) (?:{_VICTIM})\b"),
    rule(ABUSE_OR_DV, r"\b(?:took|takes|taken|take|smashed|smashes) my phone\b", CHECK_IN,
         not_self=True),
    rule(DOMESTIC_VIOLENCE, r"\b(?:he|she|my (?:" + PERSON_NOUNS + r"))\b[^.,;]{0,12}\b(?:goes|go"
                            r"|gets|get|went|going) (?:mad|crazy|mental|nuts|off on one"
                            r"|ballistic)\b", CHECK_IN),
    rule(ABUSE_OR_DV, rf"\b(?:afraid|scared|frightened|terrified|petrified) of (?:him|her|them"
                      rf"|my (?:{PERSON_NOUNS}))\b"),
    rule(ABUSE_OR_DV, r"\b(?:violent|violence|abusive)\b", framed=True),
    rule(ABUSE, r"\b(?:left|leave|leaves|leaving) (?:her|him|me|them|mum|dad|my \w+) without"
                r" (?:any )?(?:food|water|drink|meds|medication|medicine|care|help|heating"
                r"|washing)\b"),
    rule(ABUSE, r"\bleft (?:on (?:their|his|her|my) own|alone|home alone|by (?:them|him|her)selves?"
                r"|by themselves) for (?:days|hours|nights|the weekend|ages)\b"
                r"|\b(?:left|leaves|leave|lying|sitting|lies|sits) in (?:soiled|wet|dirty) (?:sheets"
                r"|clothes|pads?|bed|bedding|nappies)\b"),
    rule(ABUSE, r"\b(?:being|been|is|was|are|were|getting|gets|feel|felt|feeling) neglected\b"
                r"|\bneglect(?:s|ed|ing)? (?:her|him|them|me|my \w+|the kids|the children|mum|dad)\b",
         framed=True, unless=r"\b(?:self neglect|building|garden|estate|site|website|equipment"
                             r"|car park|area|premises|kit|room|roads?|park)\b"),
    rule(ABUSE, r"\b(?:kids|children|child|baby|they|he|she|son|daughter)\b[^.,;]{0,20}\b(?:always"
                r"|constantly|often) (?:look |looks |seem |seems |are |is )?(?:hungry|starving"
                r"|unwashed|filthy)\b", CHECK_IN),
    rule(ABUSE_OR_DV, r"\bthreaten(?:s|ed|ing)? to (?:take|kill|hurt|leave|throw|report|kick|burn"
                      r"|harm|beat|stab|tell|have me|put me)\b", not_self=True),
    rule(ABUSE_OR_DV, rf"\b(?:locks?|locked|locking) (?:{_VICTIM}) (?:in|out|up)\b", not_self=True),
    rule(UNSAFE, r"\b(?:turning|turns|turned|turn) up (?:at|outside) my (?:house|flat|door|work"
                 r"|home|place|school)\b|\bwon't leave (?:me|us) alone\b", negatable=False),
    # --- harm to others: the member fears they may hurt someone
    rule(HARM_TO_OTHERS, r"\b(?:i|i'm|i'll|i'd|i've)\b(?:[^.!?\n,;]{0,30}?)\b(?:hurt|hurting|harm"
                         r"|harming|kill|killing|stab|stabbing|hit|hitting|attack|attacking"
                         r"|strangle|strangling|smother|smothering|shake|shaking|punch|punching"
                         r"|batter|battering|beat|beating) (?:someone|somebody|anyone|people|him"
                         rf"|her|them|my (?:{PERSON_NOUNS}))\b(?!'s| feelings)"),
    # --- crisis: acute distress, not coping, asking for help
    rule(HARM_TO_OTHERS, r"\b(?:got|have|carrying|carry|bought|brought|took|taken) (?:a |my |the )?"
                         r"(?:knife|blade|gun|weapon|machete)\b",
         unless=r"\b(?:cake|bread|butter|cooking|kitchen drawer|picnic|sandwich)\b"),
    rule(HARM_TO_OTHERS, r"\buse it on (?:him|her|them|someone|somebody|anyone|my \w+)\b"),
    rule(CRISIS, r"\bcrisis\b", framed=True),
    rule(CRISIS, r"\bcan't (?:cope|go on|carry on|keep going|keep doing this|do this any more"
                 r"|do it any more|take it|take this|take any more)\b", about_things=True,
         negatable=False, framed=True),
    rule(CRISIS, r"\b(?:i'm|i am|i've been|been|really|so) (?:really |so |properly |massively"
                 r" |badly )?struggling\b(?! to (?:find|get|hear|see|read|follow|understand|keep up"
                 r"|park|log|access))", CHECK_IN, about_things=True),
    rule(CRISIS, r"\b(?:i'm|i am|i feel(?: like i'm)?|everything(?:'s| is)|my life(?:'s| is)"
                 r"|my head(?:'s| is)|my world(?:'s| is))\b[^.,;]{0,15}falling apart\b"),
    rule(CRISIS, r"\b(?:mental|nervous|emotional) breakdown\b|\b(?:having|had|on the verge of"
                 r"|close to|heading for|verge of) a (?:mental |nervous |complete )?breakdown\b",
         framed=True),
    rule(CRISIS, r"\b(?:i'm|i am|i've been|i was|been|feeling|i feel|i'm still|me|my head(?:'s| is)"
                 r"|my mental health(?:'s| is))\b[^.,;]{0,12}\bin (?:a |such a )?(?:really |very |so"
                 r" |pretty )?(?:bad|dark|low|horrible|terrible|awful|black) (?:place|way)\b"
                 r"(?! (?:to|for))"),
    rule(CRISIS, r"\b(?:at|reached|reaching|past|hit) (?:breaking point|the end of my tether)\b"
                 r"|\bend of my tether\b", about_things=True, framed=True,
         unless=r"\b(?:nhs|service|services|system|trust|wards?|team|department|a&e|gps?|practice"
                r"|staff|hospital|council|budget)\b(?:'s| is| are| was| were)"),
    rule(CRISIS, r"\b(?:having|had|getting|keep having|i get) (?:a |another )?panic attacks?\b"
                 r"|\bcan't breathe\b", CHECK_IN, framed=True,
         unless=r"\b(?:room|stuffy|hot|heat|mask|air|laughing|laughed)\b"),
    rule(CRISIS, r"\blosing my mind\b", CHECK_IN, about_things=True),
    rule(CRISIS, r"(?<!patient )(?<!patients )(?<!carer )(?<!people's )(?<!our )(?<!their )"
                 r"\bvoices\b[^.!?\n]{0,20}\b(?:telling|tell|told|say|saying|said|are back"
                 r"|came back|come back|back again|command|won't stop|getting louder)\b"
                 r"|\bhearing voices\b(?! (?:network|group|groups|movement))"),
    rule(CRISIS, r"\b(?:i'm|i am|i'm really|i'm just|i'm honestly) (?:really |just |honestly"
                 r" |so )?not (?:ok|okay|alright|all right|coping)\b", about_things=True,
         negatable=False),
    rule(CRISIS, r"\b(?:i feel|i'm feeling|feeling|i felt|i'm|i am|everything (?:feels|is|seems)"
                 r"|it all (?:feels|seems)|life (?:feels|is))\s(?:so |completely |totally"
                 r" |utterly |really |just )?hopeless\b(?! (?:about|at|with|when))"),
    rule(CRISIS, r"\bcan't stop (?:crying|shaking|sobbing|panicking|thinking about (?:dying"
                 r"|death|killing|ending))\b", CHECK_IN, negatable=False),
    rule(CRISIS, r"\b(?:everything|it all|it's all|life)(?: is| feels|'s)? (?:just )?too much\b"
                 r"(?=\s*(?:[.,!;]|$|and\b|for me|at the moment|right now|to cope|to handle))",
         CHECK_IN),
    rule(CRISIS, r"\bi (?:really |urgently |desperately )?need (?:some )?help\b(?! (?:with|to"
                 r"|using|on|filling|finding|getting|logging|setting|understanding|reading"
                 r"|booking|accessing))"),
    rule(CRISIS, r"\bdrinking (?:a bottle|a litre|two bottles|all day|every day|from the morning"
                 r"|in the morning|to cope|to get through|myself to sleep|heavily)\b", CHECK_IN),
    rule(CRISIS, r"\b(?:i've|i have|i) relapsed\b|\busing again\b|\bback on (?:the )?(?:drugs"
                 r"|heroin|crack|spice|gear|booze|drink)\b", CHECK_IN),
    # --- unsafe: at risk at home, homeless, followed, or caring for someone at risk
    rule(UNSAFE, r"\b(?:not|never|no longer|don't|do not|didn't|doesn't|isn't|wasn't|haven't"
                 r"|hasn't|won't)(?: (?:really|always|ever|been|be|feel|feeling|felt|being|very"
                 r"|totally|completely|entirely|going to be)){0,2} safe\b(?! to (?:say|speak|share|drive"
                 r"|use|eat|park|leave (?:it|the|them)|touch))",
         negatable=False, framed=True),
    rule(UNSAFE, r"\b(?:feel|feeling|felt|i'm|i am|i've been|been|am) (?:so |really |very"
                 r" |totally )?unsafe\b", framed=True),
    rule(UNSAFE, r"\b(?:nowhere to (?:sleep|stay|live|go)|sleeping (?:rough|in (?:my|the|a) car"
                 r"|on the streets?|in a doorway|on a friend's sofa)|(?:i'm|i am|living|ended up"
                 r"|end up|be|been) on the streets?|been evicted|got evicted|getting evicted"
                 r"|being evicted|kicked (?:me )?out|thrown out|homeless)\b", framed=True,
         unless=r"\b(?:kicked|thrown) out of (?:the )?(?:zoom|teams|call|meeting|session|room"
                r"|building|group|chat|system)\b"),
    rule(UNSAFE, r"\b(?:scared|frightened|afraid|terrified|petrified|dread|dreading)\b[^.,;]{0,10}"
                 r"\b(?:to go|of going|going|to be|of being) (?:back )?(?:home|at home"
                 r"|in my (?:flat|house|home)|back to (?:my|the) (?:flat|house|home))\b"),
    rule(UNSAFE, r"\b(?:following|followed|follows|stalking|stalked|stalks|harassing|harassed"
                 r"|watching) me\b(?! (?:on|through) )", not_self=True),
    rule(UNSAFE, r"\b(?:worried|scared|terrified|frightened|afraid)\b[^.,;]{0,12}\b(?:he|she|they"
                 r"|mum|dad|my \w+)(?:'ll| will| might| is going to| could| may)? (?:get |be"
                 r" |end up )?(?:hurt|harmed|badly hurt|killed|die|dies|fall|falls)\b", CHECK_IN),
    rule(UNSAFE, r"\b(?:gas|electric|electricity|power|heating|water)(?: has| have|'s)?(?: been"
                 r"| got| was)? (?:cut off|disconnected)\b|\bno money for (?:food|the kids|gas"
                 r"|electric|heating|rent)\b|\bcan't afford (?:to eat|food|to feed)\b"
                 r"|\bno food (?:for|in)\b", CHECK_IN),
)  # fmt: skip
