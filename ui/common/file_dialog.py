"""Choosing where to save an export without ever opening the live database's files.

A process that opens and closes the SQLite file (or its -wal/-shm) loses its SQLite locks
(see ``db.wal_guard``). Qt's file dialog opens files to guess their type for the icon and
the "Type" column, so browsing into the database's folder was enough to cut the app off
from its records. This dialog is Qt's own (never the platform's, which sniffs too), names
icons and types from the file name alone, hides the database's files, and refuses them as
a target.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileInfo, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QStyle, QWidget


class NameOnlyIcons(QAbstractFileIconProvider):
    """Icons and type names from what a file is (folder or file), never from its content."""

    def __init__(self) -> None:
        super().__init__()
        style = QApplication.style()
        self._folder = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._file = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def icon(self, which) -> QIcon:
        if isinstance(which, QFileInfo):
            return self._folder if which.isDir() else self._file
        return self._folder if which == QAbstractFileIconProvider.IconType.Folder else self._file

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


class HideFiles(QSortFilterProxyModel):
    """Leaves the given files out of the listing and the completer."""

    def __init__(self, hidden: Iterable[Path], parent: QWidget) -> None:
        super().__init__(parent)
        self.hidden = {str(p) for p in hidden}

    def filterAcceptsRow(self, row: int,
                         parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if isinstance(model, QFileSystemModel):
            path = model.filePath(model.index(row, 0, parent))
            if path in self.hidden:
                return False
        return True


DATABASE_REFUSAL = ("That is the clinic's database. Choose another name or folder for the "
                    "export.")


def protected(path: str, hidden: Iterable[Path]) -> bool:
    """Whether ``path`` is one of the database's files (however it was typed)."""
    if not path:
        return False
    target = Path(path).expanduser().resolve()  # "../", "//" and links followed
    return any(target == Path(h).resolve() for h in hidden)


def save_dialog(parent: QWidget, title: str, suggested: str, kinds: str,
                hidden: Iterable[Path] = (), folder: Path | None = None) -> QFileDialog:
    """A save dialog that is safe to point at the database's folder (opening in
    ``folder`` when given)."""
    hidden = [Path(p).absolute() for p in hidden]
    dialog = QFileDialog(parent, title)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(kinds)
    dialog.setIconProvider(NameOnlyIcons())
    dialog.setProxyModel(HideFiles(hidden, dialog))
    if folder is not None:
        dialog.setDirectory(str(folder))
    dialog.selectFile(suggested)
    dialog._keep = dialog.iconProvider()  # type: ignore[attr-defined]  # Qt does not own it
    dialog.hidden_files = hidden  # type: ignore[attr-defined]
    return dialog


def ask_save_path(parent: QWidget, title: str, suggested: str, kinds: str,
                  hidden: Iterable[Path] = (), folder: Path | None = None) -> str:
    """The path chosen, or "" when cancelled; the database's own files are refused."""
    dialog = save_dialog(parent, title, suggested, kinds, hidden, folder)
    while dialog.exec() == QFileDialog.DialogCode.Accepted:
        chosen = dialog.selectedFiles()[0] if dialog.selectedFiles() else ""
        if chosen and not protected(chosen, dialog.hidden_files):  # type: ignore[attr-defined]
            return chosen
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, DATABASE_REFUSAL)
    return ""
