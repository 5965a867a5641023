"""Chairside: parse arguments → open storage → upgrade schema → build the window.

With a subcommand (``export-pdf``, ``export-csv``, ``backup``, ``restore``, ``check``) it
does that instead and shows no window; its errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile


class OneLineParser(argparse.ArgumentParser):
    """A mistyped command line gets one line on stderr (exit 2), not the usage block."""

    def error(self, message: str):
        self.exit(2, f"chairside: error: {message} (see chairside --help)\n")


def session_number(text: str) -> int:
    """A session's number as typed; a number no session can have is refused here."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a session number") from None
    if not 1 <= number <= 2**63 - 1:
        raise argparse.ArgumentTypeError(f"there is no session number {text}")
    return number


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = OneLineParser(
        prog="chairside",
        usage="%(prog)s [-h] [--database URL] [--create] [--read-only] [--demo] "
        "[--demo-monitor] "
        "[--settings FILE] [COMMAND ...]",
        description="Time and chart IV ketamine infusion sessions at the chair.",
        epilog="The default database is a SQLite file in your user data folder. "
        "CHAIRSIDE_DATABASE_URL sets another (e.g. postgresql+psycopg://host/db).",
    )
    parser.add_argument("--database", metavar="URL",
                        help="SQLAlchemy database URL (default: $CHAIRSIDE_DATABASE_URL, "
                        "else SQLite in the user data folder)")
    parser.add_argument("--create", action="store_true",
                        help="start a new, empty clinic at --database if there is no file "
                        "there yet (otherwise a mistyped path is refused)")
    parser.add_argument("--read-only", action="store_true",
                        help="open the records read-only: read and export, no entries "
                        "(automatic on read-only disks)")
    parser.add_argument("--demo", action="store_true",
                        help="seed a small demo clinic (a few patients, a past course, one "
                        "session infusing now); without --database, on a throw-away "
                        "database")
    parser.add_argument("--demo-monitor", action="store_true",
                        help="with --demo on the throw-away database: the monitor feed on "
                        "(loopback, a free port) and a simulated monitor playing chair 1")
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
    which.add_argument("--session", type=session_number, metavar="ID",
                       help="the session's number")
    which.add_argument("--patient", metavar="MRN", help="the patient's MRN (whole course)")
    pdf.add_argument("--clinic", metavar="NAME", default="",
                     help="clinic name on every page (default: the clinic's setting)")
    csv = commands.add_parser(
        "export-csv", help="write a session's vitals and events as CSV",
        description="Write one session as CSV (UTF-8): vitals, events, side effects, "
        "scales, medications and alarms in time order, one row each.")
    csv.add_argument("--session", type=session_number, metavar="ID", required=True,
                     help="the session's number")
    for command in (pdf, csv):
        command.add_argument("-o", "--output", metavar="FILE", required=True,
                             help="the file to write (replaced if it exists)")
    audit = commands.add_parser(
        "audit", help="check the audit trail and every signature",
        description="verify: check that the audit trail's hash chain is whole and that "
        "every signed session still matches what was signed. Exit 0 when intact, 3 when "
        "something was changed behind the app's back (each finding named), 1 when the "
        "database cannot be opened.")
    audit.add_argument("audit_command", choices=["verify"], metavar="verify")
    credential = commands.add_parser(
        "credential", help="issue or revoke a command-line credential (admins)",
        description="issue: write a credential file that lets scripts run Chairside's "
        "commands as --user (keep it like a password; only its hash is stored). revoke: "
        "make credential --id unusable. Run by an administrator (asked at the terminal, "
        "or --credential).")
    credential.add_argument("credential_command", choices=["issue", "revoke"],
                            metavar="issue|revoke")
    credential.add_argument("--user", metavar="NAME", help="issue: the user it acts as")
    credential.add_argument("--output", "-o", metavar="FILE",
                            help="issue: the file to write (readable by you only)")
    credential.add_argument("--id", type=int, metavar="N", help="revoke: the credential")
    credential.add_argument("--days", type=int, metavar="N", default=None,
                            help="issue: how long it works (default 90 days, at most 366)")
    parser.add_argument("--credential", metavar="FILE",
                        help="act as the user of this credential file (else "
                        "$CHAIRSIDE_CREDENTIAL; at a terminal, you are asked)")
    every: list[argparse.ArgumentParser] = [pdf, csv, audit, credential,
                                            *add_maintenance_commands(commands),
                                            *add_feed_commands(commands)]
    for sub in every:
        # also accepted after the command; SUPPRESS keeps a --database given before it
        sub.add_argument("--database", metavar="URL", default=argparse.SUPPRESS,
                             help="SQLAlchemy database URL (as for the app)")
        sub.add_argument("--credential", metavar="FILE", default=argparse.SUPPRESS,
                         help="the credential file to act as (as for the app)")
    return parser.parse_args(argv)


def add_maintenance_commands(commands) -> list[argparse.ArgumentParser]:
    backup = commands.add_parser(
        "backup", help="write a checked backup of a SQLite clinic now",
        description="Copy the clinic with SQLite's online backup (safe while Chairside "
        "runs), check the copy, and keep the newest ones. On PostgreSQL the server's "
        "tooling (pg_dump) backs up.")
    backup.add_argument("--to", metavar="DIR",
                        help="the backup folder (default: the clinic's setting, else "
                        "'backups' in the user data folder)")
    backup.add_argument("--keep", type=int, metavar="N",
                        help="how many backups to keep (default: the clinic's setting, "
                        "else 14, a Chairside default)")
    restore = commands.add_parser(
        "restore", help="put a backup in place of the clinic's records",
        description="Check the backup, then replace the records with it. Refused while "
        "Chairside has the records open anywhere; the replaced records are kept next to "
        "the backup.")
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.add_argument("--unverified", action="store_true",
                         help="restore a backup that has no checksum file (FILE.sha256), "
                         "which Chairside cannot check for changes since it was made")
    check = commands.add_parser(
        "check", help="check the records (integrity and schema); exit 0 when sound",
        description="Check the clinic's records without changing them: SQLite's "
        "quick_check (--full: integrity_check) and the schema revision; on PostgreSQL, "
        "the connection and the schema revision. Exit 0 when sound, 1 when not.")
    check.add_argument("--full", action="store_true",
                       help="SQLite's full integrity_check (slower on a large clinic)")
    return [backup, restore, check]


def add_feed_commands(commands) -> list[argparse.ArgumentParser]:
    """The bedside monitor feed (issue 12): db/feed_thread.py, monitor/devices/."""
    listen = commands.add_parser(
        "listen", help="receive bedside monitors' HL7 v2 results (MLLP) into the records",
        description="Run the monitor feed headless: monitors connect over MLLP and send "
        "ORU^R01 results, stored raw and acknowledged once committed. For a clinic whose "
        "workstations share one PostgreSQL server. Host and port: the clinic's settings "
        "(default 127.0.0.1:2575), or these options.")
    listen.add_argument("--host", help="address to listen on (default: the setting)")
    listen.add_argument("--port", type=int, help="TCP port (default: the setting)")
    simulate = commands.add_parser(
        "simulate", help="play a simulated bedside monitor's session to a listener",
        description="Connect to a listener as a monitor (an MLLP client) and play a "
        "session: baseline, the blood pressure rise at 30-40 min, recovery, artifacts "
        "and gaps. No database is opened.")
    simulate.add_argument("--host", default="127.0.0.1")
    simulate.add_argument("--port", type=int, default=2575)
    simulate.add_argument("--chair", default="", help="the chair (sent as PV1-3)")
    simulate.add_argument("--device", default="", help="the monitor's id (OBX-18)")
    simulate.add_argument("--time-scale", type=float, default=1.0,
                          help="play faster: 60 plays a minute a second")
    simulate.add_argument("--minutes", type=int, default=90, help="session length")
    simulate.add_argument("--seed", type=int, default=1)
    return [listen, simulate]


def listen_command(args: argparse.Namespace, url: str | None) -> int:
    from dataclasses import replace

    from db.feed_thread import listen
    from db.opening import open_clinic
    from db.settings_repo import SettingsRepository
    from db.storage import default_url
    from monitor.devices.feed_settings import FeedSettings

    clinic = open_clinic(url or default_url(), create=args.create)  # checked, upgraded
    settings = FeedSettings.read(SettingsRepository(clinic.storage).setting)
    clinic.storage.close()
    settings = replace(settings, host=args.host or settings.host,
                       port=args.port if args.port is not None else settings.port)
    return listen(url or default_url(), settings)


def simulate_command(args: argparse.Namespace, _url: str | None) -> int:
    import asyncio

    from monitor.devices.simulator import play

    codes = asyncio.run(play(args.host, args.port, args.chair, args.device,
                             args.time_scale, args.minutes, args.seed, echo=True))
    print(f"chairside: simulated session sent; ACKs {codes}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scratch = None
    url = args.database
    if args.demo and not url:
        scratch = tempfile.mkdtemp(prefix="chairside-demo-")
        url = f"sqlite:///{os.path.join(scratch, 'demo.sqlite')}"
    args.throwaway = scratch is not None
    try:
        if args.command in MAINTENANCE:
            return one_line_errors(MAINTENANCE[args.command], args, url)
        if args.command:
            return one_line_errors(export, args, url)
        return run(url, args.demo, args.settings, create_allowed(args), args.read_only,
                   throwaway=scratch is not None,
                   demo_monitor=args.demo_monitor and scratch is not None)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def run(url: str | None, demo: bool, settings: str | None, create: bool = False,
        read_only: bool = False, throwaway: bool = False, demo_monitor: bool = False) -> int:
    import gc
    from pathlib import Path
    from typing import cast

    # Start-up allocates a great many long-lived objects (Qt wrappers, SQLAlchemy's
    # mappers); full collections of them cost ~70 ms at start and ~50 ms pauses later.
    # Collect nothing until the window is up, then freeze what exists (bench/ measures it).
    gc.disable()

    from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

    from db.audit_query import AuditQueryRepository
    from db.backup import ClinicBackups
    from db.repository import ClinicRepository
    from db.signature_repo import SignatureRepository
    from db.storage import default_url
    from db.verify import altered_users, tail_break
    from monitor.accounts.guard import GuardedService
    from monitor.accounts.signing import SigningService
    from monitor.audit.trail_service import AuditTrailService
    from monitor.clock import SystemClock
    from monitor.service import SessionService
    from ui.accounts.start import attach, sign_in_at_start, trail_warning
    from ui.app import crash
    from ui.app.backup_status import BackupStatus
    from ui.app.main_window import MainWindow
    from ui.app.preferences import Preferences
    from ui.app.sound_player import open_player

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Chairside")
    app.setOrganizationName("Chairside")
    crash.install()
    clinic = open_for_window(url or default_url(), create=create, read_only=read_only)
    if clinic is None:
        return 1
    storage = clinic.storage
    clock = SystemClock()
    repo = ClinicRepository(storage)
    accounts, user = open_accounts(storage, clock)  # every write audited from here on
    if demo:
        seed_demo_once(SessionService(repo, clock))  # audited as the system
    if demo_monitor:
        from db.demo_monitor import use_demo_settings

        use_demo_settings(repo.settings)  # before the window: its chair view shows the feed
    actor = sign_in_at_start(accounts, throwaway_demo=throwaway)
    if actor is None:
        storage.close()
        return 0
    user.sign_in(actor)
    # the newest entries and the accounts, checked at each start
    warning = trail_warning(tail_break(storage), altered_users(storage))
    if warning:
        QMessageBox.warning(None, "Chairside — audit trail", warning)
    # every action checked against the signed-in user's roles (issue 10); the guard has
    # the service's methods, so it is typed as one for the window
    # the window holds only the guarded service; the plain one writes signed addenda for
    # SigningService, which checks the role and the password first
    plain = SessionService(repo, clock).use_stored_safety()
    service = cast(SessionService, GuardedService(plain, user))
    window = MainWindow(service, Preferences(Path(settings) if settings else None),
                        storage.describe())
    window.database_files = storage.files()
    window.set_sound_player(open_player(service.settings.sound()))  # or a plain notice
    signing = SigningService(service, SignatureRepository(storage), accounts, clock,
                             addenda=plain)
    trail = AuditTrailService(AuditQueryRepository(storage), accounts, clock)
    attach(window, signing, accounts, user, clock, trail)  # the lock: a child of the window
    window.start()
    if clinic.policy is not None and clinic.path is not None and not demo:
        BackupStatus(ClinicBackups(clinic.path, clinic.policy), service.clock).attach(window)
    elif storage.read_only:
        window.statusBar().addPermanentWidget(QLabel("Read-only: no entries can be made"))
    feed = (start_demo_monitor(url, repo, window) if demo_monitor and url else
            start_monitor_feed(url or default_url(), repo, window, storage.read_only))
    window.show_on_screen()
    gc.freeze()
    gc.enable()
    code = app.exec()
    if feed is not None:
        feed.stop()
    storage.close()
    return code


def start_monitor_feed(url: str, repo, window, read_only: bool):
    """The monitor feed on its own thread when the clinic turned it on (off by default);
    a port already taken is said in the status bar, never a failed start."""
    from db.feed_thread import FeedThread
    from monitor.devices.feed_settings import FeedSettings

    settings = FeedSettings.read(repo.settings.setting)
    if not settings.enabled or read_only:
        return None
    feed = FeedThread(url, settings)
    try:
        feed.start_listening()
    except OSError as problem:
        off = f"Monitor feed off: {problem}"  # (``problem`` is gone after the except)
        window.show_feed_state(lambda: off)
        return None
    window.show_feed_state(feed.said)
    return feed


def start_demo_monitor(url: str, repo, window):
    """`make demo`: the feed and `chairside simulate` playing chair 1 (db/demo_monitor.py);
    stopped with the feed when the app quits."""
    from db.demo_monitor import DemoMonitor

    try:
        demo = DemoMonitor(url, repo.settings)
    except OSError as problem:  # the demo still opens, without its monitor
        off = f"Demo monitor off: {problem}"
        window.show_feed_state(lambda: off)
        return None
    window.show_feed_state(demo.said)
    return demo


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

    from db.cli_user import sign_in
    from db.opening import open_clinic
    from db.repository import ClinicRepository
    from db.signature_repo import SignatureRepository
    from db.storage import default_url
    from export import documents as exports
    from monitor.accounts.guard import GuardedService
    from monitor.accounts.permissions import Action
    from monitor.accounts.signing import SigningService
    from monitor.clock import SystemClock
    from monitor.errors import ChairsideError, NotFound
    from monitor.service import SessionService

    storage = None
    try:
        storage = open_clinic(url or default_url(), create=args.demo,
                              read_only=args.read_only).storage
        clock = SystemClock()
        accounts, user = open_accounts(storage, clock)  # audited, as the app's writes
        plain = SessionService(ClinicRepository(storage), clock).use_stored_safety()
        if args.demo:
            seed_demo_once(plain)  # as the system, before anyone signs in
        who = sign_in(storage, Action.EXPORT, getattr(args, "credential", None),
                      throwaway_demo=args.throwaway)
        user.sign_in(who.actor)
        service = GuardedService(plain, user)  # read as the user, by their roles
        signing = SigningService(service, SignatureRepository(storage), accounts, clock)
        if args.command == "export-csv":
            rows = exports.export_session_csv(service, args.session, args.output)
            who.record("export", "infusion_session", str(args.session),
                       f"CSV to {args.output}")
            print(f"Wrote {args.output} ({rows} rows)")
        elif args.patient is not None:
            patient = patient_by_mrn(service, args.patient)
            pages = exports.export_course_pdf(service, patient.id, args.output,
                                              clinic_name=args.clinic, signatures=signing)
            who.record("export", "patient", str(patient.id), f"PDF to {args.output}")
            print(f"Wrote {args.output} ({pages} pages)")
        else:
            pages = exports.export_session_pdf(service, args.session, args.output,
                                               clinic_name=args.clinic, signatures=signing)
            who.record("export", "infusion_session", str(args.session),
                       f"PDF to {args.output}")
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


def open_for_window(url: str, create: bool = False, read_only: bool = False):
    """The checked clinic (db.opening.OpenClinic), or None once the user has been told
    why not: a clinic that cannot be opened gets one plain message box before any
    window, and a new clinic file is made only when confirmed."""
    from PySide6.QtWidgets import QMessageBox

    from db.opening import open_clinic, sqlite_file
    from monitor.errors import ChairsideError, NoClinicFile
    from ui.app.startup import new_clinic_box, problem_box

    try:
        try:
            return open_clinic(url, create=create, read_only=read_only)
        except NoClinicFile as missing:
            path = sqlite_file(url)
            if path is None or not path.parent.is_dir():
                raise missing
            if new_clinic_box(path).exec() != QMessageBox.StandardButton.Yes:
                return None
            return open_clinic(url, create=True, read_only=read_only)
    except ChairsideError as problem:
        print(f"chairside: {problem}", file=sys.stderr)
        problem_box(problem).exec()
        return None


def patient_by_mrn(service, mrn: str):
    """The patient with this MRN (any case, any spaces). Where a clinic registered one MRN
    twice apart from case or spaces before Chairside refused it, only the exact spelling
    chooses; otherwise the command is refused naming them (never a guess)."""
    from monitor.errors import InvalidEntry, NotFound
    from monitor.patient_identity import describe

    found = service.patients_with_mrn(mrn)
    if not found:
        raise NotFound(f"No patient with MRN {mrn.strip()!r}.")
    if len(found) == 1 or found[0].mrn == mrn.strip():
        return found[0]
    raise InvalidEntry(f"MRN {mrn.strip()} matches {len(found)} patients registered before "
                       f"Chairside refused look-alike MRNs: "
                       f"{'; '.join(describe(p) for p in found)}. Type it exactly as "
                       "registered.")


def seed_demo_once(service) -> None:
    from monitor.demo import PATIENTS, seed_demo

    if service.find_patients(PATIENTS[0].mrn):
        print("Demo clinic already present; not seeding again.", file=sys.stderr)
        return
    seed_demo(service, service.clock.now())


def create_allowed(args: argparse.Namespace) -> bool:
    """A new clinic file is made on --create, for the demo, and on the first start in the
    default folder; never for a path typed (or set in CHAIRSIDE_DATABASE_URL) by mistake."""
    default = args.database is None and not os.environ.get("CHAIRSIDE_DATABASE_URL")
    return args.create or args.demo or default


def one_line_errors(command, args: argparse.Namespace, url: str | None) -> int:
    """Runs a subcommand; whatever goes wrong is one line on stderr and exit 1 (2 for an
    unknown session or patient), never a traceback."""
    from monitor.errors import ChairsideError, NotFound

    try:
        return command(args, url)
    except NotFound as error:
        print(f"chairside: {error}", file=sys.stderr)
        return 2
    except (ChairsideError, OSError) as error:
        print(f"chairside: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: still one line, with what it was
        print(f"chairside: unexpected error ({type(error).__name__}: {error})",
              file=sys.stderr)
        return 1


def backup_command(args: argparse.Namespace, url: str | None) -> int:
    from datetime import datetime, timezone
    from pathlib import Path

    from db.backup import BackupPolicy, backup_now, backups
    from db.clinic_file import check_file
    from db.storage import default_url
    from monitor.errors import ClinicFileProblem

    live = sqlite_clinic_or_refuse(url or default_url(), "backed up")
    state = check_file(live)
    if state.revision is None:
        raise ClinicFileProblem(f"Not backed up: {live} holds no Chairside records.")
    policy = BackupPolicy.from_settings(state.settings)
    folder = Path(args.to).expanduser().absolute() if args.to else policy.folder
    keep = args.keep if args.keep is not None else policy.keep
    with cli_user(url or default_url(), args) as who:
        written = backup_now(live, folder, keep, datetime.now(timezone.utc))
        if who is not None:
            who.record("backup", detail=f"to {written}")
    kept = len(backups(folder, live.stem))
    print(f"Backed up {live} to {written} (checked; {kept} backups kept in {folder})")
    return 0


def restore_command(args: argparse.Namespace, url: str | None) -> int:
    from datetime import datetime, timezone
    from pathlib import Path

    from db.restore import restore
    from db.storage import default_url

    live = sqlite_clinic_or_refuse(url or default_url(), "restored")
    backup = Path(args.file).expanduser().absolute()
    if args.unverified:
        from db.backup_checksum import sidecar

        if not sidecar(backup).exists():
            print(f"Warning: {backup} has no checksum file, so whether it changed since it "
                  "was made cannot be checked; restoring it as asked (--unverified).",
                  file=sys.stderr)
    with cli_user(url or default_url(), args) as who:
        pass  # who restores: checked on the records being replaced, then closed
    kept = restore(backup, live, backup.parent, datetime.now(timezone.utc),
                   unverified=args.unverified)
    if who is not None:  # audited in the restored records' own trail
        from db.accounts_repo import AccountsRepository
        from db.cli_user import has_accounts
        from db.storage import Storage

        restored = Storage(url or default_url())
        try:
            if has_accounts(restored):
                who.accounts.store = AccountsRepository(restored)
                who.record("restore", detail=f"from {backup}")
        finally:
            restored.close()
    where = f"; the replaced records are kept in {kept}" if kept else ""
    print(f"Restored {backup} into {live}{where}")
    return 0


def check_command(args: argparse.Namespace, url: str | None) -> int:
    from db.clinic_file import check_file
    from db.opening import open_clinic, refuse_unknown_revision, sqlite_file
    from db.storage import HEAD_REVISION, default_url

    url = url or default_url()
    live = sqlite_file(url)
    if live is None:
        storage = open_clinic(url, upgrade=False).storage
        where, revision = storage.describe(), storage.revision()
        storage.close()
        how = "connected"
    else:
        state = check_file(live, full=args.full)
        where, revision = str(live), state.revision
        how = "integrity_check ok" if args.full else "quick_check ok"
    if revision is None:
        print(f"chairside: {where} holds no Chairside records ({how}).", file=sys.stderr)
        return 1
    if revision != HEAD_REVISION:
        refuse_unknown_revision(f"The records {where}", revision)  # written by a newer Chairside?
        print(f"{where}: {how}; schema revision {revision}, which Chairside upgrades to "
              f"{HEAD_REVISION} at its next start (after a backup).")
        return 0
    print(f"{where}: {how}; schema revision {revision} (current).")
    for line in mrn_clash_lines(url):
        print(line)
    return 0


def mrn_clash_lines(url: str) -> list[str]:
    """Patients registered (before Chairside refused it) with one MRN apart from case or
    spaces: kept as stored, listed for the clinic to resolve. Not damage: exit 0."""
    from db.opening import open_clinic
    from db.repository import ClinicRepository
    from monitor.patient_identity import describe

    storage = open_clinic(url, upgrade=False).storage
    try:
        clashes = ClinicRepository(storage).patients.mrn_clashes()
    finally:
        storage.close()
    return [f"Warning: one MRN apart from capitals or spaces, registered twice: "
            f"{describe(a)} and {describe(b)}. Check which is right; a lookup by MRN "
            "takes the one spelt exactly as typed." for a, b in clashes]
@contextlib.contextmanager
def cli_user(url: str, args: argparse.Namespace):
    """The Chairside user a backup or restore runs as (an admin), on the live records;
    None for records from before accounts (they have no users and no audit trail)."""
    from db.cli_user import has_accounts, sign_in
    from db.storage import Storage
    from monitor.accounts.permissions import Action

    storage = Storage(url)
    try:
        if not has_accounts(storage):
            print("chairside: these records predate accounts; not audited.", file=sys.stderr)
            yield None
            return
        yield sign_in(storage, Action.BACKUP, getattr(args, "credential", None))
    finally:
        storage.close()


def credential_command(args: argparse.Namespace, url: str | None) -> int:
    """``chairside credential issue --user NAME --output FILE`` / ``revoke --id N``, by
    an administrator."""
    from pathlib import Path

    from db.cli_user import sign_in, write_credential
    from db.opening import open_clinic
    from db.storage import default_url
    from monitor.accounts.account_service import CREDENTIAL_DAYS
    from monitor.accounts.permissions import Action
    from monitor.errors import ChairsideError, NotFound

    storage = open_clinic(url or default_url()).storage
    try:
        admin = sign_in(storage, Action.MANAGE_USERS, getattr(args, "credential", None))
        if args.credential_command == "revoke":
            if args.id is None:
                raise ChairsideError("Say which credential to revoke: --id N.")
            admin.accounts.revoke_credential(admin.actor, args.id)
            print(f"Revoked credential #{args.id}")
            return 0
        if not args.user or not args.output:
            raise ChairsideError("Say whose credential and where: --user NAME --output FILE.")
        user = admin.accounts.store.user_named(args.user)
        if user is None:
            raise NotFound(f"No user called {args.user.strip()!r}.")
        days = args.days if args.days is not None else CREDENTIAL_DAYS
        token = admin.accounts.issue_credential(admin.actor, user.id, days)
        out = Path(args.output).expanduser().absolute()
        write_credential(out, token)
        number = token.split(":")[1]
        print(f"Wrote credential #{number} for {user.username} to {out} (readable by you "
              f"only; keep it like a password; it works for {days} days)")
        return 0
    finally:
        storage.close()


def sqlite_clinic_or_refuse(url: str, done: str):
    from db.opening import sqlite_file
    from monitor.errors import ChairsideError

    live = sqlite_file(url)
    if live is None:
        raise ChairsideError(
            f"A clinic on a database server is {done} with the server's own tooling "
            "(PostgreSQL: pg_dump and pg_restore; see the README, 'Backups'), not by "
            "Chairside.")
    return live


def audit_command(args: argparse.Namespace, url: str | None) -> int:
    """``chairside audit verify``: 0 intact, 3 tampered (findings on stdout), 1 when the
    database cannot be opened."""
    from db.opening import open_clinic
    from db.storage import default_url
    from db.verify import verify_database

    storage = open_clinic(url or default_url()).storage
    try:
        report = verify_database(storage)
    finally:
        storage.close()
    print("\n".join(report.lines()))
    return 0 if report.intact else 3


MAINTENANCE = {"backup": backup_command, "restore": restore_command, "check": check_command,
               "audit": audit_command, "credential": credential_command,
               "listen": listen_command, "simulate": simulate_command}


if __name__ == "__main__":
    sys.exit(main())
