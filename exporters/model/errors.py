"""Errors a person can act on: which file, where in it, and what is wrong."""

from __future__ import annotations

from pathlib import Path


class ResumeFileError(Exception):
    """A résumé file could not be read or written.

    ``where`` is a line ("line 3, column 5") or a field path ("work[1].startDate");
    ``reason`` says what is wrong in plain words.
    """

    def __init__(self, path: str | Path, reason: str, where: str = "") -> None:
        self.path = Path(path)
        self.reason = reason
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        place = f", {self.where}" if self.where else ""
        return f"{self.path.name}{place}: {self.reason}"
