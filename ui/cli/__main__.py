"""``python -m ui.cli``: the same as the ``alliance-advisor`` console script."""

from __future__ import annotations

from ui.cli.commands import run

run()
