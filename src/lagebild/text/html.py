"""Main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["HtmlExtract", "extract_html"]


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


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the article text and metadata of ``html`` (precision-favouring settings).

    Returns an empty ``text`` when trafilatura finds no main content; never raises on bad
    markup.
    """
    import trafilatura

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
