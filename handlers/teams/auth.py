"""Every request Teams sends us carries a Bot Framework token; this checks it, or refuses.

Built on PyJWT (the Agents SDK's own dependency), because the SDK's ``JwtTokenValidator``
picks its key set from the token's issuer with Microsoft's addresses built in: it cannot be
pointed at another OpenID metadata document, so a demo or a test could not sign tokens with
keys of its own. This check reads ``TEAMS_OPENID_METADATA_URL`` (Microsoft's by default),
fetches the key set at its ``jwks_uri`` and accepts a token only when all of these hold:

- it is signed (RS256) by a key in that set, found by its ``kid``; a key the set says is for
  certain channels (``endorsements``) must name the activity's channel (``msteams``);
- its issuer is ``https://api.botframework.com`` and its audience is our ``TEAMS_APP_ID``;
- it has not expired and is already valid (``exp``, ``nbf``, five minutes' leeway for clocks,
  as the Bot Framework recommends);
- its ``serviceurl`` claim, when present, is the activity's ``serviceUrl``.

There is no way to switch this off: an unsigned request is refused like any other bad one.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt

log = logging.getLogger(__name__)

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
LEEWAY_S = 300
REFRESH_AFTER_S = 24 * 3600  # keys are fetched again at least daily (they rotate)
UNKNOWN_KID_COOLDOWN_S = 60  # and at most once a minute for a kid we have never seen
FETCH_TIMEOUT_S = 10


class Unauthorized(Exception):
    """The request's token is missing or wrong; ``reason`` is for our logs, never the caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Key:
    key: Any
    endorsements: tuple[str, ...]


def _fetch_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_S) as answer:  # noqa: S310 (ours)
        return json.loads(answer.read())


class TokenCheck:
    def __init__(
        self,
        *,
        app_id: str,
        metadata_url: str,
        issuer: str = BOT_FRAMEWORK_ISSUER,
        fetch: Callable[[str], dict] = _fetch_json,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.app_id = app_id
        self.metadata_url = metadata_url
        self.issuer = issuer
        self._fetch = fetch
        self._now = now
        self._keys: dict[str, _Key] = {}
        self._fetched_at = 0.0
        self._lock = threading.Lock()

    def claims(
        self, authorization: str | None, *, service_url: str | None, channel_id: str | None
    ) -> dict[str, Any]:
        """The token's verified claims; ``Unauthorized`` otherwise."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("no bearer token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise Unauthorized(f"not a token ({type(error).__name__})") from None
        if header.get("alg") != "RS256":
            raise Unauthorized("not signed with RS256")
        found = self._key(str(header.get("kid") or ""))
        if found.endorsements and (channel_id or "") not in found.endorsements:
            raise Unauthorized("the key is not endorsed for this channel")
        try:
            claims = jwt.decode(
                token,
                found.key,
                algorithms=["RS256"],
                audience=self.app_id,
                issuer=self.issuer,
                leeway=LEEWAY_S,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise Unauthorized(type(error).__name__) from None
        claimed = claims.get("serviceurl")
        if claimed is not None and _same_url(claimed) != _same_url(service_url or ""):
            raise Unauthorized("the token was issued for another service URL")
        return claims

    def _key(self, kid: str) -> _Key:
        with self._lock:
            stale = self._now() - self._fetched_at > REFRESH_AFTER_S
            unseen = kid not in self._keys
            if stale or (unseen and self._now() - self._fetched_at > UNKNOWN_KID_COOLDOWN_S):
                self._refresh()
            found = self._keys.get(kid)
        if found is None:
            raise Unauthorized("signed by a key that is not published")
        return found

    def _refresh(self) -> None:
        try:
            metadata = self._fetch(self.metadata_url)
            key_set = self._fetch(metadata["jwks_uri"])
        except Exception as error:  # keep the keys we had; a request may still pass with them
            log.warning("could not fetch the token signing keys: %s", type(error).__name__)
            return
        keys = {}
        for entry in key_set.get("keys", []):
            try:
                keys[entry["kid"]] = _Key(
                    jwt.PyJWK(entry, algorithm="RS256").key, tuple(entry.get("endorsements") or ())
                )
            except (KeyError, jwt.PyJWTError):
                continue
        self._keys = keys
        self._fetched_at = self._now()


def _same_url(url: str) -> str:
    return url.strip().rstrip("/").lower()
