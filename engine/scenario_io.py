"""Reading scenario files safely and turning every validation failure into a FieldProblem."""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from engine.errors import MAX_REPORTED_PROBLEMS, FieldProblem, ProblemCode, ScenarioError
from engine.scenario import (
    COUNT_MISMATCH,
    Factors,
    Partner,
    Scenario,
    allowed_values_text,
    partner_count_clash,
)
from engine.scenario_yaml import ComplexKey, TooManyValues, read_yaml, write_yaml
from rules.vocabulary import FACTORS_BY_ID, PARTNER_TYPES

MAX_SCENARIO_BYTES = 1024 * 1024
"""The largest scenario document read, in bytes (UTF-8)."""
MAX_VALUES = 5000
"""The most values (mappings, lists, keys and scalars) a scenario document may hold.

The largest valid scenario, 500 partners and every factor answered, holds about 2,800;
counting stops at the limit, so an oversized document costs no more than this budget.
"""

_TOP_KEYS = tuple(Scenario.model_fields)
_PARTNER_KEYS = tuple(Partner.model_fields)
_FACTOR_KEYS = tuple(Factors.model_fields)
_SIMPLE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_BOM = "\ufeff"


def _too_large() -> FieldProblem:
    return FieldProblem(
        "", "the file is larger than 1 MiB", allowed="at most 1 MiB", code="too_large"
    )


def _too_many_values() -> FieldProblem:
    return FieldProblem(
        "",
        f"holds more than {MAX_VALUES} values (keys, list entries and answers)",
        allowed=f"at most {MAX_VALUES}: a scenario has at most 500 partners and 37 factors",
        code="too_large",
    )


def _no_duplicate_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _parse_failure(exc: Exception, kind: str) -> FieldProblem:
    """A parser's complaint in one line: what is wrong, and where (line and column)."""
    if isinstance(exc, json.JSONDecodeError):
        what, line, column = exc.msg, exc.lineno, exc.colno
    elif isinstance(exc, yaml.MarkedYAMLError):
        what = " ".join(p for p in (exc.context, exc.problem) if p) or type(exc).__name__
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    else:
        what, line, column = (str(exc).splitlines() or [type(exc).__name__])[0], 0, 0
    where = f" (line {line}, column {column})" if line else ""
    return FieldProblem("", f"not valid {kind}: {what}{where}", code="not_parseable")


def parse_document(text: str, source: str, *, json_format: bool | None = None) -> Any:
    """Parse scenario text (YAML or JSON) into plain data, refusing unsafe constructs.

    YAML is read with the YAML 1.2 core schema (see ``engine.scenario_yaml``). A byte
    order mark at the start is allowed in both formats.

    Args:
        text: the file's text.
        source: name used in error messages.
        json_format: force JSON (True) or YAML (False); ``None`` guesses from the text.

    Raises:
        ScenarioError: the text is too large, not parseable, or uses refused YAML features.
    """
    if (
        len(text) > MAX_SCENARIO_BYTES
        or len(text.encode("utf-8", "surrogatepass")) > MAX_SCENARIO_BYTES
    ):
        raise ScenarioError(source, [_too_large()])
    text = text.removeprefix(_BOM)
    if json_format is None:
        json_format = text.lstrip().startswith("{")
    try:
        if json_format:
            data = json.loads(text, object_pairs_hook=_no_duplicate_pairs)
            _count_values(data)
            return data
        return read_yaml(text, max_nodes=MAX_VALUES)
    except RecursionError as exc:
        raise ScenarioError(source, [_TOO_DEEP]) from exc
    except TooManyValues as exc:
        raise ScenarioError(source, [_too_many_values()]) from exc
    except (yaml.YAMLError, ValueError) as exc:
        kind = "JSON" if json_format else "YAML"
        raise ScenarioError(source, [_parse_failure(exc, kind)]) from exc


def _count_values(data: Any) -> None:
    """Raise ``TooManyValues`` if ``data`` holds more than ``MAX_VALUES`` values."""
    pending, count = [data], 0
    while pending:
        item = pending.pop()
        count += 1
        if count > MAX_VALUES:
            raise TooManyValues(MAX_VALUES)
        if isinstance(item, Mapping):
            count += len(item)  # the keys
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)


class _Index(int):
    """A list position in a problem's path (an ``int`` key of a mapping stays an ``int``)."""

    __slots__ = ()


_NOT_FOUND: Any = object()


def _key_in(mapping: Mapping[Any, Any], part: Any) -> Any:
    """The key of ``mapping`` that pydantic's location ``part`` stands for, if any."""
    try:
        if part in mapping:
            return part
    except TypeError:
        return _NOT_FOUND
    # pydantic names a key that is not text by its str(): 'None' for null.
    others = (key for key in mapping if not isinstance(key, str) and str(key) == part)
    return next(others, _NOT_FOUND)


def _steps(loc: tuple[Any, ...], data: Any) -> list[Any]:
    """The keys and list positions of pydantic's location, found in the input itself.

    pydantic also puts the labels of validators and unions into a location
    (``function-before[...]``, ``int``); only parts present in the data are kept, so a
    key named ``int`` or ``my[key]`` stays in the path and labels never do.
    """
    steps: list[Any] = []
    node = data
    for number, part in enumerate(loc, 1):
        if isinstance(node, Mapping):
            key = _key_in(node, part)
            if key is _NOT_FOUND:
                if number == len(loc):  # a required key that is missing
                    steps.append(part)
                continue
            steps.append(key)
            node = node[key]
        elif isinstance(node, list | tuple) and type(part) is int and 0 <= part < len(node):
            steps.append(_Index(part))
            node = node[part]
    return steps


def _path(steps: list[Any]) -> str:
    """A readable path: ``factors.scope[1]``, ``partners[0].type``, ``factors["my[key]"]``."""
    text = ""
    for step in steps:
        if isinstance(step, _Index):
            text += f"[{int(step)}]"
        elif isinstance(step, str) and _SIMPLE_KEY.match(step):
            text += ("." if text else "") + step
        elif isinstance(step, str):
            text += "[" + json.dumps(step, ensure_ascii=False) + "]"
        else:  # a key that is not text: a number, true/false or null
            text += ("." if text else "") + json.dumps(step, default=str)
    return text


def _names(steps: list[Any]) -> list[str]:
    return [s for s in steps if isinstance(s, str) and not isinstance(s, _Index)]


def _allowed_for(steps: list[Any]) -> str | None:
    names = _names(steps)
    if len(names) >= 2 and names[0] == "factors" and names[1] in FACTORS_BY_ID:
        return allowed_values_text(names[1])
    if names[:1] == ["partners"] and names[-1:] == ["type"]:
        return ", ".join(PARTNER_TYPES)
    if names == ["schema_version"]:
        return "1"
    return None


def _unknown_key_problem(steps: list[Any]) -> FieldProblem:
    key = steps[-1] if steps else ""
    parent = _names(steps[:-1])
    if parent == ["factors"]:
        known: tuple[str, ...] = _FACTOR_KEYS
    elif parent == ["partners"]:
        known = _PARTNER_KEYS
    else:
        known = _TOP_KEYS
    textual = isinstance(key, str) and not isinstance(key, ComplexKey)
    close = difflib.get_close_matches(key, known, n=1) if textual and len(key) <= 64 else []
    return FieldProblem(
        _path(steps),
        "unknown key" if textual else "unknown key (a key must be text)",
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


def problems_from_validation(
    exc: ValidationError, data: Any = None, limit: int = MAX_REPORTED_PROBLEMS
) -> tuple[list[FieldProblem], int]:
    """Turn pydantic's errors into FieldProblems with path, given value and allowed values.

    Work is linear in the number of errors: the first ``limit`` distinct problems are
    built in full, the rest only counted.

    Args:
        exc: pydantic's error.
        data: the input that was validated, which locates each problem's path.
        limit: how many problems to build.

    Returns:
        The problems, and how many more distinct ones there were.
    """
    return _collect(exc.errors(include_url=False), data, limit)


def _collect(errors: Iterable[Any], data: Any, limit: int) -> tuple[list[FieldProblem], int]:
    problems: dict[FieldProblem, None] = {}
    rest: set[tuple[Any, ...]] = set()
    for error in errors:
        if len(problems) >= limit:
            rest.add((tuple(map(repr, error["loc"])), error["type"]))
            continue
        steps = _steps(tuple(error["loc"]), data)
        if error["type"] in ("extra_forbidden", "invalid_key"):
            problems.setdefault(_unknown_key_problem(steps), None)
            continue
        code, message = _plain_message(error)
        given = None if error["type"] == "missing" else _shown(error["input"])
        problem = FieldProblem(_path(steps), message, given, _allowed_for(steps), code=code)
        problems.setdefault(problem, None)
    return list(problems), len(rest)


def _reported(errors: list[Any]) -> list[Any]:
    """The errors pydantic found, less the two the reader words itself or that add nothing.

    The count clash is reported by ``_partner_count_problem`` (found even when other
    fields are invalid); a short partner list is reported through its entries when
    they are wrong.
    """
    entry_problems = any(e["loc"][:1] == ("partners",) and len(e["loc"]) > 1 for e in errors)
    return [
        e
        for e in errors
        if e["type"] != COUNT_MISMATCH
        and not (entry_problems and e["loc"] == ("partners",) and e["type"] == "too_short")
    ]


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
        _count_values(data)
        return Scenario.model_validate(data)
    except TooManyValues as exc:
        raise ScenarioError(source, [_too_many_values()]) from exc
    except RecursionError as exc:
        raise ScenarioError(source, [_TOO_DEEP]) from exc
    except ValidationError as exc:
        limit = MAX_REPORTED_PROBLEMS
        problems, omitted = _collect(_reported(exc.errors(include_url=False)), data, limit)
        clash = _partner_count_problem(data)
        if clash is not None:
            problems.append(clash)
        raise ScenarioError(source, problems, omitted) from exc


def load_scenario_text(
    text: str, source: str = "scenario", *, json_format: bool | None = None
) -> Scenario:
    """Parse and validate scenario text (YAML or JSON)."""
    return scenario_from_data(parse_document(text, source, json_format=json_format), source)


def load_scenario(path: str | Path, *, case_files: bool = False) -> Scenario:
    """Read and validate a scenario file (``.yaml``, ``.yml`` or ``.json``).

    At most 1 MiB and one byte are read, and only from a regular file: a FIFO, a
    device or a socket is refused without waiting on it.

    Args:
        path: the file.
        case_files: also accept a teaching case or corpus case (a file whose
            ``scenario`` mapping is the scenario); its problems are reported under
            ``scenario.``. Without it such a file is refused in one line saying so.

    Raises:
        ScenarioError: the file is missing, not a regular file, too large, unparseable
            or invalid.
        OSError: the file exists but cannot be read (permissions, a symlink loop).
    """
    path = Path(path)
    source = str(path)
    raw = read_bounded(path, MAX_SCENARIO_BYTES, source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(source, [FieldProblem("", "not UTF-8 text", code="not_utf8")]) from exc
    data = parse_document(text, source, json_format=path.suffix.lower() == ".json")
    if _is_case(data):
        if not case_files:
            raise ScenarioError(source, [_CASE_NOT_SCENARIO])
        return _scenario_of_case(data, source)
    return scenario_from_data(data, source)


# Keys only a teaching case (knowledge_base/cases) or a corpus case has beside its scenario.
_CASE_KEYS = frozenset({"expected", "teaching_note", "chosen", "acceptable", "clarity"})
_CASE_NOT_SCENARIO = FieldProblem(
    "",
    "a teaching case, not a scenario: its scenario is the 'scenario:' mapping inside",
    allowed="a scenario file; 'recommend' and 'batch' also read case files, or copy the"
    " 'scenario:' mapping into a file of its own",
    code="not_a_file",
)


def _is_case(data: Any) -> bool:
    return (
        isinstance(data, Mapping)
        and "schema_version" not in data
        and isinstance(data.get("scenario"), Mapping)
        and bool(_CASE_KEYS.intersection(data))
    )


def _under_scenario(path: str) -> str:
    if not path:
        return "scenario"
    return f"scenario{path}" if path.startswith("[") else f"scenario.{path}"


def _scenario_of_case(case: Mapping[str, Any], source: str) -> Scenario:
    try:
        return scenario_from_data(case["scenario"], source)
    except ScenarioError as exc:
        inside = [replace(p, path=_under_scenario(p.path)) for p in exc.problems]
        raise ScenarioError(source, inside, exc.omitted) from exc


def read_bounded(path: Path, limit: int, source: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, reading no more than ``limit + 1``.

    Raises:
        ScenarioError: no such file, a folder, not a regular file, or larger than ``limit``.
        OSError: any other reason the file cannot be opened or read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError as exc:
        raise ScenarioError(source, [FieldProblem("", "no such file", code="not_found")]) from exc
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise ScenarioError(
                source, [FieldProblem("", "is a folder, not a scenario file", code="not_a_file")]
            )
        if not stat.S_ISREG(mode):
            raise ScenarioError(
                source,
                [
                    FieldProblem(
                        "",
                        f"is a {_kind_of(mode)}, not a regular file",
                        allowed="a regular YAML or JSON file",
                        code="not_regular",
                    )
                ],
            )
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ScenarioError(source, [_too_large()])
    return data


def _kind_of(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "named pipe (FIFO)"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    )
    return next((name for test, name in kinds if test(mode)), "special file")


def dump_scenario(scenario: Scenario, *, json_format: bool = False) -> str:
    """The scenario as YAML (default) or JSON text in the contract's format."""
    doc = scenario.to_document()
    if json_format:
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    return write_yaml(doc)


__all__ = [
    "MAX_SCENARIO_BYTES",
    "MAX_VALUES",
    "dump_scenario",
    "load_scenario",
    "load_scenario_text",
    "parse_document",
    "problems_from_validation",
    "read_bounded",
    "scenario_from_data",
]
