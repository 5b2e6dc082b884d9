"""The Streamlit app: entry script, pages (``views/``), session state, widgets, charts, graph.

Run with ``streamlit run ui/app/streamlit_app.py`` (or ``alliance-advisor app``).
"""
