"""Person, organisation and place identity across spellings, inflection and languages.

The one owner of "is this the same entity?". :func:`name_key` gives a key that is equal
for the spellings news in German, English and Spanish uses for one entity:

* curated aliases and exonyms: "Weißes Haus" / "Weißen Hauses" / "White House" /
  "Casa Blanca"; "Russland" / "Russia" / "Rusia"; "Kiew" / "Kyiv";
* transliteration variants by a phonetic key (j/y/i, sch/sh, w/v, ch/kh, tsch/ch, ph/f,
  tz/z/s, doubled letters, -ow/-ov): "Juri Uschakow" = "Yuri Ushakov",
  "Wladimir Putin" = "Vladímir Putin", "Selenskyj" = "Zelensky";
* German genitives ("Putins", "Kremls") and adjective endings of multi-word names.

:func:`same_entity` adds the surname rule: "Uschakow" = "Juri Uschakow" = "Yuri Ushakov",
"Putins" = "Wladimir Putin", unless the first names conflict ("Donald Trump" /
"Melania Trump"). :func:`token_key` is the key of one name token (story clustering).
Outlet identity is not decided here (it belongs to the story context).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .fold import fold

# Words that join two names in one run of capitalised words ("Deutscher Bahn und GDL",
# "Deutsche Bahn and the GDL", "la Deutsche Bahn y la GDL").
NAME_JOINERS = frozenset({"und", "sowie", "and", "y"})

# Academic and professional titles written abbreviated before a German name ("Prof. Dr.
# Karl-Heinz Brenner", "Dipl.-Ing. X"), lowercased without the dot: part of the name's
# phrase, never the name itself.
NAME_TITLE_ABBREVIATIONS: frozenset[str] = frozenset({"prof", "dr", "dipl", "ing", "med", "phil", "jur", "rer", "nat"})

# Lowercase particles joined to a name by a hyphen ("el-Baradei", "al-Sisi", "bin-Salman"):
# the word is a name although it opens in lowercase.
HYPHENATED_NAME_PARTICLES: frozenset[str] = frozenset(
    {"al", "el", "as", "ad", "ash", "an", "ar", "at", "az", "bin", "ibn", "abu", "ben"})

__all__ = [
    "ALIAS_GROUPS",
    "EXONYM_GROUPS",
    "HYPHENATED_NAME_PARTICLES",
    "NAME_JOINERS",
    "NAME_TITLE_ABBREVIATIONS",
    "PlaceLookup",
    "alias_canonical",
    "inflection_key",
    "may_start_alias",
    "multiword_aliases",
    "name_key",
    "particle_name",
    "phonetic",
    "same_entity",
    "strip_genitive",
    "token_key",
]

# A function that maps a name to a place id ("geo:524901") or None (the shipped place
# table lives with the gazetteer of the extraction stage; callers pass its look-up in).
PlaceLookup = Callable[[str], "str | None"]

# Canonical name (the usual German one) -> its spellings in several languages. Matched
# after folding; German inflection is handled by ``inflection_key`` and ``strip_genitive``.
ALIAS_GROUPS: dict[str, tuple[str, ...]] = {
    "USA": ("USA", "US", "U.S.", "U.S.A.", "Vereinigte Staaten", "Vereinigten Staaten",
            "Vereinigte Staaten von Amerika", "Vereinigten Staaten von Amerika",
            "United States", "United States of America", "Estados Unidos", "EE.UU.", "EEUU",
            "Etats-Unis", "États-Unis", "Stati Uniti"),
    "Russland": ("Russland", "Russia", "Rusia", "Russie", "Russische Föderation",
                 "Russischen Föderation", "Russian Federation", "Federación Rusa"),
    "Ukraine": ("Ukraine", "Ucrania", "Ucraina", "Ukraina"),
    "Kiew": ("Kiew", "Kyjiw", "Kyiv", "Kiev", "Kijew", "Kiiv", "Kyïv"),
    "Moskau": ("Moskau", "Moscow", "Moscú", "Moscou", "Mosca", "Moskva"),
    "Washington": ("Washington", "Washington D.C.", "Washington DC"),
    "Weißes Haus": ("Weißes Haus", "Weißen Haus", "Weißen Hauses", "Weisses Haus",
                    "Weissen Hauses", "White House", "Casa Blanca", "Maison Blanche",
                    "Casa Bianca"),
    "Kreml": ("Kreml", "Kremls", "Kremlin", "Kremlin's"),
    "Pentagon": ("Pentagon", "Pentagons", "Pentágono"),
    "NATO": ("NATO", "Nato", "OTAN", "North Atlantic Treaty Organization"),
    "EU": ("EU", "Europäische Union", "Europäischen Union", "European Union", "Unión Europea",
           "UE", "Union européenne"),
    "UN": ("UN", "UNO", "Vereinte Nationen", "Vereinten Nationen", "United Nations",
           "Naciones Unidas", "ONU", "Nations unies"),
    "Naher Osten": ("Naher Osten", "Nahen Osten", "Nahost", "Middle East", "Oriente Medio",
                    "Oriente Próximo", "Moyen-Orient"),
    "Europa": ("Europa", "Europe"),
    "Syrien": ("Syrien", "Syria", "Siria", "Syrie"),
    "Türkei": ("Türkei", "Turkey", "Türkiye", "Turquía", "Turquie", "Turchia"),
    "Iran": ("Iran", "Irán"),
    "Istanbul": ("Istanbul", "Estambul", "Stambul"),
    "China": ("China", "Chine", "Cina"),
    "Peking": ("Peking", "Beijing", "Pekín"),
    "Deutschland": ("Deutschland", "Germany", "Alemania", "Allemagne", "Germania",
                    "Bundesrepublik Deutschland"),
    "Großbritannien": ("Großbritannien", "Vereinigtes Königreich", "Vereinigten Königreich",
                       "Vereinigten Königreichs", "United Kingdom", "Great Britain",
                       "Reino Unido", "UK"),
    "Frankreich": ("Frankreich", "France", "Francia"),
    "Israel": ("Israel",),
    "Gaza": ("Gaza", "Gazastreifen", "Gaza Strip", "Franja de Gaza"),
    "Brüssel": ("Brüssel", "Brussels", "Bruselas", "Bruxelles"),
    "Bundestag": ("Bundestag", "Bundestags", "Bundestages"),
    "Bundesregierung": ("Bundesregierung",),
    "Truth Social": ("Truth Social",),
    "EZB": ("EZB", "ECB", "BCE", "Europäische Zentralbank", "Europäischen Zentralbank",
            "European Central Bank", "Banco Central Europeo", "Banque centrale européenne"),
    "EFE": ("EFE", "Agencia EFE"),
    # German parties and unions as English and Spanish reports name them (realnews_dev's
    # Landtag elections and rail strikes listed "Christian Democrats" as a person, "Greens"
    # and "Left Party" apart from "Grünen" and "Linke").
    "CDU": ("CDU", "Christian Democrats", "Christian Democratic Union", "Unión Demócrata Cristiana",
            "Christlich Demokratische Union"),
    "SPD": ("SPD", "Social Democrats", "Social Democratic Party", "Partido Socialdemócrata",
            "Sozialdemokratische Partei Deutschlands"),
    "AfD": ("AfD", "Alternative für Deutschland", "Alternative for Germany", "Alternativa para Alemania"),
    "Grüne": ("Grüne", "Grünen", "Die Grünen", "Bündnis 90/Die Grünen", "Greens", "Green Party",
              "the Greens", "Los Verdes"),
    "Linke": ("Linke", "Die Linke", "Left Party", "La Izquierda"),
    "FDP": ("FDP", "Free Democrats", "Free Democratic Party", "Partido Democrático Libre"),
    "BSW": ("BSW", "Bündnis Sahra Wagenknecht", "Sahra Wagenknecht Alliance", "Alianza Sahra Wagenknecht"),
    "GDL": ("GDL", "Gewerkschaft Deutscher Lokomotivführer", "German Train Drivers' Union",
            "Sindicato Alemán de Maquinistas"),
    "SpaceX": ("SpaceX", "Space X"),  # "Space X" in junge Welt's Starship report
}

# Single-token exonyms of countries, cities and institutions (already folded; the first is
# the key). Written for this project; used by ``token_key`` and ``name_key``.
EXONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("russland", "russia", "rusia"), ("ukraine", "ucrania", "ukraina"),
    ("deutschland", "germany", "alemania"), ("frankreich", "france", "francia"),
    ("italien", "italy", "italia"), ("spanien", "spain", "espana"),
    ("osterreich", "austria"), ("schweiz", "switzerland", "suiza"),
    ("polen", "poland", "polonia"), ("griechenland", "greece", "grecia"),
    ("turkei", "turkey", "turkiye", "turquia"), ("agypten", "egypt", "egipto"),
    ("syrien", "syria", "siria"), ("irak", "iraq"), ("japan", "japon"), ("mexiko", "mexico"),
    ("brasilien", "brazil", "brasil"), ("indien", "india"), ("usa", "us", "eeuu", "eua"),
    ("grossbritannien", "britain", "uk"), ("niederlande", "netherlands", "holanda"),
    ("belgien", "belgium", "belgica"), ("danemark", "denmark", "dinamarca"),
    ("schweden", "sweden", "suecia"), ("norwegen", "norway", "noruega"),
    ("finnland", "finland", "finlandia"), ("ungarn", "hungary", "hungria"),
    ("tschechien", "czechia", "chequia"), ("rumanien", "romania", "rumania"),
    ("marokko", "morocco", "marruecos"), ("libanon", "lebanon", "libano"),
    ("jordanien", "jordan", "jordania"), ("saudi-arabien", "saudi", "saudita"),
    ("moskau", "moscow", "moscu"), ("peking", "beijing", "pekin"),
    ("warschau", "warsaw", "varsovia"), ("brussel", "brussels", "bruselas"),
    ("wien", "vienna", "viena"), ("munchen", "munich"), ("koln", "cologne", "colonia"),
    ("rom", "rome", "roma"), ("athen", "athens", "atenas"), ("genf", "geneva", "ginebra"),
    ("kreml", "kremlin"), ("nato", "otan"), ("eu", "ue"), ("uno", "un", "onu"),
    ("europa", "europe"), ("afrika", "africa"), ("amerika", "america"),
    # institutions whose acronym differs by language, German states (votes, floods, strikes)
    ("kiew", "kyjiw", "kyiv", "kiev", "kijew", "kiiv"),
    ("ezb", "ecb", "bce"), ("iwf", "imf", "fmi"),
    ("bayern", "bavaria", "baviera"), ("sachsen", "saxony", "sajonia"),
    ("thuringen", "thuringia", "turingia"), ("brandenburg", "brandenburgo"),
    ("hessen", "hesse"),
)
_EXONYMS: dict[str, str] = {v: g[0] for g in EXONYM_GROUPS for v in g}


def strip_genitive(word: str) -> str:
    """A name without a genitive ending: "Putins" -> "Putin", "Trump's" -> "Trump".

    Words ending in -ss/-us/-is/-os/-as keep their s ("Paris", "Markus").
    """
    if word.endswith(("’s", "'s")):
        return word[:-2]
    if word.endswith(("'", "’")):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "as")):
        return word[:-1]
    return word


def inflection_key(name: str) -> str | None:
    """A multi-word name without German adjective and genitive endings ("Weißen Hauses",
    "Weiße Haus", "Weißes Haus" -> "weiss haus"); None for single words."""
    return _inflection_key_folded(fold(name))


def _inflection_key_folded(folded: str) -> str | None:
    """:func:`inflection_key` of a name already folded."""
    words = folded.split()
    if len(words) < 2:
        return None
    head = [re.sub(r"(e|en|er|es|em)$", "", w) if len(w) > 3 else w for w in words[:-1]]
    last = words[-1]
    if len(last) > 4 and last.endswith("es"):
        last = last[:-2]
    elif len(last) > 4 and last.endswith("s"):
        last = last[:-1]
    return " ".join([*head, last])


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, variants in ALIAS_GROUPS.items():
        for v in (canonical, *variants):
            index[fold(v)] = canonical
            key = inflection_key(v)
            if key:
                index.setdefault("~" + key, canonical)
    return index


@lru_cache(maxsize=1)
def _multiword_alias_re() -> re.Pattern[str]:
    variants = sorted({fold(v) for c, vs in ALIAS_GROUPS.items() for v in (c, *vs) if " " in v.strip()},
                      key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in variants) + r")(?!\w)")


def multiword_aliases(text: str) -> set[str]:
    """Canonical names of the curated aliases of several words in ``text`` ("The European
    Central Bank is cutting ..." -> {"EZB"}; "Vereinigten Staaten" -> {"USA"}), for callers
    that read names word by word and would see "European", "Central", "Bank"."""
    index = _alias_index()
    return {index[m.group()] for m in _multiword_alias_re().finditer(fold(text)) if m.group() in index}


# Distinct names whose canonical form is kept: the entity tagger asks for every capitalised
# word of every sentence (issue #9 profile: 180,000 calls for 200 10kGNAD articles).
ALIAS_MEMO = 65536


@lru_cache(maxsize=ALIAS_MEMO)
def alias_canonical(name: str) -> str | None:
    """The curated canonical name of ``name`` (any listed spelling/language), else None.

    Also tries the name without a German genitive ending ("Kremls", "Russlands") and
    without adjective endings ("Weißen Hauses").
    """
    index = _alias_index()
    f = fold(name)
    if f in index:
        return index[f]
    for suffix in ("'s", "s", "es"):
        if f.endswith(suffix) and f[: -len(suffix)] in index:
            return index[f[: -len(suffix)]]
    key = _inflection_key_folded(f)  # the same as inflection_key(name): fold once
    if key and "~" + key in index:
        return index["~" + key]
    return None


@lru_cache(maxsize=1)
def _alias_first_words() -> tuple[frozenset[str], frozenset[str]] | None:
    """(first word of every key of the alias index, every prefix of those words); None when
    a key has no first word (then any word may start an alias)."""
    firsts: set[str] = set()
    for key in _alias_index():
        for k in (key, key[1:] if key.startswith("~") else key):
            words = k.split()
            if not words:
                return None
            firsts.add(words[0])
    return frozenset(firsts), frozenset(w[:n] for w in firsts for n in range(1, len(w) + 1))


@lru_cache(maxsize=ALIAS_MEMO)
def may_start_alias(word: str) -> bool:
    """False only when no text starting with the token ``word`` has an
    :func:`alias_canonical` (issue #9: the entity tagger then skips the windows of up to
    five words it would look up at every capitalised word; 95 % of them in 10kGNAD).

    Every lookup of :func:`alias_canonical` matches an index key whose first word is a
    start of the text's folded first word (the genitive and adjective endings it drops are
    ends of words); that first word starts with ``fold(word)`` or, when the next token is
    glued to it ("D.C."), is longer: so a first word of a key starts ``fold(word)``, or
    ``fold(word)`` starts one (tests/test_speed6.py checks the windows of the corpora).
    """
    got = _alias_first_words()
    f = fold(word)
    if got is None or not f:
        return True
    firsts, prefixes = got
    return f in prefixes or any(f[:n] in firsts for n in range(1, len(f) + 1))


_PHON_RULES = (
    ("ck", "k"), ("ph", "f"), ("th", "t"), ("kh", "h"), ("ch", "h"), ("zh", "s"), ("tz", "s"),
    ("ts", "s"), ("z", "s"), ("w", "v"), ("y", "i"), ("j", "i"), ("ou", "u"), ("q", "k"),
    ("x", "ks"), ("c", "k"),
)
_NON_LETTER_RE = re.compile(r"[^a-z]")
_DOUBLE_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """A spelling-insensitive form of one name word ("Uschakow", "Ushakov" -> "usakov";
    "Juri", "Yuri" -> "iuri"; "Chodorkowski", "Khodorkovsky" -> "hodorkovski")."""
    s = _NON_LETTER_RE.sub("", fold(word))
    # "tsch"/"tch" are one sound (marked, then written c); "sch"/"sh" are s; a lone c is k
    s = s.replace("tsch", "\x01").replace("tch", "\x01").replace("sch", "s").replace("sh", "s")
    for a, b in _PHON_RULES:
        s = s.replace(a, b)
    s = s.replace("\x01", "c")
    return _DOUBLE_RE.sub(r"\1", s)


@lru_cache(maxsize=65536)
def token_key(word: str) -> str:
    """The matching key of one name token for story clustering: folded, genitive/plural s
    dropped, exonyms mapped ("Russlands", "Russia" -> "russland"), else :func:`phonetic`."""
    w = fold(word)
    w = re.sub(r"['’]s$", "", w)
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if w in _EXONYMS:
        return _EXONYMS[w]
    if w + "s" in _EXONYMS:  # "Paris" and friends lost their s above
        return _EXONYMS[w + "s"]
    return phonetic(w)


def name_key(name: str, places: PlaceLookup | None = None) -> str:
    """A key that is equal for the same entity across spellings and languages.

    "a:<canonical>" for curated aliases ("Vereinigte Staaten" = "United States"), "p:<id>"
    for a one-word place when ``places`` knows it, else "n:" + the phonetic words
    ("Uschakow" = "Ushakov", "Wladimir Putin" = "Vladímir Putin").
    """
    canon = alias_canonical(name)
    if canon:
        return "a:" + fold(canon)
    if places is not None and " " not in name.strip():
        pid = places(name)
        if pid:
            return "p:" + pid
    folded = fold(name)
    if " " not in folded and folded in _EXONYMS:
        return "a:" + _EXONYMS[folded]
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    return "n:" + " ".join(p for w in words if (p := phonetic(w)))


def same_entity(a: str, b: str, places: PlaceLookup | None = None) -> bool:
    """True when two names plausibly denote the same entity.

    Same :func:`name_key`; or one is a German genitive of the other ("Putins"); or one is
    the other's surname ("Trump" / "Donald Trump", "Uschakow" / "Yuri Ushakov") and every
    first name of the shorter one appears in the longer one.
    """
    if not a.strip() or not b.strip():
        return False
    ka, kb = name_key(a, places), name_key(b, places)
    if ka == kb:
        return True
    ga, gb = name_key(strip_genitive(a), places), name_key(strip_genitive(b), places)
    if ga in (kb, gb) or ka == gb:
        return True
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) and ka.startswith("n:") and kb.startswith("n:"):
        short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
        last = phonetic(long_[-1])
        if last and last in (phonetic(strip_genitive(short[-1])), phonetic(short[-1])):
            longs = {phonetic(x) for x in long_[:-1]}
            return all(phonetic(f) in longs for f in short[:-1])
    return False


def particle_name(word: str) -> bool:
    """A name opening with a lowercase particle and a hyphen ("el-Baradei", "al-Sisi")."""
    head, sep, rest = word.partition("-")
    return bool(sep) and head in HYPHENATED_NAME_PARTICLES and rest[:1].isupper()
