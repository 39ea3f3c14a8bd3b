"""A small hand-made lexicon of what words do in a reply: praise, trouble, a wish, a worry.

Each word below adds its group (``@good``) to a clause's features, so what the model learns
from 'brilliant' carries to 'fab' and 'spot on', which its examples may never use; a negated
word adds the group turned round (``~@good``: 'not good'). Groups name what a word does, not
what it is about: whether a reply praises, complains, asks, worries or tells what it learnt is
what decides the question it answers, whatever its topic.
"""

from __future__ import annotations

from functools import lru_cache

GROUPS: dict[str, str] = {
    "good": """good great brilliant excellent amazing fab fabulous fantastic lovely nice
        wonderful superb brill ace awesome perfect helpful useful valuable positive
        friendly welcoming welcome welcomed warm kind supportive relaxed
        calm clear smooth smoothly inspiring inspired interesting engaging fun enjoyable
        enjoy enjoyed enjoying love loved loving like liked best better improved improving
        impressed proud pleased happy glad grateful thankful thank thanks appreciate
        appreciated valued respected heard listened included comfortable safe easy easier
        works worked working well success successful progress productive effective
        fascinating informative insightful reassuring reassured encouraging encouraged
        highlight highlights benefit beneficial worthwhile genius spot settled equal
        respectful open honest honesty seriously properly finally difference""",
    "enable": """helped help helps helping enabled allowed possible meant manage managed
        able could booked arranged provided paid covered sorted made""",
    "bad": """bad poor awful terrible rubbish dreadful horrible disappointing disappointed
        frustrating frustrated annoying annoyed boring bored confusing confused confusion
        difficult hard harder hardest struggle struggled struggling problem problems issue
        issues late later delay delayed slow rushed rushing long lengthy cold freezing hot
        noisy loud cramped packed crowded tiny small unclear jargon complicated messy
        chaotic broken failed fail wrong missing missed lost miss excluded ignored
        dismissed unheard overwhelming overwhelmed uncomfortable painful pain tired
        exhausted stressful stressed expensive cost costly unfair unreadable inaccessible
        clashed clash cancelled cancel dominate dominated dominating
        nightmare impossible barrier barriers obstacle waste wasted tokenistic
        patronising pointless useless limited lack lacking shortage stretched fault faults
        complain complaint complaints broken wrong joke brutal crippling boiling dreading
        embarrassed outnumbered forgotten tiring drags drag hate hated shattered sorting
        void awkward unsettled scary tokenism intimidated intimidating daunting isolated
        lonely cliquey exhausting draining cringe chaos shambles daft acronym acronyms
        upset upsetting tangent tangents pushed forced pressured pressurised judged
        judgemental judgmental belittled""",
    "block": """couldnt cant wouldnt unable stopped prevented stuck blocked clashed
        clashes interrupted kept pulled called cut cutting dropped crashed froze""",
    "wish": """should shouldnt could would need needs needed must ought wish wished hope
        hoping prefer rather suggest suggestion suggestions idea ideas maybe perhaps
        please pls plz more less fewer shorter longer bigger smaller earlier sooner
        extra another instead improve improvement improvements change changes changed
        next future again consider try trying want wanted would've
        tighter clearer quicker simpler louder firmer stricter wider closer cheaper""",
    "act": """send provide start stop invite check give get make use let record split
        have keep book arrange offer add bring move hold change ask include share involve
        allow avoid cut reduce increase explain tell plan put set run find fix sort
        introduce create rotate swap pick choose translate pay print email ring call phone
        train hire fund publish display post remind schedule shorten simplify mix reimburse
        text push open close limit cap slow speed""",
    "worry": """worry worried worries worrying concern concerned concerns concerning anxious
        anxiety nervous afraid scared fear fears frightened uneasy unsure doubt doubts
        doubtful risk risks danger threat unsettled apprehensive wary sceptical skeptical
        dread dreading panic panicking uncertain uncertainty precarious fragile""",
    "future": """will wont going happen happens after end ends ending stop stops run
        future longer last lasting sustain sustainable beyond march april next year
        funding runs""",
    "learn": """learn learned learnt learning discover discovered found realise realised
        realize realized understand understood know knew idea aware surprised surprising
        interesting noticed notice new heard hearing explained turns apparently""",
    "leaders": """board boards leaders leader leadership director directors exec execs
        executive executives commissioner commissioners managers senior chief trustees
        governors top decision decisions makers funders management ceo icb trust""",
    "tell": """tell told know hear heard listen understand realise message say aware
        recognise remember invest fund commit""",
}


# The request verbs as written: a clause opening with one asks for something ('Send ...').
# 'Keep the check-ins' says what works, so 'keep' is no request here.
ACT_WORDS = frozenset(GROUPS["act"].split()) - {"keep"}


@lru_cache(maxsize=1)
def groups_of_stem() -> dict[str, tuple[str, ...]]:
    """Each stem's groups; apostrophes are gone by the time words reach here ('couldnt')."""
    from bot.domain.filing.text import stem  # the filer's stems, which join a few more words

    table: dict[str, list[str]] = {}
    for group, words in GROUPS.items():
        for word in words.split():
            table.setdefault(stem(word), []).append("@" + group)
    return {s: tuple(dict.fromkeys(g)) for s, g in table.items()}
