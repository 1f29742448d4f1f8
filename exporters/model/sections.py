"""The résumé's sections: their keys, default titles, and the order and visibility
the user chose in ``meta.resumeStudio``.

Every exporter and the editor's navigator ask this module, so they all agree on
what is shown, in which order, under which title.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import DateStyle
from .resume import CustomSection, Resume

# Key -> default title. The order is the default order on the page: the one
# recruiters expect for an experienced candidate.
STANDARD_SECTIONS: dict[str, str] = {
    "summary": "Summary",
    "work": "Experience",
    "projects": "Projects",
    "skills": "Skills",
    "education": "Education",
    "certificates": "Certifications",
    "awards": "Awards",
    "publications": "Publications",
    "volunteer": "Volunteering",
    "languages": "Languages",
    "interests": "Interests",
    "references": "References",
}


@dataclass(frozen=True, slots=True)
class SectionInfo:
    key: str
    title: str
    visible: bool
    count: int
    custom: CustomSection | None = None


def item_count(resume: Resume, key: str) -> int:
    """How many entries a section has; the summary counts as one when written."""
    if key == "summary":
        return 1 if resume.basics.summary.strip() else 0
    if key in STANDARD_SECTIONS:
        items: tuple[object, ...] = getattr(resume, key)
        return len(items)
    custom = custom_section(resume, key)
    if custom is None:
        return 0
    return len(custom.highlights) + (1 if custom.summary.strip() else 0)


def custom_section(resume: Resume, key: str) -> CustomSection | None:
    for section in resume.settings.customSections:
        if section.id == key:
            return section
    return None


def section_order(resume: Resume) -> list[str]:
    """Every section key, in the user's order, with unknown keys dropped and
    sections the order does not mention appended in their default place."""
    known = list(STANDARD_SECTIONS) + [c.id for c in resume.settings.customSections]
    order = [k for k in dict.fromkeys(resume.settings.sectionOrder) if k in known]
    for key in known:
        if key not in order:
            order.append(key)
    return order


def section_title(resume: Resume, key: str) -> str:
    titles = resume.settings.sectionTitles
    if titles.get(key, "").strip():
        return titles[key].strip()
    custom = custom_section(resume, key)
    if custom is not None:
        return custom.title or key
    return STANDARD_SECTIONS.get(key, key)


def sections(resume: Resume) -> list[SectionInfo]:
    """All sections in page order, visible or not, with their titles and counts."""
    hidden = set(resume.settings.hiddenSections)
    return [
        SectionInfo(
            key=key,
            title=section_title(resume, key),
            visible=key not in hidden,
            count=item_count(resume, key),
            custom=custom_section(resume, key),
        )
        for key in section_order(resume)
    ]


def printed_sections(resume: Resume) -> list[SectionInfo]:
    """What an exporter prints: visible sections that have content."""
    return [s for s in sections(resume) if s.visible and s.count > 0]


def date_style(resume: Resume) -> DateStyle:
    return resume.settings.dateStyle or DateStyle.SHORT
