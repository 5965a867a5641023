"""Every default alarm limit of the clinical reference, on both sides of each boundary."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from monitor.alarms import ACTIONS, Alarm, check_acknowledgement, highest_open, worst_tier
from monitor.errors import InvalidEntry
from monitor.vitals import AlarmCheck, AlarmFlag, Limit, Tier, VitalsValues

ADV, CRIT = Tier.ADVISORY, Tier.CRITICAL
NORMAL = VitalsValues(sbp=120, dbp=70, hr=70, spo2=98, rr=14, temp_c=36.8)
UTC = timezone.utc
T0 = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


def vitals(**changes) -> VitalsValues:
    return replace(NORMAL, **changes)


def found(values: VitalsValues, baseline: VitalsValues | None = None) -> set[tuple[str, Tier]]:
    return {(f.measure, f.tier) for f in AlarmCheck().flags(values, baseline)}


# (changes to a normal set) → the one tier flagged for that measure, or None
ABSOLUTE = [
    # systolic BP: advisory > 160, critical ≥ 180
    ({"sbp": 160}, "sbp", None),
    ({"sbp": 161}, "sbp", ADV),
    ({"sbp": 179}, "sbp", ADV),
    ({"sbp": 180}, "sbp", CRIT),
    ({"sbp": 220}, "sbp", CRIT),
    # systolic BP: advisory < 90, critical < 80
    ({"sbp": 90, "dbp": 50}, "sbp", None),
    ({"sbp": 89, "dbp": 50}, "sbp", ADV),
    ({"sbp": 80, "dbp": 50}, "sbp", ADV),
    ({"sbp": 79, "dbp": 50}, "sbp", CRIT),
    # diastolic BP: advisory > 100, critical ≥ 110
    ({"sbp": 150, "dbp": 100}, "dbp", None),
    ({"sbp": 150, "dbp": 101}, "dbp", ADV),
    ({"sbp": 150, "dbp": 109}, "dbp", ADV),
    ({"sbp": 150, "dbp": 110}, "dbp", CRIT),
    # diastolic BP has no low limit
    ({"sbp": 90, "dbp": 20}, "dbp", None),
    # heart rate: advisory > 110 or < 50, critical > 130 or < 40
    ({"hr": 110}, "hr", None),
    ({"hr": 111}, "hr", ADV),
    ({"hr": 130}, "hr", ADV),
    ({"hr": 131}, "hr", CRIT),
    ({"hr": 50}, "hr", None),
    ({"hr": 49}, "hr", ADV),
    ({"hr": 40}, "hr", ADV),
    ({"hr": 39}, "hr", CRIT),
    # SpO₂: advisory < 94, critical < 90
    ({"spo2": 100}, "spo2", None),
    ({"spo2": 94}, "spo2", None),
    ({"spo2": 93}, "spo2", ADV),
    ({"spo2": 90}, "spo2", ADV),
    ({"spo2": 89}, "spo2", CRIT),
    # respiratory rate: advisory > 24 or < 10, critical > 30 or < 8
    ({"rr": 24}, "rr", None),
    ({"rr": 25}, "rr", ADV),
    ({"rr": 30}, "rr", ADV),
    ({"rr": 31}, "rr", CRIT),
    ({"rr": 10}, "rr", None),
    ({"rr": 9}, "rr", ADV),
    ({"rr": 8}, "rr", ADV),
    ({"rr": 7}, "rr", CRIT),
    # temperature: advisory > 38.0, critical > 39.0
    ({"temp_c": 38.0}, "temp_c", None),
    ({"temp_c": 38.1}, "temp_c", ADV),
    ({"temp_c": 39.0}, "temp_c", ADV),
    ({"temp_c": 39.1}, "temp_c", CRIT),
    ({"temp_c": 30.0}, "temp_c", None),
    ({"temp_c": None}, "temp_c", None),
]


@pytest.mark.parametrize(("changes", "measure", "tier"), ABSOLUTE, ids=repr)
def test_absolute_limits(changes, measure, tier):
    expected = set() if tier is None else {(measure, tier)}
    assert found(vitals(**changes)) == expected


def test_a_normal_set_raises_nothing():
    assert AlarmCheck().flags(NORMAL) == []
    assert AlarmCheck().flags(NORMAL, NORMAL) == []


# baseline 120/70; rises that stay below the absolute limits (SBP ≤ 160, DBP ≤ 100)
RISES = [
    ({"sbp": 149}, "sbp", None),  # +29
    ({"sbp": 150}, "sbp", ADV),  # +30
    ({"sbp": 159}, "sbp", ADV),  # +39
    ({"sbp": 160}, "sbp", CRIT),  # +40
    ({"dbp": 89}, "dbp", None),  # +19
    ({"dbp": 90}, "dbp", ADV),  # +20
    ({"dbp": 94}, "dbp", ADV),  # +24
    ({"dbp": 95}, "dbp", CRIT),  # +25
]


@pytest.mark.parametrize(("changes", "measure", "tier"), RISES, ids=repr)
def test_rises_over_the_baseline(changes, measure, tier):
    expected = set() if tier is None else {(measure, tier)}
    assert found(vitals(**changes), NORMAL) == expected


def test_a_fall_is_not_a_rise():
    # 85/40 against 120/70: only the absolute low-SBP limit
    assert found(vitals(sbp=85, dbp=40), NORMAL) == {("sbp", ADV)}


@pytest.mark.parametrize("changes", [{"sbp": 160}, {"dbp": 95}])
def test_no_rise_is_flagged_without_a_baseline(changes):
    assert found(vitals(**changes)) == set()


def test_a_rise_message_names_the_rise_and_the_baseline():
    [flag] = AlarmCheck().flags(vitals(sbp=160), NORMAL)
    assert flag == AlarmFlag(
        "sbp", CRIT,
        "Systolic BP 160 is +40 mmHg over baseline 120 (critical limit: rise of 40 or more).")


@pytest.mark.parametrize(("changes", "message"), [
    ({"sbp": 180}, "Systolic BP 180 mmHg is at or above the critical limit of 180."),
    ({"sbp": 161}, "Systolic BP 161 mmHg is above the advisory limit of 160."),
    ({"spo2": 89}, "SpO₂ 89 % is below the critical limit of 90."),
    ({"temp_c": 38.1}, "Temperature 38.1 °C is above the advisory limit of 38."),
])
def test_an_absolute_message_names_the_value_and_the_limit(changes, message):
    assert [f.message for f in AlarmCheck().flags(vitals(**changes))] == [message]


def test_a_set_crossing_an_absolute_and_a_relative_limit_gives_both_flags():
    # 165: above the advisory 160, and +45 over the baseline 120 (critical rise)
    assert found(vitals(sbp=165), NORMAL) == {("sbp", ADV), ("sbp", CRIT)}
    flags = AlarmCheck().flags(vitals(sbp=165), NORMAL)
    assert len(flags) == 2
    assert worst_tier(flags) is CRIT


def test_a_set_crossing_limits_on_several_measures_flags_each():
    values = vitals(sbp=185, dbp=112, hr=135, spo2=92, rr=26, temp_c=38.5)
    assert found(values, NORMAL) == {
        ("sbp", CRIT), ("dbp", CRIT), ("hr", CRIT), ("spo2", ADV), ("rr", ADV),
        ("temp_c", ADV),
    }


def test_only_the_worse_tier_is_kept_for_one_measure_and_direction():
    flags = AlarmCheck().flags(vitals(sbp=200))
    assert [(f.measure, f.tier) for f in flags] == [("sbp", CRIT)]


def test_clinic_limits_replace_the_defaults():
    check = AlarmCheck((Limit("sbp", ">", 150, ADV),))
    assert [(f.measure, f.tier) for f in check.flags(vitals(sbp=151))] == [("sbp", ADV)]
    assert check.flags(vitals(sbp=150, spo2=80)) == []


def test_chart_lines_are_the_absolute_limits():
    assert sorted(AlarmCheck().lines("sbp")) == [(80, CRIT), (90, ADV), (160, ADV),
                                                 (180, CRIT)]
    assert AlarmCheck().lines("dbp") == [(110, CRIT), (100, ADV)]


# --- worst tier and the alarm to show first -------------------------------------------

def flag(tier: Tier) -> AlarmFlag:
    return AlarmFlag("sbp", tier, "")


@pytest.mark.parametrize(("tiers", "worst"), [
    ([], None),
    ([ADV], ADV),
    ([ADV, ADV], ADV),
    ([CRIT], CRIT),
    ([ADV, CRIT], CRIT),
    ([CRIT, ADV], CRIT),
])
def test_worst_tier(tiers, worst):
    assert worst_tier([flag(t) for t in tiers]) is worst


def alarm(id_: int, tier: Tier, minute: int, acknowledged: bool = False) -> Alarm:
    ack = T0 + timedelta(minutes=minute + 1) if acknowledged else None
    return Alarm(id_, 1, id_, tier, ("msg",), T0 + timedelta(minutes=minute),
                 acknowledged_at=ack, acknowledged_by="RN" if acknowledged else "")


def test_no_open_alarm():
    assert highest_open([]) is None
    assert highest_open([alarm(1, CRIT, 5, acknowledged=True)]) is None


def test_critical_comes_before_a_newer_advisory():
    alarms = [alarm(1, CRIT, 5), alarm(2, ADV, 10)]
    assert highest_open(alarms).id == 1


def test_the_newest_of_one_tier_comes_first():
    assert highest_open([alarm(1, CRIT, 5), alarm(2, CRIT, 10), alarm(3, CRIT, 7)]).id == 2
    assert highest_open([alarm(1, ADV, 5), alarm(2, ADV, 10), alarm(3, ADV, 7)]).id == 2


def test_acknowledged_alarms_are_ignored():
    alarms = [alarm(1, ADV, 5), alarm(2, CRIT, 10, acknowledged=True), alarm(3, ADV, 7)]
    assert highest_open(alarms).id == 3


def test_an_alarm_summary():
    a = Alarm(1, 1, 1, CRIT, ("First.", "Second."), T0)
    assert a.summary() == "Critical: First. Second."
    assert not a.acknowledged


@pytest.mark.parametrize(("by", "action", "field"), [
    ("", ACTIONS[0], "by"),
    ("   ", ACTIONS[0], "by"),
    ("RN Lee", "", "action"),
    ("RN Lee", "Something else", "action"),
])
def test_an_acknowledgement_needs_who_and_a_listed_action(by, action, field):
    with pytest.raises(InvalidEntry) as refused:
        check_acknowledgement(by, action)
    assert refused.value.field == field


@pytest.mark.parametrize("action", ACTIONS[:-1])
def test_each_listed_action_is_accepted(action):
    assert check_acknowledgement("RN Lee", action) is None


def test_other_action_needs_a_note():
    with pytest.raises(InvalidEntry, match="Say in the note what was done"):
        check_acknowledgement("RN Lee", ACTIONS[-1])
    assert check_acknowledgement("RN Lee", ACTIONS[-1], "moved to recovery chair") is None
