"""A line classifier for scraped plain-text boilerplate.

Each line gets features (markers it starts with, shape, neighbours) and named rules decide,
with thresholds below, whether it is boilerplate and why. Precision over recall: a line no
rule claims is kept. Headlines, subheadings (also lowercase-mangled ones) and real sentences
are never claimed by shape alone; shape rules only fire inside a context that already proved
to be boilerplate (a "Related Articles" block, a caption cluster, a tag list after
"Archiviert unter:").

``classify_lines`` is a pure function of the lines; ``clean.py`` runs it to a fixpoint so
cleaning is idempotent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.lang.quotes import CLOSING_MARKS, OPENING_MARKS, QUOTE_PAIRS
from lagebild.text.pubdate import dateline_date, prefix_date

__all__ = [
    "WHY",
    "LineVerdict",
    "classify_lines",
    "is_furniture",
    "is_heading_like",
    "is_name_like",
    "normalize_line",
    "strip_credit_prefix",
]


# Reasons, one vocabulary for the dossier's `removed[].why`.
class WHY:
    NAVIGATION = "navigation"
    SHARE = "share button"
    RELATED = "related-articles teaser"
    PHOTO = "photo credit"
    BYLINE = "byline"
    CAPTION = "caption"
    COPYRIGHT = "copyright footer"
    CONTACT = "contact footer"
    SLOGAN = "site slogan"
    VIDEO = "video teaser"
    ARCHIVE = "archive label"
    DATELINE = "dateline"
    ADVERTISEMENT = "advertisement"
    NEWSLETTER = "newsletter prompt"
    COOKIE = "cookie notice"
    COMMENTS = "comment form"


@dataclass(frozen=True)
class LineVerdict:
    """What the classifier decided for one input line.

    ``why`` is None for a kept line. A kept line may have lost a glued prefix or suffix
    (``stripped`` with ``stripped_why``); ``text`` is then the rest. ``date`` is an ISO date
    ("YYYY-MM-DD" or "YYYY-MM") the line contributed (dateline or "date 2025-07" prefix).
    """

    text: str
    why: str | None = None
    stripped: str | None = None
    stripped_why: str | None = None
    date: str | None = None


# --- thresholds (calibrated by eye on the five seed articles and on fictional fixtures in
# tests/test_clean.py written to mimic German/English/Spanish news sites) ---------------

HEADING_MAX_WORDS = 22  # a headline/subheading line; seed subheadings have 3-14 words
NAME_LINE_MAX_TOKENS = 4  # "Olga Demidenko", "Juan Carlos de la Fuente" (particles excluded)
NAME_LINE_MAX_CHARS = 60  # longer lines are never bare names
BYLINE_MAX_WORDS = 8  # "Von Max Mustermann und Erika Musterfrau, Berlin"
CREDIT_MAX_WORDS = 20  # "Foto: picture alliance / dpa / Kay Nietfeld" and longer agency lists
LABEL_MAX_WORDS = 4  # a bare section/category label line ("Nachrichten", "Politik Ausland")
FOOTER_MAX_WORDS = 40  # a contact/copyright line; longer lines are prose mentioning them
TEASER_SHORT_WORDS = 12  # inside a related block, short lines are teaser furniture
BODY_MIN_WORDS = 20  # a line this long with final punctuation ends a related block
PROSE_MIN_WORDS = 8  # a sentence-like line (fixtures: short real sentences have 8+ words)
CAPTION_NEIGHBOURHOOD = 2  # a name line within this many lines of a credit/name line
TAG_LINE_MAX_WORDS = 6  # tag lines under "Archiviert unter:"


_INVISIBLE_TABLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
FINAL_PUNCT = ".!?…:;"
ELLIPSIS_END_RE = re.compile(r"(\.\.\.|…)\s*[\]\)]?$")
# Starts only where an address can start (not inside a run of its characters): without the
# lookbehind a long token without "@" is rescanned from every position (quadratic).
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
URL_RE = re.compile(r"(https?://|www\.)\S+", re.I)
NAME_TOKEN_RE = re.compile(r"^(?:[A-ZÄÖÜÁÉÍÓÚÑÇ][a-zäöüßáéíóúñçèàâêîôûëï'’]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?|[A-Z]\.)$")
NAME_PARTICLES = {"von", "van", "de", "del", "la", "der", "den", "da", "di", "al", "bin", "y"}
# Capitalised words that start headings, not names ("Zur Person", "Neue Brücke").
NAME_STOPWORDS = {
    "zur", "zum", "der", "die", "das", "im", "am", "mit", "und", "für", "über", "aus", "bei",
    "nach", "vor", "ein", "eine", "neue", "neuer", "neues", "mehr", "alle", "kein", "keine",
    "the", "and", "for", "with", "new", "more", "el", "la", "los", "las", "en", "con", "para",
    "nuevo", "nueva", "más", "person", "video", "videos", "fotos", "bilder", "live", "news",
}

# Whole-line markers, compared lowercased without trailing ":" and surrounding punctuation.
SHARE_WORDS = {
    "share", "teilen", "compartir", "tweet", "tweeten", "twittern", "facebook", "twitter", "x",
    "whatsapp", "telegram", "linkedin", "xing", "pinterest", "reddit", "e-mail", "email",
    "mail", "drucken", "print", "imprimir", "kopieren", "copy link", "link kopieren",
    "messenger", "flipboard", "pocket", "threads", "bluesky", "mastodon", "teilen auf",
    "share on", "compartir en", "enviar", "send", "senden", "merken", "speichern", "save",
    "kommentare", "comments", "comentarios", "kommentieren",
}
SHARE_PHRASES = {
    "share this article", "share this", "share article", "share this story", "artikel teilen",
    "diesen artikel teilen", "beitrag teilen", "seite teilen", "jetzt teilen",
    "compartir este artículo", "compartir artículo", "compartir noticia", "compartir en facebook",
    "compartir en twitter", "share on facebook", "share on twitter", "auf facebook teilen",
    "per e-mail teilen", "per mail versenden", "artikel drucken", "artikel versenden",
}
RELATED_HEADERS = {
    "related articles", "related", "related stories", "related news", "read more",
    "read also", "more on this", "more on this story", "more from", "you may also like",
    "recommended", "recommended for you", "most read", "most popular", "top stories",
    "mehr zum thema", "mehr zu diesem thema", "lesen sie auch", "lesen sie mehr",
    "auch interessant", "das könnte sie auch interessieren", "das könnte sie interessieren",
    "weitere artikel", "weitere nachrichten", "ähnliche artikel", "ähnliche beiträge",
    "verwandte artikel", "verwandte themen", "empfohlene artikel", "meistgelesen",
    "meistgelesene artikel", "am meisten gelesen", "weiterlesen", "mehr lesen",
    "lea también", "lee también", "te puede interesar", "también te puede interesar",
    "noticias relacionadas", "artículos relacionados", "más información", "más noticias",
    "lo más leído", "leer más", "seguir leyendo", "relacionado", "relacionados",
}
# Prefixes that make a one-line teaser: "Lesen Sie auch: Neue Brücke für Musterstadt".
RELATED_PREFIX_RE = re.compile(
    r"^(?:lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|weiterlesen|read more|"
    r"read also|related|see also|also read|lea también|lee también|te puede interesar|"
    r"leer más|más información|le puede interesar|siehe auch)\s*[:»>|–-]\s*\S",
    re.I,
)
VIDEO_HEADERS = {
    "verwandte videos", "video", "videos", "zum video", "video ansehen", "mehr videos",
    "related videos", "watch", "watch video", "watch the video", "videos relacionados",
    "ver video", "ver vídeo", "vídeo", "vídeos relacionados", "video abspielen", "play video",
}
VIDEO_PREFIX_RE = re.compile(r"^(?:video|vídeo|watch|zum video|ver video)\s*[:|]\s*\S", re.I)
VIDEO_SUFFIX_RE = re.compile(r"\s*[\(\[](?:\+\s*)?(?:mit\s+)?(?:video|videos|vídeo|fotos|bildergalerie|galerie)[\)\]]\s*$", re.I)
ARCHIVE_RE = re.compile(
    r"^(?:archiviert unter|abgelegt unter|filed under|archivado en|archivado|schlagwörter|"
    r"schlagworte|stichwörter|etiquetas|posted in)\s*:", re.I,
)
# Words that also open real sentences ("Themen: Die Rente ..."): only a short tag list counts.
ARCHIVE_WEAK_RE = re.compile(
    r"^(?:tags|themen|temas|kategorie|kategorien|categories|category|categoría|"
    r"veröffentlicht in|mehr zu)\s*:", re.I,
)
ADVERTISEMENT_LABELS = {
    "anzeige", "werbung", "advertisement", "advertising", "ad", "sponsored", "gesponsert",
    "publicidad", "publicidade", "promoted", "promotion", "sponsored content", "paid content",
    "contenido patrocinado", "- anzeige -", "anzeige -", "partnerinhalt",
}
PHOTO_CREDIT_RE = re.compile(
    r"^(?:foto|fotos|bild|bilder|bildquelle|photo|photos|image|images|picture|credit|"
    r"credits|foto de archivo|imagen de archivo|foto de|fotografía|imagen|imagen de|titelbild|symbolbild|symbolfoto|"
    r"archivbild|archivfoto|copyright foto|bildrechte)\s*(?::|©|\(c\))\s*\S", re.I,
)
CREDIT_MARK_RE = re.compile(r"^(?:©|\(c\))\s*\S", re.I)
INLINE_CREDIT_RE = re.compile(
    r"(?:[\(\[|/–-]\s*|\s)(?:foto|fotos|bild|photo|image|imagen|credit)\s*:\s*[^.!?]{2,80}[\)\]]?\s*$",
    re.I,
)
AGENCY_CREDIT_RE = re.compile(
    r"(?:picture[ -]alliance|getty images|imago|reuters|dpa|afp|ap photo|epa|efe|shutterstock|"
    r"istock|keystone|sputnik|anadolu)", re.I,
)
# A copyright line may open with a source label: "Quelle: (c) Copyright <agency> 2024. Click For
# Restrictions - https://..." (agency copies on portals; realnews_dev dev-010 led with it).
COPYRIGHT_RE = re.compile(
    r"^(?:(?:quelle|quellen|source|sources|fuente|fuentes)\s*:\s*)?"
    r"(?:copyright\b|©|\(c\)|todos los derechos|alle rechte|all rights)|alle rechte vorbehalten|"
    r"all rights reserved|todos los derechos reservados|derechos reservados", re.I,
)
FOOTER_LABELS = {
    "impressum", "datenschutz", "datenschutzerklärung", "kontakt", "agb", "nutzungsbedingungen",
    "infos & mitteilungen", "infos und mitteilungen", "über uns", "mediadaten", "barrierefreiheit",
    "privacy policy", "privacy", "terms of use", "terms of service", "terms and conditions",
    "contact", "contact us", "about us", "imprint", "cookie settings", "cookie-einstellungen",
    "aviso legal", "política de privacidad", "política de cookies", "contacto", "quiénes somos",
    "términos y condiciones", "sitemap", "rss", "hilfe", "help", "faq", "karriere", "jobs",
}
CONTACT_RE = re.compile(
    r"^(?:kontakt|contact|contacto|e-?mail|email|tel\.?|telefon|teléfono|phone|fax|redaktion|"
    r"infos?\b.*\b(?:senden|schicken|mail)|(?:hinweise|tipps|pressemitteilungen)\b.*\bmail|"
    r"send (?:us|news)|envíenos|escríbenos)\b", re.I,
)
SLOGAN_RE = re.compile(
    r"^(?:immer aktuell|always up to date|stay up to date|bleiben sie informiert|"
    r"siempre actualizado|toda la actualidad|die neuesten nachrichten|the latest news|"
    r"folgen sie uns|follow us|síguenos)\b", re.I,
)
NEWSLETTER_RE = re.compile(
    r"(?:\bnewsletter\b.*\b(?:abonnieren|anmelden|bestellen|subscribe|sign up|suscr[ií]b|registr)|"
    r"^(?:jetzt )?(?:abonnieren|subscribe|sign up|suscríbete|suscribirse|registrieren|anmelden)\b|"
    r"^newsletter\b)", re.I,
)
COOKIE_RE = re.compile(r"\bcookies?\b", re.I)
COOKIE_VERB_RE = re.compile(
    r"\b(?:verwende|nutze|setze|einsatz|use|uses|using|utiliza|usamos|usa|akzeptier|accept|"
    r"acept|zustimm|consent|einwillig|einstellung|settings|configur)", re.I,
)
# a cookie notice speaks to the reader; a news sentence about cookies does not
COOKIE_READER_RE = re.compile(
    r"\b(?:wir|unsere\w*|sie|ihnen|ihre\w*|we|our|you|your|usamos|utilizamos|nuestr\w*|"
    r"usted|este sitio|this (?:site|website))\b", re.I,
)
COOKIE_BUTTON_RE = re.compile(r"^(?:alle )?(?:akzeptieren|accept all|accept cookies|aceptar|aceptar todas|zustimmen)$", re.I)
BREADCRUMB_START = {"home", "startseite", "start", "inicio", "portada", "homepage", "übersicht"}
BREADCRUMB_SEP_RE = re.compile(r"\s(?:>|›|»|/|\||::|→)\s")
SECTION_LABELS = {
    "nachrichten", "news", "politik", "wirtschaft", "sport", "kultur", "panorama", "ausland",
    "inland", "welt", "wissen", "gesellschaft", "meinung", "regional", "lokales", "lokal",
    "digital", "technik", "auto", "reise", "gesundheit", "leben", "unterhaltung", "stars",
    "boulevard", "international", "aktuell", "top-news", "topnews", "eilmeldung", "ticker",
    "live", "liveblog", "kommentar", "analyse", "interview", "hintergrund", "world", "politics",
    "business", "sports", "culture", "opinion", "europe", "us", "uk", "tech", "science",
    "health", "entertainment", "noticias", "internacional", "mundo", "política", "economía",
    "deportes", "cultura", "sociedad", "opinión", "españa", "actualidad", "última hora",
    "ukraine-krieg", "krieg in der ukraine", "nahost", "usa", "russland", "ukraine",
}
DATELINE_LABEL_RE = re.compile(
    r"^\(|^(?:stand|veröffentlicht|aktualisiert|zuletzt aktualisiert|erstellt|published|updated|"
    r"publicado|actualizado|fecha|sendung|sendedatum)\b", re.I,
)
BYLINE_RE = re.compile(
    r"^(?:von|by|por|text|texto|autor|autorin|author|redacción|reporter|ein bericht von|"
    r"ein kommentar von|eine analyse von)\s*:?\s+(?P<rest>.+)$", re.I,
)
# A wire service's staff credit under the story ("(Writing by A; editing by B)", "Reporting by
# A and B; Editing by C"; realnews_dev's Reuters copy on zawya.com listed its editors as
# people of the story).
_CREDIT_ROLE = r"(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by)\s+"
_CREDIT_NAMES = r"[A-ZÄÖÜ][\w.'-]*(?:\s+[A-ZÄÖÜ][\w.'-]*)*"
WIRE_CREDIT_RE = re.compile(
    r"^\(?\s*" + _CREDIT_ROLE + _CREDIT_NAMES
    + r"(?:\s*(?:,|;|\band\b|&)\s*(?:" + _CREDIT_ROLE + r")?" + _CREDIT_NAMES + r")*\s*\)?\.?$"
)

# Marks that open a quotation (the kit's), escaped for a character class.
_OPENING_MARKS = re.escape("".join(sorted(OPENING_MARKS)))
# Page furniture seen on realnews_dev's scraped pages (2026-12-02), each a whole line:
# a skip link ("1. Skip to content") and a loading notice ("loading", "Messages are loaded...");
SKIP_LINK_RE = re.compile(
    r"^(?:\d+\.\s*)?(?:skip to (?:main )?content|zum inhalt springen|direkt zum inhalt|ir al contenido|saltar al contenido)$", re.I
)
LOADING_RE = re.compile(
    r"^(?:loading|wird geladen|lädt|cargando|messages are loaded|nachrichten werden geladen|inhalte werden geladen)\W*$", re.I
)
# a source label in brackets ("[Source: BBC]", "[Quelle: dpa]");
SOURCE_LABEL_RE = re.compile(r"^\[\s*(?:source|sources|quelle|fuente)\s*:[^\]]{1,60}\]$", re.I)
# an image caption that ends in its agency credit ("GDL-Streik (Archiv), via dts
# Nachrichtenagentur") or a short line marked as an archive or symbol picture ("Olaf Scholz
# (Archiv)");
CAPTION_VIA_RE = re.compile(r",?\s+via\s+\S+\s+(?:nachrichtenagentur|news agency|agencia de noticias)$", re.I)
CAPTION_MARK_RE = re.compile(r"\((?:archiv|archivbild|archivfoto|symbolbild|symbolfoto|file photo|archivo)\)", re.I)
# a picture credit glued before the first line ("AP Photo/Michael Probst Alle Räder stehen
# still: …", "Getty Images Elon Musks Rakete Starship"; realnews_dev page titles);
CREDIT_PREFIX_RE = re.compile(
    r"^(?:ap photo|getty images|picture[ -]alliance|imago(?: images)?|shutterstock|istock)"
    r"(?:\s*/\s*[A-ZÄÖÜ][\w-]+\s[A-ZÄÖÜ][\w-]+)?\s+(?=[A-ZÄÖÜÁÉÍÓÚ" + _OPENING_MARKS + "])", re.I
)
# News agencies as bylines and datelines name them ("Por EFE", "Hannover (dpa/lni) –", "AP
# Aerospace Writer"): one list for the three rules below.
NEWS_AGENCIES = ("dpa", "afp", "ap", "reuters", "rtr", "efe", "epd", "kna", "apa", "sda", "dts", "ots",
                 "ansa", "tass", "europa press")
_AGENCY = "(?:" + "|".join(NEWS_AGENCIES) + ")"
# an agency dateline left alone on its line ("Hannover (dpa/lni) –", "Berlin (AFP) -");
AGENCY_DATELINE_RE = re.compile(
    r"^[A-ZÄÖÜÁÉÍÓÚ][\w.\- ]{1,40}\s\(" + _AGENCY + r"\b[^)]{0,20}\)\s*[–—-]?$", re.I
)
# a publication label without its dates ("Publicado por Agències Creado: Actualizado:");
EMPTY_DATE_LABEL_RE = re.compile(
    r"^(?:publicado|published|veröffentlicht)\b.*\b(?:actualizado|updated|aktualisiert)\s*:?$", re.I
)
# an agency byline ("Por EFE", "Von dpa") or an agency staff line ("AP Aerospace Writer").
AGENCY_NAME_RE = re.compile("^" + _AGENCY + "$", re.I)
AGENCY_STAFF_RE = re.compile(
    "^" + _AGENCY + r"\s+(?:[A-Z][a-z]+\s+){0,2}(?:writer|correspondent|reporter|editor)$", re.I
)

# A comment form under the article ("Leave a Comment", "This site uses Akismet to reduce
# spam. Learn how your comment data is processed.": WordPress pages in realnews_dev).
COMMENT_FORM_RE = re.compile(
    r"^(?:leave a (?:comment|reply)|post a comment|kommentar (?:hinterlassen|schreiben)|deja un comentario|"
    r"this site uses akismet|learn how your comment data is processed|"
    r"your email address will not be published|deine e-mail-adresse wird nicht veröffentlicht|"
    r"tu dirección de correo electrónico no será publicada)\b", re.I,
)
# A broadcaster's note when the item went on air ("Diese Nachricht wurde am 06.06.2024 im
# Programm Deutschlandfunk gesendet.": Deutschlandfunk pages in realnews_dev).
BROADCAST_NOTE_RE = re.compile(
    r"^diese (?:nachricht|meldung|sendung) wurde am .{4,60} (?:gesendet|ausgestrahlt)\.?$", re.I
)
# A line of hashtags only ("#German #train #drivers #strike").
HASHTAGS_RE = re.compile(r"^#\w+(?:\s+#\w+)+$")
# An agency's picture caption as a paragraph: "<day> <month> <year>, <places>: <what the
# picture shows>. … Photo: <credit>" (dpa captions carried by portals, realnews_dev).
CAPTION_HEAD_RE = re.compile(r"^\d{1,2}\.? [^\W\d_]{3,12}\.? (?:19|20)\d\d, [^:]{2,80}: ")


_SHARE_SPLIT_RE = re.compile(r"[\s|,/•·]+")
_LABEL_SPLIT_RE = re.compile(r"[\s|/•·]+")
_AUTHORS_SPLIT_RE = re.compile(r"\s*[,|–-]\s*|\s+(?:und|and|y)\s+")
_DIGITS_RE = re.compile(r"\d{3,}")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
RIGHTS_RE = re.compile(r"rechte|rights|derechos|verlag|publishing|editorial", re.I)


# Quotation marks as text/ reads them, derived from the kit (lagebild.lang.quotes).
# Guillemets: the marks that pair with each other both ways (» «, › ‹); they also decorate
# labels and navigation ("» Mehr", "Politik › Ausland").
GUILLEMETS = frozenset(op for op, cl in QUOTE_PAIRS.items() if cl != op and QUOTE_PAIRS.get(cl) == op)
# The single ones (› ‹) are navigation arrows in scraped text far more often than quotes.
SINGLE_GUILLEMETS = frozenset("‹›")
# Marks that close a quotation at a line or sentence end: the kit's closing marks without the
# single guillemets and without ‘ (which opens English single quotes).
CLOSING_QUOTES = frozenset(c for c in CLOSING_MARKS if c not in SINGLE_GUILLEMETS and c != "‘")
_DECORATION = " \t-–—|•·*:>" + "".join(sorted(GUILLEMETS)) + "()[]"
_TRAILING_CLOSERS = " " + "".join(sorted(CLOSING_QUOTES)) + ")"

def normalize_line(line: str) -> str:
    """One line with invisible characters dropped and whitespace runs made single spaces."""
    # str.split() splits on every Unicode space (no-break, narrow no-break, thin, ...)
    return " ".join(line.translate(_INVISIBLE_TABLE).split())


def _key(line: str) -> str:
    """Lowercased line without decorative punctuation, for marker lookups."""
    return line.strip(_DECORATION).lower().strip()


def is_heading_like(line: str) -> bool:
    """A short line without final sentence punctuation (headline, subheading, label)."""
    s = line.rstrip(_TRAILING_CLOSERS)
    if not s:
        return False
    return len(line.split()) <= HEADING_MAX_WORDS and s[-1] not in FINAL_PUNCT + ","


def is_name_like(line: str) -> bool:
    """A bare person name: 2-4 capitalised name tokens (particles like "von" allowed)."""
    if len(line) > NAME_LINE_MAX_CHARS:
        return False
    tokens = line.split()
    core = [t for t in tokens if t.lower() not in NAME_PARTICLES]
    if not 2 <= len(core) <= NAME_LINE_MAX_TOKENS or len(tokens) - len(core) > 2:
        return False
    if tokens[0].lower() in NAME_PARTICLES or any(t.lower() in NAME_STOPWORDS for t in tokens):
        return False
    return all(NAME_TOKEN_RE.match(t) for t in core)


def _is_body(line: str) -> bool:
    """A real paragraph: long and ending in sentence punctuation (not a teaser ellipsis)."""
    return (
        len(line.split()) >= BODY_MIN_WORDS
        and not ELLIPSIS_END_RE.search(line)
        and line.rstrip(_TRAILING_CLOSERS)[-1:] in ".!?"
    )


def _is_prose(line: str) -> bool:
    """A sentence-like line: a few words ending in sentence punctuation."""
    return len(line.split()) >= PROSE_MIN_WORDS and line.rstrip(_TRAILING_CLOSERS)[-1:] in ".!?"


# Little words that join share buttons ("Share on X", "Teilen per E-Mail"); never enough alone.
SHARE_JOINERS = {"on", "via", "per", "auf", "en", "por", "with", "mit"}


def _is_share(key: str) -> bool:
    if key in SHARE_PHRASES or key in SHARE_WORDS:
        return True
    parts = [p for p in _SHARE_SPLIT_RE.split(key) if p]
    return (
        bool(parts)
        and len(parts) <= 8
        and all(p in SHARE_WORDS or p in SHARE_JOINERS for p in parts)
        and any(p in SHARE_WORDS for p in parts)
    )


# Separators only menus use ("Outlet › Region › Town"); "/" and "|" also occur in prose.
STRONG_CRUMB_SEP_RE = re.compile(r"\s(?:>|›|»|→)\s")


def _is_breadcrumb(line: str) -> bool:
    words = line.split()
    strong = STRONG_CRUMB_SEP_RE.split(line)
    if len(strong) >= 3 and all(1 <= len(p.split()) <= 4 for p in strong) and line.rstrip()[-1:] not in ".!?":
        return True
    if (
        len(words) >= 2
        and words[0].lower() in BREADCRUMB_START
        and (words[1].lower().strip(">›»/|") in SECTION_LABELS or BREADCRUMB_SEP_RE.search(line))
    ):
        return True
    parts = BREADCRUMB_SEP_RE.split(line)
    return (
        len(parts) >= 3
        and all(len(p.split()) <= 4 for p in parts[:-1])
        and (words[0].lower() in BREADCRUMB_START or parts[0].lower() in SECTION_LABELS)
    )


def _is_section_label(key: str) -> bool:
    if key in SECTION_LABELS:
        return True
    parts = [p for p in _LABEL_SPLIT_RE.split(key) if p]
    return 1 <= len(parts) <= LABEL_MAX_WORDS and all(p in SECTION_LABELS for p in parts)


def _is_photo_credit(line: str) -> bool:
    n = len(line.split())
    if n > CREDIT_MAX_WORDS:
        return False
    if PHOTO_CREDIT_RE.match(line):
        return not _is_body(line) or n <= 8
    if CREDIT_MARK_RE.match(line):  # "© dpa" is a credit, "© 2025 Verlag" a copyright line
        return not _YEAR_RE.search(line) and not RIGHTS_RE.search(line)
    return False


def _is_byline(line: str) -> bool:
    if AGENCY_STAFF_RE.match(line) or WIRE_CREDIT_RE.match(line):
        return True
    m = BYLINE_RE.match(line)
    if not m:
        # authors alone, two or more names between bars ("Jared Reed | Michaela Küfner")
        parts = [p.strip() for p in line.split("|")]
        return len(parts) >= 2 and len(line.split()) <= BYLINE_MAX_WORDS * 2 and all(is_name_like(p) for p in parts)
    if len(line.split()) > BYLINE_MAX_WORDS or line.rstrip()[-1:] in ".!?":
        return False
    rest_text = m.group("rest").strip()
    # an agency ("Por EFE") or one capitalised name ("By John") after the byline word
    if AGENCY_NAME_RE.match(rest_text) or (NAME_TOKEN_RE.match(rest_text) and rest_text.lower() not in NAME_STOPWORDS):
        return True
    rest = _AUTHORS_SPLIT_RE.split(rest_text)
    return any(is_name_like(p) for p in rest if p)


# Removed lines of these kinds end a related-articles block (the page footer begins).
BLOCK_ENDERS = {
    WHY.COPYRIGHT, WHY.CONTACT, WHY.SLOGAN, WHY.NEWSLETTER, WHY.COOKIE, WHY.ARCHIVE, WHY.DATELINE,
}


def _single_line_rule(line: str) -> str | None:
    """Rules that decide from the line alone. Returns the reason or None."""
    n = len(line.split())
    if n > FOOTER_MAX_WORDS * 2:
        return None  # every rule below has a lower word limit: a long paragraph is prose
    key = _key(line)
    if not key:
        return None
    if _is_share(key):
        return WHY.SHARE
    if key in ADVERTISEMENT_LABELS:
        return WHY.ADVERTISEMENT
    if key in VIDEO_HEADERS or (VIDEO_PREFIX_RE.match(line) and is_heading_like(line)):
        return WHY.VIDEO
    if ARCHIVE_RE.match(line) and n <= FOOTER_MAX_WORDS:
        return WHY.ARCHIVE
    if ARCHIVE_WEAK_RE.match(line) and n <= TEASER_SHORT_WORDS and is_heading_like(line):
        return WHY.ARCHIVE
    if key in RELATED_HEADERS or (RELATED_PREFIX_RE.match(line) and n <= HEADING_MAX_WORDS):
        return WHY.RELATED
    if _is_photo_credit(line):
        return WHY.PHOTO
    if COPYRIGHT_RE.search(line) and n <= FOOTER_MAX_WORDS * 2 and (
        COPYRIGHT_RE.match(line) or n <= FOOTER_MAX_WORDS
    ):
        return WHY.COPYRIGHT
    if key in FOOTER_LABELS:
        return WHY.CONTACT
    if n <= FOOTER_MAX_WORDS and (EMAIL_RE.search(line) and (CONTACT_RE.match(line) or n <= 12)):
        return WHY.CONTACT
    if CONTACT_RE.match(line) and n <= 12 and (EMAIL_RE.search(line) or URL_RE.search(line) or _DIGITS_RE.search(line)):
        return WHY.CONTACT
    if SLOGAN_RE.match(line) and n <= TEASER_SHORT_WORDS:
        return WHY.SLOGAN
    if NEWSLETTER_RE.search(line) and n <= FOOTER_MAX_WORDS:
        return WHY.NEWSLETTER
    if (
        COOKIE_RE.search(line) and COOKIE_VERB_RE.search(line) and COOKIE_READER_RE.search(line)
    ) or COOKIE_BUTTON_RE.match(key):
        return WHY.COOKIE
    if _is_breadcrumb(line):
        return WHY.NAVIGATION
    if _is_section_label(key):
        return WHY.NAVIGATION
    if SKIP_LINK_RE.match(line) or LOADING_RE.match(line) or HASHTAGS_RE.match(line):
        return WHY.NAVIGATION
    if COMMENT_FORM_RE.match(line) and n <= FOOTER_MAX_WORDS:
        return WHY.COMMENTS
    if SOURCE_LABEL_RE.match(line):
        return WHY.BYLINE
    if (n <= CREDIT_MAX_WORDS and CAPTION_VIA_RE.search(line)) or (CAPTION_MARK_RE.search(line) and is_heading_like(line)):
        return WHY.CAPTION
    if AGENCY_DATELINE_RE.match(line) or (n <= BYLINE_MAX_WORDS and EMPTY_DATE_LABEL_RE.match(line)) or BROADCAST_NOTE_RE.match(line):
        return WHY.DATELINE
    if _is_byline(line):
        return WHY.BYLINE
    return None


def strip_credit_prefix(line: str) -> str:
    """``line`` without a picture credit glued before it (CREDIT_PREFIX_RE)."""
    m = CREDIT_PREFIX_RE.match(line)
    return line[m.end():] if m else line


def is_furniture(line: str) -> bool:
    """Page furniture by the line's own shape (a credit, byline, label, share or footer
    line, or a date label such as "Published …", "Stand: …"), whatever its neighbours."""
    line = normalize_line(line)
    return bool(line) and (_single_line_rule(line) is not None or bool(DATELINE_LABEL_RE.match(line)))


def classify_lines(lines: Sequence[str]) -> list[LineVerdict]:
    """Classify each line (already normalised, blank lines allowed) as kept or boilerplate.

    Returns one verdict per input line, in order. Blank lines come back kept and empty.
    """
    lines = [normalize_line(x) for x in lines]
    n = len(lines)
    why: list[str | None] = [None] * n
    texts = list(lines)
    stripped: list[tuple[str, str] | None] = [None] * n
    dates: list[str | None] = [None] * n

    # 1. glued prefixes / suffixes and datelines. A bare dated line counts as a dateline
    #    only above the first or below the last body paragraph (a dated line between
    #    paragraphs may be a timeline entry); labelled ones ("Stand: ...") count anywhere.
    body = [i for i, x in enumerate(texts) if x and _is_prose(x)]
    first_body, last_body = (body[0], body[-1]) if body else (n, -1)
    for i, line in enumerate(texts):
        if not line:
            continue
        pre = prefix_date(line)
        if pre is not None:
            prefix, iso, rest = pre
            dates[i] = iso
            if rest:
                texts[i] = rest
                stripped[i] = (prefix, WHY.DATELINE)
            else:
                why[i] = WHY.DATELINE
            continue
        found = dateline_date(line) if (i < first_body or i > last_body or DATELINE_LABEL_RE.match(line)) else None
        if found is not None:
            why[i], dates[i] = WHY.DATELINE, found
            continue
        credit = CREDIT_PREFIX_RE.match(line) if i <= first_body else None
        if credit:
            line = texts[i] = line[credit.end():]
            stripped[i] = (credit.group().strip(), WHY.PHOTO)
        m = VIDEO_SUFFIX_RE.search(line)
        if m and m.start() > 0 and is_heading_like(line[: m.start()]):
            texts[i] = line[: m.start()].rstrip()
            stripped[i] = (m.group().strip(), WHY.VIDEO)

    # 2. single-line rules
    for i, line in enumerate(texts):
        if line and why[i] is None:
            why[i] = _single_line_rule(line)

    nonblank = [i for i in range(n) if texts[i]]

    # 3. related-articles blocks: after a related header, teaser furniture until a body line
    k = 0
    while k < len(nonblank):
        i = nonblank[k]
        if why[i] == WHY.RELATED and _key(texts[i]) in RELATED_HEADERS:
            j = k + 1
            block: list[int] = []
            while j < len(nonblank):
                t = texts[nonblank[j]]
                if why[nonblank[j]] in BLOCK_ENDERS:
                    break  # a footer ends the block
                if why[nonblank[j]] is not None:
                    j += 1  # labels, share buttons, credits inside the teaser box
                    continue
                if _is_body(t):
                    break
                if not (is_heading_like(t) or ELLIPSIS_END_RE.search(t) or len(t.split()) <= TEASER_SHORT_WORDS):
                    break
                block.append(nonblank[j])
                j += 1
            ended_by_body = j < len(nonblank) and why[nonblank[j]] is None
            if ended_by_body and block and is_heading_like(texts[block[-1]]) and not _is_section_label(_key(texts[block[-1]])):
                block.pop()  # the article goes on: that line is its own subheading
            for b in block:
                if why[b] is None:
                    why[b] = WHY.RELATED
            k = j
            continue
        k += 1

    # 4. headerless teaser triples: label, headline, teaser ending in "..."
    for pos, i in enumerate(nonblank):
        if why[i] is not None or not ELLIPSIS_END_RE.search(texts[i]):
            continue
        if pos >= 2:
            h, lab = nonblank[pos - 1], nonblank[pos - 2]
            if is_heading_like(texts[h]) and (why[lab] in (WHY.NAVIGATION, WHY.RELATED)):
                why[i] = WHY.RELATED
                if why[h] is None:
                    why[h] = WHY.RELATED

    # 5. tag lists under "Archiviert unter:" at the end
    for pos, i in enumerate(nonblank):
        if why[i] == WHY.ARCHIVE:
            for j in nonblank[pos + 1:]:
                if why[j] is None and len(texts[j].split()) <= TAG_LINE_MAX_WORDS and is_heading_like(texts[j]):
                    why[j] = WHY.ARCHIVE
                else:
                    break

    # 6. caption clusters: bare name lines next to a photo credit or to each other,
    #    or repeated; a lone name line directly above the headline/lead is a byline.
    counts: dict[str, int] = {}
    for i in nonblank:
        counts[texts[i]] = counts.get(texts[i], 0) + 1
    namey = {i for i in nonblank if why[i] is None and is_name_like(texts[i])}
    for pos, i in enumerate(nonblank):
        if i not in namey:
            continue
        near = nonblank[max(0, pos - CAPTION_NEIGHBOURHOOD): pos] + nonblank[pos + 1: pos + 1 + CAPTION_NEIGHBOURHOOD]
        credit_near = any(why[j] in (WHY.PHOTO, WHY.CAPTION, WHY.BYLINE) or j in namey for j in near)
        if counts[texts[i]] > 1 and credit_near:
            why[i] = WHY.CAPTION
        elif credit_near:
            # first name of a cluster is the author's byline, later ones captions
            prev_namey = any(j in namey for j in nonblank[max(0, pos - CAPTION_NEIGHBOURHOOD): pos])
            why[i] = WHY.CAPTION if prev_namey else WHY.BYLINE
    # inline caption credits: "Donald Trump in Washington. Foto: dpa"
    for i in nonblank:
        if why[i] is None and len(texts[i].split()) <= CREDIT_MAX_WORDS + 5:
            m = INLINE_CREDIT_RE.search(texts[i])
            if m and (AGENCY_CREDIT_RE.search(m.group()) or len(m.group().split()) <= 6):
                why[i] = WHY.CAPTION
        if why[i] is None and CAPTION_HEAD_RE.match(texts[i]) and INLINE_CREDIT_RE.search(texts[i]):
            why[i] = WHY.CAPTION  # a whole caption paragraph, however long

    out = []
    for i in range(n):
        s = stripped[i]
        out.append(LineVerdict(texts[i] if why[i] is None else lines[i], why[i],
                               s[0] if s else None, s[1] if s else None, dates[i]))
    return out
