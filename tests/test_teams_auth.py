"""Every request to /api/messages must carry a Bot Framework token signed by a published key
(the stand-in's, served as OpenID metadata and a JWKS, as Microsoft serves theirs): a good
one is accepted; a missing, expired, not-yet-valid, wrongly addressed, wrongly issued or
badly signed one, an unknown key or another service's token gets 401 and nothing is
stored."""

from __future__ import annotations

import time

import pytest

from storage.models import Reply
from tests.conftest import DAY_ONE_PROMPT
from tests.teams_harness import SAM


@pytest.fixture
def ready(teams):
    """Sam has installed the app, agreed, and has a prompt waiting."""
    from bot.domain.consent import agree_for_everyone

    teams.load()
    assert teams.teams.install(SAM)[0] == 202
    agree_for_everyone(teams.store, teams.clock)
    teams.clock.set(DAY_ONE_PROMPT)
    teams.services.run_due()
    teams.stand_in.reset()
    return teams


def _replies(harness) -> int:
    with harness.store.transaction() as session:
        return session.query(Reply).count()


def test_a_good_token_is_accepted_and_the_reply_stored(ready):
    status, _ = ready.teams.post(ready.teams.message_activity(SAM, "Clear agendas help"))
    assert status == 202 and _replies(ready) == 1


BAD_TOKENS = {
    "expired": dict(lifetime_s=-3600, not_before_s=-7200),
    "not yet valid": dict(not_before_s=3600, lifetime_s=7200),
    "wrong audience": dict(audience="11111111-2222-4333-8444-555555555555"),
    "wrong issuer": dict(issuer="https://sts.windows.net/someone-else/"),
    "bad signature": dict(rogue=True),
    "unknown key": dict(kid="a-key-nobody-published"),
    "another service URL": dict(service_url="https://smba.trafficmanager.net/emea/"),
}


def test_every_bad_token_gets_401_and_nothing_is_stored(ready):
    import jwt

    tokens = {kind: ready.stand_in.token(**options) for kind, options in BAD_TOKENS.items()}
    unsigned = {"iss": "https://api.botframework.com", "aud": ready.stand_in.app_id,
                "exp": int(time.time()) + 600}  # fmt: skip
    tokens["unsigned"] = jwt.encode(unsigned, key="", algorithm="none")
    headers = {f"header {h!r}": h for h in ("", "Bearer", "Basic dXNlcjpwYXNz", "Bearer x.y.z")}
    answers = {}
    for kind, token in tokens.items():
        answers[kind] = ready.teams.post(ready.teams.message_activity(SAM, "Hello"), token=token)
    for kind, header in headers.items():
        answers[kind] = ready.teams.post(
            ready.teams.message_activity(SAM, "Hello"), authorization=header
        )
    assert {kind: status for kind, (status, _) in answers.items()} == dict.fromkeys(answers, 401)
    assert {body["error"] for _, body in answers.values()} == {"unauthorized"}
    assert _replies(ready) == 0
    assert ready.stand_in.calls("send") + ready.stand_in.calls("reply") == []
    # The same activity with a good token still goes through: it was only the tokens.
    assert ready.teams.message(SAM, "Hello")[0] == 202 and _replies(ready) == 1
