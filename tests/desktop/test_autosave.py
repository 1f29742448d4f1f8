"""Autosave and crash recovery: a recovery copy while there are unsaved changes,
none after save or clean close, restore after a real SIGKILL, and broken
copies reported, never fatal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.autosave import SUFFIX, AutosaveManager, find_recovery, read_copy
from desktop.document import ResumeDocument
from desktop.file_guard import FileGuard
from desktop.recovery import Choice, offer_recovery, recovery_question
from exporters.model import Resume, load_resume, save_resume

DRIVER = Path(__file__).parents[1] / "reliability" / "_gui_driver.py"
pytestmark = pytest.mark.gui


def _copies(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{SUFFIX}")) if folder.exists() else []


@pytest.fixture
def document(tmp_path: Path, qapp) -> ResumeDocument:
    original = tmp_path / "cv.json"
    save_resume(Resume.model_validate({"basics": {"name": "Ada"}}), original)
    return ResumeDocument(load_resume(original), original)


def test_a_copy_appears_after_the_pause_and_holds_the_edit(qtbot, tmp_path, document) -> None:
    state = tmp_path / "state"
    autosave = AutosaveManager(document, state, delay_ms=100)
    document.set_value("basics.name", "Ada L.")
    assert _copies(state) == []  # not at once: after the pause
    with qtbot.waitSignal(autosave.written, timeout=3000):
        pass
    [copy_path] = _copies(state)
    data = json.loads(copy_path.read_text("utf-8"))
    assert data["resume"]["basics"]["name"] == "Ada L."
    assert data["original"] == str(document.path)
    saved = datetime.fromisoformat(data["savedAt"])
    assert abs(datetime.now(UTC) - saved) < timedelta(minutes=1)


def test_each_edit_restarts_the_timer(qtbot, tmp_path, document) -> None:
    state = tmp_path / "state"
    autosave = AutosaveManager(document, state, delay_ms=300)
    for i in range(5):
        document.set_value("basics.label", f"typing {i}")
        qtbot.wait(100)  # keystrokes faster than the delay
        assert _copies(state) == []
    with qtbot.waitSignal(autosave.written, timeout=3000):
        pass
    assert len(_copies(state)) == 1


def test_saving_removes_the_copy(qtbot, tmp_path, document) -> None:
    state = tmp_path / "state"
    autosave = AutosaveManager(document, state, delay_ms=50)
    document.set_value("basics.name", "Changed")
    with qtbot.waitSignal(autosave.written, timeout=3000):
        pass
    assert _copies(state)
    assert document.path is not None
    save_resume(document.resume, document.path)
    document.mark_saved(document.path)  # emits cleanChanged(True)
    assert _copies(state) == []
    assert list(state.iterdir()) == []  # the lock file went too


def test_undo_back_to_the_saved_state_removes_the_copy(qtbot, tmp_path, document) -> None:
    state = tmp_path / "state"
    autosave = AutosaveManager(document, state, delay_ms=50)
    document.set_value("basics.name", "Changed")
    with qtbot.waitSignal(autosave.written, timeout=3000):
        pass
    document.undo_stack.undo()
    assert _copies(state) == []


def test_clean_close_removes_the_copy(qtbot, tmp_path, document) -> None:
    state = tmp_path / "state"
    autosave = AutosaveManager(document, state, delay_ms=50)
    document.set_value("basics.name", "Changed, then closed without saving")
    assert autosave.write_now() is not None
    autosave.close()
    assert _copies(state) == []
    assert find_recovery(state) == []


def test_a_clean_document_writes_nothing(qtbot, tmp_path, document) -> None:
    state = tmp_path / "state"
    autosave = AutosaveManager(document, state, delay_ms=10)
    assert autosave.write_now() is None
    qtbot.wait(50)
    assert _copies(state) == []


def test_an_imported_document_is_unsaved_and_gets_a_copy(qtbot, tmp_path, qapp) -> None:
    state = tmp_path / "state"
    document = ResumeDocument()
    autosave = AutosaveManager(document, state, delay_ms=50)
    with qtbot.waitSignal(autosave.written, timeout=3000):
        document.load(Resume.model_validate({"basics": {"name": "Imported"}}), None, clean=False)
    [copy] = [read_copy(p) for p in _copies(state)]
    assert copy.original is None
    assert copy.load().basics.name == "Imported"
    assert "an untitled résumé" in recovery_question(copy)


def test_a_running_instance_keeps_its_copy(qtbot, tmp_path, document) -> None:
    """find_recovery never offers (or lets anyone remove) a live window's copy."""
    state = tmp_path / "state"
    autosave = AutosaveManager(document, state, delay_ms=50)
    document.set_value("basics.name", "Mine")
    assert autosave.write_now() is not None
    assert find_recovery(state) == []
    # Also from another process.
    probe = subprocess.run(
        [sys.executable, str(DRIVER), "restore", str(state)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(probe.stdout)["count"] == 0


def test_autosave_failure_is_reported_not_raised(qtbot, tmp_path, document) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder should be")
    autosave = AutosaveManager(document, blocker / "recovery", delay_ms=10)
    document.set_value("basics.name", "Unsaveable")
    with qtbot.waitSignal(autosave.failed, timeout=3000) as failed:
        pass
    assert "Autosave failed" in failed.args[0]
    assert "Save your résumé" in failed.args[0]
    assert document.resume.basics.name == "Unsaveable"  # the document is untouched


def test_the_copy_records_the_original_stamp(qtbot, tmp_path, document) -> None:
    guard = FileGuard()
    assert document.path is not None
    guard.remember(document.path)
    state = tmp_path / "state"
    autosave = AutosaveManager(document, state, delay_ms=10, guard=guard)
    document.set_value("basics.name", "X")
    assert autosave.write_now() is not None
    autosave._lock.release(remove=False)  # as if the process had died
    [copy] = find_recovery(state)
    assert copy.original_stamp == guard.stamp(document.path)


# --- a real crash -------------------------------------------------------------


def _start_and_kill(state: Path, original: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with subprocess.Popen(
        [sys.executable, str(DRIVER), "edit", str(state), str(original)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("copy "), line
        # While it runs, its copy is its own.
        assert find_recovery(state) == []
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL


def test_sigkill_then_restart_restores_the_edits(tmp_path: Path) -> None:
    original = tmp_path / "ada.json"
    before = {"basics": {"name": "Ada", "email": "ada@example.org"}, "x-custom": [1, 2]}
    original.write_text(json.dumps(before), "utf-8")
    state = tmp_path / "state"
    _start_and_kill(state, original)

    # Written by hand: what the driver's four edits must have produced.
    expected = Resume.model_validate(
        {
            "basics": {
                "name": "Ada Lovelace-Byron",
                "email": "ada@example.org",
                "label": "Analyst — Engines ✓ 数学",
            },
            "x-custom": [1, 2],
            "work": [
                {
                    "name": "Analytical Engine Co.",
                    "position": "Programmer",
                    "highlights": ["Wrote the first **published** algorithm"],
                }
            ],
        }
    )
    # The next start, in a new process.
    result = subprocess.run(
        [sys.executable, str(DRIVER), "restore", str(state)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    found = json.loads(result.stdout)
    assert found["count"] == 1
    assert found["problems"] == [""]
    assert found["original"] == str(original)
    assert Resume.from_json_data(found["resume"]) == expected
    assert found["resume"] == expected.to_json_data()
    # The file itself was never touched by autosave.
    assert json.loads(original.read_text("utf-8")) == before

    # And through the start-up prompt's logic, in this process.
    [copy] = find_recovery(state)
    outcome = offer_recovery([copy], lambda c: Choice.RESTORE)
    [restored] = outcome.restored
    assert restored.resume == expected
    assert restored.original == original
    assert "Restore the unsaved changes to “ada.json”" in recovery_question(copy)


def test_discard_after_a_crash_removes_the_copy(tmp_path: Path) -> None:
    original = tmp_path / "ada.json"
    original.write_text(json.dumps({"basics": {"name": "Ada"}}), "utf-8")
    state = tmp_path / "state"
    _start_and_kill(state, original)
    copies = find_recovery(state)
    asked: list[str] = []

    def choose(copy):
        asked.append(recovery_question(copy))
        return Choice.DISCARD

    outcome = offer_recovery(copies, choose)
    assert len(asked) == 1
    assert "closed unexpectedly" in asked[0]
    assert outcome.restored == []
    assert find_recovery(state) == []
    assert list(state.iterdir()) == []


def test_closing_the_prompt_keeps_the_copy_for_next_time(tmp_path: Path) -> None:
    original = tmp_path / "ada.json"
    original.write_text(json.dumps({"basics": {"name": "Ada"}}), "utf-8")
    state = tmp_path / "state"
    _start_and_kill(state, original)
    outcome = offer_recovery(find_recovery(state), lambda c: Choice.LATER)
    assert len(outcome.kept) == 1
    assert len(find_recovery(state)) == 1


def test_adopting_a_restored_copy_never_leaves_a_gap(qtbot, tmp_path, qapp) -> None:
    original = tmp_path / "ada.json"
    original.write_text(json.dumps({"basics": {"name": "Ada"}}), "utf-8")
    state = tmp_path / "state"
    _start_and_kill(state, original)
    [old] = find_recovery(state)
    resume, path = old.restore()
    document = ResumeDocument()
    autosave = AutosaveManager(document, state, delay_ms=5000)
    document.load(resume, path, clean=False)
    autosave.adopt(old)
    assert not old.path.exists()
    assert _copies(state) == [autosave.path]
    assert read_copy(autosave.path).load() == resume


def test_opening_another_file_after_discarding_removes_the_copy(qtbot, tmp_path, document) -> None:
    state = tmp_path / "state"
    autosave = AutosaveManager(document, state, delay_ms=10)
    document.set_value("basics.name", "Unsaved, then discarded")
    assert autosave.write_now() is not None
    other = tmp_path / "other.json"
    save_resume(Resume.model_validate({"basics": {"name": "Other"}}), other)
    document.load(load_resume(other), other)  # File ▸ Open after "Discard"
    assert _copies(state) == []
    document.set_value("basics.name", "Other, edited")
    with qtbot.waitSignal(autosave.written, timeout=3000):
        pass
    [copy] = [read_copy(p) for p in _copies(state)]
    assert copy.original == other
    assert copy.load().basics.name == "Other, edited"


def test_recovery_copies_are_private(qtbot, tmp_path, document) -> None:
    autosave = AutosaveManager(document, tmp_path / "state", delay_ms=10)
    document.set_value("basics.phone", "+1 555 0100")
    path = autosave.write_now()
    assert path is not None
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
