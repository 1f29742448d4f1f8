"""Partial ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) and how résumés show them.

JSON Resume stores dates as partial ISO strings. Résumés show them at month
precision at most, in a style the user picks once per résumé.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from enum import StrEnum

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = tuple(calendar.month_name[i] for i in range(1, 13))
EN_DASH = "\u2013"
PRESENT = "Present"


class DateStyle(StrEnum):
    """How a date range is printed. The value is what ``meta`` stores."""

    SHORT = "short"  # Nov 2021 – Present
    LONG = "long"  # November 2021 – Present
    NUMERIC = "numeric"  # 11/2021 – Present
    ISO = "iso"  # 2021-11 – Present
    YEAR = "year"  # 2021 – Present

    @property
    def example(self) -> str:
        return format_range("2021-11", None, self)


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_iso(text: str) -> PartialDate:
    """Parse a partial ISO date, raising ``ValueError`` with a plain-words reason."""
    match = _ISO.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    if year < 1000:
        raise ValueError(f"'{text}' has an implausible year")
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' has month {month}; months run from 01 to 12")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"'{text}' has day {day}; {MONTH_NAMES[month - 1]} {year} has {last}")
    return PartialDate(year, month, day)


def check_iso(text: str) -> str:
    """Validator for model fields: empty means 'no date', anything else must parse."""
    if text:
        parse_iso(text)
    return text


def format_date(text: str | None, style: DateStyle = DateStyle.SHORT) -> str:
    """Show one stored date in ``style``; an empty or missing date shows as empty."""
    if not text:
        return ""
    try:
        date = parse_iso(text)
    except ValueError:
        return text
    style = DateStyle(style)
    if date.month is None or style is DateStyle.YEAR:
        return str(date.year)
    if style is DateStyle.SHORT:
        return f"{MONTH_ABBR[date.month - 1]} {date.year}"
    if style is DateStyle.LONG:
        return f"{MONTH_NAMES[date.month - 1]} {date.year}"
    if style is DateStyle.NUMERIC:
        return f"{date.month:02d}/{date.year}"
    return f"{date.year:04d}-{date.month:02d}"


def format_range(
    start: str | None,
    end: str | None,
    style: DateStyle = DateStyle.SHORT,
    *,
    open_ended: bool = True,
) -> str:
    """``Nov 2021 – Present``. A start without an end is ongoing when ``open_ended``.

    Sections such as education often carry only an end date (the graduation
    year); that shows as the single date.
    """
    first = format_date(start, style)
    last = format_date(end, style)
    if first and last:
        return first if first == last else f"{first} {EN_DASH} {last}"
    if first:
        return f"{first} {EN_DASH} {PRESENT}" if open_ended else first
    return last
