"""``resume-studio import`` run as a user runs it: a separate process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from resources import JSON_RESUME_SCHEMA, SAMPLE_MARKDOWN

FIXTURES = Path(__file__).parents[1] / "data" / "markdown"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporters.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _valid(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads(JSON_RESUME_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(data)
    return data  # type: ignore[no-any-return]


def test_import_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "resume.json"
    result = run("import", SAMPLE_MARKDOWN, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "resume.json" in result.stdout
    assert "30 bullets" in result.stdout
    data = _valid(out)
    assert data["basics"]["name"] == "Darien Session"  # type: ignore[index]
    assert len(data["work"]) == 3  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.md")))
def test_import_each_fixture(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_bytes((FIXTURES / name).read_bytes())
    result = run("import", source)
    assert result.returncode == 0, result.stderr
    _valid(source.with_suffix(".json"))


def test_export_then_import_gives_the_same_json(tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    assert run("import", SAMPLE_MARKDOWN, "-o", first).returncode == 0
    exported = run("export", first, "-f", "md", "--out", tmp_path, "--name", "again", "-q")
    assert exported.returncode == 0, exported.stderr
    second = tmp_path / "second.json"
    assert run("import", tmp_path / "again.md", "-o", second).returncode == 0
    assert json.loads(second.read_text(encoding="utf-8")) == json.loads(
        first.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"caf\xe9 au lait\n", "not UTF-8"),
        (bytes(range(256)) * 8, "not UTF-8"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"hello\n", "no résumé found"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, content: bytes, words: str) -> None:
    source = tmp_path / "bad.md"
    source.write_bytes(content)
    result = run("import", source, "-o", tmp_path / "out.json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "bad.md" in lines[0]
    assert words in lines[0]
    assert not (tmp_path / "out.json").exists()


def test_directory_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "folder.md"
    folder.mkdir()
    result = run("import", folder, "-o", tmp_path / "out.json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "folder" in result.stderr
