"""A long PDF export runs in a worker thread: the window keeps processing its events (its
clock, its alarms) while the PDF is written, and the file is complete afterwards."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from export.documents import session_pdf
from tests.export.pdf_text import page_lines
from tests.export.sessions import make_eventful
from ui.app.pdf_export import write_with_progress


def test_the_window_keeps_processing_events_while_a_long_pdf_is_written(
        qtbot, window, ui_service, clock, tmp_path):
    made = make_eventful(ui_service, clock, note_length=10_000, notes=48)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    path = window.export_pdf("session", made.session_id, path=str(tmp_path / "long.pdf"))
    took = time.monotonic() - started
    timer.stop()
    assert path == str(tmp_path / "long.pdf")
    during = [t for t in ticks if t > started]
    gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
    # written synchronously, the timer would not fire at all until the end; in a worker it
    # keeps firing. Not every 20 ms: PySide keeps Python's lock while Qt lays out a long
    # table, which pauses Python slots meanwhile.
    assert len(during) >= 3, (len(during), took)
    assert max(gaps) < 0.6 * took, (max(gaps), took)
    lines = page_lines(path)
    text = " ".join(line for page in lines for line in page)
    pages = len(lines)
    assert pages > 10 and f"Page {pages} of {pages}" in text
    for heading in ("Medications", "Discharge", "Notes", "Sign-off", "Addenda"):
        assert heading in text
    assert "Signed by Dr Ana Reyes" in text
    for i in range(3):
        assert f"eventfuladdendum{i}end" in text
    assert window.statusBar().currentMessage() == f"PDF saved to {path} ({pages} pages)"


def test_a_pdf_that_cannot_be_written_is_reported(qtbot, window, ui_service, clock,
                                                   tmp_path):
    made = make_eventful(ui_service, clock)
    job = session_pdf(ui_service, made.session_id)
    with pytest.raises(OSError, match="does not exist"):
        write_with_progress(window, job, str(tmp_path / "no such folder" / "x.pdf"))
    assert not (tmp_path / "no such folder").exists()
