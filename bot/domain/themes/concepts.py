"""A hand-made thesaurus: words and phrases that mean much the same here share a concept feature.

Freely worded replies rarely repeat the training set's words: 'boss', 'matron' and 'the exec
team' all mean senior people; 'knackered', 'no cover' and 'had to leave early for the school
run' all mean no capacity. Each word below (and each phrase, matched on its words in order)
adds its concept (``@senior``) to a reply's features, so what the classifier learns from one
word carries to the others. This does, by hand and offline, the little that a sentence
embedding would do here. Groups are semantic fields, not themes: a theme is still learnt from
the training set, which is what decides how much each concept counts for which theme, so a
programme's own codebook gains from them too.

Written for issue 10 from the situations people describe, not from any evaluation set: a reply
written by someone who never saw the codebook's words found its theme 0.53 of the time with the
first, small thesaurus (``tools/themes/data/README.md`` has the figures since).
"""

from __future__ import annotations

from functools import lru_cache

from bot.domain.themes.stem import stem

# Single words, separated by white space.
GROUPS: dict[str, str] = {
    "senior": """manager managers management boss bosses director directors board leadership leader
        leaders exec execs executive executives matron head heads chief chiefs senior supervisor
        commissioner commissioners superiors governors top higher sponsor ceo directorate deputy
        trustees partners sister consultants unit objectives""",
    "approve": """approve approved approval sign signed signoff permission authorise allowed backing
        backed support supported endorse endorsed champion championed prioritise priority commit
        committed commitment serious seriously behind onboard release released blessing
        sponsored invested keen resourced justify enthusiasts""",
    "dismiss": """tokenistic token tokenism lip optional waste pointless gesture humour humouring""",
    "money": """pay paid payment payments money cash voucher vouchers expenses expense cost costs fund
        funds funding funded budget budgets grant grants afford pocket fee fees reimburse
        reimbursed reimbursement wage wages salary fare fares invoice claim claims honorarium
        rate financial finance finances pounds price cheap free unpaid benefits taxi taxis
        parking pot payroll bank invest investment resources receipts refunded refund penny
        chipped""",
    "thanks": """thank thanks thanked acknowledge acknowledged acknowledgement recognise recognised
        recognition appreciate appreciated appreciation credit credited reward worth certificate
        certificates gift award awards celebrate celebrated grateful valued undervalued""",
    "busy": """busy capacity workload stretched overstretched shift shifts rota rostered cover caseload
        caseloads exhausted knackered tired burnt burnout overloaded overload rushed rush
        squeeze cram hours pressure pressures juggling juggle staffing vacancies sickness
        headspace deadline demands swamped snowed hectic shortage shortages understaffed
        shattered drained bleep overtime diary diaries slack frantic crammed squashed spare
        spared sitter babysitter newborn toddler cramming homework sick covering dropping piling
        doable alongside thin""",
    "pace": """pace slower breathing prepare preparation space unhurried enough longer shorter length
        minutes hour deep depth""",
    "bureaucracy": """bureaucracy bureaucratic governance tape paperwork process processes policy policies
        procedure procedures committee committees form forms template record records contract
        commissioning targets regulation regulations rules legal compliance protocol structure
        structures organisation organisational national system systems approvals ticket criteria
        spec specification inspection inspections inspectors cqc regulator regulators whitehall
        government ministers nhs procurement lawyers liability gdpr institution institutions
        hoops culture software database computer computers referral referrals wall restructure
        restructures restructuring reorganisation thresholds regional regionally steer blockage
        escalate escalated icb lmns camhs review structured outdated authority""",
    "slow": """slow slowly months years forever ages delay delays delayed waiting stuck treacle glacial
        lengthy sluggish snail tanker backlog bottleneck crawl""",
    "joinup": """silos silo separate fragmented pathway pathways social council integrated integration
        joined gap gaps cracks authority""",
    "words": """read reading words jargon acronyms acronym plain english language languages translate
        translated translation translator interpreter interpreters print font screen sighted
        blind visual pictures symbols simple complicated understand follow letters wording
        abbreviations technical dyslexia dyslexic literacy handouts documents urdu polish arabic
        bengali punjabi somali makaton braille captions subtitles version font visuals simpler""",
    "getthere": """wheelchair step steps stairs upstairs lift lifts ramp accessible inaccessible building
        venue entrance toilet toilets parking bus buses transport travel journey distance
        scooter mobility frame route rural location door pram buggy""",
    "needs": """autism autistic adhd neurodivergent neurodiverse sensory overwhelming overwhelmed noise
        noisy echo echoey lighting aids disability disabilities disabled pain fatigue
        adjustments breaks anxiety anxious impaired dementia breastfeeding feeding visuals
        simpler""",
    "hearing": """hear hearing deaf loop signer bsl captions subtitles noisy noise loud quiet echo echoey""",
    "digital": """online internet wifi laptop laptops tablet data zoom video hybrid computer digital
        remote remotely virtual dial""",
    "when": """morning mornings evening evenings afternoon 9am 5pm 6pm school childcare creche kids
        children timing nursery weekday weekend weekends saturday lunchtime ramadan prayer
        pickup daytime slot slots""",
    "heard": """listen listened listening heard believed believe ignored dismissed brushed interested
        attention patronised patronising humouring remembered""",
    "trust": """trust trusted trusting distrust mistrust faith honest honesty open openness safe safer
        respect respected respectful kind kindness warm warmth welcoming welcomed judged
        judgement defensive patronised patronising wary comfortable rapport relationship
        relationships caring cared nervous relax relaxed guarded edge promises promise goodwill
        transparent transparency belong belonged laugh friendly scared afraid repercussions ease
        vulnerable confidentiality confidential regret row repair blame blamed watching earn
        sceptical scepticism cynical sorry apologised apologise apology truth""",
    "skills": """skill skills talent talents talented strengths strength expertise expert experts
        knowledge knowhow background trained qualified career designer teacher accountant artist
        retired artwork drawing writer spreadsheet counsellor hairdresser translator
        photographer photography capable capability offer contribution resourceful coping tips
        tricks wisdom insight insights untapped gifted creative bookkeeper chef coding coder
        drama hobbies hobby doula element decades underuse underused audit""",
    "action": """action actions act doing done happen happening happened test tested testing trial
        trialled trialling pilot piloted try tried trying momentum progress moving implement
        implemented started plan steps ownership drive driving result results launched launch
        rolled energy enthusiasm spark push pushed stall stalled stalls fizzled parked decide
        decided decision agreed deadline dates scale real lands chase chased timeline fired
        implemented drafted""",
    "talk": """talk talking talked chat chats discussion discussions ideas idea report reports circles""",
    "mutual": """mutual reciprocal reciprocity give gave take each exchange partnership partners shared
        share sharing together learnt learn learning benefit benefits gain gained both swap
        swapped return sided balance balanced teach taught mentor mentored pitched lopsided
        extract favour gains""",
    "roles": """titles title job roles role equal equals equally level hierarchy power imbalance uniform
        uniforms lanyards lanyard badge chair chaired chairing facilitate facilitated lecture
        front professional professionals divide sides suits rank audience presenting hats
        dominated dominate scrubs colleague colleagues participant pen steering panel""",
    "connect": """connect connected connection connections link links linked network networks networking
        contacts friends friendship peer peers whatsapp meet isolation isolated alone lonely
        charity charities voluntary forum groups similar touch contact numbers facebook lifeline
        boat bridge buddy buddies introduced signpost signposting hub across wheel directory
        borough county befriending organiser club clubs linking leisure""",
    "missing": """missing absent represented representation representative diverse diversity voices voice
        usual same faces regulars invite invited recruit recruiting recruitment reach outreach
        seldom excluded suspects crowd confident articulate loudest quiet mix mixed range
        backgrounds background reflect reflects recruited proxies proxy behalf""",
    "demographic": """young younger old older men women dads fathers communities community ethnic minority
        black asian white aged teenagers teens youth lads blokes grandad grandparents elderly
        refugee refugees asylum migrants traveller travellers gypsy roma lgbt lgbtq gay trans
        homeless rough siblings brothers sisters students middle""",
    "frontline": """porters porter receptionists receptionist cleaners frontline housing assistants""",
    "clinician": """nurse nurses doctor doctors consultant consultants psychiatrist midwife midwives
        clinician clinicians therapist gp gps practitioner practitioners""",
    "family": """family families parent parents mum dad mother father son daughter husband wife partner
        baby""",
    "logistics": """sandwiches biscuits cake cakes snacks food refreshments heating freezing cold hot
        projector slides pens sticky notes flipchart icebreaker music weather sunny rain toilets
        wifi password machine kit urn grim snow mentimeter polls poll whiteboard padlet
        microphone windows bright basement garden fruit furniture plastic traffic hall smell""",
}

# Phrases, separated by ';', matched on their words in order (stop words included, so 'no
# cover' and 'on board' count as written). Negations are spelt as the text module spells them:
# "can't" as 'can not', "didn't" as 'did not'.
PHRASES: dict[str, str] = {
    "senior": """people at the top; top brass; higher ups; powers that be; senior team; line manager;
        team leader; ward manager; service lead; clinical lead; head of service; head of; the
        board; unit lead; team manager; service manager; service director; clinical director;
        above my manager; above ward level; from the top; runs the whole; middle managers;
        nobody above; anyone above; in charge; people in charge""",
    "approve": """on board; on side; buy in; bought in; go ahead; green light; said yes; free up; free
        staff; let me come; let us; allowed to; taken seriously; take it seriously; behind us;
        got behind; stand up for; backs us; off the rota; core business; counts towards; sends a
        message; mean it; told off; rate it; permission to; on the side; sign off on""",
    "dismiss": """tick box; box ticking; lip service; nice to have; optional extra; waste of time; not a
        priority; not important; go through the motions; rolls their eyes; roll their eyes; do
        not get it; does not get it""",
    "busy": """no cover; no one to cover; nobody to cover; short staffed; two down; thin on the ground;
        running on empty; run off our feet; rushed off; no slack; double booked; on call; night
        shift; day job; on top of; lunch break; annual leave; school run; left early; leave
        early; had to leave; clock watching; watching the clock; enough hours; hours in the day;
        part time; full time; spread thin; stretched thin; burnt out; burned out; worn out; flat
        out; too much; no time; not enough time; ran over; time off; take calls; somewhere else
        to be; can not be spared; could not be spared; be spared; pick up my patients; called
        back; pulled back; too thin; someone to sit with; half there; shorter session; shorter
        meetings; one page; ran out of time; cutting in half; first thing to go; through the
        roof; no slot; home visits; between days; dip in; commit to every; alongside work;
        piling up; off sick; winter pressures; dropping out; my weeks; day off; days off;
        protected time; in my own time; own time""",
    "pace": """more time; extra time; time to think; breathing space; room to think; no rush; not
        rushed; long enough; go deep; scratched the surface; the surface; let it run; did not
        rush; not rush; full hour; did not drag; catch up; five activities""",
    "bureaucracy": """red tape; jump through hoops; business case; risk assessment; sign offs; it system;
        computer system; computer says no; national template; data protection; information
        governance; top down; the system; always done it this way; the way things are done; risk
        averse; fill in a form; rules from above; from above; hits the same wall; go to
        governance; contract cycle; under review; national procurement; authority to; working
        round; set regionally; national steer; nhs england; merry go round; trust level; sits
        above; above our unit; bigger changes; three different organisations""",
    "slow": """snail pace; takes forever; take forever; drag on; dragging on; held up; still waiting;
        months on; years on; so long; year or two; take so long; takes so long; for two years""",
    "joinup": """do not talk to each other; fall through the gap; fall through the cracks; join up;
        joined up; health and social care; local authority; social services; separate budgets;
        different organisations; link up""",
    "money": """out of pocket; own pocket; bus fare; pay to park; universal credit; tight budget; purse
        strings; pot of money; money back; claim form; paid back; for free; gift card; lost
        wages; bank details; minimum wage; worth less; not paid; paid at all; payment policy;
        lose its grant; chipped in; get a sandwich""",
    "thanks": """thank you; shout out; value our time; our time counts; time counts; proper credit""",
    "words": """plain english; plain language; everyday language; easy read; simple words; long words;
        big words; reading age; can not read; big print; large print; tiny writing; first
        language; other languages; screen reader; read things out; reading well; tiny font;
        plain words; checking understanding; post it notes; speaking up""",
    "getthere": """step free; walking frame; bus route; two buses; car park; blue badge; get to; getting
        there; easy to get to""",
    "needs": """quiet room; quiet space; hearing aid; hearing aids; partially sighted; visually
        impaired; learning disability; learning disabilities; chronic pain; reasonable
        adjustments; access needs; what they needed; proper break; switched on; baby changing;
        chair with arms; smaller rooms; extra time to answer; too much for""",
    "digital": """dial in; by phone; video call; online only; in person; from home; join from home; in
        person and video; video options; teams link""",
    "when": """after school; school pickup; school hours; working hours; 9 to 5; small kids""",
    "heard": """listened to; brushed off; talked down; talked down to; talked over; fobbed off; on my
        side; hear us; really hearing; my name""",
    "trust": """no judgement; non judgemental; safe space; at ease; on edge; holding back; open up;
        opened up; straight with; let down; get back to us; broke the ice; know each other;
        getting to know; have a laugh; coming back on; affect my care; in my notes; watching us;
        slip up; each other families; believe them; told me off; shot down; earn that back;
        remembers my name; get back to us; friendly faces; heard it all before; do not believe;
        looked at their phone; ground rules; outside the group; safe saying; feel safe; said
        sorry; stay in the room; telling the truth; want to hear; cut me off; felt safe""",
    "skills": """good at; years of; inside out; know the system; can do; able to; what i can offer; what
        they can do; bring to; knew far more; first hand; capable of; something to give;
        something to offer; cost the options; in my element; graphic designer; role play; get
        round the system; skills audit; managing my own; go between; used to be; used to teach;
        used to work; local knowledge; warning signs; real knowledge; three languages; four
        languages; jobs hobbies""",
    "action": """get it done; just do it; run with it; take forward; taken forward; take this forward;
        follow through; follow up; who does what; by when; next steps; quick win; quick wins;
        test it; try it; try something; up and running; in place; in use; making it happen; made
        it happen; off the ground; get going; kick start; talking shop; round in circles; round
        and round; nothing happens; nothing changes; all talk; not much doing; scale it up; now
        it is real; named actions; a date; taking it forward; chase it; already done; keep it
        going; starts next week; sit in a report; pick one; fired up; you said we did; what has
        moved; push the ideas; lose interest; got done; own them; being used; something rough;
        let just do it; clearer plan; came straight out of; came out of; look into it; see
        something happen; got things moving; will land; give it a go; then forgotten; will drift""",
    "mutual": """two way; two way street; both ways; both sides; each other; in return; give back; giving
        back; get out of it; got something; something back; one sided; one way; take take; give
        and take; learn from each other; learnt from us; teach each other; fair swap; win win;
        pitched in; something in it for; as much from; learned as much; walk off with; what do
        we get; fair swap; out of this for; two way street; more balance; genuine exchange;
        leave with something; both brought; went home with; come back; helped back; prop up; do
        much for; taught us; we taught; feel used; what they gain; learn from the other; puts
        in; gets out; the service a favour; one way traffic; went away with; give and give;
        takes and takes""",
    "roles": """equal say; on a level; level playing field; first name; first names; job titles; pull
        rank; pulled rank; top table; front of the room; in the circle; sit together; them and
        us; us and them; co chair; co chaired; co chairing; co facilitate; co facilitated; co
        lead; took turns; set the agenda; both hats; step back; let families lead; let patients
        lead; we just advise; who was staff; expert seat; at the front; took notes; took the
        notes; nobody blinked; as if we were not; divide people; name badges; hold the pen;
        presented together; on the agenda; stopped being; just became; own table; therapy
        herself; just another person; equal partners; steering group; interview panel; like
        everyone else; speak as carers; spoke as themselves; co trainers; who does what is;
        pecking order; job title""",
    "connect": """in touch; put in touch; link up; linked up; swapped numbers; swap numbers; group chat;
        email list; meet up; meeting up; made friends; same boat; not alone; less alone; others
        like me; peer support; other teams; other areas; other wards; other hospitals; other
        trusts; other projects; reinventing the wheel; community groups; local groups; walking
        group; coffee morning; drop in; joint session; own bubbles; direct line; linking in;
        recovery college; local mind; age uk; joint referral; across the county; keep in touch;
        stay in touch; world of support; never talk; together for the first time; next borough;
        next town; health visitors; met properly; facebook group; learn from them; lunch club;
        other programmes; in the region""",
    "missing": """usual suspects; usual faces; usual crowd; same faces; same people; same lot; same few;
        closed shop; always the same; who is missing; whose voice; not represented; under
        represented; seldom heard; hard to reach; no one from; not one; nobody from; wider
        range; range of people; word out; signed up; sign up; new faces; new people; quiet ones;
        volunteer for everything; the rest of us; speaking for them; speak for themselves; on
        their behalf; who is not here; no one under; nobody under; the ones the service is for;
        never done; never seen; go looking for; the only black; the only man; the only person;
        too many professionals; not enough of us; never hear from; we never hear; fuller picture""",
    "demographic": """under 25; under 25s; under 30; year old; young carers; middle aged; sleeping rough;
        rough sleepers; working parents""",
    "frontline": """front line; support workers; peer workers; housing officers; admin staff; healthcare
        assistants""",
    "logistics": """sticky notes; fire alarm; coffee machine; name badges; the food; car park; parking was;
        the coffee; coffee was; the lunch; lunch was; hot food; the chairs; chairs were; the
        heating; back up plan; bad weather; bus station; the venue; venue was; the hall; friday
        afternoons; monday mornings; summer holidays; term time; wi fi; fire alarm test""",
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


def listed_phrases() -> list[tuple[str, str]]:
    """Every (concept, phrase) in ``PHRASES``, in order."""
    return [
        (concept, " ".join(phrase.split()))
        for concept, listed in PHRASES.items()
        for phrase in listed.split(";")
        if phrase.strip()
    ]
