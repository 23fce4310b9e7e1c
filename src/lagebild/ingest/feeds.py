"""RSS/Atom feeds and URL lists as inputs.

A feed's entries become articles: the entry's own full text when the feed carries it
(``content:encoded``, Atom ``content``), otherwise the page behind the entry's link, fetched
with the same address checks as every other URL. A feed or page that fails (timeout, HTTP
error, not a feed) becomes a Failure naming it; the other entries and feeds go on.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..models import RawArticle
from .fetch import FEED_TYPES, fetch_page, fetch_url
from .files import Failure

__all__ = ["FEED_TEXT_MIN_CHARS", "read_feed", "read_url", "read_url_list"]

# A feed entry whose text is shorter than this is a teaser: the linked page is fetched instead.
# Full-text feeds of German outlets carry 1,500+ characters; teasers stay under 400.
FEED_TEXT_MIN_CHARS = 600


def read_url(url: str, *, allow_private: bool = False, timeout: float = 10) -> Iterator[RawArticle | Failure]:
    """One URL: a feed (every entry) or an article page."""
    try:
        page = fetch_page(url, allow_private=allow_private, timeout=timeout)
    except InputError as e:
        yield Failure(url, str(e))
        return
    head = page.text.lstrip()[:300].lower()
    if page.content_type in FEED_TYPES or head.startswith(("<?xml", "<rss", "<feed", "<rdf")):
        yield from read_feed(url, page.text, allow_private=allow_private, timeout=timeout)
        return
    host = page.url.split("/")[2] if "//" in page.url else page.url
    outlet = host[4:] if host.startswith("www.") else host
    aid = "url-" + hashlib.sha1(page.url.encode("utf-8")).hexdigest()[:12]
    if page.content_type == "text/plain":
        yield RawArticle(id=aid, text=page.text, url=page.url, outlet=outlet, source=url)
    else:
        yield RawArticle(id=aid, html=page.text, url=page.url, outlet=outlet, source=url)


def read_feed(url: str, body: str, *, allow_private: bool = False, timeout: float = 10) -> Iterator[RawArticle | Failure]:
    """The entries of a fetched feed document."""
    import feedparser

    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        yield Failure(url, f"not a readable RSS/Atom feed ({parsed.bozo_exception})")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries):
        link = entry.get("link")
        key = entry.get("id") or link or f"{url}#{n}"
        aid = "feed-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)
        html = ""
        if entry.get("content"):
            html = entry["content"][0].get("value", "")
        elif entry.get("summary"):
            html = entry["summary"]
        title = entry.get("title")
        if len(html) >= FEED_TEXT_MIN_CHARS or not link:
            if not html.strip():
                yield Failure(f"{url} entry {n + 1}", "the feed entry has neither text nor a link")
                continue
            yield RawArticle(id=aid, html=f"<html><body><h1>{title or ''}</h1>{html}</body></html>", title=title,
                             url=link, outlet=outlet, published=published, source=url)
            continue
        try:
            page = fetch_url(link, allow_private=allow_private, timeout=timeout)
        except InputError as e:
            yield Failure(link, str(e))
            continue
        yield RawArticle(id=aid, html=page.html, text=page.text if page.html is None else None, title=title,
                         url=page.url, outlet=outlet or page.outlet, published=published, source=url)


def read_url_list(path: Path) -> list[str]:
    """URLs from a text file, one per line; blank lines and '#' comments are skipped."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the URL list {path}: {e}", "give a UTF-8 text file with one URL per line") from e
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def iter_urls(urls: Iterable[str], *, allow_private: bool = False, timeout: float = 10) -> Iterator[RawArticle | Failure]:
    for u in urls:
        if not u.startswith(("http://", "https://")):
            yield Failure(u, "not an http(s) URL")
            continue
        yield from read_url(u, allow_private=allow_private, timeout=timeout)
