"""A bounded fuzz of the scenario reader beyond the contract's shape (issue 10).

Hypothesis builds arbitrary YAML and JSON trees (any Unicode, numbers of any size, keys
that are text, numbers, booleans or null, nesting) and arbitrary text, sometimes placed
where the contract expects a section so validation is reached. The invariant: the reader
either returns a scenario or raises ScenarioError (the command line's exit 0 or 2), and
every problem names a field path, or is about the document as a whole, and prints as one
line free of control characters.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import Scenario, ScenarioError, load_scenario_text
from ui.cli import main

# Problems about the document as a whole; every other problem names its field.
DOCUMENT_LEVEL = {"not_parseable", "too_large", "too_deep", "not_mapping", "not_a_file"}
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SECTIONS = ["schema_version", "name", "partners", "factors", "description"]

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["unknown", "high", "pharma", "yes", "0x10", "1:30", "~", "", "trust"]),
)
_keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["str", "int", "bool", "my[key]", "trust", "name", "type", "scope"]),
    st.integers(-3, 3),
    st.booleans(),
    st.none(),
)
trees = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(_keys, inner, max_size=5)),
    max_leaves=30,
)


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """A tree, often a mapping holding trees where the contract's sections go."""
    if draw(st.booleans()):
        return draw(trees)
    doc: dict[Any, Any] = {"schema_version": draw(st.sampled_from([1, 1, 2, "1", True]))}
    for key in draw(st.lists(st.sampled_from(SECTIONS[1:]), max_size=4, unique=True)):
        doc[key] = draw(trees)
    doc.update(draw(st.dictionaries(_keys, trees, max_size=2)))
    return doc


def _check(text: str, json_format: bool | None) -> None:
    try:
        result = load_scenario_text(text, "fuzz", json_format=json_format)
    except ScenarioError as error:
        assert error.problems, "an error names at least one problem"
        for problem in error.problems:
            assert problem.path or problem.code in DOCUMENT_LEVEL, problem
            line = problem.describe()
            assert "\n" not in line and not CONTROL.search(line), line
        assert not CONTROL.search(error.describe())
    else:
        assert isinstance(result, Scenario)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from([None, False, True]))
def test_any_yaml_tree_is_read_or_refused_with_field_paths(doc, style):
    text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=style)
    _check(text, json_format=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_json_tree_is_read_or_refused_with_field_paths(doc):
    _check(json.dumps(doc, ensure_ascii=False, default=str), json_format=True)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_or_refused_with_field_paths(text):
    _check(text, json_format=None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="{}[]:,-?&*!|>'\"#%@` \n\tabc01", max_size=80))
def test_yaml_punctuation_soup_is_read_or_refused_with_field_paths(text):
    _check(text, json_format=False)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents())
def test_validate_exits_0_or_2_on_any_tree(tmp_path, doc):
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["validate", str(path)], stdout, stderr)
    assert code in (0, 2), stderr.getvalue()
    assert not CONTROL.search(stderr.getvalue())
