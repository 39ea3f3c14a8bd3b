"""Waiting out Slack's 429 answers for as long as ``Retry-After`` says, and not much longer.

slack-sdk's built-in handler sleeps ``Retry-After`` plus up to a whole extra second of jitter.
When a fan-out ends, that extra second is pure delay for the last few members
(bench/fanout.py); a tenth of a second of jitter still keeps retries from arriving together.
"""

from __future__ import annotations

import random
import time

from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

JITTER_SECONDS = 0.1


class RetryAfterHandler(RateLimitErrorRetryHandler):
    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error  # type: ignore[misc]
        state.next_attempt_requested = True
        time.sleep(retry_after_seconds(response) + random.uniform(0, JITTER_SECONDS))
        state.increment_current_attempt()


def retry_after_seconds(response: HttpResponse) -> float:
    for name, values in response.headers.items():
        if name.lower() == "retry-after":
            try:
                return max(float(values[0]), 0.0)
            except (TypeError, ValueError, IndexError):
                break
    return 1.0  # Slack always sends the header; one second if it ever does not
