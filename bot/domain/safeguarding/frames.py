"""Sentences told about someone else: fiction and media, and staff describing their work.

A member's reply may hold the words of a crisis without being one: "the overdose scene felt
real", "the school nurse said she's had more self-harm referrals", "a GP on our table asks
about suicidal thoughts routinely". On v5's blind round these were a third of the false
alarms. Such a sentence is set aside before any tier reads the reply, but only when nothing
in it is about the member: "the film about self-harm brought it back, I've been cutting again"
is read in full, and so is "my carer told the nurse he hits me".

A report of one named person's present danger ("one of the young carers told me she does all
the nursing for her mum") is not staff describing their work and is never set aside; only
professional roles telling of their patients, calls or referrals are.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")

# Fiction, broadcast and teaching material: what happens in them happens to characters.
MEDIA = re.compile(
    r"\b(?:film|drama|novel|podcast|documentary|episode|soap|storyline|scene|role play"
    r"|main character|the character|the host|the author|audiobook|box set|radio play)\b"
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
# First person that does not make a sentence about the member: "the podcast I mentioned".
_BENIGN_SELF = re.compile(
    r"\b(?:i mentioned|i said|i think|i thought|i watched|i'm reading|i was reading|i read"
    r"|i listened|i volunteer|i work|made me (?:think|rethink|realise|wonder)"
    r"|reading|my (?:table|group|team|colleague|colleagues))\b"
)
_SELF = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b")
# Present time in the sentence: "the film brought it back, I'm cutting again".
_NOW = re.compile(r"\b(?:again|tonight|right now|at the moment|brought (?:it|back)|triggered)\b")


def told_of_others(sentence: str) -> bool:
    """A sentence of fiction or of staff describing their work, with nothing about the member."""
    media = MEDIA.search(sentence)
    work = PROFESSIONAL.search(sentence) and CASEWORK.search(sentence)
    if not (media or work):
        return False
    if _SELF.search(_BENIGN_SELF.sub(" ", sentence)) or _NOW.search(sentence):
        return False
    return True


def set_aside(text: str) -> str:
    """Normalised text with every sentence told of others blanked, positions kept."""
    return _SENTENCE.sub(
        lambda m: " " * len(m.group(0)) if told_of_others(m.group(0)) else m.group(0), text
    )
