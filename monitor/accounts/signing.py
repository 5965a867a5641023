"""Signing a session for real: a psychiatrist, the password again, a stated meaning, and
the digest of the content signed; and, on every load and export, whether the content still
matches what was signed."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Literal, cast
from typing import Protocol as Interface

from monitor.accounts.account_service import AccountService
from monitor.accounts.actor import Actor
from monitor.accounts.content_digest import changed_parts, content_digest, part_digests
from monitor.accounts.permissions import Action, require
from monitor.accounts.signature import Meaning, Signature, SignatureStatus
from monitor.clock import Clock
from monitor.concurrency import changed_elsewhere
from monitor.review import Addendum, check_signable
from monitor.session_record import SessionRecord


class SignatureStore(Interface):
    def sign(self, actor: Actor, session_id: int, meaning: Meaning, digest: str,
             parts: dict[str, str], at: datetime, expected_version: int) -> Signature: ...
    def signature(self, session_id: int) -> tuple[Signature, dict[str, str]] | None: ...
    def signed_session_ids(self) -> list[int]: ...
    def recorded_signing(self, session_id: int) -> tuple[int, dict] | None: ...


class Sessions(Interface):
    def load(self, session_id: int) -> SessionRecord: ...


class Addenda(Interface):
    def add_addendum(self, session_id: int, text: str, reason: str, author: str,
                     author_user: int | None = None, meaning: str = "",
                     corrects: tuple[str, int] | None = None) -> Addendum: ...


class SigningService:
    def __init__(self, sessions: Sessions, store: SignatureStore, accounts: AccountService,
                 clock: Clock, addenda: Addenda | None = None) -> None:
        self.sessions = sessions
        # where signed addenda are written: the plain service (the guard keeps unsigned
        # ones out of the window); by default ``sessions``
        self.addenda = addenda if addenda is not None else cast(Addenda, sessions)
        self.store = store
        self.accounts = accounts
        self.clock = clock

    def sign(self, actor: Actor, session_id: int, password: str,
             meaning: Meaning = Meaning.REVIEWED,
             seen_version: int | None = None) -> Signature:
        """Refused, with nothing stored, unless a psychiatrist re-enters the password for a
        completed, unsigned session still as the screen showed it."""
        require(actor, Action.SIGN)
        record = self.sessions.load(session_id)
        session = record.session
        if seen_version is not None and seen_version != session.version:
            raise changed_elsewhere(session, record.events[-1] if record.events else None)
        check_signable(session, actor.printed_name)
        self.accounts.confirm_password(actor, password)
        return self.store.sign(actor, session_id, Meaning(meaning), content_digest(record),
                               part_digests(record), self.clock.now(), session.version)

    def add_addendum(self, actor: Actor, session_id: int, text: str, reason: str,
                     password: str, meaning: Meaning = Meaning.AUTHORED,
                     corrects: tuple[str, int] | None = None) -> Addendum:
        """An addendum signed as the session is: refused, with nothing stored, unless a
        psychiatrist re-enters the password; stored with its meaning and digest. With
        ``corrects`` (kind, id) it names the structured item it corrects (issue 9 §4)."""
        require(actor, Action.ADD_ADDENDUM)
        self.accounts.confirm_password(actor, password)
        return self.addenda.add_addendum(session_id, text, reason, actor.signature_name,
                                         actor.user_id, Meaning(meaning).value, corrects)

    def status(self, record: SessionRecord) -> SignatureStatus:
        sid = record.session.id
        return signature_status(record, self.store.signature(sid),
                                self.store.recorded_signing(sid))


# what the signature's own fields are checked against (a row rewritten by SQL)
SIGNATURE_ITSELF = "the signature itself (its name, meaning, time or digest)"


def signature_as_recorded(signature: Signature, user_id: int, after: dict | None) -> bool:
    """Whether a stored signature is the one the audit trail's "sign" entry recorded
    (``db.signature_repo``: the signer's user, name line, meaning, time and digest)."""
    after = after or {}
    return (user_id == signature.user_id and after.get("digest") == signature.digest
            and after.get("signed_by") == signature.name_line
            and after.get("meaning") == signature.meaning.value
            and after.get("signed_at") == signature.at.astimezone(timezone.utc).isoformat())


def signature_status(record: SessionRecord,
                     stored: tuple[Signature, dict[str, str]] | None,
                     recorded: tuple[int, dict] | None | Literal["unknown"] = "unknown"
                     ) -> SignatureStatus:
    """Compares the record as it is now with what was signed; with ``recorded`` (the
    signer's user id and the "sign" audit entry's fields, None when the trail has no such
    entry) the signature row itself too."""
    session = record.session
    if stored is None:
        return SignatureStatus(legacy_signer=session.signed_by if session.signed else "")
    signature, parts = stored
    if not session.signed:
        return SignatureStatus(signature, (), removed=True)
    if session.signed_by != signature.name_line or (recorded != "unknown" and (
            recorded is None or not signature_as_recorded(signature, *recorded))):
        return SignatureStatus(signature, (SIGNATURE_ITSELF,))
    if content_digest(record, parts) != signature.digest:
        return SignatureStatus(signature, tuple(changed_parts(parts, record)))
    return SignatureStatus(signature)
