"""A batch killed with SIGKILL at random moments leaves no half memo and no orphan worker.

Each round starts a real batch (two worker processes), waits until memos are being
written, kills the parent with SIGKILL after a random pause, and checks: every worker is
gone (they die with their parent), every memo present is byte-identical to a complete
one, and a later run into the same folder removes the killed run's temporary files.
Bounded: five kills of a twenty-scenario batch.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.paths import CONTRACT_EXAMPLES, ROOT

from engine import load_scenario, recommend
from ui.memo import render_memo

KILLS = 5
SCENARIOS = 20
MOMENT = "2024-05-01T09:30:00Z"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc to find the workers"
)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return False
    return fields[0] != "Z"  # a zombie has ended; only its exit status is left


def _wait(condition, seconds: float = 60) -> bool:
    """Poll ``condition`` until it holds (a guard against hanging, not a speed check)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _complete_memo() -> bytes:
    scenario = load_scenario(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml")
    rec = recommend(scenario, analyses=True, robustness=False, sensitivity=False)
    moment = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    return render_memo(rec, scenario, "markdown", generated_at=moment)


def _batch(inputs: Path, output: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "ui.cli", "batch", str(inputs), "-d", str(output)]
    command += ["-f", "markdown", "-j", "2", "--force", "--generated-at", MOMENT]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_kill_9_leaves_whole_memos_and_no_orphan_workers(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(SCENARIOS):
        shutil.copy(CONTRACT_EXAMPLES / "cardiac-monitoring.yaml", inputs / f"s{number:02d}.yaml")
    output = tmp_path / "out"
    complete = _complete_memo()
    pauses = random.Random(2026)
    orphans = corrupted = 0
    for _ in range(KILLS):
        process = _batch(inputs, output)
        started = lambda p=process: p.poll() is not None or len(_children(p.pid)) >= 2  # noqa: E731
        writing = lambda p=process: p.poll() is not None or any(output.glob("*.md"))  # noqa: E731
        assert _wait(started)
        _wait(writing)
        time.sleep(pauses.uniform(0.0, 1.0))
        workers = _children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        _wait(lambda workers=workers: not any(_alive(pid) for pid in workers))
        orphans += sum(_alive(pid) for pid in workers)
        corrupted += sum(memo.read_bytes() != complete for memo in output.glob("*.md"))
    assert (orphans, corrupted) == (0, 0)

    finish = _batch(inputs, output)
    assert finish.wait(timeout=600) == 0
    memos = sorted(output.glob("*.md"))
    assert len(memos) == SCENARIOS
    assert all(memo.read_bytes() == complete for memo in memos)
    assert not [p.name for p in output.iterdir() if p.name.endswith(".part")]
