"""The file guard notices another program's change or deletion before we overwrite it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.file_guard import FileGuard, FileStamp, Status, check
from exporters.model import Resume, load_resume, save_resume


def _resume(name: str) -> Resume:
    return Resume.model_validate({"basics": {"name": name}})


@pytest.fixture
def opened(tmp_path: Path) -> tuple[Path, FileGuard]:
    path = tmp_path / "cv.json"
    save_resume(_resume("Mine"), path)
    guard = FileGuard()
    guard.remember(path)  # as the main window does after opening
    return path, guard


def _never(question: str) -> bool:
    raise AssertionError(f"asked although nothing changed: {question}")


def test_an_untouched_file_saves_without_a_question(opened) -> None:
    path, guard = opened
    assert guard.check(path).status is Status.UNCHANGED
    assert guard.may_save(path, _never)


def test_touch_without_new_content_is_not_a_change(opened) -> None:
    path, guard = opened
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    assert guard.check(path).status is Status.UNCHANGED


def test_same_size_different_content_is_a_change(opened) -> None:
    """Size and mtime alone would miss this: a same-second edit of equal length."""
    path, guard = opened
    info = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Mine", b"Them"))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # even the time is put back
    assert path.stat().st_size == info.st_size
    result = guard.check(path)
    assert result.status is Status.MODIFIED
    assert "changed by another program" in result.question
    assert "cv.json.bak" in result.question


def test_a_modified_file_is_not_overwritten_when_the_user_says_no(opened) -> None:
    path, guard = opened
    save_resume(_resume("Someone else"), path, backup=False)  # another program
    asked: list[str] = []

    def decline(question: str) -> bool:
        asked.append(question)
        return False

    assert not guard.may_save(path, decline)
    assert len(asked) == 1
    assert load_resume(path).basics.name == "Someone else"


def test_yes_saves_and_keeps_their_version_as_bak(opened) -> None:
    path, guard = opened
    save_resume(_resume("Someone else"), path, backup=False)
    assert guard.may_save(path, lambda q: True)
    save_resume(_resume("Mine again"), path)
    guard.remember(path)
    assert load_resume(path).basics.name == "Mine again"
    assert load_resume(path.with_name("cv.json.bak")).basics.name == "Someone else"
    assert guard.check(path).status is Status.UNCHANGED


def test_a_deleted_file_is_noticed(opened) -> None:
    path, guard = opened
    path.unlink()
    result = guard.check(path)
    assert result.status is Status.DELETED
    assert "deleted, moved or renamed" in result.question


def test_a_renamed_file_is_noticed(opened) -> None:
    path, guard = opened
    path.rename(path.with_name("moved.json"))
    assert guard.check(path).status is Status.DELETED


def test_a_folder_in_the_files_place(opened) -> None:
    path, guard = opened
    path.unlink()
    path.mkdir()
    assert guard.check(path).status is Status.NOT_A_FILE
    # may_save lets the save itself refuse it with a clear message.
    assert guard.may_save(path, _never)


def test_save_as_to_a_new_name_is_not_checked(tmp_path: Path) -> None:
    guard = FileGuard()
    existing = tmp_path / "other.json"
    existing.write_text("{}")
    assert guard.may_save(existing, _never)  # the file dialog asked already


def test_a_file_that_appeared_where_there_was_none(tmp_path: Path) -> None:
    guard = FileGuard()
    path = tmp_path / "restored.json"
    guard.remember(path)  # a restored untitled/missing file: no stamp
    assert guard.check(path).status is Status.NEW
    path.write_text("{}")
    assert guard.check(path).status is Status.APPEARED


def test_stamps_round_trip_through_json(opened) -> None:
    path, _ = opened
    stamp = FileStamp.of(path)
    assert stamp is not None
    assert FileStamp.from_json(stamp.to_json()) == stamp
    assert FileStamp.from_json({"size": "x"}) is None
    assert FileStamp.from_json(None) is None


def test_pure_check_function(tmp_path: Path) -> None:
    path = tmp_path / "nothing.json"
    assert check(path, None).status is Status.NEW
    assert check(path, None).safe


def test_a_restored_document_checks_the_file_it_came_from(tmp_path: Path) -> None:
    """After a crash, the file may have changed before the restore: saving asks."""
    path = tmp_path / "cv.json"
    save_resume(_resume("At open"), path)
    stamp = FileStamp.of(path)
    save_resume(_resume("Changed while we were down"), path)  # e.g. a sync client
    guard = FileGuard()
    guard.remember_as(path, stamp)
    assert guard.check(path).status is Status.MODIFIED
    fresh = FileGuard()
    fresh.remember_as(path, None)  # the copy knew no file there
    assert fresh.check(path).status is Status.APPEARED
