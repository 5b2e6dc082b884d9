"""Reading scenario files safely and turning every validation failure into a FieldProblem."""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from engine.errors import FieldProblem, ProblemCode, ScenarioError
from engine.scenario import (
    COUNT_MISMATCH,
    Factors,
    Partner,
    Scenario,
    allowed_values_text,
    partner_count_clash,
)
from rules.vocabulary import FACTORS_BY_ID, PARTNER_TYPES

MAX_SCENARIO_BYTES = 1024 * 1024

_TOP_KEYS = tuple(Scenario.model_fields)
_PARTNER_KEYS = tuple(Partner.model_fields)
_FACTOR_KEYS = tuple(Factors.model_fields)


class _StrictSafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases (billion-laughs bombs) and duplicate keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D102
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "YAML aliases (*name) are not allowed in a scenario; write the value out",
                event.start_mark,
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "YAML anchors (&name) are not allowed in a scenario; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # noqa: D102
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"duplicate key {key!r}",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _no_duplicate_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def parse_document(text: str, source: str, *, json_format: bool | None = None) -> Any:
    """Parse scenario text (YAML or JSON) into plain data, refusing unsafe constructs.

    Args:
        text: the file's text.
        source: name used in error messages.
        json_format: force JSON (True) or YAML (False); ``None`` guesses from the text.

    Raises:
        ScenarioError: the text is too large, not parseable, or uses refused YAML features.
    """
    if len(text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            source,
            [
                FieldProblem(
                    "", "the file is larger than 1 MiB", allowed="at most 1 MiB", code="too_large"
                )
            ],
        )
    if json_format is None:
        json_format = text.lstrip().startswith("{")
    try:
        if json_format:
            return json.loads(text, object_pairs_hook=_no_duplicate_pairs)
        return yaml.load(text, Loader=_StrictSafeLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError as exc:
        raise ScenarioError(source, [_TOO_DEEP]) from exc
    except (yaml.YAMLError, ValueError) as exc:
        kind = "JSON" if json_format else "YAML"
        problem = FieldProblem("", f"not valid {kind}: {exc}", code="not_parseable")
        raise ScenarioError(source, [problem]) from exc


def _path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic inserts validator/union labels ("function-before[...]", "literal[...]") into loc.
    return tuple(
        part
        for part in loc
        if isinstance(part, int) or ("[" not in part and part not in {"int", "bool", "str"})
    )


def _allowed_for(loc: tuple[Any, ...]) -> str | None:
    names = [p for p in loc if isinstance(p, str)]
    if len(names) >= 2 and names[0] == "factors" and names[1] in FACTORS_BY_ID:
        return allowed_values_text(names[1])
    if names[:1] == ["partners"] and names[-1:] == ["type"]:
        return ", ".join(PARTNER_TYPES)
    if names == ["schema_version"]:
        return "1"
    return None


def _unknown_key_problem(loc: tuple[Any, ...]) -> FieldProblem:
    key = str(loc[-1])
    parent = [p for p in loc[:-1] if isinstance(p, str)]
    if parent == ["factors"]:
        known: tuple[str, ...] = _FACTOR_KEYS
    elif parent == ["partners"]:
        known = _PARTNER_KEYS
    else:
        known = _TOP_KEYS
    close = difflib.get_close_matches(key, known, n=1)
    return FieldProblem(
        _path(loc),
        "unknown key",
        allowed=", ".join(known),
        suggestion=close[0] if close else None,
        code="unknown_key",
    )


def _shown(value: Any, limit: int = 80) -> str:
    """A given value as JSON, shortened so one long field cannot flood the report."""
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# pydantic's error types, in the scenario format's words: (code, message or template).
_MESSAGES: dict[str, tuple[ProblemCode, str]] = {
    "missing": ("missing", "required but missing"),
    "literal_error": ("not_allowed", "not an allowed value"),
    "enum": ("not_allowed", "not an allowed value"),
    "too_short": ("too_short", "needs at least {min_length} entries"),
    "string_too_long": ("too_long", "is longer than {max_length} characters"),
    "too_long": ("too_long", "has more than {max_length} entries"),
    "greater_than_equal": ("out_of_range", "is out of range"),
    "less_than_equal": ("out_of_range", "is out of range"),
    "int_type": ("not_integer", "must be a whole number"),
    "int_parsing": ("not_integer", "must be a whole number"),
    "int_from_float": ("not_integer", "must be a whole number"),
    "bool_type": ("not_boolean", "must be true or false (unquoted)"),
    "bool_parsing": ("not_boolean", "must be true or false (unquoted)"),
    "string_type": ("not_text", "must be text"),
    "tuple_type": ("not_list", "must be a list"),
    "list_type": ("not_list", "must be a list"),
    "model_type": ("not_mapping", "must be a mapping of keys to values"),
    "dict_type": ("not_mapping", "must be a mapping of keys to values"),
    "model_attributes_type": ("not_mapping", "must be a mapping of keys to values"),
}
# Errors whose pydantic message is already in the format's words.
_OWN_CODES: dict[str, ProblemCode] = {
    COUNT_MISMATCH: COUNT_MISMATCH,
    "string_too_short": "too_short",
}


def _plain_message(error: Any) -> tuple[ProblemCode, str]:
    """The problem's code, and pydantic's message in the words of the scenario format."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in _MESSAGES:
        code, template = _MESSAGES[kind]
        return code, template.format(
            min_length=ctx.get("min_length"), max_length=ctx.get("max_length")
        )
    message = str(error["msg"]).removeprefix("Value error, ")
    return _OWN_CODES.get(kind, "invalid"), message


def problems_from_validation(exc: ValidationError) -> list[FieldProblem]:
    """Turn pydantic's errors into FieldProblems with path, given value and allowed values."""
    problems: list[FieldProblem] = []
    for error in exc.errors(include_url=False):
        loc = _clean_loc(tuple(error["loc"]))
        if error["type"] == "extra_forbidden":
            problems.append(_unknown_key_problem(loc))
            continue
        code, message = _plain_message(error)
        given = None if error["type"] == "missing" else _shown(error["input"])
        problem = FieldProblem(_path(loc), message, given, _allowed_for(loc), code=code)
        if problem not in problems:
            problems.append(problem)
    return problems


_TOO_DEEP = FieldProblem(
    "", "nested too deeply", allowed="the contract's flat structure", code="too_deep"
)


def _partner_count_problem(data: Mapping[str, Any]) -> FieldProblem | None:
    """The count/partner-list disagreement, found even when other fields are invalid."""
    partners, factors = data.get("partners"), data.get("factors")
    if not isinstance(partners, list) or not isinstance(factors, Mapping):
        return None
    return partner_count_clash(factors.get("partner_count"), partners)


def scenario_from_data(data: Any, source: str = "scenario") -> Scenario:
    """Validate plain data (a parsed file, or what the app collected) into a Scenario.

    Raises:
        ScenarioError: with every problem found, each naming its field path.
    """
    if not isinstance(data, Mapping):
        kind = "nothing" if data is None else type(data).__name__
        raise ScenarioError(
            source,
            [
                FieldProblem(
                    "",
                    f"a scenario must be a mapping of keys to values, not {kind}",
                    code="not_mapping",
                )
            ],
        )
    try:
        return Scenario.model_validate(data)
    except RecursionError as exc:
        raise ScenarioError(source, [_TOO_DEEP]) from exc
    except ValidationError as exc:
        problems = [p for p in problems_from_validation(exc) if p.code != COUNT_MISMATCH]
        clash = _partner_count_problem(data)
        if clash is not None:
            problems.append(clash)
        # A short partner list is reported through its entries when they are wrong.
        if any(p.path.startswith("partners[") for p in problems):
            problems = [p for p in problems if not (p.path == "partners" and p.code == "too_short")]
        raise ScenarioError(source, problems) from exc


def load_scenario_text(
    text: str, source: str = "scenario", *, json_format: bool | None = None
) -> Scenario:
    """Parse and validate scenario text (YAML or JSON)."""
    return scenario_from_data(parse_document(text, source, json_format=json_format), source)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (``.yaml``, ``.yml`` or ``.json``).

    Raises:
        ScenarioError: the file is missing, too large, unparseable or invalid.
    """
    path = Path(path)
    source = str(path)
    try:
        if path.stat().st_size > MAX_SCENARIO_BYTES:
            raise ScenarioError(
                source,
                [
                    FieldProblem(
                        "",
                        "the file is larger than 1 MiB",
                        allowed="at most 1 MiB",
                        code="too_large",
                    )
                ],
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ScenarioError(source, [FieldProblem("", "no such file", code="not_found")]) from exc
    except IsADirectoryError as exc:
        raise ScenarioError(
            source, [FieldProblem("", "is a folder, not a scenario file", code="not_a_file")]
        ) from exc
    except UnicodeDecodeError as exc:
        raise ScenarioError(source, [FieldProblem("", "not UTF-8 text", code="not_utf8")]) from exc
    return load_scenario_text(text, source, json_format=path.suffix.lower() == ".json")


def dump_scenario(scenario: Scenario, *, json_format: bool = False) -> str:
    """The scenario as YAML (default) or JSON text in the contract's format."""
    doc = scenario.to_document()
    if json_format:
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


__all__ = [
    "MAX_SCENARIO_BYTES",
    "dump_scenario",
    "load_scenario",
    "load_scenario_text",
    "parse_document",
    "problems_from_validation",
    "scenario_from_data",
]
