"""``resume-studio export`` as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from resources import SAMPLE_RESUME


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporters.cli", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=cwd,
    )


def test_all_five_formats_are_written_with_the_default_name(tmp_path: Path) -> None:
    done = cli(
        "export", str(SAMPLE_RESUME), "--format", "docx,pdf,txt,md,json", "--out", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"Darien_Session_Resume.{ext}" for ext in ("docx", "json", "md", "pdf", "txt")]
    for path in tmp_path.iterdir():
        assert str(path) in done.stdout
    # Each one really is what it claims to be.
    assert (tmp_path / "Darien_Session_Resume.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "Darien_Session_Resume.docx").read_bytes().startswith(b"PK")
    data = json.loads((tmp_path / "Darien_Session_Resume.json").read_text("utf-8"))
    assert data["basics"]["name"] == "Darien Session"
    assert (
        (tmp_path / "Darien_Session_Resume.txt").read_text("utf-8").startswith("Darien Session\n")
    )


def test_a4_and_date_style_overrides(tmp_path: Path) -> None:
    from pypdf import PdfReader

    done = cli(
        "export",
        str(SAMPLE_RESUME),
        "--format",
        "pdf,txt",
        "--out",
        str(tmp_path),
        "--page-size",
        "a4",
        "--date-style",
        "long",
        "--name",
        "cv",
    )
    assert done.returncode == 0, done.stderr
    page = PdfReader(tmp_path / "cv.pdf").pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    height_mm = float(page.mediabox.height) / 72 * 25.4
    assert (round(width_mm), round(height_mm)) == (210, 297)
    assert "November 2021 – Present" in (tmp_path / "cv.txt").read_text("utf-8")


def test_exporter_options_from_the_command_line(tmp_path: Path) -> None:
    done = cli(
        "export", str(SAMPLE_RESUME), "-f", "txt", "--out", str(tmp_path), "-O", "txt.width=0"
    )
    assert done.returncode == 0, done.stderr
    text = next(tmp_path.iterdir()).read_text("utf-8")
    assert max(len(line) for line in text.splitlines()) > 200


def test_a_markdown_resume_exports_directly(tmp_path: Path) -> None:
    from resources import SAMPLE_MARKDOWN

    done = cli("export", str(SAMPLE_MARKDOWN), "-f", "txt", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "Apple Inc" in next(tmp_path.iterdir()).read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf,nope"], "unknown format nope (available: pdf"),
        (["--format", "txt", "-O", "txt.width=wide"], "txt option width"),
        (["--format", "txt", "-O", "width=3"], "FORMAT.NAME=VALUE"),
        (["--format", "txt", "--theme", "neon"], "unknown theme 'neon'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    done = cli("export", str(SAMPLE_RESUME), "--out", str(tmp_path / "out"), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_output_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("keep me")
    done = cli("export", str(SAMPLE_RESUME), "-f", "txt", "--out", str(blocker))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert blocker.read_text() == "keep me"


def test_missing_input_file(tmp_path: Path) -> None:
    done = cli("export", str(tmp_path / "nope.json"), "-f", "txt", "--out", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip() == "resume-studio: nope.json: no such file"


def test_help_for_every_command() -> None:
    for command in ([], ["import"], ["validate"], ["export"]):
        done = cli(*command, "--help")
        assert done.returncode == 0
        assert "usage: resume-studio" in done.stdout
