"""Notice when another program changed or deleted the open file, before we overwrite it.

When a file is opened or saved, its stamp (modification time, size and a
SHA-256 of the bytes) is remembered. Before the next save the file on disk is
stamped again: if it differs, someone else (a sync client, another editor,
another Résumé Studio window) wrote it, and saving would silently throw their
version away, so the main window asks first.

A changed modification time with identical bytes (``touch``, a sync client
re-downloading the same file) is not a change: the hash decides. This module
has no Qt in it: the question is asked through a callback.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

# A résumé is tens of kilobytes; past this the hash is skipped and size+mtime decide.
_HASH_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What a file looked like when we last read or wrote it."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        """The file's current stamp, or None when there is no file (or only a folder)."""
        try:
            info = Path(path).stat()
            if not _is_regular(info.st_mode):
                return None
            digest = ""
            if info.st_size <= _HASH_LIMIT:
                digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            return None
        return cls(info.st_mtime_ns, info.st_size, digest)

    def same_content(self, other: FileStamp) -> bool:
        if self.size != other.size:
            return False
        if self.sha256 and other.sha256:
            return self.sha256 == other.sha256
        return self.mtime_ns == other.mtime_ns

    def to_json(self) -> dict[str, Any]:
        return {"mtimeNs": self.mtime_ns, "size": self.size, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: Any) -> FileStamp | None:
        try:
            return cls(int(data["mtimeNs"]), int(data["size"]), str(data["sha256"]))
        except (TypeError, KeyError, ValueError):
            return None


def _is_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


class Status(Enum):
    UNCHANGED = "unchanged"  # safe to overwrite
    NEW = "new"  # we never saw a file here: Save As to a fresh name
    MODIFIED = "modified"  # another program wrote different content
    DELETED = "deleted"  # the file we opened is gone (deleted, moved or renamed)
    APPEARED = "appeared"  # a file now exists where there was none
    NOT_A_FILE = "not a file"  # a folder (or device) took the file's place


@dataclass(frozen=True, slots=True)
class Check:
    status: Status
    path: Path

    @property
    def safe(self) -> bool:
        return self.status in {Status.UNCHANGED, Status.NEW}

    @property
    def question(self) -> str:
        """What to ask the user before overwriting; empty when nothing needs asking."""
        name = self.path.name
        if self.status is Status.MODIFIED:
            return (
                f"“{name}” was changed by another program since you opened or saved it.\n\n"
                "Save anyway and replace those changes with yours? The version on disk "
                f"will be kept as “{name}.bak”."
            )
        if self.status is Status.DELETED:
            return (
                f"“{name}” was deleted, moved or renamed by another program.\n\n"
                "Save your résumé there again?"
            )
        if self.status is Status.APPEARED:
            return (
                f"A file named “{name}” was created by another program.\n\n"
                f"Replace it with your résumé? The other file will be kept as “{name}.bak”."
            )
        return ""


def check(path: Path, known: FileStamp | None) -> Check:
    """Compare the file at ``path`` with what we last saw there (``known``;
    None when we never saw a file there)."""
    if path.is_dir():
        return Check(Status.NOT_A_FILE, path)
    current = FileStamp.of(path)
    if known is None:
        return Check(Status.NEW if current is None else Status.APPEARED, path)
    if current is None:
        if os.path.lexists(path):
            return Check(Status.NOT_A_FILE, path)
        return Check(Status.DELETED, path)
    if known.same_content(current):
        return Check(Status.UNCHANGED, path)
    return Check(Status.MODIFIED, path)


class FileGuard:
    """Remembers the stamp of every file this window opened or saved.

    The main window calls ``remember`` after open and after save, and
    ``may_save`` before writing; ``may_save`` asks through ``confirm`` only when
    the file changed under us.
    """

    def __init__(self) -> None:
        self._stamps: dict[Path, FileStamp | None] = {}

    @staticmethod
    def _key(path: Path) -> Path:
        return Path(os.path.abspath(path))  # noqa: PTH100 - no symlink resolving: the user's path

    def remember(self, path: Path, stamp: FileStamp | None = None) -> None:
        """Record the file as it is now (or as ``stamp`` says it was)."""
        self._stamps[self._key(path)] = stamp if stamp is not None else FileStamp.of(path)

    def remember_as(self, path: Path, stamp: FileStamp | None) -> None:
        """Record the file as it was at some earlier moment (a recovery copy's
        ``original_stamp``); None means there was no file then, so any file
        found there now is someone else's and saving over it asks first."""
        self._stamps[self._key(path)] = stamp

    def forget(self, path: Path) -> None:
        self._stamps.pop(self._key(path), None)

    def stamp(self, path: Path) -> FileStamp | None:
        return self._stamps.get(self._key(path))

    def knows(self, path: Path) -> bool:
        return self._key(path) in self._stamps

    def check(self, path: Path) -> Check:
        return check(path, self.stamp(path))

    def may_save(self, path: Path, confirm: Callable[[str], bool]) -> bool:
        """True when writing ``path`` loses nobody's work, or the user said so.

        ``confirm`` gets the question and returns the user's answer. A folder in
        the file's place is never overwritten (the save itself reports it). A
        path this window never opened or saved (Save As) is not checked: the
        file dialog has already asked about replacing it.
        """
        if not self.knows(path):
            return True
        result = self.check(path)
        if result.safe or result.status is Status.NOT_A_FILE:
            return True
        return confirm(result.question)
