"""A typed number is kept exactly or refused naming the allowed range; never rounded,
clamped, or turned into an exception for the crash dialog."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.errors import InvalidEntry
from monitor.number_entry import NumberRule
from monitor.safety_settings import DEFAULT_SAFETY, SafetySettings

S = DEFAULT_SAFETY


@pytest.mark.parametrize(("rule", "typed", "kept"), [
    (S.mg_per_kg_rule(), "0.125", Decimal("0.125")),
    (S.mg_per_kg_rule(), "0,5", Decimal("0.5")),
    (S.mg_per_kg_rule(), "1.0", Decimal("1.0")),
    (S.planned_minutes_rule(), "40", Decimal(40)),
    (S.planned_minutes_rule(), "60", Decimal(60)),
    (S.weight_rule(), "55.5", Decimal("55.5")),
    (S.concentration_rule(), "100", Decimal(100)),
    (S.concentration_rule(), " 0.5 ", Decimal("0.5")),
])
def test_a_value_in_range_is_kept_exactly(rule, typed, kept):
    assert rule.read(typed) == kept


@pytest.mark.parametrize(("rule", "typed", "words"), [
    (S.mg_per_kg_rule(), "0.05", "Dose 0.05 mg/kg is outside the allowed 0.1–1 mg/kg."),
    (S.mg_per_kg_rule(), "1.1", "Dose 1.1 mg/kg is outside the allowed 0.1–1 mg/kg."),
    (S.planned_minutes_rule(), "39", "Planned time 39 min is outside the allowed 40–60 min."),
    (S.planned_minutes_rule(), "61", "Planned time 61 min is outside the allowed 40–60 min."),
    (S.planned_minutes_rule(), "45.5", "finer than this field's resolution of 1 min"),
    (S.mg_per_kg_rule(), "0.1255", "finer than this field's resolution of 0.001 mg/kg"),
    (S.concentration_rule(), "1e-90", "“1e-90” is not a number"),
    (S.concentration_rule(), "1e4", "“1e4” is not a number"),
    (S.concentration_rule(), "10000",
     "Bag concentration 10000 mg/mL is outside the allowed 0.01–100 mg/mL."),
    (S.concentration_rule(), "inf", "“inf” is not a number"),
    (S.concentration_rule(), "nan", "“nan” is not a number"),
    (S.concentration_rule(), ".", "“.” is not a number"),
    (S.concentration_rule(), ",", "“,” is not a number"),
    (S.concentration_rule(), "2,", "“2,” is not a number"),
    (S.concentration_rule(), "1.2.3", "“1.2.3” is not a number"),
    (S.concentration_rule(), "", "Enter bag concentration (0.01–100 mg/mL)."),
    (S.bag_volume_rule(), "-100", "Bag volume -100 mL is outside the allowed 1–1000 mL."),
    (S.rate_rule(100), "4.3e16", "“4.3e16” is not a number"),
    (S.rate_rule(100), "4300000000000",
     "Pump rate 4300000000000 mL/h is outside the allowed 0.1–600 mL/h."),
    (S.rate_rule(100), "43000000000000000", "Pump rate has too many digits"),
    (S.rate_rule(100), "20.85", "finer than this field's resolution of 0.1 mL/h"),
    (S.medication_rule("mg"), "0", "Dose given 0 mg is outside the allowed 0.001–1000 mg."),
])
def test_a_value_outside_is_refused_with_the_range(rule, typed, words):
    with pytest.raises(InvalidEntry) as refused:
        rule.read(typed)
    assert words in str(refused.value)
    assert refused.value.field == rule.field


def test_the_rate_limit_follows_the_bag_and_the_setting():
    assert Decimal(S.rate_rule(100).high) == 600  # empties 100 mL in 10 min
    assert Decimal(S.rate_rule(None).high) == Decimal("999.9")
    assert Decimal(SafetySettings(bag_empty_minutes=30).rate_rule(100).high) == 200
    assert Decimal(S.rate_rule(0.55).high) == Decimal("3.3")


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 4.3e16, 1e-90])
def test_a_stored_float_is_checked_like_a_typed_one(value):
    with pytest.raises(InvalidEntry, match="outside the allowed"):
        S.rate_rule(100).check(value)


@given(st.text(max_size=30))
def test_any_text_is_kept_or_refused_in_words(text):
    rule = NumberRule("Bag concentration", "0.01", "100", "mg/mL", "0.01", "c")
    try:
        value = rule.read(text)
    except InvalidEntry as refused:
        assert str(refused)
        return
    assert Decimal("0.01") <= value <= Decimal("100")
    assert value == Decimal(text.strip().replace(",", "."))


def test_settings_round_trip_through_their_stored_text():
    changed = SafetySettings(pump_resolution_ml_h="0.01", aldrete_window_min=20)
    assert SafetySettings.from_text(changed.to_text()) == changed
    assert SafetySettings.from_text("") == DEFAULT_SAFETY
    assert SafetySettings.from_text('{"unknown": 1}') == DEFAULT_SAFETY
