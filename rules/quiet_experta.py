"""experta's names, imported without the logging handler experta's import installs.

``experta.engine`` and ``experta.watchers`` call ``logging.basicConfig()`` when they are
imported. With no handler on the root logger yet, that adds one (a stream handler on
standard error), and a program that imports the advisor and then sets up its own logging
with ``logging.basicConfig(...)`` would find its call silently ignored, because the root
logger already has a handler. So experta is imported here, once, and any root handler
that appeared during that import is removed again: the root logger is left exactly as it
was. A handler the program configured before is kept; the standard library is not
patched; a program that imported experta itself first keeps what that import did.
Every other module takes experta's names from here.
"""

from __future__ import annotations

import logging

_root = logging.getLogger()
_before = list(_root.handlers)

from experta import AND, OR, Fact, Field, KnowledgeEngine, P, Rule, watchers  # noqa: E402
from experta.matchers import ReteMatcher  # noqa: E402

for _handler in [h for h in _root.handlers if h not in _before]:
    _root.removeHandler(_handler)

__all__ = ["AND", "OR", "Fact", "Field", "KnowledgeEngine", "P", "ReteMatcher", "Rule", "watchers"]
