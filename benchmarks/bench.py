"""Benchmarks for Alliance Advisor. Prints medians over repeated runs, and ratios.

Run: uv run python benchmarks/bench.py [--quick]

Targets (2-core machine, issue 11): a warm recommendation with what-if, next questions
and sensitivity <= 15 ms; what-if per variant no slower than CLIPS's incremental re-run
(benchmarks/peer_clips.py prints that ratio); exact robustness over 10^6 completions
<= 1 s; bare experta inference >= 2x faster than before issue 11; batch >= 120 Markdown
memos/s on 2 workers; CLI recommend wall <= 1.5 s; a widget change in the app <= 100 ms
of server time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import Scenario, default_reasoner, load_scenario, recommend  # noqa: E402
from engine.analysis import compiled_variants, run_variants, share_first  # noqa: E402
from engine.reasoner import build_reasoner  # noqa: E402
from engine.scenario_io import scenario_from_data  # noqa: E402

EXAMPLES = ROOT / "tests" / "fixtures" / "contract"


def median_ms(fn: Callable[[], object], repeat: int, *, cpu: bool = True) -> float:
    """Median time of ``fn`` in milliseconds: CPU time of this process, or wall time.

    CPU time for work done in this process: on the shared machine wall time mostly
    measures the other processes. Wall time for subprocesses (the CLI).
    """
    clock = time.process_time if cpu else time.perf_counter
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append((clock() - start) * 1000)
    return statistics.median(times)


def report(name: str, value_ms: float, target: str = "") -> None:
    """Print one result line."""
    print(f"{name:<58} {value_ms:10.2f} ms   {target}")


def bench_scenario(label: str, scenario: Scenario, repeat: int) -> None:
    """Inference, recommendation, analyses and robustness for one scenario."""
    reasoner = default_reasoner()
    kb = reasoner.kb
    values = scenario.factor_values()
    engine = reasoner.engine()

    def bare() -> None:
        engine.load(values)
        engine.run()

    def experta_variants() -> int:
        bare()
        return len(list(run_variants(engine, kb, values)))

    def afresh(fn: Callable[[], object]) -> Callable[[], object]:
        """``fn`` on a scenario never seen: the memo of analyses emptied first."""

        def run() -> object:
            reasoner.memo.clear()
            return fn()

        return run

    count = experta_variants()
    bare_ms = median_ms(bare, repeat)
    quick_ms = median_ms(afresh(lambda: recommend(scenario, analyses=False)), repeat)
    fresh_ms = median_ms(afresh(lambda: recommend(scenario)), repeat)
    warm_ms = median_ms(lambda: recommend(scenario), repeat)
    compiled_ms = median_ms(lambda: compiled_variants(reasoner, values), repeat)
    experta_ms = median_ms(experta_variants, max(3, repeat // 4)) - bare_ms
    robust_ms = median_ms(afresh(lambda: share_first(reasoner, values)), repeat)
    shares = share_first(reasoner, values)
    unknown = sum(1 for value in values.values() if value is None)
    how = (
        f"exact over {shares.completions:,} completions ({shares.evaluated:,} cases)"
        if shares.exhaustive
        else f"sample of {shares.completions:,}, ±{shares.error_bound:.2%}"
    )

    print(f"[{label}: {unknown} unknown answers, {count} single-answer variants]")
    report("bare experta inference (reset, declare, run)", bare_ms)
    report("recommendation without what-if (ranking, confidence, ...)", quick_ms)
    report(
        "warm recommendation with what-if, next questions, sensitivity",
        fresh_ms,
        "target <= 15 ms (answers never seen: robustness counted afresh)",
    )
    report("  the same, answers seen before (robustness from the memo)", warm_ms)
    report(
        "what-if, per variant, compiled rules",
        compiled_ms / max(count, 1),
        f"experta {experta_ms / max(count, 1):.3f} ms per variant"
        f" ({experta_ms / compiled_ms:.0f}x slower)",
    )
    report("robustness share", robust_ms, how)
    if not shares.exhaustive:
        report(
            "  the same, first sample in a process",
            first_sample_ms(scenario, max(3, repeat // 4)),
            "classes listed, draws made and kept (once per process)",
        )
    print()


def first_sample_ms(scenario: Scenario, repeat: int) -> float:
    """Median CPU time of the first robustness sample on a newly built reasoner.

    The sample's draws, and the truth of every test on them, are made once per process
    and kept; this is what the first sampled scenario of a process pays for them (and
    for listing the classes of values of its unknown factors).
    """
    kb = default_reasoner().kb
    values = scenario.factor_values()
    times = []
    for _ in range(repeat):
        fresh = build_reasoner(kb)
        truths = fresh.fast.truths(values)
        start = time.process_time()
        share_first(fresh, values, truths)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def exact_robustness(repeat: int) -> None:
    """Exact robustness on the fully answered example with 15 answers made unknown.

    That is 9.6 million completions, 944,784 combinations of classes once values no
    test tells apart are merged: timed with every combination ranked, and with the
    independent groups (far fewer cases, within the default budget of 100,000).
    """
    reasoner = default_reasoner()
    full = load_scenario(EXAMPLES / "cardiac-monitoring-rev2.yaml").factor_values()
    blank = (
        "competitive_overlap scale_efficiency complementarity synergy_type resource_type"
        " asset_specificity integration_depth innovation_pace ip_sensitivity results_openness"
        " uncertainty regulatory_complexity antitrust_exposure cross_border data_sensitivity"
    ).split()
    values = {k: None if k in blank else v for k, v in full.items()}
    shares = share_first(reasoner, values, budget=10**6)
    assert shares.exhaustive
    every = share_first(reasoner, values, budget=10**6, grouped=False)
    print(f"[exact robustness: {len(blank)} unknown answers]")
    for found, grouped in ((every, False), (shares, True)):

        def count(grouped: bool = grouped) -> object:
            reasoner.memo.clear()
            return share_first(reasoner, values, budget=10**6, grouped=grouped)

        ms = median_ms(count, max(3, repeat // 4))
        how = "independent groups" if grouped else "every combination of classes"
        report(
            f"{found.completions:,} completions, {found.evaluated:,} cases ({how})",
            ms,
            "target <= 1000 ms (10^6 completions)",
        )
    print()


def main() -> int:
    """Run the benchmarks and print medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument(
        "--only",
        action="append",
        choices=PARTS,
        help="run only this part (repeatable); every part by default",
    )
    args = parser.parse_args()
    parts = set(args.only or PARTS)
    repeat = 5 if args.quick else 21
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)")

    reasoner = default_reasoner()
    kb = reasoner.kb
    demo = scenario_from_data(kb.demo, "demo")
    partial = load_scenario(EXAMPLES / "minimal-unknowns.yaml")
    cardiac = load_scenario(EXAMPLES / "cardiac-monitoring.yaml")
    print(f"knowledge base {kb.version}: {len(kb.rules)} rules; {repeat} repetitions\n")

    full = load_scenario(EXAMPLES / "cardiac-monitoring-rev2.yaml")
    if "engine" in parts:
        for label, scenario in (
            ("cardiac-monitoring-rev2, fully answered", full),
            ("cardiac-monitoring", cardiac),
            ("demo", demo),
            ("minimal-unknowns", partial),
        ):
            bench_scenario(label, scenario, repeat)
        exact_robustness(repeat)
    if "cli" in parts:
        cli_start(repeat)
    if "batch" in parts:
        batch_memos(quick=args.quick)
        print()
    if "app" in parts:
        app_rerender(quick=args.quick)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)")
    return 0


PARTS = ("engine", "cli", "batch", "app")


def cli_start(repeat: int) -> None:
    """Wall time of ``alliance-advisor recommend`` from a fresh interpreter."""
    cli = [
        sys.executable,
        "-m",
        "ui.cli",
        "recommend",
        str(EXAMPLES / "cardiac-monitoring.yaml"),
        "--format",
        "json",
    ]
    cli_ms = median_ms(
        lambda: subprocess.run(cli, cwd=ROOT, check=True, capture_output=True),
        max(3, repeat // 4),
        cpu=False,
    )
    report("CLI recommend (cold start, JSON)", cli_ms, "target <= 1500 ms")
    print()


# --- batch memos -------------------------------------------------------------------------

BATCH_SCENARIOS = 200


def batch_memos(*, quick: bool) -> None:
    """A batch of generated scenarios to Markdown and to PDF on a two-process pool.

    Target: >= 120 scenarios per second for Markdown (issue 11); PDF is reported. Each memo carries
    the what-if changes and next questions (the costly part of a recommendation); the
    line without them shows how much of the time the memo itself takes.
    """
    import tempfile

    import yaml

    sys.path.insert(0, str(ROOT / "tests"))
    from support.generate import random_documents

    from ui.cli.batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "scenarios"
        inputs.mkdir()
        for number, document in enumerate(random_documents(BATCH_SCENARIOS, seed=2026)):
            (inputs / f"scenario-{number:03d}.yaml").write_text(
                yaml.safe_dump(document, sort_keys=False), encoding="utf-8"
            )
        runs = iter(range(10**6))

        def batch(fmt: str, analyses: bool) -> None:
            output = Path(tmp) / f"{fmt}-{next(runs)}"
            result = run_batch([str(inputs)], output, fmt, jobs=2, analyses=analyses, progress=None)
            assert not result.failures, result.failures[0].describe()

        cases = (
            ("Markdown", "markdown", True, 1 if quick else 3, "target >= 120/s"),
            ("Markdown, no what-if or next questions", "markdown", False, 1 if quick else 3, ""),
            ("PDF", "pdf", True, 1, "reported"),
        )
        print(f"[batch of {BATCH_SCENARIOS} generated scenarios, 2 worker processes]")
        for label, fmt, analyses, repeat, target in cases:
            times, cpu = [], []
            for _ in range(repeat):  # no warm-up run: each batch starts fresh workers anyway
                start, used = time.perf_counter(), _cpu_of_workers()
                batch(fmt, analyses)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append(_cpu_of_workers() - used)
            wall_ms = statistics.median(times)
            rate = BATCH_SCENARIOS / (wall_ms / 1000)
            load = f"load {os.getloadavg()[0]:.1f}"  # other processes slow the wall time
            report(f"batch to {label}", wall_ms, f"{rate:6.1f} scenarios/s   {target}   {load}")
            per_memo = statistics.median(cpu) / BATCH_SCENARIOS
            report(
                "  CPU of the workers per memo",
                per_memo * 1000,
                f"{2 / per_memo:6.1f} scenarios/s if both cores were free",
            )


def _cpu_of_workers() -> float:
    """CPU seconds (user and system) of the finished worker processes of this process."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


# --- the app -----------------------------------------------------------------------------

APP_TARGET = "target <= 100 ms"


def app_rerender(*, quick: bool) -> None:
    """Server time of one widget change in the Streamlit app, measured with AppTest.

    Target: median <= 100 ms (issue 11), in CPU time of this process. AppTest runs the
    app in this process without a browser, so this is server time only; it also
    recompiles the page scripts on every run, which a real server does once, so the
    figures are a little pessimistic. A "new answer" is a scenario never seen before
    (the engine reasons afresh, the usual case); a "seen answer" is one the
    recommendation cache already holds.
    """
    import itertools
    import os
    import tempfile

    # The app's own settings (ui/app/.streamlit/config.toml, which `streamlit run` reads
    # beside the entry script) apply only from the working folder under AppTest; without
    # them every run also pays "magic"'s rewrite of each page, which the app turns off.
    os.chdir(ROOT / "ui" / "app")
    from streamlit.testing.v1 import AppTest

    from ui.app.questions import build_questions

    kb = default_reasoner().kb
    demo = kb.demo["factors"]
    changes = [  # each one moves the scenario somewhere it has not been yet
        (q, next(v for v in q.values if v != demo.get(q.factor)))
        for q in build_questions(kb)
        if q.kind in ("level", "choice", "boolean")
    ]
    repeat = 5 if quick else 15

    def timed(at: AppTest) -> float:
        start = time.process_time()
        at.run()
        assert not at.exception, at.exception
        return (time.process_time() - start) * 1000

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ALLIANCE_ADVISOR_DB_URL"] = f"sqlite:///{tmp}/library.db"
        at = AppTest.from_file(str(ROOT / "ui" / "app" / "streamlit_app.py"), default_timeout=120)
        at.run()
        at.switch_page("views/questionnaire.py").run()
        fresh = []
        for question, value in changes[:repeat]:
            at.selectbox(key=question.key).set_value(value)
            fresh.append(timed(at))
        seen = []
        toggle = itertools.cycle(["low", "high"])
        for _ in range(repeat + 2):
            at.selectbox(key="q_trust").set_value(next(toggle))
            seen.append(timed(at))
        at.switch_page("views/recommendation.py").run()
        pair = []
        forms = itertools.cycle(["joint_venture", "consortium", "supply_chain_partnership"])
        for _ in range(repeat):
            at.selectbox(key="pair_first").set_value(next(forms))
            pair.append(timed(at))
        what_if = []
        for question, value in changes[-repeat:]:
            at.selectbox(key="whatif_factor").set_value(question.factor)
            at.run()
            at.selectbox(key=f"whatif_value_{question.factor}").set_value(value)
            what_if.append(timed(at))

        at.switch_page("views/questionnaire.py").run()
        at.button(key="sidebar_blank").click().run()  # quick mode starts from a blank scenario
        at.radio(key="questionnaire_mode").set_value("Quick").run()
        quick = []
        for _ in range(repeat * 2):
            asked = [w for w in at.selectbox if w.key.startswith("q_guided_")]
            if not asked:
                if "guided_skip" not in [b.key for b in at.button]:
                    break
                at.button(key="guided_skip").click().run()  # a count or a list: skip it
                continue
            asked[0].set_value(_last_value(kb, asked[0].key))
            at.button(key="guided_answer").click()
            quick.append(timed(at))
        at.switch_page("views/trade_offs.py").run()
        tipping = []
        for toggle in [t for t in at.toggle if t.key.startswith("tip_")][:repeat]:
            toggle.set_value(True)
            tipping.append(timed(at))

    print(f"[the app: server time of one widget change, AppTest, median of {repeat}]")
    report("questionnaire: a new answer (engine reasons)", statistics.median(fresh), APP_TARGET)
    report("questionnaire: an answer seen before (cached)", statistics.median(seen[2:]), APP_TARGET)
    report("recommendation page: a new what-if answer", statistics.median(what_if), APP_TARGET)
    report("recommendation page: another pair of forms", statistics.median(pair), APP_TARGET)
    if quick:
        report("quick questions: an answer (engine reasons)", statistics.median(quick), APP_TARGET)
    if tipping:
        report("trade-offs: a tipping point switched on", statistics.median(tipping), APP_TARGET)


def _last_value(kb: object, key: str) -> object:
    """The last allowed value of the question a quick-mode widget key asks."""
    from ui.app.questions import build_questions

    factor = key.removeprefix("q_guided_")
    question = next(q for q in build_questions(kb) if q.factor == factor)  # type: ignore[arg-type]
    return question.values[-1]


if __name__ == "__main__":
    raise SystemExit(main())
