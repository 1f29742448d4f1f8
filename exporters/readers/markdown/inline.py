"""Inline Markdown helpers: canonical fields, whole-field bold/italic/links, splitting lines."""

from __future__ import annotations

import re
from functools import lru_cache

from ...markup import Run, escape_markdown, normalize_inline, parse_inline, to_markdown


@lru_cache(maxsize=4096)
def canon(markdown_text: str) -> str:
    """A field written in inline Markdown, in the model's canonical form."""
    return normalize_inline(markdown_text.strip())


@lru_cache(maxsize=4096)
def canon_literal(text: str) -> str:
    """Text that is not Markdown (HTML contents, code blocks): every character literal."""
    return normalize_inline(escape_markdown(text.strip()))


def runs_md(runs: list[Run]) -> str:
    return normalize_inline(to_markdown(runs).strip())


def _solid(runs: list[Run], attr: str) -> bool:
    inked = [r for r in runs if r.text.strip()]
    return bool(inked) and all(getattr(r, attr) for r in inked)


@lru_cache(maxsize=4096)
def unwrap(markdown_text: str) -> tuple[str, bool, bool, str]:
    """Strip bold, italic and a link that cover the whole text.

    Returns (canonical text, was bold, was italic, link target or "").
    """
    runs = parse_inline(markdown_text.strip())
    bold, italic = _solid(runs, "bold"), _solid(runs, "italic")
    inked = [r for r in runs if r.text.strip()]
    hrefs = {r.href for r in inked}
    href = next(iter(hrefs)) if len(hrefs) == 1 and None not in hrefs else None
    runs = [
        Run(
            r.text,
            r.bold and not bold,
            r.italic and not italic,
            None if href else r.href,
        )
        for r in runs
    ]
    return runs_md(runs), bold, italic, href or ""


def split_unescaped(text: str, separators: str = r"\||·|•") -> list[str]:
    """Split on separators that are not backslash-escaped."""
    parts: list[str] = []
    start = 0
    for match in re.finditer(rf"(\\.)|\s*(?:{separators})\s*", text):
        if match.group(1):
            continue
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def split_commas(text: str) -> list[str]:
    """Split a keyword list on commas outside brackets: ``Spring (Boot, Cloud), Go``."""
    out: list[str] = []
    depth = 0
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char in ",;" and depth == 0:
            out.append("".join(current))
            current = []
            continue
        current.append(char)
    out.append("".join(current))
    return [p.strip() for p in out if p.strip()]


@lru_cache(maxsize=4096)
def split_label(markdown_text: str) -> tuple[str | None, str]:
    """``**Group:** rest`` / ``**Group**: rest`` / ``Group: rest`` -> (label, rest)."""
    text = markdown_text.strip()
    runs = parse_inline(text)
    if runs and runs[0].bold and not runs[0].href:
        label = runs[0].text.strip()
        rest = runs[1:]
        rest_md = to_markdown(rest).strip() if rest else ""
        if label.endswith(":"):
            return canon_literal(label[:-1]), rest_md
        if rest_md.startswith(":"):
            return canon_literal(label), rest_md[1:].strip()
        if not rest_md:
            return canon_literal(label), ""
        return None, text
    match = re.match(r"^([^:*_\[\]()<>|]{1,50}):\s+(\S.*)$", text, re.S)
    if match and "://" not in text[: match.end(1) + 3]:
        return canon(match[1]), match[2]
    return None, text
