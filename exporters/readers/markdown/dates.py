"""Dates and ranges as résumés write them: ``Jun 2019 – Present``, ``06/2019``, ``2019``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...markup import plain_text
from ...model.dates import parse_iso

_MONTHS = {name: i + 1 for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july",
     "august", "september", "october", "november", "december"))}  # fmt: skip
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{1,2}/\d{4}|[A-Za-z]{3,9}\.?\s+\d{4}|\d{4})"
_NOW = r"(?:present|current|now|today|ongoing)"
_RANGE = re.compile(
    rf"^\(?\s*(?P<a>{_DATE})\s*(?:–|—|-|to|until|through)\s*(?P<b>{_DATE}|{_NOW})\s*\)?$", re.I
)
_SINGLE = re.compile(rf"^\(?\s*(?P<a>{_DATE})\s*\)?$", re.I)


def _iso(token: str) -> str | None:
    token = token.strip()
    if match := re.fullmatch(r"(\d{1,2})/(\d{4})", token):
        token = f"{match[2]}-{int(match[1]):02d}"
    elif match := re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{4})", token):
        month = _MONTHS.get(match[1].lower())
        if month is None:
            return None
        token = f"{match[2]}-{month:02d}"
    try:
        return parse_iso(token).iso()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class DateRange:
    start: str = ""
    end: str = ""
    ongoing: bool = False  # "– Present"
    single: bool = False  # one date, no range


@lru_cache(maxsize=4096)
def parse_dates(text: str) -> DateRange | None:
    """``Nov 2021 – Present`` and friends; None when the text is not a date."""
    words = plain_text(text).strip()
    if len(words) > 60:
        return None
    if match := _RANGE.match(words):
        start = _iso(match["a"])
        if start is None:
            return None
        if re.fullmatch(_NOW, match["b"], re.I):
            return DateRange(start, "", ongoing=True)
        end = _iso(match["b"])
        return None if end is None else DateRange(start, end)
    if match := _SINGLE.match(words):
        date = _iso(match["a"])
        return None if date is None else DateRange(date, date, single=True)
    return None
