"""A clock time in wire style is no year (lagebild.lang.calendar.CLOCK_AFTER_RE)."""

from __future__ import annotations

from lagebild.extract.times import find_times


def test_a_clock_time_with_its_zone_is_no_year() -> None:
    """"until 1700 GMT on Monday" (an AFP strike report) is a clock time, not the year 1700."""
    got = [(t.text, t.value) for t in find_times("The strike will last until 1700 GMT on Monday.", (), "2024-01-22", "en")]
    assert ("1700", "1700") not in got
    assert [v for _, v in got] == ["2024-01-22"]
    assert find_times("Der Zug fährt um 1700 Uhr.", (), "2024-01-22", "de") == []
    assert [t.value for t in find_times("The war lasted until 1700.", (), None, "en")] == ["1700"]
