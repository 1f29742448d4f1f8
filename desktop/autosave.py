"""Autosave: a recovery copy of unsaved work, so a crash never loses more than seconds.

While the document has unsaved changes, a recovery copy is written a few
seconds after the last edit (each edit restarts the timer) into the per-user
state folder. It holds the résumé, the file it belongs to (None for an
untitled one), when it was written, and the file's stamp at the time it was
opened or last saved. Saving the document or closing it cleanly removes the copy.

At the next start ``find_recovery`` lists copies whose owner is gone. Every
running window holds a lock on its own copy for as long as it lives (the lock
dies with the process, however it dies), so a second running instance never
offers, or removes, the copy of the first one. A copy that can't be read is
listed with its problem and left where it is: it may be the only copy of
someone's afternoon.

Copies are written with ``exporters.atomic.atomic_write``: a crash during an
autosave leaves the previous copy, never half of one.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from exporters.atomic import atomic_write
from exporters.model import Resume, ResumeFileError
from exporters.model.files import parse_resume

from .file_guard import FileStamp

if TYPE_CHECKING:
    from .document import ResumeDocument
    from .file_guard import FileGuard

FORMAT = "resume-studio-recovery"
VERSION = 1
SUFFIX = ".recovery.json"
LOCK_SUFFIX = ".lock"
# A recovery copy is a résumé plus a few fields; anything bigger is not ours.
_MAX_COPY_BYTES = 20 * 1024 * 1024


def default_recovery_dir() -> Path:
    """``<user state folder>/Resume Studio/recovery`` (for example
    ``~/.local/state/Resume Studio/recovery`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_state_dir("Resume Studio", appauthor=False)) / "recovery"


# --- the per-instance lock ------------------------------------------------------


class InstanceLock:
    """An exclusive lock on a small file, held for the life of the process.

    POSIX ``flock`` and Windows ``msvcrt.locking`` both release the lock when
    the process dies, even on SIGKILL or a crash, which is exactly the signal
    that its recovery copy has become an orphan.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        if self._handle is not None:
            return True
        handle = self.path.open("a+b")  # held open for the process's life
        if not _try_lock(handle):
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._handle = handle
        return True

    def release(self, *, remove: bool) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()
        handle.close()

    @property
    def held(self) -> bool:
        return self._handle is not None

    def __del__(self) -> None:
        # The owner is gone without a clean close: let go of the lock (its copy
        # becomes an orphan for the next start to offer), quietly.
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.close()


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def is_locked(lock_path: Path) -> bool:
    """True when a living process holds ``lock_path``; False when it is free or absent."""
    if not lock_path.exists():
        return False
    probe = InstanceLock(lock_path)
    try:
        if probe.acquire():
            probe.release(remove=False)
            return False
    except OSError:
        return True  # can't even open it: treat as someone else's
    return True


# --- recovery copies ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecoveryCopy:
    """A recovery copy found at start-up. ``problem`` is set when it can't be read."""

    path: Path
    saved_at: datetime | None = None
    original: Path | None = None
    original_stamp: FileStamp | None = None
    problem: str = ""
    _data: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def readable(self) -> bool:
        return not self.problem

    @property
    def lock_path(self) -> Path:
        return _lock_path(self.path)

    def load(self) -> Resume:
        """The résumé in the copy; ``ResumeFileError`` when it is not a valid résumé."""
        if self.problem:
            raise ResumeFileError(self.path, self.problem)
        return parse_resume(self._data.get("resume"), self.path)

    def restore(self) -> tuple[Resume, Path | None]:
        """The résumé and the file it belongs to (None for an untitled résumé)."""
        return self.load(), self.original

    def remove(self) -> None:
        """Delete the copy (after it was restored into a window that autosaves it
        again, or after the user chose to discard it)."""
        for file in (self.path, self.lock_path):
            with contextlib.suppress(FileNotFoundError):
                file.unlink()


def _lock_path(copy: Path) -> Path:
    return copy.with_name(copy.name.removesuffix(SUFFIX) + LOCK_SUFFIX)


def read_copy(path: Path) -> RecoveryCopy:
    """Read one recovery copy; never raises, a broken copy carries its ``problem``."""
    try:
        size = path.stat().st_size
        if size > _MAX_COPY_BYTES:
            return RecoveryCopy(path, problem=f"the copy is {size} bytes; too big to be ours")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        return RecoveryCopy(path, problem=f"it can't be read ({exc.strerror or exc})")
    except UnicodeDecodeError:
        return RecoveryCopy(path, problem="it is not UTF-8 text")
    except json.JSONDecodeError as exc:
        return RecoveryCopy(path, problem=f"it is not valid JSON ({exc.msg}, line {exc.lineno})")
    except RecursionError:
        return RecoveryCopy(path, problem="its JSON is nested too deeply")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return RecoveryCopy(path, problem="it is not a Résumé Studio recovery copy")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        return RecoveryCopy(path, problem="it was written by a newer Résumé Studio")
    saved_at = _parse_time(data.get("savedAt"))
    original = data.get("original")
    original_path = Path(original) if isinstance(original, str) and original else None
    stamp = FileStamp.from_json(data.get("originalStamp"))
    copy = RecoveryCopy(path, saved_at, original_path, stamp, _data=data)
    try:
        copy.load()
    except ResumeFileError as exc:
        where = f" at {exc.where}" if exc.where else ""
        return RecoveryCopy(
            path,
            saved_at,
            original_path,
            stamp,
            problem=f"its résumé is damaged{where}: {exc.reason}",
        )
    return copy


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def find_recovery(state_dir: Path | None = None) -> list[RecoveryCopy]:
    """Recovery copies left by instances that are no longer running, newest first.

    Copies of running instances (their lock is held) are skipped. Unreadable
    copies are included with ``problem`` set, so the user hears about them.
    """
    folder = state_dir if state_dir is not None else default_recovery_dir()
    try:
        paths = sorted(folder.iterdir())
    except OSError:
        return []
    found: list[RecoveryCopy] = []
    for path in paths:
        if not path.name.endswith(SUFFIX):
            continue
        if is_locked(_lock_path(path)):
            continue
        found.append(read_copy(path))
    oldest = datetime.min.replace(tzinfo=UTC)
    found.sort(key=lambda c: c.saved_at or oldest, reverse=True)
    return found


# --- the manager ----------------------------------------------------------------


class AutosaveManager(QObject):
    """Keeps a recovery copy of ``document`` while it has unsaved changes."""

    written = Signal(object)  # Path of the copy, after each successful write
    failed = Signal(str)  # a plain-words reason; autosave keeps trying on the next edit

    def __init__(
        self,
        document: ResumeDocument,
        state_dir: Path | None = None,
        delay_ms: int = 3000,
        parent: QObject | None = None,
        *,
        guard: FileGuard | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else document)
        self.document = document
        self.state_dir = state_dir if state_dir is not None else default_recovery_dir()
        self.guard = guard
        # One name per window and process: pid for people reading the folder,
        # a random part so two windows of one process never share a copy.
        stem = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.path = self.state_dir / f"{stem}{SUFFIX}"
        self._lock = InstanceLock(self.state_dir / f"{stem}{LOCK_SUFFIX}")
        self.last_error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(0, delay_ms))
        self._timer.timeout.connect(self.write_now)
        document.changed.connect(self._on_changed)
        document.cleanChanged.connect(self._on_clean_changed)

    # --- signals in -------------------------------------------------------------

    def _on_changed(self, _resume: object = None) -> None:
        if not self.document.is_clean():
            self._timer.start()  # restarted by every edit: write after a pause

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()  # saved, or undone back to what is on disk
        else:
            self._timer.start()

    # --- actions ----------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """An edit is waiting for its recovery copy."""
        return self._timer.isActive()

    def write_now(self) -> Path | None:
        """Write the recovery copy now (if there is anything unsaved). Never raises:
        a failure is reported through ``failed`` and ``last_error``."""
        self._timer.stop()
        if self.document.is_clean():
            self.discard()
            return None
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            if not self._lock.acquire():
                raise OSError(f"the lock {self._lock.path.name} is held by another process")
            # Owner-only: the copy is a whole résumé (address, phone, history).
            atomic_write(self.path, self._payload(), new_mode=0o600)
        except OSError as exc:
            self.last_error = (
                f"Autosave failed: could not write the recovery copy in {self.state_dir} "
                f"({exc.strerror or exc}). Save your résumé to keep your changes."
            )
            self.failed.emit(self.last_error)
            return None
        self.last_error = ""
        self.written.emit(self.path)
        return self.path

    def discard(self) -> None:
        """Remove this window's recovery copy: the work is saved or deliberately dropped."""
        self._timer.stop()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        # An open lock file costs nothing; releasing it lets another window
        # take this folder slot only after the copy is gone.
        self._lock.release(remove=True)

    def close(self) -> None:
        """The window closes cleanly (after the user saved or chose not to)."""
        self.discard()
        with contextlib.suppress(RuntimeError, TypeError):
            self.document.changed.disconnect(self._on_changed)
            self.document.cleanChanged.disconnect(self._on_clean_changed)

    def adopt(self, copy: RecoveryCopy) -> None:
        """After ``copy`` was restored into this window's document: write our own
        copy first, then remove the old one, so no moment exists without one."""
        if self.write_now() is not None:
            copy.remove()

    # --- the copy ---------------------------------------------------------------

    def _payload(self) -> bytes:
        path = self.document.path
        stamp = self.guard.stamp(path) if self.guard is not None and path is not None else None
        data = {
            "format": FORMAT,
            "version": VERSION,
            "savedAt": datetime.now(UTC).isoformat(timespec="seconds"),
            "pid": os.getpid(),
            "original": str(path) if path is not None else None,
            "originalStamp": stamp.to_json() if stamp is not None else None,
            "resume": self.document.resume.to_json_data(),
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
