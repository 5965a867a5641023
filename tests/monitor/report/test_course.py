"""A patient's course as plain data (``monitor.report.course``): the overview, the
warnings, and one row per session coloured by that session's own limits."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.discharge import all_clear
from monitor.protocol import DEFAULT_PROTOCOL
from monitor.records import NewPatient
from monitor.report.course import course_report
from monitor.report.format import ADVISORY, CRITICAL, PLAIN
from monitor.vitals import Tier, VitalsValues
from tests.monitor.report.conftest import UTC_TIMES
from tests.own_limits import OWN_PROTOCOL


def phq9_items(total: int, item9: int = 0) -> tuple[int, ...]:
    """Nine answers adding up to ``total``, item 9 as given."""
    rest = total - item9
    first = [min(3, max(0, rest - 3 * i)) for i in range(8)]
    return (*first, item9)


def quick(service, clock, patient_id: int, rise: int, phq9: int, item9: int = 0,
          madrs: int | None = None, protocol=OWN_PROTOCOL):
    """A routine session: a systolic rise of ``rise`` over 120, a PHQ-9 total."""
    s = service.open_session(patient_id, "1", 70, protocol=protocol)
    service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    service.record_assessment(s.id, "phq9", items=phq9_items(phq9, item9))
    if madrs is not None:
        service.record_assessment(s.id, "madrs", madrs)
    service.start_infusion(s.id)
    clock.advance(minutes=10)
    service.record_vitals(s.id, VitalsValues(120 + rise, 84, 72, 97, 14))
    clock.advance(minutes=30)
    service.end_infusion(s.id)
    clock.advance(minutes=30)
    service.discharge(s.id, all_clear())
    clock.advance(days=7)
    return s


@pytest.fixture
def person(service):
    return service.register_patient(NewPatient("RC-1", "Cora Course", date(1975, 6, 7)))


def cell(r, row, key: str) -> str:
    """A printed cell of the course table, found by its column."""
    return row.cells[r.keys.index(key)]


def report(service, clock, patient):
    return course_report(patient, service.course(patient.id), clock.now(), UTC_TIMES)


def test_an_empty_course(service, clock, person):
    r = report(service, clock, person)
    assert r.overview == ["No sessions yet.", "PHQ-9: not recorded in this course.",
                          "MADRS: not recorded in this course."]
    assert (r.table.rows, r.table.empty) == ([], "No sessions yet.")
    assert (r.sessions, r.warnings, r.rises) == (0, [], [])
    assert "MADRS" not in r.table.headers


def test_overview_response_and_remission(service, clock, person):
    for total in (20, 14, 9, 4):
        quick(service, clock, person.id, rise=10, phq9=total)
    r = report(service, clock, person)
    assert r.overview[0] == ("4 sessions, 2026-11-24 to 2026-12-15; 0 signed, 4 waiting for "
                             "sign-off.")
    assert r.overview[1] == ("PHQ-9 20 → 4 (−80 %): first response at session 3, first "
                             "remission at session 4; now in remission since session 4.")
    assert [p.score for p in r.phq9] == [20, 14, 9, 4] and r.madrs == []
    assert [cell(r, row, "phq9") for row in r.table.rows] == [
        "20", "14 (−30%)", "9 (−55%)\nresponse", "4 (−80%)\nremission"]


def test_each_row_is_coloured_by_its_own_sessions_limits(service, clock, person):
    quick(service, clock, person.id, rise=28, phq9=10)  # own rise advisory: 25
    quick(service, clock, person.id, rise=28, phq9=10, protocol=DEFAULT_PROTOCOL)  # default: 30
    quick(service, clock, person.id, rise=45, phq9=10)
    r = report(service, clock, person)
    rise = r.keys.index("sbp_rise")
    assert [row.cells[rise] for row in r.table.rows] == ["+28", "+28", "+45"]
    assert [row.cell_level(rise) for row in r.table.rows] == [ADVISORY, PLAIN, CRITICAL]
    assert r.rises == [(1, 28), (2, 28), (3, 45)]
    assert r.rise_tiers == {1: Tier.ADVISORY, 2: None, 3: Tier.CRITICAL}
    # the chart's lines: the relative systolic limits of the latest session
    assert sorted(r.rise_limits) == [(25, Tier.ADVISORY), (40, Tier.CRITICAL)]


def test_item9_is_a_warning_and_a_critical_cell(service, clock, person):
    quick(service, clock, person.id, rise=5, phq9=18, item9=2, madrs=30)
    quick(service, clock, person.id, rise=5, phq9=12, madrs=14)
    r = report(service, clock, person)
    assert r.warnings == ["PHQ-9 item 9 (thoughts of self-harm) answered above 0 at session 1 "
                          "(2026-11-24): review suicide risk."]
    assert r.item9_sessions == {1}
    first, second = r.table.rows
    phq9 = r.keys.index("phq9")
    assert first.cells[phq9] == "18\n⚠ item 9 > 0" and first.cell_level(phq9) == CRITICAL
    assert second.cell_level(phq9) == PLAIN
    assert "MADRS" in r.table.headers  # shown once any MADRS is recorded
    assert [cell(r, row, "madrs") for row in r.table.rows] == ["30", "14 (−53%)\nresponse"]
    assert r.overview[2] == ("MADRS 30 → 14 (−53 %): first response at session 2; now "
                             "responding since session 2.")
