"""Text editing: Ctrl+B / Ctrl+I, and bullet lists driven by keys, methods and drops."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QTextCursor

from desktop.document import ResumeDocument
from desktop.forms import create_form
from desktop.forms.bullets import TextListEditor
from desktop.forms.entries import EntriesForm
from desktop.forms.markup_edit import BOLD, ITALIC, MarkupEdit, toggle_wrap
from exporters.markup import parse_inline
from exporters.model import Resume, Work
from tests.helpers.forms import show_form

pytestmark = pytest.mark.gui

BULLETS = ("First bullet about caching", "Second bullet about queues", "Third bullet")


@pytest.mark.parametrize(
    ("text", "start", "end", "marker", "expected", "selected"),
    [
        ("make this bold", 5, 9, BOLD, "make **this** bold", "this"),
        ("make **this** bold", 7, 11, BOLD, "make this bold", "this"),  # toggles off
        ("make **this** bold", 5, 13, BOLD, "make this bold", "this"),  # marks selected too
        ("make this italic", 5, 9, ITALIC, "make *this* italic", "this"),
        ("make *this* italic", 6, 10, ITALIC, "make this italic", "this"),
        ("make **this** both", 7, 11, ITALIC, "make ***this*** both", "this"),
        ("make ***this*** both", 8, 12, ITALIC, "make **this** both", "this"),
        ("make ***this*** both", 8, 12, BOLD, "make *this* both", "this"),
        ("trailing space ", 9, 15, BOLD, "trailing **space** ", "space"),
        ("", 0, 0, BOLD, "****", ""),
    ],
)
def test_toggle_wrap(
    text: str, start: int, end: int, marker: str, expected: str, selected: str
) -> None:
    new, a, b = toggle_wrap(text, start, end, marker)
    assert new == expected
    assert new[a:b] == selected


def test_wrapped_text_reads_back_as_bold_through_the_core_parser() -> None:
    new, _, _ = toggle_wrap("Cut latency by 45%", 4, 11, BOLD)
    runs = parse_inline(new)
    assert [(r.text, r.bold) for r in runs] == [
        ("Cut ", False),
        ("latency", True),
        (" by 45%", False),
    ]


def _work_form(
    qtbot, highlights: tuple[str, ...] = BULLETS
) -> tuple[ResumeDocument, EntriesForm, TextListEditor]:
    resume = Resume(
        work=(
            Work(name="Apple Inc", position="Senior Backend Engineer", highlights=highlights),
            Work(name="Inzo", position="Engineer", highlights=("Other job",)),
        )
    )
    doc, form = show_form(qtbot, "work", resume)
    assert isinstance(form, EntriesForm)
    bullets = form.editor.detail.fields["highlights"].editor
    assert isinstance(bullets, TextListEditor)
    return doc, form, bullets


def _select(editor: MarkupEdit, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_ctrl_b_and_ctrl_i_in_a_bullet(qtbot) -> None:
    doc, _form, bullets = _work_form(qtbot)
    editor = bullets.editor_at(0)
    editor.setFocus()
    _select(editor, 6, 12)  # "bullet"
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert doc.resume.work[0].highlights[0] == "First **bullet** about caching"
    assert editor.textCursor().selectedText() == "bullet"
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert doc.resume.work[0].highlights[0] == "First ***bullet*** about caching"
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert doc.resume.work[0].highlights[0] == "First *bullet* about caching"
    # Each format command is its own undo step.
    doc.undo_stack.undo()
    assert doc.resume.work[0].highlights[0] == "First ***bullet*** about caching"
    assert editor.text() == "First ***bullet*** about caching"


def test_ctrl_b_in_the_summary_wraps_the_word_under_the_cursor(qtbot) -> None:
    doc = ResumeDocument(Resume.model_validate({"basics": {"summary": "Senior engineer"}}))
    form = create_form("summary", doc)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    editor = form.editor
    _select(editor, 2, 2)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert doc.resume.basics.summary == "**Senior** engineer"


def test_typing_in_a_bullet_merges_and_undoes_in_one_step(qtbot) -> None:
    doc, _form, bullets = _work_form(qtbot)
    editor = bullets.editor_at(2)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " that shipped")
    assert doc.resume.work[0].highlights[2] == "Third bullet that shipped"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert editor.text() == "Third bullet"


def test_bullet_keys_alt_arrows_enter_backspace_delete(qtbot) -> None:
    doc, form, bullets = _work_form(qtbot)
    editor = bullets.editor_at(1)
    editor.setFocus()
    assert form.active_list() is bullets
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert doc.resume.work[0].highlights == (BULLETS[1], BULLETS[0], BULLETS[2])
    assert bullets.editor_at(0).hasFocus()
    qtbot.keyClick(bullets.editor_at(0), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert doc.resume.work[0].highlights == BULLETS

    # Enter splits the bullet at the cursor, as one undo step.
    editor = bullets.editor_at(0)
    editor.setFocus()
    _select(editor, 12, 12)  # after "First bullet"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.resume.work[0].highlights == ("First bullet", "about caching", *BULLETS[1:])
    assert bullets.editor_at(1).hasFocus()
    doc.undo_stack.undo()
    assert doc.resume.work[0].highlights == BULLETS

    # Enter at the end makes an empty bullet; Backspace in it removes it.
    editor = bullets.editor_at(2)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.resume.work[0].highlights == (*BULLETS, "")
    qtbot.keyClick(bullets.editor_at(3), Qt.Key.Key_Backspace)
    assert doc.resume.work[0].highlights == BULLETS
    assert bullets.editor_at(2).hasFocus()

    # Delete in an empty bullet removes it too; in a written one it deletes a character.
    bullets.add_item()
    assert doc.resume.work[0].highlights == (*BULLETS, "")
    qtbot.keyClick(bullets.editor_at(3), Qt.Key.Key_Delete)
    assert doc.resume.work[0].highlights == BULLETS
    editor = bullets.editor_at(0)
    editor.setFocus()
    _select(editor, 0, 0)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert doc.resume.work[0].highlights[0] == "irst bullet about caching"


def test_up_and_down_walk_between_bullets(qtbot) -> None:
    _doc, _form, bullets = _work_form(qtbot)
    bullets.editor_at(1).setFocus()
    qtbot.keyClick(bullets.editor_at(1), Qt.Key.Key_Down)
    assert bullets.editor_at(2).hasFocus()
    qtbot.keyClick(bullets.editor_at(2), Qt.Key.Key_Up)
    assert bullets.editor_at(1).hasFocus()


def test_bullet_list_editing_methods(qtbot) -> None:
    doc, form, bullets = _work_form(qtbot)
    bullets.editor_at(0).setFocus()
    editor = form.active_list()
    assert editor is bullets
    assert editor.list_state() == (True, True, True, False, True)
    editor.duplicate_item()
    assert doc.resume.work[0].highlights == (BULLETS[0], *BULLETS)
    assert bullets.current_row() == 1
    editor.move_item(1)
    assert doc.resume.work[0].highlights == (BULLETS[0], BULLETS[1], BULLETS[0], BULLETS[2])
    editor.remove_item()
    assert doc.resume.work[0].highlights == BULLETS
    editor.add_item()
    assert len(doc.resume.work[0].highlights) == 4
    assert doc.resume.work[1].highlights == ("Other job",)  # only this job's list


def test_bullets_follow_the_selected_job(qtbot) -> None:
    doc, form, bullets = _work_form(qtbot)
    form.editor.view.set_current_row(1)
    assert bullets.items() == ("Other job",)
    bullets.editor_at(0).setFocus()
    bullets.add_item()
    assert doc.resume.work[1].highlights == ("Other job", "")
    assert doc.resume.work[0].highlights == BULLETS


def test_dropping_a_bullet(qtbot) -> None:
    doc, _form, bullets = _work_form(qtbot)
    model = bullets.model
    # The model's drop, as a drag of bullet 2 to the top ends.
    model.dropMimeData(
        model.mimeData([model.index(2)]), Qt.DropAction.MoveAction, 0, 0, QModelIndex()
    )
    assert doc.resume.work[0].highlights == (BULLETS[2], BULLETS[0], BULLETS[1])
    doc.undo_stack.undo()
    # A real drop event on the list, below the last bullet: bullet 0 goes last.
    data = model.mimeData([model.index(0)])
    below = bullets.rows[-1].geometry().bottom() + 2
    event = QDropEvent(
        QPointF(QPoint(40, below)),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    bullets.dropEvent(event)
    assert event.isAccepted()
    assert doc.resume.work[0].highlights == (BULLETS[1], BULLETS[2], BULLETS[0])
    assert bullets.editor_at(2).hasFocus()
    assert doc.undo_stack.count() == 1


def test_keywords_edit_as_a_list(qtbot) -> None:
    doc = ResumeDocument(
        Resume.model_validate(
            {"skills": [{"name": "Java", "keywords": ["Spring (Boot, Cloud)", "Quarkus"]}]}
        )
    )
    form = create_form("skills", doc)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    keywords = form.editor.detail.fields["keywords"].editor
    assert isinstance(keywords, TextListEditor)
    assert keywords.items() == ("Spring (Boot, Cloud)", "Quarkus")  # commas stay inside one keyword
    keywords.editor_at(1).setFocus()
    keywords.add_item()
    qtbot.keyClicks(keywords.editor_at(2), "Micronaut")
    assert doc.resume.skills[0].keywords == ("Spring (Boot, Cloud)", "Quarkus", "Micronaut")


def test_pasting_lines_makes_one_bullet_each(qtbot) -> None:
    doc, _form, bullets = _work_form(qtbot)
    editor = bullets.editor_at(2)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    pasted = QMimeData()
    pasted.setText(" and more\n\n- **Scale:** grew to 5M users\n\u2022 Cut costs by 40%\n")
    editor.insertFromMimeData(pasted)
    assert doc.resume.work[0].highlights == (
        *BULLETS[:2],
        "Third bullet and more",
        "**Scale:** grew to 5M users",
        "Cut costs by 40%",
    )
    assert bullets.editor_at(4).hasFocus()
    doc.undo_stack.undo()  # one paste, one undo step
    assert doc.resume.work[0].highlights == BULLETS


def test_one_line_paste_and_line_breaks_stay_in_one_bullet(qtbot) -> None:
    doc, _form, bullets = _work_form(qtbot)
    editor = bullets.editor_at(0)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    pasted = QMimeData()
    pasted.setText(" now")
    editor.insertFromMimeData(pasted)
    assert doc.resume.work[0].highlights[0] == "First bullet about caching now"
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert doc.resume.work[0].highlights[:2] == ("First bullet about caching now", "")
    assert all("\n" not in item for item in doc.resume.work[0].highlights)


def test_a_new_job_is_ready_to_type_in(qtbot) -> None:
    doc, form, _bullets = _work_form(qtbot)
    form.editor.view.setFocus()
    form.editor.view.add_item()
    position = form.editor.detail.fields["position"].editor
    assert position.hasFocus()
    qtbot.keyClicks(position, "Staff Engineer")
    assert doc.resume.work[1].position == "Staff Engineer"
    assert doc.resume.work[1].highlights == ()


def test_a_change_elsewhere_keeps_the_bullet_selection(qtbot) -> None:
    doc, _form, bullets = _work_form(qtbot)
    editor = bullets.editor_at(1)
    editor.setFocus()
    _select(editor, 7, 13)
    doc.set_value("work[0].highlights[0]", "Edited elsewhere")  # e.g. by undo
    assert bullets.editor_at(0).text() == "Edited elsewhere"
    cursor = editor.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (7, 13)
    assert editor.hasFocus()
