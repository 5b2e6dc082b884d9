"""Trade-offs page: the forms on the trade-off axes, tipping points, the teaching cases.

Classroom mode (the sidebar switch) hides numbers until the class has predicted.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine import KnowledgeBase, Recommendation
from ui.app import advisor, charts, classroom, state, teaching
from ui.app.user_text import as_text
from ui.app.wording import citations

CASE_KEY = "case_choice"
FIRST_KEY = "tradeoff_highlight"
SECOND_KEY = "tradeoff_second"


def _pair(kb: KnowledgeBase, rec: Recommendation, *, hidden: bool) -> tuple[str, str]:
    """The two forms to highlight: the leading two, or (advice hidden) the first two listed."""
    names: dict[str, str] = {form.id: form.name for form in kb.forms.values()}
    forms: list[str] = list(names)
    leader = forms[0] if hidden else rec.recommendation
    order = forms if hidden else [item.form for item in rec.ranking]
    runner_up = next(f for f in order if f != leader)
    marked = "" if hidden else rec.recommendation
    left, right = st.columns(2)
    first: str = left.selectbox(
        "Highlight",
        forms,
        index=forms.index(leader),
        format_func=lambda f: names[f] + (" (recommended now)" if f == marked else ""),
        key=FIRST_KEY,
    )
    second: str = right.selectbox(
        "and", forms, index=forms.index(runner_up), format_func=names.__getitem__, key=SECOND_KEY
    )
    return first, second


def _axes(kb: KnowledgeBase, pair: tuple[str, str]) -> None:
    st.vega_lite_chart(spec=charts.trade_off_chart(kb, pair), width="stretch")
    st.caption("Every axis points the same way: a longer bar is better for the partners.")
    with st.expander("What the axes mean", icon=":material/straighten:"):
        st.dataframe(
            pd.DataFrame(
                [
                    {"Axis": a.outward or a.label, "Short bar": a.high, "Long bar": a.low}
                    if a.better == "low"
                    else {"Axis": a.label, "Short bar": a.low, "Long bar": a.high}
                    for a in kb.axes.values()
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    form = kb.forms[pair[0]]
    st.markdown(f"#### {form.name}")
    st.markdown(as_text(form.description))
    columns = st.columns(3)
    for column, (title, items) in zip(
        columns,
        (
            ("Strengths", form.strengths),
            ("Weaknesses", form.weaknesses),
            ("Healthcare uses", form.healthcare_uses),
        ),
        strict=True,
    ):
        column.markdown(f"**{title}**\n" + "\n".join(f"- {as_text(i)}" for i in items))
    with st.expander("Sources", icon=":material/menu_book:"):
        st.markdown(citations(kb.sources, form.sources))


def render() -> None:
    """Draw the trade-off chart, the tipping points and the teaching cases."""
    kb = advisor.knowledge_base()
    rec = advisor.recommendation(state.scenario())
    st.title("Trade-offs and teaching cases")
    state.show_flashes()
    classroom_on = classroom.on()
    st.markdown(
        "Every structure buys some things at the price of others. Pick two structures to"
        " compare them on the trade-off axes, see which answers tip the advice from one to"
        " the other, then try a teaching case."
    )
    hidden = classroom.hidden()
    pair = _pair(kb, rec, hidden=hidden)
    _axes(kb, pair)
    if hidden:
        st.subheader("Tipping points", divider="gray")
        st.info(
            "Classroom mode: the tipping points show which answers would turn the advice, so"
            " they appear once the class has revealed it on the Recommendation page.",
            icon=":material/school:",
        )
    elif pair[0] != pair[1]:
        teaching.tipping_points_view(kb, state.scenario(), rec, pair, numbers=not classroom_on)
    teaching.cases_view(kb, classroom=classroom_on)


render()
