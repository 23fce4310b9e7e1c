"""Request hygiene for the web app (pure ASGI middleware and helpers).

* ``HostCheckMiddleware``: the ``Host`` header must name this server: a loopback name
  (``127.0.0.1``, ``localhost``, ``[::1]``, any port), a name given with ``--allowed-host``,
  or the address the connection was made to. Anything else gets 421, which closes DNS
  rebinding (a foreign name resolving to 127.0.0.1) against the token-less loopback mode.
* ``SameOriginMiddleware``: POST/PUT/PATCH/DELETE need an ``Origin`` (or, without one, a
  ``Referer``) of this very site, or the access token in ``Authorization: Bearer``.
  ``Origin: null`` and foreign origins get 403: no cross-site request changes anything.
* ``SecurityHeadersMiddleware``: every response carries the security headers (CSP,
  nosniff, Referrer-Policy, frame-ancestors/X-Frame-Options, COOP/CORP), also JSON, errors
  and /openapi.json.
* ``redact_tokens`` / ``install_log_redaction``: a ``token=`` query parameter never reaches
  the log (uvicorn's access log included).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from ..errors import UsageError

__all__ = [
    "LOOPBACK_NAMES",
    "HostCheckMiddleware",
    "RedactTokenFilter",
    "SameOriginMiddleware",
    "SecurityHeadersMiddleware",
    "header",
    "install_log_redaction",
    "parse_allowed_host",
    "redact_tokens",
    "security_headers",
]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorFactory = Callable[[Scope, int, str, str], ASGIApp]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_NAME_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
_TOKEN_RE = re.compile(r"((?:^|[?&;\s])token=)[^&;\s\"'#]*", re.IGNORECASE)
REDACTED = "[redacted]"


def header(scope: Scope, name: bytes) -> str | None:
    """The first value of request header ``name`` (lower-case bytes), or None."""
    for k, v in scope.get("headers") or []:
        if k.lower() == name:
            return str(v.decode("latin-1"))
    return None


# ------------------------------------------------------------------ security headers


def security_headers(csp_script: str) -> dict[str, str]:
    """The headers every response carries. ``csp_script`` is the CSP source of the one
    inline script (``'sha256-…'``).

    Referrer-Policy is ``same-origin`` (not ``no-referrer``): with ``no-referrer`` a browser
    sends ``Origin: null`` on the app's own form posts, which the same-origin check refuses.
    """
    return {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Content-Security-Policy": (
            "default-src 'none'; style-src 'unsafe-inline'; "
            f"script-src {csp_script}; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    }


class SecurityHeadersMiddleware:
    """Add ``headers`` to every HTTP response that does not already set them."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                        for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                have = list(message.get("headers") or [])
                present = {k.lower() for k, _ in have}
                have += [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": have}
            await send(message)

        await self.app(scope, receive, wrapped)


# ------------------------------------------------------------------ Host header


def _split_host(value: str) -> tuple[str, str | None] | None:
    """``(name, port)`` of a Host header value (name lower-case, brackets removed), or None
    when the value is not a host name or IP address."""
    v = value.strip().lower()
    if not v:
        return None
    if v.startswith("["):
        end = v.find("]")
        if end < 0:
            return None
        name, rest = v[1:end], v[end + 1:]
        try:
            ipaddress.IPv6Address(name)
        except ValueError:
            return None
        if rest and not (rest.startswith(":") and rest[1:].isdigit()):
            return None
        return name, (rest[1:] or None)
    name, colon, port = v.partition(":")
    if colon and not port.isdigit():
        return None
    name = name[:-1] if name.endswith(".") else name
    if not _NAME_RE.match(name):
        return None
    return name, (port or None)


def parse_allowed_host(value: str) -> str:
    """Check one ``--allowed-host`` value (``name``, ``name:port``, ``[v6]``, ``[v6]:port``)
    and return it normalised; UsageError for anything else (no wildcards)."""
    parts = _split_host(value)
    if parts is None:
        raise UsageError(f"--allowed-host {value!r} is not a host name",
                         "give a plain name such as lagebild.example.org or 192.168.1.5:8000")
    name, port = parts
    shown = f"[{name}]" if ":" in name else name
    return f"{shown}:{port}" if port else shown


class HostCheckMiddleware:
    """Answer 421 unless the Host header names this server (see module docstring).

    ``allowed``: extra names (``name`` for any port, ``name:port`` for one port); the
    loopback names are always allowed.
    """

    def __init__(self, app: ASGIApp, allowed: Iterable[str], error: ErrorFactory) -> None:
        self.app = app
        self.error = error
        self.any_port: set[str] = set(LOOPBACK_NAMES)
        self.with_port: set[tuple[str, str]] = set()
        for value in allowed:
            parts = _split_host(parse_allowed_host(value))
            assert parts is not None  # parse_allowed_host raised otherwise
            name, port = parts
            if port:
                self.with_port.add((name, port))
            else:
                self.any_port.add(name)

    def allows(self, host: str | None, server: Any = None) -> bool:
        parts = _split_host(host or "")
        if parts is None:
            return False
        name, port = parts
        if name in self.any_port or (port is not None and (name, port) in self.with_port):
            return True
        # The address the client connected to (an IP for a real socket) names us too.
        own = server[0] if isinstance(server, (list, tuple)) and server else None
        return isinstance(own, str) and own.strip("[]").lower() == name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = header(scope, b"host")
        if self.allows(host, scope.get("server")):
            await self.app(scope, receive, send)
            return
        shown = (host or "")[:100]
        app = self.error(scope, 421, "unknown_host",
                         f"this server does not answer to the host name {shown!r}; "
                         "start it with --allowed-host NAME to admit a name")
        await app(scope, receive, send)


# ------------------------------------------------------------------ same origin


def _site(name: str | None, port: int | str | None) -> tuple[str, str | None] | None:
    """(host, port) for comparing sites; the default ports 80 and 443 count as none
    (behind a TLS proxy the app sees http while the browser's page is https)."""
    if not name:
        return None
    p = str(port) if port is not None else None
    return name.lower().rstrip("."), (None if p in ("80", "443") else p)


def _site_of_url(url: str) -> tuple[str, str | None] | None:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    return _site(parts.hostname, port)


def _own_site(scope: Scope) -> tuple[str, str | None] | None:
    parts = _split_host(header(scope, b"host") or "")
    return _site(*parts) if parts else None


class SameOriginMiddleware:
    """Refuse state-changing requests that are not from this site (see module docstring)."""

    def __init__(self, app: ASGIApp, error: ErrorFactory, token: str | None = None) -> None:
        self.app = app
        self.error = error
        self.token = token.encode("utf-8") if token else None

    def _has_token(self, scope: Scope) -> bool:
        auth = header(scope, b"authorization") or ""
        if not self.token or not auth.lower().startswith("bearer "):
            return False
        return hmac.compare_digest(auth[7:].strip().encode("utf-8"), self.token)

    def refusal(self, scope: Scope) -> str | None:
        """Why this request is refused, or None when it may go on."""
        if scope["type"] != "http" or scope.get("method", "GET").upper() in SAFE_METHODS:
            return None
        if self._has_token(scope):
            return None
        own = _own_site(scope)
        fetch_site = (header(scope, b"sec-fetch-site") or "").strip().lower()
        if fetch_site in ("cross-site", "same-site"):
            return f"cross-site request refused (Sec-Fetch-Site: {fetch_site})"
        origin = header(scope, b"origin")
        if origin is not None:
            site = _site_of_url(origin) if origin.strip().lower() != "null" else None
            if site is None or own is None or site != own:
                return f"cross-site request refused: Origin {origin[:100]!r} is not this site"
            return None
        referer = header(scope, b"referer")
        if referer is not None:
            site = _site_of_url(referer)
            if site is None or own is None or site != own:
                return "cross-site request refused: the Referer is not this site"
            return None
        return ("request refused: a state-changing request needs an Origin or Referer "
                "header of this site, or the access token")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        why = self.refusal(scope)
        if why is None:
            await self.app(scope, receive, send)
            return
        hint = (" (send 'Authorization: Bearer <token>' or an 'Origin' header naming this "
                "server)")
        app = self.error(scope, 403, "forbidden", why + hint)
        await app(scope, receive, send)


# ------------------------------------------------------------------ tokens in logs


def redact_tokens(text: str) -> str:
    """``text`` with the value of every ``token=`` parameter replaced by ``[redacted]``."""
    if "token=" not in text.lower():
        return text
    return _TOKEN_RE.sub(lambda m: m.group(1) + REDACTED, text)


def strip_token_param(query: bytes) -> bytes:
    """The query string without its ``token`` parameters (order of the rest kept)."""
    if b"token=" not in query.lower():
        return query
    keep = [p for p in query.split(b"&") if p.split(b"=", 1)[0].lower() != b"token"]
    return b"&".join(keep)


class RedactTokenFilter(logging.Filter):
    """A log filter that redacts ``token=`` values in the message and its arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact_tokens(a) if isinstance(a, str) else a
                                for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: redact_tokens(v) if isinstance(v, str) else v
                           for k, v in record.args.items()}
        return True


LOGGERS_REDACTED = ("uvicorn.access", "uvicorn.error", "uvicorn", "lagebild")


def install_log_redaction() -> None:
    """Put a :class:`RedactTokenFilter` on the loggers that may see request URLs (uvicorn's
    access and error logs, lagebild's own) and on the root logger's handlers. Idempotent;
    the filters survive uvicorn's own logging setup."""
    targets: list[logging.Filterer] = [logging.getLogger(n) for n in LOGGERS_REDACTED]
    targets += list(logging.getLogger().handlers)
    for t in targets:
        if not any(isinstance(f, RedactTokenFilter) for f in t.filters):
            t.addFilter(RedactTokenFilter())
