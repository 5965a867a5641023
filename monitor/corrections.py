"""Honest corrections: an entry marked entered in error or an artifact, never deleted.

A correction is its own stored row naming the entry it marks (kind and id), the status,
the reason, who marked it and when. The entry stays in the record, the log and the PDF,
marked; it no longer *counts*. Which entries count is decided here, in one place:
``counts`` for one entry and ``effective`` for a whole record. Alarms, the vitals
schedule, the baseline, the Aldrete pre-fill, the discharge guards, the course summaries
and the chart lines all read the effective record.

A recheck is a new vitals set that replaces an artifact: both are kept, linked by a row
with the status ``recheck`` (``entry_id`` the new set, ``recheck_of`` the one it replaces).

A mark made by mistake (the wrong row struck) is withdrawn by a row of its own with the
status ``withdrawn`` naming the same entry and saying why: the entry counts again, and the
mark and its withdrawal both stay in the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from monitor.alarms import Alarm
from monitor.assessments import Assessment
from monitor.errors import InvalidEntry, TransitionRefused
from monitor.medications import MedicationGiven
from monitor.side_effects import SideEffect
from monitor.timeline import EventKind, SessionEvent
from monitor.vitals import VitalsSet

if TYPE_CHECKING:
    from monitor.session_record import SessionRecord


class Status(Enum):
    ENTERED_IN_ERROR = "entered_in_error"
    ARTIFACT = "artifact"
    RECHECK = "recheck"  # not a mark: links a new reading to the artifact it replaces
    WITHDRAWN = "withdrawn"  # the entry's mark was made by mistake: it counts again

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {Status.ENTERED_IN_ERROR: "Entered in error", Status.ARTIFACT: "Artifact",
                  Status.RECHECK: "Recheck", Status.WITHDRAWN: "Mark withdrawn"}
MARKS = (Status.ENTERED_IN_ERROR, Status.ARTIFACT)

# the kinds of entry that can be marked, by the name stored in ``entry_kind``
KINDS = {"vitals": "vitals set", "side_effect": "side effect", "medication": "medication",
         "assessment": "assessment", "note": "note"}
_LIST_OF = {"vitals": "vitals", "side_effect": "side_effects", "medication": "medications",
            "assessment": "assessments", "note": "events"}

Markable = VitalsSet | SideEffect | MedicationGiven | Assessment | SessionEvent
EntryRef = tuple[str, int]  # (entry_kind, entry_id)


@dataclass(frozen=True)
class Correction:
    id: int
    session_id: int
    entry_kind: str
    entry_id: int
    status: Status
    reason: str
    made_at: datetime
    made_by: str
    recheck_of: int | None = None  # a recheck: the vitals set it replaces

    @property
    def ref(self) -> EntryRef:
        return (self.entry_kind, self.entry_id)


def kind_of(entry: object) -> str | None:
    """The stored kind name of an entry, or None for what cannot be marked (a phase
    change, an alarm, an addendum)."""
    if isinstance(entry, VitalsSet):
        return "vitals"
    if isinstance(entry, SideEffect):
        return "side_effect"
    if isinstance(entry, MedicationGiven):
        return "medication"
    if isinstance(entry, Assessment):
        return "assessment"
    if isinstance(entry, SessionEvent) and entry.kind is EventKind.NOTE:
        return "note"
    return None


def ref_of(entry: object) -> EntryRef | None:
    kind = kind_of(entry)
    return None if kind is None else (kind, entry.id)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Marks:
    """The corrections of one session, looked up by entry."""

    marked: dict[EntryRef, Correction]  # entry → its mark (entered in error / artifact)
    rechecks: dict[int, Correction]  # new vitals id → its recheck link
    # entry → each mark withdrawn from it, with its withdrawal, oldest first
    withdrawn: dict[EntryRef, list[tuple[Correction, Correction]]] = field(
        default_factory=dict)

    @classmethod
    def of(cls, corrections: list[Correction]) -> Marks:
        """In the order stored: the first mark stands until it is withdrawn; a withdrawal
        with no mark standing (two screens withdrawing at once) changes nothing."""
        marked: dict[EntryRef, Correction] = {}
        rechecks: dict[int, Correction] = {}
        withdrawn: dict[EntryRef, list[tuple[Correction, Correction]]] = {}
        for c in sorted(corrections, key=lambda c: c.id):
            if c.status is Status.RECHECK:
                rechecks[c.entry_id] = c
            elif c.status is Status.WITHDRAWN:
                if (mark := marked.pop(c.ref, None)) is not None:
                    withdrawn.setdefault(c.ref, []).append((mark, c))
            else:
                marked.setdefault(c.ref, c)
        return cls(marked, rechecks, withdrawn)

    def withdrawals_of(self, entry: object) -> list[tuple[Correction, Correction]]:
        ref = ref_of(entry)
        return [] if ref is None else self.withdrawn.get(ref, [])

    def mark_of(self, entry: object) -> Correction | None:
        ref = ref_of(entry)
        return None if ref is None else self.marked.get(ref)

    def recheck_of(self, entry: object) -> Correction | None:
        return self.rechecks.get(entry.id) if isinstance(entry, VitalsSet) else None

    def alarm_mark(self, alarm: Alarm) -> Correction | None:
        """The mark on the vitals set that raised this alarm, if any."""
        return self.marked.get(("vitals", alarm.vitals_id))


def counts(entry: object, marks: Marks) -> bool:
    """Whether an entry counts: the one rule. A marked entry does not; an alarm raised by
    a marked vitals set does not; everything else does."""
    if isinstance(entry, Alarm):
        return marks.alarm_mark(entry) is None
    return marks.mark_of(entry) is None


def effective(record: SessionRecord) -> SessionRecord:
    """The record with only the entries that count (corrections kept, to say why)."""
    marks = record.marks
    if not marks.marked:
        return record
    def kept(entries: list) -> list:
        return [e for e in entries if counts(e, marks)]

    return replace(record, vitals=kept(record.vitals), side_effects=kept(record.side_effects),
                   medications=kept(record.medications),
                   assessments=kept(record.assessments), events=kept(record.events),
                   alarms=kept(record.alarms))


def find_entry(record: SessionRecord, kind: str, entry_id: int) -> Markable:
    """The entry of ``record`` named by kind and id; refuses what is not there."""
    if kind not in KINDS:
        raise InvalidEntry("Only a vitals set, side effect, medication, assessment or "
                           "note can be marked.", "entry")
    for entry in getattr(record, _LIST_OF[kind]):
        if entry.id == entry_id and kind_of(entry) == kind:
            return entry
    raise InvalidEntry(f"That {KINDS[kind]} is not in this session.", "entry")


def check_mark(record: SessionRecord, kind: str, entry_id: int, status: Status | None,
               reason: str) -> Markable:
    """Refuses a mark that cannot be made (nothing stored), returning the entry marked."""
    if record.session.signed:
        s = record.session
        raise TransitionRefused(
            f"This session was signed by {s.signed_by}; it is locked. To correct an "
            "entry now, write an addendum that names it.")
    if status not in MARKS:
        raise InvalidEntry("Choose entered in error or artifact.", "status")
    if not reason.strip():
        raise InvalidEntry("Give the reason (for example: cuff moved, wrong patient).",
                           "reason")
    entry = find_entry(record, kind, entry_id)
    already = record.marks.mark_of(entry)
    if already is not None:
        raise InvalidEntry(f"This {KINDS[kind]} is already marked "
                           f"{already.status.label.lower()} ({already.reason}).", "entry")
    return entry


def check_withdrawal(record: SessionRecord, kind: str, entry_id: int,
                     reason: str) -> Correction:
    """Refuses a withdrawal that cannot be made (nothing stored), returning the mark it
    withdraws."""
    if record.session.signed:
        s = record.session
        raise TransitionRefused(
            f"This session was signed by {s.signed_by}; it is locked. To correct a mark "
            "now, write an addendum that names the entry.")
    if not reason.strip():
        raise InvalidEntry("Give the reason (for example: marked the wrong row).", "reason")
    entry = find_entry(record, kind, entry_id)
    mark = record.marks.mark_of(entry)
    if mark is None:
        raise InvalidEntry(f"This {KINDS[kind]} is not marked (any more): nothing to "
                           "withdraw.", "entry")
    return mark


def check_recheck(record: SessionRecord, replaces: int) -> VitalsSet:
    """The vitals set a recheck replaces: one of this session's, already marked."""
    entry = find_entry(record, "vitals", replaces)
    assert isinstance(entry, VitalsSet)
    if record.marks.mark_of(entry) is None:
        raise InvalidEntry("Mark the reading as an artifact (or entered in error) before "
                           "entering its recheck.", "recheck_of")
    return entry
