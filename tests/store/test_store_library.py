"""The library's behaviour for its owner, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text

from engine import load_scenario_text
from ui.store.access import Access, Actor
from ui.store.database import HEAD_REVISION, open_engine, schema_revision
from ui.store.library import (
    ConflictError,
    DuplicateNameError,
    InvalidNameError,
    NotFoundError,
    ScenarioLibrary,
    UndoExpiredError,
)

ANN = Actor("ann@example.org")


def scenario(title: str = "Pilot", trust: str = "high"):
    return load_scenario_text(f"schema_version: 1\nname: {title}\nfactors: {{trust: {trust}}}")


def test_a_new_library_is_migrated_to_the_newest_schema(library):
    engine = open_engine(library.url)
    assert schema_revision(engine) == HEAD_REVISION
    engine.dispose()


def test_create_then_load_round_trips(library):
    entry = library.create(ANN, "Pilot", scenario())
    loaded = library.load(ANN, entry.id)
    assert loaded.scenario == scenario()
    assert (loaded.entry.name, loaded.entry.version, loaded.entry.access) == (
        "Pilot",
        1,
        Access.OWNER,
    )


def test_names_are_tidied_and_checked(library):
    assert library.create(ANN, "  Two   words ", scenario()).name == "Two words"
    with pytest.raises(InvalidNameError):
        library.create(ANN, "   ", scenario())
    with pytest.raises(InvalidNameError):
        library.create(ANN, "x" * 201, scenario())


def test_a_user_cannot_have_two_scenarios_of_one_name(library):
    library.create(ANN, "Pilot", scenario())
    with pytest.raises(DuplicateNameError, match="already"):
        library.create(ANN, "Pilot", scenario("Other"))


def test_two_users_may_use_the_same_name(library):
    library.create(ANN, "Pilot", scenario())
    library.create(Actor("bob"), "Pilot", scenario("Bob's"))
    assert [e.title for e in library.entries(ANN)] == ["Pilot"]


def test_saving_raises_the_version_and_keeps_the_previous_one(library):
    first = library.create(ANN, "Pilot", scenario(trust="high"))
    second = library.save(ANN, first.id, scenario(trust="low"), expected_version=1)
    assert second.version == 2
    assert library.load(ANN, first.id).scenario.factors.trust == "low"
    assert [v.version for v in library.history(ANN, first.id)] == [2, 1]


def test_a_save_over_a_newer_version_is_a_conflict_and_writes_nothing(library):
    entry = library.create(ANN, "Pilot", scenario(trust="high"))
    library.save(ANN, entry.id, scenario(trust="low"), expected_version=1)
    with pytest.raises(ConflictError, match="changed by ann@example.org") as raised:
        library.save(ANN, entry.id, scenario(trust="medium"), expected_version=1)
    assert (raised.value.expected, raised.value.current) == (1, 2)
    assert library.load(ANN, entry.id).scenario.factors.trust == "low"
    assert [v.version for v in library.history(ANN, entry.id)] == [2, 1]


def test_restore_makes_an_old_version_the_newest(library):
    entry = library.create(ANN, "Pilot", scenario(trust="high"))
    library.save(ANN, entry.id, scenario(trust="low"), expected_version=1)
    restored = library.restore(ANN, entry.id, 1, expected_version=2)
    assert restored.version == 3
    assert library.load(ANN, entry.id).scenario.factors.trust == "high"
    with pytest.raises(NotFoundError, match="no version 9"):
        library.restore(ANN, entry.id, 9, expected_version=3)


def test_rename_is_a_new_version_and_refuses_a_taken_name(library):
    old = library.create(ANN, "Old", scenario())
    library.create(ANN, "Taken", scenario())
    with pytest.raises(DuplicateNameError):
        library.rename(ANN, old.id, "Taken", expected_version=1)
    renamed = library.rename(ANN, old.id, "New", expected_version=1)
    assert (renamed.name, renamed.version) == ("New", 2)
    assert sorted(e.name for e in library.entries(ANN)) == ["New", "Taken"]


def test_deletion_can_be_undone_within_the_window(library):
    entry = library.create(ANN, "Gone", scenario())
    library.delete(ANN, entry.id)
    assert library.entries(ANN) == []
    assert [e.name for e in library.deleted(ANN)] == ["Gone"]
    library.undo_delete(ANN, entry.id)
    assert [e.name for e in library.entries(ANN)] == ["Gone"]
    assert library.deleted(ANN) == []


def test_after_the_undo_window_a_deletion_is_final(library_url):
    library = ScenarioLibrary(library_url, undo_window=timedelta(0))
    entry = library.create(ANN, "Gone", scenario())
    library.delete(ANN, entry.id)
    with pytest.raises((UndoExpiredError, NotFoundError)):
        library.undo_delete(ANN, entry.id)
    assert library.deleted(ANN) == []
    engine = create_engine(library_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM scenarios")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM scenario_versions")).scalar() == 0
    engine.dispose()
    library.close()


def test_a_deleted_name_can_be_used_again(library):
    entry = library.create(ANN, "Pilot", scenario())
    library.delete(ANN, entry.id)
    library.create(ANN, "Pilot", scenario("Second"))
    with pytest.raises(DuplicateNameError):
        library.undo_delete(ANN, entry.id)


def test_find_gives_the_users_own_scenario_by_name(library):
    entry = library.create(ANN, "Pilot", scenario())
    assert library.find(ANN, " Pilot ") == library.entry(ANN, entry.id)
    assert library.find(ANN, "Nothing") is None
    assert library.find(Actor("bob"), "Pilot") is None


def test_the_audit_log_records_create_change_share_export_and_delete(library):
    entry = library.create(ANN, "Pilot", scenario())
    library.save(ANN, entry.id, scenario(trust="low"), expected_version=1)
    library.share(ANN, entry.id, "user", "bob")
    library.export(ANN, entry.id)
    library.delete(ANN, entry.id)
    events = [(e.actor, e.action, e.outcome, e.scenario_id) for e in library.audit(ANN)]
    assert events == [
        (ANN.user, action, "ok", entry.id)
        for action in ("create", "change", "share", "export", "delete")
    ]
    assert all(e.at.tzinfo is not None for e in library.audit(ANN))


def test_scenarios_survive_reopening(library_url):
    first = ScenarioLibrary(library_url)
    first.create(ANN, "Kept", scenario())
    first.close()
    again = ScenarioLibrary(library_url)
    assert [(e.name, e.title) for e in again.entries(ANN)] == [("Kept", "Pilot")]
    again.close()


def test_a_library_from_before_migrations_is_adopted_by_the_local_user(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE saved_scenarios (id INTEGER PRIMARY KEY, name VARCHAR(200) UNIQUE,"
                " document TEXT, created_at DATETIME, updated_at DATETIME)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO saved_scenarios (name, document, created_at, updated_at) VALUES"
                " ('Old one', :doc, '2025-01-02 03:04:05', '2025-01-02 03:04:05')"
            ),
            {"doc": '{"schema_version": 1, "name": "Legacy"}'},
        )
    engine.dispose()
    library = ScenarioLibrary(url)
    local = Actor("local")
    [entry] = library.entries(local)
    assert (entry.name, entry.title, entry.version) == ("Old one", "Legacy", 1)
    assert library.load(local, entry.id).scenario.name == "Legacy"
    library.close()
