"""The colours a printed page uses (the light palette); the screens' themes build on
the same ``Colors`` so export/ never imports ui/."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.vitals import Tier


@dataclass(frozen=True)
class Colors:
    name: str
    window: str
    base: str
    text: str
    muted: str
    accent: str
    advisory: str
    critical: str
    ok: str
    sbp: str
    dbp: str
    hr: str
    spo2: str
    rr: str
    side_effect: str
    infusion: str  # infusion window shading (with alpha)
    pause: str

    def tier(self, tier: Tier | None, otherwise: str = "") -> str:
        """The colour of an alarm tier (``otherwise`` for none): one mapping for every
        chart, table and page."""
        if tier is None:
            return otherwise
        return self.critical if tier is Tier.CRITICAL else self.advisory


LIGHT = Colors("light", "#f4f5f7", "#ffffff", "#1d2430", "#5b6472", "#2364aa", "#b26a00",
               "#c62828", "#2e7d32", "#c62828", "#1565c0", "#6a1b9a", "#00838f", "#2e7d32",
               "#ef6c00", "#2364aa22", "#b26a0033")
