"""Who is signed in at this workstation now: one object, shared by the services (for
permissions) and storage (for the audit trail and each entry's ``entered_by``)."""

from __future__ import annotations

from monitor.accounts.actor import Actor
from monitor.accounts.permissions import Action, require


class CurrentUser:
    def __init__(self, actor: Actor | None = None) -> None:
        self.actor = actor

    def require(self, action: Action) -> Actor:
        """The signed-in user, if their roles allow ``action``; else PermissionRefused."""
        require(self.actor, action)
        assert self.actor is not None  # require refuses nobody
        return self.actor

    def sign_in(self, actor: Actor) -> None:
        self.actor = actor

    def sign_out(self) -> None:
        self.actor = None
