"""The safeguarding detector: measured floors, hard cases by name, and the messages it drives.

The floors are set just under what the shipped detector measured. Every labelled round has now
been measured blind once and is a tuning part, so no floor here is a blind figure: the
cross-validated ones are the estimate (each round measured by a detector that learnt nothing
from it), and they still flatter the rules and frames written with every round in view (see
tools/safeguarding/data/README.md). The next blind round is measured once, from outside the
repository, with ``python -m tools.safeguarding.measure --file PATH``. A miss is worse than a
false alarm, so a change that lowers recall must not pass by trading it for fewer false alarms.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.domain.safeguarding import (
    CATEGORIES,
    CHECK_IN,
    DEFAULT_SIGNPOSTING,
    NONE,
    REVEAL_ANONYMOUS_TO_SAFEGUARDING,
    URGENT,
    Assessment,
    alert_text,
    assess,
    member_reply,
    sentinel,
)
from bot.domain.safeguarding.normalise import normalise
from tools.safeguarding.labelled import (
    DATA,
    OWN,
    ROUNDS,
    TUNING_PARTS,
    Figures,
    load,
    measure,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "bot" / "domain" / "safeguarding"

# v8, measured on the tuning parts (the shipped model has learnt them): 0 of 883 crises missed,
# 0 of 1198 ordinary replies flagged. Leave-one-round-out cross-validation over the eight rounds
# (tools/safeguarding/crossval.py): 24 of 840 crises missed (recall 0.971), 66 of 891 ordinary
# replies flagged (0.074), severity as labelled for 639 of 816 flagged crises. v6's blind
# figures, for comparison: 9 of 240 missed, 66 of 240 flagged.
TUNING_MIN_RECALL = 0.998
TUNING_MAX_FALSE_ALARMS = 0.005
CROSS_VALIDATED_MAX_MISSES = 24  # of 840 crises in the rounds
CROSS_VALIDATED_MAX_FALSE_ALARMS = 66  # of 891 ordinary replies in the rounds
CROSS_VALIDATED_MIN_SEVERITY_AGREEMENT = 0.78  # of the flagged crises

# The labelled files as measured. Every round was measured blind once with these bytes.
DATA_SHA256 = {
    "dev.jsonl": "631d40f2b65a3cd08436c493e08d2a5c74c7404201f17e977877e5ad75c07d29",
    "held_out.jsonl": "a83d7f7e77aa29ee59b69d1724ca97158e7d8214dff0289b9ffba0d1433afbcd",
    "held_out_round1.jsonl": "c680497fb9b32b88e4e67a7e857c1a6440c4b66bcf921ece6811ecca409182c2",
    "held_out_round2.jsonl": "6fe48a168681acbde395602a5119ab5bbec152ffa1c302f8d1265272c3f64ff6",
    "held_out_round3.jsonl": "a69dce2d3b9daa94357e4bc99a84d7b3574c320b29a3a00286128ffd75cc3eb0",
    "held_out_round4.jsonl": "b5c1d627597b28c7b482ef720f48a00253347f1de64fa1e682df8b95af7fc8e5",
    "held_out_round5.jsonl": "05b28a7d3165e8a286d32eca37ff0563d74038affe244e023b0b74bb1a58c3d5",
    "held_out_round7.jsonl": "c72f703331894286b2caebf4ecab377b6de382d46cd5f4f258865827d62f68f2",
    "held_out_round8.jsonl": "a6e5d65af4411ffd33472d22cc10c22382e61c3a7db338cce0f4fe9cab1df9de",  # v8's blind round
    "held_out_round9.jsonl": "718b483b5665ea4fe163e8ff4452106897bb3899867bd8846cbc404e03cef253",  # never run yet
    "tuning_v8.jsonl": "61ccc438f3d73ae769ffc6dc7a87300cf9ba5693037e8c9ac9260a81adbb8537",
}


def _tuning_figures() -> Figures:
    total = Figures("tuning")
    for part in TUNING_PARTS:
        figures = measure(part)
        total.crises += figures.crises
        total.non_crises += figures.non_crises
        total.misses += figures.misses
        total.false_alarms += figures.false_alarms
    return total


# --- the measured floors -------------------------------------------------------------------


def test_tuning_parts_keep_their_crises():
    figures = _tuning_figures()
    assert figures.recall >= TUNING_MIN_RECALL, figures.summary() + "\n" + figures.failures()


def test_tuning_parts_keep_their_false_alarms_rare():
    figures = _tuning_figures()
    assert figures.false_alarm_rate <= TUNING_MAX_FALSE_ALARMS, (
        figures.summary() + "\n" + figures.failures()
    )


def test_cross_validation_keeps_misses_false_alarms_and_severity_as_measured():
    """Each round measured by a detector that learnt nothing from it (crossval.py)."""
    from tools.safeguarding.crossval import cross_validate, total

    figures = total(cross_validate())
    assert figures.crises == 840 and figures.non_crises == 891
    assert len(figures.misses) <= CROSS_VALIDATED_MAX_MISSES, figures.failures()
    assert len(figures.false_alarms) <= CROSS_VALIDATED_MAX_FALSE_ALARMS, figures.failures()
    flagged = figures.crises - len(figures.misses)
    agreed = flagged - len(figures.severity_differs)
    assert agreed / flagged >= CROSS_VALIDATED_MIN_SEVERITY_AGREEMENT, figures.summary()


def test_a_blind_round_kept_elsewhere_is_measured_from_its_file(tmp_path):
    """The lead's one run on the next blind round: the same JSON lines, any path."""
    blind = tmp_path / "round9.jsonl"
    rows = [
        {"text": "I want to kill myself", "label": "crisis", "category": "suicide",
         "note": "", "severity": "urgent"},
        {"text": "The new waiting room is lovely", "label": "none", "category": "ordinary",
         "note": "", "author": "extra fields are ignored"},
    ]  # fmt: skip
    blind.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "tools.safeguarding.measure", "--file", str(blind)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "round9.jsonl: 1 crises, 0 missed (recall 1.000)" in run.stdout
    assert "1 non-crises, 0 false alarms (rate 0.000)" in run.stdout


# --- the labelled set itself ---------------------------------------------------------------


def test_labelled_files_are_the_ones_measured():
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in DATA.glob("*.jsonl")}
    assert found == DATA_SHA256


def test_labelled_set_is_large_well_formed_and_has_hard_negatives():
    examples = [e for part in TUNING_PARTS for e in load(part)]
    assert len(examples) >= 2000
    assert {e.label for e in examples} == {"crisis", "none"}
    assert all(e.text.strip() and e.category for e in examples)
    assert all(e.severity in (URGENT, CHECK_IN) for e in examples if e.label == "crisis")
    hard = {e.category for e in examples if e.label == "none"}
    assert {"hyperbole", "service_talk", "topic_talk", "denial", "fiction_media"} <= hard
    for part in TUNING_PARTS:
        for line in (DATA / f"{part}.jsonl").read_text(encoding="utf-8").splitlines():
            assert set(json.loads(line)) <= {"text", "label", "category", "note", "severity"}


def test_the_authors_own_replies_repeat_no_round():
    rounds = {normalise(e.text) for part in ROUNDS for e in load(part)}
    assert [e.text for e in load(OWN) if normalise(e.text) in rounds] == []


def test_every_wide_net_phrase_is_grounded_in_the_tuning_parts():
    """A cue must match a tuning crisis, and a figure or service phrase some tuning reply.

    Cross-validation applies the same rule without the round it measures, so a phrase that
    only one round holds does not count when that round is measured.
    """
    examples = [e for part in TUNING_PARTS for e in load(part)]
    texts = [normalise(e.text) for e in examples]
    blanked = [sentinel.FIGURES.sub(" ", t) for t in texts]
    crises = [
        sentinel.SERVICES.sub(" ", t)
        for t, e in zip(blanked, examples, strict=True)
        if e.label == "crisis"
    ]

    def ungrounded(alternatives, corpus):
        return [a for a in alternatives if not any(sentinel.words(a).search(t) for t in corpus)]

    assert ungrounded(sentinel.FIGURE_PHRASES, texts) == []
    assert ungrounded(sentinel.SERVICE_PHRASES, blanked) == []
    assert ungrounded(sentinel.GENERAL_WORDS, blanked) == []
    assert ungrounded(sentinel.REASSURANCE_PHRASES, blanked) == []
    for cue in sentinel.CUES:
        assert ungrounded(cue.alternatives, crises) == [], cue.category


# --- hard cases, by name -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "this programme is killing me with paperwork",
        "I could murder a coffee",
        "dying to see the new waiting room",
        "the deadline is killing us",
        "shoot me an email",
        "overdose of meetings this week",
        "I'm banging my head against a brick wall with the referral forms",
        "I can't cope with the font size on the slides, please make it bigger",
        "My manager will kill me if I miss another session",
        "I don't see the point in the new form",
    ],
)
def test_work_hyperbole_is_not_a_crisis(text):
    assert assess(text) == Assessment(False, (), NONE, ())


@pytest.mark.parametrize(
    "text",
    [
        "the crisis team was brilliant",
        "we discussed how the service supports people who self-harm",
        "The safeguarding lead explained the referral process clearly",
        "A&E was mentioned a lot in the journey mapping",
        "The crisis line kept me waiting 40 minutes, that needs to change",
        "We reviewed the suicide prevention strategy and suggested plainer wording",
        "Patients told us they feel unsafe in the waiting room at night",
    ],
)
def test_service_and_topic_talk_is_not_a_disclosure(text):
    assert not assess(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "I don't see the point in going on",
        "no one would miss me",
        "I've stockpiled my tablets",
        "I keep thinking everyone would be better off without me",
        "Tbh I don't want to be here anymore",
        "I wish I could go to sleep and never wake up",
    ],
)
def test_indirect_suicidal_ideation_is_flagged(text):
    result = assess(text)
    assert result.flagged and "suicide" in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("he hits me when I get home late", "domestic_violence"),
        ("I've been cutting again", "self_harm"),
        ("I'm not safe at home", "unsafe"),
        ("I want to kill myself", "suicide"),
        ("My carer takes my money and shouts at me if I ask for it back", "abuse"),
        ("I feel like I could hurt someone", "harm_to_others"),
        ("I'm in crisis and I don't know who to call", "crisis"),
    ],
)
def test_direct_disclosures_are_urgent_and_named(text, category):
    result = assess(text)
    assert result.severity == URGENT
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "I used to feel suicidal but the group helped",
        "I used to cut myself as a teenager, I'm in a much better place now",
        "A year ago I tried to kill myself, and this group is part of why I'm still here",
    ],
)
def test_recovery_story_is_flagged_as_a_check_in(text):
    assert assess(text).severity == CHECK_IN


def test_a_recovery_word_elsewhere_does_not_soften_a_present_risk():
    assert assess("The session helped, but I want to die").severity == URGENT


def test_risk_that_is_back_is_urgent_even_in_a_recovery_story():
    assert assess("I've attempted suicide before and I feel close to it again").severity == URGENT


@pytest.mark.parametrize(
    "text",
    [
        "The school nurse said she's had more self-harm referrals this term than ever",
        "Our paramedic member talked through a call-out to a man in crisis and the wait for a bed",
        "In the podcast I mentioned, the host talks about her years of self-harm and recovery",
        "The overdose scene in that drama felt really realistic, a good discussion starter",
    ],
)
def test_fiction_and_staff_describing_their_work_are_not_disclosures(text):
    assert not assess(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "The film about self-harm brought it all back, I've been cutting again",
        "The nurse said my dad is at risk, he hit me again last night",
        "One of the young carers told me at the break she does all the nursing for her mum"
        " and gets hardly any sleep",
    ],
)
def test_a_frame_of_fiction_or_work_does_not_hide_the_members_own_risk(text):
    assert assess(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "not depressed, not in crisis, just genuinely think the timings need changing",
        "Before anyone worries, I'm not about to top myself, I'm just fed up with the car park",
        "The wifi was suicidal today, kept dropping every ten minutes",
    ],
)
def test_denials_that_say_what_they_mean_and_things_that_die_are_not_crises(text):
    assert not assess(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "Practice nurse here. A man I see was very low after losing his job; we got him into a"
        " walking group and he's doing really well now.",
        "As a social worker I've supported a lot of families where a parent was violent, and"
        " early help made the difference.",
    ],
)
def test_staff_telling_of_a_resolved_or_routine_case_is_not_a_disclosure(text):
    assert not assess(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "The book club chose a novel about self-harm, heavy going but it started good"
        " conversations.",
        "The documentary on suicide in farming communities was hard to watch but important.",
        "The talk about a caller on a bridge was very moving.",
        "Nobody's hurting me, I was late because the train was cancelled.",
        "The kettle died halfway through the morning, a tragedy.",
    ],
)
def test_a_keyword_or_a_single_cue_does_not_flag_by_itself(text):
    assert not assess(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "On a personal note I've not been safe, he's back living with us.",
        "I'm suicidal again and I don't know what to do",
        "I've been looking up which bridge is highest. Sorry.",
        "Working: the small groups. Also I haven't eaten in three days and the electric's been"
        " cut off.",
    ],
)
def test_a_sign_said_of_oneself_now_is_urgent(text):
    assert assess(text).urgent


# Every ordinary reply a member sends in ``copro-bot demo`` (both platforms).
DEMO_REPLIES = {
    "handlers/slack/demo.py": (
        "Families told us the new play corner makes waiting far less stressful.",
        "We need more evening sessions so working parents can join.",
        "Having a carer co-chair the meeting changed the whole tone.",
        "Managers still don't give staff protected time to attend.",
        "Being paid for our time as experts by experience <!channel>",
        "The wider system is slow: letters still come in jargon.",
        "The peer support workers make people feel welcome from the first minute.",
        "We keep hearing from the same confident voices; young carers are missing.",
        "Staff are given no time to take part, so meetings get cancelled.",
        "It would help to have the papers in easy read before the session.",
    ),
    "handlers/teams/demo.py": (
        "The buddy system works really well.",
        "Meeting in the evening meant carers could come.",
        "Send the papers a week before, in plain English.",
    ),
}


@pytest.mark.parametrize(
    ("where", "text"), [(where, t) for where, texts in DEMO_REPLIES.items() for t in texts]
)
def test_the_demos_ordinary_replies_are_not_flagged(where, text):
    """v6 flagged "Staff are given no time to take part ..." and sent its author Samaritans'
    number. The replies are read from the demos' own source, so they cannot drift apart."""
    assert text in (ROOT / where).read_text(encoding="utf-8")
    assert assess(text) == Assessment(False, (), NONE, ())


def test_severity_is_told_as_urgent_or_check_in():
    urgent = assess("I want to kill myself")
    assert urgent.urgent and not urgent.check_in and urgent.severity == URGENT
    story = assess("I used to feel suicidal but the group helped")
    assert story.check_in and not story.urgent and story.severity == CHECK_IN
    ordinary = assess("The new waiting room is lovely")
    assert not (ordinary.urgent or ordinary.check_in) and ordinary.severity == NONE


@pytest.mark.parametrize("text", ["I'm not suicidal, just tired", "I would never hurt myself"])
def test_a_plain_denial_is_not_a_crisis(text):
    assert not assess(text).flagged


def test_uncertainty_is_not_a_denial():
    assert assess("I don't know if I'm suicidal but I feel awful").flagged


def test_a_joke_about_dying_still_reaches_a_person():
    assert assess("I want to kill myself lol").severity == CHECK_IN


def test_a_disclosure_after_ordinary_feedback_is_found():
    reply = (
        "Working: the facilitators are lovely. Change: shorter sessions. "
        "P.S. I'm not safe at home at the moment, he's drinking again."
    )
    assert assess(reply).severity == URGENT


@pytest.mark.parametrize(
    "text", ["Sucidal again. Sorry.", "i dont want to be alive", "i wana kill my self"]
)
def test_typos_and_missing_apostrophes_are_understood(text):
    assert assess(text).flagged


def test_someone_close_at_risk_is_flagged():
    assert assess("My daughter's boyfriend is hitting her and she won't leave him").flagged


def test_curly_apostrophes_read_like_straight_ones():
    assert assess("I don\u2019t want to be here anymore") == assess(
        "I don't want to be here anymore"
    )


def test_categories_are_known_and_matched_phrases_are_short():
    for example in load("dev"):
        result = assess(example.text)
        assert set(result.categories) <= set(CATEGORIES)
        assert all(0 < len(phrase) <= 60 for phrase in result.matched)
        assert result.flagged == (result.severity != NONE) == bool(result.categories)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\U0001f44d"])
def test_an_empty_reply_is_not_flagged(text):
    assert not assess(text).flagged


# --- determinism, speed, and what the package may import ----------------------------------


def test_the_same_reply_always_gets_the_same_assessment():
    texts = [e.text for part in TUNING_PARTS for e in load(part)]
    first = [assess(t) for t in texts]
    assert [assess(t) for t in reversed(texts)] == list(reversed(first))


def test_assessment_does_not_depend_on_hash_randomisation():
    script = (
        "from bot.domain.safeguarding import assess\n"
        "from tools.safeguarding.labelled import load, TUNING_PARTS\n"
        "print([tuple(assess(e.text).__dict__.values()) for p in TUNING_PARTS for e in load(p)])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "12345")
    }
    assert len(outputs) == 1


def test_a_very_long_or_strange_reply_is_still_assessed():
    """How fast it is belongs in bench/ (bench.safeguarding), never in a test."""
    strange = ("a" * 39_000) + " \u0000\u200b<script>" + "!" * 1000 + " I want to die"
    assert assess(strange).flagged


# The one module from elsewhere in bot: the themes' Porter stemmer, itself standard library only.
SHARED = ("bot.domain.themes.stem",)


def test_the_package_uses_only_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"bot"}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"
                if name.startswith("bot."):
                    assert name.startswith("bot.domain.safeguarding") or name in SHARED, (
                        f"{path.name}: {name}"
                    )
    for name in SHARED:
        path = ROOT.joinpath(*name.split(".")).with_suffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom) and getattr(node, "level", 0) == 0:
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                assert module.split(".")[0] in sys.stdlib_module_names, f"{name}: {module}"


def test_the_learned_tier_is_trained_on_the_tuning_parts_only(monkeypatch):
    """Never on a file from elsewhere: the next blind round is measured, never learnt from."""
    from tools.safeguarding import labelled, train

    read = []
    real_load = labelled.load
    monkeypatch.setattr(labelled, "load", lambda part: read.append(part) or real_load(part))
    train.trained_on_tuning_parts()
    assert read == list(TUNING_PARTS)


def test_the_shipped_model_is_exactly_what_training_on_the_tuning_parts_gives(tmp_path):
    """No reply waits for training: the weights ship. They must be today's training's, to
    the last digit, or the measured figures would not be the shipped detector's."""
    from bot.domain.safeguarding import learned
    from tools.safeguarding import train

    assert learned.SHIPPED.exists()
    assert learned.SHIPPED.stat().st_size < 100_000  # both models, in under 100 kB
    shipped = learned._shipped()
    trained = train.trained_on_tuning_parts()
    assert shipped == trained, "retrain: python -m tools.safeguarding.train"
    # And what the retraining command writes is, byte for byte, the file that ships.
    assert train.write_shipped(tmp_path / "weights.json.gz").read_bytes() == (
        learned.SHIPPED.read_bytes()
    )


# --- the member's reply --------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    prose = [line for line in text.splitlines() if line.strip() and not line.startswith("- ")]
    return [s for line in prose for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s]


def test_member_reply_is_short_plain_and_kind():
    reply = member_reply(DEFAULT_SIGNPOSTING)
    sentences = _sentences(reply)
    lengths = [len(s.split()) for s in sentences]
    assert max(lengths) <= 16, sentences
    assert sum(lengths) / len(lengths) <= 12
    lowered = reply.lower()
    for jargon in ("safeguarding", "crisis", "disclos", "risk", "flag", "detect", "alert"):
        assert jargon not in lowered
    assert "stays out of the digest until someone has read it" in lowered
    assert "may get in touch" in lowered and "facilitator" in lowered


def test_member_reply_carries_the_programmes_signposting():
    local = "Call the Leeds Crisis Line on 0800 000 0000, free, any time."
    assert local in member_reply(local)


def test_member_reply_never_goes_out_without_help_numbers():
    assert DEFAULT_SIGNPOSTING in member_reply("   ")


def test_default_signposting_gives_the_uk_numbers():
    for needed in ("111", "111.nhs.uk", "Samaritans", "116 123", "999", "A&E", "85258"):
        assert needed in DEFAULT_SIGNPOSTING


# --- the facilitators' alert ---------------------------------------------------------------


def _alert(**overrides):
    values = dict(
        member_name="Sam Lee",
        team="Access",
        day_name="Day 3",
        severity=URGENT,
        categories=("domestic_violence",),
        reply_text="he hits me when I get home late",
        matched=("hits me",),
    )
    values.update(overrides)
    return alert_text(**values)


def test_alert_says_who_where_what_and_how_urgent():
    text = _alert()
    for needed in ("URGENT", "Sam Lee", "Access", "Day 3", "domestic abuse", '"hits me"'):
        assert needed in text
    assert "he hits me when I get home late" in text
    assert "999" in text


def test_check_in_alert_asks_for_a_human_reading_without_alarm():
    text = _alert(severity=CHECK_IN)
    assert "check-in" in text and "URGENT" not in text and "999" not in text


def test_anonymous_member_is_named_to_safeguarding_only_by_policy():
    assert REVEAL_ANONYMOUS_TO_SAFEGUARDING is True
    named = _alert(anonymous=True)
    assert "Sam Lee" in named and "asked not to be named" in named
    withheld = _alert(anonymous=True, reveal_anonymous=False)
    assert "Sam Lee" not in withheld
    assert "cannot contact" in withheld


def test_alert_without_a_name_says_a_member():
    assert "Who: a member, not in a team" in _alert(member_name=None, team=None)


def test_alert_shortens_a_very_long_reply():
    text = _alert(reply_text="word " * 5000)
    assert len(text) < 4000 and "(shortened)" in text


def test_no_alert_for_a_reply_that_was_not_flagged():
    with pytest.raises(ValueError):
        _alert(severity=NONE)


def test_v8_keeps_what_its_blind_round_measured():
    """Round 8 was written by an author who never saw the detector and run once when v8 was
    final: 5 of 120 crises missed, 9 of 120 false alarms. It is never tuned on; this keeps a
    later change from quietly losing what was measured there."""
    from tools.safeguarding.labelled import HELD_OUT_PARTS, measure

    (blind,) = HELD_OUT_PARTS
    figures = measure(blind)
    assert (figures.crises, figures.non_crises) == (120, 120)
    assert len(figures.misses) <= 5  # at most 1 in 20 crises missed
    assert len(figures.false_alarms) <= 9  # at most 1 in 10 ordinary replies flagged
