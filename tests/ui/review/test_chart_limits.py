"""The review's session chart and course chart draw the limits copied onto the session
(the PDF always did), not the clinic defaults."""

from __future__ import annotations

from datetime import date, timezone

from export.colours import LIGHT
from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.vitals import VitalsValues
from tests.own_limits import limit_labels, session_with_own_limits

UTC = timezone.utc


def finished(service, clock, session) -> None:
    service.start_infusion(session.id)
    clock.advance(minutes=10)
    service.record_vitals(session.id, VitalsValues(148, 84, 76, 97, 15))  # rise of 28
    clock.advance(minutes=30)
    service.end_infusion(session.id)
    clock.advance(minutes=30)
    service.discharge(session.id, all_clear())


def test_the_session_chart_draws_the_sessions_own_limits(review, ui_service, clock):
    _p, s = session_with_own_limits(ui_service)
    finished(ui_service, clock, s)
    review.show_session(s.id)
    labels = limit_labels(review.session_review.charts)
    assert "S 150" in labels and "S 160" not in labels


def rise_lines(review) -> dict[float, str]:
    return {line.value(): tier.value for line, tier in review.charts.rise_lines}


def test_the_course_chart_draws_the_sessions_own_rise_limits(review, ui_service, clock):
    p, s = session_with_own_limits(ui_service)
    finished(ui_service, clock, s)
    review.show_patient(p.id)
    assert rise_lines(review) == {25: "advisory", 40: "critical"}
    bars = review.charts.rise_bars.opts
    assert list(bars["height"]) == [28]
    assert bars["brushes"][0].color().name() == LIGHT.advisory  # 28 is past its own 25


def test_the_course_chart_follows_the_patient_shown(review, ui_service, clock):
    p, s = session_with_own_limits(ui_service)
    finished(ui_service, clock, s)
    other = ui_service.register_patient(NewPatient("CH-7103", "Plain", date(1980, 1, 1)))
    ui_service.open_session(other.id, "2", 70)
    review.show_patient(p.id)
    review.show_patient(other.id)
    assert rise_lines(review) == {30: "advisory", 40: "critical"}


def test_each_rise_bar_is_coloured_by_its_own_sessions_limits(review, ui_service, clock):
    p, own = session_with_own_limits(ui_service)  # rise advisory 25
    finished(ui_service, clock, own)
    plain = ui_service.open_session(p.id, "1", 70)  # the defaults: rise advisory 30
    ui_service.record_vitals(plain.id, VitalsValues(120, 80, 70, 98, 14))
    finished(ui_service, clock, plain)
    review.show_patient(p.id)
    bars = review.charts.rise_bars.opts
    assert list(bars["height"]) == [28, 28]
    assert [b.color().name() for b in bars["brushes"]] == [LIGHT.advisory, LIGHT.muted]
    assert rise_lines(review) == {30: "advisory", 40: "critical"}  # the latest session's
