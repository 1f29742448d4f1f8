"""Pure edits: each takes a ``Resume`` and returns a new one; the old one is untouched.

A path names a place in the document the way the JSON does:
``basics.name``, ``work[1].highlights[3]``, ``meta.resumeStudio.hiddenSections``.
Undo is then a matter of keeping the snapshots.

New values are validated against the field they land in, so an edit can't
produce a résumé that would fail to load again.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .resume import Resume

Key = str | int
Path = tuple[Key, ...]
M = TypeVar("M", bound=BaseModel)

_TOKEN = re.compile(r"\.?([A-Za-z_$][\w$]*)|\[(-?\d+)\]")


class EditError(ValueError):
    """An edit that does not fit the document: a bad path, index or value."""


def parse_path(path: str | Path) -> Path:
    if isinstance(path, tuple):
        return path
    keys: list[Key] = []
    pos = 0
    while pos < len(path):
        match = _TOKEN.match(path, pos)
        if not match or match.end() == pos:
            raise EditError(f"bad path {path!r} at character {pos + 1}")
        name, index = match.groups()
        keys.append(name if name is not None else int(index))
        pos = match.end()
    if not keys:
        raise EditError("empty path")
    return tuple(keys)


def format_path(path: Path) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


@lru_cache(maxsize=256)
def _adapter(model: type[BaseModel], field: str) -> TypeAdapter[Any] | None:
    info = model.model_fields.get(field)
    if info is None:
        return None
    return TypeAdapter(info.rebuild_annotation())


def _item_adapter(model: type[BaseModel], field: str) -> TypeAdapter[Any] | None:
    info = model.model_fields.get(field)
    if info is None:
        return None
    args = getattr(info.annotation, "__args__", ())
    if not args:
        return None
    return _tuple_item_adapter(args[0])


@lru_cache(maxsize=256)
def _tuple_item_adapter(item_type: Any) -> TypeAdapter[Any]:
    return TypeAdapter(item_type)


def _validate(adapter: TypeAdapter[Any] | None, value: Any, where: Path) -> Any:
    if adapter is None:
        return value
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        reason = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise EditError(f"{format_path(where)}: {reason}") from None


def get(resume: Resume, path: str | Path) -> Any:
    node: Any = resume
    keys = parse_path(path)
    for i, key in enumerate(keys):
        try:
            if isinstance(key, int):
                node = node[key]
            elif isinstance(node, BaseModel):
                if key in type(node).model_fields:
                    node = getattr(node, key)
                else:
                    node = (node.model_extra or {})[key]
            else:
                node = node[key]
        except (IndexError, KeyError, TypeError):
            raise EditError(f"{format_path(keys[: i + 1])} does not exist") from None
    return node


def _replace(node: Any, keys: Path, done: Path, leaf: Any) -> Any:
    """Rebuild ``node`` with ``leaf(old)`` at ``keys``; shares every untouched branch."""
    if not keys:
        return leaf(node, done)
    key, rest = keys[0], keys[1:]
    here = (*done, key)
    if isinstance(node, BaseModel):
        if isinstance(key, int):
            raise EditError(f"{format_path(here)}: not a list")
        fields = type(node).model_fields
        child = getattr(node, key) if key in fields else (node.model_extra or {}).get(key)
        new = _replace(child, rest, here, leaf)
        if not rest:
            new = _validate(_adapter(type(node), key), new, here)
        return node.model_copy(update={key: new})
    if isinstance(node, tuple | list):
        if not isinstance(key, int):
            raise EditError(f"{format_path(here)}: a list needs an index")
        if not -len(node) <= key < len(node):
            raise EditError(f"{format_path(here)} does not exist ({len(node)} items)")
        items = list(node)
        items[key] = _replace(items[key], rest, here, leaf)
        return tuple(items) if isinstance(node, tuple) else items
    if isinstance(node, dict):
        copy = dict(node)
        copy[key] = _replace(node.get(key), rest, here, leaf)
        return copy
    raise EditError(f"{format_path(here)} does not exist")


def _owner_adapter(resume: Resume, list_path: Path) -> TypeAdapter[Any] | None:
    """The adapter for one item of the list at ``list_path``."""
    if not list_path or isinstance(list_path[-1], int):
        return None
    parent = get(resume, list_path[:-1]) if len(list_path) > 1 else resume
    if isinstance(parent, BaseModel):
        return _item_adapter(type(parent), str(list_path[-1]))
    return None


def set_value(resume: Resume, path: str | Path, value: Any) -> Resume:
    """Replace the value at ``path``. Model fields are validated; unknown ones are kept as given."""
    keys = parse_path(path)
    if isinstance(keys[-1], int):
        adapter = _owner_adapter(resume, keys[:-1])
        value = _validate(adapter, value, keys)
    result = _replace(resume, keys, (), lambda _old, _where: value)
    assert isinstance(result, Resume)
    return result


def _list_edit(resume: Resume, path: str | Path, change: Any) -> Resume:
    keys = parse_path(path)
    if not isinstance(keys[-1], int):
        raise EditError(f"{format_path(keys)}: expected a list position such as [0]")
    list_path, index = keys[:-1], keys[-1]

    def leaf(old: Any, where: Path) -> Any:
        if old is None:
            old = ()
        if not isinstance(old, tuple | list):
            raise EditError(f"{format_path(where)} is not a list")
        items = list(old)
        change(items, index, where)
        return tuple(items) if isinstance(old, tuple) else items

    result = _replace(resume, list_path, (), leaf)
    assert isinstance(result, Resume)
    return result


def insert(resume: Resume, path: str | Path, value: Any) -> Resume:
    """Insert ``value`` so that it ends up at ``path``'s index (``len`` appends)."""
    keys = parse_path(path)
    value = _validate(_owner_adapter(resume, keys[:-1]), value, keys)

    def change(items: list[Any], index: int, where: Path) -> None:
        if not 0 <= index <= len(items):
            raise EditError(f"{format_path(where)}: cannot insert at {index} ({len(items)} items)")
        items.insert(index, value)

    return _list_edit(resume, keys, change)


def append(resume: Resume, list_path: str | Path, value: Any) -> Resume:
    keys = parse_path(list_path)
    current = get(resume, keys)
    return insert(resume, (*keys, len(current or ())), value)


def remove(resume: Resume, path: str | Path) -> Resume:
    def change(items: list[Any], index: int, where: Path) -> None:
        if not -len(items) <= index < len(items):
            raise EditError(f"{format_path(where)}[{index}] does not exist")
        del items[index]

    return _list_edit(resume, path, change)


def move(resume: Resume, path: str | Path, to: int) -> Resume:
    """Move the item at ``path`` so that it ends up at index ``to`` of the same list."""

    def change(items: list[Any], index: int, where: Path) -> None:
        if not -len(items) <= index < len(items) or not 0 <= to < len(items):
            raise EditError(f"{format_path(where)}: cannot move item {index} to {to}")
        items.insert(to, items.pop(index))

    return _list_edit(resume, path, change)


def duplicate(resume: Resume, path: str | Path) -> Resume:
    """Insert a copy of the item at ``path`` right after it."""
    keys = parse_path(path)
    if not isinstance(keys[-1], int):
        raise EditError(f"{format_path(keys)}: expected a list position")
    return insert(resume, (*keys[:-1], keys[-1] + 1), get(resume, keys))
