"""Watch feeds and URL lists: poll on a schedule, analyse what is new, keep going through errors.

A polite client (``PoliteClient``): a User-Agent naming lagebild, robots.txt honoured (also its
Crawl-delay), at most one request per host every ``host_interval`` seconds, retries with
exponential backoff on timeouts, connection errors, 429 and 5xx (Retry-After honoured up to a
cap), conditional GET with the ETag / Last-Modified of the last answer (kept in the store's
``watch_state`` table), proxies from HTTP_PROXY / HTTPS_PROXY / NO_PROXY (httpx ``trust_env``).
Addresses are checked like every other fetch (``ingest.fetch.check_address``): loopback and
private hosts only with ``allow_private``. Through a proxy the proxy resolves the host.

``watch`` runs cycles; each cycle reads every feed and URL, collects the articles it has not
seen (feed entries by id; pages by conditional GET), and analyses them with
``pipeline.analyze`` (incremental: only new articles are embedded, grouped and compared).
``stop`` (an Event, set by Ctrl-C) ends the run after the current article.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import re
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .errors import InputError, UsageError
from .ingest.feeds import feed_entries, url_article_id
from .ingest.fetch import (
    ALLOWED_TYPES,
    DEFAULT_MAX_BYTES,
    FEED_TYPES,
    USER_AGENT,
    _decode,
    _resolve,
    check_address,
)
from .ingest.files import Failure
from .models import RawArticle
from .store import Store

__all__ = ["CycleReport", "PoliteClient", "WatchOptions", "parse_interval", "run_cycle", "watch"]

log = logging.getLogger(__name__)

# One request per host per second: the common politeness norm of news crawlers (news-please,
# Scrapy's AutoThrottle start delay); robots.txt Crawl-delay raises it.
HOST_INTERVAL_S = 1.0
# Attempts per request and the first backoff pause (doubled each time): three tries over ~3 s
# ride out a restarting server without hammering it.
RETRIES = 3
BACKOFF_S = 1.0
# A Retry-After longer than this is not waited for; the URL is retried next cycle.
MAX_RETRY_AFTER_S = 60.0
RETRY_STATUS = (429, 500, 502, 503, 504)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """'15m' -> 900.0; units s, m, h, d; a bare number is seconds."""
    m = _INTERVAL.match(text.lower())
    if not m or float(m.group(1)) <= 0:
        raise UsageError(f"invalid interval {text!r}", "write it like 30s, 15m, 2h or 1d")
    return float(m.group(1)) * _UNITS[m.group(2)]


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class WatchOptions:
    every: float = 900.0
    cycles: int | None = None
    allow_private: bool = False
    timeout: float = 10.0
    host_interval: float = HOST_INTERVAL_S
    retries: int = RETRIES
    backoff: float = BACKOFF_S
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Answer:
    url: str
    content_type: str
    text: str


class PoliteClient:
    """HTTP GET with robots.txt, a per-host rate limit, retries and conditional requests."""

    def __init__(self, store: Store, opts: WatchOptions, sleep: Callable[[float], None] = time.sleep) -> None:
        self.store = store
        self.opts = opts
        self.sleep = sleep
        self.client = httpx.Client(
            timeout=opts.timeout, follow_redirects=True, trust_env=True,
            headers={"User-Agent": opts.user_agent},
            event_hooks={"request": [self._check_request]},
        )
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    # -- checks -----------------------------------------------------------------------
    def _check_request(self, request: httpx.Request) -> None:
        url = str(request.url)
        host = request.url.host
        if _proxied(url):
            return  # the proxy resolves the host and is the operator's choice
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        for ip in _resolve(host, port):
            check_address(ip, allow_private=self.opts.allow_private)

    def _wait_for(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                self.sleep(pause)
        self._last[host] = time.monotonic()

    def _robots_for(self, url: str) -> RobotFileParser | None:
        p = urlsplit(url)
        origin = f"{p.scheme}://{p.netloc}"
        if origin not in self._robots:
            rp: RobotFileParser | None = None
            try:
                resp = self._send(origin + "/robots.txt", {}, robots=False)
                if resp.status_code == 200:
                    rp = RobotFileParser()
                    rp.parse(resp.text.splitlines())
                elif resp.status_code in (401, 403):
                    rp = RobotFileParser()
                    rp.parse(["User-agent: *", "Disallow: /"])
            except InputError as e:
                log.info("no robots.txt for %s: %s", origin, e)
            self._robots[origin] = rp
        return self._robots[origin]

    def _send(self, url: str, headers: dict[str, str], *, robots: bool = True) -> httpx.Response:
        host = urlsplit(url).netloc
        delay = self.opts.host_interval
        if robots:
            rp = self._robots_for(url)
            if rp is not None:
                if not rp.can_fetch(self.opts.user_agent, url):
                    raise InputError(f"{url} is disallowed by robots.txt", "the site asks crawlers not to fetch it")
                crawl_delay = rp.crawl_delay(self.opts.user_agent)
                if crawl_delay:
                    delay = max(delay, float(crawl_delay))
        last_error = ""
        for attempt in range(max(1, self.opts.retries)):
            if attempt:
                self.sleep(self.opts.backoff * 2 ** (attempt - 1))
            self._wait_for(host, delay)
            self.requests += 1
            try:
                resp = self.client.get(url, headers=headers)
            except InputError:
                raise
            except httpx.HTTPError as e:
                last_error = f"{type(e).__name__}: {e}"
                continue
            if resp.status_code in RETRY_STATUS:
                last_error = f"HTTP {resp.status_code}"
                wait = _retry_after(resp.headers.get("retry-after"))
                if wait is not None and wait > MAX_RETRY_AFTER_S:
                    break
                if wait:
                    self.sleep(wait)
                continue
            return resp
        raise InputError(f"cannot fetch {url}: {last_error} after {self.opts.retries} attempts",
                         "the next cycle tries again")

    # -- the one public call ------------------------------------------------------------
    def get(self, url: str, *, conditional: bool = True) -> Answer | None:
        """The document at ``url``; None when it has not changed since the last answer (304)."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise InputError(f"cannot fetch {url!r}: only http and https URLs are supported", "check the list")
        headers: dict[str, str] = {"Accept": "application/rss+xml,application/atom+xml,text/html,text/plain;q=0.9,*/*;q=0.5"}
        state = self.store.db.one("SELECT etag, last_modified FROM watch_state WHERE url = ?", (url,)) if conditional else None
        if state:
            if state["etag"]:
                headers["If-None-Match"] = state["etag"]
            if state["last_modified"]:
                headers["If-Modified-Since"] = state["last_modified"]
        resp = self._send(url, headers)
        if resp.status_code == 304:
            self._remember(url, None, None, "not modified", keep=True)
            return None
        if resp.status_code >= 400:
            self._remember(url, None, None, f"HTTP {resp.status_code}", keep=True)
            raise InputError(f"{url} answered HTTP {resp.status_code}", "check that the address exists and is public")
        ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower() or "text/html"
        if ctype not in ALLOWED_TYPES + FEED_TYPES:
            raise InputError(f"{url} is {ctype}, not a feed, HTML or text", "give the address of a feed or an article page")
        if len(resp.content) > DEFAULT_MAX_BYTES:
            raise InputError(f"{url} is larger than {DEFAULT_MAX_BYTES} bytes", "save the page and analyse the file")
        if conditional:
            self._remember(url, resp.headers.get("etag"), resp.headers.get("last-modified"), "ok")
        return Answer(str(resp.url), ctype, _decode(resp.content, resp.charset_encoding))

    def _remember(self, url: str, etag: str | None, modified: str | None, status: str, *, keep: bool = False) -> None:
        with self.store.db.transaction():
            if keep:
                self.store.db.execute(
                    "INSERT INTO watch_state(url, checked_at, status) VALUES (?, ?, ?) "
                    "ON CONFLICT (url) DO UPDATE SET checked_at = excluded.checked_at, status = excluded.status",
                    (url, _now(), status),
                )
            else:
                self.store.db.execute(
                    "INSERT INTO watch_state(url, etag, last_modified, checked_at, status) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
                    "checked_at = excluded.checked_at, status = excluded.status",
                    (url, etag, modified, _now(), status),
                )


def _proxied(url: str) -> bool:
    p = urlsplit(url)
    proxies = urllib.request.getproxies()
    return bool(proxies.get(p.scheme) or proxies.get("all")) and not urllib.request.proxy_bypass(p.hostname or "")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - _dt.datetime.now(_dt.UTC)).total_seconds())


@dataclass
class CycleReport:
    n: int
    feeds: int = 0
    urls: int = 0
    not_modified: int = 0
    new_articles: int = 0
    stories_changed: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    stopped: bool = False

    def line(self) -> str:
        return (f"cycle {self.n}: {self.feeds} feeds, {self.urls} pages ({self.not_modified} not modified), "
                f"{self.new_articles} new or changed articles, {len(self.stories_changed)} stories updated, "
                f"{len(self.failures)} failed" + ("; stopped" if self.stopped else ""))


def _seen(store: Store, key: str) -> bool:
    return store.db.one("SELECT 1 AS x FROM watch_seen WHERE key = ?", (key,)) is not None


def _content_key(article_id: str, text: str) -> str:
    """The seen-key of one version of an article: its id and a hash of its text."""
    return f"{article_id}:{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


def _page_article(answer: Answer, source: str) -> RawArticle:
    from .outlets import domain_of

    aid = url_article_id(answer.url)
    kw: dict[str, Any] = {"text": answer.text} if answer.content_type == "text/plain" else {"html": answer.text}
    return RawArticle(id=aid, url=answer.url, outlet=domain_of(answer.url), source=source, **kw)



def _poll(client: PoliteClient, url: str, rep: CycleReport) -> Answer | None:
    """A conditional GET of ``url``: the answer, or None when it failed (recorded on
    ``rep``) or did not change since the last cycle (counted)."""
    try:
        ans = client.get(url)
    except InputError as e:
        rep.failures.append(Failure(url, str(e)))
        return None
    if ans is None:
        rep.not_modified += 1
    return ans

def run_cycle(n: int, store: Store, client: PoliteClient, feeds: Sequence[str], urls: Sequence[str],
              stop: threading.Event, analyse: Callable[[list[RawArticle]], Any]) -> CycleReport:
    """One pass over every feed and URL; new articles are analysed together at the end."""
    rep = CycleReport(n)
    raws: list[RawArticle] = []
    seen_keys: list[tuple[str, str]] = []
    for feed in feeds:
        if stop.is_set():
            break
        rep.feeds += 1
        ans = _poll(client, feed, rep)
        if ans is None:
            continue
        for entry in feed_entries(feed, ans.text):
            if stop.is_set():
                break
            if isinstance(entry, Failure):
                rep.failures.append(entry)
                continue
            if entry.html is not None or not entry.link:
                key = _content_key(entry.id, entry.html or "")
                if not _seen(store, key):
                    raws.append(entry.raw())
                    seen_keys.append((key, entry.id))
                continue
            if _seen(store, entry.id):
                continue
            try:
                page = client.get(entry.link, conditional=False)
            except InputError as e:
                rep.failures.append(Failure(entry.link, str(e)))
                continue
            if page is not None:
                raws.append(entry.raw_from_page(_page_article(page, feed)))
                seen_keys.append((entry.id, entry.id))
    for url in urls:
        if stop.is_set():
            break
        rep.urls += 1
        ans = _poll(client, url, rep)
        if ans is None:
            continue
        art = _page_article(ans, url)
        key = _content_key(art.id, ans.text)
        if _seen(store, key):  # a server without ETag / Last-Modified sent the same page again
            rep.not_modified += 1
            continue
        raws.append(art)
        seen_keys.append((key, art.id))
    rep.stopped = stop.is_set()
    if raws:
        result = analyse(raws)
        rep.failures.extend(result.failures)
        rep.new_articles = result.articles_new + result.articles_changed
        rep.stories_changed = list(result.stories_changed)
    if seen_keys:
        with store.db.transaction():
            store.db.executemany(
                "INSERT INTO watch_seen(key, article_id, seen_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                [(k, a, _now()) for k, a in seen_keys],
            )
    return rep


def watch(store: Store, feeds: Sequence[str], urls: Sequence[str], opts: WatchOptions, *,
          stop: threading.Event | None = None, on_cycle: Callable[[CycleReport], None] | None = None,
          analyse: Callable[[list[RawArticle]], Any] | None = None) -> list[CycleReport]:
    """Run cycles until ``opts.cycles`` are done or ``stop`` is set; returns the cycle reports."""
    from .pipeline import AnalyzeOptions
    from .pipeline import analyze as run

    stop = stop or threading.Event()
    aopts = AnalyzeOptions(allow_private_urls=opts.allow_private, url_timeout=opts.timeout)
    do = analyse or (lambda raws: run(raws, store, aopts))
    client = PoliteClient(store, opts)
    reports: list[CycleReport] = []
    try:
        n = 0
        while not stop.is_set():
            n += 1
            rep = run_cycle(n, store, client, feeds, urls, stop, do)
            reports.append(rep)
            if on_cycle:
                on_cycle(rep)
            if opts.cycles is not None and n >= opts.cycles:
                break
            stop.wait(opts.every)
    finally:
        client.close()
    return reports
