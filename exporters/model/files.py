"""Reading and writing the native file: a JSON Resume document."""

from __future__ import annotations

import errno
import json
import re
import stat
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..atomic import READ_ONLY, BackupError, atomic_write
from .errors import ResumeFileError
from .resume import Resume

# A long résumé is tens of kilobytes; anything past this is not a résumé and
# would make the editor crawl.
MAX_FILE_BYTES = 10 * 1024 * 1024


def describe_location(loc: tuple[int | str, ...]) -> str:
    out = ""
    for key in loc:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += f".{key}" if out else str(key)
    return out or "the document"


def _plain_reason(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    value = error.get("input")
    if kind == "string_type":
        return f"expected text, found {_json_type(value)}"
    if kind in {"tuple_type", "list_type"}:
        return f"expected a list, found {_json_type(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected an object, found {_json_type(value)}"
    message = str(error.get("msg", "is not valid"))
    return message.removeprefix("Value error, ")


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_SURROGATE = re.compile("[\ud800-\udfff]")


def find_broken_text(data: Any, loc: tuple[int | str, ...] = ()) -> tuple[str, str] | None:
    """The first string in ``data`` holding an unpaired UTF-16 surrogate, as
    (field path, the surrogate's escape), or None.

    JSON allows ``"\ud83d"`` alone (half of an emoji, cut by a careless tool);
    Python then holds a character that can't be written as UTF-8, so every
    save and text export would fail on it.
    """
    if isinstance(data, str):
        match = _SURROGATE.search(data)
        if match:
            return describe_location(loc), f"\\u{ord(match.group()):04x}"
        return None
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list | tuple):
        items = enumerate(data)
    else:
        return None
    for key, value in items:
        if isinstance(key, str) and _SURROGATE.search(key):
            return describe_location((*loc, key)), "a field name"
        found = find_broken_text(value, (*loc, key))
        if found:
            return found
    return None


def _refuse_broken_text(data: Any, path: str | Path) -> None:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        found = find_broken_text(data)
        where, what = found if found else ("the document", "a character")
        raise ResumeFileError(
            path,
            f"the text holds a broken character ({what}, an unpaired half of an emoji "
            "or other symbol); delete it and try again",
            where,
        ) from None


def parse_resume(data: Any, path: str | Path = "<document>") -> Resume:
    """Validate JSON data as a résumé, raising ``ResumeFileError`` naming the first bad field."""
    if not isinstance(data, dict):
        raise ResumeFileError(
            path, f"a résumé is a JSON object, but this file holds {_json_type(data)}"
        )
    _refuse_broken_text(data, path)
    try:
        return Resume.from_json_data(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise ResumeFileError(
            path, _plain_reason(dict(first)) + more, describe_location(first["loc"])
        ) from None


def decode_text(raw: bytes, path: str | Path) -> str:
    """UTF-8 (a BOM is allowed); anything else is refused, naming where it broke."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ResumeFileError(
            path, "the file is not UTF-8 text (save it as UTF-8 and try again)", f"line {line}"
        ) from None


def read_bytes_limited(path: str | Path) -> bytes:
    file = Path(path)
    too_big = (
        f"a résumé file is at most {MAX_FILE_BYTES // 1048576} MB",
        "the file is {size:.1f} MB; ",
    )
    try:
        info = file.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ResumeFileError(file, "this is a folder, not a file")
        # A device or a pipe has no size and may never end (/dev/zero) or
        # never start (a FIFO blocks on open): only regular files are read.
        if not stat.S_ISREG(info.st_mode):
            raise ResumeFileError(file, "this is not a regular file (a device, pipe or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise ResumeFileError(file, too_big[1].format(size=info.st_size / 1048576) + too_big[0])
        with file.open("rb") as handle:
            # Bounded even if the file grows while it is read.
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ResumeFileError(file, f"the file is too big; {too_big[0]}")
        return data
    except FileNotFoundError:
        raise ResumeFileError(file, "no such file") from None
    except PermissionError:
        raise ResumeFileError(file, "permission denied: the file can't be read") from None
    except IsADirectoryError:
        raise ResumeFileError(file, "this is a folder, not a file") from None
    except OSError as exc:
        raise ResumeFileError(file, exc.strerror or str(exc)) from None


def load_resume(path: str | Path) -> Resume:
    raw = read_bytes_limited(path)
    text = decode_text(raw, path)
    if not text.strip():
        raise ResumeFileError(path, "the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResumeFileError(
            path, f"this is not valid JSON ({exc.msg})", f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise ResumeFileError(path, "the JSON is nested too deeply") from None
    return parse_resume(data, path)


def dumps_resume(resume: Resume) -> bytes:
    text = json.dumps(resume.to_json_data(), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def save_resume(resume: Resume, path: str | Path, *, backup: bool = True) -> Path:
    """Atomically write ``resume``; the previous file, if any, is kept as ``.bak``."""
    try:
        data = dumps_resume(resume)
    except UnicodeEncodeError:
        _refuse_broken_text(resume.to_json_data(), path)
        raise
    try:
        return atomic_write(path, data, backup=backup)
    except BackupError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ENOSPC:
            reason = "the disk is full"
        raise ResumeFileError(path, f"could not save: {reason}; nothing was changed") from None
    except IsADirectoryError:
        raise ResumeFileError(path, "this is a folder, not a file") from None
    except FileNotFoundError:
        folder = Path(path).parent
        if not folder.is_dir():
            raise ResumeFileError(
                path, f"could not save: the folder {folder} does not exist"
            ) from None
        raise ResumeFileError(
            path, "could not save: the file vanished while it was written"
        ) from None
    except PermissionError as exc:
        what = READ_ONLY if exc.strerror == READ_ONLY else "the folder or file is not writable"
        raise ResumeFileError(path, f"permission denied: {what}; nothing was changed") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ENOSPC:
            reason = "the disk is full; nothing was changed"
        raise ResumeFileError(path, f"could not save: {reason}") from None
