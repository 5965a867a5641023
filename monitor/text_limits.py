"""The one rule for text a user types: how long each field may be, and which characters
it may hold. The same on SQLite (which would store anything) and PostgreSQL (which would
crash on a NUL or an over-long name), because the service applies it before storage.

The rule, for every field:

- Surrounding spaces are trimmed.
- One-line fields (names, MRN, drug, signer): a pasted tab or line break becomes a space,
  as the user meant one line.
- Multi-line fields (notes, reasons, addenda): a Windows or old-Mac line break (CR LF, CR)
  becomes a plain line break; tabs and line breaks are kept.
- Any other control character (NUL, the other C0 and C1 controls, DEL) is **refused**,
  never silently removed: it is invisible, so the user is told which field holds it and
  decides. A broken character (a lone UTF-16 surrogate, which no database can store) is
  refused the same way.
- A bidi embedding, override or isolate control (U+202A–202E, U+2066–2069) is refused
  the same way: it makes the text display in another order than it reads. An identifier
  (the MRN) also refuses every other invisible format character (zero-width space, soft
  hyphen…), which would make a look-alike of another MRN.
- Longer than the field's limit (counted in characters, as PostgreSQL counts) is refused
  with the field's name, the limit and the length.
- Everything else (accents, right-to-left text and its marks U+200E/U+200F, emoji,
  combining characters) is stored exactly as typed.

A field's limit matches its database column (``tests/monitor/test_text_limits.py`` checks
it against ``db/models.py``); columns of unlimited text get a limit here so that a pasted
file cannot swamp a record or a PDF.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from typing import TypeVar

from monitor.errors import InvalidEntry


@dataclass(frozen=True)
class TextLimit:
    label: str  # as a nurse would name the field, in a sentence
    max_chars: int
    multiline: bool = False
    field: str = ""  # the form field a refusal points at (``InvalidEntry.field``)
    identifier: bool = False  # no invisible format characters either (a look-alike MRN)


NOTE = 10_000  # a free-text note: a few pages (the PDF test prints notes this long)
REASON = 1000  # a reason for a pause, a stop or an override: a paragraph

LIMITS: dict[str, TextLimit] = {
    "mrn": TextLimit("MRN", 20, field="mrn", identifier=True),
    "patient_name": TextLimit("Patient name", 200, field="name"),
    "allergies": TextLimit("Allergies", 2000, multiline=True, field="allergies"),
    "patient_notes": TextLimit("Patient notes", NOTE, multiline=True, field="notes"),
    "chair": TextLimit("Chair", 40, field="chair"),
    "vitals_source": TextLimit("Vitals source", 40, field="source"),
    "note": TextLimit("Note", NOTE, multiline=True, field="text"),
    "reason": TextLimit("Reason", REASON, multiline=True, field="text"),
    "override_reason": TextLimit("Override reason", REASON, multiline=True,
                                 field="override_reason"),
    # what a session event stores: a note, or a reason with the words put before it
    "event_text": TextLimit("Entry", NOTE + REASON, multiline=True, field="text"),
    "side_effect_description": TextLimit("Side effect description", 200,
                                         field="description"),
    "side_effect_note": TextLimit("Side effect note", NOTE, multiline=True, field="note"),
    "assessment_note": TextLimit("Assessment note", NOTE, multiline=True, field="note"),
    "drug": TextLimit("Drug name", 120, field="drug"),
    "medication_note": TextLimit("Medication note", NOTE, multiline=True, field="note"),
    "acknowledged_by": TextLimit("Acknowledged by", 120, field="by"),
    "acknowledgement_note": TextLimit("Acknowledgement note", NOTE, multiline=True,
                                      field="note"),
    "signed_by": TextLimit("Signed by", 120, field="by"),
    "addendum_text": TextLimit("Addendum", NOTE, multiline=True, field="text"),
    "addendum_reason": TextLimit("Addendum reason", REASON, multiline=True, field="reason"),
    "addendum_author": TextLimit("Addendum author", 120, field="author"),
    "correction_reason": TextLimit("Correction reason", REASON, multiline=True,
                                   field="reason"),
    "correction_by": TextLimit("Marked by", 120, field="by"),
    "protocol_name": TextLimit("Protocol name", 120, field="name"),
    "course_name": TextLimit("Course name", 120, field="name"),
    "protocol_drug": TextLimit("Protocol drug", 120, field="drug"),
    "clinic_name": TextLimit("Clinic name", 200, field="clinic_name"),
    # accounts: a signature's "printed name, credentials" fits ``signed_by`` (120)
    "username": TextLimit("User name", 40, field="username"),
    "printed_name": TextLimit("Printed name", 78, field="printed_name"),
    "credentials": TextLimit("Credentials", 40, field="credentials"),
}

_LINE_BREAKS = re.compile(r"\r\n?")
_ONE_LINE_SPACE = re.compile(r"[\t\n\r\v\f]")
# C0 controls but tab and line feed, DEL, and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Bidi embeddings, overrides and isolates: they make text display in another order than
# it is stored ("\u202eevil" shows as "live"). Marks (U+200E, U+200F) only nudge neutral
# characters and are kept: right-to-left names need them.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def clean_text(key: str, value: str) -> str:
    """``value`` as it will be stored in the field ``key``, or ``InvalidEntry`` naming
    the field and what is wrong."""
    limit = LIMITS[key]
    breaks, joined = (_LINE_BREAKS, "\n") if limit.multiline else (_ONE_LINE_SPACE, " ")
    text = breaks.sub(joined, value).strip()
    bad = _CONTROL.search(text)
    if bad:
        raise InvalidEntry(
            f"{limit.label} contains an invisible control character "
            f"(U+{ord(bad.group()):04X}) at position {bad.start() + 1}; "
            "retype the text or remove it.", limit.field)
    _refuse_invisible(limit, text)
    if _SURROGATE.search(text):
        raise InvalidEntry(f"{limit.label} contains a broken character that cannot be "
                           "stored; retype the text.", limit.field)
    if len(text) > limit.max_chars:
        raise InvalidEntry(f"{limit.label} is {len(text):,} characters long; the limit is "
                           f"{limit.max_chars:,}.", limit.field)
    return text


def _refuse_invisible(limit: TextLimit, text: str) -> None:
    bidi = _BIDI.search(text)
    if bidi:
        raise InvalidEntry(
            f"{limit.label} contains an invisible character that changes the direction "
            f"of the text (U+{ord(bidi.group()):04X}) at position {bidi.start() + 1}, so "
            "it would not read as typed; retype the text or remove it.", limit.field)
    if limit.identifier:
        for at, c in enumerate(text):
            if unicodedata.category(c) == "Cf":
                raise InvalidEntry(
                    f"{limit.label} contains an invisible character (U+{ord(c):04X}) at "
                    f"position {at + 1}; retype it with letters, digits and dashes only.",
                    limit.field)


T = TypeVar("T")


def clean_fields(record: T, **keys: str) -> T:
    """The dataclass ``record`` with each named field cleaned by its rule (the same
    object when nothing changes), e.g. ``clean_fields(patient, name="patient_name")``."""
    cleaned = {name: clean_text(key, getattr(record, name)) for name, key in keys.items()}
    if all(getattr(record, name) == value for name, value in cleaned.items()):
        return record
    return dataclasses.replace(record, **cleaned)  # type: ignore[type-var]  # any dataclass


SEARCH_MAX = 200  # longer than any name with its MRN: more cannot match anything


def search_text(text: str) -> str:
    """What a search box's text can match: control characters and broken (surrogate)
    characters, which no stored text holds, become spaces, and the length is bounded;
    a search never fails on what was typed, it finds nothing."""
    kept = "".join(" " if ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF or ord(c) == 127
                   else c for c in text[:SEARCH_MAX])
    return " ".join(kept.split())
