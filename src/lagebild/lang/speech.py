"""Words that attribute speech: who said it and through which phrase (de/en/es).

The one owner of the attribution vocabulary the quote extractor reads
(:mod:`lagebild.extract.speech` re-exports these names): source prepositions ("laut X"),
postpositions ("X zufolge"), source nouns ("nach Angaben von X"), the prepositions that name
an opinion holder ("Für X ist das „…“"), and the personal pronouns that can stand for a
named speaker. Verbs of saying live in ``lagebild/extract/data/speech_<lang>.txt``;
quotation marks in :mod:`lagebild.lang.quotes`.
"""

from __future__ import annotations

__all__ = [
    "CLAIM_NOUNS",
    "FEMININE_PRONOUNS",
    "FOUND_IN_VERBS",
    "FRAME_ADJUNCT_STARTS",
    "MASCULINE_PRONOUNS",
    "NON_SPEECH_OBJECTS",
    "OPINION_PREPOSITIONS",
    "ORG_PRONOUNS",
    "POSSESSIVE_STEMS",
    "PRONOUNS",
    "REJECTION_VERBS",
    "SOURCE_NOUNS",
    "SOURCE_POSTPOSITIONS",
    "SOURCE_PREPOSITIONS",
    "SPEAKING_GROUP_STEMS",
    "SPEECH_IDIOMS",
]

# German idioms of saying: a verb and the words that close its clause before the message
# ("gab zu bedenken, dass …", "brachte zum Ausdruck, dass …", "ließ keinen Zweifel daran,
# dass …"); the speech lexicon lists each as "<words> <verb>" ("zu bedenken geben").
SPEECH_IDIOMS: dict[str, tuple[tuple[str, ...], ...]] = {
    "geben": (("zu", "bedenken"), ("zu", "verstehen"), ("zu", "protokoll")),
    "bringen": (("zum", "ausdruck"), ("zur", "sprache")),
    "lassen": (("keinen", "zweifel"), ("keinen", "zweifel", "daran"), ("wissen",), ("verlauten",)),
    "machen": (("geltend",),),
}
# Speech verbs that say nothing with one preposition right after them: "bestehen auf"
# insists, "bestehen aus" consists of ("Der Plan bestehe aus „harten“ Maßnahmen").
NON_SPEECH_OBJECTS: dict[str, dict[str, frozenset[str]]] = {"de": {"bestehen": frozenset({"aus"})}}
# Prepositions that introduce the source of a report ("laut X", "gemäß X", "según X").
SOURCE_PREPOSITIONS: dict[str, frozenset[str]] = {
    "de": frozenset({"laut", "lt.", "gemäß"}),
    "en": frozenset({"according"}),  # "according to X"
    "es": frozenset({"según"}),
}
# Postpositions: "X zufolge".
SOURCE_POSTPOSITIONS: dict[str, frozenset[str]] = {"de": frozenset({"zufolge"})}
# Nouns in "nach Angaben von X", "nach Ansicht des X", "Angaben X zufolge".
SOURCE_NOUNS: frozenset[str] = frozenset(
    {
        "angaben", "ansicht", "meinung", "auffassung", "einschätzung", "darstellung",
        "aussage", "aussagen", "worten", "informationen", "berichten", "bericht", "schätzungen",
        "schätzung", "erkenntnissen", "überzeugung", "einschätzungen", "mitteilung", "auskunft",
        "berechnungen", "recherchen", "ermittlungen", "umfrage", "studie", "prognose",
        "prognosen", "meldungen", "zählung", "zählungen", "stellungnahme", "erklärung",
        "pressemitteilung", "presseerklärung", "vorhersage", "bekunden", "medien", "gerüchten",
        "erfahrungen", "ankündigung", "bewertung", "schilderung", "schilderungen",
    }
)
# Endings of German nouns for groups of people who speak out ("Kritiker", "Anwohner",
# "Klimaaktivisten", "Datenschützer", "Augenzeugen"): a phrase headed by one can be a speaker
# like a role ("Minister") or an organisation. Not roles: the entity tagger never sees them.
SPEAKING_GROUP_STEMS: tuple[str, ...] = (
    "kritiker", "befürworter", "gegner", "anwohner", "bewohner", "einwohner", "augenzeuge", "augenzeugen",
    "demonstrant", "demonstranten", "demonstrantin", "demonstrantinnen", "aktivist", "aktivisten",
    "aktivistin", "aktivistinnen", "schützer", "rechtler", "ermittler", "veranstalter", "organisatoren",
    "initiatoren", "wissenschaftler", "forscher", "ärzte", "mediziner", "anwälte", "juristen", "kläger",
    "beobachter", "analysten", "meteorologen", "virologen", "gewerkschafter", "landwirte", "passanten",
    "zuschauer", "eltern", "lehrer", "schüler", "studenten", "studierende", "mitarbeiter",
    "beschäftigten", "angestellten", "polizisten", "soldaten", "rebellen", "helfer", "sanitäter",
    "hacker", "blogger", "parlamentarier", "delegierten", "angehörigen", "hinterbliebenen",
)
# Prepositions that open the holder of a judgement at the start of a clause: "Für den
# Theologen X sei der Rücktritt „verständlich“", "Was für die Ministerin eine „…“ ist".
OPINION_PREPOSITIONS: dict[str, frozenset[str]] = {"de": frozenset({"für"})}
# Personal pronouns that can stand for a named speaker.
PRONOUNS: dict[str, frozenset[str]] = {
    "de": frozenset({"er", "sie"}),
    "en": frozenset({"he", "she"}),
    "es": frozenset({"él", "ella"}),
}
# The feminine and masculine ones of PRONOUNS (a speaker bound to a role of the other gender
# is not what they stand for).
FEMININE_PRONOUNS = frozenset({"sie", "she", "ella"})
MASCULINE_PRONOUNS = frozenset({"er", "he", "él"})
# Pronouns that stand for an organisation that spoke ("…, it said in a statement" after
# "GDL said …"): English only; German "sie"/"es" are too ambiguous without gender agreement
# of the organisation's noun.
ORG_PRONOUNS: dict[str, frozenset[str]] = {"en": frozenset({"it"})}
# Possessive determiners that stand for a person like a pronoun does ("Seiner Ansicht nach",
# "nach ihren Angaben"): stem -> the personal pronoun of PRONOUNS it stands for.
POSSESSIVE_STEMS: dict[str, dict[str, str]] = {"de": {"sein": "er", "ihr": "sie"}}
# Verbs that, reflexive ("findet sich", "ergab sich aus") or as "zu finden sein", say where
# words were found: their subject is the statement, the source the place it stands in.
FOUND_IN_VERBS: dict[str, frozenset[str]] = {"de": frozenset({"finden", "ergeben"})}
# Words that open an adjunct of the frame after a speech verb, not its message: "GDL said
# in a statement in the early hours of Monday", "the court said on Monday", "dijo el lunes".
# A message never starts with them in English or Spanish news ("said in …" is where or when,
# "said the strike …" is what).
FRAME_ADJUNCT_STARTS: dict[str, frozenset[str]] = {
    "en": frozenset({
        "in", "on", "at", "to", "during", "after", "before", "via", "through", "from", "with", "by",
        "late", "early", "earlier", "later", "last", "this", "yesterday", "today", "tonight",
        "afterwards", "again", "publicly", "previously", "recently",
    }),
    "es": frozenset({
        "en", "durante", "tras", "ante", "desde", "mediante", "ayer", "hoy", "anoche", "este",
        "esta", "posteriormente", "previamente", "recientemente",
    }),
}
# Verbs that reject or contest what somebody else claimed ("wies die Darstellung zurück, …",
# "wandte sich gegen die Behauptung, …"): a claim noun as their object owns the complement
# clause after it; the verb's subject denies those words, it does not say them.
REJECTION_VERBS: dict[str, frozenset[str]] = {
    "de": frozenset({"zurückweisen", "dementieren", "bestreiten", "widersprechen", "wenden",
                     "widerlegen", "anzweifeln", "bezweifeln"}),
}
# Nouns naming somebody else's claim ("die Darstellung, die Ausländer seien …"). Not
# "Vorwurf": "weist den Vorwurf zurück, man hätte …" restates the accusation in the
# rejecting speaker's words, and SpkAtt-2023 (dev fold, the only such sentence) marks that
# speaker; "Darstellung" and "Behauptung" (one sentence each there) mark the claim.
CLAIM_NOUNS: dict[str, frozenset[str]] = {
    "de": frozenset({"darstellung", "darstellungen", "behauptung", "behauptungen", "unterstellung",
                     "unterstellungen", "gerücht", "gerüchte", "spekulation", "spekulationen"}),
}
