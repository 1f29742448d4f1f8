"""ATS plain text: what a paste box on an application form should receive.

The layout follows ATS.md: the name on the first line, then the title and the
contact details, then UPPERCASE section headings with a blank line between
sections, "•" bullets (or "-" in ASCII mode), lines wrapped at a readable width
or not at all. Links keep their address as ``text <url>`` since there is no markup.
"""

from __future__ import annotations

import textwrap
import unicodedata
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..layout import SEPARATOR, Entry, Outline, Section, build_outline
from ..markup import parse_inline
from ..notes import note
from ..registry import ExporterInfo
from .cleaning import normalize_newlines, strip_control

if TYPE_CHECKING:
    from ..model.resume import Resume
    from ..theme import Theme


class TextOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    width: int = Field(80, ge=0, le=400, description="wrap lines at this width; 0 = no wrapping")
    ascii: bool = Field(False, description="transliterate to plain ASCII for old systems")


# What ASCII mode writes for typographic characters a résumé commonly holds.
_ASCII = {
    "\u2022": "-",
    "\u2013": "-",
    "\u2014": "--",
    "\u2012": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": ",",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2026": "...",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u00b7": "-",
    "\u00df": "ss",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0142": "l",
    "\u0141": "L",
    "\u00f0": "d",
    "\u00de": "Th",
    "\u00fe": "th",
    "\u20ac": "EUR",
    "\u00a3": "GBP",
    "\u00a9": "(c)",
    "\u00ae": "(R)",
    "\u2122": "(TM)",
}


def to_ascii(text: str) -> str:
    """Latin letters lose their accents; what has no ASCII spelling becomes "?" (noted)."""
    out: list[str] = []
    lost = 0
    for char in text:
        if ord(char) < 128:
            out.append(char)
            continue
        if char in _ASCII:
            out.append(_ASCII[char])
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base and all(ord(c) < 128 for c in base):
            out.append(base)
        else:
            out.append("?")
            lost += 1
    if lost:
        note(
            f"ASCII text: {lost} character{'s' if lost != 1 else ''} with no ASCII spelling became '?'"
        )
    return "".join(out)


def inline_text(field: str) -> str:
    """A field's words; a link whose text is not its address keeps the address."""
    parts: list[str] = []
    for run in parse_inline(field):
        parts.append(run.text)
        if run.href:
            target = run.href.removeprefix("mailto:")
            if target.strip() != run.text.strip():
                parts.append(f" <{target}>")
    return "".join(parts)


class _Writer:
    def __init__(self, options: TextOptions) -> None:
        self.options = options
        self.bullet = "-" if options.ascii else "\u2022"
        self.lines: list[str] = []

    def clean(self, text: str) -> str:
        text = strip_control(normalize_newlines(text))
        # Transliterate before wrapping: "™" -> "(TM)" changes the line length.
        return to_ascii(text) if self.options.ascii else text

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def para(self, text: str, first: str = "", rest: str = "") -> None:
        text = self.clean(text)
        for i, line in enumerate(text.split("\n")):
            lead = first if i == 0 else rest
            if not self.options.width:
                self.lines.append((lead + line).rstrip())
                continue
            wrapped = textwrap.wrap(
                line,
                width=self.options.width,
                initial_indent=lead,
                subsequent_indent=rest,
                break_on_hyphens=False,
                break_long_words=True,
            )
            self.lines.extend(wrapped or [lead.rstrip()])

    def items(self, items: list[str]) -> None:
        """Join items with " | ", breaking lines between items, never inside one."""
        line = ""
        for item in (self.clean(i) for i in items):
            joined = f"{line}{SEPARATOR}{item}" if line else item
            if line and self.options.width and len(joined) > self.options.width:
                self.lines.append(line)
                line = item
            else:
                line = joined
        if line:
            self.lines.append(line)

    def result(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def render_text(outline: Outline, options: TextOptions) -> str:
    w = _Writer(options)
    if outline.name:
        w.para(outline.name)
    if outline.label:
        w.para(inline_text(outline.label))
    items = [
        c.href if c.href and not c.href.startswith(("mailto:", "tel:")) else c.text
        for c in outline.contacts
    ]
    w.items(items)
    for section in outline.sections:
        w.blank()
        _section(w, section)
    return w.result()


def _section(w: _Writer, section: Section) -> None:
    w.para(section.title.upper())
    for paragraph in section.paragraphs:
        w.para(inline_text(paragraph))
    for row in section.rows:
        label = inline_text(row.label)
        value = inline_text(row.value)
        w.para(f"{label}: {value}" if label and value else label or value)
    for bullet in section.bullets:
        w.para(inline_text(bullet), f"{w.bullet} ", "  ")
    for i, entry in enumerate(section.entries):
        if i:
            w.blank()
        _entry(w, entry)


def _entry(w: _Writer, entry: Entry) -> None:
    if entry.title:
        w.para(inline_text(entry.title))
    detail = SEPARATOR.join(
        p for p in (inline_text(entry.organization), inline_text(entry.location), entry.dates) if p
    )
    if detail:
        w.para(detail)
    if entry.url:
        w.para(entry.url)
    for paragraph in entry.paragraphs:
        w.para(inline_text(paragraph))
    for label, value in entry.details:
        w.para(f"{label}: {inline_text(value)}")
    for bullet in entry.bullets:
        w.para(inline_text(bullet), f"{w.bullet} ", "  ")


class TextExporter:
    info = ExporterInfo(
        name="txt",
        display_name="Plain text (ATS)",
        extension="txt",
        mime_type="text/plain",
        options=TextOptions,
        binary=False,
    )

    def export(self, resume: Resume, theme: Theme, options: TextOptions | None = None) -> bytes:
        opts = options if isinstance(options, TextOptions) else TextOptions()
        outline = build_outline(resume, theme.date_style)
        return render_text(outline, opts).encode("utf-8")
