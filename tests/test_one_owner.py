"""The language kit (src/lagebild/lang/) is the only owner of months, weekdays, number words,
negators and quote marks: no other module of src/ keeps its own table of them.

The scan reads every module outside lang/ with ``ast`` and looks at each collection literal
(set, list, tuple, dict keys and values) and each string constant (regex alternations,
``"montag dienstag ...".split()``). A literal holding enough words of one table is an offender:
3+ month names, 3+ weekday names, 4+ number words, 3+ negators (each making up 30% of the
literal's words, or a full table: 10 months, 7 weekdays, 10 number words, 8 negators), or 3+
distinct quote marks. Docstrings and f-strings are prose and are not read.
Import the kit instead (``lagebild.lang.calendar``, ``.numbers``, ``.negation``, ``.quotes``).

``ALLOWED`` lists the modules that still had such tables when the kit landed; they are being
migrated by the compare/extract work. Shrink it as they go: a listed module that no longer
offends fails ``test_allow_list_is_not_stale``.

    python tests/test_one_owner.py   # prints every table found, allowed or not
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "lagebild"
KIT = SRC / "lang"

MONTHS = {
    "januar", "jänner", "january", "enero", "februar", "february", "febrero", "märz", "march", "marzo",
    "april", "abril", "mai", "may", "mayo", "juni", "june", "junio", "juli", "july", "julio", "august",
    "agosto", "september", "septiembre", "setiembre", "oktober", "october", "octubre", "november",
    "noviembre", "dezember", "december", "diciembre",
}
WEEKDAYS = {
    "montag", "monday", "lunes", "dienstag", "tuesday", "martes", "mittwoch", "wednesday", "miércoles",
    "miercoles", "donnerstag", "thursday", "jueves", "freitag", "friday", "viernes", "samstag", "sonnabend",
    "saturday", "sábado", "sabado", "sonntag", "sunday", "domingo",
}
NUMBER_WORDS = {
    "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig",
    "dreißig", "vierzig", "fünfzig", "hundert", "tausend", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand",
    "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "veinte",
    "treinta", "cuarenta", "cincuenta", "cien", "ciento", "mil",
}
NEGATORS = {
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "niemand",
    "not", "never", "none", "nobody", "nothing", "neither", "nor", "nunca", "jamás", "ningún", "ninguno",
    "ninguna", "nadie", "nada", "tampoco",
}
QUOTE_MARKS = set("„“”‚‘’«»‹›\"")

# (vocabulary, how many distinct words make a table)
WORD_TABLES = {
    "months": (MONTHS, 3),
    "weekdays": (WEEKDAYS, 3),
    "number words": (NUMBER_WORDS, 4),
    "negators": (NEGATORS, 3),
}
MIN_QUOTE_MARKS = 3
# A literal below the full-table count must be mostly table words (a stop-word list holding
# "nicht" and "kein" among 200 function words is not a negator table) ...
MIN_SHARE = 0.3
# ... but this many distinct words are a copied table in any company.
FULL_TABLE = {"months": 10, "weekdays": 7, "number words": 10, "negators": 8}

# module (relative to src/lagebild) -> tables it may still hold. Being migrated by the
# compare/extract work (and clustering/ by the stories work): remove entries as they go.
ALLOWED: dict[str, set[str]] = {}

_WORD = re.compile(r"[^\W\d_]+")


def _strings(node: ast.AST) -> list[str]:
    """The string constants directly inside a collection literal (or the constant itself)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    items: list[ast.expr | None] = []
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        items = list(node.elts)
    elif isinstance(node, ast.Dict):
        items = [*node.keys, *node.values]
    return [n.value for n in items if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _prose(tree: ast.AST) -> set[int]:
    """ids of string nodes that are prose, not tables: docstrings and f-string parts."""
    out: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
        if isinstance(node, ast.JoinedStr):
            out.update(id(v) for v in node.values)
    return out


def tables_in(path: Path) -> list[tuple[int, str, int]]:
    """(line, table kind, how many of its words) for every table-like literal in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    prose = _prose(tree)
    found: dict[tuple[int, str], int] = {}
    for node in ast.walk(tree):
        if id(node) in prose:
            continue
        strings = _strings(node)
        if not strings:
            continue
        words = {w.lower() for s in strings for w in _WORD.findall(s)}
        for kind, (vocab, need) in WORD_TABLES.items():
            n = len(words & vocab)
            if n >= need and (n >= FULL_TABLE[kind] or n >= MIN_SHARE * len(words)):
                key = (node.lineno, kind)
                found[key] = max(found.get(key, 0), n)
        marks = {c for s in strings for c in s if c in QUOTE_MARKS}
        if len(marks) >= MIN_QUOTE_MARKS:
            key = (node.lineno, "quote marks")
            found[key] = max(found.get(key, 0), len(marks))
    # a collection and a string inside it on the same line report once
    return sorted((line, kind, n) for (line, kind), n in found.items())


def scan() -> dict[str, list[tuple[int, str, int]]]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        if KIT in path.parents:
            continue
        hits = tables_in(path)
        if hits:
            out[str(path.relative_to(SRC))] = hits
    return out


def test_the_kit_owns_its_tables() -> None:
    offenders = [
        f"{mod}:{line}: {kind} ({n})"
        for mod, hits in scan().items()
        for line, kind, n in hits
        if kind not in ALLOWED.get(mod, set())
    ]
    assert not offenders, (
        "tables outside src/lagebild/lang/ (use the kit instead):\n  " + "\n  ".join(offenders)
    )


def test_allow_list_is_not_stale() -> None:
    found = {(mod, kind) for mod, hits in scan().items() for _, kind, _ in hits}
    stale = sorted(f"{mod}: {kind}" for mod, kinds in ALLOWED.items() for kind in kinds if (mod, kind) not in found)
    assert not stale, "no longer offending: remove from ALLOWED in tests/test_one_owner.py:\n  " + "\n  ".join(stale)


def test_the_scan_finds_a_table(tmp_path: Path) -> None:
    src = tmp_path / "m.py"
    src.write_text(
        'DAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2}\n'
        'NEG = re.compile(r"\\b(?:nicht|kein|never)\\b")\n'
        'Q = "„“”"\n'
        'OK = ["montag", "mai"]\n',
        encoding="utf-8",
    )
    assert tables_in(src) == [(1, "weekdays", 3), (2, "negators", 3), (3, "quote marks", 3)]


if __name__ == "__main__":
    total = 0
    for mod, hits in scan().items():
        for line, kind, n in hits:
            total += 1
            tag = "allowed" if kind in ALLOWED.get(mod, set()) else "OFFENDER"
            print(f"{tag:8s} {mod}:{line}: {kind} ({n})")
    print(f"{total} tables outside lang/ in {len(scan())} modules")
