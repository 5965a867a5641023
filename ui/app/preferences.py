"""What the user chose and expects to find again (theme, window layout)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings


class Preferences:
    """A small typed face on ``QSettings``; tests pass a file in ``tmp_path``."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._settings = QSettings("Chairside", "Chairside")
        else:
            self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def dark_theme(self) -> bool:
        return bool(self._settings.value("view/dark_theme", False, type=bool))

    @dark_theme.setter
    def dark_theme(self, on: bool) -> None:
        self._settings.setValue("view/dark_theme", on)
        self._settings.sync()

    @property
    def user_name(self) -> str:
        """Who last acknowledged an alarm here: offered again as the default."""
        return str(self._settings.value("user/name", "", type=str))

    @user_name.setter
    def user_name(self, name: str) -> None:
        self._settings.setValue("user/name", name)
        self._settings.sync()

    @property
    def bedside_mode(self) -> bool:
        """Full screen with the chair view or the board only (F11)."""
        return bool(self._settings.value("view/bedside_mode", False, type=bool))

    @bedside_mode.setter
    def bedside_mode(self, on: bool) -> None:
        self._settings.setValue("view/bedside_mode", on)
        self._settings.sync()

    @property
    def patient_list_shown(self) -> bool:
        return bool(self._settings.value("view/patient_list", True, type=bool))

    @patient_list_shown.setter
    def patient_list_shown(self, on: bool) -> None:
        self._settings.setValue("view/patient_list", on)
        self._settings.sync()

    @property
    def export_folder(self) -> str:
        """The folder of the last export ("" before the first)."""
        return str(self._settings.value("export/folder", "", type=str))

    @export_folder.setter
    def export_folder(self, folder: str) -> None:
        self._settings.setValue("export/folder", folder)
        self._settings.sync()

    def window_geometry(self) -> bytes | None:
        value = self._settings.value("window/geometry")
        return value if value else None

    def save_window_geometry(self, geometry) -> None:
        self._settings.setValue("window/geometry", geometry)
