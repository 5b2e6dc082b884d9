"""User text (scenario names, descriptions, partner names, file names) shown as text.

Streamlit renders the body of ``st.markdown``, ``st.caption``, alerts and toasts as Markdown,
with GitHub's extensions: links, images, bare URLs and e-mail addresses made clickable,
``:red[...]`` colours and ``:emoji:`` short codes. Text a user typed, or a shared link
carried, must not turn into any of these in a colleague's page. ``as_text`` escapes every
ASCII punctuation character (CommonMark renders an escaped punctuation character as itself)
and keeps line breaks as breaks. Bare URLs, ``www.`` addresses, e-mail addresses and short
codes are found in the text *after* escapes are undone, so an invisible WORD JOINER (U+2060)
is also put after every ``:`` and ``@`` and inside ``www.``: the page shows the characters
that were typed, and none of them becomes a link.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

JOINER = "\u2060"
_ESCAPES = str.maketrans({char: "\\" + char for char in string.punctuation})
_WWW = re.compile(r"(www)(?=\.)", re.IGNORECASE)


def _unlinkable(line: str) -> str:
    line = line.replace(":", ":" + JOINER).replace("@", "@" + JOINER)
    return _WWW.sub(lambda found: found.group(1) + JOINER, line)


@lru_cache(maxsize=4096)  # a page run escapes the same texts on every run
def as_text(text: str | None, fallback: str = "") -> str:
    r"""Markdown that displays ``text`` literally (``fallback`` when it is empty).

    Example:
        >>> print(as_text("[deal](https://evil.example) **now**").replace(JOINER, "~"))
        \[deal\]\(https\:~\/\/evil\.example\) \*\*now\*\*
        >>> as_text("", "Untitled")
        'Untitled'
    """
    if not text:
        return fallback
    lines = [_unlinkable(line.strip()).translate(_ESCAPES) for line in text.splitlines()]
    return "  \n".join(line if line else "\u200b" for line in lines)


__all__ = ["JOINER", "as_text"]
