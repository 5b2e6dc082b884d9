"""Engines hold working memory, so every thread reasons on its own instance."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from support.generate import random_documents

from engine import recommend, scenario_from_data


def test_twenty_threads_at_once_get_exactly_the_serial_results():
    scenarios = [scenario_from_data(d) for d in random_documents(20, seed=11)]
    serial = [recommend(s).to_json() for s in scenarios]
    assert len(set(serial)) == 20
    barrier = Barrier(20)

    def run(scenario):
        barrier.wait()  # all twenty start together
        return recommend(scenario).to_json()

    with ThreadPoolExecutor(max_workers=20) as pool:
        threaded = list(pool.map(run, scenarios))
    assert threaded == serial
