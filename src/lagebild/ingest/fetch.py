"""Fetch one article from a URL, refusing local and private network addresses.

The web app lets a user give URLs, so the server must not become a way into the network it
runs in (SSRF). ``fetch_url`` resolves the host itself, refuses every non-public address
(the ``ipaddress`` properties plus the IANA special-purpose blocks, also when an IPv6
address embeds an IPv4 one: mapped, 6to4, Teredo, NAT64) unless the operator allowed them,
connects to the address it checked (so a second DNS answer cannot swap it), follows
redirects by hand and checks every hop again, and stops reading past ``max_bytes``.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from ..errors import InputError
from ..models import RawArticle

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FEED_TYPES",
    "MAX_REDIRECTS",
    "SPECIAL_PURPOSE",
    "Page",
    "check_address",
    "fetch_page",
    "fetch_url",
]

DEFAULT_MAX_BYTES = 5_000_000  # a news page with inline scripts is well under 2 MB
MAX_REDIRECTS = 5  # news sites redirect http->https->canonical: 2-3 hops in practice
USER_AGENT = "lagebild/0.1 (+offline news dossier tool)"
ALLOWED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")

Resolver = Callable[[str, int], list[str]]

_PRIVATE_HINT = "start the app with --allow-private-urls to fetch from local or private addresses"


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise InputError(f"cannot resolve host {host!r}: {e.strerror or e}",
                         "check the address") from e
    return sorted({str(info[4][0]) for info in infos})


# IANA special-purpose registries (IPv4 RFC 6890 and updates; IPv6 likewise) — every block
# listed there is refused, also the few the standard library calls "global" (192.0.0.9,
# 192.0.0.10, 2001:1::1, AS112 ...): news is never served from them. Most of these are
# caught by the ipaddress properties already; the table closes the rest on every Python.
SPECIAL_PURPOSE = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24",
    "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    "::/128", "::1/128", "::/96", "::ffff:0:0:0/96", "64:ff9b:1::/48",
    "100::/64", "2001::/23", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48",
    "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
))
NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: last 32 bits are IPv4


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: IPv4-mapped, 6to4 (2002::/16), Teredo
    (server and client), NAT64 (64:ff9b::/96) and IPv4-compatible (::a.b.c.d)."""
    found: list[ipaddress.IPv4Address] = []
    if addr.ipv4_mapped is not None:
        return [addr.ipv4_mapped]
    if addr in NAT64_WELL_KNOWN:
        return [ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)]
    if addr.sixtofour is not None:
        found.append(addr.sixtofour)
    if addr.teredo is not None:
        found.extend(addr.teredo)
    if int(addr) >> 32 == 0:  # IPv4-compatible ::a.b.c.d (deprecated)
        found.append(ipaddress.IPv4Address(int(addr)))
    return found


def _non_public_kind(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``addr`` is not a public unicast address (None when it is one)."""
    kinds = [("loopback", addr.is_loopback), ("unspecified", addr.is_unspecified),
             ("link-local", addr.is_link_local), ("private", addr.is_private),
             ("multicast", addr.is_multicast), ("reserved", addr.is_reserved),
             ("site-local", isinstance(addr, ipaddress.IPv6Address) and addr.is_site_local),
             ("non-global", not addr.is_global)]
    for kind, hit in kinds:
        if hit:
            return kind
    for net in SPECIAL_PURPOSE:
        if addr.version == net.version and addr in net:
            return f"special-purpose ({net})"
    return None


def check_address(ip: str, *, allow_private: bool = False) -> None:
    """Raise InputError unless ``ip`` is a public (globally routable) address.

    Every address an IPv6 address embeds (IPv4-mapped, 6to4, Teredo, NAT64) is checked too:
    ``2002:7f00::1`` is loopback in disguise. With ``allow_private`` every address passes
    except the unspecified one (0.0.0.0, ::, also embedded).
    """
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError as e:
        raise InputError(f"refusing to fetch from {ip!r}: not an IP address",
                         "check the address") from e
    # An IPv4-mapped or NAT64 address is a way of reaching the IPv4 address it carries:
    # that address is judged. Other embeddings (6to4, Teredo, IPv4-compatible) are judged
    # both as themselves and by what they carry.
    targets: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [addr]
    if isinstance(addr, ipaddress.IPv6Address):
        inner = _embedded_ipv4(addr)
        translated = addr.ipv4_mapped is not None or addr in NAT64_WELL_KNOWN
        targets = list(inner) if translated else [addr, *inner]
        if translated and targets[0].is_unspecified:
            raise InputError(f"refusing to fetch from {addr}: the unspecified address",
                             "give a real host name")
    if addr.is_unspecified:
        raise InputError(f"refusing to fetch from {addr}: the unspecified address",
                         "give a real host name")
    if allow_private:
        return
    for a in targets:
        kind = _non_public_kind(a)
        if kind is not None:
            shown = str(addr) if a is addr else f"{addr} (carries {a})"
            raise InputError(f"refusing to fetch from {shown}: a {kind} address", _PRIVATE_HINT)


def _check_url(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"cannot fetch {url!r}: only http and https URLs are supported",
                         "give an address that starts with https://")
    if not parts.hostname:
        raise InputError(f"cannot fetch {url!r}: the URL has no host", "check the address")
    if parts.username or parts.password:
        raise InputError(f"cannot fetch {url!r}: URLs with credentials are not fetched",
                         "remove the user:password@ part")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as e:
        raise InputError(f"cannot fetch {url!r}: bad port", "check the address") from e
    return scheme, parts.hostname, port


def _charset(resp: httpx.Response) -> str | None:
    ctype = resp.headers.get("content-type", "")
    for part in ctype.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.lower() == "charset" and v:
            return str(v).strip('"\' ')
    return None


def _decode(body: bytes, charset: str | None) -> str:
    for enc in [c for c in (charset, "utf-8") if c]:
        try:
            return body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("cp1252", errors="replace")


@dataclass(frozen=True)
class Page:
    """A fetched document: its final URL, content type and decoded text."""

    url: str
    content_type: str
    text: str


def fetch_url(url: str, *, allow_private: bool = False, timeout: float = 10,
              max_bytes: int = DEFAULT_MAX_BYTES,
              resolver: Resolver | None = None) -> RawArticle:
    """Download one article page and return it as a RawArticle (``html`` or ``text`` set).

    See :func:`fetch_page` for what is checked. The article id is ``url-`` plus a hash of
    the URL; the outlet is the host name.
    """
    page = fetch_page(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, resolver=resolver)
    if page.content_type in FEED_TYPES:
        raise InputError(f"{url} is a feed, not an article page", "give it with --feeds, or as an input to analyze")
    host = urlsplit(page.url).hostname or ""
    outlet = host[4:] if host.startswith("www.") else host
    aid = "url-" + hashlib.sha1(page.url.encode("utf-8")).hexdigest()[:12]
    if page.content_type == "text/plain":
        return RawArticle(id=aid, text=page.text, url=page.url, outlet=outlet, source=url)
    return RawArticle(id=aid, html=page.text, url=page.url, outlet=outlet, source=url)


def fetch_page(url: str, *, allow_private: bool = False, timeout: float = 10,
               max_bytes: int = DEFAULT_MAX_BYTES,
               resolver: Resolver | None = None, feeds: bool = True) -> Page:
    """Download one document.

    Promises: only http(s); every hop's host is resolved and each address checked with
    :func:`check_address` before connecting, and the connection goes to that checked
    address; at most ``MAX_REDIRECTS`` redirects; at most ``max_bytes`` are read; only HTML,
    plain text (and, with ``feeds``, RSS/Atom) is accepted. Raises InputError with a clear
    message otherwise, also when the server does not answer within ``timeout`` seconds.
    """
    allowed = ALLOWED_TYPES + (FEED_TYPES if feeds else ())
    resolve = resolver or _resolve
    current = url.strip()
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            scheme, host, port = _check_url(current)
            ips = resolve(host, port)
            if not ips:
                raise InputError(f"cannot resolve host {host!r}", "check the address")
            for ip in ips:
                check_address(ip, allow_private=allow_private)
            ip = ips[0]
            parts = urlsplit(current)
            netloc_ip = f"[{ip}]" if ":" in ip else ip
            target = urlunsplit((scheme, f"{netloc_ip}:{port}", parts.path or "/", parts.query, ""))
            host_header = host if parts.port is None else f"{host}:{port}"
            headers = {"Host": host_header, "User-Agent": USER_AGENT,
                       "Accept": "text/html,application/rss+xml,application/atom+xml,text/plain;q=0.9"}
            ext = {"sni_hostname": host} if scheme == "https" else {}
            try:
                with client.stream("GET", target, headers=headers, extensions=ext) as resp:
                    if resp.status_code in (301, 302, 303, 307, 308):
                        loc = resp.headers.get("location")
                        if not loc:
                            raise InputError(f"{current} redirects without a Location",
                                             "try the final address")
                        current = urljoin(current, loc)
                        continue
                    if resp.status_code >= 400:
                        raise InputError(f"{current} answered HTTP {resp.status_code}",
                                         "check that the page exists and is public")
                    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                    if ctype and ctype not in allowed:
                        raise InputError(f"{current} is {ctype}, not an HTML or text page",
                                         "give the address of the article page")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise InputError(f"{current} is larger than {max_bytes} bytes",
                                         "save the page and upload it instead")
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body += chunk
                        if len(body) > max_bytes:
                            raise InputError(f"{current} is larger than {max_bytes} bytes",
                                             "save the page and upload it instead")
                    text = _decode(bytes(body), _charset(resp))
            except httpx.HTTPError as e:
                raise InputError(f"cannot fetch {current}: {type(e).__name__}: {e}",
                                 "check the address and the network") from e
            return Page(current, ctype or "text/html", text)
    raise InputError(f"{url} redirects more than {MAX_REDIRECTS} times",
                     "give the final address of the article")
