"""Where an export is offered to go: a name with the patient's MRN and the date, in the
folder of the last export — never the database's folder (a file dialog browsing there can
cut the app off its SQLite locks: ``ui.common.file_dialog``), which is neither offered
nor remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui.app.preferences import Preferences
from ui.common.file_dialog import ask_save_path


def database_folders(database_files: list[Path]) -> set[Path]:
    return {Path(f).absolute().parent for f in database_files}


def start_folder(prefs: Preferences, database_files: list[Path]) -> Path | None:
    """The remembered folder, if it still exists and is not the database's."""
    last = prefs.export_folder
    if not last:
        return None
    folder = Path(last)
    if not folder.is_dir() or folder.absolute() in database_folders(database_files):
        return None
    return folder


def remember_folder(prefs: Preferences, chosen: str, database_files: list[Path]) -> None:
    folder = Path(chosen).absolute().parent
    if folder not in database_folders(database_files):
        prefs.export_folder = str(folder)


def ask_export_path(parent: QWidget, prefs: Preferences, database_files: list[Path],
                    suggested: str, kinds: str, title: str = "Export") -> str:
    """The path chosen ("" when cancelled), its folder remembered for next time."""
    chosen = ask_save_path(parent, title, suggested, kinds, database_files,
                           start_folder(prefs, database_files))
    if chosen:
        remember_folder(prefs, chosen, database_files)
    return chosen
