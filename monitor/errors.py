"""Known errors: things a user can cause or meet, each with a plain message.

Anything that is not a ``ChairsideError`` is a bug and goes to the crash dialog.
"""


class ChairsideError(Exception):
    """An expected problem; ``str(error)`` is shown to the user as it is."""


class InvalidEntry(ChairsideError):
    """A value that cannot be stored (a typo-level value, a missing field).

    Attributes:
        field: the name of the field at fault, or ``""`` for the whole entry.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class TransitionRefused(ChairsideError):
    """A phase change that makes no sense now (resume when not paused...)."""


class StorageUnavailable(ChairsideError):
    """The database could not take the entry (locked, full, unreachable).

    Nothing was stored; the entry is still on screen to try again.
    """


class NotFound(ChairsideError):
    """A patient or session that does not exist."""


class ChangedElsewhere(TransitionRefused):
    """The session changed (on another workstation) after this one read it; nothing was
    stored. The screen reloads the session and shows this message.

    Attributes:
        session_id: the session to reload.
    """

    def __init__(self, message: str, session_id: int) -> None:
        super().__init__(message)
        self.session_id = session_id


class ReadOnlyRecords(StorageUnavailable):
    """The records are open read-only (read-only media): they can be read and exported,
    but no entry can be stored."""


class ClinicFileProblem(ChairsideError):
    """The clinic's database cannot be opened as it is (damaged, not a database, written
    by a newer Chairside...). The message names the file and what to do."""


class NoClinicFile(ClinicFileProblem):
    """There is no clinic at the path given: creating one is an explicit step."""
