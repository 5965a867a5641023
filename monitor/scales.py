"""The scales scored in a session, one table for every screen, chart, PDF and CSV: the
name on forms and reports, the short name on a chart mark, the range, the severity bands
and where remission lies (clinical reference: PHQ-9 below 5, MADRS 10 or less)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    key: str
    name: str  # on forms, logs and reports
    short: str  # on a chart mark and a course column
    low: int
    high: int
    bands: tuple[tuple[int, int, str], ...] = ()  # (lowest, highest, severity)
    remission_max: int | None = None  # the highest score that counts as remission
    remission_text: str = ""  # the remission rule as a reader sees it
    remission_line: float | None = None  # where a chart draws the remission threshold

    @property
    def range_text(self) -> str:
        return f"{self.low}–{self.high}"

    def band(self, score: int) -> str:
        return next(name for low, high, name in self.bands if low <= score <= high)

    def remitted(self, score: int) -> bool:
        return self.remission_max is not None and score <= self.remission_max


SCALES = {
    s.key: s
    for s in (
        Scale("moaas", "Sedation (MOAA/S)", "MOAA/S", 0, 5),
        Scale("dissociation", "Dissociation (0–10)", "Dissoc.", 0, 10),
        Scale("cadss", "CADSS total", "CADSS", 0, 92),
        Scale("phq9", "PHQ-9", "PHQ-9", 0, 27,
              bands=((0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"),
                     (15, 19, "moderately severe"), (20, 27, "severe")),
              remission_max=4, remission_text="< 5", remission_line=4.5),
        Scale("madrs", "MADRS total", "MADRS", 0, 60, remission_max=10,
              remission_text="≤ 10", remission_line=10),
        Scale("aldrete", "Modified Aldrete", "Aldrete", 0, 10),
    )
}
SESSION_SCALES = ("moaas", "dissociation", "cadss", "phq9", "madrs")  # Aldrete: discharge
MOOD_SCALES = ("phq9", "madrs")  # the scales a course follows for response and remission


def short_label(kind: str, score: int) -> str:
    """A scored scale as marked on a chart, live and on reopening: "MOAA/S 4"."""
    return f"{SCALES[kind].short} {score}"
