"""The care sections of a printed session (``monitor.report.care``) as plain rows."""

from __future__ import annotations

from monitor.report.care import (
    alarms_table,
    aldrete_table,
    assessments_table,
    discharge_facts,
    side_effects_table,
    signoff_text,
)
from monitor.report.format import ADVISORY, CRITICAL, PLAIN
from tests.monitor.report.conftest import UTC_TIMES


def test_a_severe_side_effect_is_in_the_critical_colour(service, running):
    [row] = side_effects_table(service.load(running), UTC_TIMES).rows
    assert row.cells == ("14:20", "Nausea", "7/10 (severe)", "bag given")
    assert row.level == CRITICAL


def test_scales_show_the_score_out_of_the_scales_top_and_its_meaning(service, running):
    rows = assessments_table(service.load(running), UTC_TIMES).rows
    assert [row.cells[1:3] for row in rows] == [("PHQ-9", "11/27"),
                                               ("Sedation (MOAA/S)", "4/5"),
                                               ("CADSS total", "20/92")]
    phq9, moaas, cadss = rows
    assert phq9.cells[3].splitlines() == [
        "moderate", "⚠ ITEM 9 (thoughts of self-harm): “several days” (1) — review suicide "
                    "risk"]
    assert phq9.level == CRITICAL
    assert (moaas.cells[3], moaas.level) == ("lethargic response to name", PLAIN)
    assert cadss.cells[3] == ""


def test_item9_at_0_is_said_and_not_flagged(service, clock, running):
    service.record_assessment(running, "phq9", items=(1, 1, 1, 1, 1, 1, 1, 1, 0))
    row = assessments_table(service.load(running), UTC_TIMES).rows[-1]
    assert row.cells[2:] == ("8/27", "mild; item 9: 0 (not at all)")
    assert row.level == PLAIN


def test_alarms_colour_the_tier_and_an_open_one(service, running):
    advisory, critical = alarms_table(service.load(running), UTC_TIMES).rows
    assert advisory.cells[:2] == ("14:12", "Advisory")
    assert advisory.cells[3] == "14:12 by RN Kim\nAction: Repeated the measurement"
    assert advisory.cell_levels == (PLAIN, ADVISORY, PLAIN, PLAIN)
    assert critical.cells[3] == "Not acknowledged"
    assert critical.cell_levels == (PLAIN, CRITICAL, PLAIN, CRITICAL)


def test_discharge_facts_before_and_after(service, running, finished):
    record = service.load(finished)
    assert discharge_facts(record, UTC_TIMES) == [
        ("Discharge score", "Modified Aldrete 10/10 at 15:10 (minimum 9: met)"),
        ("Ready for discharge", "15:10"),
        ("Criteria", "Aldrete 10/10; escort present; no driving confirmed"),
        ("Discharged", "15:10")]
    assert [row.cells[:2] for row in aldrete_table(record).rows] == [
        ("Activity", "2"), ("Respiration", "2"), ("Circulation", "2"),
        ("Consciousness", "2"), ("Oxygen saturation", "2")]


def test_no_discharge_yet(service, running):
    record = service.load(running)
    assert discharge_facts(record, UTC_TIMES) == [
        ("Discharge score", "No Modified Aldrete score recorded."),
        ("Ready for discharge", "—"), ("Discharged", "Not discharged yet.")]
    assert aldrete_table(record).rows == []


def test_an_aldrete_item_below_2_is_advisory(service, running):
    service.record_aldrete(running, {"activity": 2, "respiration": 2, "circulation": 1,
                                     "consciousness": 2, "oxygen": 2})
    rows = aldrete_table(service.load(running)).rows
    assert [row.level for row in rows] == [PLAIN, PLAIN, ADVISORY, PLAIN, PLAIN]
    assert rows[2].cells == ("Circulation", "1", "BP within ± 20–49 % of baseline")


def test_signoff_in_each_state(service, clock, patient, running, finished):
    assert signoff_text(service.load(finished), UTC_TIMES) == (
        "Signed by Dr Reyes on 2026-11-24 15:30. The record is locked; corrections are "
        "addenda.")
    fresh = service.open_session(patient.id, "3", 70)
    assert signoff_text(service.load(fresh.id), UTC_TIMES) == (
        "Not signed: the session is still baseline.")
