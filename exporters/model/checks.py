"""Soft checks: things that load fine but a recruiter or an ATS would trip on.

They never block typing or saving. The editor shows each one beside its field
(by path); ``resume-studio validate`` prints them as warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from .dates import parse_iso
from .resume import Resume

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # e.g. "work[1].endDate"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def email_problem(value: str) -> str | None:
    if value.strip() and not _EMAIL.match(value.strip()):
        return "not an email address (name@example.com)"
    return None


def url_problem(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    parsed = urlparse(text if "://" in text else f"https://{text}")
    if not parsed.netloc or "." not in parsed.netloc or " " in text:
        return "not a web address (https://example.com)"
    return None


def date_problem(value: str) -> str | None:
    if not value:
        return None
    try:
        parse_iso(value)
    except ValueError as exc:
        return str(exc)
    return None


def range_problem(start: str, end: str) -> str | None:
    """An end before the start. Partial dates compare at their common precision."""
    if not start or not end or date_problem(start) or date_problem(end):
        return None
    a, b = parse_iso(start), parse_iso(end)
    first = (a.year, a.month or 0, a.day or 0)
    last = (b.year, b.month or 13, b.day or 32)
    if last < first:
        return "ends before it starts"
    return None


def check_resume(resume: Resume) -> list[Problem]:
    problems: list[Problem] = []
    basics = resume.basics
    if not basics.name.strip():
        problems.append(Problem("basics.name", "no name: the first thing a reader looks for"))
    if (msg := email_problem(basics.email)) is not None:
        problems.append(Problem("basics.email", msg))
    if (msg := url_problem(basics.url)) is not None:
        problems.append(Problem("basics.url", msg))
    for i, profile in enumerate(basics.profiles):
        if (msg := url_problem(profile.url)) is not None:
            problems.append(Problem(f"basics.profiles[{i}].url", msg))
    dated: list[tuple[str, tuple[object, ...]]] = [
        ("work", resume.work),
        ("volunteer", resume.volunteer),
        ("education", resume.education),
        ("projects", resume.projects),
    ]
    for key, items in dated:
        for i, item in enumerate(items):
            start = getattr(item, "startDate", "")
            end = getattr(item, "endDate", "")
            if (msg := range_problem(start, end)) is not None:
                problems.append(Problem(f"{key}[{i}].endDate", msg))
    return problems
