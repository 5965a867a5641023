"""Storing a signature: the session row locked, the signature row written and the audit
entry appended, in one transaction, or nothing at all."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult

from db import audit_log
from db.models import AuditRow, SessionRow, SignatureRow
from db.races import lost_race
from db.storage import Storage
from monitor.accounts.actor import Actor
from monitor.accounts.signature import Meaning, Signature
from monitor.audit.entry import AuditEvent


class SignatureRepository:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def sign(self, actor: Actor, session_id: int, meaning: Meaning, digest: str,
             parts: dict[str, str], at: datetime, expected_version: int) -> Signature:
        """Signs, only if still unsigned and at ``expected_version`` (else ChangedElsewhere
        says who signed or changed it)."""
        row = SignatureRow(session_id=session_id, user_id=actor.user_id,
                           printed_name=actor.printed_name, credentials=actor.credentials,
                           meaning=meaning.value, at=at, digest=digest,
                           parts_json=json.dumps(parts, sort_keys=True))
        with self.storage.transaction() as s:
            done = s.execute(update(SessionRow)
                             .where(SessionRow.id == session_id,
                                    SessionRow.signed_at.is_(None),
                                    SessionRow.version == expected_version)
                             .values(signed_at=at, signed_by=actor.signature_name,
                                     version=SessionRow.version + 1)
                             .execution_options(synchronize_session=False))
            if cast("CursorResult[Any]", done).rowcount != 1:
                raise lost_race(s, session_id)
            s.add(row)
            s.flush()
            audit_log.append(s, actor, at, AuditEvent(
                "sign", "infusion_session", str(session_id),
                before={"signed_at": None},
                after={"signed_at": at, "signed_by": actor.signature_name,
                       "meaning": meaning.value, "digest": digest,
                       "signature_id": row.id}))
            return _signature(row)

    def signature(self, session_id: int) -> tuple[Signature, dict[str, str]] | None:
        """The session's signature and its parts' digests, or None."""
        with self.storage.transaction() as s:
            row = s.scalar(select(SignatureRow).where(SignatureRow.session_id == session_id))
            return None if row is None else (_signature(row), json.loads(row.parts_json))

    def recorded_signing(self, session_id: int) -> tuple[int, dict] | None:
        """The signer's user id and what the newest "sign" audit entry of the session
        recorded, or None when the trail has none (removed, or signed before 0007)."""
        with self.storage.transaction() as s:
            row = s.scalar(select(AuditRow).where(
                AuditRow.table_name == "infusion_session", AuditRow.row_id == str(session_id),
                AuditRow.action == "sign").order_by(AuditRow.seq.desc()).limit(1))
            if row is None:
                return None
            entry = audit_log.to_entry(row)
            return entry.user_id, entry.event.after or {}

    def signed_session_ids(self) -> list[int]:
        """Every session that the session table says is signed, or that has a signature."""
        with self.storage.transaction() as s:
            flagged = s.scalars(select(SessionRow.id).where(SessionRow.signed_at.is_not(None)))
            signed = s.scalars(select(SignatureRow.session_id))
            return sorted(set(flagged) | set(signed))


def _signature(r: SignatureRow) -> Signature:
    return Signature(r.session_id, r.user_id, r.printed_name, r.credentials,
                     Meaning(r.meaning), r.at, r.digest)
