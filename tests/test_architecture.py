"""The split the design depends on: the core never loads Qt, and light formats
never load the heavy libraries."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from resources import SAMPLE_RESUME


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_no_exporters_module_imports_qt_or_desktop() -> None:
    done = _run(
        """
        import importlib, pkgutil, sys
        import exporters
        for info in pkgutil.walk_packages(exporters.__path__, "exporters."):
            importlib.import_module(info.name)
        bad = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "desktop"})
        print(bad)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_text_markdown_and_json_exports_never_load_heavy_libraries(tmp_path: Path) -> None:
    done = _run(
        f"""
        import sys
        from exporters.cli import main
        rc = main(["export", {str(SAMPLE_RESUME)!r}, "--format", "txt,md,json", "--out", {str(tmp_path)!r}, "-q"])
        heavy = sorted({{m.split(".")[0] for m in sys.modules}} & {{"PySide6", "reportlab", "docx", "desktop"}})
        print(rc, heavy)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 []"
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".md", ".txt"]


def test_headless_commands_never_load_qt(tmp_path: Path) -> None:
    done = _run(
        f"""
        import sys
        from exporters.cli import main
        main(["validate", {str(SAMPLE_RESUME)!r}])
        main(["export", {str(SAMPLE_RESUME)!r}, "--out", {str(tmp_path)!r}, "-q"])
        main(["export", "--list"])
        print("QT", sorted(m for m in sys.modules if m.startswith(("PySide6", "desktop"))))
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "QT []"
