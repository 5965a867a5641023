"""Checking the chain: every entry's hash is that of its content and the previous hash,
and the sequence has no gap. Any row edited, deleted or inserted in the database directly
breaks it at that row."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from monitor.audit.entry import GENESIS, AuditEntry


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.reason}"


def first_break(entries: Iterable[AuditEntry], start: tuple[int, str] | None = None
                ) -> ChainBreak | None:
    """The first broken entry in sequence order, or None when the chain is whole.

    Deleting only the newest entries leaves a shorter chain that is still whole: that is
    seen only against a copy kept elsewhere (a backup), or when a signature's entry goes.
    """
    prev_hash, expected_seq = GENESIS, 1
    if start is not None:  # checking only a tail: it starts after this (seq, hash)
        expected_seq, prev_hash = start[0] + 1, start[1]
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainBreak(expected_seq, f"missing (the next entry is {entry.seq})")
        if entry.prev_hash != prev_hash:
            return ChainBreak(entry.seq, "does not follow the entry before it (an entry "
                                         "before it was changed or removed)")
        if entry.hash != entry.expected_hash():
            return ChainBreak(entry.seq, "its content was changed after it was written")
        prev_hash, expected_seq = entry.hash, expected_seq + 1
    return None
