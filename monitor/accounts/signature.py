"""An electronic signature that means something (21 CFR 11.50): who (printed name and
credentials), when (date and time with zone), what it means, and the digest of what was
signed, so that a later change is seen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import Enum


class Meaning(Enum):
    REVIEWED = "Reviewed and approved"
    AUTHORED = "Authored"


@dataclass(frozen=True)
class Signature:
    session_id: int
    user_id: int
    printed_name: str
    credentials: str
    meaning: Meaning
    at: datetime  # aware, UTC
    digest: str  # SHA-256 hex of the session's content when signed

    @property
    def name_line(self) -> str:
        return f"{self.printed_name}, {self.credentials}" if self.credentials \
            else self.printed_name


def manifestation(signature: Signature, zone: tzinfo | None = None) -> str:
    """"Electronically signed by Dana Whitfield, MD — 2026-11-24 15:02 CET (UTC+01:00) —
    Reviewed and approved": what the screen and every PDF page carrying it show."""
    local = signature.at.astimezone(zone) if zone else signature.at.astimezone()
    offset = local.strftime("%z")
    when = f"{local:%Y-%m-%d %H:%M} {local.tzname()} (UTC{offset[:3]}:{offset[3:]})"
    return (f"Electronically signed by {signature.name_line} — {when} — "
            f"{signature.meaning.value}")


ALTERED_WARNING = ("ALTERED AFTER SIGNING: this record no longer matches what was signed; "
                   "do not rely on it. Report it to your administrator.")
UNSIGNED_MARK = "UNSIGNED / DRAFT"


@dataclass(frozen=True)
class SignatureStatus:
    """What a screen or a PDF says about a session's signature.

    Attributes:
        signature: the stored signature, or None.
        altered: the parts (in words) changed since signing; None when intact or unsigned;
            empty when altered in a way no part names (the signature itself removed).
        legacy_signer: who signed, for a session signed before signatures carried a
            digest (its content cannot be checked).
    """

    signature: Signature | None = None
    altered: tuple[str, ...] | None = None
    legacy_signer: str = ""
    removed: bool = False  # a signature whose session was unsigned behind the app's back

    @property
    def is_altered(self) -> bool:
        return self.altered is not None

    @property
    def is_draft(self) -> bool:
        return self.signature is None and not self.legacy_signer

    def header(self, zone: tzinfo | None = None) -> str:
        """One line for every page header and the top of the screen."""
        if self.altered is not None and self.signature is not None:
            what = "signature removed" if self.removed else \
                f"changed: {', '.join(self.altered) or 'unknown'}"
            signed = manifestation(self.signature, zone).removeprefix("Electronically ")
            return f"ALTERED AFTER SIGNING ({what}) — {signed}"
        if self.signature is not None:
            return manifestation(self.signature, zone)
        if self.legacy_signer:
            return (f"Signed by {self.legacy_signer} (before signatures carried a digest: "
                    "not verifiable)")
        return UNSIGNED_MARK

    def what_changed(self) -> str:
        if self.removed:
            return "The signature was removed from the session."
        if self.altered:
            return f"Changed: {', '.join(self.altered)}."
        return ""
