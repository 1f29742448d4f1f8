"""What each section's form shows: its fields, how an entry is named in the
list, and the words used for it ("job", "school").

Placeholders are examples, never instructions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from exporters.markup import plain_text
from exporters.model.checks import range_problem, url_problem
from exporters.model.dates import format_range

from .fields import FieldSpec as F


@dataclass(frozen=True, slots=True)
class EntrySpec:
    list_path: str
    noun: str  # "job": used in "Add job", "Remove job"
    fields: tuple[F, ...]
    title: Callable[[Any], str]
    subtitle: Callable[[Any], str] | None = None
    empty: str = ""  # what the form says when the list is empty
    problem: Callable[[Any], str | None] | None = None  # marked in the list


def _join(*parts: str, sep: str = " \u2014 ") -> str:
    return sep.join(plain_text(p).strip() for p in parts if p and p.strip())


def _dates(item: Any, *extra: str) -> str:
    start, end = getattr(item, "startDate", ""), getattr(item, "endDate", "")
    return _join(format_range(start or None, end or None), *extra, sep=" \u00b7 ")


def _range(item: Any) -> str | None:
    return range_problem(getattr(item, "startDate", ""), getattr(item, "endDate", ""))


def _untitled(noun: str) -> Callable[[str], str]:
    return lambda text: text or f"Untitled {noun}"


BULLET_EXAMPLE = "e.g. **Latency:** Cut p99 latency from 250 ms to 80 ms with a two-tier cache"

WORK = EntrySpec(
    "work",
    "job",
    (
        F("position", "Position", placeholder="e.g. Senior Backend Engineer"),
        F("name", "Company", placeholder="e.g. Apple Inc"),
        F("location", "Location", placeholder="e.g. Cupertino, CA", chars=28),
        F("url", "Website", "url", placeholder="e.g. https://www.apple.com"),
        F("startDate", "Start", "date"),
        F("endDate", "End", "end"),
        F(
            "description",
            "About company",
            placeholder="e.g. Consumer electronics, 160,000 staff",
        ),
        F(
            "summary",
            "Summary",
            "paragraph",
            lines=2,
            placeholder="e.g. Led the payments platform team of 12.",
        ),
        F(
            "highlights",
            "Highlights",
            "bullets",
            placeholder=BULLET_EXAMPLE,
            add_text="Add highlight",
        ),
    ),
    title=lambda w: _untitled("job")(_join(w.position, w.name)),
    subtitle=lambda w: _dates(w, w.location),
    empty="No jobs yet.",
    problem=_range,
)

VOLUNTEER = EntrySpec(
    "volunteer",
    "role",
    (
        F("position", "Role", placeholder="e.g. Mentor"),
        F("organization", "Organization", placeholder="e.g. Code Club"),
        F("url", "Website", "url", placeholder="e.g. https://codeclub.org"),
        F("startDate", "Start", "date"),
        F("endDate", "End", "end"),
        F(
            "summary",
            "Summary",
            "paragraph",
            lines=2,
            placeholder="e.g. Taught Python to 30 children a week.",
        ),
        F(
            "highlights",
            "Highlights",
            "bullets",
            placeholder=BULLET_EXAMPLE,
            add_text="Add highlight",
        ),
    ),
    title=lambda v: _untitled("role")(_join(v.position, v.organization)),
    subtitle=_dates,
    empty="No volunteering yet.",
    problem=_range,
)

EDUCATION = EntrySpec(
    "education",
    "school",
    (
        F("studyType", "Degree", placeholder="e.g. Bachelor of Science"),
        F("area", "Field of study", placeholder="e.g. Computing and Information"),
        F("institution", "School", placeholder="e.g. University of Houston"),
        F("url", "Website", "url", placeholder="e.g. https://www.uh.edu"),
        F("startDate", "Start", "date"),
        F("endDate", "End", "end"),
        F("score", "Grade", placeholder="e.g. 3.8 GPA", chars=16),
        F(
            "courses",
            "Courses",
            "keywords",
            placeholder="e.g. Distributed Systems",
            add_text="Add course",
        ),
    ),
    title=lambda e: _untitled("school")(
        _join(_join(e.studyType, e.area, sep=" in "), e.institution)
    ),
    subtitle=_dates,
    empty="No education yet.",
    problem=_range,
)

PROJECTS = EntrySpec(
    "projects",
    "project",
    (
        F("name", "Name", placeholder="e.g. Open-source job scheduler"),
        F(
            "description",
            "Description",
            "paragraph",
            lines=2,
            placeholder="e.g. A scheduler used by 40 companies.",
        ),
        F("entity", "For", placeholder="e.g. Apache Software Foundation"),
        F("type", "Type", placeholder="e.g. Open source", chars=20),
        F("url", "Website", "url", placeholder="e.g. https://github.com/you/project"),
        F("startDate", "Start", "date"),
        F("endDate", "End", "end"),
        F(
            "highlights",
            "Highlights",
            "bullets",
            placeholder=BULLET_EXAMPLE,
            add_text="Add highlight",
        ),
        F("roles", "Roles", "keywords", placeholder="e.g. Maintainer", add_text="Add role"),
        F("keywords", "Keywords", "keywords", placeholder="e.g. Rust", add_text="Add keyword"),
    ),
    title=lambda p: _untitled("project")(plain_text(p.name)),
    subtitle=lambda p: _dates(p, p.entity),
    empty="No projects yet.",
    problem=_range,
)

SKILLS = EntrySpec(
    "skills",
    "skill group",
    (
        F("name", "Group", placeholder="e.g. Cloud & Infrastructure"),
        F("level", "Level", placeholder="e.g. Advanced", chars=16),
        F(
            "keywords",
            "Keywords",
            "keywords",
            placeholder="e.g. Kubernetes (EKS, GKE)",
            add_text="Add keyword",
        ),
    ),
    title=lambda s: _untitled("group")(plain_text(s.name)),
    subtitle=lambda s: ", ".join(plain_text(k) for k in s.keywords),
    empty="No skills yet.",
)

CERTIFICATES = EntrySpec(
    "certificates",
    "certificate",
    (
        F("name", "Name", placeholder="e.g. AWS Certified Solutions Architect"),
        F("issuer", "Issuer", placeholder="e.g. Amazon Web Services"),
        F("date", "Date", "date"),
        F("url", "Website", "url", placeholder="e.g. https://www.credly.com/badges/…"),
    ),
    title=lambda c: _untitled("certificate")(plain_text(c.name)),
    subtitle=lambda c: _join(
        c.issuer, format_range(c.date or None, None, open_ended=False), sep=" \u00b7 "
    ),
    empty="No certificates yet.",
)

AWARDS = EntrySpec(
    "awards",
    "award",
    (
        F("title", "Title", placeholder="e.g. Engineer of the Year"),
        F("awarder", "Awarded by", placeholder="e.g. Apple Inc"),
        F("date", "Date", "date"),
        F(
            "summary",
            "Summary",
            "paragraph",
            lines=2,
            placeholder="e.g. For the payments migration.",
        ),
    ),
    title=lambda a: _untitled("award")(plain_text(a.title)),
    subtitle=lambda a: _join(
        a.awarder, format_range(a.date or None, None, open_ended=False), sep=" \u00b7 "
    ),
    empty="No awards yet.",
)

PUBLICATIONS = EntrySpec(
    "publications",
    "publication",
    (
        F("name", "Title", placeholder="e.g. Exactly-once delivery at scale"),
        F("publisher", "Publisher", placeholder="e.g. ACM Queue"),
        F("releaseDate", "Published", "date"),
        F("url", "Website", "url", placeholder="e.g. https://queue.acm.org/…"),
        F(
            "summary",
            "Summary",
            "paragraph",
            lines=2,
            placeholder="e.g. How we process 3B events a day.",
        ),
    ),
    title=lambda p: _untitled("publication")(plain_text(p.name)),
    subtitle=lambda p: _join(
        p.publisher, format_range(p.releaseDate or None, None, open_ended=False), sep=" \u00b7 "
    ),
    empty="No publications yet.",
)

LANGUAGES = EntrySpec(
    "languages",
    "language",
    (
        F("language", "Language", placeholder="e.g. Spanish"),
        F("fluency", "Fluency", placeholder="e.g. Professional working proficiency"),
    ),
    title=lambda lang: _untitled("language")(plain_text(lang.language)),
    subtitle=lambda lang: plain_text(lang.fluency),
    empty="No languages yet.",
)

INTERESTS = EntrySpec(
    "interests",
    "interest",
    (
        F("name", "Interest", placeholder="e.g. Trail running"),
        F(
            "keywords",
            "Keywords",
            "keywords",
            placeholder="e.g. Ultramarathons",
            add_text="Add keyword",
        ),
    ),
    title=lambda i: _untitled("interest")(plain_text(i.name)),
    subtitle=lambda i: ", ".join(plain_text(k) for k in i.keywords),
    empty="No interests yet.",
)

REFERENCES = EntrySpec(
    "references",
    "reference",
    (
        F("name", "Name", placeholder="e.g. Jane Doe, VP Engineering at Apple"),
        F(
            "reference",
            "Reference",
            "paragraph",
            lines=3,
            placeholder="e.g. Darien rebuilt our payments stack…",
        ),
    ),
    title=lambda r: _untitled("reference")(plain_text(r.name)),
    subtitle=None,
    empty="No references yet.",
)

PROFILES = EntrySpec(
    "basics.profiles",
    "profile",
    (
        F("network", "Network", placeholder="e.g. LinkedIn", chars=20),
        F("username", "Username", placeholder="e.g. dsession", chars=24),
        F("url", "Address", "url", placeholder="e.g. https://www.linkedin.com/in/dsession"),
    ),
    title=lambda p: _untitled("profile")(_join(p.network, p.username, sep=": ")),
    subtitle=lambda p: p.url,
    empty="No profiles yet.",
    problem=lambda p: url_problem(p.url),
)

ENTRY_SECTIONS: dict[str, EntrySpec] = {
    spec.list_path: spec
    for spec in (
        WORK,
        PROJECTS,
        SKILLS,
        EDUCATION,
        CERTIFICATES,
        AWARDS,
        PUBLICATIONS,
        VOLUNTEER,
        LANGUAGES,
        INTERESTS,
        REFERENCES,
    )
}

BASICS_FIELDS: tuple[F, ...] = (
    F("name", "Name", placeholder="e.g. Darien Session"),
    F("label", "Headline", placeholder="e.g. Senior Software Engineer | Backend Development"),
    F("email", "Email", "email", placeholder="e.g. darien@example.com"),
    F("phone", "Phone", placeholder="e.g. +1 210 485 5772", chars=22),
    F("url", "Website", "url", placeholder="e.g. https://darien.dev"),
)

LOCATION_FIELDS: tuple[F, ...] = (
    F("location.city", "City", placeholder="e.g. San Antonio", chars=28),
    F("location.region", "State / region", placeholder="e.g. TX", chars=28),
    F(
        "location.countryCode",
        "Country code",
        placeholder="e.g. US",
        chars=6,
        tip="ISO 3166 code: US, GB, DE…",
    ),
    F("location.postalCode", "Postal code", placeholder="e.g. 78205", chars=12),
    F("location.address", "Street address", placeholder="e.g. 100 Main St"),
)

CUSTOM_FIELDS: tuple[F, ...] = (
    F("title", "Title", placeholder="e.g. Patents"),
    F(
        "summary",
        "Paragraph",
        "paragraph",
        lines=3,
        placeholder="e.g. Three granted patents in stream processing.",
    ),
    F(
        "highlights",
        "Items",
        "bullets",
        placeholder="e.g. US 11,222,333: exactly-once event delivery",
        add_text="Add item",
    ),
)
