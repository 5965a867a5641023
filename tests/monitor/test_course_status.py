"""A course's current status from hand-made score series, through the real trend
(response = a 50 % drop from the course's first score; remission PHQ-9 < 5, MADRS ≤ 10)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from monitor.course import SessionSummary, trend
from monitor.course_status import Status, course_status
from monitor.timeline import Phase

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def summaries(phq9: list[int | None], madrs: list[int | None] | None = None
              ) -> list[SessionSummary]:
    madrs = madrs or [None] * len(phq9)
    return [SessionSummary(
        session_id=100 + n, opened_at=T0 + timedelta(days=3 * n), chair="1",
        phase=Phase.DISCHARGED, mg_per_kg=0.5, total_mg=35, planned_minutes=40,
        infusion_minutes=40, stopped_early=None, baseline_bp=None, peak_bp=None,
        sbp_rise=None, lowest_spo2=None, highest_hr=None, peak_dissociation=None,
        worst_nausea=None, rescue_medications=(), alarm_count=0, minutes_to_ready=None,
        phq9=p, phq9_item9=False, madrs=m, signed=True)
        for n, (p, m) in enumerate(zip(phq9, madrs, strict=True))]


def status(phq9, madrs=None, scale="phq9"):
    return course_status(trend(summaries(phq9, madrs), scale))


def test_responding_then_remission_then_lost_response():
    # 20 → 14 (−30 %) → 9 (−55 %: response) → 4 (remission) → 4 → 12 (−40 %: lost)
    series = [20, 14, 9, 4, 4, 12]
    seen = [status(series[:n]) for n in range(1, len(series) + 1)]
    assert [(s.status, s.since) for s in seen] == [
        (Status.BASELINE_ONLY, None), (Status.NO_RESPONSE, None),
        (Status.RESPONDING, 3), (Status.IN_REMISSION, 4), (Status.IN_REMISSION, 4),
        (Status.LOST_RESPONSE, 6)]
    last = seen[-1]
    assert (last.first_response, last.first_remission) == (3, 4)
    assert last.text == "lost response since session 6"


def test_lost_response_counts_from_the_first_score_no_longer_a_response():
    s = status([20, 8, 11, 12, 15])  # 8 is −60 %; 11 is −45 %: lost from session 3
    assert (s.status, s.since, s.first_response, s.first_remission) == (
        Status.LOST_RESPONSE, 3, 2, None)


def test_regaining_response_after_losing_it():
    s = status([20, 8, 12, 9])  # −60 %, −40 %, −55 %
    assert (s.status, s.since) == (Status.RESPONDING, 4)


def test_remission_lost_but_still_a_response_is_responding():
    s = status([20, 3, 7])  # 3: remission; 7 is −65 %: still a response
    assert (s.status, s.since, s.first_remission) == (Status.RESPONDING, 3, 2)


def test_exactly_half_is_a_response_and_just_under_is_not():
    assert status([20, 10]).status is Status.RESPONDING
    assert status([20, 11]).status is Status.NO_RESPONSE


def test_a_course_starting_in_remission_can_lose_it():
    s = status([3, 4, 6])  # maintenance: remission from the start, then PHQ-9 6
    assert (s.status, s.since, s.first_remission, s.first_response) == (
        Status.LOST_RESPONSE, 3, 1, None)


def test_sessions_without_a_score_are_skipped_not_counted_as_lost():
    s = status([20, None, 9, None])
    assert (s.status, s.since) == (Status.RESPONDING, 3)


def test_madrs_remission_is_ten_or_less():
    s = status([None] * 3, [30, 10, 16], scale="madrs")  # 16 is −47 %
    assert (s.status, s.since, s.first_remission) == (Status.LOST_RESPONSE, 3, 2)
    assert status([None] * 2, [30, 11], scale="madrs").status is Status.RESPONDING


@pytest.mark.parametrize("series", [[], [None, None]])
def test_nothing_recorded(series):
    assert status(series).status is Status.NOT_RECORDED
    assert status(series).text == "not recorded"
