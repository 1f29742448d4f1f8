from __future__ import annotations

import pytest

from exporters.model.dates import DateStyle, format_date, format_range, parse_iso


@pytest.mark.parametrize(
    ("text", "parts"),
    [("2021", (2021, None, None)), ("2021-11", (2021, 11, None)), ("2020-02-29", (2020, 2, 29))],
)
def test_partial_iso_dates_parse(text: str, parts: tuple[int, int | None, int | None]) -> None:
    date = parse_iso(text)
    assert (date.year, date.month, date.day) == parts
    assert date.iso() == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2019-13", "month 13"),
        ("2019-00", "month 0"),
        ("2019-02-30", "February 2019 has 28"),
        ("2021-4", "not a date"),
        ("Nov 2021", "not a date"),
        ("0999", "implausible year"),
    ],
)
def test_bad_dates_say_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_iso(text)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (DateStyle.SHORT, "Nov 2021 – Present"),
        (DateStyle.LONG, "November 2021 – Present"),
        (DateStyle.NUMERIC, "11/2021 – Present"),
        (DateStyle.ISO, "2021-11 – Present"),
        (DateStyle.YEAR, "2021 – Present"),
    ],
)
def test_missing_end_means_present(style: DateStyle, expected: str) -> None:
    assert format_range("2021-11", "", style) == expected


def test_ranges_and_single_dates() -> None:
    assert format_range("2019-06", "2021-05") == "Jun 2019 – May 2021"
    assert format_range("", "2015") == "2015"
    assert format_range("2016-08-24", "2016-08-24") == "Aug 2016"
    assert format_range("2014-11-01", "", open_ended=False) == "Nov 2014"
    assert format_range("", "") == ""
    assert format_date("2015", DateStyle.SHORT) == "2015"
