"""The language kit: the one owner of language knowledge in lagebild.

Ground floor: nothing here imports from another lagebild package. Each module owns one
concern and keeps the only copy of its tables:

* :mod:`.fold` - text folding for comparisons (case, accents, ß, dashes, quotes, spaces);
* :mod:`.calendar` - months, weekdays, dayparts, seasons, time units, date phrases (de/en/es);
* :mod:`.numbers` - digits with separators, number words, ordinals, scales, units;
* :mod:`.negation` - negators, negation tests and scope (what a negation denies);
* :mod:`.synonyms` - near-synonyms of common news words (one concept feature per class);
* :mod:`.direction` - which way a decision moves a figure (cut / hold / raise);
* :mod:`.quotes` - quotation marks and direct-speech spans;
* :mod:`.speech` - words that attribute speech (source prepositions and nouns, opinion
  holders, pronouns that stand for a speaker);
* :mod:`.names` - person/organisation/place identity (``name_key``, ``same_entity``);
* :mod:`.tokens` - tokens, the one tag memo (HanTa / simplemma), lemmas;
* :mod:`.offsets` - character offset -> sentence index.

Import the submodule you need (``from lagebild.lang.calendar import iso_weekday``); this
package imports none of them eagerly, so loading it costs nothing.
"""
