"""Where the app runs, for the audit trail: the computer's name and the OS user."""

from __future__ import annotations

import getpass
import socket


def workstation_name() -> str:
    return socket.gethostname()[:120]


def os_user() -> str:
    try:
        return getpass.getuser()[:120]
    except (KeyError, OSError):  # no user name (a container without /etc/passwd entry)
        return "unknown"
