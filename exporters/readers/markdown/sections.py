"""Each section read into the résumé's JSON, and the whole visible document assembled."""

from __future__ import annotations

from typing import Any

from ...model.sections import STANDARD_SECTIONS
from .blocks import Block, blocks_of, split_document
from .entries import list_entries, read_entries
from .header import read_header
from .inline import canon, canon_literal
from .items import education_item, job_item, project_item, put, reference_items, titled_item
from .keyword_lists import language_items, skill_groups
from .titles import custom_section_id, section_key_for_title


def free_text(blocks: list[Block]) -> tuple[str, list[str]]:
    """A summary or custom section: (paragraphs joined, list items)."""
    paragraphs: list[str] = []
    items: list[str] = []
    for block in blocks:
        if block.kind == "p":
            paragraphs.append(canon("\n".join(block.lines)))
        elif block.kind == "h":
            paragraphs.append(canon(f"**{block.text}**") if block.text.strip() else "")
        elif block.kind == "li":
            items.append(canon(block.text))
        elif block.kind == "code":
            paragraphs.append(canon_literal("\n".join(block.lines)))
    return "\n\n".join(p for p in paragraphs if p), items


_JOB_FIELDS: frozenset[str] = frozenset()
_EDU_FIELDS = frozenset({"score", "gpa", "courses"})
_PROJECT_FIELDS = frozenset({"roles", "keywords", "type"})
# Entries that are a title, who gave it and one date:
# (title key, giver key, date key, whether the text under it is a summary).
_TITLED: dict[str, tuple[str, str, str, bool]] = {
    "awards": ("title", "awarder", "date", True),
    "certificates": ("name", "issuer", "date", False),
    "publications": ("name", "publisher", "releaseDate", True),
}


def _read_section(key: str, blocks: list[Block], data: dict[str, Any]) -> None:
    if key == "summary":
        text, lines = free_text(blocks)
        summary = "\n".join([text, *(f"- {i}" for i in lines)]).strip() if lines else text
        if summary:
            basics = data.setdefault("basics", {})
            basics["summary"] = "\n\n".join(filter(None, [basics.get("summary", ""), summary]))
        return
    items: list[dict[str, Any]]
    if key in {"skills", "interests"}:
        items = skill_groups(blocks, key)
    elif key == "languages":
        items = language_items(blocks)
    elif key == "education":
        items = [
            education_item(e)
            for e in list_entries(read_entries(blocks, _EDU_FIELDS, bold_starts=True))
        ]
    elif key in {"work", "volunteer"}:
        entries = read_entries(blocks, _JOB_FIELDS, line_starts=True)
        org_key = "name" if key == "work" else "organization"
        items = [job_item(e, org_key) for e in list_entries(entries)]
    elif key == "projects":
        items = [project_item(e) for e in list_entries(read_entries(blocks, _PROJECT_FIELDS))]
    elif key in _TITLED:
        entries = read_entries(blocks, _JOB_FIELDS)
        items = [titled_item(e, *_TITLED[key]) for e in list_entries(entries)]
    else:  # references
        items = reference_items(read_entries(blocks, _JOB_FIELDS))
    items = [i for i in items if i]
    if items:
        data[key] = [*data.get(key, []), *items]


def read_document(text: str) -> dict[str, Any]:
    lines = text.split("\n")
    header_blocks, sections = split_document(blocks_of(lines))
    header = read_header(header_blocks)
    data: dict[str, Any] = {}
    if header.basics:
        data["basics"] = dict(header.basics)
    order: list[str] = []
    titles: dict[str, str] = {}
    customs: list[dict[str, Any]] = []
    for section in sections:
        title = canon(section.title)
        key = section.key or section_key_for_title(title)
        if key is None or key not in STANDARD_SECTIONS:
            key = key or custom_section_id(title)
            taken = {c["id"] for c in customs}
            base, n = key, 2
            while key in taken:
                key, n = f"{base}-{n}", n + 1
            summary, items = free_text(section.blocks)
            custom: dict[str, Any] = {"id": key}
            put(custom, "title", title)
            put(custom, "summary", summary)
            put(custom, "highlights", items)
            customs.append(custom)
        else:
            _read_section(key, section.blocks, data)
            if title and title != STANDARD_SECTIONS[key] and key not in titles:
                titles[key] = title
        if key not in order:
            order.append(key)
    if header.paragraphs and not data.get("basics", {}).get("summary"):
        data.setdefault("basics", {})["summary"] = "\n\n".join(header.paragraphs)
        if "summary" not in order:
            order.insert(0, "summary")
    studio: dict[str, Any] = {}
    put(studio, "sectionOrder", order)
    put(studio, "sectionTitles", titles)
    put(studio, "customSections", customs)
    if studio:
        data["meta"] = {"resumeStudio": studio}
    return data
