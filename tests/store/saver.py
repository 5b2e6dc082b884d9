"""Saves scenarios in a loop and acknowledges each save on standard output.

Run by ``test_store_durability``: ``python saver.py URL ROUND``. After each committed save it
prints ``created N`` (a new scenario named ``ROUND N``) or ``changed V`` (the scenario
``counter`` at version V), then flushes, so a line on standard output is a save the library
acknowledged.
"""

from __future__ import annotations

import sys

from engine import load_scenario_text
from ui.store.access import Actor
from ui.store.library import ScenarioLibrary

ACTOR = Actor("saver")


def main(url: str, round_: str) -> None:
    library = ScenarioLibrary(url)
    counter = library.find(ACTOR, "counter") or library.create(
        ACTOR, "counter", load_scenario_text("schema_version: 1")
    )
    number = 1
    while True:
        scenario = load_scenario_text(f"schema_version: 1\nname: save {number}")
        library.create(ACTOR, f"{round_} {number}", scenario)
        print(f"created {number}", flush=True)
        counter = library.save(ACTOR, counter.id, scenario, expected_version=counter.version)
        print(f"changed {counter.version}", flush=True)
        number += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
