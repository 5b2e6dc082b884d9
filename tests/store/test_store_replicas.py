"""Two app processes on one PostgreSQL database: a save over a colleague's newer save is
detected and refused, never a silent overwrite (issue 13, "several replicas, no lost update").

Each replica is the real app script in its own process (``replica.py``: an AppTest session
with its own library handle and connection pool), both pointed at one database on the
PostgreSQL server the tests start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.store.access import LOCAL
from ui.store.library import ScenarioLibrary

REPLICA = Path(__file__).resolve().parent / "replica.py"
ROOT = Path(__file__).resolve().parents[2]


class Replica:
    def __init__(self, url: str) -> None:
        env = {**os.environ, "ALLIANCE_ADVISOR_DB_URL": url, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, str(REPLICA)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )

    def __call__(self, command: str) -> dict[str, list[str]]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the replica stopped after {command!r}"
        shown: dict[str, list[str]] = json.loads(line)
        return shown

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def replicas(postgres) -> Iterator[tuple[Replica, Replica, str]]:
    url = postgres.new_database()
    first, second = Replica(url), Replica(url)
    yield first, second, url
    first.stop()
    second.stop()


def test_the_second_of_two_conflicting_saves_is_refused(replicas):
    first, second, url = replicas
    assert any("Saved as “Plan”" in m for m in first("save Plan")["success"])
    assert any("is now the current scenario" in m for m in second("load Plan")["success"])
    second("answer trust low")
    first("answer trust high")
    assert any("(version 2)" in m for m in first("save Plan")["success"])

    refused = second("save Plan")
    assert refused["success"] == []
    assert any("changed by local" in m and "were not saved" in m for m in refused["error"])

    library = ScenarioLibrary(url)
    saved = library.find(LOCAL, "Plan")
    assert saved is not None and saved.version == 2
    assert library.load(LOCAL, saved.id).scenario.factors.trust == "high"
    assert [v.version for v in library.history(LOCAL, saved.id)] == [2, 1]
    conflicts = [e for e in library.audit(LOCAL) if e.outcome == "conflict"]
    assert len(conflicts) == 1
    library.close()
