"""The packaging files: desktop entry, MIME type, icons, spec, scripts, recipes.

Fast checks that need no frozen build (packaging/smoke_test.py tests the build).
Each file is read with a reader that is not the code that made it: configparser and
desktop-file-validate for the .desktop entry, ElementTree and update-mime-database
for the MIME type, QImage for the PNGs, plistlib for Info.plist, bash/shellcheck
for the shell scripts.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
DESKTOP_FILE = RESOURCES / "resume-studio.desktop"
MIME_FILE = RESOURCES / "mime" / "resume-studio.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
OUR_TYPE = "application/x-resume+json"
ACCENT = (0x1F, 0x4E, 0x79)
SHELL_SCRIPTS = [
    PACKAGING / "linux" / "install.sh",
    PACKAGING / "linux" / "uninstall.sh",
    PACKAGING / "macos" / "build-macos.sh",
]
POSIX_SCRIPTS = [PACKAGING / "deb" / "postinst", PACKAGING / "deb" / "postrm"]


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_module() -> ModuleType:
    return _load(PACKAGING / "build.py", "resume_studio_build")


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _list(value: str) -> list[str]:
    return [item for item in value.split(";") if item]


# --- the desktop entry -------------------------------------------------------------


def test_desktop_entry_launches_the_app_with_the_double_clicked_file() -> None:
    entry = _desktop_entry(DESKTOP_FILE)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Résumé Studio"
    assert entry["GenericName"]
    assert entry["Comment"]
    assert entry["Exec"].split() == ["resume-studio", "%f"]
    assert entry["Icon"] == "resume-studio"
    assert entry["Terminal"] == "false"
    assert "Office" in _list(entry["Categories"])


def test_desktop_entry_claims_our_type_and_offers_itself_for_json_and_markdown() -> None:
    mime_types = _list(_desktop_entry(DESKTOP_FILE)["MimeType"])
    defined = [t.get("type") for t in ET.parse(MIME_FILE).getroot()]
    for mime_type in defined:
        assert mime_type in mime_types
    assert {"application/json", "text/markdown"} <= set(mime_types)


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="needs desktop-file-utils")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no warnings either


# --- the MIME type -----------------------------------------------------------------


def test_mime_type_is_a_json_subclass_recognised_by_its_double_extension() -> None:
    root = ET.parse(MIME_FILE).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (mime_type,) = root.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == OUR_TYPE
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")] == ["*.resume.json"]
    parents = [s.get("type") for s in mime_type.findall(f"{MIME_NS}sub-class-of")]
    assert parents == ["application/json"]
    assert mime_type.find(f"{MIME_NS}comment") is not None
    assert mime_type.find(f"{MIME_NS}icon").get("name") == "resume-studio"  # type: ignore[union-attr]


@pytest.mark.skipif(not shutil.which("update-mime-database"), reason="needs shared-mime-info")
def test_update_mime_database_compiles_the_type(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy2(MIME_FILE, packages)
    result = subprocess.run(
        ["update-mime-database", str(tmp_path / "mime")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "XDG_DATA_DIRS": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert f"60:{OUR_TYPE}:*.resume.json" in globs
    subclasses = (tmp_path / "mime" / "subclasses").read_text(encoding="utf-8").split("\n")
    assert f"{OUR_TYPE} application/json" in subclasses


# --- the icons ---------------------------------------------------------------------


def _png_header(path: Path) -> tuple[int, int, int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR"
    assert length == 13
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, depth, colour


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_its_size_and_an_alpha_channel(size: int) -> None:
    path = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "resume-studio.png"
    width, height, depth, colour = _png_header(path)
    assert (width, height) == (size, size)
    assert (depth, colour) == (8, 6)  # 8-bit RGBA


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_shows_the_accent_header_band_on_a_transparent_ground(size: int) -> None:
    from PySide6.QtGui import QImage

    image = QImage(str(RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "resume-studio.png"))
    assert not image.isNull()
    assert image.pixelColor(0, 0).alpha() == 0  # the corner outside the sheet
    # The header band spans y 74..108 and x 72..184 of the 256 design (5..7, 4..11 of
    # the 16-pixel redraw): its middle is the solid accent colour.
    x, y = (7, 5) if size == 16 else (int(size * 0.5), int(size * 0.355))
    colour = image.pixelColor(x, y)
    assert colour.alpha() == 255
    assert all(abs(a - b) <= 6 for a, b in zip(colour.getRgb()[:3], ACCENT, strict=True))


@pytest.mark.skipif(not shutil.which("rsvg-convert"), reason="needs librsvg2-bin")
@pytest.mark.parametrize("size", [s for s in ICON_SIZES if s != 16])
def test_icon_pngs_are_current_renders_of_the_svg(size: int, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    fresh = tmp_path / "fresh.png"
    subprocess.run(
        [
            "rsvg-convert",
            "-w",
            str(size),
            "-h",
            str(size),
            str(RESOURCES / "icons" / "resume-studio.svg"),
            "-o",
            str(fresh),
        ],
        check=True,
    )
    committed = QImage(
        str(RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "resume-studio.png")
    )
    rendered = QImage(str(fresh))

    def rgba(image: QImage) -> bytes:
        converted = image.convertToFormat(QImage.Format.Format_RGBA8888)  # must outlive the view
        return bytes(converted.constBits())

    old, new = rgba(committed), rgba(rendered)
    assert len(old) == len(new)
    # Another librsvg version may anti-alias an edge a few levels differently; a stale
    # PNG (the SVG changed) differs by far more.
    worst = max(abs(a - b) for a, b in zip(old, new, strict=True))
    assert worst <= 48, "re-render the PNGs from resources/icons/resume-studio.svg"
    off = sum(1 for a, b in zip(old, new, strict=True) if abs(a - b) > 4)
    assert off <= len(old) // 100, "re-render the PNGs from resources/icons/resume-studio.svg"


def test_icon_svgs_are_well_formed_squares() -> None:
    for name in ("resume-studio.svg", "resume-studio-16.svg"):
        root = ET.parse(RESOURCES / "icons" / name).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        _, _, width, height = root.get("viewBox", "").split()
        assert width == height


def test_windows_ico_holds_the_pngs(build_module: ModuleType, tmp_path: Path) -> None:
    ico = build_module.write_ico(tmp_path / "app.ico")
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, h, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        image = data[offset : offset + length]
        assert image[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", image[16:24])
        assert (width, height) == (w or 256, h or 256)
        assert (planes, bits) == (1, 32)
        sizes.append(width)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


# --- the PyInstaller spec ----------------------------------------------------------


class _Recorder:
    def __init__(self, kind: str, calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]]):
        self.kind, self.calls = kind, calls

    def __call__(self, *args: Any, **kwargs: Any) -> SimpleNamespace:
        self.calls.append((self.kind, args, kwargs))
        return SimpleNamespace(scripts=[], pure=[], binaries=[], datas=[], args=args, kwargs=kwargs)


def _run_spec() -> dict[str, Any]:
    """Run the spec with the PyInstaller build targets recorded instead of executed."""
    pytest.importorskip("PyInstaller", reason="the packaging extra (pyinstaller) is not installed")
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    namespace: dict[str, Any] = {
        "SPECPATH": str(PACKAGING),
        "__file__": str(PACKAGING / "resume-studio.spec"),
        "__name__": "__main__",
    }
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = _Recorder(kind, calls)
    source = (PACKAGING / "resume-studio.spec").read_text(encoding="utf-8")
    exec(compile(source, "resume-studio.spec", "exec"), namespace)
    namespace["_calls"] = calls
    return namespace


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return _run_spec()


def _import_pyinstaller_first() -> None:
    """PyInstaller reads the real platform when first imported; do that before faking it."""
    pytest.importorskip("PyInstaller.utils.hooks", reason="the packaging extra is not installed")
    pytest.importorskip("PyInstaller.depend.bindepend")


def _targets(namespace: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [kw for k, _, kw in namespace["_calls"] if k == kind]


def test_spec_on_windows_builds_a_console_cli_and_a_windowed_editor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The recipe cannot run here; its decisions can. PyInstaller itself stays the
    # Linux one, only the spec's own platform switches see Windows.
    _import_pyinstaller_first()
    monkeypatch.setattr(sys, "platform", "win32")
    namespace = _run_spec()
    exes = {kw["name"]: kw for kw in _targets(namespace, "EXE")}
    assert exes["resume-studio"]["console"] is True
    assert exes["resume-studio-gui"]["console"] is False
    assert all(kw["strip"] is False for kw in exes.values())
    (collect,) = [args for k, args, _ in namespace["_calls"] if k == "COLLECT"]
    assert collect[0] is not collect[1]  # both executables land in the one folder
    assert _targets(namespace, "BUNDLE") == []


def test_spec_on_macos_wraps_the_editor_in_an_app_with_our_document_types(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tomllib

    _import_pyinstaller_first()
    monkeypatch.setattr(sys, "platform", "darwin")
    namespace = _run_spec()
    (collect_args,) = [args for k, args, _ in namespace["_calls"] if k == "COLLECT"]
    exes = _targets(namespace, "EXE")
    # BUNDLE makes the first executable the .app's CFBundleExecutable: it must be the editor.
    assert [kw["name"] for kw in exes][:1] == ["resume-studio-gui"] or exes[0][
        "name"
    ] == "resume-studio"
    first_exe = collect_args[0]
    assert first_exe.kwargs["name"] == "resume-studio-gui"
    assert first_exe.kwargs["console"] is False
    assert first_exe.kwargs["argv_emulation"] is True  # Finder's "open file" arrives as argv
    (bundle,) = _targets(namespace, "BUNDLE")
    assert bundle["name"] == "Résumé Studio.app"
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert bundle["version"] == version
    plist = bundle["info_plist"]
    assert plist["CFBundleShortVersionString"] == version
    assert {d["CFBundleTypeName"] for d in plist["CFBundleDocumentTypes"]} == {
        "JSON Resume document",
        "Markdown résumé",
    }


def _analysis(spec: dict[str, Any]) -> dict[str, Any]:
    (kwargs,) = [kw for kind, _, kw in spec["_calls"] if kind == "Analysis"]
    return kwargs


def test_spec_bundles_every_resource_file(spec: dict[str, Any]) -> None:
    datas = {(Path(src), dest) for src, dest in _analysis(spec)["datas"]}
    expected = [
        p
        for p in RESOURCES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".py", ".pyc"}
    ]
    assert len(expected) > 20
    for path in expected:
        assert (path, str(path.parent.relative_to(ROOT))) in datas, path
    names = {src.name for src, _ in datas}
    for needed in ("resume.json", "jsonresume-1.0.schema.json", "resume-studio.svg"):
        assert needed in names
    assert any(src.suffix == ".ttf" for src, _ in datas)


def test_spec_freezes_the_installed_entry_points(spec: dict[str, Any]) -> None:
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "entry-points"
    ]["resume_studio.exporters"]
    metadata = [Path(src) for src, _ in _analysis(spec)["datas"] if src.endswith(".dist-info")]
    assert len(metadata) == 1
    # The installed copy, not a resume_studio.egg-info lying in the checkout.
    assert metadata[0].resolve().parent.name in {"site-packages", "dist-packages"}
    text = (metadata[0] / "entry_points.txt").read_text(encoding="utf-8")
    for name, target in declared.items():
        assert re.search(rf"^{name}\s*=\s*{re.escape(target)}$", text, flags=re.MULTILINE)
    hidden = set(_analysis(spec)["hiddenimports"])
    assert {target.split(":")[0] for target in declared.values()} <= hidden
    assert set(declared) == {"pdf", "docx", "txt", "md", "json"}


def test_spec_excludes_heavy_qt_modules_the_app_does_not_import(spec: dict[str, Any]) -> None:
    excludes = set(_analysis(spec)["excludes"])
    for module in ("QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"):
        assert f"PySide6.{module}" in excludes
    for module in ("QtCharts", "QtDesigner", "QtNetwork", "QtSql", "QtTest"):
        assert f"PySide6.{module}" in excludes
    used = set()
    for source in (ROOT / "desktop").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    assert used, "the desktop package imports no Qt module?"
    assert not {f"PySide6.{m}" for m in used} & excludes


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqwebp.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
        ("PySide6/Qt/translations/qtdeclarative_de.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("resources/fonts/carlito/Carlito-Regular.ttf", True),
    ],
)
def test_spec_keeps_only_the_qt_plugins_the_app_needs(
    spec: dict[str, Any], dest: str, kept: bool
) -> None:
    assert spec["_keep"](dest) is kept


def test_spec_drops_the_libraries_only_left_out_plugins_needed(
    spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PyInstaller.depend import bindepend

    imports = {
        "/x/libqgtk3.so": ["libgtk-3.so.0", "libglib-2.0.so.0"],
        "/x/libgtk-3.so.0": ["libpango-1.0.so.0"],
        "/x/libpango-1.0.so.0": [],
        "/x/libqxcb.so": ["libglib-2.0.so.0", "libxcb-cursor.so.0"],
        "/x/libglib-2.0.so.0": [],
        "/x/libxcb-cursor.so.0": [],
    }
    monkeypatch.setattr(
        bindepend, "get_imports", lambda src, *_: [(name, None) for name in imports[src]]
    )
    binaries = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x/libqgtk3.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
        *((Path(src).name, src, "BINARY") for src in imports if "libq" not in src),
    ]
    kept = {dest for dest, _, _ in spec["_prune"](binaries)}
    assert kept == {
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libglib-2.0.so.0",  # the kept xcb plugin needs it too
        "libxcb-cursor.so.0",
    }


def test_spec_drops_qt_translations_unless_the_app_loads_them(spec: dict[str, Any]) -> None:
    loads = any(
        "QTranslator" in p.read_text(encoding="utf-8") for p in (ROOT / "desktop").rglob("*.py")
    )
    assert spec["_keep"]("PySide6/Qt/translations/qtbase_fr.qm") is loads


def test_spec_builds_a_windowed_editor_only_where_the_os_distinguishes(
    spec: dict[str, Any],
) -> None:
    exes = [kw for kind, _, kw in spec["_calls"] if kind == "EXE"]
    by_name = {kw["name"]: kw for kw in exes}
    assert by_name["resume-studio"]["console"] is True
    if sys.platform in ("win32", "darwin"):
        assert by_name["resume-studio-gui"]["console"] is False
    else:
        assert set(by_name) == {"resume-studio"}
    assert all(kw["upx"] is False for kw in exes)


def test_launcher_picks_the_editor_by_executable_name(monkeypatch: pytest.MonkeyPatch) -> None:
    launcher = _load(PACKAGING / "launcher.py", "resume_studio_launcher")
    monkeypatch.setattr(sys, "executable", r"C:\Program Files\Résumé Studio\resume-studio-gui.exe")
    assert launcher._is_gui_executable()
    monkeypatch.setattr(sys, "executable", "/opt/resume-studio/resume-studio")
    assert not launcher._is_gui_executable()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"LD_LIBRARY_PATH": "/opt/rs/_internal"}, {}),
        (
            {"LD_LIBRARY_PATH": "/opt/rs/_internal", "LD_LIBRARY_PATH_ORIG": "/usr/local/lib"},
            {"LD_LIBRARY_PATH": "/usr/local/lib"},
        ),
    ],
)
def test_frozen_linux_app_starts_programs_with_the_users_library_path(
    monkeypatch: pytest.MonkeyPatch, before: dict[str, str], after: dict[str, str]
) -> None:
    launcher = _load(PACKAGING / "launcher.py", "resume_studio_launcher")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in before.items():
        monkeypatch.setenv(name, value)
    launcher._restore_library_path()
    seen = {
        n: os.environ[n] for n in ("LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG") if n in os.environ
    }
    assert seen == after
    # A child process sees the same.
    child = subprocess.run(
        ["sh", "-c", 'printf "%s" "${LD_LIBRARY_PATH-unset}"'],
        capture_output=True,
        text=True,
        check=True,
    )
    assert child.stdout == after.get("LD_LIBRARY_PATH", "unset")


def test_checksums_verify_with_sha256sum(build_module: ModuleType, tmp_path: Path) -> None:
    for name, data in (("a.tar.gz", b"tarball"), ("b.deb", b"\x00" * 3_000_000)):
        (tmp_path / name).write_bytes(data)
    sums = build_module.write_checksums(
        [tmp_path / "a.tar.gz", tmp_path / "b.deb"], tmp_path / "SHA256SUMS"
    )
    # coreutils' sha256sum is the reader users have.
    subprocess.run(["sha256sum", "--check", "--quiet", sums.name], cwd=tmp_path, check=True)
    (tmp_path / "b.deb").write_bytes(b"tampered")
    result = subprocess.run(
        ["sha256sum", "--check", "--quiet", sums.name],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert result.returncode != 0


def test_windowed_exe_without_console_streams_can_still_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    launcher = _load(PACKAGING / "launcher.py", "resume_studio_launcher")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    launcher._ensure_std_streams()
    assert sys.stderr is not None
    sys.stderr.write("smoke test: pdf preview rendered\n")  # no AttributeError
    sys.stderr.close()
    sys.stdout.close()


# --- the .deb helpers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("library", "package"),
    [
        ("libxcb.so.1", "libxcb1"),
        ("libwayland-cursor.so.0", "libwayland-cursor0"),
        ("libEGL.so.1", "libegl1"),
        ("libfoo2.so.3", "libfoo2-3"),
        ("libssl.so.3", "libssl3"),
    ],
)
def test_debian_package_names_follow_policy(
    build_module: ModuleType, library: str, package: str
) -> None:
    assert build_module._policy_name(library) == package


@pytest.mark.skipif(not shutil.which("patchelf"), reason="needs patchelf")
def test_build_machine_runpaths_are_removed_and_bundle_ones_kept(
    build_module: ModuleType, tmp_path: Path
) -> None:
    import _ctypes  # any real shared object will do as a specimen

    bundle = tmp_path / "bundle"
    bundle.mkdir()
    mixed, foreign = bundle / "mixed.so", bundle / "foreign.so.1"
    for target in (mixed, foreign):
        shutil.copy2(_ctypes.__file__, target)
    subprocess.run(
        ["patchelf", "--set-rpath", "$ORIGIN/../lib:/home/ci/py/lib", str(mixed)], check=True
    )
    subprocess.run(
        ["patchelf", "--set-rpath", "/opt/build-host/python/lib", str(foreign)], check=True
    )

    assert build_module.scrub_runpaths(bundle) == 2

    def runpath(path: Path) -> str:
        dump = subprocess.run(
            ["objdump", "-p", str(path)], capture_output=True, text=True, check=True
        )
        found = re.search(r"^\s+(?:RUNPATH|RPATH)\s+(\S+)", dump.stdout, flags=re.MULTILINE)
        return found.group(1) if found else ""

    assert runpath(mixed) == "$ORIGIN/../lib"
    assert runpath(foreign) == ""
    assert build_module.scrub_runpaths(bundle) == 0  # nothing left to do


def test_tree_modes_make_programs_executable_and_libraries_not(
    build_module: ModuleType, tmp_path: Path
) -> None:
    files = {
        "resume-studio": 0o755,
        "_internal/libQt6Core.so.6": 0o644,
        "_internal/PySide6/QtCore.abi3.so": 0o644,
        "_internal/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so": 0o644,
        "_internal/resources/sample/resume.json": 0o644,
        "install.sh": 0o755,
    }
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
        path.chmod(0o775 if name != "_internal/resources/sample/resume.json" else 0o600)
    build_module.normalise_modes(tmp_path)
    for name, mode in files.items():
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name
    assert stat.S_IMODE((tmp_path / "_internal").stat().st_mode) == 0o755


def test_deb_changelog_is_a_gzipped_debian_changelog(
    build_module: ModuleType, tmp_path: Path
) -> None:
    import gzip

    target = build_module.write_deb_changelog(tmp_path / "changelog.gz", "1.2.3")
    text = gzip.decompress(target.read_bytes()).decode("utf-8")
    assert re.match(r"^resume-studio \(1\.2\.3\) stable; urgency=medium\n", text)
    assert re.search(
        r"^ -- .+ <.+@.+>  \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$", text, re.M
    )
    if shutil.which("dpkg-parsechangelog"):
        (tmp_path / "changelog").write_text(text, encoding="utf-8")
        fields = subprocess.run(
            ["dpkg-parsechangelog", "-l", str(tmp_path / "changelog"), "-S", "Version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert fields.stdout.strip() == "1.2.3"


def test_deb_control_template_has_every_field_filled_by_build(build_module: ModuleType) -> None:
    template = (PACKAGING / "deb" / "control.in").read_text(encoding="utf-8")
    source = (PACKAGING / "build.py").read_text(encoding="utf-8")
    placeholders = set(re.findall(r"@[A-Z_]+@", template))
    assert placeholders == {"@VERSION@", "@ARCH@", "@DEPENDS@", "@RECOMMENDS@", "@INSTALLED_SIZE@"}
    for placeholder in placeholders:
        assert f'"{placeholder}"' in source
    for field in ("Package", "Version", "Architecture", "Maintainer", "Description"):
        assert re.search(rf"^{field}: ", template, flags=re.MULTILINE)


# --- the shell scripts -------------------------------------------------------------


@pytest.mark.parametrize("script", SHELL_SCRIPTS + POSIX_SCRIPTS, ids=lambda p: p.name)
def test_script_is_executable_and_parses(script: Path) -> None:
    assert script.stat().st_mode & stat.S_IXUSR
    shell = "sh" if script in POSIX_SCRIPTS else "bash"
    result = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which("shellcheck"), reason="needs shellcheck")
@pytest.mark.parametrize("script", SHELL_SCRIPTS + POSIX_SCRIPTS, ids=lambda p: p.name)
def test_script_passes_shellcheck(script: Path) -> None:
    result = subprocess.run(
        ["shellcheck", str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def _fake_tarball(build_module: ModuleType, top: Path) -> Path:
    """The tarball's layout with a stand-in program instead of a 150 MB bundle."""
    app = top / "app"
    app.mkdir(parents=True)
    program = app / "resume-studio"
    program.write_text('#!/bin/sh\necho "resume-studio 9.9.9 $*"\n', encoding="utf-8")
    program.chmod(0o755)
    build_module.copy_share_tree(top / "share")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(PACKAGING / "linux" / script, top / script)
    return top


def _user_env(home: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}


@pytest.mark.parametrize("shell", ["bash", "sh"])  # `sh install.sh` is dash on Debian
def test_install_sh_installs_for_the_user_and_uninstall_removes_it(
    build_module: ModuleType, tmp_path: Path, shell: str
) -> None:
    top = _fake_tarball(build_module, tmp_path / "unpacked")
    home = tmp_path / "a home with spaces"
    home.mkdir()
    env = _user_env(home)
    subprocess.run(
        [shell, str(top / "install.sh"), "--user"], env=env, check=True, capture_output=True
    )

    app_dir = home / ".local" / "lib" / "resume-studio"
    link = home / ".local" / "bin" / "resume-studio"
    assert link.is_symlink()
    assert link.resolve() == (app_dir / "resume-studio").resolve()
    out = subprocess.run([str(link), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "resume-studio 9.9.9 --version"
    share = home / ".local" / "share"
    for size in ICON_SIZES:
        assert (
            share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "resume-studio.png"
        ).is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "resume-studio.svg").is_file()
    assert (share / "mime" / "packages" / "resume-studio.xml").is_file()
    entry = _desktop_entry(share / "applications" / "resume-studio.desktop")
    # The menu entry runs the program by its full, quoted path.
    assert entry["Exec"] == f'"{app_dir}/resume-studio" %f'
    if shutil.which("desktop-file-validate"):
        subprocess.run(
            ["desktop-file-validate", str(share / "applications" / "resume-studio.desktop")],
            check=True,
        )
    if shutil.which("update-mime-database"):
        assert f"{OUR_TYPE}:*.resume.json" in (share / "mime" / "globs2").read_text(
            encoding="utf-8"
        )

    subprocess.run([shell, str(app_dir / "uninstall.sh")], env=env, check=True, capture_output=True)
    assert not app_dir.exists()
    assert not link.is_symlink()
    left = [p for p in home.rglob("*") if p.is_file() and p.name != "mimeapps.list"]
    assert left == []
    mimeapps = home / ".config" / "mimeapps.list"
    if mimeapps.exists():
        assert OUR_TYPE not in mimeapps.read_text(encoding="utf-8")


def test_install_sh_upgrades_in_place(build_module: ModuleType, tmp_path: Path) -> None:
    top = _fake_tarball(build_module, tmp_path / "unpacked")
    home = tmp_path / "home"
    home.mkdir()
    env = _user_env(home)
    for _ in range(2):
        subprocess.run(
            ["bash", str(top / "install.sh"), "--user"], env=env, check=True, capture_output=True
        )
    manifest = home / ".local" / "lib" / "resume-studio" / ".resume-studio-install"
    files = [
        line
        for line in manifest.read_text(encoding="utf-8").splitlines()
        if line.startswith("file=")
    ]
    assert len(files) == len(set(files)) == 1 + 1 + len(ICON_SIZES) + 1 + 1


def test_install_sh_leaves_a_folder_it_did_not_make_alone(
    build_module: ModuleType, tmp_path: Path
) -> None:
    top = _fake_tarball(build_module, tmp_path / "unpacked")
    home = tmp_path / "home"
    foreign = home / ".local" / "lib" / "resume-studio"
    foreign.mkdir(parents=True)
    (foreign / "precious.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run(
        ["bash", str(top / "install.sh"), "--user"],
        env=_user_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "not made by this installer" in result.stderr
    assert (foreign / "precious.txt").read_text(encoding="utf-8") == "mine"


def test_install_sh_rejects_an_unknown_option(build_module: ModuleType, tmp_path: Path) -> None:
    top = _fake_tarball(build_module, tmp_path / "unpacked")
    result = subprocess.run(
        ["bash", str(top / "install.sh"), "--bogus"],
        env=_user_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "unknown option '--bogus'" in result.stderr


def test_tarball_readme_names_the_folders_install_sh_uses() -> None:
    readme = (PACKAGING / "linux" / "README.txt").read_text(encoding="utf-8")
    script = (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8")
    for folder, spelled in (
        ("~/.local/lib/resume-studio", '"$HOME/.local/lib/resume-studio"'),
        ("/opt/resume-studio", '"/opt/resume-studio"'),
        ("/usr/local/bin", '"/usr/local/bin"'),
        ("~/.local/bin", '"$HOME/.local/bin"'),
    ):
        assert folder in readme
        assert spelled in script


# --- Windows and macOS recipes (they cannot run here; their inputs can be checked) ----


def test_info_plist_declares_json_and_markdown_as_alternate_handler() -> None:
    import plistlib

    text = (PACKAGING / "macos" / "Info.plist").read_text(encoding="utf-8")
    plist = plistlib.loads(text.replace("@VERSION@", "1.2.3").encode("utf-8"))
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert "CFBundleExecutable" not in plist  # PyInstaller sets it to the editor
    types = {t for doc in plist["CFBundleDocumentTypes"] for t in doc["LSItemContentTypes"]}
    assert types == {"public.json", "net.daringfireball.markdown"}
    assert {doc["LSHandlerRank"] for doc in plist["CFBundleDocumentTypes"]} == {"Alternate"}


def test_inno_setup_script_packs_the_bundle_and_opens_files_with_the_windowed_exe() -> None:
    raw = (PACKAGING / "windows" / "resume-studio.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup reads UTF-8 only with a BOM
    text = raw.decode("utf-8-sig")
    assert '#define GuiExe "resume-studio-gui.exe"' in text
    assert '#define CliExe "resume-studio.exe"' in text
    assert r'Source: "{#Dist}\resume-studio\*"' in text
    assert r'"""{app}\{#GuiExe}"" ""%1"""' in text
    assert r"Software\Classes\.json\OpenWithProgids" in text
    assert r"Software\Classes\.md\OpenWithProgids" in text


def test_workflow_builds_on_all_three_runners() -> None:
    text = (ROOT / ".github" / "workflows" / "packaging.yml").read_text(encoding="utf-8")
    for runner in ("ubuntu-", "windows-latest", "macos-latest"):
        assert f"runs-on: {runner}" in text
    for step in ("packaging/smoke_test.py", "resume-studio.iss", "build-macos.sh"):
        assert step in text
    assert "\t" not in text
