"""Start-up survives bad state: a crashed window's work comes back, broken
recovery copies are reported and left alone, broken plugins are skipped by name."""

from __future__ import annotations

import importlib.metadata
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.autosave import FORMAT, SUFFIX, find_recovery, read_copy
from desktop.recovery import Choice, offer_recovery
from exporters.model import Resume, save_resume
from exporters.registry import GROUP, load

HERE = Path(__file__).parent
PLUGINS = HERE.parent / "plugins"
WINDOW_DRIVER = HERE / "_window_driver.py"


# --- a real crash of the real main window ------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WINDOW_DRIVER), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )


def _crash_window(state: Path, settings: Path, original: Path) -> None:
    with subprocess.Popen(
        [sys.executable, str(WINDOW_DRIVER), "edit", str(state), str(settings), str(original)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("copy "), line
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


@pytest.fixture
def crashed(tmp_path: Path) -> tuple[Path, Path, Path]:
    original = tmp_path / "grace.json"
    save_resume(Resume.model_validate({"basics": {"name": "Grace", "phone": "555"}}), original)
    state = tmp_path / "state"
    settings = tmp_path / "settings.ini"
    _crash_window(state, settings, original)
    return state, settings, original


@pytest.mark.gui
def test_the_main_window_restores_after_sigkill(crashed: tuple[Path, Path, Path]) -> None:
    state, settings, original = crashed
    before = original.read_bytes()
    out = json.loads(_run("restore", str(state), str(settings)).stdout)
    assert out["restored"] is True
    assert len(out["asked"]) == 1
    assert "closed unexpectedly" in out["asked"][0]
    assert "“grace.json”" in out["asked"][0]
    expected = Resume.model_validate(
        {
            "basics": {"name": "Grace Hopper", "phone": "555"},
            "work": [
                {
                    "name": "US Navy",
                    "position": "Rear Admiral",
                    "highlights": ["Made COBOL happen — *really*"],
                }
            ],
        }
    )
    assert Resume.from_json_data(out["resume"]) == expected
    assert out["path"] == str(original.resolve())
    assert out["clean"] is False  # restored work is unsaved until the user saves it
    # The new window took over: exactly one copy, its own (the old one is gone).
    assert len(out["copies"]) == 1
    assert original.read_bytes() == before  # autosave never touched the file


@pytest.mark.gui
def test_after_a_restore_saving_asks_if_the_file_changed_meanwhile(
    crashed: tuple[Path, Path, Path],
) -> None:
    state, settings, original = crashed
    save_resume(Resume.model_validate({"basics": {"name": "Synced from laptop"}}), original)
    out = json.loads(_run("restore", str(state), str(settings)).stdout)
    assert out["guard"] == "modified"


# --- broken recovery copies ---------------------------------------------------------


def _copy_json(resume: dict, **extra: object) -> bytes:
    data = {
        "format": FORMAT,
        "version": 1,
        "savedAt": "2026-11-24T09:00:00+00:00",
        "pid": 1,
        "original": None,
        "resume": resume,
        **extra,
    }
    return json.dumps(data).encode()


BROKEN = {
    "empty": b"",
    "truncated": _copy_json({"basics": {"name": "Cut"}})[:40],
    "garbage": bytes(range(256)),
    "array": b"[1, 2, 3]",
    "other-json": b'{"hello": "world"}',
    "newer-version": _copy_json({"basics": {"name": "Future"}}, version=99),
    "bad-resume": _copy_json({"basics": {"name": 42}}),
    "resume-not-object": _copy_json("just text"),  # type: ignore[arg-type]
    "deep": b"[" * 100_000,
    "broken-emoji": _copy_json({"basics": {"label": "x"}}).replace(b'"x"', b'"\\ud83d"'),
}


def test_broken_copies_are_reported_left_alone_and_never_fatal(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    for name, content in BROKEN.items():
        (state / f"{name}{SUFFIX}").write_bytes(content)
    (state / f"folder{SUFFIX}").mkdir()  # a folder with a copy's name
    (state / "orphan.lock").write_text("123")  # a lock without a copy
    (state / "notes.txt").write_text("not ours")
    good = {"basics": {"name": "Still Here"}}
    (state / f"good{SUFFIX}").write_bytes(
        _copy_json(good, savedAt="2026-11-24T10:00:00+00:00", original="/tmp/x.json")
    )
    before = {p.name: p.read_bytes() for p in state.iterdir() if p.is_file()}

    copies = find_recovery(state)
    by_name = {c.path.name.removesuffix(SUFFIX): c for c in copies}
    assert set(by_name) == {*BROKEN, "folder", "good"}
    for name in [*BROKEN, "folder"]:
        assert by_name[name].problem, name
        assert not by_name[name].readable
    assert "newer" in by_name["newer-version"].problem
    assert "basics.name" in by_name["bad-resume"].problem
    assert "basics.label" in by_name["broken-emoji"].problem
    assert by_name["good"].readable
    assert copies[0].path.name == f"good{SUFFIX}"  # newest first

    asked: list[str] = []
    outcome = offer_recovery(copies, lambda c: asked.append(c.path.name) or Choice.RESTORE)
    assert asked == [f"good{SUFFIX}"]  # only readable copies are offered
    [restored] = outcome.restored
    assert restored.resume == Resume.model_validate(good)
    assert restored.original == Path("/tmp/x.json")
    assert len(outcome.problems) == len(BROKEN) + 1
    assert all("left in place" in p for p in outcome.problems)
    # Nothing was deleted or rewritten.
    after = {p.name: p.read_bytes() for p in state.iterdir() if p.is_file()}
    assert after == before


def test_an_unreadable_state_folder_means_no_copies(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file, not a folder")
    assert find_recovery(blocker) == []
    assert find_recovery(tmp_path / "missing") == []


def test_a_huge_copy_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / f"huge{SUFFIX}"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert "too big" in read_copy(path).problem


@pytest.mark.gui
def test_start_up_with_only_broken_copies_opens_an_empty_editor(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    import desktop.recovery
    from desktop.app import recover_unsaved_work
    from desktop.document import ResumeDocument
    from desktop.main_window import MainWindow
    from desktop.settings import AppSettings

    state = tmp_path / "state"
    state.mkdir()
    for name, content in BROKEN.items():
        (state / f"{name}{SUFFIX}").write_bytes(content)
    reported: list[list[str]] = []
    monkeypatch.setattr(desktop.recovery, "report_problems", lambda p, w=None: reported.append(p))
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ResumeDocument(), None, AppSettings(store))
    qtbot.addWidget(window)
    assert recover_unsaved_work(window, lambda c: Choice.RESTORE, state) is False
    assert len(reported) == 1
    assert len(reported[0]) == len(BROKEN)
    assert window.document.resume == Resume()
    assert len(list(state.iterdir())) == len(BROKEN)


# --- broken plugins ----------------------------------------------------------------


def _entry_points(*folders: Path) -> list[importlib.metadata.EntryPoint]:
    found = list(importlib.metadata.entry_points(group=GROUP))
    for dist in importlib.metadata.distributions(path=[str(f) for f in folders]):
        found += [ep for ep in dist.entry_points if ep.group == GROUP]
    return found


@pytest.mark.gui
def test_the_window_starts_with_a_broken_plugin_installed(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    from desktop.document import ResumeDocument
    from desktop.main_window import MainWindow
    from desktop.settings import AppSettings

    for folder in (PLUGINS / "good", PLUGINS / "broken"):
        monkeypatch.syspath_prepend(str(folder))
    registry = load(_entry_points(PLUGINS / "good", PLUGINS / "broken"))
    assert {p.name for p in registry.problems} == {"missing", "noinfo"}
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ResumeDocument(), None, AppSettings(store))
    qtbot.addWidget(window)
    window.set_registry(registry)
    assert {"txt", "json", "shout"} <= set(window.export_actions)
    assert "skipped" in window.statusBar().currentMessage()


def test_a_plugin_that_crashes_while_exporting_spoils_nothing_else(tmp_path: Path) -> None:
    from desktop.export_dialog import export_to
    from exporters.registry import ExporterInfo, Registry, default_registry

    class Exploding:
        info = ExporterInfo("boom", "Exploding", "boom", "application/x-boom")

        def export(self, resume: Resume, theme: object, options: object) -> bytes:
            raise RuntimeError("plugin bug")

    registry = Registry(dict(default_registry().exporters))
    registry.exporters["boom"] = Exploding()
    targets = {"boom": tmp_path / "cv.boom", "txt": tmp_path / "cv.txt"}
    (tmp_path / "cv.boom").write_bytes(b"previous export")
    report = export_to(Resume.model_validate({"basics": {"name": "Ann"}}), registry, targets)
    assert [name for name, _ in report.failed] == ["boom"]
    assert "plugin bug" in report.failed[0][1]
    assert (tmp_path / "cv.txt").read_text("utf-8").startswith("Ann")
    assert (tmp_path / "cv.boom").read_bytes() == b"previous export"
