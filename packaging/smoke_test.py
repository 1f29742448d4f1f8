"""Smoke-test the frozen app and the Linux installers, then print what they measure.

    python packaging/smoke_test.py [--dist DIR] [--skip-build] [--runs 5] [--system-install]

1. Builds with packaging/build.py (or takes an existing build with --skip-build).
2. Runs the bundle's own ``resume-studio``: ``--version``, ``export --list`` (the
   five built-in formats prove the entry-point metadata survived freezing), and an
   export of the bundle's sample to every format, each file read back with an
   independent reader (pypdf, python-docx, json, the ``markdown`` parser).
3. Starts the editor offscreen on the sample with ``--smoke-test`` (exit 0 once the
   first preview has rendered) and times cold starts.
4. Installs the tarball with install.sh into a throw-away HOME, and unpacks the .deb
   with ``dpkg-deb -x``; runs the installed binaries. With --system-install (root
   only) it also does a real ``dpkg -i`` / ``dpkg -P`` round trip.

Exit status: 0 when every check passed, 1 otherwise. A step that cannot run here is
reported as SKIPPED in capitals, never as passed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "resume-studio"
FORMATS = ("pdf", "docx", "txt", "md", "json")
GUI_TIMEOUT_S = 60
FIRST_PAINT_ENV = "RESUME_STUDIO_REPORT_FIRST_PAINT"  # read by packaging/launcher.py


def say(message: str = "") -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


class CheckFailed(Exception):
    pass


@dataclass
class Report:
    results: list[tuple[str, str, str]] = field(default_factory=list)  # (status, name, detail)
    figures: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, target)

    def check(self, name: str, step: Callable[[], str | None]) -> bool:
        try:
            detail = step() or ""
        except CheckFailed as exc:
            self.results.append(("FAIL", name, str(exc)))
            say(f"FAIL  {name}: {exc}")
            return False
        self.results.append(("ok", name, detail))
        say(f"ok    {name}{': ' + detail if detail else ''}")
        return True

    def skip(self, name: str, reason: str) -> None:
        self.results.append(("SKIPPED", name, reason))
        banner = "!" * 78
        say(f"{banner}\nSKIPPED  {name}\n         {reason}\n{banner}")

    @property
    def failed(self) -> bool:
        return any(status == "FAIL" for status, _, _ in self.results)


# --- running things ----------------------------------------------------------------


def run(
    command: list[str], *, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"{' '.join(command)} did not finish within {timeout:.0f} s") from None
    except OSError as exc:
        raise CheckFailed(f"can't run {command[0]}: {exc}") from None


def expect_ok(result: subprocess.CompletedProcess[str], what: str) -> str:
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise CheckFailed(f"{what} exited with {result.returncode}: {' | '.join(tail)}")
    return result.stdout


def clean_env(home: Path) -> dict[str, str]:
    """A desktop-less environment whose settings, autosaves and caches go to ``home``."""
    runtime = home / "runtime"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(runtime),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def mb(n: int | float) -> str:
    return f"{n / 1e6:.1f} MB"


# --- the checks --------------------------------------------------------------------


def check_version(exe: Path, env: dict[str, str]) -> str:
    out = expect_ok(run([str(exe), "--version"], env=env), f"{exe.name} --version").strip()
    if project_version() not in out:
        raise CheckFailed(f"--version printed {out!r}, expected version {project_version()}")
    return out


def check_format_list(exe: Path, env: dict[str, str]) -> str:
    result = run([str(exe), "export", "--list"], env=env)
    out = expect_ok(result, "export --list")
    listed = [line.split()[0] for line in out.splitlines() if line.strip()]
    missing = [f for f in FORMATS if f not in listed]
    if missing:
        raise CheckFailed(
            f"export --list lacks {', '.join(missing)} (listed: {', '.join(listed) or 'none'}); "
            f"stderr: {result.stderr.strip()[:300]}"
        )
    if "skipped" in result.stderr:
        raise CheckFailed(f"a format was skipped: {result.stderr.strip()[:300]}")
    return ", ".join(listed)


def bundle_sample(bundle: Path) -> Path:
    found = sorted(bundle.rglob("resources/sample/resume.json"))
    if not found:
        raise CheckFailed(f"the bundle has no resources/sample/resume.json under {bundle}")
    return found[0]


def sample_name(sample: Path) -> str:
    # Read with the json module, not the project's loader: the reference must be independent.
    name = json.loads(sample.read_text(encoding="utf-8"))["basics"]["name"]
    return str(name)


def check_exports(exe: Path, env: dict[str, str], sample: Path, out: Path) -> str:
    name = sample_name(sample)
    command = [str(exe), "export", str(sample), "--format", ",".join(FORMATS), "--out", str(out)]
    expect_ok(run(command, env=env), "export of the sample")
    files = {f: sorted(out.glob(f"*.{f}")) for f in FORMATS}
    absent = [f for f, found in files.items() if not found]
    if absent:
        raise CheckFailed(f"no .{', .'.join(absent)} file was written in {out}")
    details = [_read_pdf(files["pdf"][0], name), _read_docx(files["docx"][0], name)]
    details.append(_read_text(files["txt"][0], name))
    details.append(_read_markdown(files["md"][0], name))
    details.append(_read_json(files["json"][0], name))
    return "; ".join(details)


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _read_pdf(path: Path, name: str) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = len(reader.pages)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    if pages < 1 or _normalised(name) not in _normalised(text):
        raise CheckFailed(f"{path.name}: {pages} page(s), and the name {name!r} is not in its text")
    return f"pdf {pages} page(s)"


def _read_docx(path: Path, name: str) -> str:
    import docx

    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    if not any(_normalised(name) in _normalised(p) for p in paragraphs):
        raise CheckFailed(f"{path.name}: no paragraph holds the name {name!r}")
    return f"docx {len(paragraphs)} paragraphs"


def _read_text(path: Path, name: str) -> str:
    text = path.read_text(encoding="utf-8")
    if _normalised(name) not in _normalised(text):
        raise CheckFailed(f"{path.name}: the name {name!r} is missing")
    return f"txt {len(text.splitlines())} lines"


def _read_markdown(path: Path, name: str) -> str:
    import markdown

    html = markdown.markdown(path.read_text(encoding="utf-8"))
    if _normalised(name) not in _normalised(html):
        raise CheckFailed(f"{path.name}: the name {name!r} is not in the rendered Markdown")
    return f"md {html.count('<h')} headings"


def _read_json(path: Path, name: str) -> str:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CheckFailed(f"{path.name} is not JSON: {exc}") from None
    if data.get("basics", {}).get("name") != name:
        raise CheckFailed(f"{path.name}: basics.name is {data.get('basics', {}).get('name')!r}")
    return "json parses"


def check_import_and_validate(exe: Path, env: dict[str, str], sample: Path, out: Path) -> str:
    """The Markdown reader and ``validate`` frozen too; bad input exits 2 with one line."""
    markdown_sample = sample.with_name("resume.md")
    if not markdown_sample.is_file():
        raise CheckFailed(f"the bundle has no {markdown_sample.name} beside {sample.name}")
    out.mkdir(parents=True, exist_ok=True)
    imported = out / "imported.json"
    command = [str(exe), "import", str(markdown_sample), "-o", str(imported)]
    expect_ok(run(command, env=env), "import of the Markdown sample")
    name = json.loads(imported.read_text(encoding="utf-8"))["basics"]["name"]
    if name != sample_name(sample):
        raise CheckFailed(
            f"the imported résumé is named {name!r}, the sample {sample_name(sample)!r}"
        )
    expect_ok(run([str(exe), "validate", str(imported)], env=env), "validate")
    missing = run([str(exe), "export", str(out / "no-such-file.json")], env=env)
    lines = missing.stderr.strip().splitlines()
    if missing.returncode != 2 or len(lines) != 1:
        raise CheckFailed(
            f"a missing file gave exit {missing.returncode} and {len(lines)} stderr lines"
        )
    return f"imported {name!r}; validate ok; missing file: exit 2, {lines[0]!r}"


def gui_supports_smoke_test() -> bool:
    """The contract: desktop.app takes --smoke-test and exits 0 after the first preview."""
    source = ROOT / "desktop" / "app.py"
    return source.is_file() and "--smoke-test" in source.read_text(encoding="utf-8")


@dataclass
class GuiRun:
    first_paint_s: float | None
    exit_s: float
    returncode: int
    stderr: str


def start_gui(exe: Path, sample: Path, home: Path) -> GuiRun:
    env = clean_env(home) | {FIRST_PAINT_ENV: "1"}
    started = time.monotonic()
    process = subprocess.Popen(
        [str(exe), str(sample), "--smoke-test"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    # A thread timestamps each stderr line as it arrives; the main thread owns the timeout.
    events: list[tuple[float, str]] = []

    def pump() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            events.append((time.monotonic() - started, line))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        code = process.wait(timeout=GUI_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise CheckFailed(f"the editor did not exit within {GUI_TIMEOUT_S} s") from None
    exited = time.monotonic() - started
    reader.join(timeout=5)
    first_paint = next((t for t, line in events if line.startswith("first-paint:")), None)
    lines = [line for _, line in events]
    return GuiRun(first_paint, exited, code, "".join(lines))


def evict_from_page_cache(folder: Path) -> bool:
    """Drop the bundle's own files from the page cache, so the next start reads them from disk.

    Only these files are evicted (posix_fadvise DONTNEED), not the whole machine's
    cache: system libraries such as libc stay warm, as they are on any desktop.
    """
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def check_gui(exe: Path, sample: Path, work: Path, runs: int, report: Report) -> None:
    cold: list[GuiRun] = []
    warm: list[GuiRun] = []
    can_evict = evict_from_page_cache(exe.parent)

    def first() -> str:
        outcome = start_gui(exe, sample, work / "gui-home-0")
        cold.append(outcome)
        if outcome.returncode != 0:
            tail = " | ".join(outcome.stderr.strip().splitlines()[-6:])
            raise CheckFailed(f"--smoke-test exited with {outcome.returncode}: {tail}")
        rendered = [ln for ln in outcome.stderr.splitlines() if ln.startswith("smoke test:")]
        return rendered[-1] if rendered else "exit 0"

    if not report.check("editor starts offscreen and renders the first preview", first):
        return
    for i in range(1, runs):
        evict_from_page_cache(exe.parent)
        cold.append(start_gui(exe, sample, work / f"gui-home-c{i}"))
    for i in range(runs):
        warm.append(start_gui(exe, sample, work / f"gui-home-w{i}"))
    kinds = [("cold: bundle evicted from the page cache", cold)] if can_evict else []
    kinds.append(("warm", warm))
    for label, timings in kinds:
        paints = [t.first_paint_s for t in timings if t.first_paint_s is not None]
        exits = [t.exit_s for t in timings if t.returncode == 0]
        report.figures.append(
            (
                f"start to first painted window, {label} (median of {len(paints)})",
                f"{statistics.median(paints):.2f} s" if paints else "not reported",
                "<= 2 s",
            )
        )
        if exits:
            report.figures.append(
                (
                    f"start to first PDF preview rendered and exit, {label} (median of {len(exits)})",
                    f"{statistics.median(exits):.2f} s",
                    "",
                )
            )


def check_tarball(tarball: Path, work: Path) -> str:
    unpack = work / "tarball"
    unpack.mkdir()
    expect_ok(run(["tar", "-xzf", str(tarball), "-C", str(unpack)]), "tar -x")
    (top,) = list(unpack.iterdir())
    home = work / "install-home"
    home.mkdir()
    env = clean_env(home)
    expect_ok(run(["bash", str(top / "install.sh"), "--user"], env=env), "install.sh --user")
    launcher = home / ".local" / "bin" / APP
    if not launcher.is_symlink():
        raise CheckFailed(f"install.sh made no command link at {launcher}")
    version = check_version(launcher, env)
    desktop = home / ".local" / "share" / "applications" / f"{APP}.desktop"
    mime_db = home / ".local" / "share" / "mime" / "packages" / f"{APP}.xml"
    icon = home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP}.png"
    for path in (desktop, mime_db, icon):
        if not path.is_file():
            raise CheckFailed(f"install.sh did not install {path.relative_to(home)}")
    detail = [version]
    if shutil.which("desktop-file-validate"):
        expect_ok(run(["desktop-file-validate", str(desktop)]), "desktop-file-validate")
        detail.append("desktop entry valid")
    else:
        detail.append("DESKTOP ENTRY NOT VALIDATED (no desktop-file-validate)")
    if shutil.which("xdg-mime") and shutil.which("update-mime-database"):
        resume = home / "Jane_Doe.resume.json"
        resume.write_text('{"basics": {"name": "Jane Doe"}}\n', encoding="utf-8")
        mime = run(["xdg-mime", "query", "filetype", str(resume)], env=env).stdout.strip()
        default = run(
            ["xdg-mime", "query", "default", "application/x-resume+json"], env=env
        ).stdout.strip()
        if mime != "application/x-resume+json" or default != f"{APP}.desktop":
            raise CheckFailed(f"*.resume.json is {mime!r}, opened by {default!r}")
        detail.append("*.resume.json opens with resume-studio.desktop")
        resume.unlink()
    else:
        detail.append("FILE ASSOCIATION NOT CHECKED (no xdg-mime / update-mime-database)")
    uninstall = home / ".local" / "lib" / APP / "uninstall.sh"
    expect_ok(run([str(uninstall)], env=env), "uninstall.sh")
    left = [
        str(p.relative_to(home))
        for p in home.rglob("*")
        if p.is_file() and "runtime" not in p.parts and p.name != "mimeapps.list"
    ]
    if left or launcher.exists() or launcher.is_symlink():
        raise CheckFailed(f"uninstall.sh left files behind: {left[:5]}")
    detail.append("uninstall.sh removed everything")
    return "; ".join(detail)


def check_deb_layout(deb: Path, work: Path) -> str:
    root = work / "deb-x"
    expect_ok(run(["dpkg-deb", "-x", str(deb), str(root)]), "dpkg-deb -x")
    link = root / "usr" / "bin" / APP
    if not link.is_symlink() or str(link.readlink()) != f"/opt/{APP}/{APP}":
        raise CheckFailed("usr/bin/resume-studio is not a link to /opt/resume-studio/resume-studio")
    for relative in (
        f"usr/share/applications/{APP}.desktop",
        f"usr/share/mime/packages/{APP}.xml",
        f"usr/share/icons/hicolor/256x256/apps/{APP}.png",
        f"usr/share/icons/hicolor/scalable/apps/{APP}.svg",
        f"usr/share/doc/{APP}/copyright",
    ):
        if not (root / relative).is_file():
            raise CheckFailed(f"the .deb lacks /{relative}")
    env = clean_env(work / "deb-home")
    version = check_version(root / "opt" / APP / APP, env)
    fields = expect_ok(run(["dpkg-deb", "-f", str(deb), "Package", "Depends"]), "dpkg-deb -f")
    return f"{version}; " + " ".join(fields.split())


def check_deb_system_install(deb: Path, work: Path) -> str:
    if run(["dpkg-query", "-W", "-f=${Status}", APP]).stdout.startswith("install ok"):
        raise CheckFailed("resume-studio is already installed here; not replacing it")
    expect_ok(run(["dpkg", "-i", str(deb)], timeout=300), "dpkg -i")
    try:
        env = clean_env(work / "system-home")
        version = check_version(Path("/usr/bin") / APP, env)
        check_format_list(Path("/usr/bin") / APP, env)
        mime = "not checked"
        if shutil.which("xdg-mime"):
            probe = work / "probe.resume.json"
            probe.write_text('{"basics": {"name": "Jane Doe"}}\n', encoding="utf-8")
            mime = run(["xdg-mime", "query", "filetype", str(probe)], env=env).stdout.strip()
            if mime != "application/x-resume+json":
                raise CheckFailed(f"after dpkg -i, *.resume.json is {mime!r}")
    finally:
        expect_ok(run(["dpkg", "-P", APP], timeout=300), "dpkg -P")
    leftovers = [
        p
        for p in (
            Path("/opt") / APP,
            Path("/usr/bin") / APP,
            Path("/usr/share/applications") / f"{APP}.desktop",
            Path("/usr/share/mime/application/x-resume+json.xml"),
        )
        if p.exists() or p.is_symlink()
    ]
    if leftovers:
        raise CheckFailed(f"dpkg -P left {', '.join(map(str, leftovers))}")
    return f"{version}; {mime}; dpkg -P removed everything"


# --- the command -------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="build output folder")
    parser.add_argument("--skip-build", action="store_true", help="test the build in --dist")
    parser.add_argument(
        "--build-option",
        action="append",
        default=[],
        metavar="OPTION",
        help="passed on to build.py, e.g. --build-option=--deb-compression=gzip",
    )
    parser.add_argument("--runs", type=int, default=5, help="editor starts to time (default 5)")
    parser.add_argument(
        "--system-install",
        action="store_true",
        help="also dpkg -i / dpkg -P the .deb on this machine (root only)",
    )
    args = parser.parse_args(argv)
    dist = Path(args.dist).resolve()
    report = Report()

    if not args.skip_build:
        say("== building (packaging/build.py)")
        started = time.monotonic()
        command = [sys.executable, str(ROOT / "packaging" / "build.py"), "--out", str(dist)]
        result = subprocess.run([*command, *args.build_option], check=False)
        if result.returncode != 0:
            say("FAIL  build.py failed; nothing to test")
            return 1
        report.figures.append(
            ("build time (bundle + tarball + .deb)", f"{time.monotonic() - started:.0f} s", "")
        )
    info_file = dist / "build-info.json"
    if not info_file.is_file():
        say(f"FAIL  {info_file} is missing: run packaging/build.py --out {dist} first")
        return 1
    info = json.loads(info_file.read_text(encoding="utf-8"))
    bundle = Path(info["bundle"])
    exe = bundle / (f"{APP}.exe" if sys.platform == "win32" else APP)
    if "bundle_seconds" in info:
        report.figures.append(("PyInstaller time", f"{info['bundle_seconds']:.0f} s", ""))
    du = run(["du", "-sb", str(bundle)]).stdout.split()
    report.figures.append(
        (
            "bundle size unpacked (du -sb)",
            mb(int(du[0])) if du else mb(info["bundle_bytes"]),
            "<= 180 MB",
        )
    )
    for key, label in (("tarball", "Linux tarball"), ("deb", ".deb")):
        if key in info:
            report.figures.append((label, mb(info[f"{key}_bytes"]), "<= 80 MB"))

    with tempfile.TemporaryDirectory(prefix="resume-studio-smoke-") as tmp:
        work = Path(tmp)
        env = clean_env(work / "cli-home")
        report.check("bundle --version", lambda: check_version(exe, env))
        report.check(
            "bundle export --list shows the five built-in formats",
            lambda: check_format_list(exe, env),
        )
        try:
            sample = bundle_sample(bundle)
        except CheckFailed as exc:
            report.results.append(("FAIL", "bundle carries the sample", str(exc)))
            say(f"FAIL  bundle carries the sample: {exc}")
            sample = None
        if sample is not None:
            report.check(
                "bundle exports the sample to every format (read back independently)",
                lambda: check_exports(exe, env, sample, work / "exports"),
            )
            report.check(
                "bundle imports the Markdown sample, validates it, rejects a missing file",
                lambda: check_import_and_validate(exe, env, sample, work / "imported"),
            )
            if gui_supports_smoke_test():
                check_gui(exe, sample, work, max(1, args.runs), report)
            else:
                report.skip(
                    "editor smoke test",
                    "desktop/app.py has no --smoke-test flag yet; the GUI was NOT tested",
                )
        if "tarball" in info:
            report.check(
                "tarball install.sh --user into a temporary HOME, run, uninstall",
                lambda: check_tarball(Path(info["tarball"]), work),
            )
        elif sys.platform.startswith("linux"):
            report.skip("tarball install", "build-info.json lists no tarball")
        if "deb" in info:
            report.check(
                ".deb layout (dpkg-deb -x) and its binary",
                lambda: check_deb_layout(Path(info["deb"]), work),
            )
            if args.system_install:
                if os.geteuid() == 0:
                    report.check(
                        ".deb dpkg -i, run, dpkg -P on this machine",
                        lambda: check_deb_system_install(Path(info["deb"]), work),
                    )
                else:
                    report.skip(".deb system install", "--system-install needs root")
        elif sys.platform.startswith("linux"):
            report.skip(".deb", "build-info.json lists no .deb (built with --skip-deb?)")

    say("\n== measured")
    width = max(len(name) for name, _, _ in report.figures)
    for name, value, target in report.figures:
        say(f"  {name:<{width}}  {value:>9}  {target}")
    say("\n== checks")
    for status, name, _ in report.results:
        say(f"  {status:<8} {name}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
