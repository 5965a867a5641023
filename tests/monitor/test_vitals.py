"""Vitals: plausibility limits (typos refused) and alarm flags (stored with the set)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.errors import InvalidEntry
from monitor.side_effects import SEVERITY_MAX, severity_label
from monitor.vitals import (
    AlarmCheck,
    Tier,
    VitalsRejected,
    VitalsValues,
    check_plausible,
    plausibility_problems,
)

NORMAL = VitalsValues(sbp=120, dbp=80, hr=70, spo2=98, rr=14, temp_c=36.8)
ADV, CRIT = Tier.ADVISORY, Tier.CRITICAL

# field → (low, high, unit) from the clinical reference
PLAUSIBLE = {
    "sbp": (40, 300, "mmHg"),
    "dbp": (20, 200, "mmHg"),
    "hr": (20, 250, "/min"),
    "spo2": (50, 100, "%"),
    "rr": (2, 60, "/min"),
    "temp_c": (30, 43, "°C"),
}


def vitals(**changes) -> VitalsValues:
    return replace(NORMAL, **changes)


# --- plausibility ---------------------------------------------------------------------

@pytest.mark.parametrize("changes", [
    {"sbp": 40, "dbp": 20},
    {"sbp": 300},
    {"sbp": 250, "dbp": 200},
    {"dbp": 20},
    {"hr": 20}, {"hr": 250},
    {"spo2": 50}, {"spo2": 100},
    {"rr": 2}, {"rr": 60},
    {"temp_c": 30.0}, {"temp_c": 43.0},
    {"temp_c": None},
    {"sbp": 81, "dbp": 80},
], ids=repr)
def test_values_at_the_plausibility_limits_are_accepted(changes):
    values = vitals(**changes)
    assert plausibility_problems(values) == {}
    assert check_plausible(values) is values


@pytest.mark.parametrize(("changes", "field"), [
    ({"sbp": 39, "dbp": 20}, "sbp"),
    ({"sbp": 301}, "sbp"),
    ({"dbp": 19}, "dbp"),
    ({"sbp": 250, "dbp": 201}, "dbp"),
    ({"hr": 19}, "hr"), ({"hr": 251}, "hr"),
    ({"spo2": 49}, "spo2"), ({"spo2": 101}, "spo2"),
    ({"rr": 1}, "rr"), ({"rr": 61}, "rr"),
    ({"temp_c": 29.9}, "temp_c"), ({"temp_c": 43.1}, "temp_c"),
], ids=repr)
def test_values_just_past_the_limits_are_refused_naming_the_range(changes, field):
    low, high, unit = PLAUSIBLE[field]
    with pytest.raises(VitalsRejected) as rejected:
        check_plausible(vitals(**changes))
    assert set(rejected.value.problems) == {field}
    assert rejected.value.field == field
    assert f"{low:g}–{high:g} {unit}" in rejected.value.problems[field]
    assert f"{low:g}–{high:g}" in str(rejected.value)


def test_a_typo_in_systolic_pressure():
    with pytest.raises(VitalsRejected) as rejected:
        check_plausible(vitals(sbp=1200))
    message = str(rejected.value)
    assert message == "Systolic BP 1200 is not plausible: allowed 40–300 mmHg."
    assert "40–300" in message
    assert isinstance(rejected.value, InvalidEntry)


@pytest.mark.parametrize(("sbp", "dbp"), [(120, 120), (120, 130), (90, 150)])
def test_diastolic_must_be_below_systolic(sbp, dbp):
    with pytest.raises(VitalsRejected) as rejected:
        check_plausible(vitals(sbp=sbp, dbp=dbp))
    assert rejected.value.problems == {
        "dbp": f"Diastolic BP {dbp} must be below systolic BP {sbp}."}


def test_every_problem_is_reported_at_once():
    with pytest.raises(VitalsRejected) as rejected:
        check_plausible(vitals(sbp=1200, hr=7, spo2=980))
    assert set(rejected.value.problems) == {"sbp", "hr", "spo2"}
    assert rejected.value.field == "sbp"
    for text in ("40–300", "20–250", "50–100"):
        assert text in str(rejected.value)


def test_a_temperature_that_is_not_a_number_is_refused():
    with pytest.raises(VitalsRejected) as rejected:
        check_plausible(vitals(temp_c=float("nan")))
    assert set(rejected.value.problems) == {"temp_c"}


@st.composite
def plausible_values(draw) -> VitalsValues:
    sbp = draw(st.integers(40, 300))
    return VitalsValues(
        sbp=sbp,
        dbp=draw(st.integers(20, min(200, sbp - 1))),
        hr=draw(st.integers(20, 250)),
        spo2=draw(st.integers(50, 100)),
        rr=draw(st.integers(2, 60)),
        temp_c=draw(st.none() | st.floats(30, 43)),
    )


@given(plausible_values())
def test_any_plausible_set_passes(values):
    assert check_plausible(values) == values


def outside(field: str) -> st.SearchStrategy:
    low, high, _ = PLAUSIBLE[field]
    if field == "temp_c":
        return (st.floats(max_value=low, exclude_max=True)
                | st.floats(min_value=high, exclude_min=True))
    return st.integers(-10**6, low - 1) | st.integers(high + 1, 10**6)


@given(st.sampled_from(list(PLAUSIBLE)).flatmap(
    lambda field: st.tuples(st.just(field), outside(field))))
def test_any_single_implausible_value_is_refused_for_that_field(field_and_value):
    field, value = field_and_value
    with pytest.raises(VitalsRejected) as rejected:
        check_plausible(vitals(**{field: value}))
    assert set(rejected.value.problems) == {field}
    low, high, _ = PLAUSIBLE[field]
    assert f"{low:g}–{high:g}" in rejected.value.problems[field]


# --- alarm flags ----------------------------------------------------------------------

def found(values: VitalsValues, baseline: VitalsValues | None = None) -> set:
    return {(f.measure, f.tier) for f in AlarmCheck().flags(values, baseline)}


def test_normal_values_raise_no_flag():
    assert AlarmCheck().flags(NORMAL) == []


ABSOLUTE = [
    # systolic, high: > 160 advisory, ≥ 180 critical
    ({"sbp": 160}, None), ({"sbp": 161}, ADV), ({"sbp": 179}, ADV), ({"sbp": 180}, CRIT),
    # systolic, low: < 90 advisory, < 80 critical
    ({"sbp": 90, "dbp": 50}, None), ({"sbp": 89, "dbp": 50}, ADV),
    ({"sbp": 80, "dbp": 50}, ADV), ({"sbp": 79, "dbp": 50}, CRIT),
    # diastolic: > 100 advisory, ≥ 110 critical
    ({"dbp": 100, "sbp": 150}, None), ({"dbp": 101, "sbp": 150}, ADV),
    ({"dbp": 109, "sbp": 150}, ADV), ({"dbp": 110, "sbp": 150}, CRIT),
    # heart rate: > 110 / < 50 advisory, > 130 / < 40 critical
    ({"hr": 110}, None), ({"hr": 111}, ADV), ({"hr": 130}, ADV), ({"hr": 131}, CRIT),
    ({"hr": 50}, None), ({"hr": 49}, ADV), ({"hr": 40}, ADV), ({"hr": 39}, CRIT),
    # SpO2: < 94 advisory, < 90 critical
    ({"spo2": 94}, None), ({"spo2": 93}, ADV), ({"spo2": 90}, ADV), ({"spo2": 89}, CRIT),
    # respiratory rate: > 24 / < 10 advisory, > 30 / < 8 critical
    ({"rr": 24}, None), ({"rr": 25}, ADV), ({"rr": 30}, ADV), ({"rr": 31}, CRIT),
    ({"rr": 10}, None), ({"rr": 9}, ADV), ({"rr": 8}, ADV), ({"rr": 7}, CRIT),
    # temperature: > 38.0 advisory, > 39.0 critical
    ({"temp_c": 38.0}, None), ({"temp_c": 38.1}, ADV), ({"temp_c": 39.0}, ADV),
    ({"temp_c": 39.1}, CRIT),
]


@pytest.mark.parametrize(("changes", "tier"), ABSOLUTE, ids=repr)
def test_absolute_limits(changes, tier):
    measure = next(iter(changes))
    values = check_plausible(vitals(**changes))
    assert found(values) == ({(measure, tier)} if tier else set())


@pytest.mark.parametrize(("changes", "message"), [
    ({"sbp": 161}, "Systolic BP 161 mmHg is above the advisory limit of 160."),
    ({"sbp": 180}, "Systolic BP 180 mmHg is at or above the critical limit of 180."),
    ({"spo2": 88}, "SpO₂ 88 % is below the critical limit of 90."),
    ({"temp_c": 38.4}, "Temperature 38.4 °C is above the advisory limit of 38."),
])
def test_flag_messages_name_the_value_and_the_limit(changes, message):
    assert [f.message for f in AlarmCheck().flags(vitals(**changes))] == [message]


@pytest.mark.parametrize(("changes", "measure"), [
    ({"sbp": 220}, "sbp"), ({"sbp": 60, "dbp": 40}, "sbp"), ({"dbp": 125, "sbp": 150}, "dbp"),
    ({"hr": 150}, "hr"), ({"hr": 30}, "hr"), ({"spo2": 80}, "spo2"),
    ({"rr": 40}, "rr"), ({"rr": 4}, "rr"), ({"temp_c": 40.0}, "temp_c"),
], ids=repr)
def test_only_the_worse_tier_is_flagged(changes, measure):
    flags = AlarmCheck().flags(vitals(**changes))
    assert [(f.measure, f.tier) for f in flags] == [(measure, CRIT)]


def test_each_measure_gets_its_own_tier():
    assert found(vitals(sbp=170, dbp=125)) == {("sbp", ADV), ("dbp", CRIT)}


def test_findings_on_several_measures_are_all_flagged():
    values = vitals(sbp=185, dbp=105, hr=45, spo2=91, rr=26, temp_c=39.5)
    assert found(values) == {("sbp", CRIT), ("dbp", ADV), ("hr", ADV), ("spo2", ADV),
                             ("rr", ADV), ("temp_c", CRIT)}


BASELINE = vitals(sbp=110, dbp=70)


@pytest.mark.parametrize(("changes", "expected"), [
    ({"sbp": 139}, set()),
    ({"sbp": 140}, {("sbp", ADV)}),
    ({"sbp": 149}, {("sbp", ADV)}),
    ({"sbp": 150}, {("sbp", CRIT)}),
    ({"dbp": 89}, set()),
    ({"dbp": 90}, {("dbp", ADV)}),
    ({"dbp": 94}, {("dbp", ADV)}),
    ({"dbp": 95}, {("dbp", CRIT)}),
    ({"sbp": 150, "dbp": 90}, {("sbp", CRIT), ("dbp", ADV)}),
    ({"sbp": 70, "dbp": 40}, {("sbp", CRIT)}),  # a fall: the absolute limit only
], ids=repr)
def test_rises_over_the_patients_own_baseline(changes, expected):
    assert found(vitals(**changes), BASELINE) == expected


def test_a_rise_and_an_absolute_limit_are_both_flagged():
    flags = AlarmCheck().flags(vitals(sbp=165, dbp=80), vitals(sbp=120, dbp=70))
    assert sorted((f.measure, f.tier, "baseline" in f.message) for f in flags) == [
        ("sbp", ADV, False), ("sbp", CRIT, True)]


def test_rise_message_names_the_baseline():
    [flag] = AlarmCheck().flags(vitals(sbp=145), BASELINE)
    assert flag.message == ("Systolic BP 145 is +35 mmHg over baseline 110 "
                            "(advisory limit: rise of 30 or more).")


def test_no_rise_is_flagged_without_a_baseline():
    assert found(vitals(sbp=155, dbp=99)) == set()
    assert found(vitals(sbp=155, dbp=99), BASELINE) == {("sbp", CRIT), ("dbp", CRIT)}


def test_chart_lines_are_the_absolute_limits():
    assert sorted(AlarmCheck().lines("sbp")) == [(80, CRIT), (90, ADV), (160, ADV),
                                                 (180, CRIT)]
    assert AlarmCheck().lines("spo2") == [(90, CRIT), (94, ADV)]


def test_a_clinic_can_set_its_own_limits():
    from monitor.vitals import Limit

    strict = AlarmCheck(limits=(Limit("sbp", ">", 150, ADV),))
    assert [(f.measure, f.tier) for f in strict.flags(vitals(sbp=155))] == [("sbp", ADV)]
    assert strict.flags(vitals(spo2=85)) == []


# --- side-effect severity bands -------------------------------------------------------

@pytest.mark.parametrize(("severity", "label"), [
    (0, "none"), (1, "mild"), (3, "mild"), (4, "moderate"), (6, "moderate"),
    (7, "severe"), (10, "severe"),
])
def test_severity_band_boundaries(severity, label):
    assert severity_label(severity) == label


@given(st.integers(0, SEVERITY_MAX))
def test_severity_bands_cover_the_whole_scale(severity):
    expected = ("none" if severity == 0 else "mild" if severity <= 3
                else "moderate" if severity <= 6 else "severe")
    assert severity_label(severity) == expected


@given(st.integers(0, SEVERITY_MAX - 1))
def test_severity_bands_never_go_down(severity):
    order = ["none", "mild", "moderate", "severe"]
    assert order.index(severity_label(severity)) <= order.index(severity_label(severity + 1))
