"""Inline Markdown inside text fields: ``**bold**``, ``*italic*`` and ``[links](url)``.

A field is parsed into a list of runs that every format renders its own way:
bold runs in DOCX, ``<b>`` in reportlab, plain words in ATS text. Nothing else
in Markdown has a meaning here: ``# heading``, ``- list``, ``<b>``, backticks
and ``&amp;`` all stay the literal characters the user typed.

Parsing goes through the ``markdown`` package with every block and inline rule
switched off except emphasis, links and backslash escapes, so the rules for
``*``, ``_`` and nesting are the well-tested CommonMark-ish ones.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

_KEEP_INLINE = {"escape", "link", "em_strong", "em_strong2", "not_strong"}
_KEEP_BLOCK = {"empty", "paragraph"}
# Characters that can start markup; text without them is one plain run.
_MARKUP_CHARS = re.compile(r"[*_\[\\]")
# Characters the Markdown writer escapes so that they stay literal.
_ESCAPE = re.compile(r"([\\`*_\[\]<>|])|!(?=\[)|&(?=#|\w+;)")
# "#1 in sales" is a heading to Python-Markdown even without a space, so "#"
# is escaped at any line start; list markers only when a space follows.
_LINE_START = re.compile(r"^(\s*)(#|(?:[-+]|\d+[.)])(?=\s|$))", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


_local = threading.local()


def _parser() -> markdown.Markdown:
    """One restricted Markdown instance per thread: they are not thread-safe."""
    md = getattr(_local, "md", None)
    if md is None:
        import markdown

        md = markdown.Markdown()
        for name in [n for n in _names(md.inlinePatterns) if n not in _KEEP_INLINE]:
            md.inlinePatterns.deregister(name)
        for name in [n for n in _names(md.parser.blockprocessors) if n not in _KEEP_BLOCK]:
            md.parser.blockprocessors.deregister(name)
        md.preprocessors.deregister("html_block")
        _local.md = md
    return md


def _names(registry: object) -> list[str]:
    return [item.name for item in registry._priority]  # type: ignore[attr-defined]


class _RunCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.bold = 0
        self.italic = 0
        self.hrefs: list[str | None] = []
        self.paragraphs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1
        elif tag == "a":
            self.hrefs.append(dict(attrs).get("href"))
        elif tag == "p":
            if self.paragraphs:
                self.runs.append(Run("\n\n"))
            self.paragraphs += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "strong":
            self.bold -= 1
        elif tag == "em":
            self.italic -= 1
        elif tag == "a" and self.hrefs:
            self.hrefs.pop()

    def handle_data(self, data: str) -> None:
        href = next((h for h in reversed(self.hrefs) if h), None)
        run = Run(data, self.bold > 0, self.italic > 0, href)
        last = self.runs[-1] if self.runs else None
        if last and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
            self.runs[-1] = Run(last.text + data, run.bold, run.italic, run.href)
        else:
            self.runs.append(run)


def parse_inline(text: str) -> list[Run]:
    """Split a field into runs. Plain text comes back as one run, unchanged."""
    if not text:
        return []
    if not _MARKUP_CHARS.search(text):
        return [Run(text)]
    pieces = balanced_pieces(text)
    if len(pieces) == 1:
        return list(_parse_cached(text))
    return _merge_runs(run for piece in pieces for run in _parse_cached(piece))


# Python-Markdown's inline pass is quadratic in the number of spans in one
# paragraph: a 1 MB field full of *x* would take minutes. Long fields are cut
# at spaces where every marker opened so far is closed, so no span is split.
_PIECE = 2000


def balanced_pieces(text: str, size: int = _PIECE) -> list[str]:
    """``text`` cut at spaces into pieces of about ``size`` characters, never
    inside a bold, italic or link span; short text comes back whole."""
    if len(text) <= 2 * size:
        return [text]
    pieces: list[str] = []
    start = stars = unders = brackets = 0
    escaped = False
    for i, char in enumerate(text):
        if escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char == "*":
            stars += 1
        elif char == "_":
            unders += 1
        elif char == "[":
            brackets += 1
        elif char == "]":
            brackets -= 1
        elif (
            char == " "
            and i - start >= size
            and stars % 2 == 0
            and unders % 2 == 0
            and brackets == 0
            and text[i - 1] not in " \n"
        ):
            pieces.append(text[start : i + 1])
            start = i + 1
    pieces.append(text[start:])
    return [p for p in pieces if p]


def _merge_runs(runs: Iterable[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        last = out[-1] if out else None
        if last and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
            out[-1] = Run(last.text + run.text, run.bold, run.italic, run.href)
        else:
            out.append(run)
    return out


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple[Run, ...]:
    parked = _park_marks(text)
    if parked is None:
        return (Run(_BACKSLASH_ESCAPE.sub(r"\1", text)),)
    source, restore = parked
    md = _parser()
    md.reset()
    html = md.convert(_shield_html(source))
    if "\x02" in html or "\x03" in html:
        # Python-Markdown leaks its placeholders on some escapes nested in
        # emphasis; such text is read as literal rather than half-parsed.
        return (Run(_BACKSLASH_ESCAPE.sub(r"\1", text)),)
    collector = _RunCollector()
    collector.feed(html)
    collector.close()
    runs = collector.runs
    if restore:
        runs = [Run(r.text.translate(restore), r.bold, r.italic, r.href) for r in runs]
    # The parser trims some surrounding whitespace; put back what it dropped.
    if runs:
        joined = "".join(run.text for run in runs)
        lead = _missing_edge(
            text[: len(text) - len(text.lstrip())],
            joined[: len(joined) - len(joined.lstrip())],
            start=True,
        )
        trail = _missing_edge(
            text[len(text.rstrip()) :], joined[len(joined.rstrip()) :], start=False
        )
        if lead:
            runs[0] = Run(lead + runs[0].text, runs[0].bold, runs[0].italic, runs[0].href)
        if trail and "\n" not in trail:
            runs[-1] = Run(runs[-1].text + trail, runs[-1].bold, runs[-1].italic, runs[-1].href)
    return tuple(runs)


def _missing_edge(source: str, kept: str, *, start: bool) -> str:
    """The whitespace at one edge of the field that the parser did not keep."""
    if source == kept:
        return ""
    if start and source.endswith(kept):
        return source[: len(source) - len(kept)]
    if not start and source.startswith(kept):
        return source[len(kept) :]
    return ""


def _park_marks(text: str) -> tuple[str, dict[int, str] | None] | None:
    """STX and ETX are Python-Markdown's own placeholder marks. A user's copy of
    them is parked on two noncharacters the text does not use, and put back
    after the parse; None when the text uses every noncharacter."""
    if "\x02" not in text and "\x03" not in text:
        return text, None
    free = [c for c in map(chr, range(0xFDD0, 0xFDF0)) if c not in text]
    if len(free) < 2:
        return None
    stx, etx = free[:2]
    return text.translate({2: stx, 3: etx}), {ord(stx): "\x02", ord(etx): "\x03"}


_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HTML_SHIELD = re.compile(r"\\\\|\\([<>&|])|([<>&])")
_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "|"}


def _shield_html(text: str) -> str:
    """Turn ``<``, ``>`` and ``&`` (escaped or not) into entities so the Markdown
    parser can't read them as HTML; the HTML reader turns them back."""

    def swap(match: re.Match[str]) -> str:
        char = match.group(1) or match.group(2)
        return _ENTITY[char] if char else match.group(0)

    return _HTML_SHIELD.sub(swap, text)


def plain_text(text: str) -> str:
    """The field's words with the markup removed, as an ATS or a search box sees them."""
    return "".join(run.text for run in parse_inline(text))


def escape_markdown(text: str) -> str:
    """Make ``text`` literal inside Markdown: every special character is backslash-escaped."""
    escaped = _ESCAPE.sub(lambda m: "\\" + m.group(0), text)
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    # "1." is a list only because of its dot; the digit can't be escaped.
    marker = match.group(2)
    if marker[0].isdigit():
        return match.group(1) + marker[:-1] + "\\" + marker[-1]
    return match.group(1) + "\\" + marker


def to_markdown(runs: list[Run], *, escape: bool = True) -> str:
    """Write runs as inline Markdown that ``parse_inline`` reads back to the same runs.

    With ``escape`` every special character is backslash-escaped, so any
    Markdown renderer shows it literally: that is the form for ``.md`` files.
    """
    out: list[str] = []
    index = 0
    while index < len(runs):
        href = runs[index].href
        group: list[Run] = []
        while index < len(runs) and runs[index].href == href:
            group.append(runs[index])
            index += 1
        body = _emphasis(group, escape)
        if href:
            target = href.replace(" ", "%20")
            if target.count("(") != target.count(")"):
                target = target.replace("(", "%28").replace(")", "%29")
            lead = body[: len(body) - len(body.lstrip())]
            trail = body[len(body.rstrip()) :]
            body = f"{lead}[{body.strip()}]({target}){trail}"
        out.append(body)
    return "".join(out)


def _emphasis(runs: list[Run], escape: bool) -> str:
    """Emit runs with ``**``/``*`` opened and closed only where the style changes,
    keeping every marker next to a non-space character as Markdown requires."""
    out: list[str] = []
    stack: list[str] = []
    pending = ""
    for run in runs:
        text = escape_markdown(run.text) if escape else run.text
        wanted = {m for m, on in (("**", run.bold), ("*", run.italic)) if on}
        keep = 0
        while keep < len(stack) and stack[keep] in wanted:
            keep += 1
        want = stack[:keep] + [m for m in ("**", "*") if m in wanted and m not in stack[:keep]]
        if keep < len(stack):
            out.extend(reversed(stack[keep:]))
            del stack[keep:]
        if not text.strip():
            pending += text
            continue
        lead = text[: len(text) - len(text.lstrip())]
        core = text.strip()
        trail = text[len(text.rstrip()) :]
        if keep < len(want):
            out.append(pending + lead)
            out.extend(want[keep:])
            stack.extend(want[keep:])
        else:
            out.append(pending + lead)
        out.append(core)
        pending = trail
    out.extend(reversed(stack))
    out.append(pending)
    return "".join(out)


def normalize_inline(text: str) -> str:
    """The canonical spelling of a field as the model stores it.

    It is the least-escaped inline Markdown that reads back to the same runs:
    natural text such as ``snake_case`` or ``5 * 3`` stays exactly as typed,
    and escapes appear only where a character would otherwise become markup.
    """
    runs = parse_inline(text)
    plain = to_markdown(runs, escape=False)
    if parse_inline(plain) == runs:
        return plain
    return to_markdown(runs, escape=True)
