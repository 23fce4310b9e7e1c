"""A dossier as Markdown: for `lagebild show` and `stories/<id>.md`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["render_story_markdown"]


def _outlets(doc: Mapping[str, Any]) -> dict[str, str]:
    return {a["id"]: a.get("outlet") or a["id"] for a in doc["articles"]}


def _sentence(doc: Mapping[str, Any], ref: Mapping[str, Any]) -> str:
    for a in doc["articles"]:
        if a["id"] == ref["article"]:
            return a["sentences"][ref["sentence"]]["text"]
    return ""


def _badges(doc: Mapping[str, Any], refs: list[Mapping[str, Any]]) -> str:
    names = _outlets(doc)
    seen: list[str] = []
    for r in refs:
        n = names.get(r["article"], r["article"])
        if n not in seen:
            seen.append(n)
    return " ".join(f"`{n}`" for n in seen)


def _esc(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")


def render_story_markdown(doc: Mapping[str, Any]) -> str:
    """Every section of the dossier; each statement followed by the outlets behind it."""
    st = doc["story"]
    names = _outlets(doc)
    out = [f"# {_esc(st['title'] or st['id'])}", ""]
    span = " – ".join(x for x in (st.get("first_published"), st.get("last_published")) if x)
    out.append(
        f"{st['article_count']} articles · {st['outlet_count']} outlets · languages: {', '.join(st['languages']) or '?'}"
        + (f" · {span}" if span else "")
    )
    if st.get("event_date"):
        out.append("")
        out.append(f"Event date: {st['event_date']} (from {st.get('event_date_from') or 'unknown'})")
    elif "event_date" in st:
        out.append("")
        out.append("Event date unknown: this story was grouped by content alone.")
    if st.get("related"):
        out += ["", "Related stories:", ""]
        label = {"earlier": "earlier event", "later": "later event", "related": "related event"}
        for r in st["related"]:
            n = r.get("article_count")
            when = r.get("event_date") or "date unknown"
            out.append(f"- {label.get(r['relation'], r['relation'])}: {when}" + (f" — {n} reports" if n else "") + f": {_esc(r.get('title') or r['id'])} (`{r['id']}`)")
    out.append("")
    if doc["summary"]:
        out += ["## Summary", ""]
        out += [f"- {_esc(s['text'])} — {_badges(doc, s['support'])}" for s in doc["summary"]]
        out.append("")
    if doc["facts"]:
        out += ["## Facts the outlets agree on", ""]
        out += [f"- {_esc(f['text'])} — {f['outlets']} outlets: {_badges(doc, f['support'])}" for f in doc["facts"]]
        out.append("")
    if doc["contradictions"]:
        out += ["## Contradictions", ""]
        for c in doc["contradictions"]:
            out.append(f"- **{c['kind']} ({c['severity']})**: {_esc(c['explanation'])}")
            for r in c["claims"]:
                out.append(f"  - `{names.get(r['article'], r['article'])}`: {_esc(_sentence(doc, r))}")
        out.append("")
    if doc["exclusive"]:
        out += ["## Claimed by one outlet only", ""]
        out += [f"- `{names.get(e['ref']['article'], e['ref']['article'])}`: {_esc(e['text'])}" for e in doc["exclusive"]]
        out.append("")
    if doc["quotes"]:
        out += ["## Quotes", ""]
        for q in doc["quotes"]:
            out.append(f"- **{_esc(q.get('speaker') or 'unknown speaker')}**: „{_esc(q['text'])}“")
            for c in q["carriers"]:
                out.append(f"  - `{names.get(c['article'], c['article'])}` ({c['match']}): {_esc(c['text'])}")
        out.append("")
    if doc["entities"]:
        out += ["## People, organisations, places", ""]
        for e in doc["entities"][:40]:
            role = f", {e['role']}" if e.get("role") else ""
            aliases = [a for a in e.get("aliases", []) if a != e["name"]]
            al = f" (also: {', '.join(aliases[:6])})" if aliases else ""
            out.append(f"- {_esc(e['name'])} [{e['type']}{role}] — {e['mentions']} mentions{al}")
        out.append("")
    if doc["timeline"]:
        out += ["## Timeline", ""]
        for t in doc["timeline"]:
            when = t["date"] + (f" {t['time']}" if t.get("time") else "")
            out.append(f"- **{when}** {_esc(t['text'])} — {_badges(doc, t['support'])}")
        out.append("")
    if doc["framing"]:
        out += ["## Framing", ""]
        for f in doc["framing"]:
            terms = ", ".join(t["term"] for t in f["loaded_terms"]) or "none"
            arts = ", ".join(t["text"] for t in f["translation_artifacts"]) or "none"
            out.append(f"- `{names.get(f['article'], f['article'])}`: tone {f['tone']:+.2f}; loaded terms: {terms}; translation leftovers: {arts}")
        out.append("")
    out += ["## Sources", ""]
    for a in doc["articles"]:
        dup = f" (copy of {a['duplicate_of']})" if a.get("duplicate_of") else ""
        when = a.get("published") or "date unknown"
        out.append(f"- `{a.get('outlet') or a['id']}` — {_esc(a.get('title') or a['id'])} — {when} ({a['published_from']}), {a.get('language') or '?'}{dup}")
        if a.get("removed"):
            out.append(f"  - cleaning removed {len(a['removed'])} lines: " + "; ".join(f"{_esc(r['text'][:60])} [{r['why']}]" for r in a["removed"][:8]))
    out.append("")
    return "\n".join(out)
