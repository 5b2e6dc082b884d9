"""The command line and the batch runner: ``alliance-advisor recommend|validate|batch|kb|app``.

``main(argv, stdout, stderr)`` runs one command line and returns its exit code; ``run`` is the
console-script entry point.
"""

from __future__ import annotations

from ui.cli.commands import main, run

__all__ = ["main", "run"]
