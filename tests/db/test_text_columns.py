"""The text rule and the database columns agree: every text column a user can fill has a
rule, and a rule's limit is its column's length wherever the column has one."""

from __future__ import annotations

from sqlalchemy import String

from db.devices_repo import ASSIGNED, POINT_OF_CARE
from db.models import Base
from monitor.accounts.roles import Role, roles_to_text
from monitor.accounts.signature import Meaning
from monitor.alarms import ACTIONS
from monitor.corrections import KINDS as CORRECTABLE
from monitor.corrections import Status
from monitor.devices.feed_settings import DEFAULTS as FEED_DEFAULTS
from monitor.medications import ROUTES, UNITS
from monitor.scales import SCALES as ASSESSMENT_KINDS
from monitor.side_effects import KINDS
from monitor.text_limits import LIMITS
from monitor.timeline import EventKind, Phase
from monitor.treatment_course import KINDS as COURSE_KINDS
from monitor.vitals import Tier

# rule → the columns it fills
FILLS = {
    "mrn": ["patient.mrn"],
    "patient_name": ["patient.name"],
    "allergies": ["patient.allergies"],
    "patient_notes": ["patient.notes"],
    "chair": ["infusion_session.chair"],
    "vitals_source": ["vitals_set.source"],
    "note": ["session_event.text"],
    "reason": ["session_event.text"],
    "override_reason": ["session_event.text"],
    "event_text": ["session_event.text"],
    "side_effect_description": ["side_effect.description"],
    "side_effect_note": ["side_effect.note"],
    "assessment_note": ["assessment.note"],
    "drug": ["medication_given.drug", "formulary_item.drug"],
    "medication_note": ["medication_given.note"],
    "acknowledged_by": ["alarm.acknowledged_by"],
    "acknowledgement_note": ["alarm.note"],
    "signed_by": ["infusion_session.signed_by"],
    "addendum_text": ["addendum.text"],
    "addendum_reason": ["addendum.reason"],
    "addendum_author": ["addendum.author"],
    "correction_reason": ["entry_correction.reason"],
    "correction_by": ["entry_correction.made_by"],
    "protocol_name": ["protocol.name", "infusion_session.protocol_name"],
    "protocol_drug": ["protocol.drug", "infusion_session.drug"],
    "clinic_name": ["clinic_setting.value"],
    "username": ["app_user.username"],
    "printed_name": ["app_user.printed_name", "session_signature.printed_name"],
    "credentials": ["app_user.credentials", "session_signature.credentials"],
    "course_name": ["treatment_course.name"],
}

# String columns no one types into: each holds a value chosen from a fixed list.
CHOSEN = {
    "infusion_session.phase": [p.value for p in Phase],
    "session_event.kind": [k.value for k in EventKind],
    "side_effect.kind": list(KINDS),
    "alarm.tier": [t.value for t in Tier],
    "vitals_set.alarm_tier": [t.value for t in Tier],  # NULL when no limit was crossed
    "alarm.action": list(ACTIONS),
    "assessment.kind": list(ASSESSMENT_KINDS),
    "medication_given.unit": list(UNITS),
    "medication_given.route": list(ROUTES),
    "formulary_item.unit": list(UNITS),
    "formulary_item.route": list(ROUTES),
    "clinic_setting.key": ["clinic_name", "chair_count", *FEED_DEFAULTS],
    "app_user.roles": [roles_to_text(frozenset(Role))],  # the longest: every role
    "session_signature.meaning": [m.value for m in Meaning],
    "addendum.meaning": ["", *(m.value for m in Meaning)],  # "": before addenda were signed
    # corrections (0008): what is marked, and how
    "entry_correction.entry_kind": list(CORRECTABLE),
    "entry_correction.status": [s.value for s in Status],
    "addendum.corrects_kind": ["", *CORRECTABLE],
    "treatment_course.kind": list(COURSE_KINDS),
    # how a monitor was bound to its chair (0014): by a person, or by its PV1-3
    "device_binding.how": [ASSIGNED, POINT_OF_CARE],
}

# written by the repository, never typed: hashes and digests (fixed-length hex or argon2's
# encoding), and the audit trail, which copies what the app knows (the user name as
# typed at a failed sign-in is cut to the column)
WRITTEN_BY_REPOSITORY = {
    "assessment.items",  # digits and commas
    # folded from the patient's name and MRN (db/search_key.py), which have their rules
    "patient.search_key", "patient_search_term.term", "patient_search_term.name_key",
    "patient.mrn_key",  # the MRN as compared (monitor/patient_identity.py), sized below
    "app_user.password_hash", "app_user.pin_hash", "session_signature.digest",
    "audit_log.username", "audit_log.workstation", "audit_log.os_user", "audit_log.action",
    "audit_log.table_name", "audit_log.row_id", "audit_log.prev_hash", "audit_log.hash",
    "addendum.digest", "cli_credential.token_hash",  # SHA-256 hex
    # what a monitor sent, cut to the column by the listener (monitor/devices/reading.py,
    # db/devices_repo.py: tests/db/test_devices.py), and chairs as sessions hold them
    "device.device_key", "device.location", "device_observation.control_id",
    "device_observation.chair", "device_binding.chair",
}


def _columns():
    return {f"{table.name}.{column.name}": column
            for table in Base.metadata.sorted_tables for column in table.columns}


def test_every_rule_fills_real_columns_and_fits_them():
    columns = _columns()
    assert set(FILLS) == set(LIMITS)
    for key, names in FILLS.items():
        for name in names:
            length = getattr(columns[name].type, "length", None)
            if length is not None:
                assert LIMITS[key].max_chars == length, (key, name)


# search keys folded from the name and MRN (db/search_key.py), never typed
DERIVED = {"patient.search_key", "patient_search_term.term", "patient_search_term.name_key",
           "patient.mrn_key"}


def test_the_compared_mrn_fits_its_column_for_the_longest_mrn():
    from monitor.patient_identity import mrn_key
    from monitor.text_limits import LIMITS

    # casefolding lengthens a character at most threefold ("ﬃ" → "ffi")
    assert max(len(c.casefold()) for c in map(chr, range(0x110000))) == 3
    longest = mrn_key("ﬃ" * LIMITS["mrn"].max_chars)
    assert len(longest) <= _columns()["patient.mrn_key"].type.length


def test_every_limited_text_column_has_a_rule_or_a_fixed_list_that_fits():
    filled = {name for names in FILLS.values() for name in names}
    for name, column in _columns().items():
        if not isinstance(column.type, String) or column.type.length is None:
            continue
        if name in WRITTEN_BY_REPOSITORY:
            continue
        if name in DERIVED:  # written by db/, folded from fields that have their rule
            continue
        assert name in filled or name in CHOSEN, f"{name} has no text rule"
        for value in CHOSEN.get(name, []):
            assert len(value) <= column.type.length, (name, value)
