"""Warnings an export gives the user: a character removed, a glyph no font has.

Exporters call ``note(...)``; whoever runs the export collects them with
``collecting()``. A context variable (not the ``warnings`` module) keeps the
notes of the preview thread apart from the GUI thread's, and never turns a
user-facing remark into an exception under a strict test configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_current: ContextVar[list[str] | None] = ContextVar("export_notes", default=None)


def note(message: str) -> None:
    """Record a remark for the user; repeated remarks are kept once."""
    notes = _current.get()
    if notes is not None and message not in notes:
        notes.append(message)


@contextmanager
def collecting() -> Iterator[list[str]]:
    notes: list[str] = []
    token = _current.set(notes)
    try:
        yield notes
    finally:
        _current.reset(token)
