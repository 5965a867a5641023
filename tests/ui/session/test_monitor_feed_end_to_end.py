"""End to end, on one SQLite file: `chairside simulate`'s session played by a real MLLP
client → the listener (the app's feed thread) → the database → the chair's chart data →
the nurse's validation → the PDF."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from PySide6.QtCore import Qt

from db.feed_thread import FeedThread
from export.documents import export_session_pdf
from monitor.devices.feed_settings import FeedSettings
from monitor.devices.simulator import play
from tests.export.pdf_text import page_lines
from tests.ui.session.test_entries import start_a_session

DEVICE = "0000SIM000000042"


def test_simulator_to_listener_to_chart_to_validation_to_pdf(qtbot, window, ui_service,
                                                            sqlite_storage, clock, tmp_path):
    view = start_a_session(qtbot, window)  # chair 3
    panel = view.monitor
    feed = FeedThread(str(sqlite_storage.url), FeedSettings(enabled=True, port=0))
    port = feed.start_listening()
    try:
        def simulate(minutes: int, after: timedelta) -> dict:
            return asyncio.run(play("127.0.0.1", port, chair="3", device=DEVICE,
                                    time_scale=1e6, minutes=minutes, seed=42,
                                    start=clock.now() + after))
        # the monitor is switched on: it appears for assignment, its values are no one's
        assert simulate(1, timedelta(seconds=1)) == {"AA": 6}
        view.tick()
        assert panel.unbound.currentText() == DEVICE
        qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
        # then a 20-minute stretch of the session, the BP starting to rise
        codes = simulate(20, timedelta(minutes=2))
    finally:
        feed.stop()
    assert set(codes) == {"AA"} and codes["AA"] > 80
    clock.advance(minutes=22)
    view.tick()
    drawn = panel.points.count
    # HR, SpO₂ and RR every 15 s report, SBP/DBP every 3-min cuff cycle, less the
    # simulator's gaps and artifacts (never drawn: no SBP of 320, no SpO₂ of -100)
    assert 200 < drawn <= 3 * 81 + 2 * 7
    sbp = panel.points.points["sbp"].getData()[1]
    assert len(sbp) >= 5 and max(sbp) < 300
    assert "last value" in panel.status.text() and "MONITOR SILENT" not in panel.status.text()

    panel.validate()
    assert "Monitor set validated" in panel.message.text(), panel.message.text()
    stored = view.record.vitals[-1]
    assert stored.source == f"monitor {DEVICE}"
    assert stored.taken_at <= clock.now()
    assert 100 < stored.values.sbp < 200  # the simulator's BP, never an artifact of 320

    pdf = tmp_path / "session.pdf"
    export_session_pdf(ui_service, view.session_id, pdf, now=clock.now())
    text = " ".join(" ".join(page) for page in page_lines(pdf))
    assert "Bedside monitor feed" in text
    assert f"monitor observations from {DEVICE}" in text
    assert "Silences longer than 60 s" in text or "No silences longer than 60 s" in text
