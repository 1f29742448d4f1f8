"""Entries under a section heading: job, school and project headings, their meta lines and
bodies, and the heuristic that tells a job title from a company name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...markup import Run, parse_inline, plain_text
from .blocks import Block
from .dates import DateRange, parse_dates
from .inline import canon, canon_literal, runs_md, split_commas, split_unescaped, unwrap

_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|manager|director|lead|head|chief|officer|ceo|cto|cfo|coo|"
    r"vp|president|founder|co-founder|analyst|consultant|designer|architect|scientist|intern|"
    r"specialist|administrator|coordinator|assistant|associate|teacher|tutor|researcher|"
    r"technician|writer|editor|accountant|nurse|owner|principal|staff|senior|junior|sr|jr|"
    r"volunteer|member|advisor|mentor|instructor|professor|lecturer|fellow|contractor|"
    r"freelance|freelancer|representative|supervisor|sre|devops)\b",
    re.I,
)
_ORG_WORDS = re.compile(
    r"\b(inc|ltd|llc|llp|plc|corp|corporation|co|company|gmbh|ag|sa|sas|bv|pty|group|"
    r"technologies|technology|software|systems|solutions|labs|studio|studios|partners|"
    r"university|college|institute|school|academy|bank|agency|foundation|hospital|"
    r"consulting|services|holdings|international|government|department|ministry)\b\.?",
    re.I,
)
SCHOOL_WORDS = re.compile(
    r"universit|college|institut|school|academy|polytechnic|école|ecole|conservator|hochschule",
    re.I,
)
DEGREE_WORDS = re.compile(
    r"^(bachelor|master|b\.?\s?sc?|m\.?\s?sc?|b\.?a\.?|m\.?a\.?|b\.?eng|m\.?eng|ph\.?\s?d|"
    r"doctor|associate|diploma|certificate|mba|high school|ged|a-levels?|licen)",
    re.I,
)
HEADING_SEPARATORS = re.compile(r"\s+(?:—|–|-|@|at)\s+|\s*—\s*")


def title_score(text: str) -> int:
    return len(_TITLE_WORDS.findall(plain_text(text))) - len(_ORG_WORDS.findall(plain_text(text)))


@dataclass
class Entry:
    heading: str | None  # inline Markdown, or None for an entry without heading
    heading_href: str = ""
    bold: str | None = None  # the bold part of the line under the heading
    bold_href: str = ""
    plain: list[str] = field(default_factory=list)  # other parts of that line
    dates: DateRange | None = None
    italic: list[str] = field(default_factory=list)  # whole-italic paragraphs
    paragraphs: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    bullets: list[str] = field(default_factory=list)
    field_names: frozenset[str] = frozenset()


_FIELD_LINE = re.compile(r"^\*\*([A-Za-z][A-Za-z ]{0,24}):\*\*\s*(.*)$", re.S)


def _meta_line(entry: Entry, line: str) -> bool:
    """Read ``**Company** | Location | dates`` under a heading; False if it isn't one."""
    parts = split_unescaped(line)
    if not parts:
        return False
    read: list[tuple[str, str, str]] = []  # (kind, text, href)
    for part in parts:
        if (dates := parse_dates(part)) is not None:
            if entry.dates is not None:
                return False
            entry.dates = dates
            read.append(("dates", "", ""))
            continue
        text, bold, italic, href = unwrap(part)
        read.append(("bold" if bold and not italic else "plain", text, href))
    has_bold = read[0][0] == "bold"
    if not has_bold and entry.dates is None and len(parts) < 2:
        return False
    for kind, text, href in read:
        if kind == "bold" and entry.bold is None:
            entry.bold, entry.bold_href = text, href
        elif kind != "dates":
            entry.plain.append(text if not href else runs_md([Run(plain_text(text), href=href)]))
    return True


_DATES_IN_PARENS = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$", re.S)
_DATE_SEPARATOR = re.compile(r"\s*(?:,|—|–|\s-|\|)\s*")


def _take_trailing_dates(text: str) -> tuple[str, DateRange | None]:
    """``Title — Company (2019 – 2021)`` or ``Title, Company, 2019 – 2021``: split off the dates."""
    match = _DATES_IN_PARENS.match(text)
    if match and (dates := parse_dates(match.group(2))) is not None:
        return match.group(1), dates
    # The leftmost separator whose tail is a date: "2019 - 2021" has one inside.
    for sep in _DATE_SEPARATOR.finditer(text):
        if sep.start() > 0 and (dates := parse_dates(text[sep.end() :])) is not None:
            return text[: sep.start()], dates
    return text, None


def _entry_from_heading(text: str, field_names: frozenset[str]) -> Entry:
    """``### Title — Company``, also with ``| Location | dates`` or ``(dates)`` on the line."""
    entry = Entry(None, field_names=field_names)
    parts = split_unescaped(text, r"\|")
    main = parts[0] if parts else ""
    main, entry.dates = _take_trailing_dates(main)
    entry.heading, _bold, _italic, entry.heading_href = unwrap(main)
    entry.plain.extend(canon(part) for part in _take_dates(entry, parts[1:]))
    return entry


def _take_dates(entry: Entry, parts: list[str]) -> list[str]:
    """The parts that are not the entry's dates; the first date found is the entry's."""
    rest: list[str] = []
    for part in parts:
        dates = parse_dates(part)
        if dates is not None and entry.dates is None:
            entry.dates = dates
        else:
            rest.append(part)
    return rest


def _has_dates(line: str) -> bool:
    parts = split_unescaped(line, r"\||·|•|—|–|\s-\s|,|\(|\)")
    return any(parse_dates(part) is not None for part in parts)


def _opens_with_bold(line: str) -> bool:
    """``**Engineer** — Acme | 2019`` (an entry line), not ``**Stack:** Go`` (a label)."""
    runs = parse_inline(line.strip())
    return bool(runs) and runs[0].bold and not runs[0].text.rstrip().endswith(":")


def read_entries(
    blocks: list[Block],
    field_names: frozenset[str],
    bold_starts: bool = False,
    line_starts: bool = False,
) -> list[Entry]:
    """Entries start at sub-headings; also at a line in bold when ``bold_starts``,
    and at a line opening in bold (``**Title** — Company | dates``) when ``line_starts``."""
    entries: list[Entry] = []
    current: Entry | None = None
    fresh = False  # just after the heading: the next line may be the meta line
    for block in blocks:
        if block.kind == "h":
            current = _entry_from_heading(block.text, field_names)
            entries.append(current)
            fresh = True
            continue
        if block.kind == "p":
            lines = list(block.lines)
            first_bold = unwrap(lines[0])[1] and not _FIELD_LINE.match(lines[0])
            whole_bold = first_bold and split_unescaped(lines[0]) == [lines[0].strip()]
            # In work sections a bold line opens a job only when it or the next
            # line has dates: a summary may well start in bold.
            dated = line_starts and not fresh and any(_has_dates(line) for line in lines[:2])
            if (bold_starts or dated) and whole_bold:
                heading, _b, _i, href = unwrap(lines.pop(0))
                current = Entry(heading, href, field_names=field_names)
                entries.append(current)
                fresh = True
                if not lines:
                    continue
            elif dated and _opens_with_bold(lines[0]):
                current = _entry_from_heading(lines.pop(0), field_names)
                entries.append(current)
                fresh = True
                if not lines:
                    continue
            if current is None:
                current = Entry(None, field_names=field_names)
                entries.append(current)
                if _meta_line(current, lines[0]):
                    lines.pop(0)
            elif fresh and _meta_line(current, lines[0]):
                lines.pop(0)
            fresh = False
            _body_lines(current, lines)
            continue
        fresh = False
        if current is None:
            current = Entry(None, field_names=field_names)
            entries.append(current)
        if block.kind == "li":
            current.bullets.append(canon(block.text))
        elif block.kind == "code":
            current.paragraphs.append(canon_literal("\n".join(block.lines)))
    return entries


def _body_lines(entry: Entry, lines: list[str]) -> None:
    text_lines: list[str] = []
    for line in lines:
        match = _FIELD_LINE.match(line)
        if match and match.group(1).lower() in entry.field_names:
            entry.fields[match.group(1).lower()] = match.group(2).strip()
        else:
            text_lines.append(line)
    if not text_lines:
        return
    text = canon("\n".join(text_lines))
    unwrapped, bold, italic, href = unwrap(text)
    if italic and not bold and not href and not entry.italic and not entry.paragraphs:
        entry.italic.append(unwrapped)
    else:
        entry.paragraphs.append(text)


def split_heading(entry: Entry) -> tuple[str, str]:
    """(title, organisation) of a job-like entry, by the rules in the module docstring."""
    heading = entry.heading or ""
    if entry.bold is not None:
        first, second = heading, entry.bold
        if title_score(second) > title_score(first):
            return second, first
        return first, second
    parts = HEADING_SEPARATORS.split(heading, maxsplit=1)
    if len(parts) == 2:
        left, right = (unwrap(p)[0] for p in parts)
        if " at " in heading or " @ " in heading or title_score(left) >= title_score(right):
            return left, right
        return right, left
    if "," in heading:
        left, right = (unwrap(p)[0] for p in heading.split(",", 1))
        if title_score(left) > 0 and title_score(right) <= 0:
            return left, right
    # "### Engineer" then "Acme | Seattle, WA | 2019": the first part is the
    # organisation unless it reads as a place.
    if entry.plain and not _looks_like_place(entry.plain[0]):
        return heading, entry.plain.pop(0)
    return heading, ""


def _looks_like_place(text: str) -> bool:
    words = plain_text(text).strip()
    if _ORG_WORDS.search(words):
        return False
    return words.lower() in {"remote", "hybrid", "on-site", "onsite"} or bool(
        re.fullmatch(r"[^,]+,\s*(?:[A-Z]{2}|[A-Z][\w .'-]+)", words)
    )


def list_entries(entries: list[Entry]) -> Iterator[Entry]:
    """Entries written as list items (``- **Title** — Org | 2020``) become entries too."""
    for entry in entries:
        if entry.heading is None and entry.bullets and not entry.paragraphs:
            for bullet in entry.bullets:
                item = Entry(None)
                parts = split_unescaped(bullet, r"\||·|•|—|–|\s-\s")
                if len(parts) == 1:
                    parts = split_commas(bullet)
                rest = _take_dates(item, parts)
                if rest:
                    item.heading, _b, _i, item.heading_href = unwrap(rest[0])
                    item.plain = [canon(p) for p in rest[1:]]
                yield item
        else:
            yield entry
