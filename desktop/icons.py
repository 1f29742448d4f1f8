"""Icons: the desktop theme's where it has one, else Qt's built-in standard pixmaps.

No bundled icon set is needed, and the app looks native on each platform.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

SP = QStyle.StandardPixmap

# name -> (freedesktop theme icon, fallback standard pixmap)
_ICONS: dict[str, tuple[str, QStyle.StandardPixmap]] = {
    "new": ("document-new", SP.SP_FileIcon),
    "open": ("document-open", SP.SP_DialogOpenButton),
    "save": ("document-save", SP.SP_DialogSaveButton),
    "save-as": ("document-save-as", SP.SP_DialogSaveButton),
    "import": ("document-import", SP.SP_FileDialogStart),
    "export": ("document-export", SP.SP_DialogApplyButton),
    "undo": ("edit-undo", SP.SP_ArrowBack),
    "redo": ("edit-redo", SP.SP_ArrowForward),
    "add": ("list-add", SP.SP_FileDialogNewFolder),
    "remove": ("list-remove", SP.SP_TrashIcon),
    "duplicate": ("edit-copy", SP.SP_FileDialogDetailedView),
    "up": ("go-up", SP.SP_ArrowUp),
    "down": ("go-down", SP.SP_ArrowDown),
    "zoom-in": ("zoom-in", SP.SP_ArrowUp),
    "zoom-out": ("zoom-out", SP.SP_ArrowDown),
    "zoom-fit": ("zoom-fit-width", SP.SP_TitleBarMaxButton),
    "folder": ("folder-open", SP.SP_DirOpenIcon),
    "about": ("help-about", SP.SP_MessageBoxInformation),
    "quit": ("application-exit", SP.SP_DialogCloseButton),
    "warning": ("dialog-warning", SP.SP_MessageBoxWarning),
}


def icon(name: str) -> QIcon:
    theme_name, fallback = _ICONS[name]
    themed = QIcon.fromTheme(theme_name)
    if not themed.isNull():
        return themed
    style = QApplication.style()
    return style.standardIcon(fallback) if style is not None else QIcon()
