"""Writes a PDF in a worker thread with a progress dialog, so that the window keeps
repainting, ticking and showing alarms while a long record is laid out.

The record is read from the database before (on the GUI thread); the worker only lays
out and paints, which Qt allows outside the GUI thread on a QPdfWriter (no widget, no
pixmap is used).
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from export.documents import PdfJob

SHOW_AFTER_MS = 400  # a quick export shows no dialog at all


class PdfWorker(QThread):
    """Runs ``job.write(path)``; tells its progress and its outcome by signals."""

    progressed = Signal(str, int, int)  # what ("layout" or "page"), done, of
    failed = Signal(str)

    def __init__(self, job: PdfJob, path: str) -> None:
        super().__init__()
        self.job, self.path = job, path
        self.pages: int | None = None

    def run(self) -> None:
        try:
            self.pages = self.job.write(self.path, self.progressed.emit)
        except Exception as error:  # told to the user on the GUI thread
            self.failed.emit(str(error) or type(error).__name__)


def write_with_progress(parent: QWidget, job: PdfJob, path: str) -> int:
    """Writes ``job`` to ``path`` off the GUI thread and returns the number of pages,
    processing the window's events meanwhile; raises OSError when it was not written."""
    dialog = QProgressDialog("Laying out the report…", "", 0, 0, parent)
    dialog.setWindowTitle("Export PDF")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    worker = PdfWorker(job, path)
    errors: list[str] = []
    worker.failed.connect(errors.append)
    worker.progressed.connect(lambda what, done, of: _show(dialog, what, done, of))
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if errors or worker.pages is None:
        raise OSError(errors[0] if errors else "the export stopped")
    return worker.pages


def _show(dialog: QProgressDialog, what: str, done: int, of: int) -> None:
    if what == "page":
        dialog.setLabelText(f"Writing page {done} of {of}…")
        dialog.setRange(0, of)
        dialog.setValue(done)
    else:
        dialog.setLabelText(f"Laying out the report ({done} of {of} parts)…")
