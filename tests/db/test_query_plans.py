"""Every screen's patient and course queries walk an index, whatever the clinic's size:
EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL (with sequential scans priced out, so
a plan shows whether an index *can* serve the query, even on a tiny test table)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from main import patient_by_mrn
from monitor.demo import PATIENTS, seed_demo

# tables that grow with the clinic's history
GROWING = ("patient", "patient_search_term", "infusion_session", "vitals_set",
           "side_effect", "session_event", "alarm", "assessment", "medication_given",
           "addendum", "device_binding", "device_observation")
SQLITE_SCAN = re.compile(r"\bSCAN (\w+)(.*)")
PG_SCAN = re.compile(r"Seq Scan on (\w+)")
PG_INDEX_SCAN = re.compile(r"(?:Index Scan|Index Only Scan|Bitmap Heap Scan)\b.*? on (\w+)")
# The contains-search fallback may walk the compact folded-key index (and stops at the
# limit); nothing else may walk a growing table.
CONTAINS_INDEX = "ix_patient_search_key"


def statements_of(storage, action) -> list[tuple[str, object]]:
    """The SQL statements (and parameters) ``action`` sends to the database."""
    seen = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(storage.engine, "before_cursor_execute", keep)
    try:
        action()
    finally:
        event.remove(storage.engine, "before_cursor_execute", keep)
    return [(s, p) for s, p in seen if s.lstrip().upper().startswith("SELECT")]


def plan(storage, statement: str, parameters) -> list[str]:
    with storage.engine.connect() as conn:
        if storage.is_sqlite:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            return [row[-1] for row in rows]
        conn.exec_driver_sql("SET enable_seqscan = off")
        return [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]


def full_scans(storage, statement: str, parameters) -> list[str]:
    """The plan lines that walk a growing table whole."""
    lines = plan(storage, statement, parameters)
    contains = "search_key LIKE" in statement
    bad = []
    for line in lines:
        if storage.is_sqlite:
            scan = SQLITE_SCAN.search(line)
            if scan and scan[1] in GROWING and not (
                    contains and f"COVERING INDEX {CONTAINS_INDEX}" in scan[2]):
                bad.append(line)
    if not storage.is_sqlite:
        bad = [line for line in lines if (scan := PG_SCAN.search(line)) and scan[1] in GROWING]
        bad += _unbounded_index_walks(lines)
    return bad


def _unbounded_index_walks(lines: list[str]) -> list[str]:
    """PostgreSQL index scans over a growing table with no condition on the index: the
    whole index walked (seen when an OR of subqueries defeated the planner)."""
    bad = []
    for i, line in enumerate(lines):
        node = PG_INDEX_SCAN.search(line)
        if not node or node[1] not in GROWING:
            continue
        depth = len(line) - len(line.lstrip(" ->"))
        details = []
        for below in lines[i + 1:]:
            if "->" in below or len(below) - len(below.lstrip()) < depth:
                break
            details.append(below.strip())
        if not any(d.startswith(("Index Cond", "Recheck Cond")) for d in details):
            bad.append(line)
    return bad


@pytest.fixture
def clinic(service, repo, clock):
    seed_demo(service, clock.now())
    return repo.patients.find_patients(PATIENTS[0].mrn)[0]


ACTIONS = {
    "board search, name prefix": lambda repo, maria: repo.patients.find_patients("okaf"),
    "board search, two words": lambda repo, maria: repo.patients.find_patients("maria álv"),
    "board search, inside a name": lambda repo, maria: repo.patients.find_patients("kafo"),
    "board search, exact MRN": lambda repo, maria: repo.patients.find_patients(maria.mrn),
    "board search, MRN in another case": lambda repo, maria: repo.patients.find_patients("ch-1001"),
    "board search, date of birth": lambda repo, maria: repo.patients.find_patients("1979-03-14"),
    "board search, 8-digit date": lambda repo, maria: repo.patients.find_patients("19790314"),
    "review list, name": lambda repo, maria: repo.review.patients_overview("okafor"),
    "review list, MRN": lambda repo, maria: repo.review.patients_overview(maria.mrn),
    "review list, date of birth": lambda repo, maria: repo.review.patients_overview("1979-03-14"),
    "export --patient": lambda repo, maria: patient_by_mrn(repo.patients, maria.mrn.lower()),
    "course open": lambda repo, maria: repo.review.course_records(maria.id),
    "board monitors": lambda repo, maria: repo.devices.chair_feeds(),  # once a second
}


@pytest.mark.parametrize("action", ACTIONS)
def test_no_query_walks_a_growing_table(storage, repo, clinic, action):
    statements = statements_of(storage, lambda: ACTIONS[action](repo, clinic))
    assert statements
    for statement, parameters in statements:
        assert full_scans(storage, statement, parameters) == [], statement


def test_the_session_counts_use_the_patient_index(storage, repo, clinic):
    [counts] = [(s, p) for s, p in statements_of(storage, lambda: repo.review.patients_overview(""))
                if "count(" in s.lower()]
    text = "\n".join(plan(storage, *counts))
    assert "ix_infusion_session_patient_created" in text


def test_a_search_on_an_unindexed_column_would_be_seen(storage, clinic):
    """The check itself can fail: notes have no index."""
    statement = "SELECT id FROM patient WHERE notes = 'PTSD.'"
    assert full_scans(storage, statement, ()) != []


def test_a_whole_index_walked_would_be_seen(storage, clinic):
    """Every patient in name order: an index, but all of it."""
    assert full_scans(storage, "SELECT id, name FROM patient ORDER BY name", ()) != []
