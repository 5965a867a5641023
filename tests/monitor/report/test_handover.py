"""The handover sheet as plain data, from hand-built records at fixed times."""

from __future__ import annotations

from dataclasses import replace
from datetime import timezone

from monitor.report.format import CRITICAL, PLAIN, Times
from monitor.report.handover import HEADERS, handover_report
from monitor.side_effects import SideEffect
from monitor.timeline import EventKind as K
from monitor.vitals import Tier
from tests.monitor.test_board import alarm, at, record

TIMES = Times(timezone.utc, at(0).date())


def cells(row) -> dict[str, str]:
    return dict(zip(HEADERS, row.cells, strict=True))


def test_one_row_per_open_chair_in_chair_order_with_what_matters():
    infusing = record(2, "2", (K.START, 0), vitals=(0, 10),
                      alarms=(alarm(5, Tier.CRITICAL, "SBP 186 above 180", "HR 120"),))
    infusing.side_effects.append(SideEffect(1, 2, "nausea", 5, at(12)))
    observing = record(1, "10", (K.START, 0), (K.END_INFUSION, 40), vitals=(0, 40),
                       name="Bea Chen")
    baseline = record(3, "1", vitals=(0,), name="Cy Park")
    report = handover_report([infusing, observing, baseline], at(20), TIMES, "Riverside")
    assert report.title == "Handover — Riverside"
    assert [cells(r)["Chair"] for r in report.rows] == ["1", "2", "10"]
    assert report.session_ids == [3, 2, 1]
    row = cells(report.rows[1])
    assert row["Patient"] == "Ada Byron Lovelace\nMRN MRN-2 · 70 kg"
    assert row["Phase"] == "Infusing"
    assert row["Clock"] == "20:00\n20:00 left"
    assert row["Dose so far"] == "— of 35.0 mg planned\n(no bag recorded)"  # 70 × 0.5
    assert row["Last vitals"].startswith("14:10 BP 124/78 HR 72\nSpO2 98% RR 14")
    assert row["Open alarms"] == "Critical 14:10: SBP 186 above 180 (+1 more)"
    assert row["Side effects"] == "Nausea 5/10 (14:12)"
    # 20 min of infusion left + the 30 min minimum observation
    assert row["Discharge-ready"] == "At least 50 min (~15:10)\ninfusion + observation"
    assert report.rows[1].level == CRITICAL and report.rows[0].level == PLAIN


def test_the_dose_so_far_from_the_pump():
    # a 1 mg/mL bag at 52.5 mL/h gives the 35 mg in the planned 40 minutes
    infusing = record(1, "1", (K.START, 0), vitals=(0, 10))
    infusing.session = replace(infusing.session, concentration_mg_ml=1.0,
                               bag_volume_ml=100, pump_rate_ml_h=52.5)
    row = cells(handover_report([infusing], at(20), TIMES).rows[0])
    assert row["Dose so far"] == "17.5 of 35.0 mg\n0.5 mg/kg"


def test_discharge_ready_in_observation_and_once_ready():
    observing = record(1, "1", (K.START, 0), (K.END_INFUSION, 40), vitals=(0, 40))
    row = cells(handover_report([observing], at(52, 30), TIMES).rows[0])
    assert row["Discharge-ready"] == "In 18 min (~15:10):\nobservation, then Aldrete"
    done = cells(handover_report([observing], at(75), TIMES).rows[0])
    assert done["Discharge-ready"] == "Observation done:\nneeds the Aldrete score"
    observing.session = replace(observing.session, discharge_ready_at=at(72))
    ready = cells(handover_report([observing], at(75), TIMES).rows[0])
    assert ready["Discharge-ready"] == "Ready since 15:12"


def test_no_open_chair_is_said():
    discharged = record(1, "1", (K.START, 0), (K.END_INFUSION, 40), (K.DISCHARGE, 75))
    discharged.session = replace(discharged.session, phase=discharged.timeline.phase)
    report = handover_report([discharged], at(80), TIMES)
    assert report.rows == () and report.empty == "No chair is open."
