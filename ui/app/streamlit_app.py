"""Alliance Advisor's Streamlit app: the entry page, navigation and the shared sidebar.

Run with ``streamlit run ui/app/streamlit_app.py`` (or ``alliance-advisor app``). It opens
on a first screen with three ways in (the demo scenario is loaded behind it); the scenario then
lives in the page address.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from engine import KnowledgeBaseError, Recommendation
from ui.app import advisor, classroom, identity, state
from ui.app.user_text import as_text
from ui.numbers import percent

PRODUCT = "Alliance Advisor"
# Not "pages/": a folder of that name beside the entry script switches on Streamlit's
# legacy page discovery, which then runs the pages without this entry script.
VIEWS = Path(__file__).resolve().parent / "views"
LOGO = Path(__file__).resolve().parent / "assets" / "logo.svg"
FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"
"""Served by the app itself, so the page never asks a font host for its icon."""


def _pages() -> dict[str, list[st.Page]]:
    return {
        "Advise": [
            st.Page(VIEWS / "start.py", title="Start", icon=":material/home:", default=True),
            st.Page(
                VIEWS / "recommendation.py", title="Recommendation", icon=":material/insights:"
            ),
            st.Page(VIEWS / "questionnaire.py", title="Questionnaire", icon=":material/checklist:"),
        ],
        "Learn": [
            st.Page(VIEWS / "trade_offs.py", title="Trade-offs & cases", icon=":material/balance:"),
            st.Page(
                VIEWS / "compare.py", title="Compare scenarios", icon=":material/compare_arrows:"
            ),
            st.Page(VIEWS / "rules.py", title="Rule explorer", icon=":material/rule:"),
        ],
        "Keep": [
            st.Page(VIEWS / "library.py", title="Scenario library", icon=":material/folder_open:"),
        ],
    }


def _start_over(doc: dict[str, object], message: str) -> None:
    state.replace(doc)
    state.flash("info", message)


def _summary(rec: Recommendation) -> None:
    st.caption("Recommended structure")
    st.markdown(f"### {rec.recommendation_name}")
    st.progress(
        rec.confidence, text=f"Confidence: {rec.confidence_label} ({percent(rec.confidence)})"
    )
    ranking = "\n".join(
        f"{item.rank}. {item.name} · {percent(item.score)}"
        + (" · ruled out" if item.excluded else "")
        for item in rec.ranking
    )
    st.caption(ranking.replace("\n", "  \n"))


def _classroom_summary(rec: Recommendation) -> None:
    st.caption("Recommended structure")
    if classroom.revealed():
        st.markdown(f"### {rec.recommendation_name}")
        st.caption(f"{rec.confidence_label.capitalize()} confidence")
    else:
        st.markdown("*Hidden until the class predicts it on the Recommendation page.*")


def _sidebar() -> None:
    kb = advisor.knowledge_base()
    scenario = state.scenario()
    rec = advisor.recommendation(scenario)
    with st.sidebar:
        st.caption("Current scenario")
        st.markdown(f"**{as_text(scenario.name, 'Untitled scenario')}**")
        if state.problems() is not None:
            st.warning("The questionnaire has problems; the advice shows the last valid version.")
        classroom.toggle()
        if classroom.on():
            _classroom_summary(rec)
        else:
            _summary(rec)
        left, right = st.columns(2)
        left.button(
            "Demo",
            key="sidebar_demo",
            icon=":material/restart_alt:",
            help="Start again from the demo scenario.",
            on_click=_start_over,
            args=(dict(kb.demo), "The demo scenario is loaded."),
            width="stretch",
        )
        right.button(
            "Blank",
            key="sidebar_blank",
            icon=":material/clear_all:",
            help="Start a scenario with every answer unknown.",
            on_click=_start_over,
            args=({"schema_version": 1, "name": "New scenario"}, "Every answer is now unknown."),
            width="stretch",
        )
        st.caption(
            "The page address holds this scenario: copy it to share exactly what you see."
            f"  \nKnowledge base {kb.version}"
        )
        identity.sidebar_status()


def main() -> None:
    """Build the page: configuration, the session's scenario, navigation and sidebar."""
    st.set_page_config(
        page_title=PRODUCT,
        page_icon=str(FAVICON),
        layout="wide",
        menu_items={
            "About": f"{PRODUCT}: which structure fits a healthcare or life-science"
            " alliance, and why."
        },
    )
    if LOGO.is_file():
        st.logo(str(LOGO), size="large")
    try:
        kb = advisor.knowledge_base()
    except KnowledgeBaseError as exc:
        st.title(PRODUCT)
        st.error("The knowledge base could not be loaded, so the advisor cannot run:")
        st.code("\n".join(exc.problems), language=None)
        st.stop()
    identity.require_sign_in()
    state.start(kb)
    state.follow_url()  # browser Back undoes the last change of the scenario
    state.sync_url()
    page = st.navigation(_pages())
    _sidebar()
    page.run()
    state.sync_url()


main()
