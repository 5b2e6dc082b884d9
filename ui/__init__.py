"""User interfaces: the Streamlit app, the command line, memo rendering and the scenario library."""
