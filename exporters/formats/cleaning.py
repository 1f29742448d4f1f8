"""Text hygiene every format needs: characters no reader should ever receive."""

from __future__ import annotations

import re

from ..notes import note

# C0 controls other than tab and newline, DEL, C1 controls, and the
# non-characters XML 1.0 forbids. They are invisible, break XML (DOCX) and
# confuse parsers; removing them is the only safe rendering.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_control(text: str, where: str = "") -> str:
    """Remove control characters, telling the user once that it happened."""
    if not _INVALID.search(text):
        return text
    count = len(_INVALID.findall(text))
    place = f" in {where}" if where else ""
    note(f"removed {count} invisible control character{'s' if count != 1 else ''}{place}")
    return _INVALID.sub("", text)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
