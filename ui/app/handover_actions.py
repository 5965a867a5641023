"""File → Print… (the handover sheet, through Qt's print dialog), File → Handover as
PDF…, and the Alarms menu (silence the sound; how to acknowledge from the board)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMainWindow, QMessageBox

from export.handover_sheet import paint_handover, write_handover_pdf
from monitor.audit.entry import AuditEvent
from monitor.report.file_names import handover_name
from monitor.report.format import Times
from monitor.report.handover import HandoverReport, handover_report
from ui.app.export_paths import ask_export_path
from ui.common.file_dialog import DATABASE_REFUSAL, protected

SILENCE_KEY = "F8"


def handover_actions(window, print_key: QKeySequence) -> list[QAction]:
    printing = QAction("&Print handover sheet…", window, shortcut=print_key)
    printing.triggered.connect(lambda: print_handover(window))
    as_pdf = QAction("&Handover as PDF…", window)
    as_pdf.triggered.connect(lambda: save_handover_pdf(window))
    return [printing, as_pdf]


def alarm_actions(window) -> list[QAction]:
    silence = QAction("&Silence alarm sound", window, shortcut=QKeySequence(SILENCE_KEY))
    silence.setStatusTip("Silences what sounds now for the minutes set in Clinic settings; "
                         "logged in each chair's record. New alarms still sound.")
    silence.triggered.connect(window.silence_sound)
    acknowledge = QAction("&Acknowledge from the board: A on a chair (or right-click)",
                          window)
    acknowledge.setEnabled(False)  # a hint in the menu, the key works on the tile
    return [silence, acknowledge]


def current_handover(window) -> HandoverReport:
    """The sheet of every open chair now, from the records on screen (reloaded first so
    that sessions opened on another workstation are on it)."""
    window.reload()  # the screens follow too, as on the half-minute reload
    now = window.service.clock.now()
    times = Times(window.tz, now.astimezone(window.tz).date())
    return handover_report(window.clinic.open_records(), now, times,
                           window.service.settings.clinic_name())


def audit_handover(window, report: HandoverReport, where: str) -> None:
    """The sheet names every open chair's patient: who printed it, and where, goes in the
    clinic's audit trail (a working sheet of the shift, not a record export, so a nurse
    may print it; the audit keeps it accountable)."""
    user = getattr(window, "current_user", None)
    if window.accounts is None or user is None or user.actor is None:
        return
    ids = ",".join(str(sid) for sid in report.session_ids)
    window.accounts.record(user.actor, AuditEvent("print handover", "infusion_session", ids,
                                                  detail=where))


def print_handover(window: QMainWindow, printer: QPrinter | None = None,
                   ask: bool = True) -> bool:
    """Prints the handover sheet; with ``ask`` through Qt's print dialog. True if printed."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("Chairside handover")
    if ask and not ask_printer(window, printer):
        return False
    try:
        report = current_handover(window)
        paint_handover(printer, report)
    except OSError as error:
        QMessageBox.warning(window, "Print", f"The handover sheet was not printed: {error}")
        return False
    audit_handover(window, report, f"printed on {printer.printerName() or 'a file'}"
                   + (f" ({printer.outputFileName()})" if printer.outputFileName() else ""))
    window.statusBar().showMessage("Handover sheet sent to the printer.", 8000)
    return True


def ask_printer(window, printer: QPrinter) -> bool:
    """Qt's print dialog; its "print to file" never overwrites the clinic's database (the
    dialog has a file browser of its own, not Chairside's safe one)."""
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Print handover sheet")
    while dialog.exec() == QPrintDialog.DialogCode.Accepted:
        if not protected(printer.outputFileName(), window.database_files):
            return True
        QMessageBox.warning(window, "Print", DATABASE_REFUSAL)
    return False


def save_handover_pdf(window, path: str | None = None) -> str | None:
    """Writes the handover sheet as a one-page PDF (asking where, unless given a path)."""
    now = window.service.clock.now().astimezone(window.tz)
    path = path or ask_export_path(window, window.prefs, window.database_files,
                                   handover_name(now), "PDF (*.pdf)", "Handover as PDF")
    if not path:
        return None
    try:
        report = current_handover(window)
        write_handover_pdf(path, report)
    except OSError as error:
        QMessageBox.warning(window, "Handover as PDF", f"The PDF was not written: {error}")
        return None
    audit_handover(window, report, f"PDF to {path}")
    window.statusBar().showMessage(f"Handover sheet saved to {path}", 10_000)
    return path
