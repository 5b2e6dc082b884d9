"""User text (scenario names, descriptions, partner names, file names) shown as text.

Streamlit renders the body of ``st.markdown``, ``st.caption``, alerts and toasts as Markdown,
with GitHub's extensions: links, images, bare URLs and e-mail addresses made clickable,
``:red[...]`` colours and ``:emoji:`` short codes. Text a user typed, or a shared link
carried, must not turn into any of these in a colleague's page. ``as_text`` escapes every
ASCII punctuation character (CommonMark renders an escaped punctuation character as itself)
and keeps line breaks as breaks, so the page shows exactly the characters that were typed.
"""

from __future__ import annotations

import string

_ESCAPES = str.maketrans({char: "\\" + char for char in string.punctuation})


def as_text(text: str | None, fallback: str = "") -> str:
    r"""Markdown that displays ``text`` literally (``fallback`` when it is empty).

    Example:
        >>> print(as_text("[deal](https://evil.example) **now**"))
        \[deal\]\(https\:\/\/evil\.example\) \*\*now\*\*
        >>> as_text("", "Untitled")
        'Untitled'
    """
    if not text:
        return fallback
    lines = [line.strip().translate(_ESCAPES) for line in text.splitlines()]
    return "  \n".join(line if line else "\u200b" for line in lines)


__all__ = ["as_text"]
