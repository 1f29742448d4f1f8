"""Date fields, the Present box, and problems shown beside fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.forms.date_field import DateField, compose_date
from desktop.forms.entries import EntriesForm
from desktop.forms.fields import BoundField, FieldLineEdit
from exporters.model import Resume, Work
from exporters.model.checks import email_problem, range_problem, url_problem
from tests.helpers.forms import show_form

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("year", "month", "previous", "expected"),
    [
        ("", 0, "", ""),
        ("", 5, "2020-05", ""),
        ("2021", 0, "", "2021"),
        ("2021", 11, "", "2021-11"),
        ("2021", 11, "2021-11-15", "2021-11-15"),  # the day survives
        ("2021", 12, "2021-11-15", "2021-12"),  # a new month drops it
        ("2022", 11, "2021-11-15", "2022-11"),
        ("20", 0, "", None),  # still typing
        ("0999", 0, "", None),
    ],
)
def test_compose_date(year: str, month: int, previous: str, expected: str | None) -> None:
    assert compose_date(year, month, previous) == expected


_show = show_form


def _jobs() -> Resume:
    return Resume(
        work=(
            Work(name="Apple Inc", position="Senior Backend Engineer", startDate="2021-11"),
            Work(name="Inzo", position="Engineer", startDate="2019-06", endDate="2021-05-14"),
        )
    )


def _field(form: EntriesForm, name: str) -> BoundField:
    return form.editor.detail.fields[name]


def _date(form: EntriesForm, name: str) -> DateField:
    editor = _field(form, name).editor
    assert isinstance(editor, DateField)
    return editor


def test_dates_show_and_write_back(qtbot) -> None:
    doc, form = _show(qtbot, "work", _jobs())
    form.editor.view.set_current_row(1)
    start, end = _date(form, "startDate"), _date(form, "endDate")
    assert (start.month.currentText(), start.year.text()) == ("Jun", "2019")
    assert (end.month.currentText(), end.year.text()) == ("May", "2021")
    assert not end.is_present()
    # Typing a year writes once the year is whole; each digit before is not a date.
    start.year.setFocus()
    start.year.selectAll()
    qtbot.keyClicks(start.year, "20")
    assert doc.resume.work[1].startDate == "2019-06"
    assert _field(form, "startDate").problem.message == "enter a four-digit year"
    qtbot.keyClicks(start.year, "18")
    assert doc.resume.work[1].startDate == "2018-06"
    assert _field(form, "startDate").problem.message is None
    # The month combo: a new month drops the day, "Month" (none) leaves the year.
    end.month.activated.emit(5)  # May picked again from the popup: the stored day stays
    assert doc.resume.work[1].endDate == "2021-05-14"
    end.month.setFocus()
    qtbot.keyClick(end.month, Qt.Key.Key_Down)  # the arrow keys pick the next month
    assert doc.resume.work[1].endDate == "2021-06"
    end.month.setCurrentIndex(0)
    end.month.activated.emit(0)
    assert doc.resume.work[1].endDate == "2021"
    doc.undo_stack.undo()
    assert (end.month.currentText(), end.year.text()) == ("Jun", "2021")
    doc.undo_stack.undo()
    assert (end.month.currentText(), end.year.text()) == ("May", "2021")
    assert doc.resume.work[1].endDate == "2021-05-14"
    assert doc.resume.work[1].endDate == "2021-05-14"


def test_present_clears_the_end_date_and_disables_it(qtbot) -> None:
    doc, form = _show(qtbot, "work", _jobs())
    end = _date(form, "endDate")
    assert end.present is not None
    # Job 0 has a start and no end: it is ongoing.
    assert end.is_present()
    assert not end.year.isEnabled()
    form.editor.view.set_current_row(1)
    assert not end.is_present()
    assert end.year.isEnabled()
    qtbot.mouseClick(end.present, Qt.MouseButton.LeftButton)
    assert doc.resume.work[1].endDate == ""
    assert end.is_present()
    assert not end.month.isEnabled()
    assert not end.year.isEnabled()
    assert end.year.text() == ""
    doc.undo_stack.undo()
    assert doc.resume.work[1].endDate == "2021-05-14"
    assert not end.is_present()
    assert end.year.isEnabled()
    assert end.year.text() == "2021"
    # Unchecking lets the user type an end date.
    form.editor.view.set_current_row(0)
    qtbot.mouseClick(end.present, Qt.MouseButton.LeftButton)
    assert not end.is_present()
    assert end.year.isEnabled()
    end.year.setFocus()
    qtbot.keyClicks(end.year, "2024")
    assert doc.resume.work[0].endDate == "2024"


def test_end_before_start_is_marked(qtbot) -> None:
    doc, form = _show(qtbot, "work", _jobs())
    end = _date(form, "endDate")
    problem = _field(form, "endDate").problem
    qtbot.mouseClick(end.present, Qt.MouseButton.LeftButton)  # no longer present
    end.year.setFocus()
    qtbot.keyClicks(end.year, "2020")
    assert doc.resume.work[0].endDate == "2020"
    assert problem.message == range_problem("2021-11", "2020")
    assert problem.message is not None
    assert problem.isVisibleTo(form)
    end.year.selectAll()
    qtbot.keyClicks(end.year, "2023")
    assert problem.message is None
    assert not problem.isVisibleTo(form)


def test_bad_email_and_url_show_a_reason_while_typing(qtbot) -> None:
    doc, form = _show(qtbot, "basics", Resume())
    email = form.contact.fields["email"]
    line = email.editor
    assert isinstance(line, FieldLineEdit)
    line.setFocus()
    qtbot.keyClicks(line, "darien@")
    assert doc.resume.basics.email == "darien@"  # typing is never blocked
    assert email.problem.message == email_problem("darien@")
    assert "email" in (email.problem.message or "")
    assert email.problem.isVisibleTo(form)
    assert email.problem.toolTip() == email.problem.message
    qtbot.keyClicks(line, "example.com")
    assert email.problem.message is None
    assert not email.problem.isVisibleTo(form)

    url = form.contact.fields["url"]
    url.editor.setFocus()
    qtbot.keyClicks(url.editor, "not a site")
    assert url.problem.message == url_problem("not a site")
    assert url.problem.message is not None
    # Undo brings the field and its mark back in step.
    doc.undo_stack.undo()
    assert url.editor.text() == ""
    assert url.problem.message is None


def test_profile_url_is_checked(qtbot) -> None:
    resume = Resume.model_validate(
        {"basics": {"profiles": [{"network": "GitHub", "url": "github dot com"}]}}
    )
    _doc, form = _show(qtbot, "basics", resume)
    url = form.profiles.detail.fields["url"]
    assert url.problem.message == url_problem("github dot com")
    assert url.problem.message is not None
