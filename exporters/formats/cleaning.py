"""Text hygiene every format needs: characters no reader should ever receive."""

from __future__ import annotations

import re

from ..notes import note

# C0 controls other than tab and newline, DEL, C1 controls, lone surrogates and
# the non-characters XML 1.0 forbids. They are invisible, break XML (DOCX, PDF
# markup) and confuse parsers; removing them is the only safe rendering.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SNIPPET = 40


def strip_control(text: str, where: str = "") -> str:
    """Remove control characters, telling the user where it happened."""
    if not _INVALID.search(text):
        return text
    count = len(_INVALID.findall(text))
    kept = _INVALID.sub("", text)
    snippet = " ".join(kept.split())
    if len(snippet) > _SNIPPET:
        snippet = snippet[: _SNIPPET - 1] + "…"
    place = f" in {where}" if where else ""
    near = f", near “{snippet}”" if snippet else ""
    plural = "s" if count != 1 else ""
    note(f"removed {count} invisible control character{plural}{place}{near}")
    return kept


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def clean(text: str, where: str = "") -> str:
    """Unified line ends, no forbidden characters: what every writer should print."""
    return strip_control(normalize_newlines(text), where)
