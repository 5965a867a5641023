"""What a psychiatrist does after the fact (part of ``SessionService``): read a course,
sign a completed session, add an addendum to a signed one."""

from __future__ import annotations

from monitor.clock import Clock
from monitor.concurrency import check_seen
from monitor.ports import Repository
from monitor.review import Addendum, check_addendum, check_signable
from monitor.session_record import SessionRecord
from monitor.text_limits import clean_text


class ReviewActions:
    """Mixed into ``SessionService``: uses its ``repo`` and ``clock``."""

    repo: Repository
    clock: Clock

    def course(self, patient_id: int) -> list[SessionRecord]:
        """Every session of a patient, oldest first, each complete (a few queries)."""
        return self.repo.course_records(patient_id)

    def sign(self, session_id: int, by: str, seen_version: int | None = None) -> None:
        """Signs a discharged session; from now on it changes only by addenda."""
        by = clean_text("signed_by", by)
        session = self.repo.get_session(session_id)
        check_seen(self.repo, session, seen_version)
        check_signable(session, by)
        # written only if nobody signed or changed it since it was read: two psychiatrists
        # signing at once, one is told the other signed
        self.repo.sign_session(session_id, by.strip(), self.clock.now(),
                               expected_version=session.version)

    def add_addendum(self, session_id: int, text: str, reason: str,
                     author: str) -> Addendum:
        text, reason, author = (clean_text("addendum_text", text),
                                clean_text("addendum_reason", reason),
                                clean_text("addendum_author", author))
        session = self.repo.get_session(session_id)
        check_addendum(session, text, reason, author)
        return self.repo.add_addendum(session_id, text.strip(), reason.strip(),
                                      author.strip(), self.clock.now())
