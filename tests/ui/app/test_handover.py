"""The handover sheet through the real window: every open chair on one PDF page (read
back with pdftotext), printed through QPrinter to a PDF file and through Qt's print
dialog; export file names carry the MRN and the date; the dialogs remember the folder
but never the database's."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog

from monitor.report.file_names import export_name, handover_name, safe_part
from tests.ui.app.test_alarm_sound_window import HIGH_BP, infusing
from tests.ui.conftest import answer_dialog
from ui.app.handover_actions import print_handover, save_handover_pdf

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")

CHAIRS = {"1": ("MRN-41", "Alex Rivera"), "2": ("MRN-42", "Bea Chen"),
          "4": ("MRN-44", "Cy Park")}


def three_open_chairs(service, clock) -> dict[str, int]:
    ids = {}
    for chair, (mrn, name) in CHAIRS.items():
        ids[chair] = infusing(service, clock, mrn, name, chair)
        clock.advance(minutes=3)
    service.record_vitals(ids["2"], HIGH_BP)
    service.record_side_effect(ids["4"], "nausea", 5)
    return ids


def pdf_text(path: Path) -> str:
    """The words in the order painted (each cell is one drawText), spaces folded."""
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(out.split())


def pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


@needs_poppler
def test_the_handover_pdf_holds_every_open_chair_on_one_page(
        qtbot, window, ui_service, clock, tmp_path):
    three_open_chairs(ui_service, clock)
    path = tmp_path / "handover.pdf"
    assert save_handover_pdf(window, str(path)) == str(path)
    assert pages(path) == 1
    text = pdf_text(path)
    for _chair, (mrn, name) in CHAIRS.items():
        assert name in text and f"MRN {mrn}" in text
    for header in ("Chair", "Patient", "Phase", "Clock", "Dose so far", "Last vitals",
                   "Open alarms", "Side effects", "Discharge-ready"):
        assert header in text
    assert re.search(r"Critical \d\d:\d\d: Systolic BP 186", text)  # chair 2: open alarm
    assert "Nausea 5/10" in text  # chair 4's side effect
    assert "BP 186/96" in text  # chair 2's last vitals
    assert "Infusing" in text
    assert "not a replacement for the patient monitor's own alarms" in text
    assert window.statusBar().currentMessage() == f"Handover sheet saved to {path}"


@needs_poppler
def test_print_goes_through_qprinter_to_a_pdf_file(qtbot, window, ui_service, clock,
                                                   tmp_path):
    three_open_chairs(ui_service, clock)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_handover(window, printer, ask=False)
    assert pages(tmp_path / "printed.pdf") == 1
    text = pdf_text(tmp_path / "printed.pdf")
    for _chair, (mrn, name) in CHAIRS.items():
        assert name in text and f"MRN {mrn}" in text


def test_ctrl_p_opens_qts_print_dialog(qtbot, window, ui_service, clock, tmp_path):
    three_open_chairs(ui_service, clock)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "dialog.pdf"))
    seen = answer_dialog(qtbot, lambda dialog: dialog.reject())
    assert print_handover(window, printer) is False  # cancelled: nothing printed
    assert seen and isinstance(seen[0], QPrintDialog)
    assert not (tmp_path / "dialog.pdf").exists()
    [action] = [a for a in window.findChildren(type(window.dark_action))
                if a.text() == "&Print handover sheet…"]
    assert action.shortcut().toString() == "Ctrl+P"


def test_default_file_names_carry_the_mrn_and_the_date():
    assert export_name("MRN123", date(2026, 11, 30), "session", "pdf") \
        == "MRN123_2026-11-30_session.pdf"
    assert export_name("AB/12 34", date(2026, 1, 2), "course", "pdf") \
        == "AB-12-34_2026-01-02_course.pdf"
    assert safe_part("../..") == "no-MRN"
    from datetime import datetime

    assert handover_name(datetime(2026, 11, 30, 14, 32)) == "handover_2026-11-30_1432.pdf"


def test_the_export_dialog_suggests_the_mrn_and_date_and_remembers_the_folder(
        qtbot, window, ui_service, clock, tmp_path, prefs):
    ids = three_open_chairs(ui_service, clock)
    day = clock.now().astimezone().date()
    name = f"MRN-41_{day:%Y-%m-%d}_session.pdf"
    assert window.export_file_name("session", ids["1"], "pdf") == name
    assert window.export_file_name("session", ids["1"], "csv") == name[:-3] + "csv"
    patient = ui_service.get_session(ids["2"]).patient_id
    assert window.export_file_name("course", patient, "pdf") \
        == f"MRN-42_{day:%Y-%m-%d}_course.pdf"

    exports = tmp_path / "exports"
    exports.mkdir()
    database = tmp_path / "db" / "clinic.sqlite"
    database.parent.mkdir()
    database.write_bytes(b"")
    window.database_files = [database]
    shown: list[tuple[str, str]] = []

    def save_in(folder: Path):
        def answer(dialog: QFileDialog) -> None:
            shown.append((dialog.directory().absolutePath(),
                          Path(dialog.selectedFiles()[0]).name))
            dialog.selectFile(str(folder / Path(dialog.selectedFiles()[0]).name))
            dialog.accept()
        return answer

    answer_dialog(qtbot, save_in(exports))
    written = window.export_csv(ids["1"])
    csv_name = name[:-3] + "csv"
    assert written == str(exports / csv_name) and Path(written).exists()
    assert shown[-1][1] == csv_name
    assert prefs.export_folder == str(exports)

    answer_dialog(qtbot, save_in(database.parent))  # into the database's folder
    written = window.export_csv(ids["2"])
    assert written and Path(written).parent == database.parent
    assert prefs.export_folder == str(exports)  # not remembered

    answer_dialog(qtbot, lambda dialog: (shown.append(
        (dialog.directory().absolutePath(), "")), dialog.reject()))
    assert window.export_csv(ids["4"]) is None
    assert shown[-1][0] == str(exports)  # opened in the folder remembered


def test_printing_to_the_clinics_own_file_is_refused(qtbot, window, ui_service, clock,
                                                    sqlite_storage):
    """Qt's print dialog has a file browser of its own: "print to file" onto the database
    (however the path is spelt) is refused and the dialog asked again."""
    three_open_chairs(ui_service, clock)
    window.database_files = sqlite_storage.files()  # as main.run sets them
    [database] = [f for f in window.database_files if str(f).endswith(".sqlite")]
    before = Path(database).read_bytes()
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    spelt = Path(database).parent / ".." / Path(database).parent.name / Path(database).name
    printer.setOutputFileName(str(spelt))
    said: list[str] = []

    def print_to_the_database(dialog):
        assert isinstance(dialog, QPrintDialog)
        answer_dialog(qtbot, refused)
        dialog.accept()

    def refused(box):
        said.append(box.text())
        answer_dialog(qtbot, lambda again: again.reject())  # asked again: cancel
        box.accept()

    answer_dialog(qtbot, print_to_the_database)
    assert print_handover(window, printer) is False
    assert said == ["That is the clinic's database. Choose another name or folder for the "
                    "export."]
    assert Path(database).read_bytes() == before
