"""Files and folders that fight back: every failure is one clear message, and the
document in memory and every file on disk stay as they were.

The suite runs as root here, and root ignores permission bits. So permission
failures are tested twice: by making the os-level call fail (always), and for
real as the unprivileged user "nobody" through ``setpriv`` when it exists and
we are root (CI as a normal user tests them directly with chmod). A full disk
is simulated with ENOSPC, and tested for real on a tiny tmpfs when mounting is
allowed, and with RLIMIT_FSIZE (a real failing write) everywhere on POSIX.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from desktop.file_guard import FileGuard, Status
from exporters.atomic import atomic_write, backup_path
from exporters.model import Resume, ResumeFileError, load_resume, save_resume
from exporters.readers import open_any

OLD = Resume.model_validate({"basics": {"name": "Old Version", "label": "kept safe"}})
NEW = Resume.model_validate(
    {"basics": {"name": "New Version"}, "work": [{"name": "Acme", "highlights": ["x" * 5000]}]}
)


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "cv.json"
    save_resume(OLD, path)
    return path


def _refused_and_intact(path: Path, resume: Resume, *words: str) -> ResumeFileError:
    """Saving ``resume`` to ``path`` fails with a message holding ``words``;
    the folder is byte-for-byte unchanged and the résumé object too."""
    folder = path.parent
    before = _snapshot(folder) if folder.is_dir() else {}
    copy = resume.model_copy(deep=True)
    with pytest.raises(ResumeFileError) as info:
        save_resume(resume, path)
    for word in words:
        assert word.lower() in str(info.value).lower(), str(info.value)
    if folder.is_dir():
        assert _snapshot(folder) == before
        assert _temp_files(folder) == []
    assert resume == copy
    return info.value


# --- read-only file, unwritable folder ---------------------------------------------


def test_a_read_only_file_is_not_overwritten(saved: Path) -> None:
    saved.chmod(0o444)
    try:
        _refused_and_intact(saved, NEW, "read-only", "nothing was changed")
        assert load_resume(saved) == OLD
    finally:
        saved.chmod(0o644)


def test_exporting_over_a_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "cv.pdf"
    target.write_bytes(b"%PDF old")
    target.chmod(0o444)
    try:
        with pytest.raises(PermissionError) as info:
            atomic_write(target, b"%PDF new")
        assert info.value.strerror == "the file is read-only"
        assert target.read_bytes() == b"%PDF old"
    finally:
        target.chmod(0o644)


def test_an_unwritable_folder_simulated(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    _refused_and_intact(saved, NEW, "permission denied", "not writable")


def test_an_unreadable_file_simulated(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "cv.json":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(ResumeFileError, match="permission denied"):
        open_any(saved)


_AS_NOBODY = """
import json, sys
from exporters.model import Resume, ResumeFileError, load_resume, save_resume
out = {}
for name, call in [
    ("save_in_locked_folder", lambda: save_resume(Resume(), sys.argv[1] + "/locked/new.json")),
    ("overwrite_foreign_file", lambda: save_resume(Resume(), sys.argv[1] + "/theirs.json")),
    ("read_private_file", lambda: load_resume(sys.argv[1] + "/private.json")),
]:
    try:
        call()
        out[name] = "no error"
    except ResumeFileError as exc:
        out[name] = str(exc)
    except Exception as exc:
        out[name] = "CRASH " + type(exc).__name__ + ": " + str(exc)
print(json.dumps(out))
"""


@pytest.mark.skipif(
    not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("setpriv")),
    reason="needs root and setpriv to become an unprivileged user",
)
def test_permissions_for_real_as_an_unprivileged_user() -> None:
    # A folder nobody can reach: /tmp is world-traversable, pytest's tmp_path is not.
    base = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        base.chmod(0o755)
        locked = base / "locked"
        locked.mkdir(mode=0o755)  # root's: nobody can't create files in it
        theirs = base / "theirs.json"
        save_resume(OLD, theirs)
        theirs.chmod(0o644)  # readable, not writable by nobody
        private = base / "private.json"
        save_resume(OLD, private)
        private.chmod(0o600)
        before = _snapshot(base)
        result = subprocess.run(
            [
                "setpriv",
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
                sys.executable,
                "-c",
                _AS_NOBODY,
                str(base),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "HOME": str(base)},
            check=False,
        )
        assert result.returncode == 0, result.stderr
        out = json.loads(result.stdout)
        assert "permission denied" in out["save_in_locked_folder"], out
        assert "not writable" in out["save_in_locked_folder"]
        # nobody can't write the file; its folder is root's too.
        assert "permission denied" in out["overwrite_foreign_file"], out
        assert "permission denied" in out["read_private_file"], out
        assert "can't be read" in out["read_private_file"]
        assert not any(v.startswith("CRASH") for v in out.values()), out
        assert _snapshot(base) == before
        assert list(locked.iterdir()) == []
    finally:
        shutil.rmtree(base)


# --- a folder where the file should be ---------------------------------------------


def test_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "cv.json"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep me")
    _refused_and_intact(folder, NEW, "folder")
    with pytest.raises(ResumeFileError, match="folder"):
        load_resume(folder)
    with pytest.raises(ResumeFileError, match="folder"):
        open_any(tmp_path / "cv.json")
    assert (folder / "inside.txt").read_text() == "keep me"


def test_a_folder_in_place_of_the_backup(saved: Path) -> None:
    (saved.parent / "cv.json.bak").mkdir()
    error = _refused_and_intact(saved, NEW, "cv.json.bak", "a folder has that name")
    assert "nothing was changed" in str(error)
    assert load_resume(saved) == OLD


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "cv.json"
    error = _refused_and_intact(target, NEW, "does not exist")
    assert str(tmp_path / "gone") in str(error)


def test_devices_and_pipes_are_not_read(tmp_path: Path) -> None:
    """/dev/zero never ends and a FIFO blocks on open: both are refused at once."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo, Path("/dev/null")):
        if not path.exists():
            continue
        with pytest.raises(ResumeFileError, match="not a regular file"):
            load_resume(path)
    md_fifo = tmp_path / "pipe.md"
    os.mkfifo(md_fifo)
    with pytest.raises(ResumeFileError, match="not a regular file"):
        open_any(md_fifo)


# --- another program changes or deletes the open file ------------------------------


def test_a_file_changed_by_another_program_is_noticed_and_kept(saved: Path) -> None:
    guard = FileGuard()
    guard.remember(saved)
    # Another program (a sync client, another editor) writes its version.
    theirs = Resume.model_validate({"basics": {"name": "Their Version"}})
    saved.write_text(json.dumps(theirs.to_json_data()), "utf-8")
    questions: list[str] = []
    assert not guard.may_save(saved, lambda q: questions.append(q) or False)
    assert "changed by another program" in questions[0]
    assert load_resume(saved) == theirs  # refused: their version is untouched
    # The user says yes: ours is saved, theirs is the .bak.
    assert guard.may_save(saved, lambda q: True)
    save_resume(NEW, saved)
    assert load_resume(saved) == NEW
    assert load_resume(saved.with_name("cv.json.bak")) == theirs


def test_a_file_deleted_while_open_is_noticed_and_saved_again(saved: Path) -> None:
    guard = FileGuard()
    guard.remember(saved)
    saved.unlink()
    assert guard.check(saved).status is Status.DELETED
    assert guard.may_save(saved, lambda q: "deleted" in q)
    save_resume(NEW, saved)
    assert load_resume(saved) == NEW


def test_a_file_replaced_by_a_folder_while_open(saved: Path) -> None:
    guard = FileGuard()
    guard.remember(saved)
    saved.unlink()
    saved.mkdir()
    assert guard.check(saved).status is Status.NOT_A_FILE
    _refused_and_intact(saved, NEW, "folder")


# --- the disk is full ---------------------------------------------------------------


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_disk_full_simulated(saved: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class FullFile:
            def __init__(self, handle):  # type: ignore[no-untyped-def]
                self.handle = handle

            def __enter__(self):  # type: ignore[no-untyped-def]
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])  # half of it reached the disk
                raise OSError(errno.ENOSPC, "No space left on device")

            def flush(self) -> None:
                self.handle.flush()

            def fileno(self) -> int:
                return int(self.handle.fileno())

        monkeypatch.setattr(os, "fdopen", lambda fd, mode="r": FullFile(real_fdopen(fd, mode)))
    elif failing == "fsync":
        monkeypatch.setattr(os, "fsync", full)
    else:
        monkeypatch.setattr(os, "replace", full)
    _refused_and_intact(saved, NEW, "disk is full", "nothing was changed")
    assert load_resume(saved) == OLD


def test_disk_full_for_real_on_a_tiny_tmpfs(tmp_path: Path) -> None:
    if not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount")):
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"mount not allowed here: {done.stderr.decode().strip()}")
    try:
        path = mount / "cv.json"
        save_resume(OLD, path)
        big = Resume.model_validate({"basics": {"name": "Big", "summary": "y" * 200_000}})
        _refused_and_intact(path, big, "disk is full", "nothing was changed")
        assert load_resume(path) == OLD
        # Room again: the next save works and leaves nothing behind.
        save_resume(NEW, path)
        assert load_resume(path) == NEW
        assert _temp_files(mount) == []
    finally:
        subprocess.run(["umount", str(mount)], check=False)


_FSIZE_LIMITED = """
import resource, signal, sys
from exporters.model import Resume, ResumeFileError, save_resume
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a dead process
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
big = Resume.model_validate({"basics": {"name": "Big", "summary": "z" * 100_000}})
try:
    save_resume(big, sys.argv[1])
    print("no error")
except ResumeFileError as exc:
    print(exc)
"""


@pytest.mark.skipif(not hasattr(os, "setpgid"), reason="POSIX resource limits")
def test_a_write_that_really_fails_halfway(saved: Path) -> None:
    """RLIMIT_FSIZE makes the kernel refuse the write past 4 kB: a real short write."""
    before = _snapshot(saved.parent)
    result = subprocess.run(
        [sys.executable, "-c", _FSIZE_LIMITED, str(saved)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "could not save" in result.stdout, result.stdout
    assert _snapshot(saved.parent) == before
    assert _temp_files(saved.parent) == []


# --- names with spaces, accents, emoji; links ----------------------------------------

NAMES = [
    "My Résumé (final) — v2.json",
    "Zoë Ångström-Núñez.json",
    "履歴書 2026.json",
    "קורות חיים.json",
    "cv 😀 draft.json",
    "e\u0301cole NFD.json",
    " leading and trailing .json",
    "semi;colon & ampersand $HOME 'quote\".json",
    "[brackets] *stars* ?question.json",
    "a" * 240 + ".json",  # the temporary file's name would pass 255 bytes
    "é" * 120 + ".json",  # 245 bytes in UTF-8
    "b" * 248 + ".json",  # 253 bytes: "<name>.bak" would not fit; a shortened one is used
]


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_odd_file_names_save_load_and_back_up(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    save_resume(OLD, path)
    save_resume(NEW, path)
    assert load_resume(path) == NEW
    assert open_any(path) == NEW
    assert load_resume(backup_path(path)) == OLD
    if len((name + ".bak").encode()) <= 255:
        assert backup_path(path).name == name + ".bak"
    assert _temp_files(tmp_path) == []
    guard = FileGuard()
    guard.remember(path)
    assert guard.check(path).status is Status.UNCHANGED


def test_a_name_too_long_for_the_file_system(tmp_path: Path) -> None:
    error = _refused_and_intact(tmp_path / ("b" * 300 + ".json"), NEW, "could not save")
    assert "too long" in str(error).lower()


def test_saving_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "Dropbox" / "cv.json"
    real.parent.mkdir()
    save_resume(OLD, real)
    link = tmp_path / "cv.json"
    link.symlink_to(real)
    save_resume(NEW, link)
    assert link.is_symlink()
    assert load_resume(real) == NEW
    assert load_resume(real.with_name("cv.json.bak")) == OLD


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_files_get_normal_permissions_and_old_ones_keep_theirs(tmp_path: Path) -> None:
    """Not the owner-only mode of the temporary file: a PDF exported into a shared
    or web folder must be readable there, like a file any other program writes."""
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "new.json"
        save_resume(OLD, fresh)
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.json"
        save_resume(OLD, kept)
        kept.chmod(0o640)
        save_resume(NEW, kept)
        assert kept.stat().st_mode & 0o777 == 0o640
        private = tmp_path / "private.json"
        atomic_write(private, b"{}", new_mode=0o600)
        assert private.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_umask)
