"""SQLite durability: WAL, synchronous=FULL, a busy timeout, and no acknowledged save lost
when the saving process is killed with SIGKILL at random moments."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from ui.store.access import Actor
from ui.store.database import BUSY_TIMEOUT_MS, open_engine
from ui.store.library import ScenarioLibrary

SAVER = Path(__file__).resolve().parent / "saver.py"
ROOT = Path(__file__).resolve().parents[2]
KILLS = 6
SEED = 20261130


def test_sqlite_runs_in_wal_mode_with_full_sync_and_a_busy_timeout(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'library.db'}")
    with engine.connect() as connection:
        setting = connection.exec_driver_sql
        assert setting("PRAGMA journal_mode").scalar() == "wal"
        assert setting("PRAGMA synchronous").scalar() == 2  # FULL
        assert setting("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
        assert setting("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def _acknowledged(output: str, round_: str) -> tuple[list[str], int]:
    created, version = [], 0
    for line in output.splitlines():
        kind, _, number = line.partition(" ")
        if kind == "created":
            created.append(f"{round_} {number}")
        elif kind == "changed":
            version = int(number)
    return created, version


def test_every_acknowledged_save_survives_kill_9(tmp_path):
    url = f"sqlite:///{tmp_path / 'library.db'}"
    chance = random.Random(SEED)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    acknowledged: list[str] = []
    last_version = 0
    for kill in range(KILLS):
        round_ = f"round {kill}"
        saver = subprocess.Popen(
            [sys.executable, str(SAVER), url, round_],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert saver.stdout is not None
        first_ack = saver.stdout.readline()  # started and saving
        assert first_ack.startswith("created"), saver.stderr.read() if saver.stderr else ""
        time.sleep(chance.uniform(0.0, 0.6))
        os.kill(saver.pid, signal.SIGKILL)
        rest, _ = saver.communicate()
        assert saver.returncode == -signal.SIGKILL
        created, version = _acknowledged(first_ack + rest, round_)
        acknowledged += created
        last_version = max(last_version, version)

        library = ScenarioLibrary(url)
        actor = Actor("saver")
        names = {e.name for e in library.entries(actor)}
        missing = [n for n in acknowledged if n not in names]
        assert missing == [], f"acknowledged saves lost: {missing}"
        counter = library.find(actor, "counter")
        assert counter is not None and counter.version >= last_version
        library.close()
        engine = create_engine(url)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        engine.dispose()
    assert len(acknowledged) >= KILLS
    print(f"{KILLS} kills, {len(acknowledged)} acknowledged creations, counter v{last_version}")


OPEN_AT = """
import sys, time
from ui.store.library import ScenarioLibrary
while time.time() < float(sys.argv[2]):
    pass
ScenarioLibrary(sys.argv[1]).close()
"""


def test_processes_opening_a_new_sqlite_library_together_all_succeed(tmp_path):
    """Each migrates under a lock file; without it one in three rounds failed here with
    'table scenarios already exists'."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(3):
        url = f"sqlite:///{tmp_path / f'new-{round_}.db'}"
        start = time.time() + 3.0  # after every process has imported the library
        openers = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN_AT, url, str(start)],
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        outcomes = [(p.communicate()[1], p.returncode) for p in openers]
        assert [error for error, code in outcomes if code != 0] == []
