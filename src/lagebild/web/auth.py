"""Access control and request limits for the web app (pure ASGI middleware).

* ``check_bind``: the app listens on loopback by default; any other address needs a token.
* ``TokenMiddleware``: with a token set, every request must carry it — header
  ``Authorization: Bearer …`` (preferred), the cookie ``lagebild_token`` (a keyed hash of
  the token, see :func:`cookie_value`), or the query
  ``?token=…`` (which sets the cookie, is removed from the request before the app and the
  logs see it, and sends a browser on to the same page without it).
* ``BodyLimitMiddleware``: request bodies above ``max_bytes`` get 413 before the app parses
  them, whether or not the client announced a Content-Length.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, quote

from ..errors import UsageError
from .security import header, strip_token_param

__all__ = [
    "COOKIE_NAME",
    "BodyLimitMiddleware",
    "TokenMiddleware",
    "check_bind",
    "is_loopback_host",
]

COOKIE_NAME = "lagebild_token"


def cookie_value(token: str) -> str:
    """What the cookie holds: a keyed hash of the token, never the token itself (a cookie
    that ends up in a proxy log or a browser profile does not give the token away, and any
    token is a valid cookie value)."""
    return "v1." + hmac.new(token.encode("utf-8"), b"lagebild-cookie", "sha256").hexdigest()

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
# (scope, status, code, message) -> an ASGI app that sends the error response
ErrorFactory = Callable[[Scope, int, str, str], ASGIApp]


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback IPs (127.0.0.0/8, ::1)."""
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Raise UsageError when ``host`` is not a loopback address and no token is set."""
    if not is_loopback_host(host) and not (token and token.strip()):
        raise UsageError(
            f"refusing to listen on {host} without an access token",
            "pass --token SECRET (or set LAGEBILD_TOKEN), or bind to 127.0.0.1",
        )


class TokenMiddleware:
    """Require the token on every request (see module docstring)."""

    def __init__(self, app: ASGIApp, token: str, error: ErrorFactory) -> None:
        self.app = app
        self.token = token.encode("utf-8")
        self.cookie_value = cookie_value(token)
        self.error = error

    def _ok(self, value: str | None) -> bool:
        return value is not None and value != "" and hmac.compare_digest(
            value.encode("utf-8"), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        auth = header(scope, b"authorization") or ""
        if auth.lower().startswith("bearer ") and self._ok(auth[7:].strip()):
            await self.app(scope, receive, send)
            return
        raw_query = scope.get("query_string", b"")
        query = parse_qs(raw_query.decode("latin-1"))
        if self._ok((query.get("token") or [None])[0]):
            # Nothing downstream (pages, logs that read the scope) sees the token again.
            scope["query_string"] = strip_token_param(raw_query)
            secure = scope.get("scheme") == "https"
            if scope.get("method") == "GET" and "text/html" in (header(scope, b"accept") or ""):
                await self._redirect_without_token(scope, send, secure)
                return
            await self.app(scope, receive, self._with_cookie(send, secure))
            return
        cookie = SimpleCookie()
        try:
            cookie.load(header(scope, b"cookie") or "")
        except Exception:
            cookie = SimpleCookie()
        if COOKIE_NAME in cookie and hmac.compare_digest(
                cookie[COOKIE_NAME].value.encode("utf-8"), self.cookie_value.encode("utf-8")):
            await self.app(scope, receive, send)
            return
        app = self.error(scope, 401, "unauthorized",
                         "an access token is required: send 'Authorization: Bearer <token>' "
                         "or open the page with ?token=<token>")
        await app(scope, receive, send)

    def _cookie(self, secure: bool) -> tuple[bytes, bytes]:
        value = self.cookie_value
        flags = "; Secure" if secure else ""
        return (b"set-cookie",
                f"{COOKIE_NAME}={value}; Path=/; HttpOnly; SameSite=Strict{flags}".encode())

    def _with_cookie(self, send: Send, secure: bool) -> Send:
        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers.append(self._cookie(secure))
                message = {**message, "headers": headers}
            await send(message)

        return wrapped

    async def _redirect_without_token(self, scope: Scope, send: Send, secure: bool) -> None:
        """A browser that opened ``?token=…`` gets the cookie and the same page without the
        token in its address bar and history (303 to the URL without it)."""
        path = scope.get("raw_path") or quote(scope.get("path", "/")).encode("ascii")
        path = path.split(b"?", 1)[0].replace(b"\\", b"%5C")
        path = b"/" + path.lstrip(b"/")  # never '//host' or '/\\host': no open redirect
        query = scope.get("query_string", b"")
        location = path + (b"?" + query if query else b"")
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location), self._cookie(secure),
                                (b"content-length", b"0"), (b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": b""})


class BodyLimitMiddleware:
    """Answer 413 for request bodies larger than ``max_bytes`` (counted while reading)."""

    def __init__(self, app: ASGIApp, max_bytes: int, error: ErrorFactory) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.error = error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        too_big = self.error(scope, 413, "payload_too_large",
                             f"the request body is larger than the limit of {self.max_bytes} "
                             "bytes; upload fewer or smaller files")
        declared = header(scope, b"content-length")
        if declared and declared.strip().isdigit() and int(declared) > self.max_bytes:
            await too_big(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await too_big(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole = b"".join(chunks)
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
