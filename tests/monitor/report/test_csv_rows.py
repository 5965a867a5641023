"""One session as spreadsheet rows (``monitor.report.csv_rows``), without writing a file."""

from __future__ import annotations

from datetime import timedelta, timezone

from monitor.report.csv_rows import COLUMNS, csv_rows
from monitor.report.format import Times


def test_every_entry_is_a_row_in_time_order(service, finished):
    rows = csv_rows(service.load(finished), Times(timezone.utc))
    assert all(len(row) == len(COLUMNS) for row in rows)
    times = [row[0] for row in rows]
    assert times == sorted(times)
    kinds = [row[2] for row in rows]
    assert kinds[:3] == ["session_opened", "vitals", "event"]
    assert kinds.count("vitals") == 4 and kinds.count("assessment") == 4
    assert kinds.count("alarm") == 2 and kinds.count("alarm_acknowledged") == 1
    assert kinds[-2:] == ["signed", "addendum"]


def test_a_vitals_row_fills_its_own_columns_and_joins_its_flags(service, finished):
    rows = csv_rows(service.load(finished), Times(timezone.utc))
    advisory = next(row for row in rows if row[2] == "vitals" and row[4] == "152")
    named = dict(zip(COLUMNS, advisory, strict=True))
    assert (named["time_utc"], named["dbp"], named["hr"], named["spo2"], named["rr"],
            named["temp_c"]) == ("2026-11-24 14:12:00", "84", "76", "98", "14", "")
    assert named["flags"] == ("Systolic BP 152 mmHg is above the advisory limit of 150. | "
                              "Systolic BP 152 is +32 mmHg over baseline 120 (advisory "
                              "limit: rise of 25 or more).")
    baseline = rows[1]
    assert baseline[4:] == ("120", "80", "70", "98", "14", "36.8", "")


def test_other_rows_leave_the_vitals_columns_empty(service, finished):
    rows = csv_rows(service.load(finished), Times(timezone.utc))
    for row in rows:
        if row[2] != "vitals":
            assert row[4:] == ("",) * 7, row


def test_details_say_what_happened(service, finished):
    details = {(row[2], row[3]) for row in csv_rows(service.load(finished),
                                                   Times(timezone.utc))}
    assert ("session_opened", f"Session #{finished}, chair 2, Strict BP: 70 kg × 0.5 mg/kg "
            "= 35 mg over 40 min") in details
    assert ("event", "Pump rate changed: 40 mL/h (BP rising)") in details
    assert ("event", "Infusion paused: nausea") in details
    assert ("alarm_acknowledged", "Advisory alarm acknowledged by RN Kim: Repeated the "
            "measurement") in details
    assert ("note", "Note: Calm; music on.") in details
    assert ("signed", "Signed by Dr Reyes") in details


def test_local_time_beside_utc(service, finished):
    plus_two = Times(timezone(timedelta(hours=2)))
    first = csv_rows(service.load(finished), plus_two)[0]
    assert first[:2] == ("2026-11-24 14:00:00", "2026-11-24 16:00:00")
