"""Story and article ids with any characters in URL paths.

Ids may contain ``/``, ``?``, ``#``, ``%``, spaces, any script. Links percent-encode them as
one path segment (:func:`lagebild.render.html.id_segment`: every reserved character, and
the dot of a trailing ``.json`` as ``%2E`` so the page of an id "x.json" is not the JSON
twin of "x").

A server decodes the whole path before routing, which would split ``a%2Fb`` into two
segments and turn ``x%2Ejson`` into a twin. ``RawPathMiddleware`` therefore re-decodes the
path from the raw bytes but keeps ``%2F``, ``%2E`` and ``%25`` encoded; the ``id`` path
convertor (``/stories/{story_id:id}``) matches one segment and decodes those three. Routes
keep their usual one-segment shape, so ``/stories/{story_id:id}/something`` works too.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote

from starlette.convertors import Convertor, register_url_convertor

from ..render.html import id_segment

__all__ = ["IdConvertor", "RawPathMiddleware", "routing_path"]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KEPT_ENCODED = frozenset({b"25", b"2F", b"2E"})  # '%', '/', '.': decoded by the convertor
_ESCAPE = re.compile(rb"%([0-9A-Fa-f]{2})")


def routing_path(raw_path: bytes) -> str:
    """The path to route on: ``raw_path`` decoded except for ``%25``, ``%2F`` and ``%2E``."""
    def one(m: re.Match[bytes]) -> bytes:
        code = m.group(1).upper()
        return b"%" + code if code in KEPT_ENCODED else bytes([int(code, 16)])

    return _ESCAPE.sub(one, raw_path.split(b"?", 1)[0]).decode("utf-8", "replace")


class IdConvertor(Convertor[str]):
    """One path segment holding an id (see module docstring)."""

    regex = "[^/]+"

    def convert(self, value: str) -> str:
        return unquote(value)

    def to_string(self, value: str) -> str:
        return id_segment(value)


register_url_convertor("id", IdConvertor())


class RawPathMiddleware:
    """Route on :func:`routing_path` of the raw path (when the server gives one)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path")
        if scope["type"] in ("http", "websocket") and isinstance(raw, bytes) and raw:
            scope = {**scope, "path": routing_path(raw)}
        await self.app(scope, receive, send)
