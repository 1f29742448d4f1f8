"""``resume-studio``: the desktop app with no arguments, headless commands with one.

Sub-commands never import Qt, and each heavy library (reportlab, python-docx)
is imported only by the format that needs it, so a text export starts fast.

Exit codes: 0 done, 1 an export failed, 2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .model.resume import Resume

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_FORMATS = "pdf,docx,txt,md"


class BadInput(Exception):
    """Something the user gave us is wrong; the message is shown as is."""


def _err(message: str) -> None:
    # One line, always: a long reason is shortened rather than wrapped.
    line = " ".join(message.split())
    print(f"resume-studio: {line}", file=sys.stderr)


def default_basename(resume: Resume) -> str:
    """``First_Last_Resume``: what a recruiter's download folder expects."""
    words = re.findall(
        r"[^\W_]+(?:['’-][^\W_]+)*", unicodedata.normalize("NFC", resume.basics.name)
    )
    parts = [w.replace("'", "").replace("’", "") for w in words][:4]
    return "_".join([*parts, "Resume"])


def _read(path: str) -> Resume:
    from .readers import open_any

    return open_any(path)


# --- import -----------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from .model.files import save_resume

    source = Path(args.file)
    resume = _read(args.file)
    out = Path(args.output) if args.output else source.with_suffix(".json")
    if out.resolve() == source.resolve():
        raise BadInput(f"the output {out} would replace the input; choose another name with -o")
    save_resume(resume, out, backup=out.exists())
    summary = _summary(resume)
    print(f"Imported {source.name} -> {out} ({summary})")
    return EXIT_OK


def _summary(resume: Resume) -> str:
    from .model.sections import sections

    parts = [
        f"{s.count} {s.title.lower()}" for s in sections(resume) if s.count and s.key != "summary"
    ]
    bullets = sum(len(w.highlights) for w in resume.work)
    return ", ".join([*parts, f"{bullets} bullets"])


# --- validate ---------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from .model.checks import check_resume

    resume = _read(args.file)
    problems = check_resume(resume)
    for problem in problems:
        print(f"{Path(args.file).name}: warning: {problem}")
    print(f"{Path(args.file).name}: valid JSON Resume ({_summary(resume)})")
    return EXIT_OK


# --- export -----------------------------------------------------------------


def _parse_options(pairs: Sequence[str]) -> dict[str, dict[str, Any]]:
    options: dict[str, dict[str, Any]] = {}
    for pair in pairs:
        match = re.match(r"^([a-z0-9_-]+)\.([A-Za-z_]\w*)=(.*)$", pair)
        if not match:
            raise BadInput(f"option {pair!r} should look like FORMAT.NAME=VALUE, e.g. txt.width=0")
        fmt, key, value = match.groups()
        options.setdefault(fmt, {})[key] = value
    return options


def cmd_export(args: argparse.Namespace) -> int:
    from . import registry as plugins

    if args.list:
        everything = plugins.default_registry()
        for problem in everything.problems:
            _err(str(problem))
        return _list_formats(everything)
    if not args.file:
        raise BadInput("export needs a résumé file (or --list to show the formats)")

    names = list(dict.fromkeys(n.strip().lower() for n in args.format.split(",") if n.strip()))
    if not names:
        raise BadInput("--format is empty")
    # Only the formats asked for are imported: a text export never loads reportlab.
    registry = plugins.load(only=names)
    for problem in registry.problems:
        _err(str(problem))
    unknown = [n for n in names if n not in registry.exporters]
    if unknown:
        known = ", ".join(plugins.available_names()) or "none"
        raise BadInput(f"unknown format {', '.join(unknown)} (available: {known})")
    raw_options = _parse_options(args.option or [])
    for fmt in raw_options:
        if fmt not in names:
            raise BadInput(f"option for {fmt!r}, which is not being exported")

    resume = _read(args.file)
    from .theme import resolve

    try:
        theme = resolve(
            resume, theme=args.theme, page_size=args.page_size, date_style=args.date_style
        )
    except KeyError as exc:
        raise BadInput(str(exc.args[0])) from None

    out_dir = Path(args.out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"can't create the folder {out_dir}: {exc.strerror or exc}") from None
    if not out_dir.is_dir():
        raise BadInput(f"{out_dir} is not a folder")
    base = args.name or default_basename(resume)

    from pydantic import ValidationError

    from .atomic import atomic_write
    from .notes import collecting
    from .registry import ExportError

    failed = 0
    for name in names:
        exporter = registry.get(name)
        try:
            options = registry.options_for(name, raw_options.get(name))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise BadInput(f"{name} option {where}: {first['msg']}") from None
        target = out_dir / f"{base}.{exporter.info.extension}"
        try:
            with collecting() as notes:
                data = exporter.export(resume, theme, options)
        except ExportError as exc:
            _err(f"{name}: {exc}")
            failed += 1
            continue
        except Exception as exc:  # a plugin's bug must not hide the other formats
            _err(f"{name}: the exporter failed ({type(exc).__name__}: {exc})")
            failed += 1
            continue
        for message in notes:
            _err(f"{name}: {message}")
        try:
            atomic_write(target, data)
        except OSError as exc:
            raise BadInput(f"can't write {target}: {exc.strerror or exc}") from None
        if not args.quiet:
            print(f"{target}  ({_size(len(data))})")
    return EXIT_FAILED if failed else EXIT_OK


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB"


def _list_formats(registry: Any) -> int:
    width = max((len(n) for n in registry.exporters), default=4)
    for name, exporter in registry.exporters.items():
        info = exporter.info
        print(f"{name:<{width}}  .{info.extension:<5} {info.display_name}")
    return EXIT_OK


# --- entry point ------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="resume-studio",
        description="Edit your résumé once; export ATS-safe DOCX, PDF, plain text and Markdown. "
        "With no command, opens the desktop editor.",
    )
    parser.add_argument("--version", action="version", version=f"resume-studio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_import = sub.add_parser(
        "import",
        help="turn a Markdown résumé into a JSON Resume file",
        description="Read a Markdown résumé (or a JSON Resume file) and write JSON Resume.",
    )
    p_import.add_argument("file", help="the .md (or .json) résumé to read")
    p_import.add_argument(
        "-o", "--output", help="where to write the .json (default: beside the input)"
    )
    p_import.set_defaults(run=cmd_import)

    p_validate = sub.add_parser(
        "validate",
        help="check a résumé file and report problems",
        description="Load a résumé, report what is wrong in plain words, and exit 2 if it can't be used.",
    )
    p_validate.add_argument("file")
    p_validate.set_defaults(run=cmd_validate)

    p_export = sub.add_parser(
        "export",
        help="write the résumé as PDF, DOCX, text, Markdown…",
        description="Export a résumé (.json, or .md imported on the fly) to one or more formats.",
    )
    p_export.add_argument("file", nargs="?", help="the résumé to export")
    p_export.add_argument(
        "-f",
        "--format",
        default=DEFAULT_FORMATS,
        help=f"comma-separated formats (default: {DEFAULT_FORMATS})",
    )
    p_export.add_argument("--out", default=".", help="output folder (default: the current folder)")
    p_export.add_argument("--name", help="base file name (default: First_Last_Resume)")
    p_export.add_argument("--theme", help="theme name (default: the résumé's, else classic)")
    p_export.add_argument("--page-size", choices=["letter", "a4"], help="override the page size")
    p_export.add_argument(
        "--date-style",
        choices=["short", "long", "numeric", "iso", "year"],
        help="override how dates print (short: Nov 2021)",
    )
    p_export.add_argument(
        "-O",
        "--option",
        action="append",
        metavar="FORMAT.NAME=VALUE",
        help="an exporter option, e.g. txt.width=0 (repeatable)",
    )
    p_export.add_argument("--list", action="store_true", help="list the available formats and exit")
    p_export.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    p_export.set_defaults(run=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in _CLI_FLAGS):
        return _run_gui(args_list)
    if args_list[0] not in _COMMANDS and not args_list[0].startswith("-"):
        # A file given alone opens it in the app, as a double-click does.
        return _run_gui(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_OK
    from .model.errors import ResumeFileError

    try:
        return int(args.run(args))
    except (BadInput, ResumeFileError) as exc:
        _err(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


_COMMANDS = {"import", "validate", "export"}
_CLI_FLAGS = {"-h", "--help", "--version"}


def _run_gui(argv: list[str]) -> int:
    from desktop.app import main as gui_main

    return int(gui_main(argv))


if __name__ == "__main__":
    sys.exit(main())
