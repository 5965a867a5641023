"""What a psychiatrist does after the fact: read a course, sign a completed session,
add an addendum to a signed one."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from monitor.accounts.content_digest import addendum_digest
from monitor.changes import Change, ChangeFeed
from monitor.clock import Clock
from monitor.concurrency import check_seen
from monitor.corrections import find_entry
from monitor.ports import ReviewStore, SessionStore
from monitor.records import Patient
from monitor.review import Addendum, check_addendum, check_signable
from monitor.session_record import SessionRecord
from monitor.text_limits import clean_text, search_text


class ReviewActions:
    """Reads whole courses; signatures and addenda are reported to ``changes``."""

    def __init__(self, sessions: SessionStore, review: ReviewStore, clock: Clock,
                 changes: ChangeFeed) -> None:
        self._sessions = sessions
        self._review = review
        self.clock = clock
        self.changes = changes


    def course(self, patient_id: int) -> list[SessionRecord]:
        """Every session of a patient, oldest first, each complete (a few queries)."""
        return self._review.course_records(patient_id)

    def patients_overview(self, text: str = "", limit: int = 200
                          ) -> list[tuple[Patient, int, datetime | None]]:
        """The review's patient list: matching patients, their session count and last."""
        return self._review.patients_overview(search_text(text), limit)

    def sign(self, session_id: int, by: str, seen_version: int | None = None) -> None:
        """Signs a discharged session; from now on it changes only by addenda."""
        by = clean_text("signed_by", by)
        session = self._sessions.get_session(session_id)
        check_seen(self._sessions, session, seen_version)
        check_signable(session, by)
        now = self.clock.now()
        # written only if nobody signed or changed it since it was read: two psychiatrists
        # signing at once, one is told the other signed
        self._review.sign_session(session_id, by.strip(), now,
                                  expected_version=session.version)
        signed = replace(session, signed_at=now, signed_by=by.strip(),
                         version=session.version + 1)
        self.changes.report(Change(session_id, session=signed))

    def add_addendum(self, session_id: int, text: str, reason: str,
                     author: str, author_user: int | None = None, meaning: str = "",
                     corrects: tuple[str, int] | None = None) -> Addendum:
        """Stores an addendum; with a ``meaning`` it is signed: stored with the digest of
        what it says (``monitor.accounts.signing`` checks the signer first). With
        ``corrects`` (kind, id) it names the structured item it corrects (a medication, a
        score), shown beside that item."""
        text, reason, author = (clean_text("addendum_text", text),
                                clean_text("addendum_reason", reason),
                                clean_text("addendum_author", author))
        session = self._sessions.get_session(session_id)
        check_addendum(session, text, reason, author)
        if corrects is not None:  # refused unless it is one of this session's entries
            find_entry(self._sessions.record(session_id), *corrects)
        unsigned = Addendum(0, session_id, text.strip(), reason.strip(), author.strip(),
                            self.clock.now(), author_user, meaning, "", *(corrects or ("", None)))
        digest = addendum_digest(unsigned) if meaning else ""
        addendum = self._review.add_addendum(session_id, unsigned.text, unsigned.reason,
                                             unsigned.author, unsigned.at, author_user,
                                             meaning, digest, corrects)
        self.changes.report(Change(session_id, addendum))
        return addendum
