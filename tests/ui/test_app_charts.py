"""Chart specifications: plain Vega-Lite data built from the recommendation."""

from __future__ import annotations

import json

from ui.app import charts


def test_ranking_chart_holds_one_row_per_form_and_marks_the_first(demo_rec):
    spec = charts.ranking_chart(demo_rec)
    rows = spec["data"]["values"]
    assert [row["form"] for row in rows] == [item.form for item in demo_rec.ranking]
    assert [row["status"] for row in rows].count("recommended") == 1
    json.dumps(spec)  # plain data, ready for the browser


def test_comparison_chart_has_every_scenario_and_form(demo_rec):
    spec = charts.comparison_chart({"Now": demo_rec, "Then": demo_rec}, [])
    assert len(spec["data"]["values"]) == 10
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Now", "Then"]


def test_sensitivity_rows_cover_every_factor_and_form(demo_rec):
    rows = charts.sensitivity_records(demo_rec)
    assert len(rows) == 5 * len(demo_rec.sensitivity)
    spec = charts.sensitivity_chart(demo_rec)
    order = spec["encoding"]["y"]["sort"]
    by_label = {row.label: row for row in demo_rec.sensitivity}
    totals = [sum(by_label[label].shifts.values()) for label in order]
    assert totals == sorted(totals, reverse=True)


def test_trade_off_chart_highlights_any_two_forms(kb):
    rows = charts.trade_off_records(kb, ["joint_venture", "equity_alliance"])
    assert len(rows) == len(kb.forms) * len(kb.axes)
    assert {row["form"] for row in rows if row["highlight"]} == {
        "joint_venture",
        "equity_alliance",
    }
    assert all(1 <= row["value"] <= 5 for row in rows)


def test_every_trade_off_axis_points_better_outward(kb):
    rows = charts.trade_off_records(kb, [])
    for axis_id, axis in kb.axes.items():
        for form in kb.forms.values():
            label = axis.outward if axis.better == "low" else axis.label
            row = next(r for r in rows if r["form"] == form.id and r["axis"] == label)
            raw = form.profile[axis_id]
            assert row["value"] == (raw if axis.better == "high" else 6 - raw)


def test_a_low_is_better_axis_is_named_for_its_outward_end(kb):
    reversed_axes = [a for a in kb.axes.values() if a.better == "low"]
    assert reversed_axes  # resource commitment: less is better
    assert all(a.outward for a in reversed_axes)


def test_robustness_rows_are_empty_without_robustness(demo_rec):
    assert charts.robustness_records(demo_rec) == []
