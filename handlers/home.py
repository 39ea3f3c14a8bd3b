"""The Home tab: shown when opened, and again after every choice made on it."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.errors import UserError
from bot.domain.home import build_home
from bot.domain.members import away_until
from bot.services import Services
from handlers import blocks
from handlers import home_blocks as hb
from handlers.facilitator_files import send_digest, send_export
from handlers.replies import kindly

log = logging.getLogger(__name__)


def refresh(client: WebClient, services: Services, user_id: str) -> None:
    """Publish the person's Home tab as it is now; a failure here loses nothing."""
    try:
        page = build_home(services.store, user_id=user_id)
        client.views_publish(user_id=user_id, view=hb.home_view(page))
    except SlackApiError as error:
        log.info("could not publish the Home tab: %s", error.response.get("error"))
    except Exception:
        log.exception("building the Home tab failed")


def register(app: App, services: Services) -> None:
    @app.event("app_home_opened")
    def opened(event: dict, client: WebClient) -> None:
        if event.get("tab", "home") == "home":
            refresh(client, services, event["user"])

    def on_home(action_id: str, what: str):
        """A Home tab button: do it, tell a user-caused problem in a small window, refresh."""

        def decorator(work):
            @app.action(action_id)
            def listener(ack: Ack, body: dict, client: WebClient) -> None:
                ack()
                user_id = body["user"]["id"]

                def tell(text: str) -> None:
                    client.views_open(
                        trigger_id=body["trigger_id"], view=blocks.notice_modal("Reflections", text)
                    )

                with kindly(tell, what):
                    work(user_id, body["actions"][0], client, tell)
                refresh(client, services, user_id)

            return listener

        return decorator

    @on_home(hb.HOME_PAUSE, "pausing from Home")
    def pause(user_id, action, client, tell) -> None:
        services.members.set_paused(user_id=user_id, paused=True)

    @on_home(hb.HOME_RESUME, "resuming from Home")
    def resume(user_id, action, client, tell) -> None:
        services.members.set_paused(user_id=user_id, paused=False)

    @on_home(hb.HOME_AWAY, "setting away from Home")
    def away(user_id, action, client, tell) -> None:
        until = away_until(action.get("selected_date") or "", services.clock.now().date())
        services.members.set_away(user_id=user_id, until=until)

    @on_home(hb.HOME_BACK, "coming back from Home")
    def back(user_id, action, client, tell) -> None:
        services.members.set_away(user_id=user_id, until=None)

    @on_home(hb.HOME_USAGE, "choosing usage from Home")
    def usage(user_id, action, client, tell) -> None:
        chosen = (action.get("selected_option") or {}).get("value")
        services.members.set_default_usage(user_id=user_id, usage=chosen)

    @on_home(hb.HOME_CONSENT, "showing consent from Home")
    def consent(user_id, action, client, tell) -> None:
        for wording in services.consent.waiting(user_id=user_id):
            services.messenger.send_consent_request(user_id, wording)
        tell("I've sent you the details in a message. Please read them there and choose.")

    @on_home(hb.HOME_WITHDRAW, "withdrawing consent from Home")
    def withdraw(user_id, action, client, tell) -> None:
        services.consent.withdraw(user_id=user_id)

    @on_home(hb.HOME_DELETE, "deleting a reply from Home")
    def delete(user_id, action, client, tell) -> None:
        day = services.replies.delete(user_id=user_id, delivery_id=int(action.get("value") or 0))
        tell(f"Done. Your answer for {day} is deleted.")

    @on_home(hb.HOME_REPLY_USAGE, "choosing a reply's usage from Home")
    def reply_usage(user_id, action, client, tell) -> None:
        delivery, _, chosen = ((action.get("selected_option") or {}).get("value") or "").partition(
            ":"
        )
        if not delivery.isdigit():
            raise UserError("Sorry, I didn't recognise that choice. Please pick one from the list.")
        services.replies.set_usage(user_id=user_id, delivery_id=int(delivery), usage=chosen)

    @on_home(hb.HOME_DIGEST, "digest from Home")
    def digest(user_id, action, client, tell) -> None:
        send_digest(services, user_id)
        tell("I've sent you this week's digest in a message.")

    @on_home(hb.HOME_EXPORT, "export from Home")
    def export(user_id, action, client, tell) -> None:
        send_export(client, services, user_id)
        tell("I've sent you the export (a CSV file) in a message.")
