"""The sandbox stand-ins behave like Slack: recorded Web API calls, real signatures."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import parse_qs

import pytest
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier

from handlers.slack.sandbox.slack_requests import SlackRequests, signature_for
from handlers.slack.sandbox.web_api import SlackWebAPIStandIn

SECRET = "sandbox-signing-secret"


@pytest.fixture
def api():
    with SlackWebAPIStandIn() as standin:
        yield standin


@pytest.fixture
def client(api):
    return WebClient(token="xoxb-test", base_url=api.base_url)


def _raw_post(url: str, body: dict) -> tuple[int, dict, dict]:
    """POST without slack_sdk, so no retry handler hides a 429."""
    req = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, dict(resp.headers), json.loads(resp.read())
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), json.loads(err.read())


# -- Web API stand-in -------------------------------------------------------


def test_start_returns_webclient_base_url(api):
    assert api.base_url.startswith("http://127.0.0.1:")
    assert api.base_url.endswith("/api/")


def test_records_post_message_with_decoded_blocks(api, client):
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Hi*"}}]
    resp = client.chat_postMessage(channel="U0SAM", text="Hi", blocks=blocks)

    assert resp["ok"] is True
    assert resp["channel"] == "D0SAM"  # a user id is answered with their DM id
    (call,) = api.calls_to("chat.postMessage")
    assert call.params["channel"] == "U0SAM"
    assert call.params["text"] == "Hi"
    assert call.params["blocks"] == blocks
    assert call.headers["authorization"] == "Bearer xoxb-test"
    assert call.status == 200
    assert resp["message"]["blocks"] == blocks


def test_message_ts_are_unique_and_increasing(client):
    stamps = [client.chat_postMessage(channel="C1", text=str(i))["ts"] for i in range(3)]
    assert stamps == sorted(stamps, key=float)
    assert len(set(stamps)) == 3
    assert all(len(ts.split(".")[1]) == 6 for ts in stamps)


def test_form_encoded_json_fields_are_decoded(api, client):
    view = {"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": []}
    # Passing view as a JSON string through form params, as older callers do.
    client.api_call("views.open", params={"trigger_id": "t1", "view": json.dumps(view)})
    (call,) = api.calls_to("views.open")
    assert call.params["view"] == view
    assert call.params["trigger_id"] == "t1"


def test_views_open_returns_view_with_unique_id(client):
    view = {
        "type": "modal",
        "callback_id": "reflect",
        "title": {"type": "plain_text", "text": "T"},
        "blocks": [],
    }
    first = client.views_open(trigger_id="t1", view=view)["view"]
    second = client.views_open(trigger_id="t2", view=view)["view"]
    assert first["callback_id"] == "reflect"
    assert first["id"].startswith("V") and first["id"] != second["id"]


def test_wait_for_returns_calls_made_from_another_thread(api, client):
    def later():
        time.sleep(0.05)
        client.chat_postMessage(channel="C1", text="one")
        client.chat_postMessage(channel="C2", text="two")

    threading.Thread(target=later, daemon=True).start()
    calls = api.wait_for(
        "chat.postMessage", count=1, timeout=5, where=lambda c: c.params["channel"] == "C2"
    )
    assert [c.params["text"] for c in calls] == ["two"]
    assert len(api.calls_to("chat.postMessage")) == 2  # recorded in order, both kept


def test_wait_for_times_out_listing_methods_seen(api, client):
    client.auth_test()
    with pytest.raises(TimeoutError) as info:
        api.wait_for("chat.postMessage", timeout=0.2)
    assert "waited 0.2s" in str(info.value)
    assert "auth.test" in str(info.value)
    assert "chat.postMessage" in str(info.value)


def test_queued_responses_come_first_then_defaults(api, client):
    api.queue_response("chat.postMessage", {"ok": False, "error": "channel_not_found"})
    api.queue_response("chat.postMessage", {"ok": True, "ts": "1.000001", "channel": "C9"})

    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel="C1", text="x")
    assert info.value.response["error"] == "channel_not_found"
    assert client.chat_postMessage(channel="C1", text="x")["ts"] == "1.000001"
    assert client.chat_postMessage(channel="C1", text="x")["channel"] == "C1"  # default again
    assert len(api.calls_to("chat.postMessage")) == 3


def test_rate_limit_answers_429_with_retry_after():
    with SlackWebAPIStandIn(rate_limit_every=2, retry_after_s=7) as api:
        url = api.base_url + "chat.postMessage"
        statuses = [_raw_post(url, {"channel": "C1", "text": str(i)}) for i in range(4)]

        assert [s for s, _, _ in statuses] == [200, 429, 200, 429]
        _, headers, body = statuses[1]
        assert headers["Retry-After"] == "7"
        assert body == {"ok": False, "error": "ratelimited"}
        assert [c.status for c in api.calls_to("chat.postMessage")] == [200, 429, 200, 429]
        # Other methods are never rate limited.
        assert _raw_post(api.base_url + "auth.test", {})[0] == 200


def test_latency_is_added_to_each_call(monkeypatch):
    """The stand-in waits latency_s before each answer (how long that takes is bench's
    business): the wait it asks for is recorded instead of timed."""
    import handlers.slack.sandbox.web_api as web_api

    waits: list[float] = []
    monkeypatch.setattr(web_api.time, "sleep", waits.append)
    with SlackWebAPIStandIn(latency_s=0.2) as api:
        WebClient(token="xoxb-test", base_url=api.base_url).auth_test()
    assert waits == [0.2]


def test_users_lookup_by_email_and_info(api, client):
    api.add_user("U0SAM", real_name="Sam Patel", email="sam@example.org")

    found = client.users_lookupByEmail(email="SAM@example.org")["user"]
    assert found["id"] == "U0SAM"
    assert found["profile"]["real_name"] == "Sam Patel"
    assert client.users_info(user="U0SAM")["user"]["tz"] == "Europe/London"
    with pytest.raises(SlackApiError):
        client.users_lookupByEmail(email="nobody@example.org")
    with pytest.raises(SlackApiError) as info:
        client.users_info(user="U0NOBODY")
    assert info.value.response["error"] == "user_not_found"


def test_conversations_open_and_unknown_methods(api, client):
    assert client.conversations_open(users="U0SAM")["channel"]["id"] == "D0SAM"
    assert client.api_call("reactions.add", json={"name": "tada"})["ok"] is True
    assert [c.method for c in api.calls] == ["conversations.open", "reactions.add"]


def test_response_url_is_recorded(api):
    status, _, body = _raw_post(api.response_url("abc"), {"text": "done", "replace_original": True})
    assert (status, body) == (200, {"ok": True})
    (call,) = api.wait_for("response_url", timeout=1)
    assert call.params == {"text": "done", "replace_original": True}


def test_reset_clears_calls(api, client):
    client.auth_test()
    api.reset()
    assert api.calls == []


# -- Signed requests ----------------------------------------------------------


@pytest.fixture
def slack():
    return SlackRequests(url="http://127.0.0.1:9/slack/events", signing_secret=SECRET)


def _verifies(body: str, headers: dict[str, str]) -> bool:
    return SignatureVerifier(SECRET).is_valid(
        body, headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    )


@pytest.mark.parametrize(
    "build",
    [
        lambda s: s.slash_command_body("U0SAM", "reflect now"),
        lambda s: s.block_action_body("U0SAM", "rate", "4", message_ts="1700000000.000001"),
        lambda s: s.view_submission_body("U0SAM", callback_id="c", private_metadata="m", values={}),
        lambda s: s.message_im_body("U0SAM", "hello"),
    ],
)
def test_signed_requests_verify_and_tampering_is_caught(slack, build):
    body, _ = build(slack)
    headers = slack.sign(body)
    assert _verifies(body, headers)
    assert not _verifies(body + "x", headers)
    assert not _verifies(body, slack.sign(body, timestamp=int(time.time()) - 600))  # stale


def test_signature_for_matches_slack_sdk():
    expected = SignatureVerifier(SECRET).generate_signature(timestamp="1531420618", body="a=b")
    assert signature_for(SECRET, 1531420618, "a=b") == expected


def test_payload_shapes(slack):
    body, ctype = slack.slash_command_body("U0SAM", "help", response_url="http://x/r")
    fields = {k: v[0] for k, v in parse_qs(body).items()}
    assert ctype == "application/x-www-form-urlencoded"
    assert fields["command"] == "/copro" and fields["text"] == "help"
    assert fields["channel_id"] == "D0SAM" and fields["response_url"] == "http://x/r"
    assert fields["trigger_id"] and fields["api_app_id"] == "A0COPROBOT"

    body, _ = slack.block_action_body("U0SAM", "open", "v", view={"id": "V1"})
    payload = json.loads(parse_qs(body)["payload"][0])
    assert payload["container"] == {"type": "view", "view_id": "V1"}
    assert payload["actions"][0]["action_id"] == "open"
    assert "response_url" not in payload

    body, ctype = slack.message_im_body("U0SAM", "hi", bot_id="B1", subtype="bot_message")
    event = json.loads(body)["event"]
    assert ctype == "application/json"
    assert (event["bot_id"], event["subtype"], event["channel"]) == ("B1", "bot_message", "D0SAM")


def test_bolt_app_accepts_every_payload(api, slack):
    """A real Bolt app verifies and routes each sandbox payload to the right listener."""
    app = App(
        token="xoxb-test",
        signing_secret=SECRET,
        client=WebClient(token="xoxb-test", base_url=api.base_url),
    )
    seen: list[str] = []
    values = {"b1": {"note": {"type": "plain_text_input", "value": "went well"}}}

    @app.command("/copro")
    def on_command(ack, command):
        ack()
        seen.append(f"command:{command['text']}")

    @app.action("rate")
    def on_action(ack, body):
        ack()
        seen.append(f"action:{body['actions'][0]['value']}:{body['container']['type']}")

    @app.view("reflect")
    def on_submit(ack, view):
        ack()
        seen.append(f"submit:{view['state']['values']['b1']['note']['value']}")

    @app.view_closed("reflect")
    def on_closed(ack):
        ack()
        seen.append("closed")

    @app.event("message")
    def on_message(event):
        seen.append(f"message:{event['text']}")

    builds = [
        slack.slash_command_body("U0SAM", "start"),
        slack.block_action_body("U0SAM", "rate", "5", message_ts="1700000000.000001"),
        slack.view_submission_body(
            "U0SAM", callback_id="reflect", private_metadata="", values=values
        ),
        slack.view_closed_body("U0SAM", callback_id="reflect"),
        slack.message_im_body("U0SAM", "hello"),
    ]
    for body, ctype in builds:
        headers = {"content-type": ctype, **slack.sign(body)}
        resp = app.dispatch(BoltRequest(body=body, headers=headers))
        assert resp.status == 200, resp.body

    # A tampered body is refused before any listener runs.
    body, ctype = slack.slash_command_body("U0SAM", "start")
    bad = app.dispatch(
        BoltRequest(
            body=body.replace("start", "stop"), headers={"content-type": ctype, **slack.sign(body)}
        )
    )
    assert bad.status == 401

    # Lazy listeners/events run on threads; give the message handler a moment.
    deadline = time.monotonic() + 2
    while "message:hello" not in seen and time.monotonic() < deadline:
        time.sleep(0.01)
    assert seen == [
        "command:start",
        "action:5:message",
        "submit:went well",
        "closed",
        "message:hello",
    ]


def test_post_returns_non_2xx_instead_of_raising(api):
    sender = SlackRequests(url=api.base_url.replace("/api/", "/nowhere"), signing_secret=SECRET)
    resp = sender.url_verification("c")
    assert resp.status == 404
    assert resp.json() == {"ok": False, "error": "unknown_path"}

    sender = SlackRequests(url=api.response_url("signed"), signing_secret=SECRET)
    resp = sender.command("U0SAM", "hi")
    assert resp.status == 200
    (call,) = api.calls_to("response_url")
    assert call.params["text"] == "hi"
    assert call.headers["x-slack-signature"].startswith("v0=")
    assert abs(int(call.headers["x-slack-request-timestamp"]) - time.time()) < 60
