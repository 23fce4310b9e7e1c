"""Resource limits per input, article and story: declared once, here.

Past a limit an input is cut (the cut is recorded, e.g. as a removal with its reason) or
refused with a reason that names the limit. The figures are generous multiples of what real
news reaches: on the seeds, BASIL and realnews_dev (436 articles) the longest article has
11,308 characters, 1,847 words and ~120 sentences, the longest line 1,876 characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import RawArticle

__all__ = [
    "ARTICLE_TIME_BUDGET_S",
    "MAX_ARTICLE_CHARS",
    "MAX_ARTICLE_TOKENS",
    "MAX_CLAIMS_PER_STORY",
    "MAX_HTML_DEPTH",
    "MAX_HTML_NODES",
    "MAX_JSON_DEPTH",
    "MAX_SENTENCES",
    "MAX_SENTENCE_CHARS",
    "MAX_WORD_CHARS",
    "STORY_TIME_BUDGET_S",
    "LimitExceeded",
    "check_raw_size",
]

# Characters of article text (or HTML) read per article: ~45x the longest real article;
# more is a dump, not an article (refused).
MAX_ARTICLE_CHARS = 500_000
# Whitespace-separated tokens per article text: ~50x the longest real article (refused).
MAX_ARTICLE_TOKENS = 100_000
# Sentences kept per article: ~15x the longest real article; the rest is cut and the cut
# recorded as a removal. Fact alignment is quadratic in a story's sentences.
MAX_SENTENCES = 2_000
# Characters per sentence: a longer run without a sentence end is cut into pieces of at
# most this length (longest real line 1,876 characters, and it holds several sentences).
MAX_SENTENCE_CHARS = 3_000
# HTML elements per page: heavy news pages have 2,000-15,000; a page above this is refused
# (a "tag bomb" of 100,000 paragraphs would give 100,000 sentences).
MAX_HTML_NODES = 50_000
# Nesting depth of HTML elements: libxml2's own default limit; news pages nest < 40 deep.
MAX_HTML_DEPTH = 256
# Nesting depth of a JSON input: articles are flat objects (depth 2 inside a list); this
# refuses hostile nesting long before Python's recursion limit.
MAX_JSON_DEPTH = 32
# Claims aligned per story: fact alignment builds several claims x claims float matrices
# (3,000^2 x 4 bytes = 36 MB each); the largest story on 10kGNAD/BASIL/realnews_dev has
# < 1,500 claims. At 4,000 the largest story of 10kGNAD repeated to 10,000 articles (124
# articles, 4,005 sentences) took 716 MB in the alignment and a worker peaked at 1,569 MB
# (bench/speed.py --scaling --sizes 10000); memory grows with the square of this.
MAX_CLAIMS_PER_STORY = 3_000
# Characters per word: a longer run without white space is cut out of the text and the cut
# recorded (no token above 60 characters in the seeds, BASIL or realnews_dev; long URLs reach
# ~200). Entity tagging is quadratic in word length (a 5,000-character token took 43 s).
MAX_WORD_CHARS = 200
# CPU seconds one article may take to clean, split and extract (a normal one takes < 1 s on one
# loaded core): past it the article fails with a named reason instead of stalling the run.
ARTICLE_TIME_BUDGET_S = 60.0
# CPU seconds one story's dossier may take (a 40-article story takes ~10 s).
STORY_TIME_BUDGET_S = 300.0


class LimitExceeded(ValueError):
    """An input past one of the limits above; the message names the limit and the figure."""


def check_raw_size(raw: RawArticle) -> None:
    """Raise LimitExceeded for an article whose text or HTML is past the size limits."""
    body = raw.text if raw.text is not None else (raw.html or "")
    what = "text" if raw.text is not None else "HTML"
    if len(body) > MAX_ARTICLE_CHARS:
        raise LimitExceeded(f"article too long: {len(body):,} characters of {what} (limit: {MAX_ARTICLE_CHARS:,} per article)")
    if raw.text is not None:
        tokens = len(body.split())
        if tokens > MAX_ARTICLE_TOKENS:
            raise LimitExceeded(f"article too long: {tokens:,} words (limit: {MAX_ARTICLE_TOKENS:,} per article)")
