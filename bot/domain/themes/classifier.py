"""Assigning a reply to a codebook theme, or to none: logistic regression in plain Python.

It learns from the shipped training set plus the codebook's own words and phrases, which count
as short examples, so a programme's own theme works from its words alone. Features are word
stems, pairs of neighbouring stems and thesaurus concepts (``concepts.py``): words and phrases
for the situations behind each theme ('no cover', 'had to leave early for the school run'), so
a reply that shares no word with the training set can still share its concepts.

Measured (``python -m tools.themes.crossval``; figures in tools/themes/data/README.md): on the
development set, 260 replies by a separate author who saw only the theme names, the first
version of this model found the right theme for 0.550; this one, trained without that set,
0.808 (a figure flattered by a thesaurus partly written from its confusions; 0.63 before
that), and 0.812 in 5-fold cross-validation with the set's other folds in training. On the
190 held-out replies, 0.868 (was 0.789). Character fragments of words, which the first version
used, measured worse on the development set (0.765 against 0.808) and are off.

Probabilities are the softmax of the scores divided by ``TEMPERATURE``, which made them honest
on the development folds (lowest log loss); a reply gets no theme, and so is read for what is
emerging, when the model finds it most like replies that fit none ('the room was cold'), or
when no theme reaches ``THRESHOLD``: the highest cut that kept cross-validated accuracy at its
best, so a reply that fits no theme well is left out rather than forced into one.

Training takes a few seconds, once per process and programme codebook (the default ships
trained); classifying is some 50 microseconds. The question is accepted but not used: a theme
is the same whether people praise it or ask for it to change.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import random
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.domain.themes.codebook import DEFAULT_CODEBOOK, Codebook, codebook_fingerprint
from bot.domain.themes.concepts import GROUPS, PHRASES
from bot.domain.themes.keywords import phrase_stems
from bot.domain.themes.stem import stem
from bot.domain.themes.text import STOP_WORDS, content_words, features
from bot.domain.themes.training import Example, training_digest, training_examples

METHOD = "logreg-2"  # change when the method or its settings change, so themes are re-assigned
OTHER = "_other"  # the class of replies that fit no theme; never returned
# Both chosen by 5-fold cross-validation on the development set (python -m tools.themes.crossval).
TEMPERATURE = 1.25
THRESHOLD = 0.3
CHAR_GRAMS = False  # character fragments of words: 0.765 against 0.808 on the development set
CODEBOOK_WEIGHT = 3.0  # a codebook phrase counts as three replies
# A theme with no training replies has only its words to go on, so they count for more. Chosen
# by leaving each default theme out in turn: 0.37 of its development replies found at 3, 0.45 at
# 10, 0.47 at 30.
NEW_THEME_WEIGHT = 10.0
EPOCHS = 6
LEARNING_RATE = 0.5
L2 = 1e-4
SEED = 1


@dataclass(frozen=True)
class _Model:
    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, text: str, temperature: float = TEMPERATURE) -> list[float]:
        rows = [w for w in map(self.weights.get, _features(text)) if w is not None]
        if not rows:
            return []
        scores = [sum(column) for column in zip(*rows, strict=True)]
        top = max(scores)
        exps = [math.exp((s - top) / temperature) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def classify(self, text: str, threshold: float = THRESHOLD) -> str | None:
        found = self.probabilities(text)
        if not found:
            return None
        # Ties go to the class listed first (classes are sorted), never to dict order.
        best = max(range(len(found)), key=lambda i: (found[i], -i))
        label = self.classes[best]
        return None if label == OTHER or found[best] < threshold else label


def _features(text: str) -> list[str]:
    return features(text, char_grams=CHAR_GRAMS)


def _labelled(
    codebook: Codebook, examples: Sequence[Example], *, codebook_words: bool
) -> list[tuple[list[str], str, float]]:
    """The training rows for this codebook: (features, class, weight)."""
    ids = set(codebook.ids)
    trained = {e.theme for e in examples if e.theme in ids}
    # A theme the training set does not know is learnt from its words. Replies that mention
    # them were 'no theme' under the default codebook, but may well fit it: leave them out.
    new_phrases = [
        stems
        for theme in codebook
        if theme.id not in trained
        for stems in map(phrase_stems, (*theme.words, theme.name))
        if stems
    ]
    rows = []
    for example in examples:
        label = example.theme if example.theme in ids else OTHER
        if label == OTHER and new_phrases:
            present = {stem(w) for w in content_words(example.text)}
            if any(stems <= present for stems in new_phrases):
                continue
        rows.append((_features(example.text), label, 1.0))
    if codebook_words:
        for theme in codebook:
            weight = CODEBOOK_WEIGHT if theme.id in trained else NEW_THEME_WEIGHT
            for phrase in (*theme.words, theme.name):
                rows.append((_features(phrase), theme.id, weight))
    return rows


def train(
    codebook: Codebook,
    examples: Sequence[Example] | None = None,
    *,
    codebook_words: bool = True,
) -> _Model:
    """Softmax regression by stochastic gradient descent, seeded so it is the same every time."""
    examples = training_examples() if examples is None else examples
    rows = [row for row in _labelled(codebook, examples, codebook_words=codebook_words) if row[0]]
    classes = tuple(sorted({label for _, label, _ in rows} | {OTHER}))
    index = {c: i for i, c in enumerate(classes)}
    k = len(classes)
    weights: dict[str, list[float]] = {}
    data = [(f, index[label], weight) for f, label, weight in rows]
    rng = random.Random(SEED)
    for epoch in range(EPOCHS):
        rng.shuffle(data)
        rate = LEARNING_RATE / (1 + epoch)
        for feats, gold, weight in data:
            vectors = [weights.setdefault(f, [0.0] * k) for f in feats]
            scores = [sum(column) for column in zip(*vectors, strict=True)]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            gradient = [e / total for e in exps]
            gradient[gold] -= 1.0
            step = rate * weight
            for vector in vectors:
                vector[:] = [w - step * (g + L2 * w) for w, g in zip(vector, gradient, strict=True)]
    return _Model(classes, {f: tuple(v) for f, v in weights.items()})


_models: dict[tuple[Codebook, bool], _Model] = {}
_training_lock = threading.Lock()


# Written by ``python -m tools.themes.train``; ships in the wheel (pyproject's package-data).
SHIPPED_MODEL = Path(__file__).with_name("default_model.json.gz")


def _model_for(codebook: Codebook, codebook_words: bool = True) -> _Model:
    key = (codebook, codebook_words)
    model = _models.get(key)
    if model is None:
        with _training_lock:  # two threads asking at once train once
            model = _models.get(key)
            if model is None:
                model = _shipped(codebook) if codebook_words else None
                model = _models[key] = model or train(codebook, codebook_words=codebook_words)
    return model


def _shipped(codebook: Codebook) -> _Model | None:
    """The default codebook's model as trained when the package was built: loading it takes a
    tenth of a second, training a second and a half of pure-Python work that would stall
    the bot's other threads. Used only while it matches (same codebook, data and settings)."""
    if codebook != DEFAULT_CODEBOOK or not SHIPPED_MODEL.exists():
        return None
    data = json.loads(gzip.decompress(SHIPPED_MODEL.read_bytes()))
    if data.get("version") != codebook_version(codebook):
        return None
    return _Model(tuple(data["classes"]), {f: tuple(v) for f, v in data["weights"].items()})


def is_trained(codebook: Codebook) -> bool:
    """Whether classifying now is instant (training takes about a second, once a process)."""
    return (codebook, True) in _models


def codebook_version(codebook: Codebook) -> str:
    """A short, stable hash of what decides a reply's theme: the codebook, the method, its
    settings, thesaurus and training set. Store it with each assigned theme; a reply whose
    stored version differs from the current one is assigned again, so editing the codebook
    re-themes earlier replies."""
    settings = (
        THRESHOLD, TEMPERATURE, CHAR_GRAMS, CODEBOOK_WEIGHT, NEW_THEME_WEIGHT, EPOCHS,
        LEARNING_RATE, L2, SEED,
    )  # fmt: skip
    parts = (
        METHOD,
        repr(settings),
        training_digest(),
        repr(sorted(GROUPS.items())),
        repr(sorted(PHRASES.items())),
        repr(sorted(STOP_WORDS)),
        codebook_fingerprint(codebook),
    )
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


class ThemeClassifier:
    """Which codebook theme a reply is about; ``None`` when no theme fits.

    Deterministic: the same codebook and training set give the same answers in any process.
    The model is trained on first use and shared by every classifier with the same codebook.
    """

    def __init__(self, codebook: Codebook = DEFAULT_CODEBOOK) -> None:
        self.codebook = codebook
        self.version = codebook_version(codebook)

    def probabilities(self, text: str, question_id: str = "") -> dict[str, float]:
        """Each theme's probability (and ``OTHER``'s), for explaining an assignment."""
        model = _model_for(self.codebook)
        found = model.probabilities(text)
        return dict(zip(model.classes, found, strict=True)) if found else {}

    def classify(self, text: str, question_id: str = "") -> str | None:
        return _model_for(self.codebook).classify(text)

    def classify_many(self, replies: Iterable[tuple[str, str]]) -> list[str | None]:
        """Themes for many ``(text, question_id)`` pairs, in the same order."""
        return [self.classify(text, question_id) for text, question_id in replies]
