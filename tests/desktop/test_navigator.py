"""The section navigator: a proper Qt model whose every change is an undoable edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.document import ResumeDocument
from desktop.navigator import HEADER_KEY, KeyRole, SectionModel, SectionNavigator
from exporters.model import Resume
from exporters.model.sections import STANDARD_SECTIONS, section_order

pytestmark = pytest.mark.gui

CHECK = Qt.ItemDataRole.CheckStateRole
EDIT = Qt.ItemDataRole.EditRole


@pytest.fixture
def custom_resume(long_sample: Resume) -> Resume:
    data = long_sample.to_json_data()
    data.setdefault("meta", {})["resumeStudio"] = {
        "customSections": [{"id": "patents", "title": "Patents", "highlights": ["A", "B", "C"]}]
    }
    return Resume.from_json_data(data)


@pytest.fixture
def document(custom_resume: Resume) -> ResumeDocument:
    return ResumeDocument(custom_resume)


def keys(model: SectionModel) -> list[str]:
    return [model.index(r, 0).data(KeyRole) for r in range(model.rowCount())]


def test_model_passes_the_qt_model_tester(qtmodeltester, document):
    model = SectionModel(document)
    qtmodeltester.check(model)
    # and still does after edits that reorder, hide and rename
    model.move_section("work", 3)
    model.setData(model.index(2, 0), "Renamed", EDIT)
    model.setData(model.index(3, 0), Qt.CheckState.Unchecked.value, CHECK)
    qtmodeltester.check(model)


def test_rows_are_the_header_then_every_section_with_counts(document, long_sample):
    model = SectionModel(document)
    assert keys(model) == [HEADER_KEY, *STANDARD_SECTIONS, "patents"]
    row = model.row_of("work")
    assert model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2) == len(long_sample.work)
    assert model.index(model.row_of("patents"), 0).data() == "Patents"
    assert model.index(model.row_of("patents"), 0).data(Qt.ItemDataRole.UserRole + 2) == 3
    # the header has no checkbox and can't be dragged or renamed
    header = model.index(0, 0)
    assert header.data(CHECK) is None
    assert not model.flags(header) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(header) & Qt.ItemFlag.ItemIsDragEnabled


def test_checkbox_hides_and_undo_shows_again(document):
    model = SectionModel(document)
    index = model.index(model.row_of("skills"), 0)
    assert index.data(CHECK) == Qt.CheckState.Checked
    assert model.setData(index, Qt.CheckState.Unchecked.value, CHECK)
    assert document.resume.settings.hiddenSections == ("skills",)
    assert index.data(CHECK) == Qt.CheckState.Unchecked
    assert document.undo_stack.undoText() == "Hide Skills"
    document.undo_stack.undo()
    assert document.resume.settings.hiddenSections == ()
    assert index.data(CHECK) == Qt.CheckState.Checked


def test_rename_sets_a_title_and_the_default_clears_it(document):
    model = SectionModel(document)
    index = model.index(model.row_of("work"), 0)
    assert model.setData(index, "  Career   History ", EDIT)
    assert document.resume.settings.sectionTitles == {"work": "Career History"}
    assert index.data() == "Career History"
    assert model.setData(index, "Experience", EDIT)  # the default title
    assert document.resume.settings.sectionTitles == {}
    document.undo_stack.undo()
    assert index.data() == "Career History"


def test_drop_moves_a_section_and_undo_restores_the_order(document):
    model = SectionModel(document)
    before = section_order(document.resume)
    data = model.mimeData([model.index(model.row_of("education"), 0)])
    # drop education between the header and the summary (row 1)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    order = section_order(document.resume)
    assert order[0] == "education"
    assert [k for k in order if k != "education"] == [k for k in before if k != "education"]
    assert keys(model)[1] == "education"
    document.undo_stack.undo()
    assert section_order(document.resume) == before


def test_drop_below_moves_down(document):
    model = SectionModel(document)
    data = model.mimeData([model.index(model.row_of("summary"), 0)])
    target = model.row_of("skills") + 1  # just after skills
    model.dropMimeData(data, Qt.DropAction.MoveAction, target, 0, QModelIndex())
    order = section_order(document.resume)
    assert order.index("summary") == order.index("skills") + 1


def test_move_up_and_down_stop_at_the_ends(document):
    model = SectionModel(document)
    first = keys(model)[1]
    assert not model.can_move(first, -1)
    assert not model.move_section(first, -1)
    assert not model.can_move(HEADER_KEY, 1)
    assert model.move_section(first, 1)
    assert keys(model)[2] == first
    assert not model.move_section("patents", 1)


def test_navigator_keeps_its_selection_across_a_reorder(qtbot, document):
    view = SectionNavigator(document)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sectionChosen) as chosen:
        view.select_key("projects")
    assert chosen.args == ["projects"]
    view.section_model.move_section("projects", -2)
    assert view.current_key() == "projects"
    assert view.currentIndex().data(KeyRole) == "projects"


def test_a_loaded_document_with_other_sections_resets_rows(document):
    model = SectionModel(document)
    document.load(Resume(), None)
    assert keys(model) == [HEADER_KEY, *STANDARD_SECTIONS]
    assert model.index(model.row_of("work"), 0).data(Qt.ItemDataRole.UserRole + 2) == 0


def test_move_row_is_what_an_internal_drag_calls(document):
    model = SectionModel(document)
    source = model.row_of("awards")
    assert model.moveRow(QModelIndex(), source, QModelIndex(), 1)  # before the first section
    assert keys(model)[1] == "awards"
    assert section_order(document.resume)[0] == "awards"
    assert not model.moveRow(QModelIndex(), 0, QModelIndex(), 3)  # the header stays put
    document.undo_stack.undo()
    assert keys(model)[model.row_of("awards")] == "awards"
    assert section_order(document.resume)[0] == "summary"
