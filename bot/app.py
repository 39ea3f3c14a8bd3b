"""The app factory: one place that puts settings, store, Slack client and listeners together."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from slack_bolt import App
from slack_sdk import WebClient

from bot.config import Settings
from bot.domain.clock import Clock, SystemClock
from bot.domain.safeguarding.learned import warm_up as warm_up_safeguarding
from bot.domain.theming import preload as preload_themes
from bot.services import Services
from handlers import actions, commands, home, messages, views
from handlers.messenger import SlackMessenger, make_client
from storage import Store


@dataclass
class BotApp:
    bolt: App
    services: Services
    listener_pool: ThreadPoolExecutor

    def close(self) -> None:
        """Let listeners that are still working after their ack finish."""
        self.listener_pool.shutdown(wait=True)


def create_app(
    settings: Settings,
    client: WebClient | None = None,
    store: Store | None = None,
    clock: Clock | None = None,
) -> BotApp:
    """Build the Bolt app with every listener; the store is migrated before anything runs."""
    if client is None:
        if not settings.slack_bot_token:
            raise ValueError("create_app needs SLACK_BOT_TOKEN or a ready WebClient")
        client = make_client(settings.slack_bot_token, settings.slack_api_url)
    if store is None:
        store = Store.from_url(settings.database_url)
    store.migrate()
    preload_themes()
    warm_up_safeguarding()
    services = Services(
        settings=settings,
        store=store,
        clock=clock or SystemClock(),
        messenger=SlackMessenger(client),
    )
    pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="listener")
    bolt = App(
        listener_executor=pool,
        client=client,
        signing_secret=settings.slack_signing_secret or "socket-mode-needs-no-signing-secret",
        # Checked by a real call when serving starts, so a test can build the app without Slack.
        token_verification_enabled=False,
        # We answer Slack first and work afterwards: Slack never waits for the database.
        process_before_response=False,
    )
    for listeners in (commands, actions, views, home, messages):
        listeners.register(bolt, services)
    return BotApp(bolt=bolt, services=services, listener_pool=pool)
