"""Text a Word document can hold: XML 1.0 forbids most control characters.

python-docx (through lxml) raises on them, so an unlucky paste from a PDF would
crash the export. They carry no meaning in a résumé, so they are removed and
the user is told where.
"""

from __future__ import annotations

import re

from ..notes import note

# C0 controls except tab and newline, DEL and the C1 controls (legal XML but
# invisible junk from copy-and-paste), lone surrogates, and the two
# non-characters XML forbids.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SNIPPET = 40


def clean(text: str) -> str:
    """``text`` with Windows and old-Mac line ends unified and forbidden characters removed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _INVALID.search(text):
        return text
    count = len(_INVALID.findall(text))
    kept = _INVALID.sub("", text)
    snippet = " ".join(kept.split())
    if len(snippet) > _SNIPPET:
        snippet = snippet[: _SNIPPET - 1] + "…"
    plural = "s" if count != 1 else ""
    note(
        f"DOCX: removed {count} invisible control character{plural} that a Word document "
        f"cannot hold, near “{snippet}”"
    )
    return kept
