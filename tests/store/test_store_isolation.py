"""Private by default, enforced in the store: another user can do nothing with a scenario
that is not shared with them, through any public function, and every refusal is audited."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from engine import load_scenario_text
from ui.store.access import Access, Actor
from ui.store.library import AccessDeniedError, LibraryError, NotFoundError, ScenarioLibrary

ANN = Actor("ann@example.org")
BOB = Actor("bob@example.org", frozenset({"strategy"}))
CAROL = Actor("carol@example.org", frozenset({"finance"}))


def scenario(trust: str = "high"):
    return load_scenario_text(f"schema_version: 1\nname: Secret deal\nfactors: {{trust: {trust}}}")


def attempts(library: ScenarioLibrary, sid: int) -> dict[str, Callable[[Actor], Any]]:
    """Every public function that takes a scenario id, called on ``sid``."""
    return {
        "entry": lambda who: library.entry(who, sid),
        "load": lambda who: library.load(who, sid),
        "export": lambda who: library.export(who, sid),
        "history": lambda who: library.history(who, sid),
        "save": lambda who: library.save(who, sid, scenario("low"), expected_version=1),
        "rename": lambda who: library.rename(who, sid, "Mine now", expected_version=1),
        "restore": lambda who: library.restore(who, sid, 1, expected_version=1),
        "share": lambda who: library.share(who, sid, "user", who.user, can_edit=True),
        "unshare": lambda who: library.unshare(who, sid, "user", "anyone"),
        "shares": lambda who: library.shares(who, sid),
        "delete": lambda who: library.delete(who, sid),
        "undo_delete": lambda who: library.undo_delete(who, sid),
    }


def test_every_public_function_on_one_scenario_is_covered(library):
    taking_an_id = {
        name
        for name, member in inspect.getmembers(ScenarioLibrary, inspect.isfunction)
        if not name.startswith("_") and "scenario_id" in inspect.signature(member).parameters
    }
    assert taking_an_id == set(attempts(library, 1))


def test_another_user_cannot_list_the_scenario(library):
    library.create(ANN, "Secret", scenario())
    assert library.entries(BOB) == []
    assert library.find(BOB, "Secret") is None
    assert library.deleted(BOB) == []


@pytest.mark.parametrize(
    "action",
    [
        "entry",
        "load",
        "export",
        "history",
        "save",
        "rename",
        "restore",
        "share",
        "unshare",
        "shares",
        "delete",
        "undo_delete",
    ],
)
def test_another_user_is_refused_and_the_refusal_audited(library, action):
    entry = library.create(ANN, "Secret", scenario())
    with pytest.raises((AccessDeniedError, NotFoundError)):
        attempts(library, entry.id)[action](BOB)
    refusals = [e for e in library.audit(ANN) if e.outcome == "denied"]
    assert [(e.actor, e.scenario_id) for e in refusals] == [(BOB.user, entry.id)]
    assert [e.outcome for e in library.audit(BOB)] == ["denied"]
    # Nothing changed for the owner.
    loaded = library.load(ANN, entry.id)
    assert (loaded.entry.name, loaded.entry.version, loaded.scenario) == ("Secret", 1, scenario())
    assert library.shares(ANN, entry.id) == []


def test_a_refusal_does_not_tell_whether_the_scenario_exists(library):
    entry = library.create(ANN, "Secret", scenario())
    with pytest.raises(AccessDeniedError) as existing:
        library.load(BOB, entry.id)
    with pytest.raises(AccessDeniedError) as missing:
        library.load(BOB, entry.id + 1000)
    assert str(existing.value) == str(missing.value).replace(str(entry.id + 1000), str(entry.id))
    assert "Secret" not in str(existing.value)


def test_a_deleted_scenario_is_refused_to_everyone_but_its_owners_undo(library):
    entry = library.create(ANN, "Secret", scenario())
    library.share(ANN, entry.id, "user", BOB.user, can_edit=True)
    library.delete(ANN, entry.id)
    for action in ("load", "save", "export"):
        with pytest.raises(AccessDeniedError):
            attempts(library, entry.id)[action](ANN if action == "load" else BOB)
    assert library.entries(BOB) == []


def test_a_read_only_share_lets_the_user_load_but_not_change(library):
    entry = library.create(ANN, "Secret", scenario())
    library.share(ANN, entry.id, "user", BOB.user)
    [seen] = library.entries(BOB)
    assert (seen.id, seen.access, seen.owner) == (entry.id, Access.READ, ANN.user)
    assert library.load(BOB, entry.id).scenario == scenario()
    library.export(BOB, entry.id)
    for action in ("save", "rename", "restore", "share", "unshare", "shares", "delete"):
        with pytest.raises(AccessDeniedError):
            attempts(library, entry.id)[action](BOB)
    denied = [e.detail for e in library.audit(ANN) if e.outcome == "denied"]
    assert len(denied) == 7
    assert library.load(ANN, entry.id).entry.version == 1


def test_an_editable_share_lets_the_user_save_but_not_share_or_delete(library):
    entry = library.create(ANN, "Secret", scenario())
    library.share(ANN, entry.id, "user", BOB.user, can_edit=True)
    saved = library.save(BOB, entry.id, scenario("low"), expected_version=1)
    assert (saved.version, saved.updated_by, saved.access) == (2, BOB.user, Access.EDIT)
    for action in ("share", "delete", "shares"):
        with pytest.raises(AccessDeniedError, match="only its owner"):
            attempts(library, entry.id)[action](BOB)
    assert library.load(ANN, entry.id).scenario.factors.trust == "low"


def test_a_team_share_reaches_the_teams_members_only(library):
    entry = library.create(ANN, "Secret", scenario())
    library.share(ANN, entry.id, "team", "strategy")
    assert [e.id for e in library.entries(BOB)] == [entry.id]
    assert library.entries(CAROL) == []
    with pytest.raises(AccessDeniedError):
        library.load(CAROL, entry.id)


def test_unsharing_takes_access_away(library):
    entry = library.create(ANN, "Secret", scenario())
    library.share(ANN, entry.id, "team", "strategy", can_edit=True)
    library.unshare(ANN, entry.id, "team", "strategy")
    assert library.entries(BOB) == []
    with pytest.raises(AccessDeniedError):
        library.save(BOB, entry.id, scenario("low"), expected_version=1)


def test_the_audit_log_shows_a_user_nothing_of_other_peoples_scenarios(library):
    library.create(ANN, "Secret", scenario())
    library.create(BOB, "Bob's own", scenario())
    assert {e.actor for e in library.audit(BOB)} == {BOB.user}
    assert all("Secret" not in e.detail for e in library.audit(BOB))


def test_bad_shares_are_refused_with_a_reason(library):
    entry = library.create(ANN, "Secret", scenario())
    for kind, grantee, reason in [
        ("group", "x", "share with a user or a team"),
        ("user", "  ", "name a user"),
        ("user", ANN.user, "owner already"),
    ]:
        with pytest.raises(LibraryError, match=reason):
            library.share(ANN, entry.id, kind, grantee)
