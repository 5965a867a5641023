"""The printed session summary as plain data (``monitor.report.session``), read straight
from the report rather than from the PDF."""

from __future__ import annotations

from monitor.report.format import ADVISORY, CRITICAL, OK, PLAIN
from monitor.report.session import session_report
from tests.monitor.report.conftest import UTC_TIMES


def report(service, clock, sid):
    return session_report(service.load(sid), clock.now(), UTC_TIMES)


def test_who_what_and_the_protocol_copied_onto_the_session(service, clock, running):
    r = report(service, clock, running)
    assert r.title == "Infusion session — Tuesday 2026-11-24, chair 2"
    assert (r.patient_name, r.mrn, r.date_of_birth) == ("Rita Report", "RP-1", "1980-03-04")
    assert dict(r.patient)["Date of birth"] == "1980-03-04 (age 46)"
    assert dict(r.patient)["Allergies"] == "Penicillin"
    assert dict(r.session)["Status"] == ("Infusing (in progress: figures as of the time "
                                         "printed)")
    assert dict(r.protocol)["Name"] == "Strict BP"
    assert dict(r.protocol)["Vitals"] == ("every 10 min infusing, 15 min observing; overdue "
                                          "2 min later")


def test_the_dose_pump_and_delivered_dose_with_their_arithmetic(service, clock, running):
    dose = dict(report(service, clock, running).dose)
    assert dose["Dose"] == "70 kg × 0.5 mg/kg = 35 mg over 40 min (total 35 mg)"
    assert dose["Bag"] == "1 mg/mL, 100 mL bag; 35 mg ÷ 1 mg/mL = 35 mL to infuse"
    assert dose["Pump rate"] == "52.5 mL/h at the start (35 mL ÷ (40 min ÷ 60) = 52.5 mL/h)"
    assert dose["Rate changes"] == "14:17 → 40 mL/h"
    # 52.5 mL/h for 12 min + 40 mL/h for 8 min (the 3-min pause excluded) = 15.83 mL
    assert dose["Dose delivered"].startswith("≈ 15.8 mg of 35 mg planned (45 %)")


def test_warnings_name_item9_and_the_alarm_left_open(service, clock, running):
    r = report(service, clock, running)
    assert r.warnings == [
        "14:22 PHQ-9 item 9 (thoughts of self-harm) answered “several days”: review suicide "
        "risk with the patient before the session.",
        "1 alarm not acknowledged (see Alarms)."]


def test_timings_list_each_event_with_pauses_and_rate_changes(service, clock, running):
    r = report(service, clock, running)
    assert r.timing_summary == ("Infusion ran 20 min 00 s of 40 min planned; paused once "
                                "for 3 min in all.")
    assert [(row.cells, row.level) for row in r.timings.rows] == [
        (("14:00", "Session opened", ""), PLAIN),
        (("14:02", "Infusion started", "pump 52.5 mL/h"), PLAIN),
        (("14:14", "Infusion paused", "Reason: nausea (3 min)"), ADVISORY),
        (("14:17", "Infusion resumed", ""), PLAIN),
        (("14:17", "Pump rate changed", "52.5 → 40 mL/h; BP rising"), PLAIN),
    ]


def test_each_vitals_row_takes_the_tier_stored_with_the_set(service, clock, running):
    rows = report(service, clock, running).vitals.rows
    assert [(row.cells[:3], row.level) for row in rows] == [
        (("14:00", "baseline", "120/80"), PLAIN),
        (("14:12", "+10", "152/84"), ADVISORY),  # past the protocol's own SBP 150
        (("14:20", "+18", "185/90"), CRITICAL),
    ]
    assert rows[1].cells[-1].splitlines() == [
        "Systolic BP 152 mmHg is above the advisory limit of 150.",
        "Systolic BP 152 is +32 mmHg over baseline 120 (advisory limit: rise of 25 or more)."]


def test_gaps_in_the_vitals_schedule(service, clock, finished):
    r = report(service, clock, finished)
    assert r.gaps_level == ADVISORY
    assert r.gaps == ("Vitals were overdue once (beyond the schedule and 2 min grace): due "
                      "14:55, none by 15:10 (15 min).")


def test_no_gaps_while_the_schedule_is_kept(service, clock, running):
    r = report(service, clock, running)
    assert (r.gaps, r.gaps_level) == ("No gaps in vitals beyond the schedule.", OK)


def test_a_finished_session_reports_its_end_sign_off_and_addenda(service, clock, finished):
    r = report(service, clock, finished)
    assert dict(r.session)["Status"] == "Discharged"
    assert dict(r.session)["Sign-off"] == "Dr Reyes, 2026-11-24 15:30"
    assert r.timing_summary == ("Infusion ran 35 min 00 s of 40 min planned; paused once "
                                "for 3 min in all; observed 30 min; ready for discharge 30 "
                                "min after the infusion ended.")
    assert r.timings.rows[-1].cells == ("15:10", "Ready for discharge",
                                        "Modified Aldrete ≥ 9 first met")
    assert r.timings.rows[-1].level == OK
    assert r.signed and r.signoff.startswith("Signed by Dr Reyes on 2026-11-24 15:30.")
    assert [row.cells for row in r.addenda.rows] == [
        ("2026-11-24 15:35", "Dr Reyes", "Follow-up call", "Phoned at 17:00: home safely.")]
    assert [row.cells for row in r.notes.rows] == [("14:25", "Calm; music on.")]
    assert [row.cells for row in r.medications.rows] == [
        ("14:25", "Ondansetron", "4 mg", "IV", "nausea 7/10")]
