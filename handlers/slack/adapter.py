"""The Slack adapter as the wiring sees it: a Messenger to talk out, listeners to hear in,
and the ways Slack reaches us (HTTP requests or a Socket Mode connection)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from handlers.slack import listeners
from handlers.slack.http import EVENTS_PATH, events_endpoint
from handlers.slack.messenger import SlackMessenger, make_client
from handlers.slack.reach import SlackTrouble, explain

log = logging.getLogger(__name__)
SLACK_API = "https://slack.com/api/"
# Threads for the work after the acks: mostly waiting on Slack's Web API (tens to hundreds of
# milliseconds a call), so more of them than cores. 200 requests a second leaving one or two
# calls each keep about 30 busy at 100 ms a call.
AFTER_ACK_WORKERS = 32


class SlackAdapter:
    platform = "slack"

    def __init__(
        self,
        *,
        token: str | None,
        signing_secret: str | None,
        app_token: str | None = None,
        api_url: str | None = None,
        client: WebClient | None = None,
        proxy_for: Callable[[str], str | None] = lambda url: None,
    ) -> None:
        """``proxy_for(url)`` says which proxy a connection to ``url`` goes through (None:
        direct); the settings decide it from HTTPS_PROXY and NO_PROXY."""
        self.api_url = api_url or SLACK_API
        self.proxy_for = proxy_for
        if client is None:
            if not token:
                raise ValueError("the Slack adapter needs SLACK_BOT_TOKEN or a ready WebClient")
            client = make_client(token, api_url, proxy=proxy_for(self.api_url))
        self.client = client
        self.app_token = app_token
        self.signing_secret = signing_secret
        self.messenger = SlackMessenger(client)
        # The work after an ack (a listener's and a use case's) runs here, never in the thread
        # that answers Slack, so an ack never queues behind a slow Web API call.
        self.pool = ThreadPoolExecutor(max_workers=AFTER_ACK_WORKERS, thread_name_prefix="later")
        self._gathering = threading.local()
        self.bolt: App | None = None
        self.replays = None

    def later(self, work: Callable[[], None]) -> None:
        """Run ``work`` after the current request is answered: Slack never waits for it.
        Inside :meth:`gathered`, a request's work is kept and runs in order, in one task."""
        batch = getattr(self._gathering, "batch", None)
        if batch is None:
            self.pool.submit(_logged, work)
        else:
            batch.append(work)

    @contextmanager
    def gathered(self) -> Iterator[None]:
        """Around one request: what it leaves for ``later`` starts once its answer is ready,
        in the order it was left (the prompt marked answered before "Done." is said)."""
        self._gathering.batch = batch = []
        try:
            yield
        finally:
            self._gathering.batch = None
            if batch:
                self.pool.submit(_in_order, batch)

    def attach(self, services: Any) -> None:
        """Build the Bolt app with every listener, serving ``services``."""
        self.bolt = App(
            listener_executor=self.pool,
            client=self.client,
            signing_secret=self.signing_secret or "socket-mode-needs-no-signing-secret",
            # Checked by a real call when serving starts, so a test can build the app offline.
            token_verification_enabled=False,
            # Each listener runs in the thread that answers Slack and returns as soon as it has
            # acked (stored first, where a click or a reply must be kept): what follows the
            # ack goes to ``later``. So the answer leaves when the listener returns, with no
            # hop to another thread and none of Bolt's 10 ms polls for the ack.
            process_before_response=True,
        )
        listeners.register(self.bolt, services)
        self.replays = services.replays

    def routes(self) -> dict[str, Callable]:
        """HTTP paths this adapter serves, each a WSGI application."""
        return {
            EVENTS_PATH: events_endpoint(
                self.bolt, self.replays, self.signing_secret, around=self.gathered
            ),
        }

    def check_credentials(self) -> str:
        """Who we are connected as. SlackTrouble when we cannot reach Slack, or Slack will not
        have us: its message says which, and the fix."""
        try:
            identity = self.client.auth_test()
        except Exception as error:
            trouble = explain(
                error, url=self.api_url, proxy=self.client.proxy, token_name="SLACK_BOT_TOKEN"
            )
            raise SlackTrouble(trouble) from error
        return f"{identity.get('user')} in {identity.get('team')}"

    def checks(self, request: Any) -> list:
        """The Slack part of `copro-bot doctor` (see handlers/slack/checks.py)."""
        from handlers.slack.checks import slack_checks

        return slack_checks(self, request)

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    def socket_mode_handler(self):
        """Bolt's Socket Mode handler, through the proxy as the Web API client is; it opens the
        WebSocket at the address Slack gives (wss://wss-primary.slack.com/...)."""
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        handler = SocketModeHandler(
            self.bolt, self.app_token, proxy=self.proxy_for("wss://wss-primary.slack.com/")
        )
        # As for the Web API client: the settings decide, not slack_sdk's own look at HTTPS_PROXY.
        handler.client.proxy = self.proxy_for("wss://wss-primary.slack.com/")
        return handler

    def serve_socket_mode(self) -> None:
        """Blocks: Slack's events over an outbound WebSocket, no public address needed."""
        self.socket_mode_handler().start()

    def close(self) -> None:
        """Let listeners that are still working after their ack finish."""
        self.pool.shutdown(wait=True)


def _logged(work: Callable[[], None]) -> None:
    try:
        work()
    except Exception:
        log.exception("work after a Slack request failed")


def _in_order(batch: list[Callable[[], None]]) -> None:
    for work in batch:  # one failing does not stop the rest
        _logged(work)
