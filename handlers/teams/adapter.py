"""The Teams adapter as the wiring sees it: a Messenger to talk out, an HTTP endpoint to hear
in, and the Agents SDK underneath.

One process serves Slack and Teams alike from waitress (WSGI): Teams' ``/api/messages`` is a
WSGI endpoint that checks the token and hands the activity to the SDK's ``CloudAdapter`` on an
event loop in a thread of its own (``handlers.teams.loop``). So there is one port, one server
and one health check, and the SDK's async connector client still does every outgoing call.

Outgoing tokens: in production the SDK's MSAL connection manager (``authentication-msal``)
gets them from Entra ID with the app's id and secret (or certificate, or managed identity)
for the tenant. Against the stand-in (demo, tests), ``connections`` is a provider that hands
the stand-in's own token: nothing reaches Entra ID.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ConnectionManager,
)
from microsoft_agents.hosting.core.authorization import AuthTypes

from bot.domain.identity import TEAMS
from handlers.teams.auth import TokenCheck
from handlers.teams.connector import (
    DEFAULT_LIMITS,
    DEFAULT_RETRY,
    Connector,
    Limits,
    RetryPolicy,
)
from handlers.teams.http import MESSAGES_PATH, TURN_TIMEOUT_S, WsgiRequest, messages_endpoint
from handlers.teams.loop import LoopThread
from handlers.teams.messenger import TeamsMessenger
from handlers.teams.turns import CoproAgent

log = logging.getLogger(__name__)

SERVICE = "SERVICE_CONNECTION"


class CredentialsRefused(Exception):
    """Entra ID did not give the bot a token; the message says what to check."""


class StaticTokenProvider(AnonymousTokenProvider):
    """Hands one fixed token: for a stand-in of the connector that expects it."""

    def __init__(self, token: str) -> None:
        self.token = token

    async def get_access_token(
        self, resource_url: str, scopes: list, force_refresh: bool = False
    ) -> str:
        return self.token


def stand_in_connections(app_id: str, token: str) -> ConnectionManager:
    configuration = AgentAuthConfiguration(client_id=app_id, tenant_id=None)
    return ConnectionManager(
        provider_factory=lambda _: StaticTokenProvider(token),
        connections_configurations={SERVICE: configuration},
    )


def msal_connections(settings: Any) -> ConnectionManager:
    from microsoft_agents.authentication.msal import MsalConnectionManager

    if settings.teams_managed_identity:
        kind, extra = AuthTypes.user_managed_identity, {}
    elif settings.teams_certificate_file:
        kind, extra = AuthTypes.certificate, {"cert_pfx_file": settings.teams_certificate_file}
    else:
        kind, extra = AuthTypes.client_secret, {"client_secret": settings.teams_app_password}
    configuration = AgentAuthConfiguration(
        auth_type=kind, client_id=settings.teams_app_id, tenant_id=settings.teams_tenant_id, **extra
    )
    return MsalConnectionManager(connections_configurations={SERVICE: configuration})


class TeamsAdapter:
    platform = TEAMS
    socket_mode = False

    def __init__(
        self,
        *,
        app_id: str,
        tenant_id: str | None,
        metadata_url: str,
        connections: Any,
        limits: Limits | None = DEFAULT_LIMITS,
        retry: RetryPolicy = DEFAULT_RETRY,
    ) -> None:
        self.app_id = app_id
        self.loop = LoopThread()
        self.connections = connections
        self.cloud = CloudAdapter(connection_manager=connections)
        self.cloud.on_turn_error = None  # let failures reach the endpoint: 500, Teams retries
        self.connector = Connector(self.cloud, app_id=app_id, limits=limits, retry=retry)
        self.messenger = TeamsMessenger(
            loop=self.loop, connector=self.connector, tenant_id=tenant_id
        )
        self.tokens = TokenCheck(app_id=app_id, metadata_url=metadata_url)
        # Work a use case leaves for after the answer to Teams (thanks, alerts, digests).
        self.pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="teams-later")
        self.agent: CoproAgent | None = None
        self._pending: set[Future] = set()
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Any) -> TeamsAdapter:
        return cls(
            app_id=settings.teams_app_id,
            tenant_id=settings.teams_tenant_id,
            metadata_url=settings.teams_openid_metadata_url,
            connections=msal_connections(settings),
        )

    def later(self, work: Callable[[], None]) -> None:
        future = self.pool.submit(_logged, work)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _done(self, future: Future) -> None:
        with self._lock:
            self._pending.discard(future)

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until the work left for later is done (tests and the demo read after it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                pending = list(self._pending)
            if not pending:
                return
            wait(pending, timeout=max(deadline - time.monotonic(), 0))

    def attach(self, services: Any) -> None:
        self.messenger.directory = services.addresses
        self.agent = CoproAgent(self, services)

    def routes(self) -> dict[str, Callable]:
        return {MESSAGES_PATH: messages_endpoint(self)}

    def process(self, body: dict, headers: dict, claims: Any) -> tuple[int, Any]:
        """Run one activity's turn through the SDK; returns the HTTP status and body."""
        response = self.loop.run(
            self.cloud.process_request(WsgiRequest(body, headers, claims), self.agent),
            TURN_TIMEOUT_S,
        )
        return response.status_code, response.body

    def check_credentials(self) -> str:
        """Get an outgoing token once, so a wrong secret is found at start, not at 16:30."""
        provider = self.connections.get_default_connection()
        try:
            self.loop.run(
                provider.get_access_token(
                    "https://api.botframework.com", ["https://api.botframework.com/.default"]
                ),
                60,
            )
        except Exception as error:
            raise CredentialsRefused(
                f"Entra ID did not give the bot a token ({type(error).__name__}). Check "
                "TEAMS_APP_ID, TEAMS_TENANT_ID and TEAMS_APP_PASSWORD (or the certificate)."
            ) from error
        return f"Teams app {self.app_id}"

    def say(self, user_id: str, activity: Activity) -> None:
        self.messenger.send_activity(user_id, activity)

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        try:
            self.loop.run(self.connector.close(), 10)
        except Exception:  # closing is best effort
            log.debug("the connector did not close cleanly", exc_info=True)
        self.loop.close()


def _logged(work: Callable[[], None]) -> None:
    try:
        work()
    except Exception:
        log.exception("work after a Teams request failed")
