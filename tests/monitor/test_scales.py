"""The one table of scales: what every screen, chart, PDF and CSV reads."""

from __future__ import annotations

import re

import pytest

from monitor.assessments import ALDRETE, MOAAS, PHQ9_ITEMS, check_assessment, phq9_band
from monitor.errors import InvalidEntry
from monitor.scales import MOOD_SCALES, SCALES, SESSION_SCALES, short_label


def test_every_scale_has_its_range_names_and_short_names():
    assert {k: (s.low, s.high) for k, s in SCALES.items()} == {
        "moaas": (0, 5), "dissociation": (0, 10), "cadss": (0, 92), "phq9": (0, 27),
        "madrs": (0, 60), "aldrete": (0, 10)}
    assert [short_label(k, 3) for k in SCALES] == [
        "MOAA/S 3", "Dissoc. 3", "CADSS 3", "PHQ-9 3", "MADRS 3", "Aldrete 3"]
    assert SCALES["moaas"].high == max(MOAAS)
    assert SCALES["phq9"].high == 3 * len(PHQ9_ITEMS)
    assert SCALES["aldrete"].high == 2 * len(ALDRETE)


@pytest.mark.parametrize("score, band", [(0, "minimal"), (4, "minimal"), (5, "mild"),
                                         (14, "moderate"), (15, "moderately severe"),
                                         (19, "moderately severe"), (20, "severe"),
                                         (27, "severe")])
def test_phq9_bands_cover_the_whole_range(score, band):
    assert SCALES["phq9"].band(score) == phq9_band(score) == band


def test_remission_is_phq9_below_5_and_madrs_10_or_less():
    phq9, madrs = SCALES["phq9"], SCALES["madrs"]
    assert (phq9.remitted(4), phq9.remitted(5)) == (True, False)
    assert (madrs.remitted(10), madrs.remitted(11)) == (True, False)
    assert not SCALES["moaas"].remitted(0)
    assert MOOD_SCALES == ("phq9", "madrs")
    assert "aldrete" not in SESSION_SCALES


@pytest.mark.parametrize("kind", ["moaas", "dissociation", "cadss", "madrs"])
def test_the_score_is_checked_against_the_tables_range(kind):
    top = SCALES[kind].high
    assert check_assessment(kind, top) == top
    wording = f"{SCALES[kind].name} must be a whole number 0–{top}"
    with pytest.raises(InvalidEntry, match=re.escape(wording)):
        check_assessment(kind, top + 1)
