"""Who is using the app: the signed-in user, or the single local user.

Sign-in is on when Streamlit's secrets hold an ``[auth]`` section (an OpenID Connect
provider for ``st.login``; see the README's deployment recipe). Then every page requires
sign-in, and the user is known by the ``email`` claim (else ``sub``); their teams come from
the claim named by ``ALLIANCE_ADVISOR_TEAMS_CLAIM`` (default ``groups``). Without an
``[auth]`` section the app runs as one local user, and the sidebar says so.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import streamlit as st

from ui.store.access import LOCAL, Actor

TEAMS_CLAIM_ENV = "ALLIANCE_ADVISOR_TEAMS_CLAIM"
DEFAULT_TEAMS_CLAIM = "groups"


def sign_in_configured() -> bool:
    """Whether an OpenID Connect provider is configured (an ``[auth]`` secrets section)."""
    try:
        return st.secrets.load_if_toml_exists() and "auth" in st.secrets
    except Exception:  # noqa: BLE001 - an unreadable secrets file means no provider
        return False


def actor_from_claims(claims: Mapping[str, Any]) -> Actor:
    """The library's actor for a signed-in user's identity claims.

    Example:
        >>> actor_from_claims({"sub": "42", "email": "ann@example.org", "groups": ["deals"]})
        Actor(user='ann@example.org', teams=frozenset({'deals'}))
        >>> actor_from_claims({"sub": "42"}).user
        '42'
    """
    user = claims.get("email") or claims.get("sub")
    if not isinstance(user, str) or not user.strip():
        raise ValueError("the identity provider gave neither an email nor a subject")
    raw = claims.get(os.environ.get(TEAMS_CLAIM_ENV, DEFAULT_TEAMS_CLAIM)) or []
    teams = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return Actor(user.strip(), frozenset(str(team) for team in teams))


def current_actor() -> Actor:
    """The actor whose library the session uses (call after ``require_sign_in``)."""
    if not sign_in_configured():
        return LOCAL
    return actor_from_claims(st.user.to_dict())


def require_sign_in() -> None:
    """With a provider configured, stop the page with a sign-in button until signed in."""
    if not sign_in_configured() or st.user.is_logged_in:
        return
    st.title("Alliance Advisor")
    st.info("Sign in to use the advisor and your scenario library.", icon=":material/lock:")
    st.button("Sign in", key="sign_in", icon=":material/login:", on_click=st.login, type="primary")
    st.stop()


def sidebar_status() -> None:
    """Say in the sidebar who is signed in (with a sign-out button), or that no one is."""
    if not sign_in_configured():
        st.caption(
            "Single local user: no sign-in is configured, so everything saved here is"
            " in this computer's one library."
        )
        return
    actor = current_actor()
    st.caption("Signed in as")
    st.text(actor.user)
    st.button("Sign out", key="sign_out", icon=":material/logout:", on_click=st.logout)


__all__ = [
    "DEFAULT_TEAMS_CLAIM",
    "TEAMS_CLAIM_ENV",
    "actor_from_claims",
    "current_actor",
    "require_sign_in",
    "sidebar_status",
    "sign_in_configured",
]
