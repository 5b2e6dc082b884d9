"""Write or compare the JSON output of every contract fixture, teaching case and the demo.

A refactoring must not change what the advisor says. Run once before it to record, once
after it to compare:

    uv run python benchmarks/json_snapshot.py record SNAPSHOT_DIR
    uv run python benchmarks/json_snapshot.py compare SNAPSHOT_DIR

The output is `alliance-advisor recommend --format json` for each scenario (contract fixtures
that are valid, every teaching case's scenario, the demo). `compare` prints each file that
differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import difflib
import io
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def scenarios() -> dict[str, Path]:
    """Every scenario whose JSON is pinned, by a stable name."""
    found = {
        f"fixture-{p.stem}": p for p in sorted((ROOT / "tests/fixtures/contract").glob("*.yaml"))
    }
    found = {k: p for k, p in found.items() if "invalid" not in k}
    found["demo"] = ROOT / "knowledge_base" / "demo.yaml"
    for case in sorted((ROOT / "knowledge_base" / "cases").glob("*.yaml")):
        found[f"case-{case.stem}"] = case
    return found


def recommendation_json(path: Path, workdir: Path) -> str:
    """The CLI's JSON for one scenario file (teaching cases: their scenario part)."""
    from ui.cli import main  # the entry point under test, whatever module holds it

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "scenario" in data and "schema_version" not in data:
        path = workdir / f"{path.stem}.yaml"
        path.write_text(yaml.safe_dump(data["scenario"], sort_keys=False), encoding="utf-8")
    out = io.StringIO()
    old = sys.stdout
    sys.stdout = out
    try:
        try:
            code = main(["recommend", str(path), "--format", "json"])
        except SystemExit as exc:  # older entry points exit instead of returning
            code = exc.code
    finally:
        sys.stdout = old
    if code not in (0, None):
        raise SystemExit(f"{path}: exit {code}")
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    work = args.folder / ".work"
    work.mkdir(exist_ok=True)
    differing = 0
    for name, path in scenarios().items():
        text = recommendation_json(path, work)
        target = args.folder / f"{name}.json"
        if args.action == "record":
            target.write_text(text, encoding="utf-8")
        elif not target.exists() or target.read_text(encoding="utf-8") != text:
            differing += 1
            old = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
            diff = difflib.unified_diff(old, text.splitlines(), str(target), name, lineterm="", n=1)
            print("\n".join(list(diff)[:40]))
    total = len(scenarios())
    print(f"{args.action}: {total} scenarios, {differing} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
