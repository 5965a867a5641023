"""Chairside benchmarks: start-up against a bare Qt + pyqtgraph window, the latency of a
vitals entry (committed and charted), the clinic board's once-a-second refresh with
eight chairs infusing, the review, and patient search and course open at the normal size
and after a decade (SQLite; PostgreSQL too when CHAIRSIDE_BENCH_POSTGRES_URL is set).
Prints a table of figures, each beside its target; nothing here fails a build.

    .venv/bin/python bench/run.py [--quick] [--no-decade] [--json FILE]

Progress goes to stderr, the table to stdout. Headless: QT_QPA_PLATFORM=offscreen for this
process and its children unless a platform is set already.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone

import board as board_bench
import common
import make_clinic
import startup

STARTUP_RATIO_TARGET = 2.0
VITALS_P95_TARGET_MS = 16.0
BOARD_P95_TARGET_MS = board_bench.TARGET_P95_MS


def log(*parts, **kwargs) -> None:
    kwargs.pop("flush", None)
    print(*parts, file=sys.stderr, flush=True, **kwargs)


def machine() -> dict:
    import pyqtgraph
    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    return {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "platform": platform.platform(), "cpus": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(), "pyside6": PySide6.__version__,
        "qt": qVersion(), "pyqtgraph": pyqtgraph.__version__,
        "sqlalchemy": sqlalchemy.__version__, "qpa": os.environ.get("QT_QPA_PLATFORM"),
    }


def fmt(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def table(rows: list[tuple]) -> str:
    head = ("measure", "n", "median", "p90", "p95", "max", "target", "")
    cells = [head] + [tuple(str(c) for c in row) for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    lines = []
    for k, r in enumerate(cells):
        line = "  ".join(c.ljust(w) if i in (0, 6, 7) else c.rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        lines.append(line.rstrip())
        if k == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "met" if ok else "missed"


def report(meta: dict, clinic: dict, up: dict, vitals: dict, board: dict,
           review: dict, sizes: list[tuple[str, dict]]) -> str:
    rows: list[tuple] = []
    for kind, label in (("bare", "start-up: bare PySide6 + pyqtgraph window"),
                        ("app", "start-up: Chairside on the clinic database")):
        s = up[kind]["ms"]
        rows.append((label + " (ms)", s["n"], fmt(s["median"], 0), fmt(s["p90"], 0), "-",
                     fmt(s["max"], 0), "", ""))
    ratio = up["ratio_of_medians"]
    rows.append(("start-up ratio, app / bare (of medians; p90 of p90s)", "",
                 f"{ratio:.2f}", f"{up['ratio_of_p90']:.2f}", "", "",
                 f"<= {STARTUP_RATIO_TARGET:.1f}", verdict(ratio <= STARTUP_RATIO_TARGET)))
    n, target = vitals["entries"], f"p95 <= {VITALS_P95_TARGET_MS:g} ms"
    for key, label, aim in (
            ("total_ms", "vitals: submit() + processEvents, confirmed->charted (ms)", True),
            ("total_last_ms", f"  ... the last {vitals['total_last_ms']['n']} entries", True),
            ("commit_ms", "vitals: commit alone, repository add_vitals (ms)", False),
            ("commit_last_ms", f"  ... the last {vitals['commit_last_ms']['n']} entries", False),
            ("submit_ms", "vitals: submit() alone: commit + setData, log, form (ms)", False),
            ("paint_ms", "vitals: processEvents alone: the repaint (ms)", False)):
        s = vitals[key]
        rows.append((label, s["n"], fmt(s["median"], 1), fmt(s["p90"], 1), fmt(s["p95"], 1),
                     fmt(s["max"], 1), target if aim else "",
                     verdict(s["p95"] <= VITALS_P95_TARGET_MS) if aim else ""))
    s = board["refresh_ms"]
    rows.append((f"board: {board['tiles']} chairs infusing, one refresh: statuses + show "
                 "+ paint (ms)", s["n"], fmt(s["median"], 2), fmt(s["p90"], 2),
                 fmt(s["p95"], 2), fmt(s["max"], 2), f"p95 <= {BOARD_P95_TARGET_MS:g} ms",
                 verdict(s["p95"] <= BOARD_P95_TARGET_MS)))
    import review as review_bench

    rows += review_bench.rows(review, fmt, verdict)
    import queries as queries_bench

    for label, result in sizes:
        rows += queries_bench.rows(label, result, fmt, verdict)
    steps = {k: up[k]["steps_ms"] for k in ("app", "bare")}
    step_names = ("popen->begin", "begin->qt", "qt->exec", "exec->shown")
    built = clinic["build_s"]
    lines = [
        f"Chairside benchmarks, {meta['when']}",
        f"{meta['platform']}; {meta['cpus']} CPUs; load average at start "
        + ("/".join(f"{x:.2f}" for x in meta["load_average"]) if meta["load_average"] else "-"),
        f"Python {meta['python']}, PySide6 {meta['pyside6']} (Qt {meta['qt']}), "
        f"pyqtgraph {meta['pyqtgraph']}, SQLAlchemy {meta['sqlalchemy']}; "
        f"QT_QPA_PLATFORM={meta['qpa']}",
        f"clinic database: {clinic['file']} ("
        + (f"built in {built:.1f} s" if built is not None else "cached") + "); "
        + ", ".join(f"{t} {c:,}" for t, c in clinic["counts"].items())
        + "; plus one session infusing now",
        f"start-up: {up['rounds']} interleaved rounds after one warm-up each; wall time from "
        "Popen to the window shown and painted",
        f"vitals: {n} entries into one infusing session (chart ends with "
        f"{vitals['chart_points_at_end']} points), SQLite journal_mode="
        f"{vitals['sqlite']['journal_mode']} synchronous={vitals['sqlite']['synchronous']} "
        "(2 = FULL)",
        f"board: {board['tiles']} sessions infusing (bench/board.py), offscreen BoardView "
        f"{board_bench.SIZE[0]}x{board_bench.SIZE[1]} with the app's style sheet, "
        f"{board['refreshes']} refreshes with the clock 1 s further each; "
        f"{board['open_alarms']} open alarms, vitals overdue on {board['overdue_at_start']} "
        f"-> {board['overdue_at_end']} chairs; refreshes that painted no clock: "
        f"{board['refreshes_without_paint']}",
        "",
        table(rows),
        "",
        "start-up steps, median ms (python start | import PySide6.QtWidgets | "
        "the rest until exec(), window built and shown | first paint):",
    ]
    for kind in ("app", "bare"):
        lines.append(f"  {kind:5s}" + " | ".join(f"{steps[kind][s]:6.0f}" for s in step_names))
    if sizes:
        lines.append("search medians (ms) by text, board | review list:")
        lines += ["  " + queries_bench.details(label, result) for label, result in sizes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chairside benchmarks (a table of figures).")
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions, for a smoke run (5 start-up rounds, "
                        "100 vitals entries, 200 board refreshes)")
    parser.add_argument("--json", metavar="FILE", help="also write the results (with every "
                        "sample) to this file")
    parser.add_argument("--rounds", type=int, help="start-up rounds of each kind "
                        "(default 15, 5 with --quick)")
    parser.add_argument("--entries", type=int, help="vitals entries (default 300, 100 with "
                        "--quick)")
    parser.add_argument("--no-decade", action="store_true", help="search and course open "
                        "at the normal size only (the decade database takes minutes to "
                        "build the first time)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (5 if args.quick else 15)
    entries = args.entries or (100 if args.quick else 300)

    meta = machine()
    started = time.perf_counter()
    cached, build_s = make_clinic.cached_clinic(log=log)
    if build_s is not None:
        log(f"clinic database built in {build_s:.1f} s")
    from db.storage import Storage, sqlite_url

    storage = Storage(sqlite_url(cached))
    try:
        counts = make_clinic.table_counts(storage)
    finally:
        storage.close()
    url = make_clinic.prepare_run_database(cached, common.OUT / "clinic-run.sqlite")
    clinic = {"file": str(cached.relative_to(common.ROOT)), "build_s": build_s,
              "counts": counts, "run_copy": url}

    log(f"start-up: {rounds} rounds of each kind (plus a warm-up of each)")
    up = startup.measure(url, rounds, log=log)
    log(f"vitals: {entries} entries")
    import vitals_latency

    vitals = vitals_latency.measure(entries, log=log)
    log("board: " + ("200" if args.quick else "600") + " refreshes")
    board = board_bench.run(args.quick, log=log)
    import review as review_bench

    review = review_bench.measure(url, args.quick, log=log)
    import queries as queries_bench

    sizes = [make_clinic.NORMAL] + ([] if args.no_decade else [make_clinic.DECADE])
    postgres = os.environ.get(queries_bench.POSTGRES_ENV)
    by_size = queries_bench.clinics(args.quick, sizes, postgres, log=log)
    import hl7_feed

    log("monitor feed: 8 monitors on loopback, 1 and 2 in flight as fast as they can, "
        "then 2 in flight paced at 2,000 msg/s; the board refreshing meanwhile")
    feed = hl7_feed.measure(runs=1 if args.quick else 3, seconds=5 if args.quick else 10,
                            postgres=os.environ.get(hl7_feed.POSTGRES_ENV), log=log)
    print(report(meta, clinic, up, vitals, board, review, by_size))
    print(hl7_feed.table(feed))
    log(f"(benchmarks took {time.perf_counter() - started:.0f} s)")
    if args.json:
        results = {"machine": meta, "clinic": clinic, "startup": up, "vitals": vitals,
                   "monitor_feed": feed,
                   "board": board, "review": review, "queries": dict(by_size),
                   "targets": {"startup_ratio_max": STARTUP_RATIO_TARGET,
                               "vitals_p95_ms_max": VITALS_P95_TARGET_MS,
                               "board_p95_ms_max": BOARD_P95_TARGET_MS,
                               "search_median_ms_max": queries_bench.SEARCH_TARGET_MS,
                               "course_open_median_ms_max": queries_bench.COURSE_TARGET_MS},
                   "options": {"quick": args.quick, "rounds": rounds, "entries": entries}}
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
        log(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
