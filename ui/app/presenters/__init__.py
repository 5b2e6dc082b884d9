"""What the app's pages show, worked out without drawing: text lines, table rows, choices.

Each module serves one page (or the recommendation page's tabs) with pure functions of the
engine's results and the questionnaire, so the words can be tested without Streamlit.
"""
