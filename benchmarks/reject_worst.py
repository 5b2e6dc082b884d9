"""Median time to reject the worst scenario documents of up to 1 MiB (issue 10).

Each document below is a hostile input at (or just under) the 1 MiB limit, built to
make a reader work hard: thousands of bad partners, thousands of unknown keys, deep
nesting, an alias bomb, one huge value, and the largest document that still fits the
value budget, so every one of its problems is collected. Each is written to a file and
rejected through ``load_scenario`` (the command line's path: bounded read, parse,
validate), which must raise ``ScenarioError``; the app's link decoding is measured on a
link at its length limit. Prints one median per document and the worst of them.

Run: ``uv run python benchmarks/reject_worst.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine import ScenarioError, load_scenario  # noqa: E402
from engine.scenario_io import MAX_SCENARIO_BYTES  # noqa: E402

LIMIT = MAX_SCENARIO_BYTES


def _fill(head: str, item: Callable[[int], str], tail: str = "") -> str:
    """``head`` + as many ``item(i)`` as fit in 1 MiB with ``tail``."""
    parts, size, number = [head], len(head.encode()) + len(tail.encode()), 0
    while True:
        piece = item(number)
        if size + len(piece.encode()) > LIMIT:
            break
        parts.append(piece)
        size += len(piece.encode())
        number += 1
    parts.append(tail)
    return "".join(parts)


def documents() -> dict[str, tuple[str, str]]:
    """Name -> (file suffix, text) of each hostile document."""
    bomb = "schema_version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]\n"
        for n in range(1, 9)
    )
    return {
        "YAML, bad partners (block)": (
            ".yaml",
            _fill("schema_version: 1\npartners:\n", lambda n: f"- {{name: p{n}, type: zz}}\n"),
        ),
        "YAML, unknown factor keys": (
            ".yaml",
            _fill("schema_version: 1\nfactors:\n", lambda n: f"  unknown_key_{n}: high\n"),
        ),
        "YAML, flow list of numbers": (
            ".yaml",
            _fill("schema_version: 1\nfactors: {scope: [", lambda n: f"{n}, ", "0]}\n"),
        ),
        "YAML, nesting 500k deep": (
            ".yaml",
            "schema_version: 1\nname: " + "[" * 250_000 + "]" * 250_000 + "\n",
        ),
        "YAML, alias bomb": (".yaml", bomb),
        "YAML, one huge value": (".yaml", "schema_version: 1\ndescription: " + "x" * (LIMIT - 40)),
        "YAML, 999 bad partners (under the value budget)": (
            ".yaml",
            "schema_version: 1\npartners:\n"
            + "".join(f"- {{name: p{n}, type: zz}}\n" for n in range(999)),
        ),
        "JSON, bad partners": (
            ".json",
            _fill(
                '{"schema_version": 1, "partners": [',
                lambda n: f'{{"name": "p{n}", "type": "zz"}}, ',
                '{"name": "z", "type": "zz"}]}',
            ),
        ),
        "JSON, nesting 500k deep": (".json", '{"schema_version": 1, "name": ' + "[" * 500_000),
        "JSON, unknown keys": (
            ".json",
            _fill('{"schema_version": 1, "factors": {', lambda n: f'"k{n}": 1, ', '"k": 1}}'),
        ),
    }


def _median(action: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _rejects(path: Path) -> Callable[[], None]:
    def action() -> None:
        try:
            load_scenario(path)
        except ScenarioError:
            return
        raise AssertionError(f"{path.name} was accepted")

    return action


def _link_rejects() -> Callable[[], None]:
    from ui.app.state import MAX_DOCUMENT_BYTES, decode_document, validate

    partners = [{"name": "a", "type": "zz"}] * (MAX_DOCUMENT_BYTES // 28)
    text = json.dumps({"schema_version": 1, "partners": partners}, separators=(",", ":"))
    link = base64.urlsafe_b64encode(zlib.compress(text[:MAX_DOCUMENT_BYTES].encode(), 9))

    def action() -> None:
        try:
            _, error = validate(decode_document(link.decode().rstrip("=")))
        except ValueError:
            return
        assert error is not None

    return action


def main() -> None:
    """Print the median rejection time of each hostile document and the worst."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per document (median)")
    repeat = parser.parse_args().repeat
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, (suffix, text)) in enumerate(documents().items()):
            path = Path(folder) / f"doc{number}{suffix}"
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size
            assert size <= LIMIT, (name, size)
            results[f"{name} ({size / LIMIT:.2f} MiB)"] = _median(_rejects(path), repeat)
    results["app link at the decoded-size limit"] = _median(_link_rejects(), repeat)
    width = max(map(len, results))
    for name, seconds in results.items():
        print(f"{name:<{width}}  {seconds * 1000:8.1f} ms")
    worst = max(results, key=results.__getitem__)
    print(f"worst: {worst}: median {results[worst] * 1000:.1f} ms over {repeat} runs")


if __name__ == "__main__":
    main()
