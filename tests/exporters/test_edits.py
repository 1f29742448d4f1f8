"""Pure edits by path: the old snapshot never changes; bad edits are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.model import Resume, edits, load_resume, save_resume
from exporters.model.edits import EditError

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def base() -> Resume:
    return load_resume(DATA / "jsonresume-sample.json")


def test_set_returns_a_new_snapshot_and_leaves_the_old_one(base: Resume) -> None:
    old = base.work[0].highlights[1]
    new = edits.set_value(base, "work[0].highlights[1]", "Rewritten")
    assert new.work[0].highlights[1] == "Rewritten"
    assert base.work[0].highlights[1] == old
    # Untouched branches are shared, not copied.
    assert new.education is base.education
    assert new.basics is base.basics


def test_paths_parse_and_print() -> None:
    path = edits.parse_path("work[1].highlights[3]")
    assert path == ("work", 1, "highlights", 3)
    assert edits.format_path(path) == "work[1].highlights[3]"
    with pytest.raises(EditError, match="bad path"):
        edits.parse_path("work[x]")


def test_insert_remove_move_duplicate(base: Resume) -> None:
    r = edits.insert(base, "work[0].highlights[0]", "First")
    assert r.work[0].highlights[0] == "First"
    assert r.work[0].highlights[1:] == base.work[0].highlights
    r = edits.move(r, "work[0].highlights[0]", 2)
    assert r.work[0].highlights[2] == "First"
    r = edits.remove(r, "work[0].highlights[2]")
    assert r.work[0].highlights == base.work[0].highlights
    r = edits.duplicate(base, "work[0]")
    assert len(r.work) == len(base.work) + 1
    assert r.work[1] == base.work[0]
    r = edits.append(Resume(), "work", {"name": "Acme", "position": "Engineer"})
    assert r.work[0].name == "Acme"
    assert r.to_json_data() == {"work": [{"name": "Acme", "position": "Engineer"}]}


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("work[0].startDate", "2019-13", "month 13"),
        ("basics.name", 12, "string"),
        ("work[9].name", "x", "does not exist"),
        ("work[0].highlights[0]", ["not", "text"], "string"),
        ("meta.resumeStudio.pageSize", "legal", "letter"),
    ],
)
def test_bad_edits_are_refused(base: Resume, path: str, value: object, message: str) -> None:
    with pytest.raises(EditError, match=message):
        edits.set_value(base, path, value)


def test_unknown_fields_can_be_edited_and_kept(base: Resume) -> None:
    r = edits.set_value(base, "basics.pronouns", "they/them")
    assert r.to_json_data()["basics"]["pronouns"] == "they/them"


def test_settings_live_in_meta(base: Resume) -> None:
    r = edits.set_value(base, "meta.resumeStudio.hiddenSections", ["references"])
    r = edits.set_value(r, "meta.resumeStudio.sectionTitles", {"work": "Career"})
    data = r.to_json_data()
    assert data["meta"]["resumeStudio"] == {
        "hiddenSections": ["references"],
        "sectionTitles": {"work": "Career"},
    }
    assert data["meta"]["version"] == "v1.0.0"


# --- property: any chain of edits saves and loads back equal ----------------

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
dates = st.one_of(
    st.just(""),
    st.integers(1950, 2030).map(str),
    st.tuples(st.integers(1950, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
)


@st.composite
def edit_chain(draw: st.DrawFn, start: Resume) -> Resume:
    resume = start
    for _ in range(draw(st.integers(1, 12))):
        jobs = len(resume.work)
        op = draw(
            st.sampled_from(["name", "position", "bullet", "add", "remove", "move", "dup", "date"])
        )
        if op == "name":
            resume = edits.set_value(resume, "basics.name", draw(text))
        elif op == "add" or jobs == 0:
            resume = edits.append(resume, "work", {"name": draw(text), "highlights": [draw(text)]})
        elif op == "position":
            resume = edits.set_value(
                resume, f"work[{draw(st.integers(0, jobs - 1))}].position", draw(text)
            )
        elif op == "bullet":
            i = draw(st.integers(0, jobs - 1))
            n = len(resume.work[i].highlights)
            resume = edits.insert(
                resume, f"work[{i}].highlights[{draw(st.integers(0, n))}]", draw(text)
            )
        elif op == "remove":
            resume = edits.remove(resume, f"work[{draw(st.integers(0, jobs - 1))}]")
        elif op == "move":
            resume = edits.move(
                resume, f"work[{draw(st.integers(0, jobs - 1))}]", draw(st.integers(0, jobs - 1))
            )
        elif op == "dup":
            resume = edits.duplicate(resume, f"work[{draw(st.integers(0, jobs - 1))}]")
        else:
            resume = edits.set_value(
                resume, f"work[{draw(st.integers(0, jobs - 1))}].endDate", draw(dates)
            )
    return resume


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_edit_chains_survive_save_and_load(data: st.DataObject, tmp_path: Path) -> None:
    start = load_resume(DATA / "jsonresume-sample.json")
    edited = data.draw(edit_chain(start))
    path = tmp_path / "chain.json"
    save_resume(edited, path)
    loaded = load_resume(path)
    assert loaded == edited
    assert loaded.to_json_data() == json.loads(path.read_text("utf-8"))
