"""The TrueType fonts the PDF embeds, and which of them sets each character.

reportlab draws a character with exactly the font it is given: a glyph the font
lacks comes out as an empty box. So text is split by coverage. The theme's
family (Carlito, metric-compatible with Calibri, like the DOCX) sets what it
can; DejaVu Sans takes symbols, Hebrew, Arabic and the rest of what it covers;
Droid Sans Fallback takes Chinese and Japanese. Anything none of them covers is
left out and reported through ``exporters.notes``.

Fonts are parsed once per process, under a lock: the GUI preview renders in a
worker thread while the main thread may export. The big CJK font (4 MB, about
70 ms to parse) is only loaded the first time a character needs it.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from resources import FONTS

from .notes import note

if TYPE_CHECKING:
    from collections.abc import Iterable

# Family -> (regular, bold, italic, bold italic), relative to resources/fonts.
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    "Carlito": (
        "carlito/Carlito-Regular.ttf",
        "carlito/Carlito-Bold.ttf",
        "carlito/Carlito-Italic.ttf",
        "carlito/Carlito-BoldItalic.ttf",
    ),
}
DEFAULT_FAMILY = "Carlito"

# Tried in order for characters the family lacks. One weight each: a fallback
# glyph inside bold text is rare, and a second weight would cost 0.7–4 MB.
FALLBACKS: tuple[tuple[str, str], ...] = (
    ("DejaVuSans", "dejavu/DejaVuSans.ttf"),
    ("DroidSansFallback", "droid/DroidSansFallbackFull.ttf"),
)

# Invisible characters that need no glyph: they are dropped quietly when no
# font has them (variation selectors and joiners inside emoji, bidi marks).
_INVISIBLE = frozenset({"Cf", "Mn"})


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    font: str | None = None  # a fallback font's name; None = the family's own face


@dataclass
class FontSet:
    """A registered family and its fallbacks, as reportlab knows them by name."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    _primary: frozenset[str] = frozenset()
    _fallback_maps: dict[str, Coverage] = field(default_factory=dict)

    def covers(self, char: str) -> bool:
        return char in self._primary

    def segments(self, text: str) -> list[Segment]:
        """Split ``text`` into runs each set in one font, dropping (and noting)
        characters that no bundled font has."""
        if not text or set(text) <= self._primary:
            return [Segment(text)] if text else []
        out: list[Segment] = []
        missing: list[str] = []
        for char in text:
            if "\ufe00" <= char <= "\ufe0f":
                continue  # emoji/text presentation hints: nothing to draw
            # A space joins whatever run it is in: every font has one.
            current = out[-1].font if out else None
            font = current if char.isspace() else self._font_for(char)
            if font == "":
                if unicodedata.category(char) not in _INVISIBLE:
                    missing.append(char)
                continue
            if out and out[-1].font == font:
                out[-1] = Segment(out[-1].text + char, font)
            else:
                out.append(Segment(char, font))
        if missing:
            _report_missing(missing)
        return out

    def _font_for(self, char: str) -> str | None:
        """None for the family, a fallback's name, or "" when nothing covers it."""
        if char in self._primary:
            return None
        for name, path in FALLBACKS:
            coverage = self._fallback_maps.get(name)
            if coverage is None:
                coverage = _load_fallback(name, path)
                self._fallback_maps[name] = coverage
            if char in coverage:
                return name
        return ""

    def faces(self) -> list[str]:
        return [self.regular, self.bold, self.italic, self.bold_italic]


def _report_missing(chars: list[str]) -> None:
    unique = list(dict.fromkeys(chars))
    shown = ", ".join(
        f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed').title()})" for c in unique[:4]
    )
    more = f" and {len(unique) - 4} more" if len(unique) > 4 else ""
    note(f"no bundled font can print {shown}{more}; left out of the PDF")


_lock = threading.RLock()
_fontsets: dict[str, FontSet] = {}
_loaded: dict[str, Coverage] = {}


def font_set(family: str = DEFAULT_FAMILY) -> FontSet:
    """The family's faces, registered with reportlab once per process."""
    cached = _fontsets.get(family)
    if cached is not None:
        return cached
    with _lock:
        cached = _fontsets.get(family)
        if cached is not None:
            return cached
        files = FAMILIES.get(family)
        if files is None:
            known = ", ".join(FAMILIES)
            note(f"the font {family!r} is not bundled; using {DEFAULT_FAMILY} (bundled: {known})")
            return font_set(DEFAULT_FAMILY)
        from reportlab.lib.fonts import addMapping

        names = [family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic"]
        coverages = [_register(name, rel) for name, rel in zip(names, files, strict=True)]
        # The four faces share one character map; a set of str makes the
        # all-Latin fast path one C-level subset test.
        primary = frozenset(coverages[0].chars())
        # Registering the family lets <b> and <i> pick the right face.
        for (is_bold, is_italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
            addMapping(family, is_bold, is_italic, name)
        result = FontSet(
            family,
            regular=names[0],
            bold=names[1],
            italic=names[2],
            bold_italic=names[3],
            _primary=primary,
        )
        _fontsets[family] = result
        return result


def _load_fallback(name: str, rel: str) -> Coverage:
    with _lock:
        coverage = _register(name, rel)
        from reportlab.lib.fonts import addMapping

        # One weight: bold and italic text in a fallback font use the same face.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
        return coverage


def _register(name: str, rel: str) -> Coverage:
    """Parse and register one TrueType file; return the characters it has."""
    if name in _loaded:
        return _loaded[name]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = FONTS / rel
    font = TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    coverage = Coverage(font.face.charToGlyph)
    _loaded[name] = coverage
    return coverage


class Coverage:
    """The characters a font can draw, read from its own cmap (no copy: the CJK
    font maps 28,000 characters, and a set of them would cost 4 MB)."""

    __slots__ = ("_cmap",)

    def __init__(self, cmap: dict[int, int]) -> None:
        self._cmap = cmap

    def __contains__(self, char: object) -> bool:
        if not isinstance(char, str) or len(char) != 1:
            return False
        code = ord(char)
        # Only the Basic Multilingual Plane: reportlab writes ToUnicode entries
        # as four hex digits, so a character above U+FFFF (emoji, 𝐛𝐨𝐥𝐝 math
        # letters) would print but extract as a different character. Better
        # left out and reported. Surrogates can sit in a cmap, never in text.
        return code <= 0xFFFF and not 0xD800 <= code <= 0xDFFF and bool(self._cmap.get(code))

    def chars(self) -> Iterable[str]:
        return (char for char in map(chr, self._cmap) if char in self)


def bundled_files() -> list[Path]:
    """Every font file the PDF can embed (for packaging checks and tests)."""
    files = [FONTS / rel for rels in FAMILIES.values() for rel in rels]
    return files + [FONTS / rel for _, rel in FALLBACKS]
