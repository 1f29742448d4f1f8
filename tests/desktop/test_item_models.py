"""The item models: qtmodeltester, precise change signals, drops as document moves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.document import ResumeDocument
from desktop.forms.item_models import PROBLEM_ROLE, ROW_MIME, SUBTITLE_ROLE, SequenceModel
from desktop.forms.specs import ENTRY_SECTIONS, PROFILES
from exporters.markup import plain_text
from exporters.model import Resume, Work
from exporters.model.checks import range_problem

pytestmark = pytest.mark.gui


def _jobs() -> Resume:
    return Resume(
        work=(
            Work(name="Apple Inc", position="Senior Backend Engineer", startDate="2021-11"),
            Work(
                name="Inzo Software Inc",
                position="Software Engineer",
                startDate="2019-06",
                endDate="2021-05",
            ),
            Work(
                name="Infotech",
                position="Software Engineer",
                startDate="2015-11",
                endDate="2018-05",
            ),
        )
    )


def _names(doc: ResumeDocument) -> list[str]:
    return [w.name for w in doc.resume.work]


@pytest.fixture
def doc(qapp: object) -> ResumeDocument:
    return ResumeDocument(_jobs())


def _work_model(doc: ResumeDocument) -> SequenceModel:
    spec = ENTRY_SECTIONS["work"]
    return SequenceModel(doc, "work", title=spec.title, subtitle=spec.subtitle)


def test_every_section_model_passes_the_model_tester(
    qtmodeltester, jsonresume_sample: Resume
) -> None:
    doc = ResumeDocument(jsonresume_sample)
    for key, spec in [*ENTRY_SECTIONS.items(), ("basics.profiles", PROFILES)]:
        model = SequenceModel(doc, spec.list_path, title=spec.title, subtitle=spec.subtitle)
        assert model.rowCount() == len(
            getattr(doc.resume, key) if "." not in key else doc.resume.basics.profiles
        )
        qtmodeltester.check(model)


def test_bullet_and_empty_models_pass_the_model_tester(
    qtmodeltester, jsonresume_sample: Resume
) -> None:
    doc = ResumeDocument(jsonresume_sample)
    qtmodeltester.check(SequenceModel(doc, "work[0].highlights", editable=True))
    qtmodeltester.check(SequenceModel(doc, None))
    qtmodeltester.check(SequenceModel(doc, "work[99].highlights"))
    qtmodeltester.check(SequenceModel(ResumeDocument(Resume()), "work"))


def test_model_tester_watches_edits_moves_and_undo(qtmodeltester, doc: ResumeDocument) -> None:
    model = _work_model(doc)
    qtmodeltester.check(model, force_py=True)
    doc.move("work[0]", 2)
    doc.insert("work[1]", {"name": "New"})
    doc.remove("work[0]")
    doc.set_value("work[0].position", "Staff Engineer")
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert model.rowCount() == 3
    assert model.data(model.index(0)) == "Senior Backend Engineer \u2014 Apple Inc"


def test_titles_and_subtitles(doc: ResumeDocument) -> None:
    model = _work_model(doc)
    assert model.data(model.index(0)) == "Senior Backend Engineer \u2014 Apple Inc"
    assert model.data(model.index(0), SUBTITLE_ROLE) == "Nov 2021 \u2013 Present"
    assert model.data(model.index(1), SUBTITLE_ROLE) == "Jun 2019 \u2013 May 2021"
    doc.append("work", {})
    assert model.data(model.index(3)) == "Untitled job"


def test_a_move_is_reported_as_a_move(qtbot, doc: ResumeDocument) -> None:
    model = _work_model(doc)
    with qtbot.waitSignal(model.rowsMoved) as moved:
        doc.move("work[0]", 2)
    _parent, start, end, _dest, row = moved.args
    assert (start, end, row) == (0, 0, 3)
    assert [model.data(model.index(r)) for r in range(3)][2].endswith("Apple Inc")


def test_insert_remove_and_edit_signals(qtbot, doc: ResumeDocument) -> None:
    model = _work_model(doc)
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        doc.duplicate("work[1]")
    assert inserted.args[1:] == [2, 2]
    with qtbot.waitSignal(model.rowsRemoved) as removed:
        doc.remove("work[0]")
    assert removed.args[1:] == [0, 0]
    with qtbot.waitSignal(model.dataChanged) as changed:
        doc.set_value("work[1].name", "Inzo")
    assert changed.args[0].row() == 1
    with qtbot.assertNotEmitted(model.modelReset):
        doc.undo_stack.undo()


def test_move_rows_uses_qt_destination_semantics(doc: ResumeDocument) -> None:
    model = _work_model(doc)
    # Qt: destinationChild is the row *before which* to insert, counted before the move.
    assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 2)
    assert _names(doc) == ["Inzo Software Inc", "Apple Inc", "Infotech"]
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert _names(doc) == ["Infotech", "Inzo Software Inc", "Apple Inc"]
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 1)  # onto itself
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)  # just below itself
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert _names(doc) == ["Inzo Software Inc", "Apple Inc", "Infotech"]


def test_drop_is_one_document_move(doc: ResumeDocument) -> None:
    model = _work_model(doc)
    data = model.mimeData([model.index(2)])
    assert ROW_MIME in data.formats()
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert _names(doc) == ["Infotech", "Apple Inc", "Inzo Software Inc"]
    # Dropping at the end (row -1, no parent) moves it last.
    model.dropMimeData(
        model.mimeData([model.index(0)]), Qt.DropAction.MoveAction, -1, -1, QModelIndex()
    )
    assert _names(doc) == ["Apple Inc", "Inzo Software Inc", "Infotech"]
    assert doc.undo_stack.count() == 2


def test_drop_from_another_list_or_action_is_refused(doc: ResumeDocument) -> None:
    model = _work_model(doc)
    doc.set_value("work[0].highlights", ("a", "b"))
    bullets = SequenceModel(doc, "work[0].highlights", editable=True)
    foreign = bullets.mimeData([bullets.index(0)])
    assert not model.canDropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not model.dropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    own = model.mimeData([model.index(1)])
    assert not model.dropMimeData(own, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert _names(doc) == ["Apple Inc", "Inzo Software Inc", "Infotech"]


def test_editable_model_writes_through_the_document(doc: ResumeDocument) -> None:
    doc.set_value("work[0].highlights", ("first", "second"))
    bullets = SequenceModel(doc, "work[0].highlights", title=plain_text, editable=True)
    assert bullets.flags(bullets.index(0)) & Qt.ItemFlag.ItemIsEditable
    assert bullets.setData(bullets.index(1), "**second**")
    assert doc.resume.work[0].highlights == ("first", "**second**")
    assert bullets.data(bullets.index(1)) == "second"  # display: plain words
    assert bullets.data(bullets.index(1), Qt.ItemDataRole.EditRole) == "**second**"


def test_following_another_list(doc: ResumeDocument) -> None:
    doc.set_value("work[1].highlights", ("x",))
    bullets = SequenceModel(doc, "work[0].highlights")
    assert bullets.rowCount() == 0
    bullets.set_list_path("work[1].highlights")
    assert bullets.rowCount() == 1
    doc.remove("work[1]")  # the list it follows is gone
    assert bullets.rowCount() == 0


def test_entries_that_need_a_look_are_marked(qtmodeltester, doc: ResumeDocument) -> None:
    spec = ENTRY_SECTIONS["work"]
    model = SequenceModel(
        doc, "work", title=spec.title, subtitle=spec.subtitle, problem=spec.problem
    )
    assert model.data(model.index(1), PROBLEM_ROLE) is None
    doc.set_value("work[1].endDate", "2018-01")  # before its June 2019 start
    reason = model.data(model.index(1), PROBLEM_ROLE)
    assert reason == range_problem("2019-06", "2018-01")
    assert reason is not None
    assert reason in model.data(model.index(1), Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(model)
