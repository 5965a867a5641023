"""Start-up: process start → main window shown, Chairside against a bare PySide6 + pyqtgraph
window, each in a fresh ``sys.executable`` process (see ``startup_child.py``).

The clock starts just before ``Popen``; the child stamps ``time.monotonic()`` (one clock for
all processes on Linux, macOS and Windows) when its window is shown and painted. Rounds
interleave the two kinds, alternating which goes first, after one warm-up of each.

Children cache bytecode under ``bench/out/pycache`` even where PYTHONDONTWRITEBYTECODE is
set: an installed app starts from compiled bytecode, and the warm-up runs write it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

CHILD = common.BENCH / "startup_child.py"
KINDS = ("app", "bare")
PHASES = ("begin", "qt", "exec", "shown")  # see startup_child.py
TIMEOUT_S = 60  # an error dialog (the app's crash hook) waits for a click


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(common.OUT / "pycache"))
    return env


def start_once(kind: str, url: str, scratch: Path, n: int) -> dict[str, float]:
    """One child; seconds from just before ``Popen`` to each of its marks."""
    cmd = [sys.executable, str(CHILD), kind]
    if kind == "app":  # a settings file not yet there: the first run at a clinic's desk
        cmd += [url, str(scratch / f"settings-{n}.ini")]
    env = child_env()
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=common.ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    marks = {}
    for line in out.splitlines():
        name, _, value = line.partition(" ")
        if name in PHASES:
            marks[name] = float(value) - started
    if proc.returncode != 0 or "shown" not in marks:
        tail = "\n".join((out + err).strip().splitlines()[-15:])
        raise RuntimeError(f"start-up child {kind!r} failed (exit {proc.returncode}):\n{tail}")
    return marks


def measure(url: str, rounds: int, log=print) -> dict:
    """``rounds`` interleaved start-ups of each kind (after a warm-up of each)."""
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory(prefix="startup-", dir=common.OUT) as tmp:
        scratch = Path(tmp)
        for kind in KINDS:
            start_once(kind, url, scratch, -1)
        for r in range(rounds):
            order = KINDS if r % 2 == 0 else KINDS[::-1]
            for kind in order:
                runs[kind].append(start_once(kind, url, scratch, r))
            log(f"  start-up round {r + 1}/{rounds}: "
                + "  ".join(f"{k} {runs[k][-1]['shown'] * 1000:.0f} ms" for k in KINDS),
                flush=True)
    result: dict = {"rounds": rounds}
    for kind in KINDS:
        shown = [m["shown"] * 1000 for m in runs[kind]]
        # the median of each step: python start, import Qt, build + show, first paint
        steps = {}
        previous = "popen"
        for phase in PHASES:
            spans = [(m[phase] - (m[previous] if previous != "popen" else 0.0)) * 1000
                     for m in runs[kind]]
            steps[f"{previous}->{phase}"] = common.percentile(spans, 50)
            previous = phase
        result[kind] = {"ms": common.summary(shown), "samples_ms": shown, "steps_ms": steps}
    result["ratio_of_medians"] = result["app"]["ms"]["median"] / result["bare"]["ms"]["median"]
    result["ratio_of_p90"] = result["app"]["ms"]["p90"] / result["bare"]["ms"]["p90"]
    return result
