"""User interfaces: the command line, the Streamlit app and the memo renderers."""
