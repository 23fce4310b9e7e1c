"""A dossier as Markdown: for `lagebild show` and `stories/<id>.md` (German unless lang="en")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..compare.context import carrier_keys
from .i18n import translator

__all__ = ["render_story_markdown"]


def _outlets(doc: Mapping[str, Any]) -> dict[str, str]:
    return {a["id"]: a.get("outlet") or a["id"] for a in doc["articles"]}


def _sentence(doc: Mapping[str, Any], ref: Mapping[str, Any]) -> str:
    for a in doc["articles"]:
        if a["id"] == ref["article"]:
            return str(a["sentences"][ref["sentence"]]["text"])
    return ""


def _badges(doc: Mapping[str, Any], refs: list[Mapping[str, Any]]) -> str:
    """One name per independent outlet among ``refs`` (what the page's counts count): the
    outlet's own article when it is cited, else the copy that carries it."""
    names = _outlets(doc)
    copies = {a["id"] for a in doc["articles"] if a.get("duplicate_of")}
    keys = carrier_keys(doc["articles"])
    shown: dict[str, str] = {}
    for r in sorted(refs, key=lambda r: r["article"] in copies):
        shown.setdefault(keys.get(r["article"], r["article"]), names.get(r["article"], r["article"]))
    return ", ".join(_name(n) for n in dict.fromkeys(shown.values()))


_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029\x85]+")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INLINE_SYNTAX = "|[]`*_~"  # tables, links/images, code, emphasis ("Bürger*innen"), strike
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # "1. FC Köln" would become a list


def _visible(text: str) -> str:
    """One line of plain text: line breaks become spaces, and control and bidi-override
    characters are dropped (a terminal escape sequence in an article must not reach the
    terminal of ``lagebild show``)."""
    one_line = _LINE_BREAKS.sub(" ", str(text))
    return "".join(ch for ch in one_line
                   if unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS).strip()


def _esc(text: str) -> str:
    """Article text as Markdown that renders as exactly that text: no raw HTML (``<`` as
    ``&lt;``, ``>`` as ``&gt;``, ``&`` as ``&amp;`` only where it would start an entity), no
    link, image, code, emphasis or table syntax (those characters backslash-escaped), and no
    block syntax at the start ("1. FC Köln", "# …", "- …") or a closing ``#`` at the end.
    Plain prose ("AT&T", "3 > 2", quotes, umlauts) reads the same."""
    t = _visible(text).replace("\\", "\\\\")
    t = _ENTITY.sub("&amp;", t).replace("<", "&lt;").replace(">", "&gt;")
    for ch in _INLINE_SYNTAX:
        t = t.replace(ch, "\\" + ch)
    t = _ORDERED_START.sub(r"\1\\\2", t)
    if t[:1] in ("#", "+", "-", "="):
        t = "\\" + t
    body = t[:-1]
    if t.endswith("#") and (len(body) - len(body.rstrip("\\"))) % 2 == 0:  # not yet escaped
        t = body + "\\#"
    return t


def _name(text: str) -> str:
    """An outlet or article id, marked as a name (bold) and escaped like any text."""
    return "**" + (_esc(text) or "?") + "**"


def _fact_text(fact: Mapping[str, Any]) -> str:
    """A fact's sentence with its agreeing part (``mark``) in bold, so two facts shown as
    one sentence read apart; the whole sentence when no valid mark is given."""
    text = str(fact.get("text", ""))
    mark = fact.get("mark")
    if not (isinstance(mark, (list, tuple)) and len(mark) == 2 and all(isinstance(x, int) for x in mark)
            and 0 <= mark[0] < mark[1] <= len(text)):
        return _esc(text)
    a, b = mark
    mid = text[a:b].strip()
    if not mid:
        return _esc(text)
    a = text.index(mid, a)
    b = a + len(mid)
    pre, post = text[:a], text[b:]
    return (_esc(pre) + (" " if pre.endswith(" ") else "")) + f"**{_esc(mid)}**" + \
        ((" " if post.startswith(" ") else "") + _esc(post))


def render_story_markdown(doc: Mapping[str, Any], lang: str | None = None) -> str:
    """Every section of the dossier; each statement followed by the outlets behind it."""
    _ = translator(lang)
    de = _("Medien") == "Medien"
    st = doc["story"]
    names = _outlets(doc)
    out = [f"# {_esc(st['title'] or st['id'])}", ""]
    span = " – ".join(_esc(x) for x in (st.get("first_published"), st.get("last_published")) if x)
    out.append(
        f"{st['article_count']} {_('Artikel')} · {st['outlet_count']} {_('unabhängige Medien')} · {_('Sprachen')}: {_esc(', '.join(st['languages'])) or '?'}"
        + (f" · {span}" if span else "")
    )
    if st.get("event_date"):
        out += ["", f"{_('Ereignisdatum')}: {_esc(st['event_date'])} ({_esc(st.get('event_date_from') or '?')})"]
    elif "event_date" in st:
        out += ["", _("Ereignisdatum unbekannt: nach Inhalt zugeordnet")]
    if st.get("related"):
        out += ["", f"{_('Verwandte Ereignisse')}:", ""]
        label = {"earlier": "vorheriges Ereignis", "later": "späteres Ereignis"}
        for r in st["related"]:
            n = r.get("article_count")
            when = _esc(r.get("event_date") or _("Datum unbekannt"))
            out.append(
                f"- {_(label.get(r['relation'], 'verwandtes Ereignis'))}: {when}"
                + (f" — {n} {_('Bericht') if n == 1 else _('Berichte')}" if n else "")
                + f": {_esc(r.get('title') or r['id'])} (`{_esc(r['id'])}`)"
            )
    out.append("")
    if doc["summary"]:
        out += [f"## {_('Überblick')}", ""]
        out += [f"- {_esc(s['text'])} — {_badges(doc, s['support'])}" for s in doc["summary"]]
        out.append("")
    if doc["facts"]:
        out += [f"## {_('Übereinstimmende Fakten')}", ""]
        out += [f"- {_fact_text(f)} — {f['outlets']} {_('unabhängige Medien')}: {_badges(doc, f['support'])}" for f in doc["facts"]]
        out.append("")
    if doc["contradictions"]:
        out += [f"## {_('Widersprüche')}", ""]
        for c in doc["contradictions"]:
            expl = c.get("explanation_de") if de and c.get("explanation_de") else c["explanation"]
            out.append(f"- **{_esc(c['kind'])} ({_esc(c['severity'])})**: {_esc(expl)}")
            for r in c["claims"]:
                out.append(f"  - {_name(names.get(r['article'], r['article']))}: {_esc(_sentence(doc, r))}")
        out.append("")
    if doc.get("developments"):
        out += [f"## {_('Entwicklungen')}", ""]
        for d in doc["developments"]:
            out.append(f"- {_esc(d.get('explanation_de') if de and d.get('explanation_de') else d['explanation'])}")
        out.append("")
    if doc["exclusive"]:
        out += [f"## {_('Nur bei einem Medium')}", ""]
        out += [f"- {_name(names.get(e['ref']['article'], e['ref']['article']))}: {_esc(e['text'])}" for e in doc["exclusive"]]
        out.append("")
    quotes = [q for q in doc["quotes"] if q.get("listed", True)]
    if quotes:
        out += [f"## {_('Zitate')}", ""]
        for q in quotes:
            out.append(f"- **{_esc(q.get('speaker') or _('Sprecher unbekannt'))}**: „{_esc(q['text'])}“")
            for c in q["carriers"]:
                out.append(f"  - {_name(names.get(c['article'], c['article']))} ({_esc(c['match'])}): {_esc(c['text'])}")
        out.append("")
    if doc["entities"]:
        out += [f"## {_('Beteiligte, Orte, Organisationen')}", ""]
        for e in doc["entities"][:40]:
            role = f", {_esc(e['role'])}" if e.get("role") else ""
            aliases = [a for a in e.get("aliases", []) if a != e["name"]]
            al = f" ({_('auch genannt')}: {_esc(', '.join(aliases[:6]))})" if aliases else ""
            out.append(f"- {_esc(e['name'])} [{_esc(e['type'])}{role}] — {e['mentions']} {_('Nennungen')}{al}")
        out.append("")
    if doc["timeline"]:
        out += [f"## {_('Zeitleiste')}", ""]
        for t in doc["timeline"]:
            when = _esc(t["date"] + (f" {t['time']}" if t.get("time") else ""))
            out.append(f"- **{when}** {_esc(t['text'])} — {_badges(doc, t['support'])}")
        out.append("")
    if doc["framing"]:
        out += [f"## {_('Darstellung je Medium')}", ""]
        for f in doc["framing"]:
            terms = _esc(", ".join(t["term"] for t in f["loaded_terms"])) or "–"
            arts = _esc(", ".join(t["text"] for t in f["translation_artifacts"])) or "–"
            out.append(f"- {_name(names.get(f['article'], f['article']))}: {_('Ton')} {f['tone']:+.2f}; {_('Wertende Begriffe')}: {terms}; {_('Übersetzungsreste')}: {arts}")
        out.append("")
    out += [f"## {_('Quellen')}", ""]
    for a in doc["articles"]:
        dup = f" ({_('Kopie von')} {_esc(a['duplicate_of'])})" if a.get("duplicate_of") else ""
        when = _esc(a.get("published") or _("Datum unbekannt"))
        out.append(f"- {_name(a.get('outlet') or a['id'])} — {_esc(a.get('title') or a['id'])} — {when} ({_esc(a['published_from'])}), {_esc(a.get('language') or '?')}{dup}")
        if a.get("removed"):
            out.append(f"  - {_('Von der Bereinigung entfernt')} ({len(a['removed'])}): " + "; ".join(f"{_esc(r['text'][:60])} [{_esc(r['why'])}]" for r in a["removed"][:8]))
    out.append("")
    return "\n".join(out)
