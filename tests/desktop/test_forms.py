"""Section forms: created for every key, typing, undo, and list editing of entries.

The model is read back from ``document.resume`` (the core's own objects);
widgets are driven with real key events through qtbot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from desktop.document import ResumeDocument
from desktop.forms import ListEditing, create_form, form_keys
from desktop.forms.entries import EntriesForm
from desktop.forms.fields import FieldLineEdit
from exporters.model import Resume, load_resume
from exporters.model.sections import STANDARD_SECTIONS
from resources import SAMPLE_RESUME
from tests.helpers.forms import show_form

pytestmark = pytest.mark.gui

DATA = Path(__file__).parents[1] / "data"
KEYS = ["basics", *STANDARD_SECTIONS]


def _sample() -> Resume:
    # The bundled sample when it is there; the JSON Resume sample covers every section.
    return load_resume(SAMPLE_RESUME if SAMPLE_RESUME.exists() else DATA / "jsonresume-sample.json")


_show = show_form


def _work(qtbot, resume: Resume) -> tuple[ResumeDocument, EntriesForm]:
    doc, form = _show(qtbot, "work", resume)
    assert isinstance(form, EntriesForm)
    return doc, form


def _line(form: EntriesForm, name: str) -> FieldLineEdit:
    editor = form.editor.detail.fields[name].editor
    assert isinstance(editor, FieldLineEdit)
    return editor


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("source", ["sample", "jsonresume", "empty"])
def test_create_form_for_every_section(
    qtbot, key: str, source: str, jsonresume_sample: Resume
) -> None:
    resume = {"sample": _sample, "jsonresume": lambda: jsonresume_sample, "empty": Resume}[source]()
    doc, form = _show(qtbot, key, resume)
    assert form.section_key == key
    active = form.active_list()
    assert active is None or isinstance(active, ListEditing)
    if isinstance(form, EntriesForm):
        items = getattr(resume, key)
        assert form.editor.model.rowCount() == len(items)
        if items:
            first = form.editor.spec.fields[0]
            shown = form.editor.detail.fields[first.name].editor
            assert shown.text() == getattr(items[0], first.name)
        # Add through the Edit menu's interface, then undo it.
        assert active is not None
        assert active.list_state()[0]
        active.add_item()
        assert len(getattr(doc.resume, key)) == len(items) + 1
        doc.undo_stack.undo()
        assert getattr(doc.resume, key) == items


def test_every_key_of_a_document_has_a_form(qtbot) -> None:
    resume = Resume.model_validate(
        {"meta": {"resumeStudio": {"customSections": [{"id": "patents", "title": "Patents"}]}}}
    )
    doc = ResumeDocument(resume)
    keys = form_keys(doc)
    assert keys[-1] == "patents"
    for key in keys:
        form = create_form(key, doc)
        qtbot.addWidget(form)
        assert form.section_key == key


def test_unknown_key_is_a_clear_error(qtbot) -> None:
    with pytest.raises(KeyError, match="no section 'patentz'"):
        create_form("patentz", ResumeDocument(Resume()))


def test_typing_a_position_is_one_undo_step(qtbot) -> None:
    doc, form = _work(qtbot, _sample())
    original = doc.resume.work[0].position
    line = _line(form, "position")
    line.setFocus()
    line.end(False)
    qtbot.keyClicks(line, " II")
    assert doc.resume.work[0].position == original + " II"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.resume.work[0].position == original
    assert line.text() == original  # the form shows the undo
    doc.undo_stack.redo()
    assert line.text() == original + " II"


def test_focus_loss_seals_the_typing_run(qtbot) -> None:
    doc, form = _work(qtbot, _sample())
    position, company = _line(form, "position"), _line(form, "name")
    position.setFocus()
    qtbot.keyClicks(position, "X")
    company.setFocus()
    position.setFocus()
    qtbot.keyClicks(position, "Y")
    assert doc.undo_stack.count() == 2


def test_refresh_keeps_the_cursor_of_the_field_being_typed_in(qtbot) -> None:
    doc, form = _work(qtbot, _sample())
    line = _line(form, "position")
    line.setFocus()
    line.setCursorPosition(3)
    doc.set_value("work[0].name", "Apple")  # a change elsewhere, e.g. from undo
    assert line.cursorPosition() == 3
    line.setSelection(0, 4)
    qtbot.keyClicks(line, "Lead")
    assert doc.resume.work[0].position.startswith("Lead")
    assert line.cursorPosition() == 4


def test_alt_arrows_and_delete_in_the_job_list(qtbot) -> None:
    doc, form = _work(qtbot, _sample())
    view = form.editor.view
    names = [w.name for w in doc.resume.work]
    view.setFocus()
    view.set_current_row(0)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [w.name for w in doc.resume.work] == [names[1], names[0], *names[2:]]
    assert view.current_row() == 1
    assert _line(form, "name").text() == names[0]  # the detail follows the job
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [w.name for w in doc.resume.work] == names
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [w.name for w in doc.resume.work] == names[1:]
    assert _line(form, "name").text() == names[1]
    doc.undo_stack.undo()
    assert [w.name for w in doc.resume.work] == names


def test_list_editing_methods_on_jobs(qtbot) -> None:
    doc, form = _work(qtbot, _sample())
    editor = form.active_list()
    assert editor is form.editor.view
    count = len(doc.resume.work)
    form.editor.view.set_current_row(0)
    assert editor.list_state() == (True, True, True, False, count > 1)
    editor.add_item()
    assert len(doc.resume.work) == count + 1
    assert doc.resume.work[1].position == ""
    assert form.editor.view.current_row() == 1
    assert _line(form, "position").text() == ""
    editor.remove_item()
    assert len(doc.resume.work) == count
    form.editor.view.set_current_row(0)
    editor.duplicate_item()
    assert doc.resume.work[1] == doc.resume.work[0]
    editor.move_item(1)
    assert form.editor.view.current_row() == 2
    assert doc.resume.work[2] == doc.resume.work[0]
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.resume == _sample()


def test_dragging_a_job_moves_it(qtbot) -> None:
    doc, form = _work(qtbot, _sample())
    names = [w.name for w in doc.resume.work]
    model = form.editor.model
    # What QListView's InternalMove drop does: moveRow to the drop row.
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), len(names))
    assert [w.name for w in doc.resume.work] == [*names[1:], names[0]]
    # What a drop through the model's mime data does.
    data = model.mimeData([model.index(len(names) - 1)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [w.name for w in doc.resume.work] == names
    assert doc.undo_stack.count() == 2


def test_focus_path_selects_the_entry_and_field(qtbot, jsonresume_sample: Resume) -> None:
    doc, form = _work(qtbot, jsonresume_sample)
    form.focus_path("work[1].position") if len(doc.resume.work) > 1 else None
    doc.append("work", {"position": "Second"})
    last = len(doc.resume.work) - 1
    form.focus_path(f"work[{last}].position")
    assert form.editor.view.current_row() == last
    assert _line(form, "position").hasFocus()
    assert _line(form, "position").text() == "Second"


def test_profiles_in_the_basics_form(qtbot, jsonresume_sample: Resume) -> None:
    doc, form = _show(qtbot, "basics", jsonresume_sample)
    profiles = form.active_list()
    assert profiles is not None
    count = len(doc.resume.basics.profiles)
    profiles.add_item()
    assert len(doc.resume.basics.profiles) == count + 1
    form.focus_path(f"basics.profiles[{count}].network")
    focused = form.focusWidget()
    assert isinstance(focused, FieldLineEdit)
    qtbot.keyClicks(focused, "GitHub")
    assert doc.resume.basics.profiles[count].network == "GitHub"


def test_basics_fields_write_their_paths(qtbot) -> None:
    doc, form = _show(qtbot, "basics", Resume())
    form.focus_path("basics.location.city")
    city = form.focusWidget()
    assert isinstance(city, FieldLineEdit)
    qtbot.keyClicks(city, "San Antonio")
    assert doc.resume.basics.location.city == "San Antonio"
    form.focus_path("basics.name")
    qtbot.keyClicks(form.focusWidget(), "Darien Session")
    assert doc.resume.basics.name == "Darien Session"
    assert doc.undo_stack.count() == 2


def test_summary_form_and_word_count(qtbot) -> None:
    doc, form = _show(qtbot, "summary", Resume())
    form.focus_path("basics.summary")
    qtbot.keyClicks(form.editor, "Builds reliable systems")
    assert doc.resume.basics.summary == "Builds reliable systems"
    assert form.count.text().startswith("3 words")
    doc.undo_stack.undo()
    assert form.editor.text() == ""


def test_custom_section_form(qtbot) -> None:
    resume = Resume.model_validate(
        {
            "meta": {
                "resumeStudio": {
                    "customSections": [
                        {"id": "talks", "title": "Talks"},
                        {"id": "patents", "title": "Patents", "highlights": ["US 11,222,333"]},
                    ]
                }
            }
        }
    )
    doc, form = _show(qtbot, "patents", resume)
    items = form.active_list()
    assert items is not None
    items.add_item()
    assert doc.resume.settings.customSections[1].highlights == ("US 11,222,333", "")
    form.focus_path("meta.resumeStudio.customSections[1].title")
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_End)  # focus_path selects the text
    qtbot.keyClicks(form.focusWidget(), " granted")
    assert doc.resume.settings.customSections[1].title == "Patents granted"
    # Reordering sections does not confuse the form: it follows the id.
    doc.move("meta.resumeStudio.customSections[1]", 0)
    doc.set_value("meta.resumeStudio.customSections[1].title", "Conference talks")
    assert form.fields.fields["title"].editor.text() == "Patents granted"
    doc.remove("meta.resumeStudio.customSections[0]")
    assert form.missing.isVisibleTo(form)
    assert form.active_list() is None


def test_context_menu_of_the_job_list(qtbot) -> None:
    doc, form = _work(qtbot, _sample())
    view = form.editor.view
    view.set_current_row(0)
    menu = view.context_menu()
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert set(actions) == {"Add job", "Duplicate job", "Move Up", "Move Down", "Remove job"}
    assert not actions["Move Up"].isEnabled()
    count = len(doc.resume.work)
    actions["Duplicate job"].trigger()
    assert len(doc.resume.work) == count + 1
    assert doc.resume.work[1] == doc.resume.work[0]


def test_loading_another_resume_refreshes_the_form(qtbot, jsonresume_sample: Resume) -> None:
    doc, form = _work(qtbot, _sample())
    doc.load(jsonresume_sample, None)
    assert form.editor.model.rowCount() == len(jsonresume_sample.work)
    assert form.editor.view.current_row() == 0
    assert _line(form, "name").text() == jsonresume_sample.work[0].name


def test_a_deleted_form_leaves_no_dangling_slots(qtbot) -> None:
    doc, form = _work(qtbot, _sample())
    other = create_form("basics", doc)
    qtbot.addWidget(other)
    form.deleteLater()
    qtbot.waitUntil(lambda: not _alive(form))
    # Edits and focus changes after the form is gone reach only live widgets.
    doc.set_value("work[0].position", "Principal Engineer")
    other.show()
    other.focus_path("basics.name")
    doc.undo_stack.undo()
    assert doc.resume.work[0].position != "Principal Engineer"


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:
        return False
    return True


def test_empty_section_add_button_starts_the_first_entry(qtbot) -> None:
    doc, form = _work(qtbot, Resume())
    button = form.editor.add_button
    assert button.isVisibleTo(form)
    assert not form.editor.view.isVisibleTo(form)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(doc.resume.work) == 1
    assert form.editor.view.isVisibleTo(form)
    assert not button.isVisibleTo(form)
    assert _line(form, "position").hasFocus()
    doc.undo_stack.undo()
    assert button.isVisibleTo(form)
    assert not form.editor.detail.isVisibleTo(form)


@pytest.mark.parametrize(
    ("path", "expect"),
    [
        ("work[1].highlights[1]", "bullet"),
        ("work[1].endDate", "date"),
        ("work[1]", "list"),
    ],
)
def test_focus_path_reaches_bullets_dates_and_entries(qtbot, path: str, expect: str) -> None:
    resume = Resume.model_validate(
        {
            "work": [
                {"name": "A", "startDate": "2020"},
                {"name": "B", "startDate": "2019", "endDate": "2020", "highlights": ["x", "y"]},
            ]
        }
    )
    _doc, form = _work(qtbot, resume)
    form.focus_path(path)
    assert form.editor.view.current_row() == 1
    if expect == "bullet":
        bullets = form.editor.detail.fields["highlights"].editor
        assert bullets.editor_at(1).hasFocus()
    elif expect == "date":
        assert form.editor.detail.fields["endDate"].editor.month.hasFocus()
    else:
        assert form.editor.view.hasFocus()
