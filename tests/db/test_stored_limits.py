"""A session whose stored alarm limits cannot be read still loads (issue 8 §2, "loading
never refuses stored data"): the protocol's limits (or the clinic's defaults) are used
instead, and the session carries a plain warning that reaches the chair header, the
review and the PDF. Real SQLite file and PostgreSQL; the damage is written with SQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from export.documents import export_session_pdf
from monitor.protocol import DEFAULT_PROTOCOL, Protocol
from monitor.records import NewPatient
from monitor.report.format import Times
from monitor.report.session import session_report
from monitor.vitals import Limit, Tier, VitalsValues, default_limits
from tests.export.pdf_text import page_lines

NORMAL = VitalsValues(124, 78, 72, 98, 14, 36.7)
DAMAGED = {
    "not JSON": "{{{",
    "a half-written list": '[{"measure": "sbp", "op": ">=", "thr',
    "not a list": '{"sbp": 180}',
    "a rule without its threshold": '[{"measure": "sbp", "op": ">=", "tier": "critical"}]',
    "an unknown measure": '[{"measure": "zz", "op": ">=", "threshold": 1, '
                          '"tier": "critical", "relative": false}]',
    "a threshold that is text": '[{"measure": "sbp", "op": ">=", "threshold": "high", '
                                '"tier": "critical", "relative": false}]',
    "an unknown tier": '[{"measure": "sbp", "op": ">=", "threshold": 180, '
                       '"tier": "purple", "relative": false}]',
}
# a protocol of the clinic's own, so the fallback is visibly the protocol's limits
STRICT = (Limit("sbp", ">=", 150, Tier.CRITICAL), Limit("hr", ">", 100, Tier.ADVISORY))


def damage(storage, session_id: int, stored: str) -> None:
    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE infusion_session SET limits_json = :j WHERE id = :i"),
                     {"j": stored, "i": session_id})


def opened(service, protocol: Protocol) -> int:
    patient = service.register_patient(NewPatient("CH-8801", "Lena Park", date(1981, 4, 9)))
    sid = service.open_session(patient.id, "4", weight_kg=70, protocol=protocol).id
    service.record_vitals(sid, NORMAL)
    return sid


def strict_protocol(service) -> Protocol:
    p = DEFAULT_PROTOCOL
    return service.settings.save_protocol(Protocol(
        "Strict BP", p.drug, p.mg_per_kg, p.planned_minutes, p.observation_minutes,
        p.vitals_every_infusing_min, p.vitals_every_observation_min, p.overdue_after_min,
        p.discharge_min_aldrete, STRICT))


@pytest.mark.parametrize("what", DAMAGED)
def test_damaged_session_limits_fall_back_to_the_protocols_with_a_warning(
        storage, service, clock, what):
    sid = opened(service, strict_protocol(service))
    damage(storage, sid, DAMAGED[what])
    record = service.load(sid)  # loads: never refused
    assert record.session.limits == STRICT
    [warning] = record.timeline.warnings
    assert "alarm limits stored with this session could not be read" in warning
    assert "“Strict BP”" in warning
    # the board and the other reads of the session load it too
    assert [s.id for s, _ in service.open_sessions()] == [sid]
    assert service.get_session(sid).limits == STRICT
    # and entries are still flagged, against the protocol's limits
    flagged = service.record_vitals(sid, VitalsValues(152, 80, 72, 98, 14))
    assert flagged.tier is Tier.CRITICAL


def test_without_a_readable_protocol_the_clinic_defaults_are_used(storage, service):
    protocol = strict_protocol(service)
    sid = opened(service, protocol)
    damage(storage, sid, "{{{")
    with storage.engine.begin() as conn:  # the protocol's own copy is damaged too
        conn.execute(text("UPDATE protocol SET limits_json = 'null' WHERE id = :i"),
                     {"i": protocol.id})
    record = service.load(sid)
    assert record.session.limits == default_limits()
    [warning] = record.timeline.warnings
    assert "the clinic's default alarm limits are used" in warning


def test_the_warning_is_in_the_report_and_the_pdf(storage, service, clock, tmp_path):
    sid = opened(service, strict_protocol(service))
    damage(storage, sid, "{{{")
    record = service.load(sid)
    report = session_report(record, clock.now(), Times())
    assert any("could not be read" in w for w in report.warnings)
    pdf = tmp_path / "session.pdf"
    export_session_pdf(service, sid, pdf, now=clock.now())
    text_of_pdf = " ".join(" ".join(page) for page in page_lines(pdf))
    assert "could not be read" in text_of_pdf


def test_readable_limits_carry_no_warning(service):
    sid = opened(service, DEFAULT_PROTOCOL)
    record = service.load(sid)
    assert record.timeline.warnings == []
    assert record.session.limits == DEFAULT_PROTOCOL.limits
