"""Behind an organisation's web proxy: every connection to Slack (the Web API, file uploads and
the Socket Mode WebSocket) goes through HTTPS_PROXY unless NO_PROXY lists the host, through a
real proxy on loopback that records what it carried; and `copro-bot run` tells "cannot reach
Slack" from "Slack refused the token", with the fix for each."""

from __future__ import annotations

import pytest

from bot.app import create_app, slack_adapter
from bot.cli import main
from bot.config import Settings
from handlers.slack.reach import SlackTrouble
from storage import Store
from tests.proxy import RecordingProxy


@pytest.fixture
def proxy():
    with RecordingProxy() as running:
        yield running


def settings(slack_api, **values) -> Settings:
    return Settings(slack_bot_token="xoxb-good", slack_app_token="xapp-good",
                    slack_api_url=slack_api.base_url, **values)  # fmt: skip


def test_the_web_api_and_file_uploads_go_through_the_proxy(slack_api, proxy):
    adapter = slack_adapter(settings(slack_api, https_proxy=proxy.url))
    try:
        assert adapter.check_credentials() == "copro-bot in Copro Sandbox"
        adapter.client.chat_postMessage(channel="U0MEMBER01", text="Hello")
        adapter.client.files_upload_v2(channel="D0MEMBER01", content=b"a,b", filename="x.csv")
    finally:
        adapter.close()
    api = slack_api.base_url
    for call in ("auth.test", "chat.postMessage", "files.getUploadURLExternal"):
        assert proxy.saw(f"POST {api}{call}"), proxy.seen
    assert proxy.saw("POST " + api.replace("/api/", "/upload/"))  # the file's bytes too
    assert [c.method for c in slack_api.calls][:2] == ["auth.test", "chat.postMessage"]


def test_a_host_in_no_proxy_is_reached_directly_even_with_https_proxy_in_the_environment(
    slack_api, proxy, monkeypatch
):
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)  # slack_sdk would pick this up by itself
    adapter = slack_adapter(
        settings(slack_api, https_proxy=proxy.url, no_proxy="localhost,127.0.0.1")
    )
    try:
        assert adapter.check_credentials()
    finally:
        adapter.close()
    assert slack_api.calls_to("auth.test") and proxy.seen == []


def test_the_settings_decide_the_proxy_not_slack_sdk_s_own_look_at_the_environment(
    slack_api, proxy, monkeypatch
):
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    adapter = slack_adapter(settings(slack_api))  # the settings, read once, have no proxy
    try:
        assert adapter.check_credentials()
    finally:
        adapter.close()
    assert proxy.seen == []


def test_socket_mode_opens_its_websocket_through_the_proxy(slack_api, proxy, tmp_path, caplog):
    store = Store.from_url(f"sqlite:///{tmp_path / 'copro.db'}")
    bot = create_app(settings(slack_api, https_proxy=proxy.url), store=store)
    handler = bot.adapter.socket_mode_handler()
    try:
        handler.client.connect()
        # The proxy cannot reach the real Slack from here and answers 502; the client says so.
        assert not handler.client.is_connected()
        assert "Failed to connect to the proxy" in caplog.text and "502" in caplog.text
    finally:
        handler.client.close()
        bot.close()
        store.dispose()
    assert proxy.saw(f"POST {slack_api.base_url}apps.connections.open")
    assert proxy.saw("CONNECT wss-primary.slack.com:443")  # the WebSocket, tunnelled
    opened = slack_api.calls_to("apps.connections.open")[0]
    assert opened.headers["authorization"] == "Bearer xapp-good"


def test_a_proxy_that_wants_a_password_is_named_at_start_up(
    slack_api, monkeypatch, capsys, tmp_path
):
    with RecordingProxy(password="nhs:secret") as strict:
        environment(monkeypatch, slack_api, tmp_path, HTTPS_PROXY=strict.url)
        assert main(["run"]) == 2
        assert strict.saw("POST")
    said = capsys.readouterr().err
    assert said.startswith("Cannot reach Slack: the proxy at http://127.0.0.1:")
    assert "wants a user name and password (HTTP 407)" in said
    assert "Fix: Give them in HTTPS_PROXY (http://USER:PASSWORD@proxy:port)" in said


def test_with_the_proxy_s_password_given_the_bot_gets_through(slack_api, monkeypatch, tmp_path):
    with RecordingProxy(password="nhs:secret") as strict:
        adapter = slack_adapter(
            settings(slack_api, https_proxy=strict.url.replace("//", "//nhs:secret@"))
        )
        try:
            assert adapter.check_credentials()
        finally:
            adapter.close()
        assert strict.saw("POST") and slack_api.calls_to("auth.test")


def test_a_refused_token_behind_the_proxy_is_told_as_refused_not_unreachable(
    slack_api, proxy, monkeypatch, capsys, tmp_path
):
    slack_api.bot_tokens = {"xoxb-good"}
    environment(monkeypatch, slack_api, tmp_path, HTTPS_PROXY=proxy.url,
                SLACK_BOT_TOKEN="xoxb-revoked")  # fmt: skip
    assert main(["run"]) == 2
    said = capsys.readouterr().err
    assert said.startswith("Slack refused the token: Slack answered 'invalid_auth'")
    assert "Fix: Copy the Bot User OAuth Token (xoxb-...) again" in said
    assert proxy.saw("POST")


def test_a_proxy_out_of_reach_at_start_up_says_to_check_https_proxy(
    slack_api, monkeypatch, capsys, tmp_path
):
    environment(monkeypatch, slack_api, tmp_path, HTTPS_PROXY="http://127.0.0.1:9")
    assert main(["run"]) == 2
    said = capsys.readouterr().err
    assert "Cannot reach Slack: could not connect to the proxy at http://127.0.0.1:9" in said
    assert "Fix: Check HTTPS_PROXY" in said


def test_a_tls_failure_is_told_as_unreachable_with_its_fix(slack_api):
    # An https:// address on a plain-HTTP port: the TLS handshake cannot succeed.
    adapter = slack_adapter(
        Settings(slack_bot_token="xoxb-good", slack_app_token="xapp-good",
                 slack_api_url=slack_api.base_url.replace("http://", "https://"))
    )  # fmt: skip
    try:
        with pytest.raises(SlackTrouble) as raised:
            adapter.check_credentials()
    finally:
        adapter.close()
    assert raised.value.trouble.kind == "unreachable"
    assert "the secure (TLS) connection to 127.0.0.1 failed" in str(raised.value)
    assert "SSL_CERT_FILE" in raised.value.trouble.fix


def test_an_unknown_name_is_told_as_dns(slack_api):
    adapter = slack_adapter(
        Settings(slack_bot_token="xoxb-good", slack_app_token="xapp-good",
                 slack_api_url="https://slack.invalid/api/")
    )  # fmt: skip
    try:
        with pytest.raises(SlackTrouble, match=r"the name slack\.invalid could not be looked up"):
            adapter.check_credentials()
    finally:
        adapter.close()


def environment(monkeypatch, slack_api, tmp_path, **values: str) -> None:
    for name, value in {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'copro.db'}",
        "SLACK_BOT_TOKEN": "xoxb-good",
        "SLACK_APP_TOKEN": "xapp-good",
        "SLACK_API_URL": slack_api.base_url,
        "COPRO_SPOOL_DIR": str(tmp_path / "spool"),
        **values,
    }.items():
        monkeypatch.setenv(name, value)
