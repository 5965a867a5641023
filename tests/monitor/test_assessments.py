"""Assessment scores: ranges, itemised scales, PHQ-9 bands and the item-9 warning."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from monitor.assessments import Assessment, check_assessment, phq9_band
from monitor.errors import InvalidEntry

AT = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)

# kind → (label, lowest, highest) from the clinical reference
TOTALS = {
    "moaas": ("Sedation (MOAA/S)", 0, 5),
    "dissociation": ("Dissociation (0–10)", 0, 10),
    "cadss": ("CADSS total", 0, 92),
    "madrs": ("MADRS total", 0, 60),
}


@pytest.mark.parametrize(("kind", "score"), [
    ("moaas", 0), ("moaas", 3), ("moaas", 5),
    ("dissociation", 0), ("dissociation", 10),
    ("cadss", 0), ("cadss", 8), ("cadss", 92),
    ("madrs", 0), ("madrs", 10), ("madrs", 60),
    ("madrs", 30.0),
])
def test_a_total_within_its_range_is_kept(kind, score):
    kept = check_assessment(kind, score)
    assert kept == score
    assert isinstance(kept, int)


@pytest.mark.parametrize(("kind", "score"), [
    ("moaas", -1), ("moaas", 6), ("moaas", 2.5), ("moaas", None),
    ("dissociation", -1), ("dissociation", 11), ("dissociation", 4.5),
    ("cadss", -1), ("cadss", 93),
    ("madrs", -1), ("madrs", 61), ("madrs", float("nan")), ("madrs", float("inf")),
])
def test_a_total_outside_its_range_is_refused_naming_the_range(kind, score):
    label, low, high = TOTALS[kind]
    with pytest.raises(InvalidEntry) as refused:
        check_assessment(kind, score)
    assert refused.value.field == "score"
    assert str(refused.value) == f"{label} must be a whole number {low}–{high}."


def test_an_unknown_kind_is_refused():
    with pytest.raises(InvalidEntry) as refused:
        check_assessment("hamd", 10)
    assert refused.value.field == "kind"
    assert "'hamd'" in str(refused.value)


# --- itemised scales ------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "items", "total"), [
    ("phq9", (0,) * 9, 0),
    ("phq9", (3,) * 9, 27),
    ("phq9", (1, 2, 3, 0, 1, 2, 3, 0, 1), 13),
    ("aldrete", (0,) * 5, 0),
    ("aldrete", (2,) * 5, 10),
    ("aldrete", (2, 2, 1, 2, 2), 9),
])
def test_an_itemised_score_is_the_sum_of_its_items(kind, items, total):
    assert check_assessment(kind, None, items) == total


def test_an_itemised_score_ignores_a_typed_total():
    assert check_assessment("phq9", 27, (1,) * 9) == 9


@pytest.mark.parametrize(("kind", "items", "message"), [
    ("phq9", (), "PHQ-9: answer all 9 items."),
    ("phq9", (1,) * 8, "PHQ-9: answer all 9 items."),
    ("phq9", (1,) * 10, "PHQ-9: answer all 9 items."),
    ("phq9", (1,) * 8 + (4,), "PHQ-9: each item is scored 0–3."),
    ("phq9", (-1,) + (1,) * 8, "PHQ-9: each item is scored 0–3."),
    ("phq9", (1.5,) + (1,) * 8, "PHQ-9: each item is scored 0–3."),
    ("aldrete", (2,) * 4, "Modified Aldrete: answer all 5 items."),
    ("aldrete", (2,) * 6, "Modified Aldrete: answer all 5 items."),
    ("aldrete", (2, 2, 3, 2, 2), "Modified Aldrete: each item is scored 0–2."),
    ("aldrete", (2, 2, -1, 2, 2), "Modified Aldrete: each item is scored 0–2."),
])
def test_itemised_refusals(kind, items, message):
    with pytest.raises(InvalidEntry) as refused:
        check_assessment(kind, None, items)
    assert refused.value.field == "items"
    assert str(refused.value) == message


# --- PHQ-9 bands and item 9 -----------------------------------------------------------

@pytest.mark.parametrize(("total", "band"), [
    (0, "minimal"), (4, "minimal"),
    (5, "mild"), (9, "mild"),
    (10, "moderate"), (14, "moderate"),
    (15, "moderately severe"), (19, "moderately severe"),
    (20, "severe"), (27, "severe"),
])
def test_phq9_bands(total, band):
    assert phq9_band(total) == band


def phq9(items: tuple[int, ...], note: str = "") -> Assessment:
    return Assessment(1, 1, "phq9", check_assessment("phq9", None, items), AT, items, note)


@pytest.mark.parametrize(("items", "summary"), [
    ((0, 0, 0, 0, 1, 1, 1, 1, 0), "PHQ-9 4 (minimal)"),
    ((1, 1, 1, 1, 1, 0, 0, 0, 0), "PHQ-9 5 (mild)"),
    ((2, 2, 2, 2, 1, 0, 0, 0, 0), "PHQ-9 9 (mild)"),
    ((2, 2, 2, 2, 2, 0, 0, 0, 0), "PHQ-9 10 (moderate)"),
    ((2, 2, 2, 2, 2, 2, 2, 0, 0), "PHQ-9 14 (moderate)"),
    ((3, 3, 3, 3, 3, 0, 0, 0, 0), "PHQ-9 15 (moderately severe)"),
    ((3, 3, 3, 3, 3, 3, 1, 0, 0), "PHQ-9 19 (moderately severe)"),
    ((3, 3, 3, 3, 3, 3, 2, 0, 0), "PHQ-9 20 (severe)"),
])
def test_phq9_summary_carries_the_band(items, summary):
    a = phq9(items)
    assert a.summary() == summary
    assert not a.needs_attention


@pytest.mark.parametrize(("answer", "words"), [
    (1, "several days"), (2, "more than half the days"), (3, "nearly every day"),
])
def test_item_9_above_zero_needs_attention_wherever_the_score_is_shown(answer, words):
    a = phq9((0,) * 8 + (answer,))
    assert a.needs_attention
    assert a.score == answer
    assert a.summary() == (
        f"PHQ-9 {answer} (minimal) — PHQ-9 item 9 (thoughts of self-harm) answered "
        f"“{words}”: review suicide risk with the patient before the session.")


def test_item_9_warning_is_kept_with_a_note():
    a = phq9((0,) * 8 + (1,), note="Discussed with Dr Ng.")
    assert "item 9 (thoughts of self-harm)" in a.summary()
    assert a.summary().endswith(". Discussed with Dr Ng.")


def test_item_9_at_zero_needs_no_attention_even_when_severe():
    a = phq9((3, 3, 3, 3, 3, 3, 3, 3, 0))
    assert a.score == 24
    assert not a.needs_attention
    assert a.summary() == "PHQ-9 24 (severe)"


def test_only_phq9_needs_attention():
    aldrete = Assessment(1, 1, "aldrete", 9, AT, (2, 2, 2, 2, 1))
    assert not aldrete.needs_attention
    assert aldrete.summary() == "Modified Aldrete 9/10"


# --- MOAA/S wording -------------------------------------------------------------------

# the clinical reference, word for word
MOAAS_REFERENCE = {
    5: "responds readily to name in normal tone",
    4: "lethargic response to name",
    3: "responds only after name is called loudly or repeatedly",
    2: "responds only after mild prodding or shaking",
    1: "responds only to painful trapezius squeeze",
    0: "no response",
}


@pytest.mark.parametrize(("score", "wording"), sorted(MOAAS_REFERENCE.items()))
def test_moaas_summary_carries_the_reference_wording(score, wording):
    a = Assessment(1, 1, "moaas", score, AT)
    assert a.summary() == f"Sedation (MOAA/S) {score} — {wording}"
    assert a.label == "Sedation (MOAA/S)"


@pytest.mark.parametrize(("kind", "score", "summary"), [
    ("dissociation", 3, "Dissociation (0–10) 3"),
    ("cadss", 8, "CADSS total 8"),
    ("madrs", 22, "MADRS total 22"),
])
def test_totals_summary(kind, score, summary):
    assert Assessment(1, 1, kind, score, AT).summary() == summary
    assert Assessment(1, 1, kind, score, AT, note="n").summary() == summary + ". n"
