"""Markdown lines as blocks (headings, paragraphs, list items, code), split into header and sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .html_text import TAG_LINE, decode_entities
from .patch import PATCH_PREFIX
from .titles import KEY_MARKER, section_key_for_title


@dataclass
class Block:
    kind: str  # "h" heading, "p" paragraph, "li" list item, "code", "html"
    text: str = ""
    level: int = 0  # heading level or list depth
    lines: list[str] = field(default_factory=list)


_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


def _indent(prefix: str) -> int:
    return len(prefix.expandtabs(4))


def _strip_break(line: str) -> str:
    """Trailing double-space or backslash hard breaks are layout, not text."""
    line = line.rstrip(" \t")
    if line.endswith("\\") and (len(line) - len(line.rstrip("\\"))) % 2:
        line = line[:-1].rstrip(" \t")
    return line


def blocks_of(lines: list[str]) -> list[Block]:
    """A small line-based Markdown block reader: enough structure for résumés."""
    blocks: list[Block] = []
    stack: list[int] = []  # indents of the open list items' markers
    blank_before = False
    index = 0
    while index < len(lines):
        raw = lines[index]
        index += 1
        if "&" in raw and not TAG_LINE.match(raw) and not _FENCE.match(raw):
            raw = decode_entities(raw)
        if not raw.strip():
            blank_before = True
            continue
        last = blocks[-1] if blocks else None
        if fence := _FENCE.match(raw):
            mark = fence.group(1)
            body: list[str] = []
            while index < len(lines) and not lines[index].strip().startswith(mark[0] * len(mark)):
                body.append(lines[index])
                index += 1
            index += 1
            blocks.append(Block("code", lines=body))
            stack.clear()
            blank_before = False
            continue
        if _COMMENT_LINE.match(raw) and not raw.lstrip().startswith(PATCH_PREFIX):
            continue
        if _RULE.match(raw) and not (last and last.kind == "p" and not blank_before):
            stack.clear()
            blank_before = True
            continue
        if (
            last
            and last.kind == "p"
            and not blank_before
            and re.match(r"^ {0,3}(=+|-+)[ \t]*$", raw)
        ):
            blocks[-1] = Block("h", " ".join(last.lines), 1 if "=" in raw else 2)
            blank_before = True
            continue
        if heading := _HEADING.match(raw):
            blocks.append(Block("h", _strip_break(heading.group(2) or ""), len(heading.group(1))))
            stack.clear()
            blank_before = False
            continue
        if item := _ITEM.match(raw):
            indent = _indent(item.group(1))
            if indent < 4 or stack:
                while stack and indent < stack[-1] + 2 and indent <= stack[-1]:
                    stack.pop()
                if stack and indent < stack[-1] + 2:
                    stack.pop()
                stack.append(indent)
                blocks.append(Block("li", _strip_break(item.group(3) or ""), len(stack) - 1))
                blank_before = False
                continue
        text = _strip_break(raw.strip(" \t"))
        if (
            last
            and last.kind == "li"
            and (not blank_before or _indent(raw[: len(raw) - len(raw.lstrip())]) >= 2)
        ):
            last.text += ("\n\n" if blank_before else "\n") + text
        elif last and last.kind == "p" and not blank_before:
            last.lines.append(text)
        else:
            blocks.append(Block("p", lines=[text]))
            stack.clear()
        blank_before = False
    return blocks


@dataclass
class Section:
    title: str
    key: str | None  # from a marker
    blocks: list[Block]


def split_document(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """Header blocks, then sections.

    The first ``#`` heading is the name. Section headings are the outermost
    level the file uses after it (``##`` in most files, ``#`` in some), plus any
    heading of level 1 or 2 whose words name a section; deeper headings are
    entries inside a section.
    """
    headings = [b for b in blocks if b.kind == "h"]
    name_block = next((b for b in headings if b.level == 1), None)
    if name_block is not None and any(
        b.kind == "h" and b.level <= 2 for b in blocks[: blocks.index(name_block)]
    ):
        name_block = None  # "# Experience" after "## Jane Doe": not the name
    rest = [b for b in headings if b is not name_block and b.level <= 2]
    level = min((b.level for b in rest), default=2)
    header: list[Block] = []
    sections: list[Section] = []
    for block in blocks:
        is_section = (
            block.kind == "h"
            and block is not name_block
            and block.level <= 2
            and (
                block.level == level
                or section_key_for_title(block.text) is not None
                or bool(KEY_MARKER.search(block.text))
            )
        )
        if (
            is_section
            and not sections
            and name_block is None
            and section_key_for_title(block.text) is None
            and not KEY_MARKER.search(block.text)
        ):
            # "## Jane Doe" as the name of a file without "#".
            block = Block("h", block.text, 1)
            name_block = block
            is_section = False
        if is_section:
            title = block.text
            key = None
            if marker := KEY_MARKER.search(title):
                key = marker.group(1)
                title = title[: marker.start()]
            sections.append(Section(title, key, []))
        elif sections:
            sections[-1].blocks.append(block)
        else:
            header.append(block)
    return header, sections
