"""Runs ``monitor.audit.verify`` on a database (the CLI's ``audit verify``)."""

from __future__ import annotations

from db import audit_log
from db.repository import ClinicRepository
from db.signature_repo import SignatureRepository
from db.storage import Storage
from monitor.audit.verify import VerifyReport, verify
from monitor.clock import SystemClock
from monitor.service import SessionService


def verify_database(storage: Storage) -> VerifyReport:
    sessions = SessionService(ClinicRepository(storage), SystemClock())
    signatures = SignatureRepository(storage)
    with storage.transaction() as s:  # the trail read in batches, not all at once
        return verify(audit_log.entries(s), signatures.signed_session_ids(), sessions.load,
                      signatures.signature)
