"""The app factory: one place that puts settings, store, services and a chat adapter together.

It knows adapters only by what they offer (a Messenger, listeners, routes), so Teams is a new
adapter here, not a change to the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.config import Settings
from bot.domain.clock import Clock, SystemClock
from bot.domain.messenger import Messenger
from bot.domain.safeguarding.learned import warm_up as warm_up_safeguarding
from bot.domain.theming import preload as preload_themes
from bot.services import Services
from storage import DatabaseUnavailable, Store


class ChatAdapter(Protocol):
    platform: str
    messenger: Messenger

    def later(self, work: Callable[[], None]) -> None: ...
    def attach(self, services: Services) -> None: ...
    def routes(self) -> dict[str, Callable]: ...
    def close(self) -> None: ...


@dataclass
class BotApp:
    services: Services
    adapter: Any  # a ChatAdapter
    # False when the bot started while the database was away: it serves chat and holds
    # replies in the spool until ``services.store.migrate()`` succeeds.
    database_ready: bool = True

    @property
    def bolt(self):
        """The Slack adapter's Bolt app (benchmarks and tests read it)."""
        return self.adapter.bolt

    def routes(self) -> dict[str, Callable]:
        return self.adapter.routes()

    def close(self) -> None:
        self.adapter.close()


def slack_adapter(settings: Settings, client: Any = None) -> ChatAdapter:
    from handlers.slack.adapter import SlackAdapter

    return SlackAdapter(
        token=settings.slack_bot_token,
        signing_secret=settings.slack_signing_secret,
        app_token=settings.slack_app_token,
        api_url=settings.slack_api_url,
        client=client,
        proxy_for=settings.proxy_for,
    )


def teams_adapter(settings: Settings) -> ChatAdapter:
    from handlers.teams.adapter import TeamsAdapter

    return TeamsAdapter.from_settings(settings)


def create_app(
    settings: Settings,
    client: Any = None,
    store: Store | None = None,
    clock: Clock | None = None,
    adapter: ChatAdapter | None = None,
    wait_for_database: bool = False,
) -> BotApp:
    """Build the bot; the store is migrated before anything runs. ``client`` is a ready Slack
    WebClient (tests point it at a stand-in); ``adapter`` replaces Slack altogether. With
    ``wait_for_database``, a database that cannot be reached does not stop the start: the bot
    serves chat and keeps replies in the spool (``database_ready`` is then False)."""
    adapter = adapter or slack_adapter(settings, client)
    if store is None:
        store = Store.from_url(settings.database_url)
    ready = True
    try:
        store.migrate()
    except DatabaseUnavailable:
        if not wait_for_database:
            raise
        ready = False
    preload_themes()
    warm_up_safeguarding()
    services = Services(
        settings=settings,
        store=store,
        clock=clock or SystemClock(),
        messenger=adapter.messenger,
        later=adapter.later,
    )
    adapter.attach(services)
    return BotApp(services=services, adapter=adapter, database_ready=ready)
