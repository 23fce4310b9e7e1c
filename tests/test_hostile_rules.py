"""Every regex-based text rule finishes fast on 1 MB tokens without spaces (no catastrophic backtracking).

The rules run in a child process with a timeout, so a rule that backtracks fails this test
(naming the rule) instead of hanging the suite. Every compiled pattern of the ``lagebild.text`` and
``lagebild.lang`` modules is run too, so a new rule is covered without being listed here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

# One rule may take this long on a 1 MB token (linear rules take milliseconds to ~15 s on a
# loaded core; a quadratic one takes hours).
RULE_SECONDS = 60
TOKEN_BYTES = 1_000_000
# Token alphabets that trip the usual backtracking shapes: word runs (e-mail, names), stops
# (sentence candidates), digits and separators (dates, numbers), quotes and brackets. Every
# compiled pattern meets all of them; the composite rules (Python loops over those patterns,
# ~10x slower per character) meet the first two, to keep the test near two minutes.
PATTERNS = ["a.", "a@", ".", "„a", "<p>"]
FUNCTION_PATTERNS = 2

CHILD = textwrap.dedent(
    """
    import json, re, sys, time
    from lagebild.limits import LimitExceeded
    from lagebild.text import boilerplate, clean, html, language, lemmas, pubdate, sentences
    from lagebild.models import RawArticle

    functions = {
        "boilerplate.normalize_line": boilerplate.normalize_line,
        "boilerplate.is_heading_like": boilerplate.is_heading_like,
        "boilerplate.is_name_like": boilerplate.is_name_like,
        "boilerplate.classify_lines": lambda t: boilerplate.classify_lines([t, "Der Rat tagte am Montag."]),
        "clean.clean_lines": clean.clean_lines,
        "clean.clean_article(text)": lambda t: clean.clean_article(RawArticle(id="x", text=t)),
        "html.check_html_size": html.check_html_size,
        "pubdate.find_dates": pubdate.find_dates,
        "pubdate.dateline_date": pubdate.dateline_date,
        "pubdate.prefix_date": pubdate.prefix_date,
        "pubdate.latest_text_date": pubdate.latest_text_date,
        "sentences.quote_spans": sentences.quote_spans,
        "sentences.split_line": sentences.split_line,
        "sentences.split_sentences": sentences.split_sentences,
        "sentences.is_heading_line": sentences.is_heading_line,
        "lemmas.tokenize": lemmas.tokenize,
        "language.foreign_words": lambda t: language.foreign_words(t, "de"),
    }
    import importlib, pkgutil
    import lagebild.lang, lagebild.text
    patterns = {}
    modules = [importlib.import_module(m.name) for pkg in (lagebild.text, lagebild.lang) for m in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + ".")]
    for mod in modules:
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                patterns[f"{mod.__name__.split('.', 1)[-1]}.{name}"] = lambda t, p=value: (p.search(t), sum(1 for _ in p.finditer(t)))
    size, with_functions = int(sys.argv[2]), sys.argv[3] == "1"
    for pattern in json.loads(sys.argv[1]):
        unit = pattern * (size // len(pattern))
        for tail in ("", " Das ist ein Satz."):
            rules = dict(patterns)
            if with_functions and tail:
                rules.update(functions)
            token = unit + tail
            for name, rule in rules.items():
                print(json.dumps({"start": name, "pattern": pattern, "tail": bool(tail)}), flush=True)
                t = time.perf_counter()
                try:
                    rule(token)
                except LimitExceeded:
                    pass  # a named refusal is a fine answer
                print(json.dumps({"done": name, "seconds": round(time.perf_counter() - t, 3)}), flush=True)
    """
)


@pytest.mark.parametrize(("pattern", "with_functions"), [(p, i < FUNCTION_PATTERNS) for i, p in enumerate(PATTERNS)])
def test_every_text_rule_is_linear_on_a_1mb_token(pattern, with_functions):
    env = {**os.environ, "LAGEBILD_THREADS": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    n_rules_bound = 200
    timeout = RULE_SECONDS * 8 + 120  # the whole child: all rules, two tails
    try:
        p = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps([pattern]), str(TOKEN_BYTES), "1" if with_functions else "0"],
            capture_output=True, text=True, timeout=timeout, env=env,
        )
        out, err, rc = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        err, rc = "timeout", None
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert len(events) < 4 * n_rules_bound
    if rc is None:
        last = next((e for e in reversed(events) if "start" in e), None)
        pytest.fail(f"rule {last} did not finish on a 1 MB token of {pattern!r} (catastrophic backtracking?)")
    assert rc == 0, err[-2000:]
    slow = [e for e in events if "done" in e and e["seconds"] > RULE_SECONDS]
    assert not slow, f"slow on a 1 MB token of {pattern!r}: {slow}"
