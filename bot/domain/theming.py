"""Giving each stored answer its theme: when it is saved, and again when the codebook changes.

So a digest over many weeks only reads themes; it never classifies.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from sqlalchemy import or_, select

from bot.domain.themes import DEFAULT_CODEBOOK, Codebook, ThemeClassifier, codebook_from_spec
from storage import Store
from storage.models import Answer, Programme, ProgrammeDay, PromptDelivery, Reply

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
    """Set an answer's theme from its text (call after changing the text)."""
    classifier = classifier_for(programme)
    answer.theme = classifier.classify(answer.text, answer.question_id)
    answer.theme_version = classifier.version


def warm_up() -> threading.Thread:
    """Train the default model in the background, so the first reply of the day is not slow."""
    thread = threading.Thread(
        target=lambda: ThemeClassifier().classify("warm up"), name="themes-warm-up", daemon=True
    )
    thread.start()
    return thread


def retheme_stale(store: Store) -> int:
    """Assign again every answer whose theme came from another codebook version; returns count."""
    done = 0
    with store.transaction() as session:
        programmes = session.scalars(select(Programme)).all()
        for programme in programmes:
            classifier = classifier_for(programme)
            while True:
                stale = session.scalars(
                    select(Answer)
                    .join(Reply, Reply.id == Answer.reply_id)
                    .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
                    .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
                    .where(
                        ProgrammeDay.programme_id == programme.id,
                        or_(
                            Answer.theme_version.is_(None),
                            Answer.theme_version != classifier.version,
                        ),
                    )
                    .limit(BATCH)
                ).all()
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
