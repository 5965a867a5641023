"""The export dialog can browse the database's folder without cutting the app off from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QFileSystemModel

from db.wal_guard import wal_identity
from ui.common.file_dialog import protected, save_dialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks")


def other_process_opens_and_closes(db: Path) -> None:
    subprocess.run([sys.executable, "-c",
                    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                    "c.execute('select count(*) from sqlite_master').fetchone(); c.close()",
                    str(db)], check=True)


def browse(qtbot, dialog: QFileDialog, folder: Path) -> list[str]:
    """Shows the dialog in ``folder`` and waits until Qt has listed it (and made its icons)."""
    model = dialog.findChild(QFileSystemModel)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(model.directoryLoaded, timeout=5000):
        dialog.setDirectory(str(folder))
        dialog.show()
    qtbot.wait(300)  # icons and types are gathered after the listing
    view = dialog.proxyModel() or model
    root = view.mapFromSource(model.index(str(folder))) if dialog.proxyModel() else \
        model.index(str(folder))
    return [view.index(r, 0, root).data() for r in range(view.rowCount(root))]


@pytest.fixture
def live_database(sqlite_storage):
    """A clinic database with its WAL open, as the running app has it."""
    with sqlite_storage.transaction() as s:
        s.connection().exec_driver_sql("select 1")
    return sqlite_storage


def test_browsing_the_database_folder_keeps_the_apps_locks(qtbot, live_database):
    files = live_database.files()
    db = files[0]
    (db.parent / "earlier.pdf").write_bytes(b"%PDF-1.4 an earlier export")
    wal = wal_identity(db)
    assert wal is not None
    dialog = save_dialog(None, "Export", "summary.pdf", "PDF (*.pdf)", files)
    names = browse(qtbot, dialog, db.parent)
    assert "earlier.pdf" in names
    assert not {f.name for f in files} & set(names)  # the database's files are not listed
    other_process_opens_and_closes(db)
    assert wal_identity(db) == wal  # our locks held: the other program left our WAL alone


def test_qts_own_dialog_would_have_cut_the_app_off(qtbot, live_database):
    """The hazard this module exists for, shown with Qt's dialog as it comes: it opens the
    database's files to guess their type, which drops our locks, and the other program then
    deletes the WAL our connection writes to."""
    db = live_database.files()[0]
    wal = wal_identity(db)
    dialog = QFileDialog(None, "Export")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    browse(qtbot, dialog, db.parent)
    other_process_opens_and_closes(db)
    assert wal_identity(db) != wal


def test_the_database_files_are_refused_as_an_export_target(sqlite_storage, tmp_path):
    files = sqlite_storage.files()
    assert protected(str(files[0]), files)
    assert protected(str(files[1]), files)
    assert not protected(str(tmp_path / "summary.pdf"), files)
