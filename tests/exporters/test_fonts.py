"""The bundled fonts: format, licences, size, and which font sets each character."""

from __future__ import annotations

import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from exporters.fonts import FALLBACKS, FAMILIES, Segment, bundled_files, font_set
from exporters.notes import collecting
from resources import FONTS

# What each font directory must carry, and a phrase its licence text contains.
LICENCES = {
    "carlito": ("SIL OPEN FONT LICENSE Version 1.1", "OFL"),
    "dejavu": ("Bitstream Vera", "DejaVu"),
    "droid": ("Apache License", "Apache"),
}


def sfnt_tables(path: Path) -> tuple[int, set[str]]:
    """The sfnt version and table tags, read straight from the file header."""
    with path.open("rb") as handle:
        header = handle.read(12)
        version, count = struct.unpack(">IH", header[:6])
        directory = handle.read(16 * count)
    tags = {directory[16 * i : 16 * i + 4].decode("latin-1") for i in range(count)}
    return version, tags


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.name)
def test_bundled_fonts_are_truetype_outlines(path: Path) -> None:
    # reportlab embeds glyf outlines only; a CFF ("OTTO") font would fail to load.
    version, tags = sfnt_tables(path)
    assert version == 0x00010000, f"{path.name} is not a TrueType font"
    assert "glyf" in tags
    assert "CFF " not in tags
    assert {"cmap", "head", "hmtx", "loca"} <= tags


@pytest.mark.parametrize("folder", sorted(LICENCES))
def test_every_font_folder_carries_its_licence(folder: str) -> None:
    phrase, _ = LICENCES[folder]
    texts = [p.read_text(encoding="utf-8") for p in (FONTS / folder).glob("*.txt")]
    assert any(phrase in t for t in texts), f"{folder}: no licence text with {phrase!r}"
    assert list((FONTS / folder).glob("*.ttf"))


def test_every_bundled_file_is_listed_and_nothing_else_ships() -> None:
    shipped = {p for p in FONTS.rglob("*.tt[fc]")}
    assert shipped == set(bundled_files())


def test_fonts_stay_within_their_size_budget() -> None:
    # Fonts go into the installer: Carlito 2.8 MB, DejaVu Sans 0.76 MB, Droid 4 MB.
    total = sum(p.stat().st_size for p in bundled_files())
    assert total < 8_000_000


def test_font_set_is_registered_once() -> None:
    assert font_set("Carlito") is font_set("Carlito")
    fonts = font_set()
    assert fonts.faces() == ["Carlito", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic"]
    assert set(FAMILIES) == {"Carlito"}


def test_latin_text_is_one_run_in_the_family() -> None:
    text = "Zoë Ångström-Núñez — “café” – naïve 50% • ½"
    assert font_set().segments(text) == [Segment(text)]


def test_symbols_and_cjk_go_to_fallback_fonts() -> None:
    segments = font_set().segments("Done ✓ in 中文 ok")
    assert segments == [
        Segment("Done "),
        Segment("✓ ", "DejaVuSans"),
        Segment("in "),
        Segment("中文 ", "DroidSansFallback"),
        Segment("ok"),
    ]
    assert [name for name, _ in FALLBACKS] == ["DejaVuSans", "DroidSansFallback"]


def test_characters_no_font_has_are_dropped_and_reported() -> None:
    with collecting() as notes:
        segments = font_set().segments("Launch 🚀 and 한국")
    assert "".join(s.text for s in segments) == "Launch  and "
    assert len(notes) == 1
    assert "U+1F680" in notes[0]
    assert "U+D55C" in notes[0]
    assert "left out" in notes[0]


def test_invisible_joiners_are_dropped_quietly() -> None:
    with collecting() as notes:
        segments = font_set().segments("a\u200db\ufe0fc")
    printed = "".join(s.text for s in segments)
    assert "\ufe0f" not in printed
    assert printed.replace("\u200d", "") == "abc"
    assert notes == []


def test_whitespace_stays_in_the_run_it_is_in() -> None:
    segments = font_set().segments("中 文\nnext")
    assert segments[0] == Segment("中 文\n", "DroidSansFallback")
    assert segments[1] == Segment("next")


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return result.stdout.strip()


def test_registration_is_thread_safe_in_a_fresh_process() -> None:
    out = _run(
        """
        import threading
        from exporters.fonts import font_set
        results, errors = [], []
        barrier = threading.Barrier(8)
        def work():
            try:
                barrier.wait()
                fonts = font_set()
                results.append((id(fonts), [(s.text, s.font) for s in fonts.segments("a ✓ 中")]))
            except BaseException as exc:
                errors.append(repr(exc))
        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(len(errors), len({r[0] for r in results}), len({repr(r[1]) for r in results}))
        """
    )
    assert out == "0 1 1"


def test_the_cjk_font_loads_only_when_needed() -> None:
    out = _run(
        """
        from reportlab.pdfbase import pdfmetrics
        from exporters.model import load_resume
        from exporters.theme import resolve
        from exporters.formats.pdf import PdfExporter
        from resources import SAMPLE_RESUME
        resume = load_resume(SAMPLE_RESUME)
        PdfExporter().export(resume, resolve(resume), None)
        print(sorted(n for n in pdfmetrics.getRegisteredFontNames()
                     if n.startswith(("Droid", "DejaVu"))))
        """
    )
    assert out == "[]"
