"""Does a line name the news? The headline of an article and of a story.

Cleaning keeps the headline an input or a page gives (``Article.title``) and guesses one
from the first lines when there is none (:func:`lagebild.text.clean.guess_title`). On real
pages both can be page furniture: a label ("HQ", "Kostenloses Trinkwasser"), a dateline
("Hannover (dpa/lni) –", "München."), a source or caption line ("[Source: BBC]",
"Feuerwehr-Auto (Archiv), via dts Nachrichtenagentur"), a programme note ("Sendung: Bayern 2
Nachrichten, 02.06.2024 09:00 Uhr"), a live-ticker marker ("+++ Update folgt +++") or a
byline ("Publicado por Agències Creado: Actualizado:"). realnews_dev gave 8 of its 42 story
titles so. :func:`usable_headline` says whether a line can stand as a title (and returns it
as shown: ticker markers off, long sentences cut at a word); :func:`article_headline` picks
an article's title or, failing that, the first lead sentence that can.
"""

from __future__ import annotations

import re

from lagebild.lang.quotes import is_quote_char
from lagebild.models import Article
from lagebild.text.boilerplate import is_furniture, strip_credit_prefix

__all__ = ["HEADLINE_MAX_CHARS", "article_headline", "quotation_only", "usable_headline"]

# A title names who did what: at least this many words with letters. Real headlines of
# realnews_dev, BASIL and the seeds have 4 or more ("EZB senkt erneut Leitzins",
# "Literaturnobelpreis für Jon Fosse"); the labels above have 1-2.
HEADLINE_MIN_WORDS = 3
# A lead sentence shown as a title is cut at a word boundary near this many characters.
HEADLINE_MAX_CHARS = 160
# Lead sentences looked at when the article's own title cannot stand (headline + lead).
HEADLINE_LEAD_SENTENCES = 3

_TICKER = re.compile(r"^\s*(?:\+{2,}|\*{2,}|•)\s*|\s*(?:\+{2,}|\*{2,})\s*$")
_WORD = re.compile(r"[^\W\d_]{2,}")
# A line that waits for its value ("Creado:", "Hannover (dpa/lni) –") or is wrapped whole
# in brackets ("[Source: BBC]", "(Archiv)").
_OPEN_END = re.compile(r"[:–—-]\s*$")
_WRAPPED = re.compile(r"^\s*[\[(].*[\])]\s*$")


def usable_headline(line: str | None) -> str | None:
    """``line`` as a title (ticker markers off, cut near HEADLINE_MAX_CHARS), or None when
    it is too short or page furniture."""
    if not line:
        return None
    text = strip_credit_prefix(_TICKER.sub("", " ".join(line.split())))
    if len(_WORD.findall(text)) < HEADLINE_MIN_WORDS:
        return None
    if _OPEN_END.search(text) or _WRAPPED.match(text):
        return None
    if is_furniture(text):
        return None
    return _cut(text)


def _cut(text: str) -> str:
    if len(text) <= HEADLINE_MAX_CHARS:
        return text
    head = text[:HEADLINE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return head + " …"


def article_headline(article: Article) -> tuple[int, str] | None:
    """(0, the article's own title) when it can stand and is no bare quotation, else (1,
    the first lead sentence that can), else (2, a title that is a bare quotation), else
    None."""
    title = usable_headline(article.title)
    if title and not quotation_only(title):
        return 0, title
    for s in article.sentences[:HEADLINE_LEAD_SENTENCES]:
        got = usable_headline(s.text)
        if got:
            return 1, got
    return (2, title) if title else None


# Words a headline may put before the colon that opens a quotation ("Expertin:", "Lagarde:").
QUOTE_LABEL_MAX_WORDS = 3


def quotation_only(title: str) -> bool:
    """Whether ``title`` is a quotation, bare or after a short speaker label ("Expertin:
    „Normalisierung der Geldpolitik“"): it says what someone said, not what happened
    (realnews_dev: the headline of one of three reports of the ECB's March 2025 cut was the
    story's title)."""
    text = title.strip()
    label, colon, rest = text.partition(":")
    if colon and len(label.split()) <= QUOTE_LABEL_MAX_WORDS and rest.strip():
        text = rest.strip()
    return len(text) >= 2 and is_quote_char(text[0]) and is_quote_char(text[-1]) and not any(
        is_quote_char(c) for c in text[1:-1])
