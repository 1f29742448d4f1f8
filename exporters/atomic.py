"""One way to write a file: all of it or none of it.

A temporary file in the same folder is written, flushed to disk, then renamed
over the target, and the folder itself is synced so the rename survives a power
cut. A reader never sees half a file, and a failed write leaves the old one.

A writer killed mid-save (power cut, SIGKILL, crash) leaves its hidden
``.<name>.*.tmp`` behind; the next save of the same file removes such
leftovers. A temporary file is locked while it is written, so a leftover is
told apart from another process's save in progress by trying its lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file can't be deleted, which is lock enough
    fcntl = None  # type: ignore[assignment]


# Windows refuses to rename a file that is still open.
_RENAME_OPEN_FILES = os.name == "posix"
# The reason a PermissionError carries when the target itself is marked read-only.
READ_ONLY = "the file is read-only"


def _fsync_dir(folder: Path) -> None:
    # Windows can't open a directory; its rename is durable enough there.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# Most file systems allow 255 bytes in a name; mkstemp adds 8 random
# characters and ".tmp" to the prefix.
_NAME_MAX = 255
_TEMP_EXTRA = 8 + len(".tmp")


def _shorten(name: str, room: int, tail: str = "") -> str:
    """``name`` cut to ``room`` UTF-8 bytes (on a character boundary), with a
    hash of the whole name so two long names never share a shortened one."""
    import hashlib

    digest = "~" + hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    budget = room - len(digest) - len(tail.encode())
    cut = name.encode("utf-8", "surrogateescape")[: max(budget, 1)]
    return cut.decode("utf-8", "ignore") + digest + tail


def temp_prefix(name: str) -> str:
    """``.<name>.``: the prefix of a temporary file for ``name``, shortened when
    the name is so long that the temporary file's own name would not fit."""
    prefix = f".{name}."
    if len(prefix.encode("utf-8", "surrogateescape")) + _TEMP_EXTRA <= _NAME_MAX:
        return prefix
    return "." + _shorten(name, _NAME_MAX - _TEMP_EXTRA - 2) + "."


def backup_path(target: Path) -> Path:
    """``<name>.bak`` next to ``target`` (shortened if the name is at the length limit)."""
    name = target.name + ".bak"
    if len(name.encode("utf-8", "surrogateescape")) > _NAME_MAX:
        name = _shorten(target.name, _NAME_MAX, ".bak")
    return target.with_name(name)


def _lock(fd: int) -> None:
    """Mark a temporary file as being written; the lock dies with the process."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _is_abandoned(path: Path) -> bool:
    """True when no living process holds ``path``'s write lock."""
    if fcntl is None:
        return True  # deleting a file someone has open fails on Windows
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        return True
    finally:
        os.close(fd)  # closing releases the probe's own lock


def stale_temp_files(target: Path) -> list[Path]:
    """Temporary files a killed save of ``target`` (or of its ``.bak``) left behind."""
    folder = target.parent if str(target.parent) else Path()
    prefixes = (temp_prefix(target.name), temp_prefix(backup_path(target).name))
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [
        folder / name
        for name in names
        if name.startswith(prefixes) and name.endswith(".tmp") and _is_abandoned(folder / name)
    ]


def _remove_stale_temp_files(target: Path) -> None:
    for leftover in stale_temp_files(target):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _refuse_read_only(target: Path, mode: int | None) -> None:
    """Renaming over a read-only file works on POSIX; the user's read-only mark
    means "don't change this", so it is honoured like any editor does."""
    if mode is None:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, READ_ONLY, str(target))


def _umask() -> int:
    """The process's umask, read without changing it (``os.umask`` sets it, which
    would race with other threads creating files); 0o022 when it can't be read."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def atomic_write(
    path: str | Path, data: bytes, *, backup: bool = False, new_mode: int | None = None
) -> Path:
    """Write ``data`` to ``path`` atomically. With ``backup``, keep the previous
    content as ``<name>.bak`` (itself replaced atomically).

    An existing file keeps its permissions. A new file gets ``new_mode``, or by
    default the permissions any program would give it (0o666 less the umask),
    not the owner-only mode of a temporary file.

    A symbolic link is written through: the file it points to gets the new
    content and the link stays a link.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "this is a folder, not a file", str(target))
    mode = None
    with contextlib.suppress(OSError):
        mode = target.stat().st_mode & 0o777
    _refuse_read_only(target, mode)
    if mode is None and os.name == "posix":
        mode = new_mode if new_mode is not None else 0o666 & ~_umask()
    _remove_stale_temp_files(target)

    def keep_previous() -> None:
        if backup and target.exists():
            _backup(target)

    _replace_atomically(target, data, mode=mode, before_rename=keep_previous)
    _fsync_dir(folder)
    return target


class BackupError(OSError):
    """The previous version could not be kept as ``.bak``; nothing was written."""


def _backup(target: Path) -> None:
    bak = backup_path(target)
    try:
        _write_backup(target, bak)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if bak.is_dir():
            reason = "a folder has that name"
        raise BackupError(
            exc.errno, f"the previous version could not be kept as {bak.name} ({reason})", str(bak)
        ) from exc


def _write_backup(target: Path, bak: Path) -> None:
    _replace_atomically(bak, target.read_bytes())


def _replace_atomically(
    dest: Path,
    data: bytes,
    *,
    mode: int | None = None,
    before_rename: Callable[[], None] | None = None,
) -> None:
    """Write a locked temporary file beside ``dest``, flush it to disk, and
    rename it over ``dest``; on any failure the temporary file is removed."""
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(dest.name), suffix=".tmp", dir=dest.parent)
    _lock(fd)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if mode is not None:
                os.chmod(tmp, mode)
            if before_rename is not None:
                before_rename()
            if _RENAME_OPEN_FILES:
                # Renamed while still open and locked: no cleaner can take it
                # for a leftover in between.
                os.replace(tmp, dest)
        if not _RENAME_OPEN_FILES:
            os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
