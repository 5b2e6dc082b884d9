"""The pages' script paths, as ``st.switch_page`` and the navigation name them."""

from __future__ import annotations

START = "views/start.py"
RECOMMENDATION = "views/recommendation.py"
QUESTIONNAIRE = "views/questionnaire.py"
TRADE_OFFS = "views/trade_offs.py"
COMPARE = "views/compare.py"
RULES = "views/rules.py"
LIBRARY = "views/library.py"

__all__ = ["COMPARE", "LIBRARY", "QUESTIONNAIRE", "RECOMMENDATION", "RULES", "START", "TRADE_OFFS"]
