"""The three roles of a clinic's staff; a user may hold several (a psychiatrist who is
also the clinic's admin)."""

from __future__ import annotations

from enum import Enum


class Role(Enum):
    NURSE = "nurse"
    PSYCHIATRIST = "psychiatrist"  # the prescriber
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"nurse": "Nurse", "psychiatrist": "Psychiatrist",
                "admin": "Administrator"}[self.value]


def roles_from_text(text: str) -> frozenset[Role]:
    """``"nurse,admin"`` (as stored) → the roles; unknown words are a bug, not data."""
    return frozenset(Role(word) for word in text.split(",") if word.strip())


def roles_to_text(roles: frozenset[Role] | set[Role]) -> str:
    return ",".join(sorted(r.value for r in roles))
