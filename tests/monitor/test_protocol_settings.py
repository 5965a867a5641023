"""Protocol settings: every range a clinic's protocol must keep, and the stored limits."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.errors import InvalidEntry
from monitor.protocol import (
    DEFAULT_PROTOCOL,
    Protocol,
    check_limit,
    check_protocol,
    limits_from_json,
    limits_to_json,
)
from monitor.vitals import AlarmCheck, Limit, Tier, VitalsValues, default_limits

ADV, CRIT = Tier.ADVISORY, Tier.CRITICAL


def test_the_default_protocol_is_accepted():
    assert check_protocol(DEFAULT_PROTOCOL) is DEFAULT_PROTOCOL
    assert check_protocol(Protocol()) == DEFAULT_PROTOCOL


def test_the_new_defaults_are_the_clinical_references():
    p = DEFAULT_PROTOCOL
    assert (p.overdue_after_min, p.discharge_min_aldrete) == (2, 9)
    assert p.limits == default_limits()
    assert p.id is None


# field → (lowest, highest, range as shown)
RANGES = {
    "mg_per_kg": (0.1, 1.0, "0.1–1.0 mg/kg"),
    "planned_minutes": (40, 60, "40–60 min"),
    "observation_minutes": (15, 120, "15–120 min"),
    "vitals_every_infusing_min": (1, 60, "1–60 min"),
    "vitals_every_observation_min": (1, 60, "1–60 min"),
    "overdue_after_min": (0, 30, "0–30 min"),
    "discharge_min_aldrete": (0, 10, "0–10 points"),
}


@pytest.mark.parametrize(("field", "value"), [
    (f, v) for f, (low, high, _) in RANGES.items() for v in (low, high)])
def test_each_field_at_the_ends_of_its_range_is_accepted(field, value):
    p = replace(DEFAULT_PROTOCOL, **{field: value})
    assert check_protocol(p) is p


@pytest.mark.parametrize(("field", "value", "message"), [
    ("mg_per_kg", 0.09, "Dose 0.09 mg/kg is outside the allowed 0.1–1.0 mg/kg."),
    ("mg_per_kg", 1.01, "Dose 1.01 mg/kg is outside the allowed 0.1–1.0 mg/kg."),
    ("planned_minutes", 39, "Planned time 39 min is outside the allowed 40–60 min."),
    ("planned_minutes", 61, "Planned time 61 min is outside the allowed 40–60 min."),
    ("observation_minutes", 14, "Observation 14 min is outside the allowed 15–120 min."),
    ("observation_minutes", 121, "Observation 121 min is outside the allowed 15–120 min."),
    ("vitals_every_infusing_min", 0,
     "Vitals interval while infusing 0 min is outside the allowed 1–60 min."),
    ("vitals_every_infusing_min", 61,
     "Vitals interval while infusing 61 min is outside the allowed 1–60 min."),
    ("vitals_every_observation_min", 0,
     "Vitals interval in observation 0 min is outside the allowed 1–60 min."),
    ("vitals_every_observation_min", 61,
     "Vitals interval in observation 61 min is outside the allowed 1–60 min."),
    ("overdue_after_min", -1, "Overdue warning after -1 min is outside the allowed 0–30 min."),
    ("overdue_after_min", 31, "Overdue warning after 31 min is outside the allowed 0–30 min."),
    ("discharge_min_aldrete", -1,
     "Discharge score -1 points is outside the allowed 0–10 points."),
    ("discharge_min_aldrete", 11,
     "Discharge score 11 points is outside the allowed 0–10 points."),
])
def test_each_field_outside_its_range_is_refused_naming_the_range(field, value, message):
    with pytest.raises(InvalidEntry) as refused:
        check_protocol(replace(DEFAULT_PROTOCOL, **{field: value}))
    assert refused.value.field == field
    assert str(refused.value) == message
    assert RANGES[field][2] in message


@pytest.mark.parametrize("field", list(RANGES))
def test_a_missing_number_is_refused(field):
    with pytest.raises(InvalidEntry) as refused:
        check_protocol(replace(DEFAULT_PROTOCOL, **{field: float("nan")}))
    assert refused.value.field == field


@pytest.mark.parametrize(("field", "message"), [
    ("name", "Give the protocol a name."),
    ("drug", "Name the drug."),
])
@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_name_or_drug_is_refused(field, message, blank):
    with pytest.raises(InvalidEntry) as refused:
        check_protocol(replace(DEFAULT_PROTOCOL, **{field: blank}))
    assert refused.value.field == field
    assert str(refused.value) == message


# --- alarm limits ---------------------------------------------------------------------

# plausibility from the clinical reference: (measure, low, high, label, unit)
PLAUSIBLE = [
    ("sbp", 40, 300, "Systolic BP", "mmHg"),
    ("dbp", 20, 200, "Diastolic BP", "mmHg"),
    ("hr", 20, 250, "Heart rate", "/min"),
    ("spo2", 50, 100, "SpO₂", "%"),
    ("rr", 2, 60, "Respiratory rate", "/min"),
    ("temp_c", 30, 43, "Temperature", "°C"),
]


@pytest.mark.parametrize(("measure", "low", "high", "label", "unit"), PLAUSIBLE)
def test_limits_at_the_ends_of_plausibility_are_accepted(measure, low, high, label, unit):
    for threshold in (low, high):
        assert check_limit(Limit(measure, ">", threshold, ADV)) is None


@pytest.mark.parametrize(("measure", "low", "high", "label", "unit"), PLAUSIBLE)
@pytest.mark.parametrize("side", ["low", "high"])
def test_limits_outside_plausibility_are_refused(measure, low, high, label, unit, side):
    threshold = low - 1 if side == "low" else high + 1
    with pytest.raises(InvalidEntry) as refused:
        check_limit(Limit(measure, "<", threshold, CRIT))
    assert refused.value.field == f"limit_{measure}"
    assert str(refused.value) == (
        f"{label} critical limit {threshold:g} {unit} is outside the allowed "
        f"{low:g}–{high:g} {unit}.")


def test_an_implausible_limit_is_refused_in_a_protocol():
    p = replace(DEFAULT_PROTOCOL, limits=(*default_limits(), Limit("sbp", ">", 350, ADV)))
    with pytest.raises(InvalidEntry) as refused:
        check_protocol(p)
    assert refused.value.field == "limit_sbp"
    assert str(refused.value) == (
        "Systolic BP advisory limit 350 mmHg is outside the allowed 40–300 mmHg.")


@pytest.mark.parametrize(("measure", "threshold", "ok"), [
    ("sbp", 1, True), ("sbp", 260, True), ("sbp", 0, False), ("sbp", 261, False),
    ("dbp", 1, True), ("dbp", 180, True), ("dbp", 0, False), ("dbp", 181, False),
    ("sbp", -30, False),
])
def test_a_rise_lies_between_1_and_the_plausible_span(measure, threshold, ok):
    lim = Limit(measure, ">=", threshold, CRIT, relative=True)
    if ok:
        assert check_limit(lim) is None
    else:
        with pytest.raises(InvalidEntry) as refused:
            check_limit(lim)
        assert "rise critical limit" in str(refused.value)
        assert refused.value.field == f"limit_{measure}"


def test_every_default_limit_is_plausible():
    for lim in default_limits():
        assert check_limit(lim) is None


def test_a_protocol_with_no_limits_is_accepted():
    p = replace(DEFAULT_PROTOCOL, limits=())
    assert check_protocol(p) is p


# --- limits as JSON -------------------------------------------------------------------

def test_the_default_limits_round_trip():
    assert limits_from_json(limits_to_json(default_limits())) == default_limits()


def test_the_json_is_plain():
    text = limits_to_json((Limit("sbp", ">=", 180, CRIT),
                           Limit("dbp", ">=", 20, ADV, relative=True)))
    assert json.loads(text) == [
        {"measure": "sbp", "op": ">=", "threshold": 180, "tier": "critical",
         "relative": False},
        {"measure": "dbp", "op": ">=", "threshold": 20, "tier": "advisory",
         "relative": True},
    ]


def test_no_limits_round_trip():
    assert limits_from_json(limits_to_json(())) == ()


limits = st.builds(
    Limit,
    measure=st.sampled_from(["sbp", "dbp", "hr", "spo2", "rr", "temp_c"]),
    op=st.sampled_from([">", ">=", "<", "<="]),
    threshold=st.one_of(st.integers(1, 300),
                        st.floats(1, 300, allow_nan=False, allow_infinity=False)),
    tier=st.sampled_from(list(Tier)),
    relative=st.booleans(),
)


@given(st.lists(limits, max_size=30).map(tuple))
def test_any_limits_round_trip(original):
    back = limits_from_json(limits_to_json(original))
    assert back == original
    assert all(isinstance(lim.tier, Tier) for lim in back)


@given(st.lists(limits, max_size=10).map(tuple))
def test_a_round_trip_keeps_the_findings(original):
    values = VitalsValues(sbp=170, dbp=95, hr=120, spo2=92, rr=26, temp_c=38.4)
    baseline = VitalsValues(sbp=120, dbp=70, hr=70, spo2=98, rr=14, temp_c=36.8)
    back = limits_from_json(limits_to_json(original))
    assert AlarmCheck(back).flags(values, baseline) == AlarmCheck(original).flags(
        values, baseline)


@pytest.mark.parametrize(("measure", "op", "words"), [("pulse", ">", "Unknown measure"),
                                                      ("sbp", "=>", "Unknown comparison")])
def test_a_malformed_limit_is_refused_plainly(measure, op, words):
    from monitor.errors import InvalidEntry
    from monitor.protocol import check_limit
    from monitor.vitals import Limit, Tier

    with pytest.raises(InvalidEntry, match=words):
        check_limit(Limit(measure, op, 100, Tier.ADVISORY))
