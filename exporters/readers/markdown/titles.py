"""Section headings: which standard section a title names, and the marker that says so."""

from __future__ import annotations

import re

from ...markup import plain_text

# Checked in this order: "Volunteer Experience" is volunteering, not work, and
# "Programming Languages" is a skill list, not spoken languages.
SECTION_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("volunteer", ("volunteer", "community service", "community involvement")),
    ("projects", ("project", "portfolio")),
    ("certificates", ("certif", "licens", "accreditation")),
    ("publications", ("publication", "papers", "articles")),
    ("awards", ("award", "honor", "honour", "achievement", "recognition")),
    ("education", ("education", "academic", "qualification", "degree", "schooling")),
    (
        "skills",
        ("skill", "technolog", "competenc", "expertise", "tech stack", "toolbox", "programming"),
    ),
    ("languages", ("language",)),
    ("interests", ("interest", "hobbies", "hobby", "passions")),
    ("references", ("reference", "referee", "testimonial", "recommendation")),
    ("summary", ("summary", "profile", "about", "objective", "overview", "introduction")),
    ("work", ("experience", "employment", "work", "career", "positions", "jobs")),
)

# A heading may name its key when a renamed title would not map back by keywords.
KEY_MARKER = re.compile(r"\s*<!--\s*resume-studio:([a-z0-9][a-z0-9_-]*)\s*-->\s*$")


def key_marker(key: str) -> str:
    """The comment after a heading that ``KEY_MARKER`` reads back as ``key``."""
    return f"<!-- resume-studio:{key} -->"


def section_key_for_title(title: str) -> str | None:
    """The standard section a heading's words point to, or None for a custom one."""
    words = plain_text(title).strip().lower()
    for key, needles in SECTION_KEYWORDS:
        if any(needle in words for needle in needles):
            return key
    return None


def custom_section_id(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", plain_text(title).lower()).strip("-")
    return f"custom-{slug or 'section'}"


def title_reads_as(title: str, key: str) -> bool:
    """Whether a heading titled ``title`` is read back as section ``key`` without a marker."""
    return (section_key_for_title(title) or custom_section_id(title)) == key
