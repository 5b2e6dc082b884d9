"""The compiled rules' lookup tables say what the rules' own tests say of every value."""

from __future__ import annotations

import numpy as np

from engine import default_reasoner
from engine.analysis import completion_values
from engine.compiled import _every_value, _holds, _list_table
from rules.conditions import make_checker
from rules.vocabulary import FACTORS, FactorKind


def test_every_tests_table_matches_the_test_applied_to_each_value() -> None:
    fast = default_reasoner().fast
    for number, test in enumerate(fast._test_list):
        spec = next(s for s in FACTORS if s.id == test.factor)
        if spec.kind is FactorKind.COUNT:
            continue
        check = fast._checker(test)
        expected = [False] + [_holds(check, value) for value in _every_value(spec)]
        assert fast._tables[number].tolist() == expected, test


def test_list_tables_match_the_list_tests_for_operands_outside_the_vocabulary() -> None:
    for spec in (s for s in FACTORS if s.kind is FactorKind.SET):
        first = spec.values[0]
        operands = {
            "includes": [first, "not-a-member"],
            "includes_any": [(), (first,), (first, "not-a-member"), tuple(spec.values[:3])],
            "includes_all": [(), (first,), (first, "not-a-member"), tuple(spec.values[:3])],
            "excludes_all": [(), (first,), (first, "not-a-member"), tuple(spec.values[:3])],
        }
        for operator, arguments in operands.items():
            for argument in arguments:
                check = make_checker(operator, argument, None)
                expected = [False] + [_holds(check, v) for v in _every_value(spec)]
                table = _list_table(spec, operator, argument)
                assert table.dtype == np.bool_
                assert table.tolist() == expected, (spec.id, operator, argument)


def test_value_classes_group_values_by_what_every_test_on_the_factor_says() -> None:
    reasoner = default_reasoner()
    fast = reasoner.fast
    for spec in FACTORS:
        domain = completion_values(spec, reasoner.kb)
        checks = [fast._checker(t) for t in fast._test_list if t.factor == spec.id]
        expected = [tuple(_holds(check, value) for check in checks) for value in domain]
        assert fast._signatures(spec.id, domain) == expected, spec.id
