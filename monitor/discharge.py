"""Discharge: the Modified Aldrete score, pre-filled where the record decides it.

Discharge needs a score at or above the protocol's minimum (9 by default), an escort
present and "no driving until tomorrow" confirmed — or an override with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from monitor.assessments import ALDRETE
from monitor.errors import InvalidEntry
from monitor.vitals import VitalsSet

if TYPE_CHECKING:
    from monitor.session_record import SessionRecord


@dataclass(frozen=True)
class Prefill:
    score: int | None
    why: str


def prefill_aldrete(baseline: VitalsSet | None, latest: VitalsSet | None) -> dict[str, Prefill]:
    """Items the record decides: oxygen (latest SpO₂) and circulation (BP vs baseline).

    The nurse confirms or changes them; the other items are left to the nurse.
    """
    out: dict[str, Prefill] = {}
    if latest is not None:
        spo2 = latest.values.spo2
        if spo2 > 92:
            out["oxygen"] = Prefill(2, f"latest SpO₂ {spo2} % (confirm: on room air)")
        elif spo2 < 90:
            out["oxygen"] = Prefill(0, f"latest SpO₂ {spo2} %")
    if latest is not None and baseline is not None and latest != baseline:
        # scored from the figure shown, so the label always agrees with the score
        # (20.48 % shows "20.5 %" and scores 1, not "20 %" scoring 1)
        shown = _exact_change(baseline, latest).quantize(Decimal("0.1"), ROUND_HALF_UP)
        score = 2 if shown <= 20 else 1 if shown < 50 else 0
        b, x = baseline.values, latest.values
        out["circulation"] = Prefill(
            score, f"BP {x.sbp}/{x.dbp} vs baseline {b.sbp}/{b.dbp}: {shown} % change")
    return out


def record_prefill(record: SessionRecord, now: datetime, window_min: int
                   ) -> tuple[VitalsSet | None, dict[str, Prefill]]:
    """The reading the pre-fill reads and the items it fills, from the entries that count
    (an artifact or a set entered in error is neither the reading nor the baseline)."""
    counted = record.effective()
    latest = post_infusion_reading(counted.vitals, record.session.infusion_ended_at, now,
                                   window_min)
    return latest, prefill_aldrete(counted.baseline(), latest)


def _exact_change(baseline: VitalsSet, latest: VitalsSet) -> Decimal:
    """As ``bp_change``, in exact decimals (41 ÷ 80 is 51.25 %, not 51.2499…)."""
    b, x = baseline.values, latest.values
    return max(Decimal(abs(x.sbp - b.sbp)) / b.sbp, Decimal(abs(x.dbp - b.dbp)) / b.dbp) * 100


def post_infusion_reading(vitals: list[VitalsSet], ended_at: datetime | None,
                          now: datetime, window_min: int) -> VitalsSet | None:
    """The latest set taken after the infusion ended and within the last ``window_min``
    minutes (a clinic setting): what the Aldrete pre-fill may read. Never the baseline,
    never a set from before the end, never a stale one."""
    if ended_at is None:
        return None
    since = now - timedelta(minutes=window_min)
    fresh = [v for v in vitals if v.taken_at > ended_at and v.taken_at >= since]
    return max(fresh, key=lambda v: (v.taken_at, v.id), default=None)


def bp_change(baseline: VitalsSet, latest: VitalsSet) -> float:
    """The larger of the systolic and diastolic change from baseline, in percent."""
    b, x = baseline.values, latest.values
    return max(abs(x.sbp - b.sbp) / b.sbp, abs(x.dbp - b.dbp) / b.dbp) * 100


@dataclass(frozen=True)
class DischargeCheck:
    items: dict[str, int]
    escort_present: bool
    no_driving_confirmed: bool
    minimum: int = 9
    concerns: tuple[str, ...] = ()  # monitor.guards.discharge_concerns: short observation...

    @property
    def score(self) -> int:
        return sum(self.items.values())

    def problems(self) -> list[str]:
        found = []
        if set(self.items) != set(ALDRETE):
            found.append("Score every Aldrete item.")
        elif any(v not in (0, 1, 2) for v in self.items.values()):
            found.append("Each Aldrete item is scored 0, 1 or 2.")
        elif self.score < self.minimum:
            found.append(f"Aldrete score {self.score} is below {self.minimum}.")
        if not self.escort_present:
            found.append("No responsible adult escort confirmed.")
        if not self.no_driving_confirmed:
            found.append("“No driving until tomorrow” not confirmed.")
        return found + list(self.concerns)

    @property
    def met(self) -> bool:
        return not self.problems()

    def require(self, override_reason: str) -> None:
        """Refuses discharge unless the criteria are met or an override reason is given."""
        if set(self.items) != set(ALDRETE):
            raise InvalidEntry("Score every Aldrete item.", "items")
        if any(v not in (0, 1, 2) for v in self.items.values()):
            raise InvalidEntry("Each Aldrete item is scored 0, 1 or 2.", "items")
        if not self.met and not override_reason.strip():
            raise InvalidEntry(" ".join(self.problems()) +
                               " Discharge needs the criteria met, or an override with a "
                               "reason.", "override_reason")


def all_clear(minimum: int = 9) -> DischargeCheck:
    """Every item at 2, escort present, no driving confirmed (a routine discharge)."""
    return DischargeCheck({key: 2 for key in ALDRETE}, True, True, minimum)
