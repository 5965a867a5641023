"""One rule for the worst alarm tier a value reaches under a session's own limits."""

from __future__ import annotations

from dataclasses import replace

from monitor.alarms import worst_tier
from monitor.vitals import AlarmFlag, Tier, default_limits, tier_reached, worst

A, C = Tier.ADVISORY, Tier.CRITICAL


def test_worst_prefers_critical_then_advisory():
    assert worst([]) is None and worst([None, None]) is None
    assert worst([None, A]) is A and worst([A, C, None]) is C


def test_absolute_limits_under_the_defaults():
    limits = default_limits()
    assert tier_reached(limits, "sbp", 160) is None  # "> 160"
    assert tier_reached(limits, "sbp", 161) is A
    assert tier_reached(limits, "sbp", 180) is C  # ">= 180"
    assert tier_reached(limits, "spo2", 93) is A and tier_reached(limits, "spo2", 89) is C
    assert tier_reached(limits, "sbp", None) is None


def test_a_rise_is_read_against_the_relative_limits_only():
    limits = default_limits()
    assert tier_reached(limits, "sbp", 35, relative=True) is A
    assert tier_reached(limits, "sbp", 40, relative=True) is C
    assert tier_reached(limits, "sbp", 29, relative=True) is None
    assert tier_reached(limits, "sbp", 35) is C  # the same number as an SBP: below 80


def test_a_sessions_own_limit_decides():
    own = tuple(replace(lim, threshold=150) if (lim.measure, lim.op, lim.relative) ==
                ("sbp", ">", False) else lim for lim in default_limits())
    assert tier_reached(own, "sbp", 155) is A
    assert tier_reached(default_limits(), "sbp", 155) is None


def test_an_alarm_takes_the_worst_tier_of_its_flags():
    assert worst_tier([]) is None
    flags = [AlarmFlag("hr", A, "x"), AlarmFlag("sbp", C, "y")]
    assert worst_tier(flags) is C and worst_tier(flags[:1]) is A
