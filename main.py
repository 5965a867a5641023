"""Chairside: parse arguments → open storage → upgrade schema → build the window.

With a subcommand (``export-pdf``, ``export-csv``) it writes a file instead and shows no
window.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="chairside",
        usage="%(prog)s [-h] [--database URL] [--demo] [--settings FILE] [COMMAND ...]",
        description="Time and chart IV ketamine infusion sessions at the chair.",
        epilog="The default database is a SQLite file in your user data folder. "
        "CHAIRSIDE_DATABASE_URL sets another (e.g. postgresql+psycopg://host/db).",
    )
    parser.add_argument("--database", metavar="URL",
                        help="SQLAlchemy database URL (default: $CHAIRSIDE_DATABASE_URL, "
                        "else SQLite in the user data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="seed a small demo clinic (a few patients, a past course, one "
                        "session infusing now); without --database, on a throw-away "
                        "database")
    parser.add_argument("--settings", metavar="FILE",
                        help="keep preferences in this INI file instead of the user's "
                        "settings")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND",
        title="commands (without one, the app opens)")
    pdf = commands.add_parser(
        "export-pdf", help="write a session's summary, or a patient's course, as a PDF",
        description="Write an A4 PDF: one session's summary (--session), or a patient's "
        "course with its trends and every session's summary (--patient). No window opens.")
    which = pdf.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", type=int, metavar="ID", help="the session's number")
    which.add_argument("--patient", metavar="MRN", help="the patient's MRN (whole course)")
    pdf.add_argument("--clinic", metavar="NAME", default="",
                     help="clinic name on every page (default: the clinic's setting)")
    csv = commands.add_parser(
        "export-csv", help="write a session's vitals and events as CSV",
        description="Write one session as CSV (UTF-8): vitals, events, side effects, "
        "scales, medications and alarms in time order, one row each.")
    csv.add_argument("--session", type=int, metavar="ID", required=True,
                     help="the session's number")
    audit = commands.add_parser(
        "audit", help="check the audit trail and every signature",
        description="verify: check that the audit trail's hash chain is whole and that "
        "every signed session still matches what was signed. Exit 0 when intact, 3 when "
        "something was changed behind the app's back (each finding named), 1 when the "
        "database cannot be opened.")
    audit.add_argument("audit_command", choices=["verify"], metavar="verify")
    for command in (pdf, csv):
        command.add_argument("-o", "--output", metavar="FILE", required=True,
                             help="the file to write (replaced if it exists)")
    for command in (pdf, csv, audit):
        # also accepted after the command; SUPPRESS keeps a --database given before it
        command.add_argument("--database", metavar="URL", default=argparse.SUPPRESS,
                             help="SQLAlchemy database URL (as for the app)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scratch = None
    url = args.database
    if args.demo and not url:
        scratch = tempfile.mkdtemp(prefix="chairside-demo-")
        url = f"sqlite:///{os.path.join(scratch, 'demo.sqlite')}"
    try:
        if args.command == "audit":
            return audit_verify(url)
        if args.command:
            return export(args, url)
        return run(url, args.demo, args.settings, throwaway=scratch is not None)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def run(url: str | None, demo: bool, settings: str | None,
        throwaway: bool = False) -> int:
    import gc
    from pathlib import Path
    from typing import cast

    # Start-up allocates a great many long-lived objects (Qt wrappers, SQLAlchemy's
    # mappers); full collections of them cost ~70 ms at start and ~50 ms pauses later.
    # Collect nothing until the window is up, then freeze what exists (bench/ measures it).
    gc.disable()

    from PySide6.QtWidgets import QApplication, QMessageBox

    from db.repository import ClinicRepository
    from db.signature_repo import SignatureRepository
    from db.storage import Storage, default_url
    from monitor.accounts.guard import GuardedService
    from monitor.accounts.signing import SigningService
    from monitor.clock import SystemClock
    from monitor.errors import ChairsideError
    from monitor.service import SessionService
    from ui.accounts.start import attach, sign_in_at_start
    from ui.app import crash
    from ui.app.main_window import MainWindow
    from ui.app.preferences import Preferences

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Chairside")
    app.setOrganizationName("Chairside")
    crash.install()
    storage = Storage(url or default_url())
    try:
        storage.upgrade()
    except ChairsideError as error:
        QMessageBox.critical(None, "Chairside", f"The records cannot be opened.\n\n{error}")
        return 1
    clock = SystemClock()
    repo = ClinicRepository(storage)
    accounts, user = open_accounts(storage, clock)  # every write audited from here on
    if demo:
        seed_demo_once(SessionService(repo, clock), repo)  # audited as the system
    actor = sign_in_at_start(accounts, throwaway_demo=throwaway)
    if actor is None:
        storage.close()
        return 0
    user.sign_in(actor)
    # every action checked against the signed-in user's roles (issue 10)
    # (the guard has the service's methods: typed as one for the window)
    service = cast(SessionService, GuardedService(SessionService(repo, clock), user))
    window = MainWindow(repo, service, Preferences(Path(settings) if settings else None),
                        storage.describe())
    window.database_files = storage.files()
    signing = SigningService(service, SignatureRepository(storage), accounts, clock)
    attach(window, signing, accounts, user, clock)  # the lock: a child of the window
    window.start()
    window.show()
    gc.freeze()
    gc.enable()
    code = app.exec()
    storage.close()
    return code


def open_accounts(storage, clock):
    """Accounts on ``storage``, with every write through it audited as the signed-in user
    (``CurrentUser``; the system until someone signs in)."""
    from db.accounts_repo import AccountsRepository
    from db.audit_hook import install
    from db.workstation import os_user, workstation_name
    from monitor.accounts.account_service import AccountService
    from monitor.accounts.current_user import CurrentUser

    user = CurrentUser()
    install(storage, user, clock)
    return AccountService(AccountsRepository(storage), clock, workstation_name(),
                          os_user()), user


def export(args: argparse.Namespace, url: str | None) -> int:
    """Runs an export subcommand: 0 when written, 2 for an unknown session or MRN, 1 when
    the database or the file cannot be opened. Errors are one line on stderr."""
    # a file is all we make: no window, with or without a display
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy.exc import ArgumentError

    from db.repository import ClinicRepository
    from db.storage import Storage, default_url
    from export import documents as exports
    from monitor.clock import SystemClock
    from monitor.errors import ChairsideError, NotFound
    from monitor.service import SessionService

    storage = None
    try:
        storage = Storage(url or default_url())
        storage.upgrade()
        repo = ClinicRepository(storage)
        service = SessionService(repo, SystemClock())
        if args.demo:
            seed_demo_once(service, repo)
        if args.command == "export-csv":
            rows = exports.export_session_csv(service, args.session, args.output)
            print(f"Wrote {args.output} ({rows} rows)")
        elif args.patient is not None:
            patient = patient_by_mrn(repo, args.patient)
            pages = exports.export_course_pdf(service, patient.id, args.output,
                                              clinic_name=args.clinic)
            print(f"Wrote {args.output} ({pages} pages)")
        else:
            pages = exports.export_session_pdf(service, args.session, args.output,
                                               clinic_name=args.clinic)
            print(f"Wrote {args.output} ({pages} pages)")
        return 0
    except NotFound as error:
        print(f"chairside: {error}", file=sys.stderr)
        return 2
    except (ChairsideError, OSError, ArgumentError) as error:
        print(f"chairside: {error}", file=sys.stderr)
        return 1
    finally:
        if storage is not None:
            storage.close()


def audit_verify(url: str | None) -> int:
    """``chairside audit verify``: 0 intact, 3 tampered (findings on stdout), 1 when the
    database cannot be opened."""
    from sqlalchemy.exc import ArgumentError

    from db.storage import Storage, default_url
    from db.verify import verify_database
    from monitor.errors import ChairsideError

    storage = None
    try:
        storage = Storage(url or default_url())
        storage.upgrade()
        report = verify_database(storage)
    except (ChairsideError, OSError, ArgumentError) as error:
        print(f"chairside: {error}", file=sys.stderr)
        return 1
    finally:
        if storage is not None:
            storage.close()
    print("\n".join(report.lines()))
    return 0 if report.intact else 3


def patient_by_mrn(repo, mrn: str):
    from monitor.errors import NotFound

    wanted = mrn.strip().casefold()
    # the search puts an exact MRN (unique, looked up by index) first
    found = repo.find_patients(mrn.strip(), limit=1)
    if not found or found[0].mrn.casefold() != wanted:
        raise NotFound(f"No patient with MRN {mrn.strip()!r}.")
    return found[0]


def seed_demo_once(service, repo) -> None:
    from monitor.demo import PATIENTS, seed_demo

    if repo.find_patients(PATIENTS[0].mrn):
        print("Demo clinic already present; not seeding again.", file=sys.stderr)
        return
    seed_demo(service, repo, service.clock.now())


if __name__ == "__main__":
    sys.exit(main())
