"""A one-page classroom handout of a teaching case, as a self-contained HTML page.

The page prints on one A4 or Letter sheet: the situation, the answers that matter, a
question for the class, and (below a fold line, to hand out after the discussion) the
expert's choice, the advisor's answer and the teaching note, with sources. Every piece
of text is escaped; nothing is fetched from elsewhere when it is opened or printed.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from engine import KnowledgeBase

_STYLE = """
@page { size: auto; margin: 12mm; }
body { font: 9.8pt/1.35 Georgia, 'Times New Roman', serif; color: #111; max-width: 186mm; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 10.5pt; margin: 3mm 0 1mm; }
p, li { margin: 0 0 1.2mm; }
ul { padding-left: 5mm; margin: 0; }
.fold { border-top: 1px dashed #555; margin-top: 5mm; padding-top: 2mm; }
.small { font-size: 8.5pt; color: #444; }
"""


def _items(lines: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def handout_html(
    kb: KnowledgeBase,
    case_id: str,
    answers: Sequence[tuple[str, str]],
    advised: str | None,
) -> str:
    """The handout of one teaching case.

    Args:
        kb: the knowledge base holding the case, its forms and sources.
        case_id: the case's id.
        answers: the case's known answers as (question label, answer in words).
        advised: the form the advisor puts first for the case, if known.

    Returns:
        A complete HTML document.
    """
    case = kb.cases[case_id]
    scenario: Mapping[str, Any] = case.scenario
    names: dict[str, str] = {form.id: form.name for form in kb.forms.values()}
    description = str(scenario.get("description") or "")
    basis = "a documented alliance" if case.basis == "public" else "a labelled composite"
    advisor_line = (
        f"The advisor puts {names.get(advised, advised)} first."
        if advised
        else "The advisor's answer was not available."
    )
    sources = [kb.sources[s].citation for s in case.sources if s in kb.sources]
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(case.title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(case.title)}</h1>"
        f"<p class='small'>Teaching case based on {basis}.</p>"
        + (f"<h2>The situation</h2><p>{html.escape(description)}</p>" if description else "")
        + "<h2>What we know</h2><p>"
        + " · ".join(
            f"<b>{html.escape(label)}</b>: {html.escape(answer)}" for label, answer in answers
        )
        + "</p>"
        + "<h2>For the class</h2>"
        + "<p>Which of the five structures would you choose, and what single fact would"
        " change your mind?</p>"
        + _items([f"{form.name}: {form.summary}" for form in kb.forms.values()])
        + "<div class='fold'><h2>After the discussion</h2>"
        + f"<p>An experienced executive would choose {html.escape(names[case.expected])}."
        f" {html.escape(advisor_line)}</p>"
        + f"<p>{html.escape(case.teaching_note)}</p>"
        + "<p class='small'>Sources: "
        + "; ".join(html.escape(s) for s in sources)
        + "</p></div></body></html>"
    )


__all__ = ["handout_html"]
