"""Bag and pump arithmetic against figures worked out by hand, and the dose delivered."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.errors import InvalidEntry
from monitor.protocol import plan_dose
from monitor.pump import check_rate, delivered_mg, delivered_text, plan_pump
from monitor.timeline import EventKind, SessionEvent, Timeline

DRUG = "Racemic ketamine IV"
UTC = timezone.utc
T0 = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# Worked by hand from the exact products, each figure rounded once, halves up:
#   mg   = weight × mg/kg, shown to 0.1 mg
#   mL   = exact mg ÷ mg/mL, shown to 0.1 mL
#   mL/h = exact mg ÷ mg/mL × 60 ÷ minutes, rounded once to the pump's 0.1 mL/h
# (weight kg, dose mg/kg, minutes, concentration mg/mL, bag mL) → (mg, mL, mL/h)
HAND_TABLE = [
    # the standard dose: 35 mg → 3.5 mL; 3.5 × 60 ÷ 40 = 5.25 → 5.3
    ((70, 0.5, 40, 10, 100), (35.0, 3.5, 5.3)),
    # 35 mL × 60 ÷ 40 = 52.5
    ((70, 0.5, 40, 1, 100), (35.0, 35.0, 52.5)),
    # lowest weight, lowest dose, shortest time: 3 mg, 3 mL, 3 × 1.5 = 4.5
    ((30, 0.1, 40, 1, 100), (3.0, 3.0, 4.5)),
    # highest weight and dose, longest time: 250 mg ÷ 2 = 125 mL over 1 h
    ((250, 1.0, 60, 2, 250), (250.0, 125.0, 125.0)),
    # highest weight and dose, shortest time; the bag holds exactly the 100 mL needed
    ((250, 1.0, 40, 2.5, 100), (250.0, 100.0, 150.0)),
    # lowest weight, highest dose, longest time; bag exactly 30 mL
    ((30, 1.0, 60, 1, 30), (30.0, 30.0, 30.0)),
    # highest weight, lowest dose: 25 mg ÷ 0.5 = 50 mL; 50 × 1.5 = 75
    ((250, 0.1, 40, 0.5, 100), (25.0, 50.0, 75.0)),
    # 82 × 0.5 = 41; 41 × 1.5 = 61.5
    ((82, 0.5, 40, 1, 100), (41.0, 41.0, 61.5)),
    # 68.5 × 0.75 = 51.375 → 51.4; 51.4 × 60 ÷ 50 = 61.68 → 61.7
    ((68.5, 0.75, 50, 1, 100), (51.4, 51.4, 61.7)),
    # 93.2 × 0.6 = 55.92 → 55.9; ÷ 2 = 27.95 → 28.0; 27.95 × 60 ÷ 45 = 37.266… → 37.3
    ((93.2, 0.6, 45, 2, 100), (55.9, 28.0, 37.3)),
    # 55 × 0.5 = 27.5; ÷ 10 = 2.75 → 2.8; 2.75 × 1.5 = 4.125 → 4.1
    ((55, 0.5, 40, 10, 100), (27.5, 2.8, 4.1)),
    # 100 × 0.5 = 50; 5 mL; 5 × 1.5 = 7.5
    ((100, 0.5, 40, 10, 100), (50.0, 5.0, 7.5)),
    # 100 × 0.75 = 75 mL over an hour
    ((100, 0.75, 60, 1, 100), (75.0, 75.0, 75.0)),
    # 32 ÷ 3 = 10.666… → 10.7 mL; rate from the unrounded volume: 32 ÷ 3 × 1.5 = 16.0
    # (from the rounded 10.7 it would be 16.05 → 16.1)
    ((64, 0.5, 40, 3, 50), (32.0, 10.7, 16.0)),
    # 77 × 0.6 = 46.2; 46.2 × 60 ÷ 45 = 61.6
    ((77, 0.6, 45, 1, 100), (46.2, 46.2, 61.6)),
    # 45.5 × 0.8 = 36.4; ÷ 2 = 18.2; 18.2 × 60 ÷ 55 = 19.854… → 19.9
    ((45.5, 0.8, 55, 2, 50), (36.4, 18.2, 19.9)),
    # 120 mg ÷ 10 = 12 mL; 12 × 60 ÷ 50 = 14.4
    ((120, 1.0, 50, 10, 20), (120.0, 12.0, 14.4)),
    # 90 × 0.35 = 31.5; 31.5 × 1.5 = 47.25 → 47.3
    ((90, 0.35, 40, 1, 100), (31.5, 31.5, 47.3)),
    # 61.4 × 0.5 = 30.7; 30.7 × 1.5 = 46.05 → 46.1
    ((61.4, 0.5, 40, 1, 100), (30.7, 30.7, 46.1)),
    # 200 × 0.45 = 90; ÷ 5 = 18 mL over an hour
    ((200, 0.45, 60, 5, 100), (90.0, 18.0, 18.0)),
    # 33.3 × 0.3 = 9.99 → 10.0 mg first, then 10 mL; 10 × 1.5 = 15
    ((33.3, 0.3, 40, 1, 100), (10.0, 10.0, 15.0)),
    # 48 × 0.25 = 12; 12 × 60 ÷ 42 = 17.142… → 17.1
    ((48, 0.25, 42, 1, 50), (12.0, 12.0, 17.1)),
    # 150 × 0.9 = 135; ÷ 4 = 33.75 → 33.8; over an hour 33.75 → 33.8
    ((150, 0.9, 60, 4, 50), (135.0, 33.8, 33.8)),
    # 58.7 × 0.55 = 32.285 → 32.3; 32.285 ÷ 2 = 16.1425 → 16.1 (16.2 only if the 32.3
    # were divided: rounded twice); 16.1425 × 60 ÷ 48 = 20.178125 → 20.2
    ((58.7, 0.55, 48, 2, 100), (32.3, 16.1, 20.2)),
    # issue 9: 55.5 × 0.5 = 27.75; ÷ 2 = 13.875 → 13.9; × 60 ÷ 40 = 20.8125 → 20.8
    # (20.9 from the rounded 27.8 mg)
    ((55.5, 0.5, 40, 2, 100), (27.8, 13.9, 20.8)),
    # 70.5 × 0.5 = 35.25 → 35.3; ÷ 10 = 3.525 → 3.5; × 1.5 = 5.2875 → 5.3
    ((70.5, 0.5, 40, 10, 100), (35.3, 3.5, 5.3)),
    # 61.5 × 0.5 = 30.75; ÷ 1 × 60 ÷ 40 = 46.125 → 46.1 (46.2 from the rounded 30.8)
    ((61.5, 0.5, 40, 1, 100), (30.8, 30.8, 46.1)),
    # 45.5 × 0.5 = 22.75; ÷ 0.5 = 45.5 mL; × 60 ÷ 45 = 60.666… → 60.7
    ((45.5, 0.5, 45, 0.5, 100), (22.8, 45.5, 60.7)),
    # 249.9 mg at 1 mg/mL over an hour
    ((249.9, 1.0, 60, 1, 250), (249.9, 249.9, 249.9)),
    # 30 × 0.5 = 15 mg ÷ 0.5 = 30 mL, the whole bag; over an hour
    ((30, 0.5, 60, 0.5, 30), (15.0, 30.0, 30.0)),
]


@pytest.mark.parametrize(("entered", "expected"), HAND_TABLE, ids=repr)
def test_dose_volume_and_rate_match_the_hand_arithmetic(entered, expected):
    weight, mg_per_kg, minutes, concentration, bag = entered
    mg, ml, ml_h = expected
    pump = plan_pump(plan_dose(DRUG, weight, mg_per_kg, minutes), concentration, bag)
    assert pump.dose.total_mg == pytest.approx(mg, abs=1e-9)
    assert pump.volume_ml == pytest.approx(ml, abs=1e-9)
    assert pump.rate_ml_h == pytest.approx(ml_h, abs=1e-9)
    assert (pump.concentration_mg_ml, pump.bag_volume_ml) == (concentration, bag)


def test_the_standard_dose_shows_its_arithmetic():
    pump = plan_pump(plan_dose(DRUG, 70, 0.5, 40), 10, 100)
    assert pump.arithmetic() == [
        "70 kg × 0.5 mg/kg = 35 mg over 40 min",
        "35 mg ÷ 10 mg/mL = 3.5 mL to infuse (bag 100 mL)",
        "3.5 mL ÷ (40 min ÷ 60) = 5.25 mL/h: set the pump to 5.3 mL/h",
    ]


def test_the_arithmetic_shows_exact_products_and_the_rate_rounded_once():
    pump = plan_pump(plan_dose(DRUG, 93.2, 0.6, 45), 2, 100)
    assert pump.arithmetic() == [
        "93.2 kg × 0.6 mg/kg = 55.92 mg over 45 min",
        "55.92 mg ÷ 2 mg/mL = 27.96 mL to infuse (bag 100 mL)",
        "27.96 mL ÷ (45 min ÷ 60) = 37.28 mL/h: set the pump to 37.3 mL/h",
    ]


def test_the_issue_example_reads_exactly():
    pump = plan_pump(plan_dose(DRUG, 55.5, 0.5, 40), 2, 100)
    assert pump.arithmetic() == [
        "55.5 kg × 0.5 mg/kg = 27.75 mg over 40 min",
        "27.75 mg ÷ 2 mg/mL = 13.875 mL to infuse (bag 100 mL)",
        "13.875 mL ÷ (40 min ÷ 60) = 20.8125 mL/h: set the pump to 20.8 mL/h",
    ]


def test_a_figure_that_does_not_end_is_marked_approximate():
    pump = plan_pump(plan_dose(DRUG, 64, 0.5, 40), 3, 50)
    assert pump.arithmetic()[1] == "32 mg ÷ 3 mg/mL = ≈ 10.6667 mL to infuse (bag 50 mL)"
    assert pump.arithmetic()[2] == ("≈ 10.6667 mL ÷ (40 min ÷ 60) = 16 mL/h: set the pump "
                                    "to 16 mL/h")


@pytest.mark.parametrize(("resolution", "rate"), [("0.1", 20.8), ("0.01", 20.81),
                                                  ("1", 21.0), ("0.5", 21.0)])
def test_the_rate_is_rounded_once_to_the_pumps_resolution(resolution, rate):
    # exact 20.8125 mL/h
    pump = plan_pump(plan_dose(DRUG, 55.5, 0.5, 40), 2, 100, resolution)
    assert pump.rate_ml_h == pytest.approx(rate, abs=1e-9)


def _exact_rate(weight, mg_per_kg, minutes, concentration):
    return (Decimal(str(weight)) * Decimal(str(mg_per_kg)) * 60
            / (Decimal(str(concentration)) * minutes))


def _once(x: Decimal, step: str = "0.1") -> float:
    return float((x / Decimal(step)).quantize(Decimal(1), ROUND_HALF_UP) * Decimal(step))


@settings(max_examples=1000)
@given(weight=st.decimals("30", "250", places=1),
       mg_per_kg=st.decimals("0.1", "1.0", places=3),
       minutes=st.integers(40, 60),
       concentration=st.sampled_from(["0.5", "1", "2", "2.5", "3", "4", "5", "10"]),
       resolution=st.sampled_from(["0.1", "0.01", "1"]))
def test_displayed_rate_is_the_exact_rate_rounded_once(weight, mg_per_kg, minutes,
                                                       concentration, resolution):
    dose = plan_dose(DRUG, float(weight), float(mg_per_kg), minutes)
    pump = plan_pump(dose, float(concentration), 10_000, resolution)
    exact = _exact_rate(weight, mg_per_kg, minutes, concentration)
    assert pump.exact_rate_ml_h == exact
    assert pump.rate_ml_h == _once(exact, resolution)
    assert pump.volume_ml == _once(Decimal(str(weight)) * Decimal(str(mg_per_kg))
                                   / Decimal(concentration))
    assert dose.total_mg == _once(Decimal(str(weight)) * Decimal(str(mg_per_kg)))


# --- refusals -------------------------------------------------------------------------

@pytest.mark.parametrize(("weight", "mg_per_kg", "minutes", "field", "message"), [
    (29.9, 0.5, 40, "weight_kg", "Weight 29.9 kg is outside the allowed 30–250 kg."),
    (250.1, 0.5, 40, "weight_kg", "Weight 250.1 kg is outside the allowed 30–250 kg."),
    (70, 0.09, 40, "mg_per_kg", "Dose 0.09 mg/kg is outside the allowed 0.1–1.0 mg/kg."),
    (70, 1.01, 40, "mg_per_kg", "Dose 1.01 mg/kg is outside the allowed 0.1–1.0 mg/kg."),
    (70, 0.5, 39, "planned_minutes", "Planned time 39 min is outside the allowed 40–60 min."),
    (70, 0.5, 61, "planned_minutes", "Planned time 61 min is outside the allowed 40–60 min."),
])
def test_a_dose_outside_its_range_is_refused_naming_the_range(
        weight, mg_per_kg, minutes, field, message):
    with pytest.raises(InvalidEntry) as refused:
        plan_dose(DRUG, weight, mg_per_kg, minutes)
    assert refused.value.field == field
    assert str(refused.value) == message


@pytest.mark.parametrize(("concentration", "bag", "field", "text"), [
    (0, 100, "concentration_mg_ml", "concentration in mg/mL (more than 0)"),
    (-1, 100, "concentration_mg_ml", "concentration in mg/mL (more than 0)"),
    (float("nan"), 100, "concentration_mg_ml", "concentration in mg/mL (more than 0)"),
    (10, 0, "bag_volume_ml", "volume in mL (more than 0)"),
    (10, -5, "bag_volume_ml", "volume in mL (more than 0)"),
])
def test_an_empty_bag_or_concentration_is_refused(concentration, bag, field, text):
    dose = plan_dose(DRUG, 70, 0.5, 40)
    with pytest.raises(InvalidEntry) as refused:
        plan_pump(dose, concentration, bag)
    assert refused.value.field == field
    assert text in str(refused.value)


@pytest.mark.parametrize(("weight", "concentration", "bag", "needs"), [
    # 70 × 0.5 = 35 mg ÷ 1 mg/mL = 35 mL, bag 34.9 mL
    (70, 1, 34.9, "35 mL at 1 mg/mL"),
    # 250 × 0.5 = 125 mg ÷ 1 = 125 mL, bag 100 mL
    (250, 1, 100, "125 mL at 1 mg/mL"),
    # 70 × 0.5 = 35 mg ÷ 10 = 3.5 mL, bag 3 mL
    (70, 10, 3, "3.5 mL at 10 mg/mL"),
])
def test_a_bag_smaller_than_the_volume_needed_is_refused_naming_both(
        weight, concentration, bag, needs):
    dose = plan_dose(DRUG, weight, 0.5, 40)
    with pytest.raises(InvalidEntry) as refused:
        plan_pump(dose, concentration, bag)
    message = str(refused.value)
    assert refused.value.field == "bag_volume_ml"
    assert f"The dose needs {needs}" in message
    assert f"the bag's {bag:g} mL" in message


@pytest.mark.parametrize("rate", [0, -1, float("nan")])
def test_a_pump_rate_must_be_positive(rate):
    with pytest.raises(InvalidEntry) as refused:
        check_rate(rate)
    assert refused.value.field == "rate_ml_h"


def test_a_positive_pump_rate_is_kept():
    assert check_rate(5.3) == 5.3
    assert isinstance(check_rate(5), float)


# --- dose delivered -------------------------------------------------------------------

@pytest.mark.parametrize(("segments", "rates", "concentration", "mg"), [
    # 5.25 mL/h for 40 min = 3.5 mL × 10 mg/mL = 35 mg
    ([(0, 40)], [(0, 5.25)], 10, 35.0),
    # part-way: 6 mL/h for 15 min = 1.5 mL × 10 = 15 mg
    ([(0, 15)], [(0, 6)], 10, 15.0),
    # paused 20–30: 6 mL/h for 20 + 20 min = 4 mL × 10 = 40 mg
    ([(0, 20), (30, 50)], [(0, 6)], 10, 40.0),
    # rate changed at 20 min: 6 mL/h × 20 min = 2 mL, 3 mL/h × 20 min = 1 mL; × 1 = 3 mg
    ([(0, 40)], [(0, 6), (20, 3)], 1, 3.0),
    # rate changed at 25 min while paused 20–30: 6 × 20/60 = 2 mL, then 12 × 10/60 = 2 mL
    ([(0, 20), (30, 40)], [(0, 6), (25, 12)], 10, 40.0),
    # rate changed exactly at the pause and at the resume: 6 × 20/60 + 3 × 20/60 = 3 mL
    ([(0, 20), (30, 50)], [(0, 6), (20, 9), (30, 3)], 1, 3.0),
    # a change after the last segment has no effect
    ([(0, 40)], [(0, 6), (45, 60)], 1, 4.0),
    # no segment run yet
    ([], [(0, 6)], 10, 0.0),
    # no rates recorded
    ([(0, 40)], [], 10, 0.0),
])
def test_delivered_mg(segments, rates, concentration, mg):
    spans = [(at(a), at(b)) for a, b in segments]
    changes = [(at(m), rate) for m, rate in rates]
    assert delivered_mg(spans, changes, concentration) == pytest.approx(mg, abs=1e-9)


def test_delivered_mg_over_the_segments_of_a_timeline():
    events = [
        SessionEvent(1, 1, EventKind.START, at(0)),
        SessionEvent(2, 1, EventKind.PAUSE, at(10), "nausea"),
        SessionEvent(3, 1, EventKind.RESUME, at(15)),
    ]
    segments = Timeline(40, events).infusion_segments(at(45))
    # ran 0–10 and 15–45: 40 min at 5.25 mL/h = 3.5 mL × 10 mg/mL = 35 mg
    assert delivered_mg(segments, [(at(0), 5.25)], 10) == pytest.approx(35.0)


# --- delivered: exact rates, capped at the bag, said plainly --------------------------

def test_the_planned_end_delivers_exactly_the_planned_dose():
    # 70.5 kg × 0.5 = 35.25 mg at 10 mg/mL over 40 min: exact 5.2875 mL/h for 40 min
    pump = plan_pump(plan_dose(DRUG, 70.5, 0.5, 40), 10, 100)
    mg = delivered_mg([(at(0), at(40))], [(at(0), float(pump.exact_rate_ml_h))], 10)
    assert mg == pytest.approx(35.25, abs=1e-9)
    assert delivered_text(mg, pump.dose.total_mg) == "≈ 35.3 of 35.3 mg"


def test_delivered_never_exceeds_what_the_bag_holds():
    # 30 h at 5.25 mL/h would be 157.5 mL; the bag holds 100 mL × 0.35 mg/mL = 35 mg
    mg = delivered_mg([(at(0), at(30 * 60))], [(at(0), 5.25)], 0.35, bag_volume_ml=100)
    assert mg == pytest.approx(35.0)
    assert delivered_text(mg, 35, bag_mg=35) == (
        "≈ 35 of 35 mg: the whole bag (35 mg), more than the planned dose")


def test_a_bag_larger_than_the_plan_caps_at_its_content():
    # 10 mg/mL, 100 mL bag (1000 mg); 5.25 mL/h for 30 h = 157.5 mL → capped at 100 mL
    mg = delivered_mg([(at(0), at(30 * 60))], [(at(0), 5.25)], 10, bag_volume_ml=100)
    assert mg == pytest.approx(1000.0)
    assert delivered_text(mg, 35, bag_mg=1000).endswith("more than the planned dose")


def test_past_the_planned_dose_is_said_plainly():
    # 5.25 mL/h × 50 min = 4.375 mL × 10 = 43.75 mg of 35
    mg = delivered_mg([(at(0), at(50))], [(at(0), 5.25)], 10, bag_volume_ml=100)
    assert delivered_text(mg, 35, bag_mg=1000) == "≈ 43.8 of 35 mg: more than the planned dose"
    assert delivered_text(20, 35, bag_mg=1000) == "≈ 20 of 35 mg"


def test_a_tiny_concentration_is_refused_in_words_not_a_decimal_error():
    with pytest.raises(InvalidEntry, match=r"The dose needs ≈ 3.500e\+91 mL"):
        plan_pump(plan_dose(DRUG, 70, 0.5, 40), 1e-90, 100)
