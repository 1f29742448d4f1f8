"""Open, save, import, recent files and the first start, through the real window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.app import open_initial
from desktop.file_actions import Answer
from exporters.model import Resume, load_resume, save_resume
from resources import SAMPLE_MARKDOWN, SAMPLE_RESUME
from tests.desktop.test_main_window import dialogs_of, make_window, temp_settings

pytestmark = pytest.mark.gui


@pytest.fixture
def saved(tmp_path: Path, long_sample: Resume) -> Path:
    path = tmp_path / "zoe.json"
    save_resume(long_sample, path, backup=False)
    return path


def test_open_a_corrupt_file_shows_the_readers_message_and_keeps_the_document(
    qtbot, tmp_path, long_sample
):
    bad = tmp_path / "broken.json"
    bad.write_text('{"basics": {"name": "X",}', encoding="utf-8")
    window = make_window(qtbot, tmp_path, long_sample)
    window.document.set_value("basics.label", "Edited")
    before = window.document.resume
    dialogs = dialogs_of(window)
    dialogs.answers.append(Answer.DISCARD)
    dialogs.open_paths.append(bad)
    window.act_open.trigger()
    assert window.document.resume is before
    assert not window.document.is_clean()  # the unsaved edit is still there
    title, text, detail = dialogs.errors[0]
    assert title == "Can't open the file"
    assert "broken.json" in text
    assert "not valid JSON" in detail
    assert "line 1" in detail


def test_a_bad_field_names_where_it_is(qtbot, tmp_path, long_sample):
    bad = tmp_path / "dates.json"
    bad.write_text(json.dumps({"work": [{"startDate": "2021-13"}]}), encoding="utf-8")
    window = make_window(qtbot, tmp_path, long_sample)
    assert not window.files.open_path(bad)
    detail = dialogs_of(window).errors[0][2]
    assert "work[0].startDate" in detail
    assert "month 13" in detail


def test_open_save_and_save_as_write_json_resume_with_a_backup(qtbot, tmp_path, saved, long_sample):
    window = make_window(qtbot, tmp_path, Resume())
    assert window.files.open_path(saved)
    assert window.document.resume == long_sample
    assert window.windowTitle().startswith("zoe.json")
    window.document.set_value("basics.name", "Zoë Saved")
    assert window.isWindowModified()
    window.act_save.trigger()
    assert not window.isWindowModified()
    assert json.loads(saved.read_text(encoding="utf-8"))["basics"]["name"] == "Zoë Saved"
    backup = saved.with_name("zoe.json.bak")
    assert (
        json.loads(backup.read_text(encoding="utf-8"))["basics"]["name"] == long_sample.basics.name
    )

    other = tmp_path / "copy"
    dialogs_of(window).save_paths.append(other)
    window.act_save_as.trigger()
    assert window.document.path == (tmp_path / "copy.json").resolve()
    assert load_resume(tmp_path / "copy.json").basics.name == "Zoë Saved"
    assert window.windowTitle().startswith("copy.json")


def test_a_failed_save_says_why_and_keeps_the_changes(qtbot, tmp_path, long_sample):
    folder = tmp_path / "taken.json"
    folder.mkdir()
    window = make_window(qtbot, tmp_path, long_sample)
    window.document.set_value("basics.name", "Unsaved")
    dialogs_of(window).save_paths.append(folder)  # a folder, not a file
    assert not window.files.save()
    assert dialogs_of(window).errors[0][0] == "Can't save the file"
    assert "folder" in dialogs_of(window).errors[0][2]
    assert window.isWindowModified()
    assert window.document.resume.basics.name == "Unsaved"


def test_recent_files_persist_in_the_settings_file(qtbot, tmp_path, saved, long_sample):
    second = tmp_path / "second.json"
    save_resume(long_sample, second, backup=False)
    settings = temp_settings(tmp_path)
    window = make_window(qtbot, tmp_path, Resume(), settings=settings)
    window.files.open_path(saved)
    window.files.open_path(second)
    texts = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert texts[:2] == ["&1 second.json", "&2 zoe.json"]
    # a fresh settings object on the same file sees the same list
    again = temp_settings(tmp_path)
    assert again.recent_files() == [second.resolve(), saved.resolve()]
    assert again.last_file() == second.resolve()


def test_a_missing_recent_file_is_reported_and_dropped(qtbot, tmp_path, saved, long_sample):
    settings = temp_settings(tmp_path)
    settings.add_recent(saved)
    window = make_window(qtbot, tmp_path, long_sample, settings=settings)
    saved.unlink()
    action = next(a for a in window.recent_menu.actions() if a.text().endswith("zoe.json"))
    action.trigger()
    assert dialogs_of(window).errors[0][0] == "File not found"
    assert settings.recent_files() == []
    assert window.document.resume == long_sample
    assert not any(a.text().endswith("zoe.json") for a in window.recent_menu.actions())


def test_import_markdown_opens_an_unsaved_untitled_document(qtbot, tmp_path, long_sample):
    window = make_window(qtbot, tmp_path, long_sample, path=tmp_path / "zoe.json")
    dialogs_of(window).open_paths.append(SAMPLE_MARKDOWN)
    window.act_import_md.trigger()
    assert window.document.path is None
    assert window.isWindowModified()
    assert window.windowTitle().startswith("Untitled")
    source = SAMPLE_MARKDOWN.read_text(encoding="utf-8")
    resume = window.document.resume
    assert resume.basics.name
    assert resume.basics.name in source
    assert resume.work
    assert all(job.position in source for job in resume.work)
    dialogs_of(window).answers.append(Answer.DISCARD)


def test_new_with_unsaved_changes_asks_and_cancel_keeps_everything(qtbot, tmp_path, long_sample):
    window = make_window(qtbot, tmp_path, long_sample)
    window.document.set_value("basics.name", "Mine")
    dialogs = dialogs_of(window)
    dialogs.answers.append(Answer.CANCEL)
    window.act_new.trigger()
    assert window.document.resume.basics.name == "Mine"
    dialogs.answers.append(Answer.DISCARD)
    window.act_new.trigger()
    assert window.document.resume == Resume()
    assert not window.isWindowModified()
    assert len(dialogs.asked_save) == 2


def test_saving_from_the_prompt_writes_the_file_then_proceeds(qtbot, tmp_path, saved):
    window = make_window(qtbot, tmp_path, Resume())
    window.files.open_path(saved)
    window.document.set_value("basics.name", "Kept")
    dialogs_of(window).answers.append(Answer.SAVE)
    assert window.files.new()
    assert load_resume(saved).basics.name == "Kept"


def test_first_start_opens_the_sample_and_later_starts_the_last_file(qtbot, tmp_path, saved):
    settings = temp_settings(tmp_path)
    window = make_window(qtbot, tmp_path, Resume(), settings=settings)
    open_initial(window, settings, None)
    assert window.document.resume == load_resume(SAMPLE_RESUME)
    assert window.document.path is None  # never saved over the bundled file
    assert not window.isWindowModified()

    window.files.open_path(saved)
    later = make_window(qtbot, tmp_path, Resume(), settings=temp_settings(tmp_path))
    open_initial(later, later.settings, None)
    assert later.document.path == saved.resolve()


def test_a_file_argument_wins_over_the_last_file(qtbot, tmp_path, saved, long_sample):
    other = tmp_path / "other.json"
    save_resume(Resume.from_json_data({"basics": {"name": "Other Person"}}), other, backup=False)
    settings = temp_settings(tmp_path)
    settings.set_last_file(saved)
    window = make_window(qtbot, tmp_path, Resume(), settings=settings)
    open_initial(window, settings, other)
    assert window.document.resume.basics.name == "Other Person"


def test_window_geometry_and_splitter_are_restored(qtbot, tmp_path, long_sample):
    settings = temp_settings(tmp_path)
    window = make_window(qtbot, tmp_path, long_sample, settings=settings)
    window.resize(780, 640)
    window.splitter.setSizes([180, 320, 270])
    sizes = window.splitter.sizes()
    assert window.close()
    again = make_window(qtbot, tmp_path, long_sample, settings=temp_settings(tmp_path))
    assert (again.width(), again.height()) == (780, 640)
    assert again.splitter.sizes() == sizes


def test_saving_over_a_file_another_program_changed_asks_first(qtbot, tmp_path, saved, monkeypatch):
    window = make_window(qtbot, tmp_path, Resume())
    window.files.open_path(saved)
    window.document.set_value("basics.name", "Mine")
    saved.write_text(saved.read_text(encoding="utf-8").replace("Zoë", "Theirs"), encoding="utf-8")
    asked: list[str] = []
    answers = [False, True]

    def confirm(parent, title, question, action):
        asked.append(question)
        return answers.pop(0)

    monkeypatch.setattr(window.dialogs, "confirm", confirm)
    assert not window.files.save()
    assert "changed by another program" in asked[0]
    assert "Theirs" in saved.read_text(encoding="utf-8")
    assert window.files.save()
    assert load_resume(saved).basics.name == "Mine"
    assert "Theirs" in saved.with_name("zoe.json.bak").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("button", "answer"),
    [("Save", Answer.SAVE), ("Discard", Answer.DISCARD), ("Cancel", Answer.CANCEL)],
)
def test_the_real_unsaved_changes_box_maps_its_buttons(qtbot, monkeypatch, button, answer):
    from PySide6.QtWidgets import QMessageBox

    from desktop.file_actions import Dialogs

    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box)
        return int(getattr(QMessageBox.StandardButton, button).value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert Dialogs().ask_save(None, "cv.json") is answer
    assert "cv.json" in shown[0].text()


def test_the_real_error_box_shows_the_readers_reason(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from desktop.file_actions import Dialogs, FileController

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText())) or 0
    )
    bad = tmp_path / "empty.json"
    bad.write_text("   ", encoding="utf-8")
    from desktop.document import ResumeDocument

    document = ResumeDocument()
    files = FileController(document, temp_settings(tmp_path), Dialogs())
    assert not files.open_path(bad)
    assert shown == [("“empty.json” could not be opened.", "The file is empty.")]
