"""Native files: round trips lose nothing; bad files get one clear message."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exporters.model import Resume, ResumeFileError, load_resume, save_resume
from exporters.model.files import MAX_FILE_BYTES

DATA = Path(__file__).parents[1] / "data"


def test_open_save_round_trip_is_equal_json(tmp_path: Path) -> None:
    source = DATA / "jsonresume-sample.json"
    resume = load_resume(source)
    target = tmp_path / "copy.json"
    save_resume(resume, target)
    assert json.loads(target.read_text("utf-8")) == json.loads(source.read_text("utf-8"))


def test_unknown_fields_survive_anywhere(tmp_path: Path) -> None:
    data = {
        "$schema": "https://example.com/schema.json",
        "x-top": {"nested": [1, 2, {"deep": True}]},
        "basics": {
            "name": "Ann",
            "pronouns": "she/her",
            "location": {"city": "Oslo", "geo": [59.9, 10.7]},
        },
        "work": [{"name": "Acme", "x-team": "Infra", "highlights": ["a"]}],
        "meta": {"theme": "elegant", "resumeStudio": {"pageSize": "a4", "future": 1}},
    }
    src = tmp_path / "in.json"
    src.write_text(json.dumps(data), "utf-8")
    out = tmp_path / "out.json"
    save_resume(load_resume(src), out)
    assert json.loads(out.read_text("utf-8")) == data


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"basics": {"name": "Bo"}}).encode())
    assert load_resume(path).basics.name == "Bo"


def test_save_keeps_the_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    save_resume(Resume.model_validate({"basics": {"name": "Old"}}), path)
    save_resume(Resume.model_validate({"basics": {"name": "New"}}), path)
    assert json.loads(path.read_text("utf-8"))["basics"]["name"] == "New"
    assert json.loads((tmp_path / "r.json.bak").read_text("utf-8"))["basics"]["name"] == "Old"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("truncated", b'{"basics": {"name": "Ann"', "line 1, column 26: this is not valid JSON"),
    (
        "wrong-type",
        b'{"work": [{"highlights": "one string"}]}',
        "work[0].highlights: expected a list",
    ),
    ("number-name", b'{"basics": {"name": 42}}', "basics.name: expected text, found the number 42"),
    (
        "bad-date",
        b'{"work": [{"startDate": "2019-13"}]}',
        "work[0].startDate: '2019-13' has month 13",
    ),
    ("not-utf8", '{"basics": {"name": "Zoë"}}'.encode("latin-1"), "not UTF-8"),
    ("empty", b"", "the file is empty"),
    ("whitespace", b"  \n\t ", "the file is empty"),
    ("array", b"[1, 2]", "a résumé is a JSON object"),
    (
        "bad-page-size",
        b'{"meta": {"resumeStudio": {"pageSize": "legal"}}}',
        "meta.resumeStudio.pageSize",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_raise_one_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    with pytest.raises(ResumeFileError) as caught:
        load_resume(path)
    text = str(caught.value)
    assert text.startswith(f"{name}.json"), text
    assert message in text
    assert path.read_bytes() == content


def _big_file(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(b'{"basics": {"summary": "')
        chunk = b"x" * (1024 * 1024)
        for _ in range(50):
            handle.write(chunk)
        handle.write(b'"}}')


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    _big_file(path)
    assert path.stat().st_size > MAX_FILE_BYTES
    with pytest.raises(ResumeFileError, match=r"huge.json: the file is 50.0 MB"):
        load_resume(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ResumeFileError, match="no such file"):
        load_resume(tmp_path / "nope.json")
    with pytest.raises(ResumeFileError, match="folder"):
        load_resume(tmp_path)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "not writable"),
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full; nothing was changed"),
    ],
    ids=["unwritable-folder", "disk-full"],
)
def test_failed_writes_leave_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    # Simulated at the OS call: tests run as root in CI, where chmod can't deny.
    path = tmp_path / "r.json"
    save_resume(Resume.model_validate({"basics": {"name": "Kept"}}), path, backup=False)
    before = path.read_bytes()

    def failing_fsync(fd: int) -> None:
        raise error

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(ResumeFileError, match=message):
        save_resume(Resume.model_validate({"basics": {"name": "Lost"}}), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_saving_over_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r.json").mkdir()
    with pytest.raises(ResumeFileError, match="folder"):
        save_resume(Resume(), tmp_path / "r.json")


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporters.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_cli_validate_exits_2_with_one_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    done = _validate(path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert message in lines[0]
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == content


def test_cli_validate_refuses_a_50_mb_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    _big_file(path)
    done = _validate(path)
    assert done.returncode == 2
    assert "50.0 MB" in done.stderr


def test_cli_validate_accepts_a_good_file_and_warns(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(
        json.dumps(
            {
                "basics": {"name": "Ann", "email": "not-an-email"},
                "work": [{"name": "A", "startDate": "2020-05", "endDate": "2019-01"}],
            }
        ),
        "utf-8",
    )
    done = _validate(path)
    assert done.returncode == 0, done.stderr
    assert "basics.email: not an email address" in done.stdout
    assert "work[0].endDate: ends before it starts" in done.stdout
