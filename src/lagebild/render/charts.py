"""Server-side SVG charts for dossier pages: coverage, agreement matrix, timeline.

Every function returns a ``markupsafe.Markup`` holding one ``<svg>`` element. All text that
comes from articles is escaped here; the SVG uses no external resources, no scripts and no
inline event handlers, so it is safe to inline into the self-contained report.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup, escape

__all__ = [
    "CoveragePoint",
    "MatrixRow",
    "TimelinePoint",
    "agreement_matrix",
    "coverage_chart",
    "parse_when",
    "story_span_start",
    "timeline_chart",
]

# Layout constants, chosen by eye on the example corpus at a 1000 px wide column.
CHART_WIDTH = 760  # px; the content column is ~46rem
ROW_HEIGHT = 28  # px per outlet row / fact row
LABEL_WIDTH = 170  # px reserved for outlet names on the left of the coverage chart
FACT_LABEL_WIDTH = 360  # px reserved for fact texts on the left of the agreement matrix
CELL = 26  # px per matrix cell
MAX_LABEL_CHARS = 44  # fact text shown in the matrix before it is cut with "…"
N_TICKS = 5  # date ticks on a time axis
# Timeline dates more than this many days before the story's first report are background
# (a 1987 precedent, last year's election) and are listed apart, not drawn on the axis
# (issue 12: the seeds' axis spanned 1987-2026). Realnews_dev: events are reported within
# a week; announced strikes up to two weeks ahead.
BACKGROUND_DAYS = 14
# Above this many outlets the agreement matrix narrows its cells and fact labels so the
# chart keeps a readable scale in the content column (checked with a 30-outlet story).
MATRIX_WIDE_OUTLETS = 16


@dataclass(frozen=True)
class CoveragePoint:
    """One article of one outlet at one time (``when`` is an ISO date or datetime)."""

    outlet: str
    color: int
    when: str | None
    href: str
    label: str


@dataclass(frozen=True)
class MatrixRow:
    """One fact and, per outlet column, the link to the sentence that carries it (or None)."""

    label: str
    text: str
    cells: tuple[str | None, ...]


@dataclass(frozen=True)
class TimelinePoint:
    """One timeline entry: number shown on the marker, date, optional time, text."""

    number: int
    date: str
    time: str | None
    text: str
    href: str


def parse_when(value: str | None) -> datetime | None:
    """Parse an ISO date/datetime (also ``YYYY-MM`` and ``YYYY``) to a naive datetime.

    Returns None for anything unparseable; never raises.
    """
    if not value or not isinstance(value, str):
        return None
    v = value.strip()
    try:
        if len(v) == 4 and v.isdigit():
            return datetime(int(v), 1, 1)
        if len(v) == 7 and v[4] == "-":
            return datetime(int(v[:4]), int(v[5:7]), 1)
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except (ValueError, TypeError):
        return None
    return dt.replace(tzinfo=None) if dt.tzinfo else dt


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _ticks(t0: datetime, t1: datetime, x0: float, x1: float) -> list[tuple[float, str]]:
    span = (t1 - t0).total_seconds() or 1.0
    fmt = "%d.%m. %H:%M" if span < 3 * 86400 else "%d.%m.%Y"
    out = []
    for k in range(N_TICKS):
        t = t0 + timedelta(seconds=span * k / (N_TICKS - 1))
        out.append((x0 + (x1 - x0) * k / (N_TICKS - 1), t.strftime(fmt)))
    return out


def _svg_open(width: int, height: int, title: str, cls: str) -> str:
    return (
        f'<svg class="chart {cls}" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    )


def _time_range(times: Sequence[datetime]) -> tuple[datetime, datetime]:
    t0, t1 = min(times), max(times)
    if t1 == t0:
        t0, t1 = t0 - timedelta(hours=12), t1 + timedelta(hours=12)
    return t0, t1


def coverage_chart(points: Sequence[CoveragePoint], tr: Callable[[str], str] = str) -> Markup:
    """Articles per outlet over time: one row per outlet, a dot per article (bigger when an
    outlet published several in one bucket). Articles without a date are counted in a note.
    Returns an empty Markup when no article has a date."""
    dated = [(p, parse_when(p.when)) for p in points]
    dated_ok = [(p, t) for p, t in dated if t is not None]
    if not dated_ok:
        return Markup("")
    outlets: list[str] = []
    colors: dict[str, int] = {}
    for p, _ in dated:
        if p.outlet not in colors:
            outlets.append(p.outlet)
            colors[p.outlet] = p.color
    t0, t1 = _time_range([t for _, t in dated_ok])
    span = (t1 - t0).total_seconds()
    x0, x1 = LABEL_WIDTH + 14, CHART_WIDTH - 44
    top = 12
    height = top + ROW_HEIGHT * len(outlets) + 40
    parts = [_svg_open(CHART_WIDTH, height, tr("Berichterstattung je Medium"), "coverage")]
    for k, o in enumerate(outlets):
        y = top + ROW_HEIGHT * k + ROW_HEIGHT / 2
        parts.append(f'<line class="grid" x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}"/>')
        parts.append(f'<text class="lbl" x="{LABEL_WIDTH}" y="{y + 4:.1f}" text-anchor="end">'
                     f"{escape(_cut(o, 24))}</text>")
    # Several articles of one outlet at (nearly) the same moment become one bigger dot.
    bucket_s = 3600 if span < 3 * 86400 else 86400
    groups: dict[tuple[str, int], list[tuple[CoveragePoint, datetime]]] = {}
    for p, t in dated_ok:
        key = (p.outlet, int((t - t0).total_seconds() // bucket_s))
        groups.setdefault(key, []).append((p, t))
    for (o, _), items in groups.items():
        k = outlets.index(o)
        t = items[0][1]
        x = x0 + (x1 - x0) * ((t - t0).total_seconds() / span)
        y = top + ROW_HEIGHT * k + ROW_HEIGHT / 2
        r = 6 + 2.5 * math.sqrt(len(items) - 1)
        tip = "; ".join(f"{p.label} ({p.when})" for p, _ in items)
        parts.append(f'<a href="{escape(items[0][0].href)}"><circle class="dot c{colors[o]}" '
                     f'cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{escape(o)}: {escape(tip)}'
                     f"</title></circle></a>")
    ya = top + ROW_HEIGHT * len(outlets) + 6
    parts.append(f'<line class="axis" x1="{x0}" y1="{ya}" x2="{x1}" y2="{ya}"/>')
    for x, lab in _ticks(t0, t1, x0, x1):
        parts.append(f'<line class="axis" x1="{x:.1f}" y1="{ya}" x2="{x:.1f}" y2="{ya + 4}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{ya + 18}" text-anchor="middle">'
                     f"{escape(lab)}</text>")
    undated = len(dated) - len(dated_ok)
    if undated:
        parts.append(f'<text class="note" x="{x1}" y="{height - 2}" text-anchor="end">'
                     f"ohne Datum: {undated}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def story_span_start(first_published: str | None, published: Sequence[str | None]) -> str | None:
    """The first day (ISO) the story's own timeline covers: BACKGROUND_DAYS before its first
    report. None when no report has a date."""
    times = [t for t in (parse_when(p) for p in [first_published, *published]) if t is not None]
    if not times:
        return None
    return (min(times) - timedelta(days=BACKGROUND_DAYS)).strftime("%Y-%m-%d")


def agreement_matrix(rows: Sequence[MatrixRow], outlets: Sequence[tuple[str, int]],
                     tr: Callable[[str], str] = str) -> Markup:
    """Facts x outlets: a filled cell (linking to the sentence) where an outlet carries the
    fact, an empty one where it does not. ``outlets`` are (name, colour index) columns;
    ``tr`` translates the chart's words (German by default)."""
    if not rows or not outlets:
        return Markup("")
    head = 110  # room for the slanted outlet names
    cell, label_width, max_chars = CELL, FACT_LABEL_WIDTH, MAX_LABEL_CHARS
    if len(outlets) > MATRIX_WIDE_OUTLETS:
        cell, label_width, max_chars = 18, 240, 28
    width = label_width + cell * len(outlets) + 90
    height = head + cell * len(rows) + 8
    parts = [_svg_open(width, height, tr("Übereinstimmung: Fakten je Medium"), "matrix")]
    for j, (name, _color) in enumerate(outlets):
        x = label_width + cell * j + cell / 2
        parts.append(f'<text class="lbl" transform="translate({x + 4:.1f},{head - 6}) '
                     f'rotate(-45)">{escape(_cut(name, 20))}<title>{escape(name)}</title></text>')
    for i, row in enumerate(rows):
        y = head + cell * i
        if i % 2 == 0:
            parts.append(f'<rect class="band" x="0" y="{y}" width="{width}" height="{cell}"/>')
        ty = f"{y + cell / 2 + 4:.1f}"
        parts.append(f'<text class="lbl fid" x="4" y="{ty}">{escape(row.label)}</text>'
                     f'<text class="lbl" x="40" y="{ty}">{escape(_cut(row.text, max_chars))}'
                     f"<title>{escape(row.text)}</title></text>")
        n = 0
        for j, href in enumerate(row.cells):
            x = label_width + cell * j
            name, color = outlets[j]
            if href:
                n += 1
                parts.append(f'<a href="{escape(href)}"><rect class="cell on c{color}" '
                             f'x="{x + 3}" y="{y + 3}" width="{cell - 6}" height="{cell - 6}" '
                             f'rx="3"><title>{escape(name)} {escape(tr("trägt"))} {escape(row.label)}</title>'
                             "</rect></a>")
            else:
                parts.append(f'<rect class="cell off" x="{x + 3}" y="{y + 3}" '
                             f'width="{cell - 6}" height="{cell - 6}" rx="3"><title>'
                             f"{escape(name)} {escape(tr('fehlt'))} {escape(row.label)}</title></rect>")
        xs = label_width + cell * len(outlets) + 8
        parts.append(f'<text class="tick" x="{xs}" y="{y + cell / 2 + 4:.1f}">{n}/'
                     f"{len(outlets)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline_chart(points: Sequence[TimelinePoint], tr: Callable[[str], str] = str) -> Markup:
    """The timeline on a proportional date axis: numbered markers (numbers match the list
    below the chart), a bar for month or year precision. Empty Markup without datable entries."""
    parsed: list[tuple[TimelinePoint, datetime, datetime]] = []
    for p in points:
        start = parse_when(p.date)
        if start is None:
            continue
        if p.time and len(p.date) == 10:
            try:
                hh, mm = (int(x) for x in p.time.split(":")[:2])
                start = start.replace(hour=hh, minute=mm)
            except ValueError:
                pass
        if len(p.date) == 7:
            end = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        elif len(p.date) == 4:
            end = start.replace(year=start.year + 1)
        else:
            end = start
        parsed.append((p, start, end))
    if not parsed:
        return Markup("")
    t0, t1 = _time_range([s for _, s, _ in parsed] + [e for _, _, e in parsed])
    span = (t1 - t0).total_seconds()
    x0, x1 = 50, CHART_WIDTH - 50

    def xpos(t: datetime) -> float:
        return x0 + (x1 - x0) * ((t - t0).total_seconds() / span)

    # Markers that would overlap are stacked in lanes above the axis.
    lanes: list[float] = []
    placed: list[tuple[TimelinePoint, float, float, int]] = []
    for p, s, e in sorted(parsed, key=lambda z: (z[1], z[0].number)):
        xs, xe = xpos(s), xpos(e)
        lane = next((k for k, last in enumerate(lanes) if xs - last > 26), None)
        if lane is None:
            lanes.append(xe)
            lane = len(lanes) - 1
        else:
            lanes[lane] = xe
        placed.append((p, xs, xe, lane))
    base = 24 + 26 * len(lanes)
    height = base + 40
    parts = [_svg_open(CHART_WIDTH, height, tr("Zeitleiste"), "timeline")]
    parts.append(f'<line class="axis" x1="{x0}" y1="{base}" x2="{x1}" y2="{base}"/>')
    for p, xs, xe, lane in placed:
        y = base - 18 - 26 * lane
        tip = f"{p.date}{' ' + p.time if p.time else ''}: {p.text}"
        parts.append(f'<a href="{escape(p.href)}"><g class="tl-mark">')
        if xe - xs > 2:
            parts.append(f'<rect class="span" x="{xs:.1f}" y="{y - 4:.1f}" '
                         f'width="{xe - xs:.1f}" height="8" rx="4"/>')
        parts.append(f'<line class="stem" x1="{xs:.1f}" y1="{y:.1f}" x2="{xs:.1f}" y2="{base}"/>')
        parts.append(f'<circle class="dot" cx="{xs:.1f}" cy="{y:.1f}" r="10"/>'
                     f'<text class="num" x="{xs:.1f}" y="{y + 4:.1f}" text-anchor="middle">'
                     f"{p.number}</text><title>{escape(tip)}</title></g></a>")
    for x, lab in _ticks(t0, t1, x0, x1):
        parts.append(f'<line class="axis" x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 4}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{base + 18}" text-anchor="middle">'
                     f"{escape(lab)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))

