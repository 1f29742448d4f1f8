"""Export formats as plugins.

Every format, built-in or third-party, is found through the entry-point group
``resume_studio.exporters``. An entry point names an object with an ``info``
attribute and an ``export(resume, theme, options) -> bytes`` method (a class is
instantiated with no arguments). Exporters never touch the filesystem; the
caller writes the bytes with ``exporters.atomic.atomic_write``.

A plugin that fails to import or describes itself badly is reported by name and
skipped; it never takes the CLI or the app down.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, ValidationError

if TYPE_CHECKING:
    from .model.resume import Resume
    from .theme import Theme

GROUP = "resume_studio.exporters"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class NoOptions(BaseModel):
    """For formats that take no options."""

    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True, slots=True)
class ExporterInfo:
    name: str  # what --format takes: "pdf"
    display_name: str  # what a menu shows: "PDF document"
    extension: str  # without the dot: "pdf"
    mime_type: str
    options: type[BaseModel] = NoOptions
    binary: bool = True  # False for text formats a preview can show as-is


@runtime_checkable
class Exporter(Protocol):
    info: ExporterInfo

    def export(self, resume: Resume, theme: Theme, options: Any) -> bytes: ...


class ExportError(Exception):
    """A format could not render this résumé; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class PluginProblem:
    name: str  # the entry point's name
    source: str  # "package: module:attr"
    reason: str

    def __str__(self) -> str:
        return f"export format '{self.name}' ({self.source}) was skipped: {self.reason}"


@dataclass
class Registry:
    exporters: dict[str, Exporter] = field(default_factory=dict)
    problems: list[PluginProblem] = field(default_factory=list)

    def names(self) -> list[str]:
        return list(self.exporters)

    def get(self, name: str) -> Exporter:
        try:
            return self.exporters[name.lower()]
        except KeyError:
            known = ", ".join(self.exporters) or "none"
            raise KeyError(f"unknown format '{name}' (available: {known})") from None

    def options_for(self, name: str, values: dict[str, Any] | None = None) -> BaseModel:
        """The exporter's options with defaults, overridden by ``values``."""
        return self.get(name).info.options.model_validate(values or {})


def _check(obj: Any, entry_name: str) -> Exporter:
    info = getattr(obj, "info", None)
    if not isinstance(info, ExporterInfo):
        raise TypeError("it has no 'info' of type ExporterInfo")
    if info.name != entry_name:
        # The CLI loads only the formats asked for, finding them by entry-point name.
        raise ValueError(f"its entry point is named '{entry_name}' but its info says '{info.name}'")
    if not _NAME.match(info.name):
        raise ValueError(f"its name {info.name!r} is not a lowercase identifier")
    if not info.extension or "." in info.extension or "/" in info.extension:
        raise ValueError(f"its file extension {info.extension!r} is not valid")
    if not (isinstance(info.options, type) and issubclass(info.options, BaseModel)):
        raise TypeError("its options are not a pydantic model")
    try:
        info.options()
    except ValidationError as exc:
        raise ValueError("its options have no defaults") from exc
    if not callable(getattr(obj, "export", None)):
        raise TypeError("it has no export() method")
    return obj  # type: ignore[no-any-return]


def _source(ep: metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    package = getattr(dist, "name", None) if dist is not None else None
    return f"{package}: {ep.value}" if package else ep.value


def available_names(entry_points: Iterable[metadata.EntryPoint] | None = None) -> list[str]:
    """Every registered format's name, without importing any of them."""
    if entry_points is None:
        entry_points = metadata.entry_points(group=GROUP)
    return list(dict.fromkeys(ep.name for ep in sorted(entry_points, key=_order)))


def load(
    entry_points: Iterable[metadata.EntryPoint] | None = None,
    *,
    only: Iterable[str] | None = None,
) -> Registry:
    """Load the exporters (those named in ``only``, or all); problems are
    collected, never raised."""
    if entry_points is None:
        entry_points = metadata.entry_points(group=GROUP)
    wanted = None if only is None else set(only)
    registry = Registry()
    seen: set[str] = set()
    for ep in sorted(entry_points, key=_order):
        if ep.name in seen or (wanted is not None and ep.name not in wanted):
            continue
        seen.add(ep.name)
        try:
            obj = ep.load()
            if isinstance(obj, type):
                obj = obj()
            exporter = _check(obj, ep.name)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            registry.problems.append(PluginProblem(ep.name, _source(ep), reason))
            continue
        if exporter.info.name in registry.exporters:
            registry.problems.append(
                PluginProblem(ep.name, _source(ep), f"the name '{exporter.info.name}' is taken")
            )
            continue
        registry.exporters[exporter.info.name] = exporter
    return registry


_BUILTIN_ORDER = ["pdf", "docx", "txt", "md", "json"]


def _order(ep: metadata.EntryPoint) -> tuple[int, str]:
    """Built-ins first in a fixed order, then plugins alphabetically."""
    try:
        return (_BUILTIN_ORDER.index(ep.name), ep.name)
    except ValueError:
        return (len(_BUILTIN_ORDER), ep.name)


_cached: Registry | None = None


def default_registry(*, reload: bool = False) -> Registry:
    global _cached
    if _cached is None or reload:
        _cached = load()
    return _cached
