"""Discharge: the Aldrete items the record decides, and the discharge criteria."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal

import pytest

from monitor.assessments import ALDRETE
from monitor.discharge import DischargeCheck, Prefill, bp_change, prefill_aldrete
from monitor.errors import InvalidEntry
from monitor.vitals import VitalsSet, VitalsValues

AT = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)


def vitals_set(sbp: int = 120, dbp: int = 80, spo2: int = 98, id_: int = 1) -> VitalsSet:
    return VitalsSet(id_, 1, AT, VitalsValues(sbp, dbp, 72, spo2, 14, 36.8), "manual", AT)


BASELINE = vitals_set(120, 80)


# --- oxygen ---------------------------------------------------------------------------

@pytest.mark.parametrize(("spo2", "score"), [
    (100, 2), (93, 2),
    (92, None), (91, None), (90, None),  # 1 needs to know about oxygen: the nurse decides
    (89, 0), (70, 0),
])
def test_oxygen_from_the_latest_spo2(spo2, score):
    prefill = prefill_aldrete(None, vitals_set(spo2=spo2))
    assert "circulation" not in prefill
    if score is None:
        assert "oxygen" not in prefill
    else:
        assert prefill["oxygen"].score == score
        assert f"latest SpO₂ {spo2} %" in prefill["oxygen"].why


def test_oxygen_2_asks_to_confirm_room_air():
    assert prefill_aldrete(None, vitals_set(spo2=97))["oxygen"] == Prefill(
        2, "latest SpO₂ 97 % (confirm: on room air)")


def test_nothing_is_prefilled_without_a_latest_set():
    assert prefill_aldrete(BASELINE, None) == {}
    assert prefill_aldrete(None, None) == {}


# --- circulation ----------------------------------------------------------------------

# baseline 120/80; change = the larger of |ΔSBP| ÷ 120 and |ΔDBP| ÷ 80, worked by hand
@pytest.mark.parametrize(("sbp", "dbp", "change", "score"), [
    (120, 80, 0.0, 2),
    (144, 80, 20.0, 2),  # +24 ÷ 120 = 20 % exactly: within ± 20 %
    (145, 80, 20.83, 1),  # +25 ÷ 120
    (96, 80, 20.0, 2),  # −24 ÷ 120
    (95, 80, 20.83, 1),  # −25 ÷ 120
    (179, 80, 49.17, 1),  # +59 ÷ 120
    (180, 80, 50.0, 0),  # +60 ÷ 120
    (61, 50, 49.17, 1),  # −59 ÷ 120 (DBP −30 ÷ 80 = 37.5 %)
    (60, 40, 50.0, 0),  # −60 ÷ 120, −40 ÷ 80
    (130, 96, 20.0, 2),  # DBP +16 ÷ 80 = 20 % (SBP 8.3 %)
    (130, 97, 21.25, 1),  # DBP +17 ÷ 80
    (130, 64, 20.0, 2),  # DBP −16 ÷ 80
    (130, 63, 21.25, 1),  # DBP −17 ÷ 80
    (150, 119, 48.75, 1),  # DBP +39 ÷ 80
    (150, 120, 50.0, 0),  # DBP +40 ÷ 80
    # the larger change counts
    (125, 100, 25.0, 1),  # SBP 4.2 %, DBP 25 %
    (150, 82, 25.0, 1),  # SBP 25 %, DBP 2.5 %
    (185, 85, 54.17, 0),  # SBP 54.2 %, DBP 6.25 %
    (118, 121, 51.25, 0),  # SBP −1.7 %, DBP 51.25 %
])
def test_circulation_from_bp_against_the_baseline(sbp, dbp, change, score):
    latest = vitals_set(sbp, dbp, id_=2)
    assert bp_change(BASELINE, latest) == pytest.approx(change, abs=0.01)
    prefill = prefill_aldrete(BASELINE, latest)
    assert prefill["circulation"].score == score
    shown = Decimal(str(change)).quantize(Decimal("0.1"), ROUND_HALF_UP)  # as labelled
    assert prefill["circulation"].why == (
        f"BP {sbp}/{dbp} vs baseline 120/80: {shown} % change")


@pytest.mark.parametrize(("sbp", "label", "score"), [
    (153, "20.5 % change", 1),  # +26 ÷ 127 = 20.47 %: labelled 20.5, scored 1
    (152, "19.7 % change", 2),  # +25 ÷ 127 = 19.69 %
    (190, "49.6 % change", 1),  # +63 ÷ 127 = 49.61 %
])
def test_the_label_agrees_with_the_score(sbp, label, score):
    baseline = vitals_set(127, 80)
    prefill = prefill_aldrete(baseline, vitals_set(sbp, 80, id_=2))["circulation"]
    assert prefill.why.endswith(label) and prefill.score == score


def test_the_baseline_set_itself_is_never_compared_with_itself():
    assert "circulation" not in prefill_aldrete(BASELINE, BASELINE)


def test_circulation_needs_a_baseline():
    assert "circulation" not in prefill_aldrete(None, vitals_set(200, 80))


def test_only_oxygen_and_circulation_are_prefilled():
    assert set(prefill_aldrete(BASELINE, vitals_set(125, 82, spo2=96))) == {
        "oxygen", "circulation"}


# --- criteria -------------------------------------------------------------------------

def items(total: int) -> dict[str, int]:
    """The five Aldrete items adding up to ``total`` (10 minus the points missing)."""
    scores = dict.fromkeys(ALDRETE, 2)
    missing = 10 - total
    for key in list(scores)[:missing]:
        scores[key] = 1
    return scores


def test_items_helper():
    assert sum(items(9).values()) == 9
    assert set(items(8)) == set(ALDRETE)


def test_score_9_with_escort_and_no_driving_is_met():
    check = DischargeCheck(items(9), escort_present=True, no_driving_confirmed=True)
    assert check.score == 9
    assert check.problems() == []
    assert check.met
    check.require("")  # no override needed


def test_score_10_is_met():
    assert DischargeCheck(items(10), True, True).met


def test_score_8_is_named():
    check = DischargeCheck(items(8), True, True)
    assert check.problems() == ["Aldrete score 8 is below 9."]
    assert not check.met


def test_the_clinic_minimum_applies():
    check = DischargeCheck(items(9), True, True, minimum=10)
    assert check.problems() == ["Aldrete score 9 is below 10."]
    assert DischargeCheck(items(8), True, True, minimum=8).met


@pytest.mark.parametrize(("escort", "no_driving", "problems"), [
    (False, True, ["No responsible adult escort confirmed."]),
    (True, False, ["“No driving until tomorrow” not confirmed."]),
    (False, False, ["No responsible adult escort confirmed.",
                    "“No driving until tomorrow” not confirmed."]),
])
def test_missing_escort_or_no_driving_is_named(escort, no_driving, problems):
    check = DischargeCheck(items(10), escort, no_driving)
    assert check.problems() == problems
    assert not check.met


def test_every_problem_is_named_together():
    check = DischargeCheck(items(7), False, False)
    assert check.problems() == [
        "Aldrete score 7 is below 9.",
        "No responsible adult escort confirmed.",
        "“No driving until tomorrow” not confirmed.",
    ]


def test_incomplete_items_are_named():
    partial = {"activity": 2, "respiration": 2, "circulation": 2, "consciousness": 2}
    check = DischargeCheck(partial, True, True)
    assert check.problems() == ["Score every Aldrete item."]
    assert not check.met


@pytest.mark.parametrize("reason", ["", "   "])
def test_require_refuses_without_an_override(reason):
    check = DischargeCheck(items(8), False, True)
    with pytest.raises(InvalidEntry) as refused:
        check.require(reason)
    assert refused.value.field == "override_reason"
    message = str(refused.value)
    assert "Aldrete score 8 is below 9." in message
    assert "No responsible adult escort confirmed." in message
    assert "an override with a reason" in message


def test_require_accepts_an_override_reason():
    check = DischargeCheck(items(8), False, True)
    assert check.require("Physician reviewed; taxi arranged by the clinic.") is None


@pytest.mark.parametrize("reason", ["", "Physician reviewed."])
def test_require_refuses_incomplete_items_even_with_an_override(reason):
    partial = {"activity": 2, "respiration": 2, "circulation": 2, "consciousness": 2}
    with pytest.raises(InvalidEntry) as refused:
        DischargeCheck(partial, True, True).require(reason)
    assert refused.value.field == "items"
    assert str(refused.value) == "Score every Aldrete item."


def test_an_item_out_of_its_0_to_2_scale_is_refused_even_with_an_override():
    from monitor.assessments import ALDRETE
    from monitor.discharge import DischargeCheck
    from monitor.errors import InvalidEntry

    items = {key: 2 for key in ALDRETE} | {"activity": 5}
    check = DischargeCheck(items, True, True)
    assert "Each Aldrete item is scored 0, 1 or 2." in check.problems()
    with pytest.raises(InvalidEntry, match="0, 1 or 2"):
        check.require("patient insists")
