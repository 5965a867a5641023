"""The protocol's defaults and the dose arithmetic."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.errors import InvalidEntry
from monitor.protocol import DEFAULT_PROTOCOL, exact_figure, plan_dose

DRUG = "Racemic ketamine IV"


def test_the_defaults_are_the_clinical_references():
    p = DEFAULT_PROTOCOL
    assert (p.drug, p.mg_per_kg, p.planned_minutes, p.observation_minutes) == (
        DRUG, 0.5, 40, 30)
    assert (p.vitals_every_infusing_min, p.vitals_every_observation_min) == (10, 15)


def test_the_standard_dose():
    plan = plan_dose(DRUG, 70, 0.5, 40)
    assert plan.total_mg == 35
    assert plan.arithmetic() == "70 kg × 0.5 mg/kg = 35 mg over 40 min"
    assert (plan.drug, plan.weight_kg, plan.mg_per_kg, plan.planned_minutes) == (
        DRUG, 70.0, 0.5, 40)


@pytest.mark.parametrize(("weight", "dose", "minutes", "total", "text"), [
    (82, 0.5, 40, 41, "82 kg × 0.5 mg/kg = 41 mg over 40 min"),
    # the arithmetic line shows the exact product; the dose shown is rounded once
    (68.5, 0.75, 50, 51.4, "68.5 kg × 0.75 mg/kg = 51.375 mg over 50 min"),
    (55.5, 0.5, 40, 27.8, "55.5 kg × 0.5 mg/kg = 27.75 mg over 40 min"),
    (30, 0.1, 40, 3, "30 kg × 0.1 mg/kg = 3 mg over 40 min"),
    (250, 1.0, 60, 250, "250 kg × 1 mg/kg = 250 mg over 60 min"),
    (93.2, 0.6, 45, 55.9, "93.2 kg × 0.6 mg/kg = 55.92 mg over 45 min"),
])
def test_dose_arithmetic(weight, dose, minutes, total, text):
    plan = plan_dose(DRUG, weight, dose, minutes)
    assert plan.total_mg == pytest.approx(total)
    assert plan.arithmetic() == text


@pytest.mark.parametrize(("weight", "dose", "minutes", "field", "range_text"), [
    (70, 0.09, 40, "mg_per_kg", "0.1–1.0 mg/kg"),
    (70, 1.01, 40, "mg_per_kg", "0.1–1.0 mg/kg"),
    (70, 0, 40, "mg_per_kg", "0.1–1.0 mg/kg"),
    (29, 0.5, 40, "weight_kg", "30–250 kg"),
    (251, 0.5, 40, "weight_kg", "30–250 kg"),
    (70, 0.5, 39, "planned_minutes", "40–60 min"),
    (70, 0.5, 61, "planned_minutes", "40–60 min"),
])
def test_out_of_range_is_refused_naming_the_range(weight, dose, minutes, field, range_text):
    with pytest.raises(InvalidEntry) as refused:
        plan_dose(DRUG, weight, dose, minutes)
    assert refused.value.field == field
    assert range_text in str(refused.value)
    assert "outside the allowed" in str(refused.value)


def test_a_dose_refusal_reads_plainly():
    with pytest.raises(InvalidEntry) as refused:
        plan_dose(DRUG, 70, 1.01, 40)
    assert str(refused.value) == "Dose 1.01 mg/kg is outside the allowed 0.1–1.0 mg/kg."


def test_planned_time_must_be_whole_minutes():
    with pytest.raises(InvalidEntry, match="whole minutes") as refused:
        plan_dose(DRUG, 70, 0.5, 45.5)
    assert refused.value.field == "planned_minutes"


@given(weight=st.floats(30, 250), dose=st.floats(0.1, 1.0), minutes=st.integers(40, 60))
def test_any_dose_in_range_is_weight_times_dose(weight, dose, minutes):
    plan = plan_dose(DRUG, weight, dose, minutes)
    exact = Decimal(str(weight)) * Decimal(str(dose))
    assert plan.total_mg == float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    assert 3 <= plan.total_mg <= 250
    assert plan.exact_mg == exact  # stored and computed from unrounded
    shown = exact_figure(exact)
    assert plan.arithmetic().endswith(f"= {shown} mg over {minutes} min")
    if not shown.startswith("≈"):
        assert Decimal(shown) == exact


def test_dose_halves_round_up_as_on_paper():
    assert plan_dose("Racemic ketamine IV", 70.5, 0.5, 40).total_mg == 35.3
    assert plan_dose("Racemic ketamine IV", 72.3, 0.5, 40).total_mg == 36.2
