"""Sign-off and addenda: a psychiatrist signs a completed session; a signed session is
locked, and corrections after signing are addenda (text, reason, author, time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.errors import ChairsideError, InvalidEntry, TransitionRefused
from monitor.records import InfusionSession
from monitor.timeline import Phase


class SessionLocked(ChairsideError):
    """A change to a signed session: refused, nothing stored."""


@dataclass(frozen=True)
class Addendum:
    id: int
    session_id: int
    text: str
    reason: str
    author: str
    at: datetime
    author_user: int | None = None
    # its signature (issue 10 §2): what it means, and the digest of what was signed
    meaning: str = ""
    digest: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.meaning and self.digest)
    # the structured item it corrects (after sign-off corrections are addenda), if any:
    # ("medication", id), ("assessment", id)... as in ``monitor.corrections``
    corrects_kind: str = ""
    corrects_id: int | None = None

    def summary(self) -> str:
        return f"Addendum by {self.author} ({self.reason}): {self.text}"

    @property
    def corrects(self) -> tuple[str, int] | None:
        if not self.corrects_kind or self.corrects_id is None:
            return None
        return (self.corrects_kind, self.corrects_id)


def check_writable(session: InfusionSession) -> None:
    """Refuses any change to a signed session, naming who signed it and the way out."""
    if session.signed_at is not None:
        raise SessionLocked(
            f"This session was signed by {session.signed_by} on "
            f"{session.signed_at:%Y-%m-%d %H:%M} UTC and is locked. Corrections are added "
            "as an addendum.")


def check_signable(session: InfusionSession, by: str) -> None:
    if not by.strip():
        raise InvalidEntry("Enter the name of the psychiatrist signing.", "by")
    check_writable(session)
    if session.phase is not Phase.DISCHARGED:
        raise TransitionRefused(
            f"Only a completed (discharged) session can be signed; this one is "
            f"{session.phase.value}.")


def check_addendum(session: InfusionSession, text: str, reason: str, author: str) -> None:
    if session.signed_at is None:
        raise TransitionRefused("Addenda are for signed sessions; until it is signed this "
                                "session takes notes, and an entry can be marked entered in "
                                "error or an artifact.")
    for value, field, what in ((text, "text", "the addendum"), (reason, "reason", "a reason"),
                               (author, "author", "the author")):
        if not value.strip():
            raise InvalidEntry(f"Enter {what}.", field)
