"""A monitor's value is shown and stored at the record's resolution, the same number in
both places (seen at the chair: "HR 74.2" shown, HR 74 stored without a word)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from monitor.devices.edits import device_values
from monitor.devices.latest import MonitorSet, as_recorded

T = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("key, sent, kept", [
    ("hr", 74.2, 74), ("hr", 74.5, 75), ("spo2", 97.5, 98), ("spo2", 96.5, 97),
    ("rr", 13.9, 14), ("sbp", 118.0, 118), ("temp_c", 36.75, 36.8), ("temp_c", 36.84, 36.8),
])
def test_half_up_at_the_records_resolution(key, sent, kept):
    assert as_recorded(key, sent) == kept


def test_what_is_shown_is_what_a_validated_set_stores():
    sent = {"sbp": 118, "dbp": 79, "hr": 74.5, "spo2": 96.5, "rr": 13.9, "temp_c": 36.75}
    latest = MonitorSet("DEV", sent, {k: T for k in sent})
    shown = latest.recorded
    stored = latest.vitals()
    assert shown == {"sbp": 118, "dbp": 79, "hr": 75, "spo2": 97, "rr": 14, "temp_c": 36.8}
    assert (stored.sbp, stored.dbp, stored.hr, stored.spo2, stored.rr, stored.temp_c) == (
        118, 79, 75, 97, 14, 36.8)
    assert device_values(latest) == shown  # the edit form's pre-fill: the same numbers
    assert latest.values["hr"] == 74.5  # the monitor's own value is kept as sent
