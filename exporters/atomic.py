"""One way to write a file: all of it or none of it.

A temporary file in the same folder is written, flushed to disk, then renamed
over the target, and the folder itself is synced so the rename survives a power
cut. A reader never sees half a file, and a failed write leaves the old one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _fsync_dir(folder: Path) -> None:
    # Windows can't open a directory; its rename is durable enough there.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: str | Path, data: bytes, *, backup: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically. With ``backup``, keep the previous
    content as ``<name>.bak`` (itself replaced atomically)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder")
    mode = None
    with contextlib.suppress(OSError):
        mode = target.stat().st_mode & 0o777
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if backup and target.exists():
            _backup(target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)
    return target


def _backup(target: Path) -> None:
    bak = target.with_name(target.name + ".bak")
    data = target.read_bytes()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, bak)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
