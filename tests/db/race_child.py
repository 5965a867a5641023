"""A second workstation for tests/db/test_races.py: reads "ACTION SESSION_ID AT" lines,
waits until wall-clock time AT (so two children act within a millisecond), does it through
the real service, and prints "won", "lost <message>" or "error <message>"."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))

from db.repository import ClinicRepository  # noqa: E402
from db.storage import Storage  # noqa: E402
from monitor.clock import SystemClock  # noqa: E402
from monitor.errors import ChairsideError, ChangedElsewhere  # noqa: E402
from monitor.service import SessionService  # noqa: E402


def act(service: SessionService, action: str, sid: int, name: str, seen: int) -> None:
    """As the screen does it: with the session's version the screen showed."""
    if action == "pause":
        service.pause(sid, f"paused by {name}", seen_version=seen)
    elif action == "resume":
        service.resume(sid, seen_version=seen)
    elif action == "end":
        service.end_infusion(sid, seen_version=seen)
    elif action == "sign":
        service.sign(sid, name, seen_version=seen)
    elif action == "discharge":
        from monitor.discharge import all_clear

        service.discharge(sid, all_clear(), seen_version=seen)
    elif action == "note":
        service.add_note(sid, f"note by {name}")
    else:
        raise SystemExit(f"unknown action {action}")


def main() -> None:
    url, name = sys.argv[1], sys.argv[2]
    service = SessionService(ClinicRepository(Storage(url)), SystemClock())
    print("ready", flush=True)
    for line in sys.stdin:
        action, sid, at = line.split()
        # what this workstation's screen shows (and a warm connection: the race is the
        # change, not the connect)
        seen = service.get_session(int(sid)).version
        while time.time() < float(at):
            pass
        try:
            act(service, action, int(sid), name, seen)
            print("won", flush=True)
        except ChangedElsewhere as error:
            print(f"lost {error}", flush=True)
        except ChairsideError as error:
            print(f"error {type(error).__name__}: {error}", flush=True)


if __name__ == "__main__":
    main()
