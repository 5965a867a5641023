"""Start-up in the window: records that cannot be opened get one plain message box before
any window; a new clinic file only when confirmed; the status bar tells the backup's age."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from db.backup import BackupPolicy, ClinicBackups, backups
from db.storage import HEAD_REVISION, sqlite_url
from main import open_for_window
from monitor.errors import ClinicFileProblem
from tests.db.clinic_files import BAD_KINDS, bad_file, seeded_clinic
from tests.ui.conftest import answer_dialog
from ui.app.backup_status import BackupStatus
from ui.app.startup import TITLE, problem_box


@pytest.fixture(autouse=True)
def user_data_here(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))


@pytest.fixture(scope="module")
def good_clinic(tmp_path_factory):
    path = tmp_path_factory.mktemp("window-start") / "clinic.sqlite"
    seeded_clinic(path)
    return path


def close_with(button):
    def answer(box: QMessageBox) -> None:
        answer.text, answer.title = box.text(), box.windowTitle()
        answer.icon = box.icon()
        box.done(button)
    return answer


def test_the_problem_box_is_plain_and_names_the_file(qtbot, tmp_path):
    problem = ClinicFileProblem(f"The records file {tmp_path / 'c.sqlite'} is damaged.")
    box = problem_box(problem)
    qtbot.addWidget(box)
    assert box.windowTitle() == TITLE and box.icon() == QMessageBox.Icon.Critical
    assert box.text() == str(problem) and not box.detailedText()


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_a_bad_file_at_start_shows_one_plain_message_and_no_window(qtbot, capsys, kind,
                                                                   good_clinic, tmp_path):
    path = bad_file(kind, good_clinic, tmp_path / "clinic.sqlite")
    answer = close_with(QMessageBox.StandardButton.Close)
    seen = answer_dialog(qtbot, answer)
    assert open_for_window(sqlite_url(path), create=True) is None
    assert seen and answer.title == TITLE and answer.icon == QMessageBox.Icon.Critical
    assert str(path) in answer.text
    assert "Not saved" not in answer.text and "still on screen" not in answer.text
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_mistyped_path_asks_before_a_new_clinic_is_made(qtbot, tmp_path):
    path = tmp_path / "chairsde.sqlite"
    answer = close_with(QMessageBox.StandardButton.No)
    seen = answer_dialog(qtbot, answer)
    assert open_for_window(sqlite_url(path)) is None
    assert seen and str(path) in answer.text and "new, empty clinic" in answer.text
    assert not path.exists()
    seen = answer_dialog(qtbot, close_with(QMessageBox.StandardButton.Yes))
    clinic = open_for_window(sqlite_url(path))
    assert seen and clinic.storage.revision() == HEAD_REVISION
    clinic.storage.close()


def test_a_missing_folder_is_not_offered_as_a_new_clinic(qtbot, tmp_path):
    path = tmp_path / "Clinc" / "chairside.sqlite"
    answer = close_with(QMessageBox.StandardButton.Close)
    seen = answer_dialog(qtbot, answer)
    assert open_for_window(sqlite_url(path)) is None
    assert seen and answer.title == TITLE and "does not exist" in answer.text
    assert not path.parent.exists()


def test_the_status_bar_tells_when_the_last_good_backup_was_made(qtbot, window, clock,
                                                                 sqlite_storage, tmp_path):
    live = Path(sqlite_storage.url.database)
    folder = tmp_path / "backups"
    status = BackupStatus(ClinicBackups(live, BackupPolicy(folder, 14, timedelta(hours=48))),
                          clock)
    assert status.text() == "" and status.due()
    with qtbot.waitSignal(status.finished, timeout=10_000):
        status.attach(window)  # none yet: one is made at once, off the UI thread
    assert len(backups(folder, live.stem)) == 1
    assert status.text() == "Last backup: just now" and not status.property("warning")
    assert status.parent() is not None and status.isVisible()
    clock.advance(hours=20)
    assert not status.back_up_if_due()  # a day has not passed
    assert status.text() == "Last backup: 20 h ago"
    clock.advance(hours=30)
    status.show_age()
    assert status.property("warning") and "older than it should be" in status.text()
    with qtbot.waitSignal(status.finished, timeout=10_000):
        assert status.back_up_if_due()
    assert len(backups(folder, live.stem)) == 2 and not status.property("warning")


def test_a_failed_backup_is_shown_as_a_warning(qtbot, window, clock, sqlite_storage):
    live = Path(sqlite_storage.url.database)
    status = BackupStatus(ClinicBackups(live, BackupPolicy(live.parent)),  # the records' own
                          clock)                                          # folder
    with qtbot.waitSignal(status.finished, timeout=10_000):
        status.attach(window)
    assert status.property("warning")
    assert status.text().startswith("Backup failed: Backups are not kept in the records' own")
