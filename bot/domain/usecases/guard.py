"""The one place a use case turns a person's mistake into ``Refused`` and our own failure
into ``Failed`` (logged with what was being done), so transports render, never catch."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.domain.errors import UserError
from bot.domain.usecases.outcomes import Failed, Outcome, Refused

log = logging.getLogger(__name__)


def attempt(what: str, work: Callable[[], Outcome]) -> Outcome:
    try:
        return work()
    except UserError as error:
        return Refused(str(error))
    except Exception:
        log.exception("%s failed", what)
        return Failed()
