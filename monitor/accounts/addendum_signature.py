"""What an addendum's signature says on screen and in the PDF (issue 10 §2: an addendum
is signed the same way as the session): the manifestation, or that it was altered."""

from __future__ import annotations

from datetime import tzinfo

from monitor.accounts.content_digest import addendum_digest
from monitor.accounts.signature import Meaning, Signature, manifestation
from monitor.review import Addendum


def addendum_altered(addendum: Addendum) -> bool:
    """A signed addendum whose words, author or time no longer match its digest."""
    return addendum.signed and addendum_digest(addendum) != addendum.digest


def addendum_manifestation(addendum: Addendum, zone: tzinfo | None = None) -> str:
    """"Electronically signed by Dana Whitfield, MD — 2026-11-24 17:02 CET (UTC+01:00) —
    Authored"; "" for an addendum written before addenda were signed."""
    if not addendum.signed:
        return ""
    name, _, credentials = addendum.author.partition(", ")
    meaning = Meaning(addendum.meaning) if addendum.meaning in {m.value for m in Meaning} \
        else Meaning.AUTHORED
    signed = manifestation(Signature(addendum.session_id, addendum.author_user or 0, name,
                                     credentials, meaning, addendum.at, addendum.digest),
                           zone)
    if meaning.value != addendum.meaning:  # a meaning no Chairside wrote
        signed = signed.replace(meaning.value, addendum.meaning)
    if addendum_altered(addendum):
        return ("ALTERED AFTER SIGNING (this addendum no longer matches what was signed) — "
                + signed.removeprefix("Electronically "))
    return signed
