"""Readers turn files into a ``Resume``: the native JSON Resume file and Markdown."""

from __future__ import annotations

from pathlib import Path

from ..model.errors import ResumeFileError
from ..model.resume import Resume

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".txt"}


def open_any(path: str | Path) -> Resume:
    """Read a JSON Resume file or import a Markdown résumé, by the file's extension."""
    file = Path(path)
    if file.suffix.lower() in MARKDOWN_SUFFIXES:
        from .markdown import load_markdown

        resume: Resume = load_markdown(file)
        return resume
    if file.suffix.lower() not in {".json", ""}:
        raise ResumeFileError(file, "unknown file type; expected .json or .md")
    from ..model.files import load_resume

    return load_resume(file)
