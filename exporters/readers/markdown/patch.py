"""The round-trip comment: what the visible Markdown can't show, and applying it back."""

from __future__ import annotations

import json
import re
from typing import Any

PATCH_PREFIX = "<!-- resume-studio:"
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_MISSING = object()


def patch_comment(ops: list[dict[str, Any]]) -> str:
    """The trailing comment carrying ``ops`` (from ``make_patch``), or "" when there are none.

    ``take_patch`` reads it back.
    """
    if not ops:
        return ""
    payload = json.dumps({"patch": ops}, ensure_ascii=False, separators=(",", ":"))
    # "<", ">" and "&" never appear raw, so the comment can't be closed early.
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # DEL, C1 controls and non-characters stay escaped too: the file holds none raw.
    payload = _RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", payload)
    return f"\n{PATCH_PREFIX} {payload} -->\n"


def make_patch(stored: Any, shown: Any) -> list[dict[str, Any]]:
    """What turns ``shown`` (the text's reading) back into ``stored`` (the model's JSON)."""
    ops: list[dict[str, Any]] = []
    _diff(stored, shown, [], ops)
    return ops


def _diff(stored: Any, shown: Any, path: list[str | int], ops: list[dict[str, Any]]) -> None:
    if stored == shown and type(stored) is type(shown):
        return
    if isinstance(stored, dict) and isinstance(shown, dict):
        for key in stored:
            if key in shown:
                _diff(stored[key], shown[key], [*path, key], ops)
            else:
                ops.append({"path": [*path, key], "value": stored[key]})
        for key in shown:
            if key not in stored:
                ops.append({"path": [*path, key], "shown": shown[key]})
        return
    if isinstance(stored, list) and isinstance(shown, list) and len(stored) == len(shown):
        for i, (a, b) in enumerate(zip(stored, shown, strict=True)):
            _diff(a, b, [*path, i], ops)
        return
    ops.append({"path": path, "shown": shown, "value": stored})


def apply_patch(data: dict[str, Any], ops: Any) -> dict[str, Any]:
    """Apply ``make_patch`` entries whose ``shown`` still matches; skip anything malformed."""
    if not isinstance(ops, list):
        return data
    for op in ops:
        if not isinstance(op, dict) or not isinstance(op.get("path"), list):
            continue
        path = op["path"]
        if not path:
            if (
                "value" in op
                and isinstance(op["value"], dict)
                and op.get("shown", _MISSING) == data
            ):
                data = op["value"]
            continue
        parent: Any = data
        for step in path[:-1]:
            parent = _child(parent, step)
            if parent is _MISSING:
                break
        if parent is _MISSING or not isinstance(parent, dict | list):
            continue
        last = path[-1]
        current = _child(parent, last)
        expected = op.get("shown", _MISSING)
        if not _same(current, expected):
            continue
        if "value" in op:
            if isinstance(parent, dict) and isinstance(last, str):
                parent[last] = op["value"]
            elif isinstance(parent, list) and current is not _MISSING:
                parent[int(last)] = op["value"]
        elif isinstance(parent, dict) and isinstance(last, str):
            parent.pop(last, None)
    return data


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict) and isinstance(step, str):
        return node.get(step, _MISSING)
    if (
        isinstance(node, list)
        and isinstance(step, int)
        and not isinstance(step, bool)
        and 0 <= step < len(node)
    ):
        return node[step]
    return _MISSING


def _same(a: Any, b: Any) -> bool:
    if a is _MISSING or b is _MISSING:
        return a is b
    return bool(a == b)


def take_patch(text: str) -> tuple[str, Any]:
    """Split off a trailing ``<!-- resume-studio: {...} -->`` comment."""
    start = text.rfind(PATCH_PREFIX)
    # Only at the start of a line: in a field the same words are escaped ("\\<!--").
    if start < 0 or (start > 0 and text[start - 1] != "\n"):
        return text, None
    body = text[start + len(PATCH_PREFIX) :].rstrip()
    if not body.endswith("-->") or not body.lstrip().startswith(("{", "[")):
        return text, None
    try:
        payload = json.loads(body[:-3])
    except (ValueError, RecursionError):
        return text, None
    ops = payload.get("patch") if isinstance(payload, dict) else None
    return text[:start], ops
