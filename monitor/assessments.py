"""Assessments: sedation (MOAA/S), dissociation (0–10 quick rating, CADSS total),
depression (PHQ-9 items, MADRS total) and the Modified Aldrete discharge score.

CADSS and MADRS are entered as totals only (CADSS item wording is licensed and not
embedded). PHQ-9 is public domain; its wording is shown to the clinician.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.errors import InvalidEntry
from monitor.scales import SCALES

MOAAS = {
    5: "responds readily to name in normal tone",
    4: "lethargic response to name",
    3: "responds only after name is called loudly or repeatedly",
    2: "responds only after mild prodding or shaking",
    1: "responds only to painful trapezius squeeze",
    0: "no response",
}

PHQ9_QUESTION = ("Over the last 2 weeks, how often have you been bothered by any of the "
                 "following problems?")
PHQ9_ANSWERS = ("not at all", "several days", "more than half the days", "nearly every day")
PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your "
    "family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed; or the opposite — "
    "being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead, or of hurting yourself in some way",
)

ALDRETE = {
    "activity": ("Activity", {2: "moves four limbs on request", 1: "moves two limbs",
                              0: "moves no limbs"}),
    "respiration": ("Respiration", {2: "breathes deeply and coughs freely",
                                    1: "short of breath or limited breathing",
                                    0: "apnoeic"}),
    "circulation": ("Circulation", {2: "BP within ± 20 % of baseline",
                                    1: "BP within ± 20–49 % of baseline",
                                    0: "BP beyond ± 50 % of baseline"}),
    "consciousness": ("Consciousness", {2: "fully awake", 1: "rousable on calling",
                                        0: "not responding"}),
    "oxygen": ("Oxygen saturation", {2: "SpO₂ > 92 % on room air",
                                     1: "needs oxygen to keep SpO₂ > 90 %",
                                     0: "SpO₂ < 90 % even with oxygen"}),
}

ITEMISED = {"phq9": len(PHQ9_ITEMS), "aldrete": len(ALDRETE)}
ITEM_MAX = {"phq9": 3, "aldrete": 2}


@dataclass(frozen=True)
class Assessment:
    id: int
    session_id: int
    kind: str
    score: int
    at: datetime
    items: tuple[int, ...] = ()
    note: str = ""
    entered_at: datetime | None = None
    entered_by: int | None = None  # the user who entered it (None: before accounts)

    @property
    def label(self) -> str:
        return SCALES[self.kind].name

    def summary(self) -> str:
        text = f"{self.label} {self.score}"
        if self.kind == "moaas":
            text += f" — {MOAAS[self.score]}"
        elif self.kind == "phq9":
            text += f" ({phq9_band(self.score)})"
            if phq9_item9(self.items):
                text += " — " + item9_warning(self.items)
        elif self.kind == "aldrete":
            text += "/10"
        return f"{text}. {self.note}" if self.note else text

    @property
    def needs_attention(self) -> bool:
        return self.kind == "phq9" and phq9_item9(self.items)


def phq9_band(total: int) -> str:
    return SCALES["phq9"].band(total)


def phq9_item9(items: tuple[int, ...]) -> bool:
    return len(items) == 9 and items[8] > 0


def item9_warning(items: tuple[int, ...]) -> str:
    return (f"PHQ-9 item 9 (thoughts of self-harm) answered “{PHQ9_ANSWERS[items[8]]}”: "
            "review suicide risk with the patient before the session.")


def check_assessment(kind: str, score: int | None, items: tuple[int, ...] = ()) -> int:
    """The score to store (the sum of the items for itemised scales); refuses others."""
    if kind not in SCALES:
        raise InvalidEntry(f"Unknown assessment {kind!r}.", "kind")
    scale = SCALES[kind]
    label, low, high = scale.name, scale.low, scale.high
    if kind in ITEMISED:
        if len(items) != ITEMISED[kind]:
            raise InvalidEntry(f"{label}: answer all {ITEMISED[kind]} items.", "items")
        top = ITEM_MAX[kind]
        if any(not (0 <= i <= top) or int(i) != i for i in items):
            raise InvalidEntry(f"{label}: each item is scored 0–{top}.", "items")
        return int(sum(items))
    if score is None or not (low <= score <= high) or int(score) != score:
        raise InvalidEntry(f"{label} must be a whole number {low}–{high}.", "score")
    return int(score)


@dataclass(frozen=True)
class Aldrete:
    """A Modified Aldrete as scored at discharge, checked, ready to store with it."""

    score: int
    items: tuple[int, ...]
    makes_ready: bool  # at the protocol's minimum, escort present, no driving confirmed


def aldrete_of(items: dict[str, int], minimum: int, escort_present: bool,
               no_driving_confirmed: bool) -> Aldrete:
    """The checked score of every Aldrete item (refused unless each is scored). A score
    alone does not make a patient ready: the escort and "no driving" are needed too."""
    if set(items) != set(ALDRETE):
        raise InvalidEntry("Score every Aldrete item.", "items")
    ordered = tuple(items[key] for key in ALDRETE)
    score = check_assessment("aldrete", None, ordered)
    return Aldrete(score, ordered,
                   score >= minimum and escort_present and no_driving_confirmed)
