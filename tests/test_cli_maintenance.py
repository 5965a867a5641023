"""The command line on damaged, wrong and missing databases, and ``chairside backup``,
``restore`` and ``check``, run as child processes: one plain line and an exit code, never a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.storage import HEAD_REVISION, Storage, sqlite_url
from tests.conftest import POSTGRES_URL
from tests.credentials import credential_for
from tests.db.clinic_files import BAD_KINDS, bad_file, seeded_clinic

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "main.py"


@pytest.fixture(scope="module")
def good_clinic(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-maintenance") / "clinic.sqlite"
    return path, seeded_clinic(path)


def chairside(*args: str, home: Path, credential: Path | None = None
              ) -> subprocess.CompletedProcess:
    """Runs the command line with no terminal (stdin closed), as a script would; as the
    user of ``credential`` when given."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("CHAIRSIDE_DATABASE_URL", "CHAIRSIDE_CREDENTIAL")}
    environment.update({"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(home)})
    if credential is not None:
        environment["CHAIRSIDE_CREDENTIAL"] = str(credential)
    return subprocess.run([sys.executable, str(MAIN), *args], capture_output=True, text=True,
                          cwd=ROOT, env=environment, timeout=120, stdin=subprocess.DEVNULL)


def one_plain_line(done: subprocess.CompletedProcess, code: int) -> str:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("chairside") and done.stderr.count("\n") == 1, done.stderr
    return done.stderr


@pytest.mark.parametrize(("kind", "command"), [
    *((kind, ["check"]) for kind in BAD_KINDS),
    # the export and the backup open the file the same way (tests/db/test_opening.py)
    ("truncated", ["export-csv", "--session", "1", "-o", "x.csv"]),
    ("not-a-database", ["export-pdf", "--session", "1", "-o", "x.pdf"]),
    ("empty", ["backup"]), ("other-database", ["backup"])])
def test_a_bad_file_is_one_plain_line_naming_it(kind, command, good_clinic, tmp_path):
    path = bad_file(kind, good_clinic[0], tmp_path / "clinic.sqlite")
    done = chairside("--database", sqlite_url(path), *command, home=tmp_path)
    line = one_plain_line(done, 1)
    assert str(path) in line and "Not saved" not in line
    assert not (tmp_path / "chairside").exists()  # no backup folder, nothing made


def test_check_says_sound_and_which_revision(good_clinic, tmp_path):
    done = chairside("check", "--database", sqlite_url(good_clinic[0]), home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"quick_check ok; schema revision {HEAD_REVISION} "
                                        "(current).")
    done = chairside("check", "--full", "--database", sqlite_url(good_clinic[0]),
                     home=tmp_path)
    assert done.returncode == 0 and "integrity_check ok" in done.stdout


@pytest.mark.parametrize("args", [
    ["export-pdf", "--session", "99999999999999999999", "-o", "x.pdf"],
    ["export-csv", "--session", "-3", "-o", "x.csv"],
], ids=["huge-session", "negative-session"])
def test_a_session_number_no_session_can_have_is_one_line(args, good_clinic, tmp_path):
    done = chairside("--database", sqlite_url(good_clinic[0]), *args, home=tmp_path,
                     credential=credential_for(good_clinic[0]))
    assert "no session number" in one_plain_line(done, 2)


@pytest.mark.parametrize("url", ["mysql://nurse@db/chairside", "nonsense:::",
                                 "oracle://x/y"])
@pytest.mark.parametrize("command", [["check"], ["export-csv", "--session", "1", "-o", "x.csv"]])
def test_an_unknown_driver_or_url_is_one_line(url, command, tmp_path):
    done = chairside("--database", url, *command, home=tmp_path)
    assert "SQLite and PostgreSQL" in one_plain_line(done, 1) or "not a database URL" in \
        done.stderr


def test_a_mistyped_path_creates_nothing(tmp_path):
    typo = tmp_path / "Clinc" / "chairside.sqlite"
    for command in (["check"], ["backup"], ["export-csv", "--session", "1", "-o", "x.csv"]):
        done = chairside("--database", sqlite_url(typo), *command, home=tmp_path)
        assert "does not exist" in one_plain_line(done, 1)
    missing = tmp_path / "chairsde.sqlite"
    done = chairside("--database", sqlite_url(missing), "export-csv", "--session", "1", "-o",
                     str(tmp_path / "x.csv"), home=tmp_path)
    assert "--create" in one_plain_line(done, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_backup_then_restore_from_the_command_line(good_clinic, tmp_path):
    live = tmp_path / "clinic" / "chairside.sqlite"
    live.parent.mkdir()
    busy = seeded_clinic(live)
    admin = credential_for(live)
    folder = tmp_path / "backups"
    done = chairside("--database", sqlite_url(live), "backup", "--to", str(folder),
                     home=tmp_path, credential=admin)
    assert done.returncode == 0, done.stderr
    written = next(folder.glob("chairside-*.sqlite"))
    assert done.stdout.strip() == (f"Backed up {live} to {written} (checked; 1 backups "
                                   f"kept in {folder})")
    storage = Storage(sqlite_url(live))  # Chairside is running on it
    assert storage.revision() == HEAD_REVISION
    done = chairside("--database", sqlite_url(live), "restore", str(written), home=tmp_path,
                     credential=admin)
    assert "open in Chairside" in one_plain_line(done, 1)
    storage.close()
    done = chairside("--database", sqlite_url(live), "restore", str(written), home=tmp_path,
                     credential=admin)
    assert done.returncode == 0, done.stderr
    kept = next(folder.glob("chairside-*-replaced.sqlite"))
    assert done.stdout.strip() == (f"Restored {written} into {live}; the replaced records "
                                   f"are kept in {kept}")
    garbled = bad_file("garbled", written, folder / "garbled.sqlite")
    done = chairside("--database", sqlite_url(live), "restore", str(garbled), home=tmp_path,
                     credential=admin)
    assert "not restored" in one_plain_line(done, 1)
    done = chairside("--database", sqlite_url(live), "export-csv", "--session", str(busy),
                     "-o", str(tmp_path / "after.csv"), home=tmp_path, credential=admin)
    assert done.returncode == 0, done.stderr


def test_backup_goes_to_the_user_data_folder_by_default(good_clinic, tmp_path):
    done = chairside("--database", sqlite_url(good_clinic[0]), "backup", "--keep", "2",
                     home=tmp_path, credential=credential_for(good_clinic[0]))
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "chairside" / "backups").glob("clinic-*.sqlite"))) == 1


@pytest.mark.postgres
def test_on_postgresql_check_works_and_backup_points_to_the_server_tooling(tmp_path):
    if not POSTGRES_URL:
        pytest.skip("set CHAIRSIDE_TEST_POSTGRES_URL to run against PostgreSQL")
    from sqlalchemy import text

    storage = Storage(POSTGRES_URL)
    with storage.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    done = chairside("--database", POSTGRES_URL, "check", home=tmp_path)
    assert "holds no Chairside records" in one_plain_line(done, 1)
    storage.upgrade()
    storage.close()
    done = chairside("--database", POSTGRES_URL, "check", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"connected; schema revision {HEAD_REVISION} (current)" in done.stdout
    for command in (["backup"], ["restore", "x.sqlite"]):
        done = chairside("--database", POSTGRES_URL, *command, home=tmp_path)
        assert "pg_dump" in one_plain_line(done, 1)
    wrong = POSTGRES_URL.rsplit("/", 1)[0] + "/no_such_database"
    done = chairside("--database", wrong, "check", home=tmp_path)
    assert "cannot be reached" in one_plain_line(done, 1)


def test_check_of_an_older_schema_says_it_will_be_upgraded(tmp_path, capsys):
    from alembic import command
    from sqlalchemy import create_engine

    import main
    from db.migrate import alembic_config

    path = tmp_path / "old.sqlite"
    engine = create_engine(sqlite_url(path))
    command.upgrade(alembic_config(engine), "0002")
    engine.dispose()
    assert main.main(["--database", sqlite_url(path), "check"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"{path}: quick_check ok; schema revision 0002, which Chairside upgrades to "
        f"{HEAD_REVISION} at its next start (after a backup).")
    assert main.main(["--database", sqlite_url(path), "restore", str(path)]) == 1
    assert "is the records file itself" in capsys.readouterr().err


def test_restore_without_a_checksum_needs_unverified_and_says_so(tmp_path):
    live = tmp_path / "clinic" / "chairside.sqlite"
    live.parent.mkdir()
    seeded_clinic(live)
    admin = credential_for(live)  # restores are an admin's (issue 10)
    folder = tmp_path / "backups"
    done = chairside("--database", sqlite_url(live), "backup", "--to", str(folder),
                     home=tmp_path, credential=admin)
    assert done.returncode == 0, done.stderr
    written = next(folder.glob("chairside-*.sqlite"))
    Path(f"{written}.sha256").unlink()  # e.g. copied by hand without its checksum
    done = chairside("--database", sqlite_url(live), "restore", str(written), home=tmp_path,
                     credential=admin)
    assert "no checksum file" in one_plain_line(done, 1)
    done = chairside("--database", sqlite_url(live), "restore", "--unverified",
                     str(written), home=tmp_path, credential=admin)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"Warning: {written} has no checksum file")
    assert done.stdout.startswith(f"Restored {written} into {live}")
