"""What the app remembers between runs, behind one small typed wrapper.

The QSettings object is handed in, so tests give it a temporary INI file and
never touch the user's real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Resume Studio"
APPLICATION = "Resume Studio"
MAX_RECENT = 10


def user_settings() -> QSettings:
    return QSettings(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


class AppSettings:
    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else user_settings()

    # --- files ------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        raw = self.store.value("files/recent", [])
        if isinstance(raw, str):  # QSettings gives a bare string for a one-item list
            raw = [raw]
        if not isinstance(raw, list):
            return []
        return [Path(p) for p in raw if isinstance(p, str) and p]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [p for p in self.recent_files() if p != path]
        self._set_recent([path, *files][:MAX_RECENT])

    def remove_recent(self, path: Path) -> None:
        self._set_recent([p for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        self._set_recent([])

    def _set_recent(self, files: list[Path]) -> None:
        self.store.setValue("files/recent", [str(p) for p in files])
        self.store.sync()

    def last_file(self) -> Path | None:
        raw = self.store.value("files/last", "")
        return Path(raw) if isinstance(raw, str) and raw else None

    def set_last_file(self, path: Path | None) -> None:
        self.store.setValue("files/last", str(path) if path else "")

    def has_run_before(self) -> bool:
        return bool(self.store.value("app/hasRun", False, type=bool))

    def set_has_run(self) -> None:
        self.store.setValue("app/hasRun", True)

    def last_folder(self, kind: str) -> str:
        value = self.store.value(f"folders/{kind}", "")
        return value if isinstance(value, str) else ""

    def set_last_folder(self, kind: str, folder: Path) -> None:
        self.store.setValue(f"folders/{kind}", str(folder))

    # --- window -----------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def splitter_state(self) -> QByteArray | None:
        value = self.store.value("window/splitter")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, geometry: QByteArray, splitter: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/splitter", splitter)

    def preview_format(self) -> str:
        value = self.store.value("preview/format", "pdf")
        return value if isinstance(value, str) else "pdf"

    def set_preview_format(self, name: str) -> None:
        self.store.setValue("preview/format", name)

    def sync(self) -> None:
        self.store.sync()
