"""A small hand-made thesaurus: words that mean much the same here share a concept feature.

Freely worded replies rarely repeat the training set's words: 'boss', 'matron' and 'the board'
all mean senior people; 'knackered', 'stretched' and 'no cover' all mean no capacity. Each word
below adds its concept (``@senior``) to a reply's features, so what the classifier learns from
one word carries to the others. This does, by hand and offline, the little that a sentence
embedding would do here. Groups are semantic fields, not themes: a theme is still learnt from
the training set, which is what decides how much each concept counts for which theme.
"""

from __future__ import annotations

from functools import lru_cache

from bot.domain.themes.stem import stem

GROUPS: dict[str, str] = {
    "senior": """manager managers management boss bosses director directors board leadership
        leader leaders exec executive executives matron head chief senior supervisor
        commissioner commissioners superiors governors top higher sponsor""",
    "approve": """approve approved approval sign signed signoff permission authorise allowed
        backing backed support supported endorse endorsed champion championed prioritise
        priority commit committed commitment serious seriously behind onboard""",
    "money": """pay paid payment payments money cash voucher vouchers expenses expense cost
        costs fund funds funding funded budget budgets grant grants afford pocket fee fees
        reimburse reimbursed reimbursement wage wages salary fare fares invoice claim claims
        honorarium rate financial finance finances pounds price cheap free unpaid""",
    "thanks": """thank thanks thanked acknowledge acknowledged acknowledgement recognise
        recognised recognition appreciate appreciated appreciation credit reward worth""",
    "busy": """busy capacity workload stretched overstretched shift shifts rota rostered cover
        caseload caseloads exhausted knackered tired burnt burnout overloaded overload rushed
        rush squeeze cram hours pressure pressures juggling juggle staffing vacancies sickness
        headspace deadline demands swamped snowed hectic shortage shortages understaffed""",
    "pace": """pace slower breathing spare prepare preparation space unhurried enough""",
    "bureaucracy": """bureaucracy bureaucratic governance tape paperwork process processes
        policy policies procedure procedures committee committees form forms template
        record records contract commissioning targets regulation regulations rules legal
        compliance protocol structure structures organisation organisational national
        system systems approvals""",
    "slow": """slow slowly months years forever ages delay delays delayed waiting stuck
        treacle glacial lengthy sluggish""",
    "joinup": """silos separate fragmented pathway pathways social council integrated
        integration joined""",
    "words": """read reading words jargon acronyms acronym plain english language languages
        translate translation interpreter interpreters print font screen sighted blind visual
        pictures symbols simple complicated understand follow letters wording""",
    "getthere": """wheelchair step steps stairs lift ramp accessible inaccessible building venue
        entrance toilet toilets parking bus buses transport travel journey distance""",
    "hearing": """hear hearing deaf loop signer bsl captions subtitles noisy noise loud quiet""",
    "digital": """online internet wifi laptop data zoom video hybrid computer digital remote
        remotely virtual""",
    "when": """morning evening afternoon 9am 5pm school childcare creche kids children
        timing nursery""",
    "heard": """listen listened listening heard believed believe ignored dismissed brushed
        interested attention""",
    "trust": """trust trusted trusting distrust mistrust faith honest honesty open openness safe
        respect respected respectful kind kindness warm welcoming judged defensive
        patronised patronising wary comfortable rapport relationship relationships caring
        cared""",
    "skills": """skill skills talent talents strengths strength expertise expert experts
        knowledge knowhow background trained qualified career designer teacher accountant
        artist retired""",
    "action": """action actions act doing done happen happening happened test tested testing
        trial trialled trialling pilot piloted try tried trying momentum progress moving
        implement implemented started plan steps ownership drive driving result results""",
    "talk": """talk talking talked chat chats discussion discussions ideas idea report
        reports circles""",
    "mutual": """mutual reciprocal reciprocity give gave take back each exchange partnership
        partners shared share sharing together learnt learn learning benefit benefits gain
        gained both""",
    "roles": """titles title job roles role equal equals equally level hierarchy power
        imbalance uniform uniforms lanyards badge chair chaired facilitate facilitated
        lecture front professional professionals divide sides""",
    "connect": """connect connected connection connections link links linked network networks
        networking contacts friends friendship peer peers whatsapp meet isolation isolated
        alone lonely charity charities voluntary forum groups similar touch""",
    "missing": """missing absent represented representation representative diverse diversity
        voices voice usual same faces regulars invite invited recruit recruiting
        recruitment reach outreach seldom excluded""",
    "demographic": """young younger old older men women dads fathers communities community
        ethnic minority black asian white aged teenagers teens youth""",
    "clinician": """nurse nurses doctor doctors consultant consultants psychiatrist midwife
        midwives clinician clinicians therapist gp gps practitioner practitioners""",
    "family": """family families parent parents mum dad mother father son daughter husband
        wife partner baby""",
}


@lru_cache(maxsize=1)
def concept_of_stem() -> dict[str, tuple[str, ...]]:
    """Each stem and the concepts it belongs to (a word may be in more than one)."""
    found: dict[str, list[str]] = {}
    for concept, listed in GROUPS.items():
        for word in listed.split():
            concepts = found.setdefault(stem(word), [])
            if concept not in concepts:
                concepts.append(concept)
    return {s: tuple("@" + c for c in concepts) for s, concepts in found.items()}
