"""Sentences told about someone else: fiction, media and talks, and staff describing their work.

A member's reply may hold the words of a crisis without being one: "the overdose scene felt
real", "the school nurse said she's had more self-harm referrals", "that stat about men and
suicide stayed with me", "OT here. A lady I see was really struggling ... she's like a
different person". On the blind rounds these were a third of the false alarms. Such a sentence
is set aside before any tier reads the reply, but only when nothing in it is about the member:
"the film about self-harm brought it back, I've been cutting again" is read in full, and so is
"my carer told the nurse he hits me".

Staff describing their work are set aside only when the reply says the case is resolved or
routine ("she's safe now", "we wrote a safety plan together", "most days", "a lot of the men I
supervise"). A report of one person's present danger ("Volunteer here. An older member told me
a 'friend' has moved in with her and she's not allowed out without him") is never set aside.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")

# Fiction, broadcast, talks and teaching material: what happens in them happens to characters,
# or is a topic.
MEDIA = re.compile(
    r"\b(?:film|drama|novel|podcast|documentary|episode|soap|storyline|scene|role play"
    r"|main character|the character|the host|the author|audiobook|box set|radio play"
    r"|radio \d|chapter|book club|the book|a book|article|piece (?:on|about)|watched"
    r"|stat|stats|statistic|statistics|debate|module|presentation|the speaker"
    r"|the part on|the bit on|awareness session)\b"
    r"|\b(?:a|the|that|this|his|her|their) (?:[a-z']+ ){0,3}talk\b(?! to| with)"
)
# Staff telling of their work: a role, then a verb of reporting or of the work itself.
PROFESSIONAL = re.compile(
    r"\b(?:gp|doctor|nurse|paramedic|ward sister|sister|midwife|social worker|consultant"
    r"|psychiatrist|therapist|pharmacist|physio|health visitor|matron|officer|clinician"
    r"|volunteer|colleague|member|members)s?\b(?: [a-z']+){0,6}? (?:said|says|told us|tells us"
    r"|described|describes|shared|shares|talked|talks|explained|explains|mentioned|asks|asked"
    r"|supported|supports|referred|sees|saw|has had|she's had|he's had|they've had)\b"
    r"|\b(?:i|we) (?:volunteer|work) (?:on|at|in|for) (?:a|the|our) \w+"
)
# Her patients, calls and referrals: the people a professional describes.
CASEWORK = re.compile(
    r"\b(?:patients?|service users?|clients?|a man|a woman|a lad|a girl|a boy|referrals?|calls?"
    r"|call outs?|caseload|families|routinely|on shift|the ward)\b"
)
# A reply from someone at work about their work: "OT here.", "Speaking as a GP,", "I'm a
# school nurse.", "Community psychiatric nurse:", "on my caseload", "one of my clients".
_ROLE = (
    r"(?:gp|gps|doctor|junior doctor|nurse|mh nurse|mental health nurse|school nurse"
    r"|district nurse|practice nurse|psychiatric nurse|community psychiatric nurse|cpn|paramedic"
    r"|ot|occupational therapist|physio|physiotherapist|midwife|health visitor|social worker"
    r"|probation officer|police officer|housing officer|liaison officer|officer|pharmacist"
    r"|psychiatrist|psychologist|therapist|counsellor|consultant|ward sister|matron|volunteer"
    r"|helpline volunteer|support worker|care worker|youth worker|link worker|teacher"
    r"|chaplain|receptionist|paramedic|clinician|hca|healthcare assistant)"
)
STAFF = re.compile(
    rf"^(?:[a-z]+ ){{0,2}}{_ROLE}(?: here| hat on| perspective| view)?\s*[:.,-]"
    rf"|\b(?:as|speaking as|in my (?:old |last )?(?:job|role) as|i'm|i am|i work as)"
    rf" (?:a|an) (?:[a-z]+ ){{0,2}}{_ROLE}\b"
    r"|\bi work (?:in|on|at) (?:a&e|ed|the ward|a ward|a hospital|the hospital|a surgery"
    r"|a practice|a school|a care home)\b|\bin (?:a&e|ed) (?:last night|today|this week)\b"
    r"|\b(?:my|our) (?:caseload|clients?|patients?|service users|residents|tenants|pupils"
    r"|district round|round)\b|\bon my (?:caseload|round|list)\b|\bone (?:gent|lady|chap)\b"
)
# ... telling of a case that is resolved, or of what they see routinely.
SETTLED = re.compile(
    r"\b(?:he|she|they)(?:'s| is|'re| are)? (?:now )?(?:safe|settled|doing (?:really |very )?well"
    r"|much better|back to (?:herself|himself|themselves)|like a different person"
    r"|eating again|thriving)\b|\b(?:safe|settled|well) now\b|\b(?:now|is now) (?:\w+ )?(?:months?"
    r"|weeks?|years?) without\b|\bturn(?:ed)? (?:around|round)\b|\bwe (?:got|arranged|did|wrote"
    r"|raised|involved|managed|found|referred)\b|\bwithin (?:the|an|a) (?:hour|day|week"
    r"|fortnight)\b|\bwhat helped\b|\bbest outcomes\b|\bturned out\b|\bmost days\b"
    r"|\ba lot of (?:the )?(?:\w+ )?(?:men|women|people|patients|clients|families|cases)\b"
    r"|\bwe see a lot\b|\bi(?:'ve)? (?:see|seen|assess|supervise|supported) (?:people|families"
    r"|patients|cases|kids|children|a lot)\b|\bwhen patients tell me\b"
)
# First person that does not make a sentence about the member: "the podcast I mentioned".
_BENIGN_SELF = re.compile(
    r"\b(?:i mentioned|i said|i think|i thought|i watched|i'm reading|i was reading|i read"
    r"|i listened|i volunteer|i work|made me (?:think|rethink|realise|wonder)"
    r"|reading|my (?:table|group|team|colleague|colleagues)|i reckon|i loved|i'd (?:love|like"
    r"|want|say|suggest|champion|welcome|recommend)|stayed with me|struck me)\b"
)
# ... and, from staff telling of their work, the work itself: "a lady I see", "told me".
_WORKING_SELF = re.compile(
    rf"\b(?:i'm|i am) (?:a|an) (?:[a-z]+ ){{0,2}}{_ROLE}\b|\bi (?:see|saw|assess|supervise"
    r"|support|supported|visit|visited|went to|had|treat|treated|look after)\b|\bi've (?:seen"
    r"|supported|had)\b|\b(?:told|tell|asked|rang|called) me\b|\bmy (?:caseload|clients?"
    r"|patients?|service users|residents|tenants|pupils|district round|round|list|surgery"
    r"|afternoon surgery|practice|ward)\b|\bon my (?:caseload|round|list|ward)\b"
)
_SELF = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b")
# Present time in the sentence: "the film brought it back, I'm cutting again".
_NOW = re.compile(r"\b(?:again|tonight|right now|brought (?:it|back)|triggered)\b")


def told_of_others(sentence: str, at_work: bool = False) -> bool:
    """A sentence of fiction, talks or staff describing their work, with nothing about the member.

    ``at_work``: the reply is from someone at work telling of a resolved or routine case, so
    each of its sentences about someone else is part of that story.
    """
    media = MEDIA.search(sentence)
    work = PROFESSIONAL.search(sentence) and CASEWORK.search(sentence)
    if not (media or work or at_work):
        return False
    rest = _BENIGN_SELF.sub(" ", sentence)
    if at_work or work:
        rest = _WORKING_SELF.sub(" ", rest)
    if _SELF.search(rest) or _NOW.search(sentence):
        return False
    return True


def set_aside(text: str) -> str:
    """Normalised text with every sentence told of others blanked, positions kept."""
    at_work = bool(STAFF.search(text) and SETTLED.search(text))
    return _SENTENCE.sub(
        lambda m: " " * len(m.group(0)) if told_of_others(m.group(0), at_work) else m.group(0),
        text,
    )
