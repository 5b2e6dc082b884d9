"""The SQLAlchemy scenario store behind the library page."""

from __future__ import annotations

import pytest

from engine import load_scenario_text
from ui.store.library import (
    DB_URL_ENV,
    DuplicateNameError,
    InvalidNameError,
    NotFoundError,
    ScenarioLibrary,
    default_url,
)


@pytest.fixture
def store(tmp_path):
    library = ScenarioLibrary(f"sqlite:///{tmp_path / 'lib.db'}")
    yield library
    library.close()


def scenario(name: str = "Pilot"):
    return load_scenario_text(f"schema_version: 1\nname: {name}\nfactors: {{trust: high}}")


def test_save_and_load_round_trip(store):
    store.save("Pilot", scenario())
    assert store.load("Pilot") == scenario()


def test_names_are_unique(store):
    store.save("Pilot", scenario())
    with pytest.raises(DuplicateNameError, match="already saved"):
        store.save("Pilot", scenario("Other"))
    store.save("Pilot", scenario("Other"), replace=True)
    assert store.load("Pilot").name == "Other"
    assert len(store) == 1


def test_names_are_tidied_and_checked(store):
    assert store.save("  Two   words ", scenario()) == "Two words"
    with pytest.raises(InvalidNameError):
        store.save("   ", scenario())
    with pytest.raises(InvalidNameError):
        store.save("x" * 201, scenario())


def test_rename(store):
    store.save("Old", scenario())
    store.save("Taken", scenario())
    with pytest.raises(DuplicateNameError):
        store.rename("Old", "Taken")
    assert store.rename("Old", "New") == "New"
    assert store.names() == ["New", "Taken"]


def test_missing_names_are_reported(store):
    for action in (store.load, store.delete, lambda n: store.rename(n, "x")):
        with pytest.raises(NotFoundError, match="no saved scenario is called 'Ghost'"):
            action("Ghost")


def test_delete(store):
    store.save("Gone", scenario())
    store.delete("Gone")
    assert store.entries() == []


def test_entries_survive_reopening(tmp_path):
    url = f"sqlite:///{tmp_path / 'lib.db'}"
    first = ScenarioLibrary(url)
    first.save("Kept", scenario())
    first.close()
    again = ScenarioLibrary(url)
    assert [(e.name, e.title) for e in again.entries()] == [("Kept", "Pilot")]


def test_default_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(DB_URL_ENV, "postgresql+psycopg://team@db/alliances")
    assert default_url() == "postgresql+psycopg://team@db/alliances"


def test_default_url_is_sqlite_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    assert default_url() == f"sqlite:///{tmp_path / 'data' / 'library.db'}"
    assert (tmp_path / "data").is_dir()
