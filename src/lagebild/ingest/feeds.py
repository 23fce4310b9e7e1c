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
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..models import RawArticle
from .fetch import FEED_TYPES, fetch_page, fetch_url
from .files import Failure

__all__ = ["FEED_TEXT_MIN_CHARS", "FeedEntry", "feed_entries", "read_feed", "read_url", "read_url_list", "url_article_id"]

# A feed entry whose text is shorter than this is a teaser: the linked page is fetched instead.
# Full-text feeds of German outlets carry 1,500+ characters; teasers stay under 400.
FEED_TEXT_MIN_CHARS = 600


def url_article_id(url: str) -> str:
    """The article id of a page read from a URL: ``url-`` and a hash of the final URL."""
    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


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
    aid = url_article_id(page.url)
    if page.content_type == "text/plain":
        yield RawArticle(id=aid, text=page.text, url=page.url, outlet=outlet, source=url)
    else:
        yield RawArticle(id=aid, html=page.text, url=page.url, outlet=outlet, source=url)


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: its article id, link, and its own text when the feed carries it."""

    id: str
    feed: str
    n: int
    link: str | None
    title: str | None
    outlet: str | None
    published: str | None
    html: str | None  # the entry's full text (None: a teaser; the linked page is the article)

    def raw(self) -> RawArticle:
        """The article from the entry's own text (only when ``html`` is set)."""
        return RawArticle(id=self.id, html=f"<html><body><h1>{self.title or ''}</h1>{self.html or ''}</body></html>",
                          title=self.title, url=self.link, outlet=self.outlet, published=self.published, source=self.feed)

    def raw_from_page(self, page: RawArticle) -> RawArticle:
        """The article from the fetched linked page."""
        return RawArticle(id=self.id, html=page.html, text=page.text if page.html is None else None, title=self.title,
                          url=page.url, outlet=self.outlet or page.outlet, published=self.published, source=self.feed)


def feed_entries(url: str, body: str) -> Iterator[FeedEntry | Failure]:
    """The entries of a fetched feed document (nothing is fetched here)."""
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
        full = len(html) >= FEED_TEXT_MIN_CHARS or not link
        if full and not html.strip():
            yield Failure(f"{url} entry {n + 1}", "the feed entry has neither text nor a link")
            continue
        yield FeedEntry(aid, url, n, link, title, outlet, published, html if full else None)


def read_feed(url: str, body: str, *, allow_private: bool = False, timeout: float = 10) -> Iterator[RawArticle | Failure]:
    """The entries of a fetched feed document."""
    for entry in feed_entries(url, body):
        if isinstance(entry, Failure):
            yield entry
            continue
        if entry.html is not None or not entry.link:
            yield entry.raw()
            continue
        try:
            page = fetch_url(entry.link, allow_private=allow_private, timeout=timeout)
        except InputError as e:
            yield Failure(entry.link, str(e))
            continue
        yield entry.raw_from_page(page)


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
