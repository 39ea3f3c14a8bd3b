"""Slack's HTTP endpoint: a shape check, then Bolt's own WSGI adapter (signatures, routing)."""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier

from handlers.slack.request_shape import well_formed

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_BODY_BYTES = 1_000_000  # Slack's largest payloads (a 40,000-character message) fit easily
MALFORMED = [b'{"error": "malformed request"}']
TIMESTAMP = re.compile(r"[0-9]{1,11}")  # Unix seconds, as Slack sends them


def events_endpoint(
    bolt: App,
    replays: Any = None,
    signing_secret: str | None = None,
    around: Callable[[], AbstractContextManager] = nullcontext,
) -> Callable:
    """Slack's endpoint; with ``replays``, a signed request seen before (the same bytes sent
    again inside the five minutes a signature is good for) is refused, across replicas.
    ``around()`` wraps Bolt's handling of each request (the adapter gathers the work left
    for after the answer there)."""
    slack = SlackRequestHandler(bolt)
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            start_response("404 Not Found", [("Content-Type", "application/json")])
            return [b'{"error": "not found"}']
        body = _read_body(environ)
        if not TIMESTAMP.fullmatch(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")):
            # Bolt would raise on int("abc"); a request with no sound timestamp is unsigned.
            start_response("401 Unauthorized", [("Content-Type", "application/json")])
            return [b'{"error": "invalid request"}']
        if not well_formed(body, environ.get("CONTENT_TYPE", "")):
            start_response("400 Bad Request", [("Content-Type", "application/json")])
            return MALFORMED
        key = None
        if replays is not None and verifier is not None:
            signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
            timestamp = environ["HTTP_X_SLACK_REQUEST_TIMESTAMP"]
            if not verifier.is_valid(body, timestamp, signature):
                start_response("401 Unauthorized", [("Content-Type", "application/json")])
                return [b'{"error": "invalid request"}']
            key = "sig:" + hashlib.sha256(signature.encode()).hexdigest()[:56]
            if not replays.first_time(key):
                log.warning("refused a replayed request")
                start_response("401 Unauthorized", [("Content-Type", "application/json")])
                return [b'{"error": "replayed request"}']
        status: list[str] = []

        def recording_start(line: str, headers, *rest):
            status.append(line)
            return start_response(line, headers, *rest)

        try:
            with around():
                answer = slack(environ, recording_start)
            if key and status and status[0].startswith("5"):
                replays.failed(key)  # Slack will send it again: that retry must be acted on
            return answer
        except Exception as error:
            # Bolt assumes a JSON body is an object; "0" or "[]" makes it raise before the
            # signature is even checked. Such a request is malformed, not our failure.
            log.warning("refused a malformed request (%s)", type(error).__name__)
            start_response("400 Bad Request", [("Content-Type", "application/json")])
            return MALFORMED

    return application


def _read_body(environ: dict) -> bytes:
    """Read the body once and put it back, so Bolt reads the very same bytes."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(min(length, MAX_BODY_BYTES)) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body
