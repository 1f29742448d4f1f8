r"""Markdown export: GitHub-flavoured Markdown in the shape of the bundled sample.

Layout (``exporters.readers.markdown`` reads every part of it back)::

    <div align="center">
    <h1>Name</h1>
    <h3>Label</h3>
    <p><a href="mailto:…">mail</a> · phone · <a href="…">site</a> · Address, City, Region, Postcode, Country</p>
    <p><b>Network:</b> <a href="url">username</a> · …</p>
    </div>                           (or "# Name" / "### Label" / Markdown lines, centered_header=False)

    ## Section title                 (+ <!-- resume-studio:KEY --> when the title would not map back)
    ### Position                     (project, award, certificate, publication names; degree)
    **[Company](url)** | Location | Nov 2021 – Present
    *Description*                    (work)
    Summary paragraphs               (project description, reference text)
    **Roles:** a, b · **Keywords:** · **Type:** · **Score:**   (fields with no natural place)
    - highlight                      (courses for education)

    - **Skill group:** *(Level)* keyword, keyword   (a sub-item per keyword when one has a comma)
    - **Language:** fluency

Every field goes through ``to_markdown(parse_inline(...))``: bold, italic and
links stay formatting, every other character is escaped so it shows as typed.
``<``, ``>``, ``|`` and ``&`` are written as entities rather than backslash
escapes, because Python-Markdown (unlike CommonMark) does not honour ``\<``;
the header block is HTML with every field HTML-escaped. Links go through
``exporters.links.safe_link``, the rule DOCX and PDF use: http(s), mailto and
tel targets (a bare domain or e-mail gets its scheme), and a ``javascript:``,
``file:`` or relative target shows as its text.
Control characters are left out of the text, with a note. Nested items are
indented four spaces, which every renderer nests. Dates use the theme's style.

Whatever the visible text can't carry (exact days, hidden sections, settings,
``meta`` other than the section titles and order, unknown fields, text the
reader would read differently, unsafe links, control characters) goes in one
trailing ``<!-- resume-studio: {"patch": [...]} -->`` comment. It is computed
by reading the visible text back and comparing, so importing an export always
gives the same résumé; most files have a short comment or none.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..links import safe_link
from ..markup import Run, parse_inline, to_markdown
from ..model.dates import format_range
from ..model.resume import (
    CustomSection,
    Education,
    Interest,
    Language,
    Project,
    Reference,
    Resume,
    Skill,
    Volunteer,
    Work,
)
from ..model.sections import SectionInfo, printed_sections
from ..readers.markdown import reads_as
from ..readers.markdown.patch import make_patch, patch_comment
from ..readers.markdown.titles import key_marker, title_reads_as
from ..registry import ExporterInfo
from ..theme import Theme
from .cleaning import strip_control


class MarkdownOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    centered_header: bool = True  # wrap the name and contacts in <div align="center">
    round_trip_comment: bool = True  # keep what Markdown can't show in a trailing comment


# Escapes not every renderer knows (Python-Markdown shows "\<" and "\|" as typed):
# entities mean the same character everywhere.
_ENTITY_FOR = {"<": "&lt;", ">": "&gt;", "|": "&#124;", "&": "&amp;"}


def _inert(runs: list[Run]) -> list[Run]:
    """Runs whose links all have a target ``safe_link`` allows; the others lose the link."""
    return [Run(r.text, r.bold, r.italic, safe_link(r.href)) if r.href else r for r in runs]


def write_runs(runs: list[Run]) -> str:
    """Runs as inline Markdown: formatting kept, every other character literal."""
    text = to_markdown(_inert(runs)).strip()
    return re.sub(r"\\(.)", lambda m: _ENTITY_FOR.get(m.group(1), m.group(0)), text, flags=re.S)


def write_html(runs: list[Run]) -> str:
    """Runs as inline HTML, for the centred header block (a raw HTML block in Markdown)."""
    out: list[str] = []
    for run in _inert(runs):
        text = html.escape(run.text, quote=False).replace("\n", "<br>")
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        if run.href:
            text = f'<a href="{html.escape(run.href)}">{text}</a>'
        out.append(text)
    return "".join(out).strip()


@lru_cache(maxsize=4096)
def md(text: str) -> str:
    """A field as Markdown."""
    return write_runs(parse_inline(text))


def _styled(text: str, *, bold: bool = False, italic: bool = False, href: str = "") -> str:
    runs = [
        Run(r.text, r.bold or bold, r.italic or italic, href or r.href) for r in parse_inline(text)
    ]
    return write_runs(runs)


def _heading_text(text: str) -> str:
    return _keep_closing_hashes(md(text))


def _keep_closing_hashes(heading: str) -> str:
    """A heading is one line, so line breaks become spaces (the round-trip
    comment keeps the exact text). Trailing "#"s would be read as the closing
    sequence (Python-Markdown strips them even without a space before them),
    so they are escaped."""
    heading = " ".join(heading.splitlines())
    return re.sub(r"(?<!\\)(#+)(\s*)$", lambda m: m[1].replace("#", "\\#") + m[2], heading)


_NEST = "    "  # four spaces: the indent every renderer (Python-Markdown too) nests by


def _bullets(items: tuple[str, ...], indent: str = "") -> list[str]:
    return [f"{indent}- " + md(item).replace("\n", "\n" + indent + _NEST) for item in items]


class MarkdownExporter:
    info = ExporterInfo(
        name="md",
        display_name="Markdown",
        extension="md",
        mime_type="text/markdown",
        options=MarkdownOptions,
        binary=False,
    )

    def export(self, resume: Resume, theme: Theme, options: Any) -> bytes:
        opts = (
            options
            if isinstance(options, MarkdownOptions)
            else MarkdownOptions.model_validate(options or {})
        )
        # Control characters are invisible and trip Markdown tools. They go before
        # any escaping is decided ("\x1b#" must be escaped as a line-start "#");
        # the exact text still comes back on import through the comment.
        writer = _Writer(_without_controls(resume), theme)
        visible = writer.document(opts.centered_header)
        text = visible
        if opts.round_trip_comment:
            text += _patch_comment(resume, visible)
        return text.encode("utf-8")


def _without_controls(resume: Resume) -> Resume:
    """The résumé with control characters removed from every text, each removal noted."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return strip_control(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    data = resume.to_json_data()
    cleaned = clean(data)
    return resume if cleaned == data else Resume.from_json_data(cleaned)


def _patch_comment(resume: Resume, visible: str) -> str:
    # What the visible text alone reads back as, even when it is too little to
    # count as a résumé on its own (a name and nothing else).
    try:
        shown = reads_as(visible).to_json_data()
    except Exception:  # an unreadable export is carried whole by the comment
        shown = {}
    return patch_comment(make_patch(resume.to_json_data(), shown))


class _Writer:
    def __init__(self, resume: Resume, theme: Theme) -> None:
        self.resume = resume
        self.style = theme.date_style
        self.out: list[str] = []

    def document(self, centered: bool) -> str:
        self.header(centered)
        for section in printed_sections(self.resume):
            self.section(section)
        return "\n".join(self.out).rstrip("\n") + "\n"

    def para(self, *lines: str) -> None:
        self.out.extend(lines)
        self.out.append("")

    def dates(self, start: str, end: str) -> str:
        return format_range(start, end, self.style)

    # -- header ---------------------------------------------------------------

    def header(self, centered: bool) -> None:
        """The name, title and contacts: an HTML block like the sample's, or Markdown."""
        basics = self.resume.basics
        contact: list[list[Run]] = []
        if basics.email:
            contact.append([Run(basics.email, href=f"mailto:{basics.email}")])
        if basics.phone:
            contact.append([Run(basics.phone)])
        if basics.url:
            shown = re.sub(r"^https?://", "", basics.url).rstrip("/") or basics.url
            contact.append([Run(shown, href=basics.url)])
        loc = basics.location
        place = [loc.address, loc.city, loc.region, loc.postalCode, loc.countryCode]
        if any(p.strip() for p in place):
            contact.append(parse_inline(", ".join(p for p in place if p.strip())))
        profiles: list[list[Run]] = []
        for p in basics.profiles:
            network = parse_inline(p.network + ":") if p.network.strip() else []
            runs = [Run(r.text, True, r.italic, r.href) for r in network]
            runs += [Run(" ")] if runs else []
            if p.url:
                runs.append(Run(p.username or p.url, href=p.url))
            else:
                runs += parse_inline(p.username)
            profiles.append(runs)
        lines = [" · ".join(map(write_runs, line)) for line in (contact, profiles) if line]
        if not centered:
            if basics.name.strip():
                self.para(f"# {_heading_text(basics.name)}")
            if basics.label.strip():
                self.para(f"### {_heading_text(basics.label)}")
            for line in lines:
                self.para(line)
            return
        self.para('<div align="center">')
        if basics.name.strip():
            self.para(f"<h1>{write_html(parse_inline(basics.name))}</h1>")
        if basics.label.strip():
            self.para(f"<h3>{write_html(parse_inline(basics.label))}</h3>")
        for items in (contact, profiles):
            if items:
                self.para("<p>" + " · ".join(map(write_html, items)) + "</p>")
        self.para("</div>")

    # -- sections ---------------------------------------------------------------

    def section(self, info: SectionInfo) -> None:
        title = _heading_text(info.title)
        if not title_reads_as(info.title, info.key):
            title += " " + key_marker(info.key)
        self.para(f"## {title}")
        writer = getattr(self, f"s_{info.key}", None)
        if info.custom is not None:
            self.custom(info.custom)
        elif writer is not None:
            writer()

    def s_summary(self) -> None:
        self.para(md(self.resume.basics.summary))

    def entry(self, heading: str, bold: str, href: str, parts: list[str]) -> None:
        self.para(f"### {_keep_closing_hashes(heading)}" if heading else "###")
        line = []
        if bold.strip() or href:
            line.append(_styled(bold or href, bold=True, href=href))
        line.extend(p for p in parts if p)
        if line:
            self.para(" | ".join(line))

    def body(
        self,
        *,
        description: str = "",
        summary: str = "",
        fields: dict[str, str] | None = None,
        bullets: tuple[str, ...] = (),
    ) -> None:
        if description.strip():
            self.para(_styled(description, italic=True))
        if summary.strip():
            self.para(md(summary))
        for label, value in (fields or {}).items():
            if value.strip():
                self.para(f"**{label}:** {value}")
        if bullets:
            self.para(*_bullets(bullets))

    def s_work(self) -> None:
        for job in self.resume.work:
            self._job(job, job.name, job.location, job.description)

    def s_volunteer(self) -> None:
        for job in self.resume.volunteer:
            self._job(job, job.organization, "", "")

    def _job(self, job: Work | Volunteer, org: str, location: str, description: str) -> None:
        self.entry(
            _heading_text(job.position),
            org,
            job.url,
            [md(location) if location.strip() else "", self.dates(job.startDate, job.endDate)],
        )
        self.body(description=description, summary=job.summary, bullets=job.highlights)

    def s_education(self) -> None:
        for school in self.resume.education:
            self._school(school)

    def _school(self, school: Education) -> None:
        degree = " in ".join(t for t in (school.studyType, school.area) if t.strip())
        dates = self.dates(school.startDate, school.endDate)
        self.entry(_heading_text(degree), school.institution, school.url, [dates])
        self.body(fields={"Score": md(school.score)}, bullets=school.courses)

    def s_projects(self) -> None:
        for project in self.resume.projects:
            self._project(project)

    def _project(self, project: Project) -> None:
        name = (
            _styled(project.name or project.url, href=project.url)
            if project.url
            else md(project.name)
        )
        self.entry(name, project.entity, "", [self.dates(project.startDate, project.endDate)])
        self.body(
            summary=project.description,
            fields={
                "Roles": ", ".join(md(r) for r in project.roles),
                "Keywords": ", ".join(md(k) for k in project.keywords),
                "Type": md(project.type),
            },
            bullets=project.highlights,
        )

    def _titled(self, name: str, url: str, by: str, date: str, summary: str) -> None:
        heading = _styled(name or url, href=url) if url else _heading_text(name)
        self.entry(heading, by, "", [self.dates(date, date)])
        self.body(summary=summary)

    def s_awards(self) -> None:
        for award in self.resume.awards:
            self._titled(award.title, "", award.awarder, award.date, award.summary)

    def s_certificates(self) -> None:
        for cert in self.resume.certificates:
            self._titled(cert.name, cert.url, cert.issuer, cert.date, "")

    def s_publications(self) -> None:
        for pub in self.resume.publications:
            self._titled(pub.name, pub.url, pub.publisher, pub.releaseDate, pub.summary)

    def s_skills(self) -> None:
        self.para(*[line for skill in self.resume.skills for line in _keyword_group(skill)])

    def s_interests(self) -> None:
        self.para(
            *[line for interest in self.resume.interests for line in _keyword_group(interest)]
        )

    def s_languages(self) -> None:
        self.para(*[_language(lang) for lang in self.resume.languages])

    def s_references(self) -> None:
        for ref in self.resume.references:
            self._reference(ref)

    def _reference(self, ref: Reference) -> None:
        self.para(f"### {_heading_text(ref.name)}" if ref.name.strip() else "###")
        if ref.reference.strip():
            self.para(md(ref.reference))

    def custom(self, section: CustomSection) -> None:
        if section.summary.strip():
            self.para(md(section.summary))
        if section.highlights:
            self.para(*_bullets(section.highlights))


def _keyword_group(group: Skill | Interest) -> list[str]:
    label = f"**{md(group.name)}:**" if group.name.strip() else ""
    level = getattr(group, "level", "")
    prefix = " ".join(p for p in (label, f"*({md(level)})*" if level.strip() else "") if p)
    if any("," in k or ";" in k for k in group.keywords):
        return [f"- {prefix}".rstrip(), *_bullets(group.keywords, _NEST)]
    keywords = ", ".join(md(k) for k in group.keywords)
    return [f"- {' '.join(p for p in (prefix, keywords) if p)}".rstrip()]


def _language(lang: Language) -> str:
    if lang.fluency.strip():
        return f"- **{md(lang.language)}:** {md(lang.fluency)}"
    return f"- {md(lang.language)}"
