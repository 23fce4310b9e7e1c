"""Export stored dossiers as tables: CSV files, JSON Lines files or one Excel workbook.

Tables (one file or sheet each): ``stories``, ``articles``, ``facts`` (one row per fact x
supporting sentence), ``quotes`` (one row per carrier), ``contradictions`` (one row per claim),
``entities`` and ``outlet_facts`` (facts x outlets; a cell holds the outlet's sentence).
The rows come from ``store.tables.story_rows``, the same rows the store's tables hold.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import MissingExtra, UsageError
from .store.tables import TABLES, story_rows

__all__ = ["EXPORT_TABLES", "FORMATS", "export_rows", "write_export"]

FORMATS = ("csv", "xlsx", "jsonl")
EXPORT_TABLES = ("stories", "articles", "facts", "quotes", "contradictions", "entities", "outlet_facts")
XLSX_FILE = "lagebild.xlsx"
# Excel cells hold at most 32,767 characters.
XLSX_MAX_CELL = 32_767

Table = tuple[list[str], list[list[Any]]]


def _join(parent: Mapping[str, list[tuple[Any, ...]]], child: list[tuple[Any, ...]], pcols: tuple[str, ...],
          ccols: tuple[str, ...], key_n: int) -> list[list[Any]]:
    by_key: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for rows in parent.values():
        for r in rows:
            by_key[r[:key_n]] = r
    out = []
    for c in child:
        p = by_key.get(c[:key_n], ())
        out.append(list(p) + list(c[key_n:]) if p else [*c[:key_n], *([None] * (len(pcols) - key_n)), *c[key_n:]])
    return out


def export_rows(docs: Iterable[Mapping[str, Any]]) -> dict[str, Table]:
    """The export tables of the given dossiers (header, rows)."""
    t: dict[str, Table] = {}
    story_cols = ["story_id", "title", "article_count", "outlet_count", "languages", "first_published",
                  "last_published", "event_date", "facts", "quotes", "contradictions"]
    art_cols = ["story_id", "article_id", "outlet", "title", "url", "published", "language", "duplicate_of", "sentences"]
    fcols, scols = TABLES["facts"], TABLES["fact_supports"]
    qcols, ccols = TABLES["quotes"], TABLES["quote_carriers"]
    kcols, clcols = TABLES["contradictions"], TABLES["contradiction_claims"]
    t["stories"] = (story_cols, [])
    t["articles"] = (art_cols, [])
    t["facts"] = ([*fcols, *scols[2:]], [])
    t["quotes"] = ([*qcols, *(f"carrier_{c}" if c == "text" else c for c in ccols[2:])], [])
    t["contradictions"] = ([*kcols, *clcols[2:]], [])
    t["entities"] = (list(TABLES["entities"]), [])
    matrix: list[tuple[str, str, str, dict[str, str]]] = []
    outlets: list[str] = []
    for doc in docs:
        st = doc["story"]
        sid = st["id"]
        t["stories"][1].append([sid, st.get("title"), st.get("article_count"), st.get("outlet_count"),
                                ",".join(st.get("languages") or []), st.get("first_published"), st.get("last_published"),
                                st.get("event_date"), len(doc.get("facts", [])), len(doc.get("quotes", [])),
                                len(doc.get("contradictions", []))])
        for a in doc["articles"]:
            t["articles"][1].append([sid, a["id"], a.get("outlet"), a.get("title"), a.get("url"), a.get("published"),
                                     a.get("language"), a.get("duplicate_of"), len(a.get("sentences", []))])
        rows = story_rows(doc)
        t["facts"][1].extend(_join({"f": rows["facts"]}, rows["fact_supports"], fcols, scols, 2))
        t["quotes"][1].extend(_join({"q": rows["quotes"]}, rows["quote_carriers"], qcols, ccols, 2))
        t["contradictions"][1].extend(_join({"c": rows["contradictions"]}, rows["contradiction_claims"], kcols, clcols, 2))
        t["entities"][1].extend(list(r) for r in rows["entities"])
        arts = {a["id"]: a for a in doc["articles"]}
        for f in doc.get("facts", []):
            cells: dict[str, str] = {}
            for ref in f["support"]:
                a = arts.get(ref["article"])
                if a is None:
                    continue
                name = a.get("outlet") or a["id"]
                if name not in outlets:
                    outlets.append(name)
                sents = a.get("sentences", [])
                text = sents[ref["sentence"]]["text"] if 0 <= ref["sentence"] < len(sents) else ""
                cells[name] = (cells[name] + " | " + text) if name in cells and text not in cells[name] else cells.get(name, text)
            matrix.append((sid, f["id"], f["text"], cells))
    t["outlet_facts"] = (["story_id", "fact_id", "fact", *outlets],
                         [[sid, fid, text, *(cells.get(o, "") for o in outlets)] for sid, fid, text, cells in matrix])
    return t


def write_export(docs: Iterable[Mapping[str, Any]], fmt: str, out_dir: Path) -> list[Path]:
    """Write the tables in ``fmt`` into ``out_dir`` (created); returns the files written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", f"choose from {', '.join(FORMATS)}")
    tables = export_rows(docs)
    if fmt == "xlsx":
        try:
            import openpyxl
        except ImportError as e:
            raise MissingExtra("openpyxl", "xlsx") from e
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "csv":
        for name, (header, rows) in tables.items():
            p = out_dir / f"{name}.csv"
            # utf-8-sig: spreadsheet programs read the umlauts right only with the BOM.
            with p.open("w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(header)
                w.writerows(rows)
            written.append(p)
    elif fmt == "jsonl":
        for name, (header, rows) in tables.items():
            p = out_dir / f"{name}.jsonl"
            with p.open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(dict(zip(header, r)), ensure_ascii=False) + "\n")
            written.append(p)
    else:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for name, (header, rows) in tables.items():
            ws = wb.create_sheet(name)
            ws.append(header)
            for r in rows:
                ws.append([_cell(v) for v in r])
                for c in ws[ws.max_row]:
                    if isinstance(c.value, str) and c.value.startswith("="):
                        c.data_type = "s"  # text that looks like a formula stays text
            ws.freeze_panes = "A2"
        p = out_dir / XLSX_FILE
        wb.save(p)
        written.append(p)
    return written


def _cell(v: Any) -> Any:
    if isinstance(v, str):
        # Control characters are not allowed in xlsx cells; the rest stays exactly as written.
        v = "".join(ch for ch in v if ch >= " " or ch in "\t\n")
        return v[:XLSX_MAX_CELL]
    return v
