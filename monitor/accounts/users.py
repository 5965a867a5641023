"""A staff member's account, as storage hands it to the sign-in and admin screens (the
hashes never leave ``db/``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from monitor.accounts.actor import Actor
from monitor.accounts.lockout import SignInState
from monitor.accounts.roles import Role
from monitor.errors import InvalidEntry
from monitor.text_limits import clean_fields

USERNAME_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{1,39}$")


@dataclass(frozen=True)
class NewUser:
    username: str
    printed_name: str
    credentials: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class User(NewUser):
    id: int = 0
    active: bool = True
    sign_in: SignInState = SignInState()
    created_at: datetime | None = None

    def as_actor(self, workstation: str = "", os_user: str = "") -> Actor:
        return Actor(self.id, self.username, self.printed_name, self.credentials,
                     self.roles, workstation, os_user)


def check_new_user(user: NewUser) -> NewUser:
    user = clean_fields(user, username="username", printed_name="printed_name",
                        credentials="credentials")
    username = user.username.strip().lower()
    if not USERNAME_PATTERN.match(username):
        raise InvalidEntry("The user name is 2–40 lower-case letters, digits, dots, dashes "
                           "or underscores, starting with a letter.", "username")
    printed = " ".join(user.printed_name.split())
    if len(printed) < 2:
        raise InvalidEntry("Enter the name as it should appear on a signature.",
                           "printed_name")
    if not user.roles:
        raise InvalidEntry("Give the user at least one role.", "roles")
    return NewUser(username, printed, " ".join(user.credentials.split()),
                   frozenset(user.roles))
