"""The content digest of a signed session, the manifestation, and the audit chain."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from monitor.accounts.content_digest import changed_parts, content_digest, part_digests
from monitor.accounts.signature import Meaning, Signature, manifestation
from monitor.alarms import Alarm
from monitor.audit.chain import first_break
from monitor.audit.entry import GENESIS, AuditEntry, AuditEvent
from monitor.records import InfusionSession, Patient
from monitor.session_record import SessionRecord
from monitor.timeline import Phase
from monitor.vitals import Tier, VitalsSet, VitalsValues

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)


def record() -> SessionRecord:
    session = InfusionSession(1, 1, "2", "Standard", "Racemic ketamine IV", 0.5, 70.0, 40,
                              30, 10, 15, T0, Phase.DISCHARGED, T0, signed_at=None)
    patient = Patient("MRN-1", "Ada Lovelace", date(1970, 1, 1), id=1)
    vitals = [VitalsSet(1, 1, T0, VitalsValues(195, 100, 80, 98, 14), "manual", T0,
                        ("SBP 195 ≥ 180",))]
    alarms = [Alarm(1, 1, 1, Tier.CRITICAL, ("SBP 195 ≥ 180",), T0)]
    return SessionRecord(session, patient, vitals=vitals, alarms=alarms)


def test_the_digest_is_stable_and_ignores_what_signing_changes():
    r = record()
    signed = dataclasses.replace(r.session, signed_at=T0, signed_by="Dana", version=4)
    assert content_digest(r) == content_digest(record())
    assert content_digest(dataclasses.replace(r, session=signed)) == content_digest(r)
    assert len(content_digest(r)) == 64


def test_an_edited_value_or_a_deleted_alarm_changes_it_and_says_where():
    r = record()
    parts = part_digests(r)
    edited = dataclasses.replace(r, vitals=[dataclasses.replace(
        r.vitals[0], values=VitalsValues(128, 100, 80, 98, 14))])
    assert content_digest(edited) != content_digest(r)
    assert changed_parts(parts, edited) == ["vitals"]
    no_alarm = dataclasses.replace(r, alarms=[])
    assert changed_parts(parts, no_alarm) == ["alarms"]
    assert changed_parts(parts, r) == []


def test_the_manifestation_has_name_credentials_time_with_zone_and_meaning():
    sig = Signature(1, 7, "Dana Whitfield", "MD", Meaning.REVIEWED, T0, "ab" * 32)
    text = manifestation(sig, ZoneInfo("Europe/Berlin"))
    assert text == ("Electronically signed by Dana Whitfield, MD — "
                    "2026-11-24 15:00 CET (UTC+01:00) — Reviewed and approved")


def chain(n: int) -> list[AuditEntry]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        e = AuditEntry(seq, T0 + timedelta(minutes=seq), 7, "dana", "ws1", "nurse1",
                       AuditEvent("update", "vitals_set", str(seq), {"sbp": 195},
                                  {"sbp": 190}), prev)
        e = dataclasses.replace(e, hash=e.expected_hash())
        entries.append(e)
        prev = e.hash
    return entries


def test_a_whole_chain_passes():
    assert first_break(chain(5)) is None
    assert first_break([]) is None


def test_an_edited_entry_is_named():
    entries = chain(5)
    entries[2] = dataclasses.replace(entries[2], event=AuditEvent("update", "vitals_set", "3",
                                                                  {"sbp": 195}, {"sbp": 128}))
    assert first_break(entries).seq == 3
    assert "changed" in str(first_break(entries))


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link():
    entries = chain(5)
    forged = dataclasses.replace(entries[2], username="someone")
    entries[2] = dataclasses.replace(forged, hash=forged.expected_hash())
    broken = first_break(entries)
    assert broken.seq == 4 and "before it" in broken.reason


def test_a_deleted_entry_is_named():
    entries = chain(5)
    del entries[1]
    broken = first_break(entries)
    assert broken.seq == 2 and "missing" in broken.reason
