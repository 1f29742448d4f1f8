"""What a printed résumé says, in order, before any format decides how it looks.

PDF, DOCX and ATS text all walk the same outline, so they agree word for word:
the same sections in the same order with the same titles, the same entry
headers, the same dates. Text fields stay inline Markdown here; each format
turns them into runs with ``exporters.markup``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model.dates import DateStyle, format_range
from .model.resume import Basics, Resume
from .model.sections import printed_sections

SEPARATOR = " | "


@dataclass(frozen=True, slots=True)
class Contact:
    text: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One job, school, project, award…: a header line, a detail line, then text."""

    title: str = ""  # position, degree, award title (may hold inline Markdown)
    organization: str = ""  # company, school, awarder
    location: str = ""
    dates: str = ""
    url: str = ""
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()  # ("Courses", "A, B") label/value lines


@dataclass(frozen=True, slots=True)
class Row:
    """A labelled line: a skill group, a language, an interest."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    entries: tuple[Entry, ...] = ()
    rows: tuple[Row, ...] = ()
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outline:
    name: str
    label: str
    contacts: tuple[Contact, ...]
    sections: tuple[Section, ...] = field(default_factory=tuple)


def contacts(basics: Basics) -> list[Contact]:
    """Contact details as plain text with their links: ATS parsers look for them
    as body text near the top, never as icons."""
    items: list[Contact] = []
    if basics.email.strip():
        items.append(Contact(basics.email.strip(), f"mailto:{basics.email.strip()}"))
    if basics.phone.strip():
        digits = "".join(c for c in basics.phone if c.isdigit() or c == "+")
        items.append(Contact(basics.phone.strip(), f"tel:{digits}" if digits else None))
    loc = basics.location
    place = ", ".join(p.strip() for p in (loc.city, loc.region, loc.countryCode) if p.strip())
    if place:
        items.append(Contact(place))
    if basics.url.strip():
        items.append(Contact(display_url(basics.url), basics.url.strip()))
    for profile in basics.profiles:
        url = profile.url.strip()
        network = profile.network.strip()
        user = profile.username.strip()
        if url:
            items.append(Contact(display_url(url), url))
        elif network and user:
            items.append(Contact(f"{network}: {user}"))
    return items


def display_url(url: str) -> str:
    """``https://www.example.com/me/`` shows as ``example.com/me``: the same link, less noise."""
    text = url.strip()
    for prefix in ("https://", "http://"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    if text.lower().startswith("www."):
        text = text[4:]
    return text.rstrip("/")


def _join(*parts: str, sep: str = ", ") -> str:
    return sep.join(p.strip() for p in parts if p and p.strip())


def degree(study_type: str, area: str) -> str:
    """``Bachelor of Science in Computing``: the way a degree reads aloud."""
    if study_type.strip() and area.strip():
        return f"{study_type.strip()} in {area.strip()}"
    return (study_type or area).strip()


def build_outline(resume: Resume, date_style: DateStyle = DateStyle.SHORT) -> Outline:
    sections = [
        _section(resume, info.key, info.title, date_style) for info in printed_sections(resume)
    ]
    return Outline(
        name=resume.basics.name.strip(),
        label=resume.basics.label.strip(),
        contacts=tuple(contacts(resume.basics)),
        sections=tuple(s for s in sections if s is not None),
    )


def _section(resume: Resume, key: str, title: str, style: DateStyle) -> Section | None:
    def when(start: str, end: str, *, open_ended: bool = True) -> str:
        return format_range(start, end, style, open_ended=open_ended)

    if key == "summary":
        return Section(key, title, paragraphs=_paragraphs(resume.basics.summary))
    if key == "work":
        entries = tuple(
            Entry(
                title=w.position,
                organization=w.name,
                location=w.location,
                dates=when(w.startDate, w.endDate),
                url=w.url,
                paragraphs=_paragraphs(w.description) + _paragraphs(w.summary),
                bullets=_items(w.highlights),
            )
            for w in resume.work
        )
        return Section(key, title, entries=entries)
    if key == "volunteer":
        entries = tuple(
            Entry(
                title=v.position,
                organization=v.organization,
                dates=when(v.startDate, v.endDate),
                url=v.url,
                paragraphs=_paragraphs(v.summary),
                bullets=_items(v.highlights),
            )
            for v in resume.volunteer
        )
        return Section(key, title, entries=entries)
    if key == "education":
        entries = tuple(
            Entry(
                title=degree(e.studyType, e.area),
                organization=e.institution,
                dates=when(e.startDate, e.endDate),
                url=e.url,
                details=tuple(
                    (label, value)
                    for label, value in (
                        ("Score", e.score.strip()),
                        ("Courses", _join(*e.courses)),
                    )
                    if value
                ),
            )
            for e in resume.education
        )
        return Section(key, title, entries=entries)
    if key == "awards":
        entries = tuple(
            Entry(
                title=a.title,
                organization=a.awarder,
                dates=when(a.date, "", open_ended=False),
                paragraphs=_paragraphs(a.summary),
            )
            for a in resume.awards
        )
        return Section(key, title, entries=entries)
    if key == "certificates":
        entries = tuple(
            Entry(
                title=c.name,
                organization=c.issuer,
                dates=when(c.date, "", open_ended=False),
                url=c.url,
            )
            for c in resume.certificates
        )
        return Section(key, title, entries=entries)
    if key == "publications":
        entries = tuple(
            Entry(
                title=p.name,
                organization=p.publisher,
                dates=when(p.releaseDate, "", open_ended=False),
                url=p.url,
                paragraphs=_paragraphs(p.summary),
            )
            for p in resume.publications
        )
        return Section(key, title, entries=entries)
    if key == "projects":
        entries = tuple(
            Entry(
                title=p.name,
                organization=_join(p.entity, *p.roles),
                dates=when(p.startDate, p.endDate),
                url=p.url,
                paragraphs=_paragraphs(p.description),
                bullets=_items(p.highlights),
                details=(("Keywords", _join(*p.keywords)),) if _join(*p.keywords) else (),
            )
            for p in resume.projects
        )
        return Section(key, title, entries=entries)
    if key == "skills":
        rows = tuple(
            Row(
                label=_join(s.name, f"({s.level.strip()})" if s.level.strip() else "", sep=" "),
                value=_join(*s.keywords),
            )
            for s in resume.skills
        )
        return Section(key, title, rows=rows)
    if key == "languages":
        rows = tuple(Row(label=lang.language, value=lang.fluency) for lang in resume.languages)
        return Section(key, title, rows=rows)
    if key == "interests":
        rows = tuple(Row(label=i.name, value=_join(*i.keywords)) for i in resume.interests)
        return Section(key, title, rows=rows)
    if key == "references":
        entries = tuple(
            Entry(title=r.name, paragraphs=_paragraphs(r.reference)) for r in resume.references
        )
        return Section(key, title, entries=entries)
    custom = next((c for c in resume.settings.customSections if c.id == key), None)
    if custom is None:
        return None
    return Section(
        key, title, paragraphs=_paragraphs(custom.summary), bullets=_items(custom.highlights)
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    """Blank lines separate paragraphs; single newlines stay inside one."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n")]
    return tuple(p for p in parts if p)


def _items(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i.strip() for i in items if i.strip())
