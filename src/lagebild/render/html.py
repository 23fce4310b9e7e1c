"""HTML rendering of story lists, dossiers and articles: one path for the report and the app.

The static report (``analyze --out DIR``) and the web app (``lagebild serve``) render through
the same Jinja2 templates in ``render/templates``. Pages always inline their CSS, JS and SVG,
so a written page works from ``file://`` with no external asset. What differs between the
two is only the :class:`Links` object (where a story, an article or the index lives) and the
``mode`` flag that switches on the app's search form, paging and upload links.

Everything from articles is untrusted: Jinja2 autoescaping is on for every template, links
to original articles are only emitted for http(s) URLs, and JSON embedded in pages goes
through ``tojson`` (which escapes ``<``, ``>`` and ``&``).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from ..compare.context import carrier_keys
from . import charts
from .i18n import resolve_lang, translator

__all__ = [
    "Links",
    "PageRenderer",
    "article_view",
    "dossier_view",
    "render_article_html",
    "render_index_html",
    "render_story_html",
    "script_hash",
]

# Outlet colour classes .c0 … .c23 in lagebild.css: 24 hues far enough apart to tell
# neighbours apart; with more outlets the unique abbreviation on every badge tells them apart.
N_COLORS = 24
# Independent outlets listed by name before the rest collapse into "+N" (fits one line of
# badges at 360 px; templates/macros.html uses the same limit).
MAX_BADGES = 6

KIND_LABELS = {
    "date": "Datum",
    "weekday": "Wochentag",
    "number": "Zahl",
    "negation": "Verneinung",
    "order": "Reihenfolge",
    "attribution": "Zuschreibung",
    "quote": "Zitat",
}
MATCH_LABELS = {"verbatim": "wörtlich", "variant": "Variante", "paraphrase": "Paraphrase"}
SEVERITY_LABELS = {"hard": "hart", "soft": "weich"}
PUBLISHED_FROM_LABELS = {
    "metadata": "aus Metadaten",
    "text": "aus dem Text",
    "input": "aus der Eingabe",
    "unknown": "unbekannt",
}
TYPE_LABELS = {"PER": "Person", "ORG": "Organisation", "LOC": "Ort", "OTH": "Sonstiges"}


def id_segment(item_id: str) -> str:
    """A story or article id as one URL path segment of the web app: every reserved
    character percent-encoded (``/ ? # %`` and spaces too), and the dot of a trailing
    ``.json`` as ``%2E`` so the page of an id ending in ``.json`` is not its JSON twin."""
    seg = quote(str(item_id), safe="")
    return seg[:-5] + "%2Ejson" if seg.endswith(".json") else seg


@dataclass(frozen=True)
class Links:
    """Where pages live. ``mode`` is "static" (report files) or "web" (the app).

    ``root`` is the relative path from the current static page to the report directory
    ("" for index.html, "../" for stories/<id>.html); it is ignored in web mode.
    """

    mode: str = "static"
    root: str = ""

    @property
    def web(self) -> bool:
        return self.mode == "web"

    def index(self) -> str:
        return "/stories" if self.web else f"{self.root}index.html"

    def story(self, story_id: str) -> str:
        if self.web:
            return f"/stories/{id_segment(story_id)}"
        return f"{self.root}stories/{quote(str(story_id), safe='')}.html"

    def story_json(self, story_id: str) -> str | None:
        if self.web:
            return f"/stories/{id_segment(story_id)}.json"
        return f"{self.root}stories/{quote(str(story_id), safe='')}.json"

    def article(self, article_id: str, sentence: int | None = None) -> str | None:
        """The article page (web mode only); None in the static report."""
        if not self.web:
            return None
        url = f"/articles/{id_segment(article_id)}"
        return f"{url}#s{sentence}" if sentence is not None else url


def _asset(name: str) -> str:
    return resources.files("lagebild.render").joinpath("static", name).read_text("utf-8")


@functools.lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    return _asset("lagebild.css"), _asset("lagebild.js")


def script_hash() -> str:
    """The CSP source (``'sha256-…'``) of the one inline script every page carries."""
    import base64

    js = _assets()[1]
    return "'sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode() + "'"


def _fmt_date(value: Any, with_time: bool = False) -> str:
    if not value:
        return "–"
    s = str(value)
    dt = charts.parse_when(s)
    if dt is None:
        return s
    if len(s) == 4:
        return s
    if len(s) == 7:
        return dt.strftime("%m/%Y")
    if with_time and len(s) > 10 and (dt.hour or dt.minute):
        return dt.strftime("%d.%m.%Y %H:%M")
    return dt.strftime("%d.%m.%Y")


def _safe_url(url: Any) -> str | None:
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lagebild.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = _fmt_date
    env.filters["datetime"] = lambda v: _fmt_date(v, with_time=True)
    env.filters["pct"] = lambda v: f"{float(v) * 100:.0f} %"
    env.globals["KIND_LABELS"] = KIND_LABELS
    env.globals["MATCH_LABELS"] = MATCH_LABELS
    env.globals["SEVERITY_LABELS"] = SEVERITY_LABELS
    env.globals["PUBLISHED_FROM_LABELS"] = PUBLISHED_FROM_LABELS
    env.globals["TYPE_LABELS"] = TYPE_LABELS
    # pages rendered without a language (another module's template frame) are German
    env.globals["lang"] = "de"
    env.globals["_"] = translator("de")
    return env


class PageRenderer:
    """Renders one named template with the shared page frame (inlined CSS and JS)."""

    def __init__(self, links: Links, lang: str | None = None) -> None:
        self.links = links
        self.lang = resolve_lang(lang)

    def render(self, template: str, **context: Any) -> str:
        """Render ``template`` (e.g. "story.html") with ``context``; returns a full page in
        the renderer's language (German unless ``lang="en"``)."""
        css, js = _assets()
        page = {"css": Markup(css), "js": Markup(js), "web": self.links.web}
        return _environment().get_template(template).render(
            links=self.links, page=page, lang=self.lang, _=translator(self.lang), **context)


# ---------------------------------------------------------------- view models


def _abbr(name: str, taken: set[str]) -> str:
    words = [w for w in name.replace("-", " ").replace(".", " ").split() if w[:1].isalnum()]
    cand = ("".join(w[0] for w in words[:3]) if len(words) > 1 else name[:3]).upper()
    cand = cand or "?"
    base, k = cand, 2
    while cand in taken:
        cand = f"{base}{k}"
        k += 1
    taken.add(cand)
    return cand


def _outlet_table(articles: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    names = sorted({(a.get("outlet") or a.get("id") or "?") for a in articles}, key=str.lower)
    taken: set[str] = set()
    return {n: {"name": n, "abbr": _abbr(n, taken), "color": k % N_COLORS}
            for k, n in enumerate(names)}


class _Resolver:
    """Turns Refs into what a page shows: outlet, sentence text, anchors and links."""

    def __init__(self, articles: list[dict[str, Any]], links: Links, sentence_word: str = "Satz") -> None:
        self.by_id = {a["id"]: a for a in articles}
        self.links = links
        self.sentence_word = sentence_word

    def ref(self, article_id: Any, sentence: Any) -> dict[str, Any]:
        art = self.by_id.get(article_id)
        if art is None or not isinstance(sentence, int):
            return {"ok": False, "article": None, "i": sentence, "text": "",
                    "anchor": "", "href": "", "page": None, "outlet": None,
                    "label": f"{article_id}:{sentence}"}
        sents = art["sentences"]
        ok = 0 <= sentence < len(sents)
        anchor = f"{art['anchor']}-s{sentence}"
        return {
            "ok": ok,
            "article": art,
            "outlet": art["outlet"],
            "i": sentence,
            "text": sents[sentence]["text"] if ok else "",
            "anchor": anchor,
            "href": f"#{anchor}",
            "page": self.links.article(art["id"], sentence),
            "label": f"{art['outlet']['name']}, {self.sentence_word} {sentence + 1}",
        }

    def refs(self, refs: Iterable[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
        return [self.ref(r.get("article"), r.get("sentence")) for r in (refs or [])
                if isinstance(r, Mapping)]


def _unique_outlets(refs: Iterable[dict[str, Any]], keys: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """One outlet per independent outlet among ``refs`` (``keys``: article id -> outlet key,
    :func:`lagebild.compare.context.carrier_keys`): its own article's outlet when cited, else
    the copy that carries it, so the names match the count shown beside them."""
    refs = list(refs)

    def key(r: dict[str, Any]) -> str:
        aid = str(r["article"].get("id", ""))
        return (keys or {}).get(aid) or str(r["outlet"]["name"])

    seen: dict[str, dict[str, Any]] = {}
    for r in refs:
        if r["outlet"] is not None and not r["article"].get("duplicate_of"):
            seen.setdefault(key(r), r["outlet"])
    for r in refs:  # syndicated copies still show when they are the only carrier
        if r["outlet"] is not None:
            seen.setdefault(key(r), r["outlet"])
    by_name = {o["name"]: o for o in seen.values()}
    return sorted(by_name.values(), key=lambda o: o["name"].lower())


def _articles_view(dossier: Mapping[str, Any]) -> tuple[list[dict[str, Any]],
                                                         dict[str, dict[str, Any]]]:
    raw = [a for a in (dossier.get("articles") or []) if isinstance(a, Mapping)]
    outlets = _outlet_table(raw)
    arts = []
    for n, a in enumerate(raw):
        name = a.get("outlet") or a.get("id") or "?"
        arts.append({
            "id": str(a.get("id", "")),
            "n": n,
            "anchor": f"art-{n}",
            "outlet": outlets[name],
            "title": a.get("title") or "",
            "url": _safe_url(a.get("url")),
            "raw_url": a.get("url") or "",
            "published": a.get("published"),
            "published_from": a.get("published_from") or "unknown",
            "language": a.get("language") or "",
            "duplicate_of": a.get("duplicate_of"),
            "status": a.get("status") or "ok",
            "stage": a.get("stage"),
            "reason": a.get("reason"),
            "sentences": [
                {"i": s.get("i", k), "text": s.get("text", ""), "language": s.get("language"),
                 "uses": []}
                for k, s in enumerate(a.get("sentences") or []) if isinstance(s, Mapping)
            ],
            "removed": [{"text": r.get("text", ""), "why": r.get("why", "")}
                        for r in (a.get("removed") or []) if isinstance(r, Mapping)],
        })
    return arts, outlets


def dossier_view(dossier: Mapping[str, Any], links: Links, lang: str | None = None) -> dict[str, Any]:
    """Everything story.html shows, with every Ref resolved to outlet + sentence text.

    Tolerates missing optional sections (they render as absent); a Ref that points nowhere
    is kept and shown as unresolved rather than dropped silently. Labels and explanations
    are in ``lang`` (German by default).
    """
    lang = resolve_lang(lang)
    _ = translator(lang)
    arts, outlets = _articles_view(dossier)
    keys = carrier_keys(a for a in (dossier.get("articles") or []) if isinstance(a, Mapping))
    res = _Resolver(arts, links, _("Satz"))
    story = dict(dossier.get("story") or {})
    for key, default in (("id", ""), ("title", ""), ("languages", []),
                         ("first_published", None), ("last_published", None)):
        story.setdefault(key, default)
    story.setdefault("article_count", len(arts))
    story.setdefault("outlet_count", len({a["outlet"]["name"] for a in arts}))

    def use(r: dict[str, Any], label: str) -> None:
        if r["ok"]:
            uses = r["article"]["sentences"][r["i"]]["uses"]
            if label not in uses:
                uses.append(label)

    summary = []
    for k, item in enumerate(dossier.get("summary") or []):
        refs = res.refs(item.get("support"))
        for r in refs:
            use(r, _("Zusammenfassung"))
        summary.append({"n": k, "text": item.get("text", ""), "sources": refs,
                        "outlets": _unique_outlets(refs, keys)})

    main_lang = (story.get("languages") or [None])[0]
    langs = [a["language"] for a in arts if a["language"]]
    if langs:
        main_lang = max(set(langs), key=lambda lg: (langs.count(lg), lg == "de"))
    facts, fact_by_id = [], {}
    for k, f in enumerate(dossier.get("facts") or []):
        refs = res.refs(f.get("support"))
        label = f"F{k + 1}"
        for r in refs:
            use(r, f"{_('Fakt')} {label}")
        text = f.get("text", "")
        mark = f.get("mark")
        ok_mark = (isinstance(mark, (list, tuple)) and len(mark) == 2
                   and all(isinstance(x, int) for x in mark) and 0 <= mark[0] < mark[1] <= len(text))
        shown = f.get("ref") or {}
        others, seen_lang = [], set()
        for r in refs:
            lg = r["article"]["language"] if r["ok"] else None
            if r["ok"] and lg and lg != main_lang and lg not in seen_lang and r["text"] != text:
                seen_lang.add(lg)
                others.append(r)
        fv = {"id": str(f.get("id", label)), "label": label, "text": text,
              "mark": list(mark) if ok_mark else None,
              "shown": res.ref(shown.get("article"), shown.get("sentence")) if shown else None,
              "count": f.get("outlets", len(_unique_outlets(refs, keys))), "sources": refs,
              "outlets": _unique_outlets(refs, keys), "other_languages": others}
        facts.append(fv)
        fact_by_id[fv["id"]] = fv

    exclusive_by_outlet: dict[str, dict[str, Any]] = {}
    for e in dossier.get("exclusive") or []:
        ref = e.get("ref") or {}
        r = res.ref(ref.get("article"), ref.get("sentence"))
        use(r, _("Exklusiv"))
        key = r["outlet"]["name"] if r["outlet"] else "?"
        grp = exclusive_by_outlet.setdefault(key, {"outlet": r["outlet"], "items": []})
        grp["items"].append({"text": e.get("text", ""), "ref": r})

    def explain(c: Mapping[str, Any]) -> str:
        if lang == "de" and c.get("explanation_de"):
            return str(c["explanation_de"])
        return str(c.get("explanation", ""))

    prefix = "W" if lang == "de" else "C"
    contradictions = []
    for k, c in enumerate(dossier.get("contradictions") or []):
        refs = res.refs(c.get("claims"))
        for r in refs:
            use(r, f"{_('Widerspruch')} {prefix}{k + 1}")
        contradictions.append({"id": str(c.get("id", k)), "label": f"{prefix}{k + 1}",
                               "kind": c.get("kind", ""), "severity": c.get("severity", ""),
                               "explanation": explain(c), "claims": refs})
    developments = []
    for d in dossier.get("developments") or []:
        if isinstance(d, Mapping):
            developments.append({"explanation": explain(d), "claims": res.refs(d.get("claims"))})

    quotes = []
    all_quotes = [q for q in dossier.get("quotes") or [] if isinstance(q, Mapping)]
    listed = [q for q in all_quotes if q.get("listed", True)]
    qprefix = "Z" if lang == "de" else "Q"
    for k, q in enumerate(listed):
        carriers = []
        for c in q.get("carriers") or []:
            r = res.ref(c.get("article"), c.get("sentence"))
            use(r, f"{_('Zitat')} {qprefix}{k + 1}")
            carriers.append({"ref": r, "text": c.get("text", ""), "match": c.get("match", "")})
        quotes.append({"id": str(q.get("id", k)), "label": f"{qprefix}{k + 1}",
                       "speaker": q.get("speaker"), "text": q.get("text", ""),
                       "carriers": carriers})

    entities = sorted(
        [{"id": e.get("id"), "name": e.get("name", ""), "type": e.get("type", ""),
          "aliases": [a for a in (e.get("aliases") or []) if a != e.get("name")],
          "role": e.get("role"), "articles": list(e.get("articles") or []),
          "mentions": e.get("mentions", 0)} for e in (dossier.get("entities") or [])],
        key=lambda e: (-int(e["mentions"] or 0), str(e["name"]).lower()))
    art_by_id = {a["id"]: a for a in arts}
    for e in entities:
        e["outlets"] = sorted({art_by_id[a]["outlet"]["name"] for a in e["articles"]
                               if a in art_by_id})

    timeline_all = []
    for k, t in enumerate(sorted(dossier.get("timeline") or [],
                                 key=lambda t: (str(t.get("date", "")), str(t.get("time") or "")))):
        refs = res.refs(t.get("support"))
        for r in refs:
            use(r, f"{_('Zeitleiste')} {k + 1}")
        timeline_all.append({"n": k + 1, "date": t.get("date", ""), "time": t.get("time"),
                             "text": t.get("text", ""), "sources": refs,
                             "outlets": _unique_outlets(refs, keys)})
    start = charts.story_span_start(story.get("first_published"), [a["published"] for a in arts])
    timeline = [t for t in timeline_all if start is None or str(t["date"]) >= start]
    background = [t for t in timeline_all if t not in timeline]

    framing = []
    for f in dossier.get("framing") or []:
        art = art_by_id.get(f.get("article"))
        if art is None:
            continue
        loaded = []
        for t in f.get("loaded_terms") or []:
            r = res.ref(art["id"], t.get("sentence"))
            use(r, _("Wertung"))
            why_l = t.get("why_de") if lang == "de" and t.get("why_de") else t.get("why")
            loaded.append({"term": t.get("term", ""), "why": why_l, "ref": r})
        artifacts = []
        for t in f.get("translation_artifacts") or []:
            r = res.ref(art["id"], t.get("sentence"))
            use(r, _("Übersetzungsrest"))
            why = t.get("why_de") if lang == "de" and t.get("why_de") else t.get("why", "")
            artifacts.append({"text": t.get("text", ""), "why": why, "ref": r})
        missing = [fact_by_id[m] for m in (f.get("missing_facts") or []) if m in fact_by_id]
        tone = f.get("tone")
        framing.append({"article": art, "tone": tone if isinstance(tone, (int, float)) else None,
                        "loaded": loaded, "artifacts": artifacts,
                        "headline_mismatch": (f.get("headline_mismatch_de") if lang == "de" and f.get("headline_mismatch_de")
                                              else f.get("headline_mismatch")), "missing": missing})

    comparison = _comparison(arts, outlets, facts, exclusive_by_outlet, framing)
    cover = charts.coverage_chart([
        charts.CoveragePoint(a["outlet"]["name"], a["outlet"]["color"], a["published"],
                             f"#{a['anchor']}", a["title"] or a["id"]) for a in arts], _)
    matrix_outlets = [o for o in outlets.values()]
    matrix = charts.agreement_matrix(
        [charts.MatrixRow(f["label"], f["text"], tuple(
            next((r["href"] for r in f["sources"] if r["outlet"] is o), None)
            for o in matrix_outlets)) for f in facts],
        [(o["name"], o["color"]) for o in matrix_outlets], _)
    tl_chart = charts.timeline_chart([
        charts.TimelinePoint(t["n"], t["date"], t["time"], t["text"], f"#tl-{t['n']}")
        for t in timeline], _)
    independent = sorted({a["outlet"]["name"] for a in arts if not a["duplicate_of"] and a["status"] == "ok"},
                         key=str.lower)

    return {
        "story": story,
        "articles": arts,
        "outlets": sorted(outlets.values(), key=lambda o: o["name"].lower()),
        "summary": summary,
        "facts": facts,
        "exclusive": sorted(exclusive_by_outlet.values(),
                            key=lambda g: g["outlet"]["name"].lower() if g["outlet"] else ""),
        "contradictions": contradictions,
        "developments": developments,
        "quotes": quotes,
        "quotes_hidden": len(all_quotes) - len(listed),
        "independent_names": independent,
        "timeline_background": background,
        "entities": entities,
        "timeline": timeline,
        "framing": framing,
        "comparison": comparison,
        "charts": {"coverage": cover, "matrix": matrix, "timeline": tl_chart},
        "failed": [a for a in arts if a["status"] != "ok"],
    }


def _comparison(arts: list[dict[str, Any]], outlets: dict[str, dict[str, Any]],
                facts: list[dict[str, Any]], exclusive: dict[str, dict[str, Any]],
                framing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for name, o in sorted(outlets.items(), key=lambda kv: kv[0].lower()):
        row: dict[str, Any] = {"outlet": o, "facts": [], "exclusive": [], "loaded": [],
                               "leftovers": [], "missing": [], "tone": [],
                               "articles": [a for a in arts if a["outlet"] is o]}
        for f in facts:
            r = next((r for r in f["sources"] if r["outlet"] is o), None)
            if r is not None:
                row["facts"].append({"label": f["label"], "ref": r, "text": f["text"]})
        row["exclusive"] = [i["ref"] for i in exclusive.get(name, {"items": []})["items"]]
        for fr in framing:
            if fr["article"]["outlet"] is o:
                row["loaded"] += fr["loaded"]
                row["leftovers"] += fr["artifacts"]
                if fr["tone"] is not None:
                    row["tone"].append(fr["tone"])
                for m in fr["missing"]:
                    if m not in row["missing"]:
                        row["missing"].append(m)
        rows.append(row)
    return rows


def article_view(article: Mapping[str, Any], dossier: Mapping[str, Any] | None,
                 links: Links, lang: str | None = None) -> dict[str, Any]:
    """The article page: its cleaned text split into paragraphs of sentences, each sentence
    marked with what the story's dossier uses it for (summary, fact, contradiction, …)."""
    uses: dict[int, list[str]] = {}
    story = None
    if dossier is not None:
        view = dossier_view(dossier, links, lang)
        story = view["story"]
        for a in view["articles"]:
            if a["id"] == article.get("id"):
                uses = {s["i"]: s["uses"] for s in a["sentences"]}
    text = article.get("text") or ""
    sentences = [s for s in (article.get("sentences") or []) if isinstance(s, Mapping)]
    paragraphs: list[list[dict[str, Any]]] = [[]]
    pos = 0
    for k, s in enumerate(sentences):
        i = s.get("i", k)
        start, end = s.get("start"), s.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= len(text):
            if "\n" in text[pos:start] and paragraphs[-1]:
                paragraphs.append([])
            pos = max(pos, end)
        paragraphs[-1].append({"i": i, "text": s.get("text", ""), "uses": uses.get(i, [])})
    return {
        "article": {
            "id": article.get("id", ""),
            "title": article.get("title") or "",
            "outlet": article.get("outlet") or article.get("id") or "?",
            "url": _safe_url(article.get("url")),
            "raw_url": article.get("url") or "",
            "published": article.get("published"),
            "published_from": article.get("published_from") or "unknown",
            "language": article.get("language") or "",
            "status": article.get("status") or "ok",
            "stage": article.get("stage"),
            "reason": article.get("reason"),
            "duplicate_of": article.get("duplicate_of"),
            "removed": [r for r in (article.get("removed") or []) if isinstance(r, Mapping)],
        },
        "paragraphs": [p for p in paragraphs if p],
        "used_count": sum(1 for v in uses.values() if v),
        "story": story,
        "story_id": article.get("story"),
    }


# ---------------------------------------------------------------- public entry points


def render_index_html(stories: list[dict[str, Any]], *, title: str = "lagebild", lang: str | None = None) -> str:
    """The report's ``index.html``: every story (items in the ``/stories.json`` shape), newest
    first as given, linking to ``stories/<id>.html``. Self-contained (CSS/JS inlined)."""
    links = Links("static", "")
    return PageRenderer(links, lang).render("index.html", stories=stories, title=title,
                                            filters=None, paging=None, options=None)


def render_story_html(dossier: dict[str, Any], lang: str | None = None) -> str:
    """The report's ``stories/<id>.html`` for one ``lagebild/dossier@1`` dict.

    Self-contained: CSS, JS and SVG charts are inlined; the articles' cleaned sentences are
    included so every Ref resolves inside the page; links go to ``../index.html`` only.
    """
    links = Links("static", "../")
    return PageRenderer(links, lang).render("story.html", d=dossier_view(dossier, links, lang))


def render_article_html(article: dict[str, Any], dossier: dict[str, Any] | None,
                        links: Links, lang: str | None = None) -> str:
    """An article page (used by the web app): text with the dossier's sentences marked."""
    return PageRenderer(links, lang).render("article.html", v=article_view(article, dossier, links, lang))
