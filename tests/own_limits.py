"""A protocol with limits of its own (SBP advisory 150, a systolic rise advisory of 25),
for the tests that every chart draws the limits copied onto its session."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from monitor.protocol import DEFAULT_PROTOCOL
from monitor.records import NewPatient
from monitor.vitals import Tier, VitalsValues, default_limits


def _own(lim):
    if (lim.measure, lim.op, lim.tier, lim.relative) == ("sbp", ">", Tier.ADVISORY, False):
        return replace(lim, threshold=150)
    if (lim.measure, lim.tier, lim.relative) == ("sbp", Tier.ADVISORY, True):
        return replace(lim, threshold=25)
    return lim


OWN_PROTOCOL = replace(DEFAULT_PROTOCOL, name="Strict BP",
                       limits=tuple(_own(lim) for lim in default_limits()))


def session_with_own_limits(service, mrn: str = "CH-7100", name: str = "Own Limits"):
    p = service.register_patient(NewPatient(mrn, name, date(1980, 1, 1)))
    s = service.open_session(p.id, "1", 70, protocol=OWN_PROTOCOL)
    service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    return p, s


def limit_labels(charts) -> set[str]:
    """The labels of the limit lines a vitals chart draws ("S 150", "D 100", "130" …)."""
    return {line.label.toPlainText() for line, _tier in charts.limit_lines}
