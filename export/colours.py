"""The colours a printed page uses (the light palette); the screens' themes build on
the same ``Colors`` so export/ never imports ui/."""

from __future__ import annotations

from dataclasses import dataclass


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


LIGHT = Colors("light", "#f4f5f7", "#ffffff", "#1d2430", "#5b6472", "#2364aa", "#b26a00",
               "#c62828", "#2e7d32", "#c62828", "#1565c0", "#6a1b9a", "#00838f", "#2e7d32",
               "#ef6c00", "#2364aa22", "#b26a0033")
