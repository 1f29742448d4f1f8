"""The plugin registry: built-ins and third-party exporters come the same way."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exporters.registry import GROUP, load
from exporters.theme import resolve

PLUGINS = Path(__file__).parents[1] / "plugins"


def _entry_points(*folders: Path) -> list[importlib.metadata.EntryPoint]:
    """Entry points of the installed project plus throw-away distributions in ``folders``."""
    found = list(importlib.metadata.entry_points(group=GROUP))
    for dist in importlib.metadata.distributions(path=[str(f) for f in folders]):
        found += [ep for ep in dist.entry_points if ep.group == GROUP]
    return found


@pytest.fixture
def plugin_path(monkeypatch: pytest.MonkeyPatch) -> None:
    for folder in (PLUGINS / "good", PLUGINS / "broken"):
        monkeypatch.syspath_prepend(str(folder))


def test_builtins_are_found_through_entry_points() -> None:
    registry = load()
    assert {"txt", "json"} <= set(registry.names())
    txt = registry.get("txt")
    assert txt.info.extension == "txt"
    assert txt.info.mime_type == "text/plain"


@pytest.mark.usefixtures("plugin_path")
def test_a_plugin_is_listed_and_usable_by_name(sample_resume) -> None:
    registry = load(_entry_points(PLUGINS / "good"))
    assert "shout" in registry.names()
    exporter = registry.get("shout")
    options = registry.options_for("shout", {"exclaim": "false"})
    data = exporter.export(sample_resume, resolve(sample_resume), options)
    assert data.decode().splitlines()[0] == sample_resume.basics.name.upper()


@pytest.mark.usefixtures("plugin_path")
def test_broken_plugins_are_reported_by_name_and_skipped() -> None:
    registry = load(_entry_points(PLUGINS / "good", PLUGINS / "broken"))
    problems = {p.name: p for p in registry.problems}
    assert set(problems) == {"missing", "noinfo"}
    assert "ModuleNotFoundError" in problems["missing"].reason
    assert "info" in problems["noinfo"].reason
    assert "resume-studio-broken" in str(problems["noinfo"])
    # The healthy ones are all still there.
    assert {"txt", "json", "shout"} <= set(registry.names())


def test_unknown_format_names_the_available_ones() -> None:
    registry = load()
    with pytest.raises(KeyError, match=r"available: .*txt"):
        registry.get("nope")


def _cli(*args: str, extra_path: list[Path] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(
            [*(str(p) for p in extra_path), env.get("PYTHONPATH", "")]
        )
    return subprocess.run(
        [sys.executable, "-m", "exporters.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_cli_lists_and_uses_an_installed_plugin(tmp_path: Path) -> None:
    listed = _cli("export", "--list", extra_path=[PLUGINS / "good"])
    assert listed.returncode == 0, listed.stderr
    names = [line.split()[0] for line in listed.stdout.splitlines() if line.strip()]
    assert "shout" in names
    assert "txt" in names

    from resources import SAMPLE_RESUME

    done = _cli(
        "export",
        str(SAMPLE_RESUME),
        "--format",
        "shout",
        "--out",
        str(tmp_path),
        extra_path=[PLUGINS / "good"],
    )
    assert done.returncode == 0, done.stderr
    [written] = list(tmp_path.iterdir())
    assert written.name == "Darien_Session_Resume.shout"
    assert written.read_text().splitlines()[0] == "DARIEN SESSION!"


def test_cli_survives_broken_plugins(tmp_path: Path) -> None:
    listed = _cli("export", "--list", extra_path=[PLUGINS / "broken"])
    assert listed.returncode == 0
    assert "'missing'" in listed.stderr
    assert "'noinfo'" in listed.stderr
    assert "Traceback" not in listed.stderr
    assert "txt" in listed.stdout


def test_loading_only_the_formats_asked_for() -> None:
    from exporters.registry import available_names

    registry = load(only=["txt"])
    assert registry.names() == ["txt"]
    assert {"pdf", "docx", "txt", "md", "json"} <= set(available_names())


@pytest.mark.usefixtures("plugin_path")
def test_a_plugin_whose_info_disagrees_with_its_entry_point_is_skipped() -> None:
    ep = importlib.metadata.EntryPoint(
        name="louder", value="resume_studio_shout:ShoutExporter", group=GROUP
    )
    registry = load([ep])
    assert registry.names() == []
    assert "named 'louder' but its info says 'shout'" in registry.problems[0].reason
