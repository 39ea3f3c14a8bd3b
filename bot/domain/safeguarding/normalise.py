"""Text as the safeguarding rules read it: one spelling for the many ways people type.

People write these replies quickly, on phones, sometimes upset. The rules are written once against
this form, so each rule need not allow for curly apostrophes, missing apostrophes or common typos.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"'})
_DASHES = re.compile(r"\s*[\u2012\u2013\u2014\u2015]\s*")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")  # self-harm -> self harm; a spaced dash stays
_STRETCHED = re.compile(r"([a-z])\1{2,}")  # "sooo" -> "soo", "killl" -> "kill"
_SPACE = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")

# Whole-word respellings. Missing apostrophes matter most: "dont want to be here" must read as
# "don't". Misspellings are the ones seen in real messages of distress, not a spell-checker.
_RESPELL = {
    "dont": "don't", "cant": "can't", "wont": "won't", "didnt": "didn't", "doesnt": "doesn't",
    "isnt": "isn't", "wasnt": "wasn't", "werent": "weren't", "wouldnt": "wouldn't",
    "couldnt": "couldn't", "shouldnt": "shouldn't", "havent": "haven't", "hasnt": "hasn't",
    "im": "i'm", "ive": "i've", "whats": "what's", "thats": "that's", "theres": "there's",
    "hes": "he's", "shes": "she's", "youre": "you're", "cannot": "can't",
    "wanna": "want to", "gonna": "going to", "u": "you", "ur": "your",
    "noone": "no one", "no-one": "no one", "nobody": "no one", "kms": "kill myself",
    "sucidal": "suicidal", "suicidle": "suicidal", "suicidel": "suicidal", "suicdal": "suicidal",
    "suisidal": "suicidal", "sucidial": "suicidal", "suicial": "suicidal", "suicidial": "suicidal",
    "sucide": "suicide", "suicde": "suicide", "suiside": "suicide", "sucicide": "suicide",
    "slef": "self", "selfharm": "self harm", "selfharming": "self harming",
    "selfharmed": "self harmed", "od'd": "overdosed", "oded": "overdosed",
    "wana": "want to", "anymore": "any more", "til": "until", "till": "until", "tabs": "tablets",
}  # fmt: skip
_WORD = re.compile(r"[a-z][a-z'\-]*")
_MY_SELF = re.compile(r"\bmy self\b")


def _respell(match: re.Match[str]) -> str:
    word = match.group(0)
    return _RESPELL.get(word, word)


def normalise(text: str) -> str:
    """Lower-case, one apostrophe, one kind of dash and space, known typos put right."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).translate(_QUOTES)
    text = text.lower()
    text = _RESPELL_MULTI.sub(lambda m: _RESPELL[m.group(0)], text)
    text = _DASHES.sub(" - ", text)
    text = _WORD_HYPHEN.sub(" ", text)
    text = _STRETCHED.sub(r"\1\1", text)
    text = _WORD.sub(_respell, text)
    text = _MY_SELF.sub("myself", text)  # "kill my self" reads as "kill myself"
    text = _SPACE.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip()


# Keys with a hyphen or apostrophe must be put right before hyphens become spaces.
_RESPELL_MULTI = re.compile(
    r"(?<![a-z'])(?:"
    + "|".join(re.escape(k) for k in _RESPELL if "-" in k or "'" in k)
    + r")(?![a-z'])"
)
