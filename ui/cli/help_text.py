"""Help text in plain words: no type labels (``<bool>``, ``<list[Path]>``) or braces.

Typer labels every parameter with its Python type and writes a required argument as
``{SCENARIO}...``. The command line's parameters carry their own metavars (PATH, FORMAT,
N) and help, so the labels are dropped and arguments are written the usual way:
``SCENARIO...`` when required, ``[SCENARIO]`` when optional.
"""

from __future__ import annotations

from typing import Any


def _no_type(ctx: Any = None) -> None:
    return None


def _usage_name(param: Any) -> str:
    name = param.metavar or (param.name or "").upper()
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"


def tidy_help(command: Any) -> Any:
    """The command (and its subcommands), with plain help labels; returned for chaining.

    Typer builds on its own copy of click, so parameters are told apart by their kind's
    name rather than by class.
    """
    for param in command.params:
        kind = getattr(param, "param_type_name", "")
        if kind == "argument":
            param.display_type_rich = _no_type
            param.display_type = _no_type
            usage = _usage_name(param)
            param._usage_display_name = lambda usage=usage: usage
            param._rich_display_name = lambda usage=usage: usage.strip("[]")
        elif kind == "option":
            label = None if param.is_flag else (param.metavar or (param.name or "").upper())
            param.display_type_rich = lambda ctx=None, label=label: label
            param.display_type = param.display_type_rich
    for sub in getattr(command, "commands", {}).values():
        tidy_help(sub)
    return command


__all__ = ["tidy_help"]
