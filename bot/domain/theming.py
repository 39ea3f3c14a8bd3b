"""Giving each stored answer its theme: when it is saved, and again when the codebook changes.

So a digest over many weeks only reads themes; it never classifies.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from bot.domain.themes import DEFAULT_CODEBOOK, Codebook, ThemeClassifier, codebook_from_spec
from bot.domain.themes.classifier import SHIPPED_MODEL, is_trained
from storage import Store, queries
from storage.models import Answer, Programme

log = logging.getLogger(__name__)

BATCH = 2000


def codebook_of(programme: Programme) -> Codebook:
    return _codebook(repr(programme.codebook)) if programme.codebook else DEFAULT_CODEBOOK


@lru_cache(maxsize=32)
def _codebook(spec: str) -> Codebook:
    import ast

    return codebook_from_spec(ast.literal_eval(spec))


def classifier_for(programme: Programme) -> ThemeClassifier:
    return ThemeClassifier(codebook_of(programme))


def tag(answer: Answer, programme: Programme) -> None:
    """Set an answer's theme from its text (call after changing the text).

    This runs while a member waits for the platform's "OK", so it never trains the model: until the
    model is ready (about a second, once a process) the answer is left untagged, the model is
    trained in the background, and the next sweep (``retheme_stale``) tags it.
    """
    codebook = codebook_of(programme)
    if not is_trained(codebook):
        answer.theme = answer.theme_version = None
        warm_up(codebook)
        return
    classifier = ThemeClassifier(codebook)
    answer.theme = classifier.classify(answer.text, answer.question_id)
    answer.theme_version = classifier.version


def preload() -> None:
    """Load the shipped default model now (a tenth of a second) so no reply waits for it."""
    if SHIPPED_MODEL.exists():
        ThemeClassifier(DEFAULT_CODEBOOK).classify("")


_warming: set[Codebook] = set()
_warming_lock = threading.Lock()


def warm_up(codebook: Codebook = DEFAULT_CODEBOOK) -> None:
    """Train a codebook's model in a background thread, once."""
    with _warming_lock:
        if codebook in _warming:
            return
        _warming.add(codebook)
    threading.Thread(
        target=lambda: ThemeClassifier(codebook).classify("warm up"),
        name="themes-warm-up",
        daemon=True,
    ).start()


def retheme_stale(store: Store, *, untagged_only: bool = False) -> int:
    """Assign again every answer whose theme came from another codebook version; returns count.

    ``untagged_only`` (the every-minute sweep) looks only at answers saved before the model was
    ready, which an index-friendly ``IS NULL`` finds cheaply; the full check runs at start-up
    and after a programme load, when the codebook can have changed.
    """
    done = 0
    with store.transaction() as session:
        programmes = queries.programmes(session)
        if untagged_only:  # one query says which programmes have any, not one a programme
            untagged = set(queries.programmes_with_untagged_answers(session))
            programmes = [p for p in programmes if p.id in untagged]
        for programme in programmes:
            classifier = classifier_for(programme)
            while True:
                stale = queries.answers_to_retheme(
                    session, programme_id=programme.id, version=classifier.version,
                    untagged_only=untagged_only, limit=BATCH,
                )  # fmt: skip
                if not stale:
                    break
                for answer in stale:
                    answer.theme = classifier.classify(answer.text, answer.question_id)
                    answer.theme_version = classifier.version
                session.flush()
                done += len(stale)
    if done:
        log.info("assigned themes again to %d answers (codebook changed)", done)
    return done
