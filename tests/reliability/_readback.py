"""Independent readers for every output format, and what "the text survived" means.

Exported bytes are read back with tools that share no code with the exporters:
``pdftotext`` (poppler) and pypdf for PDF, python-docx for DOCX, the
``markdown`` package's HTML rendering for Markdown, ``json`` for JSON and a
plain UTF-8 decode for text. Text is compared after ``squash``: NFKC (PDF
extraction may give ligatures or presentation forms), no whitespace (every
format wraps lines its own way) and no invisible format characters.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

# Characters every exporter removes (and reports): C0 controls but tab/newline/CR,
# DEL, C1 controls, and the two non-characters XML forbids.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_WHITESPACE = re.compile(r"\s+")


def is_control(char: str) -> bool:
    return bool(_CONTROL.match(char))


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in {"Cf", "Mn", "Me"} or is_control(char)


def squash(text: str) -> str:
    """Text as a comparison sees it: NFKC, no whitespace, no invisible characters.

    Combining marks are dropped after NFKC composed what it could, because PDF
    extraction attaches them differently (before or after their letter).
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if not _invisible(c))
    return _WHITESPACE.sub("", text)


# --- PDF font coverage, read from the font files themselves -----------------------


@lru_cache(maxsize=1)
def pdf_coverage() -> frozenset[str]:
    """Every character some bundled PDF font has a glyph for.

    Read straight from the TrueType cmaps (reportlab's font-file parser, not the
    exporter's fallback logic). Until ``exporters.fonts`` exists this is empty
    and every PDF comparison falls back to ASCII letters and digits only.
    """
    try:
        from exporters.fonts import bundled_files
    except ImportError:
        return frozenset()
    from reportlab.pdfbase.ttfonts import TTFontFile

    chars: set[str] = set()
    for path in bundled_files():
        cmap = TTFontFile(str(path)).charToGlyph
        # The PDF's documented policy: only the Basic Multilingual Plane, since
        # reportlab's ToUnicode map can't name a character above U+FFFF (it would
        # print but extract wrongly); such characters are left out with a note.
        chars.update(
            chr(c) for c, g in cmap.items() if g and c <= 0xFFFF and not 0xD800 <= c <= 0xDFFF
        )
    return frozenset(chars)


def pdf_printable(char: str) -> bool:
    coverage = pdf_coverage()
    if not coverage:
        return char.isascii() and char.isalnum()
    return char in coverage


# --- readers ----------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """``pdftotext`` when poppler is installed (CI installs it), else pypdf."""
    if shutil.which("pdftotext"):
        result = subprocess.run(
            # -raw: content-stream order and no de-hyphenation (the default mode
            # joins a line ending in "-" to the next, eating a lone "-").
            ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
            input=data,
            capture_output=True,
            check=True,
            timeout=120,
        )
        return result.stdout.decode("utf-8")
    return pypdf_text(data)


def pypdf_text(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


class _HtmlText(HTMLParser):
    """Text and tags of rendered HTML (what a browser would show and load)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@dataclass
class RenderedMarkdown:
    text: str
    tags: list[tuple[str, list[tuple[str, str | None]]]] = field(default_factory=list)

    def tag_names(self) -> set[str]:
        return {t for t, _ in self.tags}


def markdown_render(data: bytes) -> RenderedMarkdown:
    """Render the Markdown with the ``markdown`` package (GitHub-like: no extensions
    needed for the exporter's output) and read the HTML as a browser would."""
    import markdown

    html = markdown.markdown(data.decode("utf-8"))
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return RenderedMarkdown("".join(parser.text), parser.tags)


def text_decode(data: bytes) -> str:
    return data.decode("utf-8")


READERS: dict[str, Callable[[bytes], str]] = {
    "pdf": pdf_text,
    "docx": docx_text,
    "md": lambda data: markdown_render(data).text,
    "txt": text_decode,
    "json": lambda data: json.dumps(json.loads(data), ensure_ascii=False),
}


def read_back(fmt: str, data: bytes) -> str | None:
    """The text a reader sees in ``data``; None for a format nobody here can read."""
    reader = READERS.get(fmt)
    return reader(data) if reader else None


# --- what must survive ----------------------------------------------------------------


def expected_survivor(text: str, fmt: str) -> str:
    """``text`` as it must appear in ``fmt``: control characters are always
    removed; a PDF also drops characters no bundled font can draw."""
    kept = "".join(c for c in text if not is_control(c))
    if fmt == "pdf":
        kept = "".join(c for c in kept if c.isspace() or _invisible(c) or pdf_printable(c))
    return kept


def _is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in {"R", "AL"}


def missing_words(visible: str, fmt: str, extracted: str) -> list[str]:
    """Words of ``visible`` (a field's visible text) not found in ``extracted``.

    A word is found when its squashed form is in the squashed extraction; a
    right-to-left word may come out reversed from a PDF (the exporter warns that
    it prints RTL text left to right).
    """
    haystack = squash(extracted)
    lost: list[str] = []
    for word in expected_survivor(visible, fmt).split():
        needle = squash(word)
        if not needle or needle in haystack:
            continue
        if fmt == "pdf" and any(_is_rtl(c) for c in needle) and needle[::-1] in haystack:
            continue
        lost.append(word)
    return lost
