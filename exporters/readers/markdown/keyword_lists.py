"""Skills, interests and languages: ``**Group:** a, b, c`` list items and their sub-items."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .blocks import Block
from .inline import canon, split_commas, split_label
from .items import put


def _labelled_items(blocks: list[Block]) -> Iterator[tuple[str | None, str, list[str], str | None]]:
    """(label, rest, sub-items, sub-heading) for each top-level item or paragraph line."""
    group: str | None = None
    current: list[Any] | None = None
    for block in blocks:
        if block.kind == "h":
            if current is not None:
                yield tuple(current)
                current = None
            group = canon(block.text)
            continue
        if block.kind == "li" and block.level > 0 and current is not None:
            current[2].append(canon(block.text))
            continue
        texts = [block.text] if block.kind == "li" else block.lines
        for text in texts:
            if current is not None:
                yield tuple(current)
            label, rest = split_label(text)
            current = [label, rest, [], group]
    if current is not None:
        yield tuple(current)


def _level_prefix(rest: str) -> tuple[str, str]:
    """``*(Expert)* a, b`` -> ("Expert", "a, b")."""
    match = re.match(r"^\*\((.*?)\)\*\s*(.*)$", rest, re.S)
    if match:
        return canon(match.group(1)), match.group(2)
    return "", rest


def skill_groups(blocks: list[Block], key: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    headed: dict[str, dict[str, Any]] = {}
    for label, rest, subs, group in _labelled_items(blocks):
        level, rest = _level_prefix(rest)
        keywords = [canon(k) for k in split_commas(rest)] + subs
        if label is None and group is not None:
            # "### Backend" then plain items: the heading names the group.
            target = headed.get(group)
            if target is None:
                target = headed[group] = {"name": group}
                out.append(target)
            target["keywords"] = [*target.get("keywords", []), *keywords]
            continue
        item: dict[str, Any] = {}
        if label is None and key == "interests" and not subs:
            out.extend({"name": k} for k in keywords)
            continue
        if label is None and len(keywords) == 1 and not subs:
            item["name"] = keywords[0]
        else:
            put(item, "name", label or "")
            if key == "skills":
                put(item, "level", level)
            put(item, "keywords", keywords)
        out.append(item)
    return out


def language_items(blocks: list[Block]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for label, rest, subs, _group in _labelled_items(blocks):
        if label is not None:
            item = {"language": label}
            put(item, "fluency", canon(", ".join([rest, *subs]).strip(", ")))
            out.append(item)
            continue
        for piece in split_commas(rest) + subs:
            match = re.match(r"^(.*?)\s*(?:\((.*)\)|\s[-–—]\s(.*))$", piece, re.S)
            item = {}
            if match:
                put(item, "language", canon(match.group(1)))
                put(item, "fluency", canon(match.group(2) or match.group(3) or ""))
            else:
                item["language"] = canon(piece)
            out.append(item)
    return out
