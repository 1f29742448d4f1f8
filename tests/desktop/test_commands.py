"""Undo commands with a bare document and its QUndoStack: no widgets.

Each check reads the model back through ``edits.get`` / the model's fields,
never through the command under test.
"""

from __future__ import annotations

import pytest

from desktop.commands import EditCommand
from desktop.document import ResumeDocument
from exporters.model import Resume, Work
from exporters.model.edits import EditError

pytestmark = pytest.mark.gui


def _doc(qapp: object) -> ResumeDocument:
    resume = Resume(
        work=(
            Work(name="Apple Inc", position="Senior Backend Engineer", highlights=("a", "b", "c")),
            Work(name="Inzo", position="Software Engineer"),
        )
    )
    return ResumeDocument(resume)


def test_keystrokes_in_one_field_merge_into_one_undo_step(qapp: object) -> None:
    doc = _doc(qapp)
    for text in ("S", "St", "Sta", "Staff"):
        doc.set_value("work[0].position", text)
    assert doc.undo_stack.count() == 1
    assert doc.resume.work[0].position == "Staff"
    doc.undo_stack.undo()
    assert doc.resume.work[0].position == "Senior Backend Engineer"
    doc.undo_stack.redo()
    assert doc.resume.work[0].position == "Staff"


def test_seal_starts_a_new_step_in_the_same_field(qapp: object) -> None:
    doc = _doc(qapp)
    doc.set_value("work[0].position", "A")
    doc.set_value("work[0].position", "AB")
    doc.seal_merge()  # the field lost focus, then got it back
    doc.set_value("work[0].position", "ABC")
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.resume.work[0].position == "AB"


def test_another_field_is_another_step(qapp: object) -> None:
    doc = _doc(qapp)
    doc.set_value("work[0].position", "X")
    doc.set_value("work[0].name", "Y")
    doc.set_value("work[0].position", "XZ")
    assert doc.undo_stack.count() == 3


def test_unmerged_value_is_one_step_each(qapp: object) -> None:
    doc = _doc(qapp)
    doc.set_value("work[0].startDate", "2020", merge=False)
    doc.set_value("work[0].startDate", "2020-05", merge=False)
    assert doc.undo_stack.count() == 2


@pytest.mark.parametrize(
    ("action", "expected_after", "label"),
    [
        (lambda d: d.insert("work[0].highlights[1]", "new"), ("a", "new", "b", "c"), "Add"),
        (lambda d: d.append("work[0].highlights", "z"), ("a", "b", "c", "z"), "Add"),
        (lambda d: d.remove("work[0].highlights[0]"), ("b", "c"), "Remove"),
        (lambda d: d.move("work[0].highlights[0]", 2), ("b", "c", "a"), "Move"),
        (lambda d: d.duplicate("work[0].highlights[1]"), ("a", "b", "b", "c"), "Duplicate"),
    ],
)
def test_list_edits_undo_and_redo(qapp: object, action, expected_after, label: str) -> None:
    doc = _doc(qapp)
    action(doc)
    assert doc.resume.work[0].highlights == expected_after
    assert doc.undo_stack.undoText().startswith(label)
    doc.undo_stack.undo()
    assert doc.resume.work[0].highlights == ("a", "b", "c")
    doc.undo_stack.redo()
    assert doc.resume.work[0].highlights == expected_after


def test_list_edit_after_typing_does_not_merge_into_it(qapp: object) -> None:
    doc = _doc(qapp)
    doc.set_value("work[0].highlights[0]", "typed")
    doc.duplicate("work[0].highlights[0]")
    doc.set_value("work[0].highlights[0]", "typed more")
    assert doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    assert doc.resume.work[0].highlights == ("typed", "typed", "b", "c")


def test_entry_moves_and_undo_restores_order(qapp: object) -> None:
    doc = _doc(qapp)
    doc.move("work[1]", 0)
    assert [w.name for w in doc.resume.work] == ["Inzo", "Apple Inc"]
    doc.undo_stack.undo()
    assert [w.name for w in doc.resume.work] == ["Apple Inc", "Inzo"]


def test_no_op_pushes_nothing(qapp: object) -> None:
    doc = _doc(qapp)
    assert doc.set_value("work[0].name", "Apple Inc") is False
    assert doc.undo_stack.count() == 0


def test_bad_edit_raises_and_leaves_document_alone(qapp: object) -> None:
    doc = _doc(qapp)
    before = doc.resume
    with pytest.raises(EditError):
        doc.set_value("work[0].startDate", "20")
    with pytest.raises(EditError):
        doc.remove("work[9]")
    assert doc.resume is before
    assert doc.undo_stack.count() == 0


def test_changed_signal_carries_each_snapshot(qapp: object) -> None:
    doc = _doc(qapp)
    seen: list[Resume] = []
    doc.changed.connect(seen.append)
    doc.set_value("basics.name", "Darien")
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    assert [r.basics.name for r in seen] == ["Darien", "", "Darien"]


def test_clean_state_follows_undo(qapp: object) -> None:
    doc = _doc(qapp)
    states: list[bool] = []
    doc.cleanChanged.connect(states.append)
    doc.set_value("basics.name", "D")
    doc.undo_stack.undo()
    assert states == [False, True]
    assert doc.is_clean()


def test_command_ids_only_merge_with_the_same_key(qapp: object) -> None:
    doc = _doc(qapp)
    a = EditCommand(doc, doc.resume, doc.resume, "a", "work[0].name")
    b = EditCommand(doc, doc.resume, doc.resume, "b", "work[0].position")
    c = EditCommand(doc, doc.resume, doc.resume, "c", None)
    assert a.id() == b.id()
    assert c.id() == -1
    assert a.mergeWith(b) is False
    assert a.mergeWith(c) is False
