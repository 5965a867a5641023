""""Taken at" set back across a daylight-saving change, through the real vitals form, in
Europe/Berlin — as the computer's zone (TZ, what the app uses) and as a zone handed to the
window: the stored instant has the offset of that hour, not of now."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTime

from tests.ui.session.test_entries import start_a_session, vitals_rows
from tests.ui.session.test_session_flow import type_vitals
from ui.app.main_window import MainWindow

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(params=["process TZ", "injected"])
def berlin_window(request, qtbot, ui_service, prefs, monkeypatch):
    tz = BERLIN
    if request.param == "process TZ":
        monkeypatch.setenv("TZ", "Europe/Berlin")
        time.tzset()
        tz = None
    w = MainWindow(ui_service, prefs, "test database", tz=tz)
    w.timer.stop()
    qtbot.addWidget(w)
    w.start()
    w.show()
    qtbot.waitExposed(w)
    yield w
    monkeypatch.undo()  # TZ as it was, and the C library told
    time.tzset()


@pytest.mark.parametrize(("opened", "now", "typed", "stored"), [
    # 29 March: opened 01:00 CET; at 04:00 CEST the nurse sets 01:30 (CET)
    (datetime(2026, 3, 29, 0, 0, tzinfo=UTC), datetime(2026, 3, 29, 2, 0, tzinfo=UTC),
     QTime(1, 30), datetime(2026, 3, 29, 0, 30, tzinfo=UTC)),
    # 25 October: opened 01:00 CEST; at 04:00 CET the nurse sets 01:30 (CEST)
    (datetime(2026, 10, 24, 23, 0, tzinfo=UTC), datetime(2026, 10, 25, 3, 0, tzinfo=UTC),
     QTime(1, 30), datetime(2026, 10, 24, 23, 30, tzinfo=UTC)),
])
def test_taken_at_set_back_across_a_change_is_stored_at_that_hours_offset(
        qtbot, berlin_window, clock, sqlite_storage, opened, now, typed, stored):
    clock.set(opened)
    view = start_a_session(qtbot, berlin_window)
    clock.set(now)
    view.tick()
    assert view.vitals_form.taken_at.time() == QTime(4, 0)  # the clock, in Berlin
    view.vitals_form.taken_at.setTime(typed)
    type_vitals(qtbot, view, 120, 80, 70, 98, 14)
    assert view.vitals_form.message.text().startswith("Saved")
    assert [row.taken_at for row in vitals_rows(sqlite_storage)] == [stored]


def test_a_time_the_clocks_skipped_is_refused_in_the_form(qtbot, berlin_window, clock,
                                                         sqlite_storage):
    clock.set(datetime(2026, 3, 29, 0, 0, tzinfo=UTC))
    view = start_a_session(qtbot, berlin_window)
    clock.set(datetime(2026, 3, 29, 2, 0, tzinfo=UTC))
    view.tick()
    view.vitals_form.taken_at.setTime(QTime(2, 30))
    type_vitals(qtbot, view, 120, 80, 70, 98, 14)
    assert "02:30 did not exist on 29 Mar 2026" in view.vitals_form.message.text()
    assert vitals_rows(sqlite_storage) == []
