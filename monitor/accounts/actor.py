"""The signed-in user, as every service and every audit entry sees them."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.accounts.roles import Role


@dataclass(frozen=True)
class Actor:
    """Who is acting, and from where.

    Attributes:
        user_id: the ``app_user`` row; 0 for the system itself (migrations, first start).
        username: the sign-in name.
        printed_name: the name a signature shows ("Dana Whitfield").
        credentials: what follows it ("MD", "RN"); may be empty.
        roles: what the user may do (``monitor.accounts.permissions``).
        workstation: the computer's name, for the audit trail.
        os_user: the operating-system account the app runs as, for the audit trail.
    """

    user_id: int
    username: str
    printed_name: str
    credentials: str
    roles: frozenset[Role]
    workstation: str = ""
    os_user: str = ""

    def holds(self, role: Role) -> bool:
        return role in self.roles

    @property
    def signature_name(self) -> str:
        """"Dana Whitfield, MD": the printed name and credentials, as on a chart."""
        return f"{self.printed_name}, {self.credentials}" if self.credentials \
            else self.printed_name


# The app acting on its own (schema upgrade, first start): audited as such, never signs.
SYSTEM = Actor(0, "system", "Chairside (system)", "", frozenset())
