"""Finding patients by name, MRN or date of birth, at the same cost after ten years.

Every query here walks an index, so its cost follows the patients it returns, not the
clinic's history: an exact MRN through the unique ``mrn_key`` index (any case, any
spaces: monitor.patient_identity), name and MRN words as prefixes of
``patient_search_term`` words (read in name order from that covering index), dates through
the date of birth index, and the review's session counts only for the patients listed.
Only when the prefixes find fewer than asked for, and no exact MRN was typed, does a
contains-search top the list up: on SQLite it walks the compact ``search_key`` index in
order and stops at the limit; on PostgreSQL a pg_trgm index answers it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Row, and_, func, select
from sqlalchemy.orm import Session

from db.models import PatientRow, SessionRow
from db.models import PatientSearchTermRow as Term
from db.search_key import fold
from monitor.patient_identity import mrn_key

# The last code point: every text that starts with w sorts before w + this.
_LAST_CHAR = "\U0010ffff"


# a patient's own columns, read as plain rows (no ORM identity map for a list of 200)
_PATIENT = select(PatientRow.id, PatientRow.mrn, PatientRow.name, PatientRow.date_of_birth,
                  PatientRow.allergies, PatientRow.notes, PatientRow.no_known_allergies)


def same_mrn(s: Session, mrn: str) -> list[Row]:
    """The patients whose MRN is ``mrn`` apart from case and spaces (through the unique
    ``mrn_key`` index): one or none, several only where a clinic registered clashing MRNs
    before revision 0011; the one spelt exactly as typed first, then by registration."""
    key = mrn_key(mrn)
    if not key:
        return []
    return list(s.execute(_PATIENT.where(PatientRow.mrn_key == key)
                          .order_by((PatientRow.mrn != mrn.strip()), PatientRow.id)))


def with_mrn(s: Session, mrn: str) -> Row | None:
    """The patient with this MRN (any case, any spaces), or None."""
    found = same_mrn(s, mrn)
    return found[0] if found else None


def find(s: Session, text: str, limit: int, newest_first: bool = True) -> list[Row]:
    """Patients whose name or MRN contains each word (any case), or born on a date given
    as YYYY-MM-DD or YYYYMMDD; an exact MRN first, then by name. Empty: the newest
    registered first (or by name)."""
    if not text.split():
        order = PatientRow.id.desc() if newest_first else PatientRow.name
        return list(s.execute(_PATIENT.order_by(order, PatientRow.id).limit(limit)))
    exact = with_mrn(s, text)
    rows = _matching(s, text.split(), limit, exact is None)
    if exact is None:
        return rows
    return ([exact] + [r for r in rows if r.id != exact.id])[:limit]


def overview(s: Session, text: str, limit: int) -> list[tuple[Row, int, datetime | None]]:
    """The review's list: matching patients by name (an exact MRN first), each with its
    number of sessions and the time of the latest, counted for these patients only."""
    patients = find(s, text, limit, newest_first=False)
    ids = [p.id for p in patients]
    counts = {pid: (n, last) for pid, n, last in s.execute(
        select(SessionRow.patient_id, func.count(), func.max(SessionRow.created_at))
        .where(SessionRow.patient_id.in_(ids)).group_by(SessionRow.patient_id))} if ids else {}
    return [(p, *_count(counts.get(p.id))) for p in patients]


def _count(found) -> tuple[int, datetime | None]:
    if found is None:
        return 0, None
    n, last = found
    return n, _utc(last)


def _matching(s: Session, words: list[str], limit: int, contains: bool) -> list[Row]:
    """Prefix matches through the words index, listed by folded name; topped up (unless
    an exact MRN was typed) with contains matches, which walk the compact key index and
    stop at the limit."""
    dates = [d for d in map(_as_date, words) if d is not None]
    texts = sorted({fold(w) for w in words if _as_date(w) is None}, key=len, reverse=True)
    born = [PatientRow.date_of_birth == d for d in dates]
    if not texts:
        return list(s.execute(_PATIENT.where(*born).order_by(PatientRow.name, PatientRow.id)
                              .limit(limit)))
    by_name = (PatientRow.name, PatientRow.id)
    listed = PatientRow.id.in_(_by_prefixes(s, texts, dates, limit))
    rows = list(s.execute(_PATIENT.where(listed).order_by(*by_name).limit(limit)))
    if contains and len(rows) < limit:  # topped up: both lists, by name
        contains_all = [PatientRow.search_key.contains(w, autoescape=True) for w in texts]
        inside = set(s.scalars(select(PatientRow.id).where(*born, *contains_all)
                               .order_by(PatientRow.search_key).limit(limit)))
        if inside - {r.id for r in rows}:
            both = inside | {r.id for r in rows}
            rows = list(s.execute(_PATIENT.where(PatientRow.id.in_(both)).order_by(*by_name)
                                  .limit(limit)))
    return rows


def _by_prefixes(s: Session, texts: list[str], dates: list[date], limit: int):
    """Patients with a word starting with each text: the longest text walks its range of
    the covering words index in name order; the others and the dates only narrow."""
    first, *others = texts
    narrow = [Term.patient_id.in_(select(Term.patient_id).where(_starts_with(s, Term.term, w)))
              for w in others]
    if dates:
        narrow.append(Term.patient_id.in_(select(PatientRow.id).where(
            *[PatientRow.date_of_birth == d for d in dates])))
    ranked = (select(Term.name_key, Term.patient_id).distinct()
              .where(_starts_with(s, Term.term, first), *narrow)
              .order_by(Term.name_key, Term.patient_id).limit(limit).subquery())
    return select(ranked.c.patient_id)


def _starts_with(s: Session, column, prefix: str):
    """column LIKE 'prefix%', in the form each backend answers from its index: SQLite's
    LIKE folds ASCII case and so skips a binary index, a range does not; PostgreSQL's
    text_pattern_ops index serves LIKE with a fixed prefix."""
    if s.get_bind().dialect.name == "sqlite":
        return and_(column >= prefix, column < prefix + _LAST_CHAR)
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(escaped + "%")


def _as_date(word: str) -> date | None:
    try:
        return date.fromisoformat(word)
    except ValueError:
        return None


def _utc(value):
    """max() over a UTCDateTime column comes back without the type's conversion."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value
