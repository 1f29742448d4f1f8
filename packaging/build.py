"""Build Résumé Studio's frozen app and its installers with one command.

    python packaging/build.py [--out dist] [--skip-deb] [--skip-tarball] [--reuse-bundle]

On Linux it writes, under ``--out``:

* ``resume-studio/``                                  the PyInstaller one-folder bundle
* ``resume-studio-<version>-linux-x86_64.tar.gz``     bundle + install.sh + uninstall.sh
* ``resume-studio_<version>_amd64.deb``               (unless --skip-deb or no dpkg-deb)
* ``build-info.json``                                 paths, sizes and timings, for smoke_test.py

On Windows and macOS it builds the bundle only; the installers there are made by
``packaging/windows/resume-studio.iss`` and ``packaging/macos/build-macos.sh``
(see .github/workflows/packaging.yml).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
SPEC = PACKAGING / "resume-studio.spec"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
APP_NAME = "resume-studio"


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def say(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def dir_size(path: Path) -> int:
    """Bytes on disk the way `du --apparent-size` counts them; symlinks count as links."""
    total = 0
    for entry in path.rglob("*"):
        if entry.is_symlink():
            continue
        if entry.is_file():
            total += entry.stat().st_size
    return total


# --- icons -------------------------------------------------------------------------


def icon_png(size: int) -> Path:
    return RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / f"{APP_NAME}.png"


def write_ico(target: Path, sizes: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256)) -> Path:
    """A Windows .ico holding our PNGs as they are (Vista+ reads PNG entries).

    Written by hand so the build needs no imaging library.
    """
    images = [icon_png(size).read_bytes() for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for size, data in zip(sizes, images, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(header + entries + b"".join(images))
    return target


# macOS iconset names: (file name, our PNG size). The 512@2x slot (1024 px) stays
# empty: iconutil accepts a partial set and macOS scales the 512.
ICONSET = (
    ("icon_16x16.png", 16),
    ("icon_16x16@2x.png", 32),
    ("icon_32x32.png", 32),
    ("icon_32x32@2x.png", 64),
    ("icon_128x128.png", 128),
    ("icon_128x128@2x.png", 256),
    ("icon_256x256.png", 256),
    ("icon_256x256@2x.png", 512),
    ("icon_512x512.png", 512),
)


def write_icns(target: Path) -> Path:
    """The .app icon, made from our PNGs with Apple's iconutil (macOS only)."""
    if not shutil.which("iconutil"):
        raise BuildError("iconutil is missing: the .icns can only be made on macOS")
    iconset = target.with_suffix(".iconset")
    _reset(iconset)
    for name, size in ICONSET:
        shutil.copy2(icon_png(size), iconset / name)
    result = subprocess.run(
        ["iconutil", "-c", "icns", str(iconset), "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BuildError(f"iconutil failed: {result.stderr.strip()}")
    return target


# --- the bundle --------------------------------------------------------------------


def build_bundle(out: Path, work: Path) -> Path:
    # The spec picks these up by path; they are build products, not sources.
    if sys.platform == "win32":
        write_ico(ROOT / "build" / "icons" / f"{APP_NAME}.ico")
    elif sys.platform == "darwin":
        write_icns(ROOT / "build" / "icons" / f"{APP_NAME}.icns")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError(
            "PyInstaller is not installed; run: pip install -e '.[packaging]'"
        ) from None
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(out),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    say("== PyInstaller: " + " ".join(command[2:]))
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise BuildError(f"PyInstaller failed with exit code {result.returncode}")
    bundle = out / APP_NAME
    executable = bundle / (f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME)
    if not executable.exists():
        raise BuildError(f"PyInstaller finished but {executable} is missing")
    return bundle


def scrub_runpaths(bundle: Path) -> int:
    """Remove library search paths that point at the build machine.

    Extension modules built by pyenv or actions/setup-python carry a RUNPATH such as
    ~/.pyenv/versions/<version>/lib. On a user's machine the loader would search that
    folder first, and whoever can create it decides what gets loaded. Paths relative to
    the library ($ORIGIN) are the bundle's own and stay.
    """
    if not shutil.which("patchelf"):
        say("note: patchelf is not installed; build-machine RUNPATHs stay in the bundle")
        return 0
    changed = 0
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        current = subprocess.run(
            ["patchelf", "--print-rpath", str(path)], capture_output=True, text=True, check=False
        ).stdout.strip()
        if not current:
            continue
        kept = [entry for entry in current.split(":") if entry.startswith("$ORIGIN")]
        if len(kept) == len(current.split(":")):
            continue
        command = (
            ["patchelf", "--set-rpath", ":".join(kept)] if kept else ["patchelf", "--remove-rpath"]
        )
        result = subprocess.run([*command, str(path)], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BuildError(f"patchelf failed on {path}: {result.stderr.strip()}")
        changed += 1
    return changed


# --- the shared desktop files (used by the tarball and the .deb) --------------------


def copy_share_tree(share: Path) -> None:
    """share/applications, share/icons/hicolor/*/apps, share/mime/packages."""
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / f"{APP_NAME}.desktop", share / "applications")
    for size in ICON_SIZES:
        apps = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        apps.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icon_png(size), apps / f"{APP_NAME}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / "icons" / f"{APP_NAME}.svg", scalable / f"{APP_NAME}.svg")
    (share / "mime" / "packages").mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / "mime" / f"{APP_NAME}.xml", share / "mime" / "packages")


SHARED_LIBRARY = re.compile(r"\.so(\.\d+)*$|\.abi3\.so|\.cpython-\d+")


def normalise_modes(tree: Path) -> None:
    """0755 for folders and programs, 0644 for the rest, whatever the umask was.

    Shared libraries are loaded, never run, so they lose the execute bit wheels give them.
    """
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or (os.access(path, os.X_OK) and not SHARED_LIBRARY.search(path.name)):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _reset(tree: Path) -> None:
    if tree.exists():
        shutil.rmtree(tree)
    tree.mkdir(parents=True)


# --- the Linux tarball -------------------------------------------------------------


def make_tarball(bundle: Path, out: Path, version: str) -> Path:
    name = f"{APP_NAME}-{version}-linux-{platform.machine()}"
    staging = out / "staging" / name
    _reset(staging)
    shutil.copytree(bundle, staging / "app", symlinks=True)
    copy_share_tree(staging / "share")
    for script in ("install.sh", "uninstall.sh", "README.txt"):
        shutil.copy2(PACKAGING / "linux" / script, staging / script)
    normalise_modes(staging)
    target = out / f"{name}.tar.gz"
    say(f"== tarball: {target.name}")
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(staging, arcname=name, filter=_root_owned)
    shutil.rmtree(out / "staging")
    return target


def _root_owned(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


# --- the .deb ----------------------------------------------------------------------


DEB_TEMPLATES = PACKAGING / "deb"


def deb_depends(bundle: Path) -> tuple[list[str], list[str]]:
    """Debian packages for the libraries the bundle links to but does not carry.

    The libraries are read from the ELF files (objdump) and mapped to packages with
    ``dpkg -S``; the Wayland client libraries are only needed on a Wayland session
    (Qt falls back to X11), so they are recommended rather than required.
    """
    carried = {p.name for p in bundle.rglob("*") if ".so" in p.name or p.is_symlink()}
    needed: set[str] = set()
    glibc = (2, 17)
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        dump = subprocess.run(
            ["objdump", "-p", "-T", str(path)], capture_output=True, text=True, check=False
        ).stdout
        needed.update(re.findall(r"^\s+NEEDED\s+(\S+)", dump, flags=re.MULTILINE))
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", dump):
            glibc = max(glibc, (int(major), int(minor)))
    depends: set[str] = set()
    recommends: set[str] = set()
    for library in sorted(needed - carried):
        found = subprocess.run(
            ["dpkg", "-S", f"*/{library}"], capture_output=True, text=True, check=False
        ).stdout
        package = found.split(":", 1)[0].split(",")[0].strip()
        if not package:
            package = _policy_name(library)
            say(
                f"warning: {library} is not installed on the build machine, so the bundle "
                f"relies on the user's system for it (the .deb names {package})"
            )
        (recommends if "wayland" in library else depends).add(package)
    depends.discard("libc6")
    return [f"libc6 (>= {glibc[0]}.{glibc[1]})", *sorted(depends)], sorted(recommends)


def _policy_name(library: str) -> str:
    """Debian's package name for a shared library not installed on the build machine.

    Policy 8.1: ``libfoo.so.N`` ships in ``libfooN``, or ``libfoo-N`` when the name
    ends in a digit.
    """
    match = re.fullmatch(r"(lib[\w+.-]*?)\.so\.(\d+)(?:\..*)?", library)
    if not match:
        raise BuildError(f"the bundle needs {library}, and no Debian package for it is known")
    stem, soversion = match.group(1).lower().replace("_", "-"), match.group(2)
    return f"{stem}-{soversion}" if stem[-1].isdigit() else f"{stem}{soversion}"


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def write_deb_changelog(target: Path, version: str) -> Path:
    """The changelog every .deb carries (a native package's is changelog.gz)."""
    maintainer = re.search(
        r"^Maintainer: (.+)$", (DEB_TEMPLATES / "control.in").read_text(encoding="utf-8"), re.M
    )
    if maintainer is None:
        raise BuildError("packaging/deb/control.in has no Maintainer line")
    stamp = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())
    text = (
        f"resume-studio ({version}) stable; urgency=medium\n\n"
        f"  * Release {version}; see the project's README for what changed.\n\n"
        f" -- {maintainer.group(1)}  {stamp}\n"
    )
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))
    return target


def make_deb(bundle: Path, out: Path, version: str, compression: str = "xz") -> Path:
    if not shutil.which("dpkg-deb"):
        raise BuildError("dpkg-deb is not installed (apt-get install dpkg-dev); use --skip-deb")
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    root = out / "deb-root"
    _reset(root)
    shutil.copytree(bundle, root / "opt" / APP_NAME, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / APP_NAME).symlink_to(f"/opt/{APP_NAME}/{APP_NAME}")
    copy_share_tree(root / "usr" / "share")
    doc = root / "usr" / "share" / "doc" / APP_NAME
    doc.mkdir(parents=True)
    shutil.copy2(DEB_TEMPLATES / "copyright", doc / "copyright")
    write_deb_changelog(doc / "changelog.gz", version)

    depends, recommends = deb_depends(bundle)
    control = (DEB_TEMPLATES / "control.in").read_text(encoding="utf-8")
    installed_kb = (dir_size(root) + 1023) // 1024
    control = (
        control.replace("@VERSION@", version)
        .replace("@ARCH@", arch)
        .replace("@DEPENDS@", ", ".join(depends))
        .replace("@RECOMMENDS@", ", ".join([*recommends, "xdg-desktop-portal"]))
        .replace("@INSTALLED_SIZE@", str(installed_kb))
    )
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control, encoding="utf-8")
    for script in ("postinst", "postrm"):
        shutil.copy2(DEB_TEMPLATES / script, debian / script)
        (debian / script).chmod(0o755)
    normalise_modes(root)

    target = out / f"{APP_NAME}_{version}_{arch}.deb"
    say(f"== deb: {target.name}")
    # xz at level 6 is what Debian itself uses and every dpkg since 1.15 reads; gzip
    # packs 5x faster on two cores for a third more bytes (for quick CI runs).
    result = subprocess.run(
        [
            "dpkg-deb",
            "--root-owner-group",
            f"-Z{compression}",
            "-z6",
            "--build",
            str(root),
            str(target),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BuildError(f"dpkg-deb failed: {result.stderr.strip()}")
    shutil.rmtree(root)
    return target


def write_checksums(files: list[Path], target: Path) -> Path:
    """``sha256sum -c SHA256SUMS`` format, so users can check a download."""
    lines = []
    for path in files:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        lines.append(f"{digest.hexdigest()}  {path.name}\n")
    target.write_text("".join(lines), encoding="utf-8")
    return target


# --- the command -------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="dist", help="output folder (default: dist)")
    parser.add_argument("--skip-deb", action="store_true", help="do not build the .deb")
    parser.add_argument("--skip-tarball", action="store_true", help="do not build the tarball")
    parser.add_argument(
        "--deb-compression",
        choices=("xz", "gzip"),
        default="xz",
        help="xz (default, smallest) or gzip (much faster to build)",
    )
    parser.add_argument(
        "--reuse-bundle",
        action="store_true",
        help="package the bundle already in --out instead of running PyInstaller",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    version = project_version()
    info: dict[str, object] = {"version": version, "platform": sys.platform}
    try:
        started = time.monotonic()
        if args.reuse_bundle:
            bundle = out / APP_NAME
            if not bundle.is_dir():
                raise BuildError(f"--reuse-bundle: there is no bundle in {bundle}")
        else:
            bundle = build_bundle(out, ROOT / "build" / "pyinstaller")
        if sys.platform.startswith("linux") and not args.reuse_bundle:
            scrubbed = scrub_runpaths(bundle)
            if scrubbed:
                say(f"== removed build-machine RUNPATHs from {scrubbed} libraries")
        info["bundle"] = str(bundle)
        info["bundle_bytes"] = dir_size(bundle)
        info["bundle_seconds"] = round(time.monotonic() - started, 1)
        if sys.platform.startswith("linux"):
            if not args.skip_tarball:
                tarball = make_tarball(bundle, out, version)
                info["tarball"] = str(tarball)
                info["tarball_bytes"] = tarball.stat().st_size
            if not args.skip_deb:
                deb = make_deb(bundle, out, version, args.deb_compression)
                info["deb"] = str(deb)
                info["deb_bytes"] = deb.stat().st_size
        artefacts = [Path(str(info[key])) for key in ("tarball", "deb") if key in info]
        if artefacts:
            write_checksums(artefacts, out / "SHA256SUMS")
        info["total_seconds"] = round(time.monotonic() - started, 1)
    except BuildError as exc:
        sys.stderr.write(f"build.py: {exc}\n")
        return 1
    (out / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    say(f"== done in {info['total_seconds']} s")
    for key in ("bundle", "tarball", "deb"):
        if key in info:
            size = int(str(info[f"{key}_bytes"])) / 1e6
            say(f"   {key:<8} {size:7.1f} MB  {info[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
