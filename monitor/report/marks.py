"""Corrections as a printed report shows them: the entry kept, struck through, with the
mark beside it (status, reason, who, when); a recheck names the reading it replaces; an
addendum that corrects a structured item is shown beside that item. No Qt."""

from __future__ import annotations

from monitor.corrections import Correction, Marks, ref_of
from monitor.report.format import ADVISORY, STRUCK, Row, Times
from monitor.review import Addendum
from monitor.session_record import SessionRecord


def mark_text(mark: Correction, t: Times) -> str:
    """"ARTIFACT: cuff — marked by Ann Lee RN at 14:06"."""
    by = f" by {mark.made_by}" if mark.made_by else ""
    return f"{mark.status.label.upper()}: {mark.reason} — marked{by} at {t.hm(mark.made_at)}"


def withdrawal_text(mark: Correction, withdrawal: Correction, t: Times) -> str:
    """"Artifact mark withdrawn: wrong row — by Ann Lee RN at 14:09 (it said: cuff,
    14:06)"."""
    by = f" by {withdrawal.made_by}" if withdrawal.made_by else ""
    return (f"{mark.status.label} mark withdrawn: {withdrawal.reason} —{by} at "
            f"{t.hm(withdrawal.made_at)} (it said: {mark.reason}, {t.hm(mark.made_at)})")


def recheck_text(link: Correction, record: SessionRecord, t: Times) -> str:
    """"Recheck of 14:05 (artifact: cuff)"."""
    replaced = next((v for v in record.vitals if v.id == link.recheck_of), None)
    if replaced is None:
        return "Recheck"
    mark = record.marks.marked.get(("vitals", replaced.id))
    why = f" ({mark.status.label.lower()}: {mark.reason})" if mark else ""
    return f"Recheck of {t.hm(replaced.taken_at)}{why}"


def addendum_text(addendum: Addendum, t: Times) -> str:
    return (f"Corrected by addendum {t.hm(addendum.at)} ({addendum.author}): "
            f"{addendum.text}")


def corrected_by(record: SessionRecord, kind: str, entry_id: int) -> list[Addendum]:
    """The addenda that name this entry as the one they correct."""
    return [a for a in record.addenda if a.corrects == (kind, entry_id)]


def marked(row: Row, entry: object, record: SessionRecord, t: Times,
           marks: Marks | None = None) -> Row:
    """``row`` as the report prints it: struck through with its mark in the last column
    when marked; with its recheck link and any correcting addendum noted there."""
    marks = marks or record.marks
    notes: list[str] = []
    link = marks.recheck_of(entry)
    if link is not None:
        notes.append(recheck_text(link, record, t))
    ref = ref_of(entry)
    if ref is not None:
        notes += [withdrawal_text(m, w, t) for m, w in marks.withdrawals_of(entry)]
        notes += [addendum_text(a, t) for a in corrected_by(record, *ref)]
    mark = marks.mark_of(entry)
    if mark is None and not notes:
        return row
    last = row.cells[-1]
    lines = ([mark_text(mark, t)] if mark else []) + notes + ([last] if last else [])
    cells = (*row.cells[:-1], "\n".join(lines))
    n = len(cells)
    if mark is not None:
        levels = (STRUCK,) * (n - 1) + (ADVISORY,)
        return Row(cells, STRUCK, levels)
    levels = tuple(row.cell_level(i) for i in range(n - 1)) + (ADVISORY,)
    return Row(cells, row.level, levels)

