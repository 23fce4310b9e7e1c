"""Main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lagebild.limits import MAX_HTML_DEPTH, MAX_HTML_NODES, LimitExceeded

__all__ = ["HtmlExtract", "check_html_size", "extract_html"]

_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,30})[^<>]{0,2000}?(/?)>")
# elements that never nest (void) or that the next sibling closes (p, li, ...): they do not
# add depth in the count below
_FLAT_TAGS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option"]
)


@dataclass(frozen=True)
class HtmlExtract:
    """What trafilatura found on one page. ``text`` has one paragraph/heading per line."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None


def _date_params() -> dict[str, object]:
    # Only dates the page declares (meta tags, <time>, JSON-LD, URL): htmldate's
    # extensive search would read any date in the body (e.g. an event date) as the
    # publication date, and the text-based rule in pubdate.py is more careful about that.
    return {"original_date": True, "extensive_search": False}


def check_html_size(html: str) -> None:
    """Raise LimitExceeded when a page has more elements or deeper nesting than the limits.

    A linear scan over the tags (no parse): depth is counted over elements that can nest.
    """
    nodes = depth = deepest = 0
    for m in _TAG_RE.finditer(html):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            if name not in _FLAT_TAGS:
                depth = max(0, depth - 1)
            continue
        nodes += 1
        if nodes > MAX_HTML_NODES:
            raise LimitExceeded(f"HTML page too large: more than {MAX_HTML_NODES:,} elements (limit per page)")
        if not selfclosing and name not in _FLAT_TAGS:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_HTML_DEPTH:
                    raise LimitExceeded(f"HTML nested too deeply: more than {MAX_HTML_DEPTH} levels (limit per page)")


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the article text and metadata of ``html`` (precision-favouring settings).

    Returns an empty ``text`` when trafilatura finds no main content; never raises on bad
    markup. Raises LimitExceeded for a page past the size limits (``check_html_size``).
    """
    import trafilatura

    check_html_size(html)

    doc = None
    # precision first (German teaser boxes); a page where that finds nothing gets one more
    # try with the default balance, so a short article is not lost entirely
    for precise in (True, False):
        try:
            doc = trafilatura.bare_extraction(
                html,
                url=url,
                favor_precision=precise,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                date_extraction_params=_date_params(),
            )
        except Exception:
            doc = None
        if doc is not None and (getattr(doc, "text", None) or (isinstance(doc, dict) and doc.get("text"))):
            break
    if doc is None:
        return HtmlExtract(text="", url=url)
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return HtmlExtract(
        text=d.get("text") or "",
        title=d.get("title") or None,
        author=d.get("author") or None,
        outlet=d.get("sitename") or None,
        published=d.get("date") or None,
        language=d.get("language") or None,
        url=d.get("url") or url,
    )
