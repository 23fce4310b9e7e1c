"""The language kit (src/lagebild/lang): cross-language equalities and linear-time regexes."""

from __future__ import annotations

import re
import time
from types import ModuleType

import pytest

from lagebild.lang import calendar, fold, names, negation, numbers, offsets, quotes, synonyms, tokens
from lagebild.lang.calendar import find_dates, iso_weekday, month_number, parse_date
from lagebild.lang.fold import fold as fold_text
from lagebild.lang.names import name_key, same_entity
from lagebild.lang.negation import is_negated, negation_indices
from lagebild.lang.numbers import find_numbers, number_word_value, parse_digits
from lagebild.lang.offsets import SentenceIndex, sentence_index
from lagebild.lang.quotes import quote_span_re, quote_spans, strip_quote_marks

# --- calendar ------------------------------------------------------------------------------


def test_weekdays_equal_across_languages() -> None:
    assert iso_weekday("Montag") == iso_weekday("Monday") == iso_weekday("lunes") == 1
    assert iso_weekday("Samstag") == iso_weekday("Sonnabend") == iso_weekday("sábado") == 6
    assert iso_weekday("sabado") == 6
    assert iso_weekday("miércoles") == iso_weekday("miercoles") == iso_weekday("Mittwoch") == 3
    assert iso_weekday("Sonntag") == iso_weekday("SUNDAY") == iso_weekday("domingo") == 7


def test_weekday_compounds_and_abbreviations() -> None:
    assert iso_weekday("Montagabend") == 1
    assert iso_weekday("Dienstagmorgen") == 2
    assert iso_weekday("montags") == 1
    assert iso_weekday("Monday's") == 1
    assert iso_weekday("Mo.") is None  # abbreviations only on request
    assert iso_weekday("Mo.", abbreviations=True) == 1
    assert iso_weekday("Thu", abbreviations=True) == 4
    assert iso_weekday("Montage") is None  # "Montage" (assembly) is no weekday
    assert iso_weekday("Haus") is None


def test_samstag_and_sonnabend_do_not_conflict() -> None:
    a = {d.weekday for d in find_dates("Die Gespräche fanden am Samstag statt.")}
    b = {d.weekday for d in find_dates("Die Gespräche fanden am Sonnabend statt.")}
    c = {d.weekday for d in find_dates("The talks took place on Saturday.")}
    assert a == b == c == {6}


def test_months_with_variants() -> None:
    assert month_number("Jänner") == month_number("Januar") == month_number("enero") == 1
    assert month_number("Sept.") == month_number("September") == month_number("septiembre") == 9
    assert month_number("setiembre") == 9
    assert month_number("März") == month_number("Maerz") == month_number("marzo") == 3
    assert month_number("march") == 3
    assert month_number("Dez.") == month_number("Dec.") == month_number("dic.") == 12
    assert month_number("Januars") == 1
    assert month_number("Sept", abbreviations=False) is None
    assert month_number("Haus") is None


def test_date_phrases_equal_across_languages() -> None:
    assert parse_date("9. März") == parse_date("9 de marzo") == parse_date("March 9") == (9, 3, None)
    assert parse_date("9 March 2025") == parse_date("9. März 2025") == (9, 3, 2025)
    assert parse_date("9 de marzo de 2025") == parse_date("March 9th, 2025") == (9, 3, 2025)
    assert parse_date("09.03.2025") == parse_date("2025-03-09") == (9, 3, 2025)
    assert parse_date("4. Sept. 2024") == (4, 9, 2024)
    assert parse_date("9. März") != parse_date("10. März")
    assert parse_date("kein Datum") is None
    assert calendar.date_keys("am 9. März") == calendar.date_keys("el 9 de marzo") == {(9, 3)}


def test_find_dates_weekday_next_to_date() -> None:
    (d,) = find_dates("Montag, den 3. März 2025", offset=100)
    assert (d.weekday, d.day, d.month, d.year, d.start) == (1, 3, 3, 2025, 100)
    assert find_dates("am 32. März") == []


def test_display_names() -> None:
    assert calendar.month_name(3, "de") == "März"
    assert calendar.month_name(3, "en") == "March"
    assert calendar.weekday_name(6, "es") == "sábado"


# --- numbers -------------------------------------------------------------------------------


def test_digits_with_separators() -> None:
    assert parse_digits("3,75") == parse_digits("3.75") == 3.75
    assert parse_digits("1.000") == parse_digits("1,000") == 1000
    assert parse_digits("1.000.000,5") == parse_digits("1,000,000.5") == 1000000.5
    assert parse_digits("1\u202f000") == 1000
    assert parse_digits("42%") == 42
    assert parse_digits("abc") is None


@pytest.mark.parametrize(("word", "value"), [
    ("vierzig", 40), ("elf", 11), ("zwölf", 12), ("zwoelf", 12), ("einundzwanzig", 21),
    ("zweihundertfünf", 205), ("forty", 40), ("forty-two", 42), ("eleven", 11),
    ("once", 11), ("doce", 12), ("cuarenta", 40), ("veintidós", 22), ("doscientas", 200),
    ("anderthalb", 1.5),
])
def test_number_words(word: str, value: float) -> None:
    assert number_word_value(word) == (value, False)


@pytest.mark.parametrize("word", ["achten", "achte", "eighth", "octavo", "octava"])
def test_ordinal_eight(word: str) -> None:
    assert number_word_value(word) == (8.0, True)


def test_ordinals_more() -> None:
    assert number_word_value("sechsten") == (6.0, True)
    assert number_word_value("ersten") == (1.0, True)
    assert number_word_value("zwanzigsten") == (20.0, True)
    assert number_word_value("twenty-first") == (21.0, True)
    assert number_word_value("tercera") == (3.0, True)
    assert number_word_value("acht") == (8.0, False)
    assert number_word_value("Leute") is None
    assert number_word_value("once", "en") is None  # English "once" is not eleven


def test_forty_equals_40_and_differs_from_41() -> None:
    (a,) = find_numbers("vierzig Menschen")
    (b,) = find_numbers("40 Menschen")
    (c,) = find_numbers("41 Menschen")
    assert (a.value, a.counted) == (b.value, b.counted) == (40.0, "mensch")
    assert c.value == 41.0 and c.counted == a.counted
    assert a.word and not b.word


def test_units_and_scales() -> None:
    pct = [find_numbers(t)[0] for t in ("12 Prozent", "12 %", "12 percent", "12 por ciento")]
    assert {(m.value, m.unit) for m in pct} == {(12.0, "%")}
    big = [find_numbers(t)[0] for t in ("2 Millionen", "2 million", "2 millones", "2 Mio.")]
    assert {m.value for m in big} == {2e6}
    (km,) = find_numbers("5 Kilometer")
    assert (km.unit, km.base_value) == ("m", 5000.0)
    (h,) = find_numbers("zwei Stunden")
    assert (h.unit, h.base_value) == ("min", 120.0)
    (e,) = find_numbers("rund 2,5 Milliarden Euro")
    assert (e.value, e.unit, e.modifier) == (2.5e9, "EUR", "about")
    # basis points are hundredths of a percentage point: "25 Basispunkte" == "0,25 Prozentpunkte"
    bps = [find_numbers(t)[0] for t in ("25 Basispunkte", "25 basis points", "25 puntos básicos", "0,25 Prozentpunkte")]
    assert {(m.unit, m.base_value) for m in bps} == {("pp", 0.25)}
    assert numbers.scale_factor("Billion", "de") == 1e12
    assert numbers.scale_factor("billion", "en") == 1e9


def test_compound_and_fraction_figures() -> None:
    """"six-day strike", "Drei-Tage-Streik", "24-stündigen", "a quarter-point", "un cuarto de
    punto", "einen viertel Prozentpunkt", "0,25 puntos", "25bps": one figure each, in its unit."""

    def read(text: str, lang: str) -> list[tuple[float, str | None]]:
        return [(round(m.base_value if m.base_value is not None else m.value, 4), m.unit)
                for m in find_numbers(text, language=lang)]

    assert read("The union called a six-day strike.", "en") == [(6.0, "day")]
    assert read("Der Drei-Tage-Streik beginnt.", "de") == [(3.0, "day")]
    assert read("den 24-stündigen Streik", "de") == [(1440.0, "min")]
    assert read("die 35-Stunden-Woche", "de") == [(2100.0, "min")]
    quarter = [(0.25, "pp")]
    assert read("The bank cut rates by a quarter-point.", "en") == quarter
    assert read("la rebaja de un cuarto de punto porcentual", "es") == quarter
    assert read("eine Senkung um einen viertel Prozentpunkt", "de") == quarter
    assert read("redujo la tasa en 0,25 puntos", "es") == quarter
    assert read("redujo la tasa en 25 puntos básicos", "es") == quarter
    assert read("two 25bps cuts", "en") == [(2.0, None), (0.25, "pp")]  # two cuts, not 2 bps
    assert read("Der DAX fiel um 200 Punkte", "de") == [(200.0, None)]  # index points stay bare
    assert read("die Ausgabe Covid-19", "de") == [(19.0, None)]
    magnitude = [(6.4, "mag")]
    assert read("ein Erdbeben der Stärke 6,4", "de") == magnitude
    assert read("a 6.4-magnitude quake", "en") == magnitude
    assert read("un sismo de magnitud 6,4", "es") == magnitude


def test_find_numbers_joins_and_skips() -> None:
    assert [m.value for m in find_numbers("treinta y cinco personas")] == [35.0]
    assert [m.value for m in find_numbers("twenty one people")] == [21.0]
    # dates, clock times and years are not figures; "eine" alone is an article
    assert find_numbers("Am 9. März 2025 um 19:24 Uhr kam eine Frau.") == []
    (one,) = find_numbers("eine Stunde")
    assert one.value == 1.0
    (sixth,) = find_numbers("der 6. Anruf")
    assert sixth.ordinal and sixth.value == 6.0


# --- negation ------------------------------------------------------------------------------


def test_negation() -> None:
    assert is_negated("Die Fähre war nicht überladen", "de")
    assert is_negated("Es gab keine Fortschritte")
    assert is_negated("Niemand wurde verletzt")
    assert not is_negated("Nicht nur die Fähre, sondern auch der Hafen", "de")
    assert is_negated("The ferry was not overloaded", "en")
    assert is_negated("They don't know", "en")
    assert is_negated("never again", "en")
    assert is_negated("No hubo ningún avance", "es")  # negative concord: one negation
    assert is_negated("Nunca", "es")
    assert not is_negated("Die Fähre war überladen", "de")
    assert negation_indices(["nicht", "nur", "das"]) == []
    assert negation_indices(["das", "ist", "es"], pos=["PDS", "VAFIN", "PTKNEG"]) == [2]
    assert negation.has_lexical_negative(["scheitern"])


def test_denied_words() -> None:
    """What a negation denies: the noun after a determiner negator, the word after a light
    verb ("no hubo avances"), the noun beside a verb of negative polarity."""

    def denied(text: str, lang: str) -> list[str]:
        toks = tokens.tag(text, lang)
        return [toks[i].text for i in negation.denied_indices(toks, lang)]

    assert denied("Es gab keine konkreten Ergebnisse.", "de") == ["Ergebnisse"]
    assert denied("Das Gespräch endete ohne Fortschritte.", "de") == ["Fortschritte"]
    assert denied("Doch ein Durchbruch blieb aus.", "de") == ["Durchbruch"]  # particle verb
    assert denied("Während konkrete Ergebnisse ausblieben, sprachen beide weiter.", "de") == ["Ergebnisse"]
    assert denied("Die Fähre war nicht überladen.", "de") == []  # "nicht" negates the verb
    assert denied("Nicht nur die Fähre, sondern auch der Hafen.", "de") == []
    assert denied("The talks failed to make progress and there was no breakthrough.", "en") == [
        "progress", "breakthrough"]
    assert denied("No hubo avances en la conversación.", "es") == ["avances"]


def test_negation_scope() -> None:
    words = ["Moskau", "werde", "nicht", "von", "dem", "Ziel", "abweichen", ",", "aber", "Kiew", "ändern"]
    assert negation.in_negation_scope(words, 6, "de")  # "abweichen"
    assert not negation.in_negation_scope(words, 10, "de")  # after the comma
    assert not negation.in_negation_scope(["nicht", "nur", "ändern"], 2, "de")


# --- near-synonyms -------------------------------------------------------------------------


def test_near_synonyms_name_one_concept() -> None:
    from lagebild.lang.synonyms import concept_feature

    progress = concept_feature("Fortschritte")
    assert progress is not None
    for w in ("Ergebnisse", "Durchbruch", "progress", "breakthrough", "avances", "resultados"):
        assert concept_feature(w) == progress, w
    assert concept_feature("Fahrgästen") == concept_feature("Passagiere") == concept_feature("pasajeros")
    assert concept_feature("Telefonat") == concept_feature("Unterredung") == concept_feature("llamada")
    # sticking to a goal = not letting go of it; letting go plain is no concept
    hold = concept_feature("festhält")
    assert hold is not None and concept_feature("beharrt") == hold
    assert concept_feature("abweichen", negated=True) == concept_feature("change", negated=True) == hold
    assert concept_feature("abweichen") is None
    assert concept_feature("Haus") is None


# --- quotes --------------------------------------------------------------------------------


def test_quote_spans() -> None:
    text = "Er sagte: „Wir kommen“ und »nie« – “yes” «sí» ‚ja‘ \"ok\""
    got = [text[a:b] for a, b in quote_spans(text)]
    assert got == ["„Wir kommen“", "»nie«", "“yes”", "«sí»", "‚ja‘", "\"ok\""]
    assert quote_spans("geht's, don’t") == []
    assert quote_spans("„offen") == []
    assert quote_spans("a „offen", allow_unclosed=True) == [(2, 8)]
    assert quote_spans("„ab“ „abcdef“", min_chars=3) == [(5, 13)]
    assert strip_quote_marks(" „Nein“ ") == "Nein"


def test_quote_span_regex() -> None:
    text = "„a“ «b» “c” \"d\" »e« ‚f‘"
    assert [m.group() for m in quote_span_re().finditer(text)] == text.split()
    m = quote_span_re(group=True).search("x „inner“ y")
    assert m is not None and [g for g in m.groups() if g] == ["inner"]
    assert quote_span_re(closed=False).search("„cut off") is not None


# --- fold, names, offsets --------------------------------------------------------------------


def test_fold() -> None:
    assert fold_text("Straße") == fold_text("STRASSE") == "strasse"
    assert fold_text("Vladímir  Putin") == "vladimir putin"
    assert fold_text("Łódź") == "lodz"
    assert fold_text("a–b — „c“") == 'a-b - "c"'
    assert fold_text("Putin’s\u00a0Berater", punctuation=False) == "putin s berater"
    assert fold.fold_word("Ärger") == "arger"
    # ASCII text takes a short path: the same marks folded, nothing else changed
    assert fold.strip_accents("it`s x-y") == "it's x-y"
    assert fold_text("Plain ASCII  text`s") == "plain ascii text's"


@pytest.mark.parametrize(("a", "b"), [
    ("Juri Uschakow", "Yuri Ushakov"), ("Uschakow", "Yuri Ushakov"), ("Uschakow", "Juri Uschakow"),
    ("Putin", "Putins"), ("Putins", "Wladimir Putin"), ("Wladimir Putin", "Vladímir Putin"),
    ("Weißes Haus", "Weißen Hauses"), ("Weißes Haus", "White House"), ("Selenskyj", "Zelensky"),
    ("Chodorkowski", "Khodorkovsky"), ("Russland", "Rusia"), ("Kreml", "Kremlin"),
])
def test_same_entity(a: str, b: str) -> None:
    assert same_entity(a, b)
    assert same_entity(b, a)


def test_different_entities() -> None:
    assert not same_entity("Donald Trump", "Melania Trump")
    assert not same_entity("Merz", "Merkel")
    assert not same_entity("", "Putin")
    assert name_key("Uschakow") == name_key("Ushakov")
    assert names.token_key("Russlands") == names.token_key("Russia") == "russland"
    assert name_key("Paris", places=lambda n: "geo:1" if n == "Paris" else None) == "p:geo:1"


def test_offsets() -> None:
    spans = [(0, 10), (11, 20), (25, 30)]
    idx = SentenceIndex(spans)
    assert [idx.at(p) for p in (0, 9, 10, 11, 22, 29, 30)] == [0, 0, 1, 1, 2, 2, None]
    assert idx.at(22, "previous") == 1
    assert idx.at(22, "none") is None
    assert sentence_index(spans, 5) == 0
    assert sentence_index([], 5) is None


# --- tokens --------------------------------------------------------------------------------


def test_tag_memo_tags_each_sentence_once() -> None:
    memo = tokens.TagMemo(size=2)
    s = "Putins Berater Juri Uschakow sagte das."
    first = tokens.tag(s, "de", memo=memo)
    again = tokens.tag(s, "de-AT", offset=5, memo=memo)
    assert (memo.misses, memo.hits) == (1, 1)
    assert [t.start + 5 for t in first] == [t.start for t in again]
    assert first[0].lemma == "Putin" and first[0].pos == "NE"
    tokens.tag("a", "de", memo=memo)
    tokens.tag("b", "de", memo=memo)
    assert len(memo) == 2
    en = tokens.tag("He said no.", "en", memo=memo)
    assert en[1].lemma == "say"
    assert tokens.lemma("Gespräche", "de") == "Gespräch"


# --- every regex and scanner of the kit is linear ------------------------------------------

_KIT: tuple[ModuleType, ...] = (calendar, fold, names, negation, numbers, offsets, quotes, synonyms, tokens)
# Budgets for one pass over a 1 MB token. Measured on the shared 2-core machine at load
# ~11: the slowest regex (DATE_RE) took 2.2 s, the slowest scanner (find_numbers, which
# builds ~400k tokens) 8 s. Catastrophic backtracking would take hours, so the budgets are
# generous and still catch it.
_SECONDS_PER_MB = 6.0
_SCANNER_SECONDS_PER_MB = 30.0
_TOKENS = ("a" * 1_000_000, "1" * 1_000_000, "„" * 1_000_000, "9." * 500_000,
           "»a«„1" * 200_000, "Montag" * 166_667)


def _kit_patterns() -> list[re.Pattern[str]]:
    found = [v for m in _KIT for v in vars(m).values() if isinstance(v, re.Pattern)]
    found += [quote_span_re(3), quote_span_re(closed=False), quote_span_re(group=True)]
    return found


def test_kit_has_regexes() -> None:
    assert len(_kit_patterns()) >= 10


@pytest.mark.parametrize("token", _TOKENS, ids=lambda t: repr(t[:6]))
def test_regexes_linear_on_1mb_token(token: str) -> None:
    for pat in _kit_patterns():
        t0 = time.perf_counter()
        for _ in pat.finditer(token):
            pass
        took = time.perf_counter() - t0
        assert took < _SECONDS_PER_MB, f"{pat.pattern[:60]!r} took {took:.1f}s"


@pytest.mark.parametrize("token", _TOKENS[2:5], ids=lambda t: repr(t[:6]))
def test_scanners_linear_on_1mb_token(token: str) -> None:
    for fn in (find_dates, find_numbers, quote_spans, is_negated, fold_text, tokens.tokenize,
               lambda t: quote_spans(t, allow_unclosed=True)):
        t0 = time.perf_counter()
        fn(token)
        took = time.perf_counter() - t0
        assert took < _SCANNER_SECONDS_PER_MB, f"{fn} took {took:.1f}s"


def test_more_number_knowledge() -> None:
    assert numbers.glued_duration("einstündige") == (1.0, "min", 60.0)
    assert numbers.glued_duration("zweitägigen") == (2.0, "day", 1.0)
    assert numbers.glued_duration("Stündchen") is None
    assert [m.value for m in find_numbers("zwei Dutzend Menschen")] == [24.0]
    assert [m.value for m in find_numbers("Nr. 62 und 5 Tote")] == [5.0]
    assert "mehrere" in numbers.VAGUE_COUNTS
    assert "ago" in calendar.RELATIVE_AFTER


def test_lemmas_module_is_the_kit() -> None:
    from lagebild.text import lemmas

    assert lemmas.Token is tokens.Token
    assert lemmas.tag is tokens.tag
    assert lemmas.tokenize("1.000,5 Euro")[0].text == "1.000,5"


def test_numbers_not_figures() -> None:
    # digits glued to letters, clock times, year-months and "a.m." are no figures
    assert find_numbers("weltblick24 TV7 date 2026-03 at 2 a.m. at 18.00 horas") == []
    (eur,) = find_numbers("a reward of €20,000")
    assert (eur.value, eur.unit, eur.text) == (20000.0, "EUR", "€20,000")
    (dur,) = find_numbers("37 horas")
    assert (dur.unit, dur.base_value) == ("min", 37 * 60.0)
    assert number_word_value("erst") is None  # the adverb, not "erste"


def test_is_known_is_the_one_dictionary_check():
    from lagebild.lang.tokens import is_known
    from lagebild.text.language import _known

    assert is_known("Regierung", "de") and is_known("durante", "es") and not is_known("durante", "de")
    assert not is_known("Regierung", "xx")  # no dictionary: unknown, no error
    assert _known("Regierung", "de") is True  # text.language asks the kit


def test_number_words_list_the_surface_forms_for_regexes() -> None:
    words = numbers.number_words()
    assert words["vierzig"] == 40 and words["forty"] == 40 and words["cuarenta"] == 40
    assert words["eine"] == 1 and words["a"] == 1 and words["anderthalb"] == 1.5
    assert "once" not in numbers.number_words("en") and numbers.number_words("es")["once"] == 11
    assert "zweiten" not in words and "a" not in numbers.number_words(articles=False)
    ordinals = numbers.number_words(ordinals=True)
    assert ordinals["zweiten"] == 2 and ordinals["fifth"] == 5 and ordinals["octava"] == 8
    assert "achtte" not in ordinals and "fiveth" not in ordinals  # irregular forms only
    # every word reads back to its value through the one reader
    for w, v in ordinals.items():
        if w not in numbers.ARTICLE_NUMBERS:
            got = number_word_value(w)
            assert got is not None and got[0] == v, w
    rx = re.compile(rf"\b(?:{numbers.number_word_alternation('de')})\b", re.IGNORECASE)
    assert rx.fullmatch("Zwanzig") and rx.fullmatch("eine") and not rx.fullmatch("forty")


@pytest.mark.parametrize(("text", "needle", "reference"), [
    ("Vor zwei Tagen begann der Streik.", "zwei Tagen", True),
    ("la huelga más larga en 14 meses", "14 meses", True),
    ("la huelga ya cumple tres días", "tres días", True),
    ("three days later the talks resumed", "three days", True),
    ("Die Lokführer streiken sechs Tage lang.", "sechs Tage", False),
    ("una huelga de tres días", "tres días", False),
])
def test_durations_that_place_an_event_in_time(text: str, needle: str, reference: bool) -> None:
    start = text.index(needle)
    assert calendar.duration_places_in_time(text, start, start + len(needle)) is reference
