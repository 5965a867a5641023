"""The digest of a session's stored facts, taken when it is signed and compared on every
load and export: a value edited, a row deleted or added behind the app's back changes it.

Canonical JSON (sorted keys, UTC ISO times, enum values) of the record's parts, each part
hashed on its own so that a mismatch can say *what* changed, and the whole hashed from the
parts. Left out: what signing itself changes (signed_at, signed_by, the version) and
addenda, which are how a signed record is legitimately corrected. Corrections (entries
marked in error or artifact before signing) are signed with the rest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from datetime import date, datetime, timezone
from enum import Enum
from typing import Any

from monitor.session_record import SessionRecord

# what signing changes on the session row itself
_SIGNING_FIELDS = ("signed_at", "signed_by", "version")


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("a naive time in a stored record")
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot put {type(value).__name__} in a digest")


def canonical(value: object) -> str:
    return json.dumps(value, default=_plain, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# who entered each row (issue 10): covered once known; left out while None, so that a
# session signed before entries carried their author keeps its digest
_WHO_FIELDS = ("entered_by", "acknowledged_by_user")


def _rows(items: Iterable[Any], drop: tuple[str, ...] = ()) -> list[dict]:
    rows = [{k: v for k, v in dataclasses.asdict(i).items()
             if k not in drop and not (k in _WHO_FIELDS and v is None)} for i in items]
    return sorted(rows, key=lambda r: r["id"])


def content_parts(record: SessionRecord) -> dict[str, object]:
    """The stored facts, by part, as plain JSON-able values."""
    session = {k: v for k, v in dataclasses.asdict(record.session).items()
               if k not in _SIGNING_FIELDS and k != "created_by"}
    p = record.patient
    parts: dict[str, object] = {
        "session": session,
        "patient": {"id": p.id, "mrn": p.mrn, "name": p.name,
                    "date_of_birth": p.date_of_birth},
        "events": _rows(record.events),
        "vitals": _rows(record.vitals, drop=("alarm",)),  # ``alarm``: only when just made
        "side_effects": _rows(record.side_effects),
        "alarms": _rows(record.alarms),
        "assessments": _rows(record.assessments),
        "medications": _rows(record.medications),
    }
    if record.corrections:  # a part only when there are some: older signatures still match
        parts["corrections"] = _rows(record.corrections)
    if record.session.created_by is not None:  # who opened it: a part of its own (below)
        parts["opened_by"] = record.session.created_by
    return parts


def part_digests(record: SessionRecord, signed: dict[str, str] | None = None
                 ) -> dict[str, str]:
    """Each part's digest; compared with a signature's ``signed`` parts, without who
    opened the session when that signature did not cover it (signed before it did): the
    parts are themselves covered by the signature's digest, so leaving one out of them
    in the database changes the whole."""
    digests = {name: sha256(canonical(part)) for name, part in content_parts(record).items()}
    if signed is not None and "opened_by" not in signed:
        digests.pop("opened_by", None)
    return digests


def content_digest(record: SessionRecord, signed: dict[str, str] | None = None) -> str:
    """SHA-256 (hex) of the session's stored facts (as ``part_digests`` for ``signed``)."""
    return sha256(canonical(part_digests(record, signed)))


PART_NAMES = {"session": "the session's details", "patient": "the patient's identity",
              "events": "phase changes and notes", "vitals": "vitals",
              "side_effects": "side effects", "alarms": "alarms",
              "assessments": "scales", "medications": "medications",
              "corrections": "entries marked in error or artifact",
              "opened_by": "who opened the session"}


def changed_parts(signed_parts: dict[str, str], record: SessionRecord) -> list[str]:
    """The parts (in words) whose digest differs from the signed one."""
    now = part_digests(record, signed_parts)
    return [PART_NAMES.get(name, name) for name in PART_NAMES
            if signed_parts.get(name) != now.get(name)]


def addendum_digest(addendum: Any) -> str:
    """SHA-256 of what an addendum's signature covers: its session, text, reason, author
    (name and user), time and meaning (``monitor.review.Addendum``)."""
    return sha256(canonical({
        "session_id": addendum.session_id, "text": addendum.text, "reason": addendum.reason,
        "author": addendum.author, "author_user": addendum.author_user, "at": addendum.at,
        "meaning": addendum.meaning}))
