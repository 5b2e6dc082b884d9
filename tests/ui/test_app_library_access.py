"""Sign-in and private libraries in the app (AppTest): with an OpenID Connect provider
configured, nothing is shown before sign-in and each user sees only their own scenarios."""

from __future__ import annotations

import pytest
from app_support import APP, TIMEOUT, main_text, open_page, rerun
from streamlit.testing.v1 import AppTest

from ui.store.access import Actor
from ui.store.library import LibraryError, ScenarioLibrary

AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-secret",
        "client_id": "alliance-advisor",
        "client_secret": "not-a-secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}


def session(user: dict[str, object]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets = dict(AUTH)
    at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_in(email: str, groups: list[str] | None = None) -> AppTest:
    return session({"is_logged_in": True, "email": email, "sub": email, "groups": groups or []})


def save(at: AppTest, name: str) -> None:
    open_page(at, "library")
    at.text_input(key="lib_save_name").input(name)
    at.button(key="lib_save").click()
    rerun(at)


def test_with_a_provider_configured_nothing_shows_before_sign_in(library_url):
    at = session({"is_logged_in": False})
    assert [b.key for b in at.button] == ["sign_in"]
    assert "Sign in to use the advisor" in main_text(at)
    assert not at.sidebar.markdown  # no scenario, no recommendation


def test_signed_in_the_sidebar_names_the_user_and_offers_sign_out(library_url):
    at = signed_in("ann@example.org")
    assert "ann@example.org" in [t.value for t in at.sidebar.text]
    assert "sign_out" in [b.key for b in at.sidebar.button]


def test_one_users_scenario_is_invisible_to_another(library_url):
    ann = signed_in("ann@example.org")
    save(ann, "Ann's secret deal")
    assert "Saved as" in main_text(ann)
    bob = signed_in("bob@example.org")
    open_page(bob, "library")
    assert any("Nothing saved yet" in i.value for i in bob.info)
    open_page(bob, "compare")
    assert not [o for o in bob.multiselect(key="compare_choices").options if "secret" in o]
    library = ScenarioLibrary(library_url)
    [entry] = library.entries(Actor("ann@example.org"))
    assert entry.owner == "ann@example.org"
    library.close()


def test_a_team_share_shows_read_only_to_a_team_member(library_url):
    ann = signed_in("ann@example.org")
    save(ann, "Team deal")
    ann.selectbox(key="lib_share_kind").set_value("Team")
    ann.text_input(key="lib_share_name").input("strategy")
    ann.button(key="lib_share").click()
    rerun(ann)
    bob = signed_in("bob@example.org", ["strategy"])
    open_page(bob, "library")
    assert bob.selectbox(key="lib_choice").options == ["Team deal (from ann@example.org)"]
    keys = {b.key for b in bob.main.button}
    assert "lib_load" in keys
    assert not keys & {"lib_rename", "lib_delete", "lib_share", "lib_restore"}
    carol = signed_in("carol@example.org", ["finance"])
    open_page(carol, "library")
    assert any("Nothing saved yet" in i.value for i in carol.info)


def test_the_owner_sees_a_refused_attempt_in_the_activity_log(library_url):
    ann = signed_in("ann@example.org")
    save(ann, "Guarded")
    library = ScenarioLibrary(library_url)
    [entry] = library.entries(Actor("ann@example.org"))
    with pytest.raises(LibraryError):
        library.load(Actor("mallory@example.org"), entry.id)
    library.close()
    rerun(ann)
    log = next(d.value for d in ann.main.dataframe if "Outcome" in d.value.columns)
    assert list(zip(log["Who"], log["Outcome"], strict=True)) == [
        ("mallory@example.org", "denied"),
        ("ann@example.org", "ok"),
    ]


def test_the_owner_can_withdraw_a_share(library_url):
    ann = signed_in("ann@example.org")
    save(ann, "Briefly shared")
    ann.text_input(key="lib_share_name").input("bob@example.org")
    ann.checkbox(key="lib_share_edit").check()
    ann.button(key="lib_share").click()
    rerun(ann)
    assert "shared with user bob" in main_text(ann)
    assert [e.name for e in _entries(library_url, "bob@example.org")] == ["Briefly shared"]
    ann.button(key="lib_unshare_0").click()
    rerun(ann)
    assert _entries(library_url, "bob@example.org") == []


def _entries(url: str, user: str):
    library = ScenarioLibrary(url)
    try:
        return library.entries(Actor(user))
    finally:
        library.close()
