"""Trade-offs page: the five forms on the trade-off axes, and the teaching cases."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine import KnowledgeBase
from ui.app import advisor, charts, state
from ui.app.wording import citations, markdown_escape

CASE_KEY = "case_choice"


def _load_case(case_id: str) -> None:
    kb = advisor.knowledge_base()
    case = kb.cases[case_id]
    state.replace(case.scenario)
    state.flash("success", f"Teaching case “{case.title}” is now the current scenario.")


def _axes(kb: KnowledgeBase, recommended: str) -> None:
    names: dict[str, str] = {form.id: form.name for form in kb.forms.values()}
    forms: list[str] = list(names)
    highlight: str = st.selectbox(
        "Highlight",
        forms,
        index=forms.index(recommended),
        format_func=lambda f: names[f] + (" (recommended now)" if f == recommended else ""),
        key="tradeoff_highlight",
    )
    st.vega_lite_chart(spec=charts.trade_off_chart(kb, highlight), width="stretch")
    with st.expander("What the axes mean", icon=":material/straighten:"):
        st.dataframe(
            pd.DataFrame(
                [{"Axis": a.label, "Low (1)": a.low, "High (5)": a.high} for a in kb.axes.values()]
            ),
            hide_index=True,
            width="stretch",
        )
    form = kb.forms[highlight]
    st.markdown(f"#### {form.name}")
    st.markdown(markdown_escape(form.description))
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
        column.markdown(f"**{title}**\n" + "\n".join(f"- {markdown_escape(i)}" for i in items))
    with st.expander("Sources", icon=":material/menu_book:"):
        st.markdown(citations(kb.sources, form.sources))


def _cases(kb: KnowledgeBase) -> None:
    st.subheader("Teaching cases", divider="gray")
    if not kb.cases:
        st.info("The knowledge base holds no teaching cases yet; they will appear here when added.")
        return
    results = advisor.case_results()
    names: dict[str, str] = {form.id: form.name for form in kb.forms.values()}
    case_id = st.selectbox(
        "Case",
        list(kb.cases),
        format_func=lambda c: kb.cases[c].title,
        key=CASE_KEY,
    )
    case = kb.cases[case_id]
    basis = "a documented alliance" if case.basis == "public" else "a labelled composite"
    st.markdown(f"#### {markdown_escape(case.title)}")
    st.caption(f"Based on {basis}.")
    expected, advised = st.columns(2)
    expected.metric("An expert would choose", names[case.expected])
    advised_form = results.get(case_id, (None, ()))[0]
    advised.metric(
        "The advisor recommends",
        names.get(advised_form, "—") if advised_form else "—",
        "agrees" if advised_form == case.expected else "differs",
        delta_color="normal" if advised_form == case.expected else "inverse",
    )
    st.markdown("**Teaching note**")
    st.markdown(markdown_escape(case.teaching_note))
    with st.expander("Sources", icon=":material/menu_book:"):
        st.markdown(citations(kb.sources, case.sources))
    st.button(
        "Load this case as the current scenario",
        key="case_load",
        icon=":material/upload_file:",
        on_click=_load_case,
        args=(case_id,),
    )


def render() -> None:
    """Draw the trade-off chart and the teaching cases."""
    kb = advisor.knowledge_base()
    rec = advisor.recommendation(state.scenario())
    st.title("Trade-offs and teaching cases")
    state.show_flashes()
    st.markdown(
        "Every structure buys some things at the price of others. The chart places the five"
        " forms on the knowledge base's trade-off axes (1 = low, 5 = high)."
    )
    _axes(kb, rec.recommendation)
    _cases(kb)


render()
