"""One replica of the app for ``test_store_replicas``: an AppTest session in its own process.

``python replica.py`` with ``ALLIANCE_ADVISOR_DB_URL`` set runs the real app script (its own
library handle and connection pool, as a server process would have) and obeys commands on
standard input, one per line, answering each with one JSON line: the messages the page shows.

    save NAME            save the current scenario under NAME on the library page
    load NAME            load the saved scenario called NAME
    answer FACTOR VALUE  change one answer in the questionnaire
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))

from app_support import open_page, rerun, start_app  # noqa: E402

from ui.store.access import LOCAL  # noqa: E402
from ui.store.database import default_url  # noqa: E402
from ui.store.library import ScenarioLibrary  # noqa: E402


def _saved_id(name: str) -> int:
    library = ScenarioLibrary(default_url())
    try:
        entry = library.find(LOCAL, name)
        assert entry is not None, f"nothing saved as {name!r}"
        return entry.id
    finally:
        library.close()


def main() -> None:
    at = start_app()
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        if command == "save":
            open_page(at, "library")
            at.text_input(key="lib_save_name").input(rest)
            at.button(key="lib_save").click()
        elif command == "load":
            open_page(at, "library")
            at.selectbox(key="lib_choice").set_value(_saved_id(rest))
            at.button(key="lib_load").click()
        elif command == "answer":
            factor, _, value = rest.partition(" ")
            open_page(at, "questionnaire")
            at.selectbox(key=f"q_{factor}").set_value(value)
        rerun(at)
        shown = {kind: [str(e.value) for e in at.get(kind)] for kind in ("success", "error")}
        print(json.dumps(shown), flush=True)


if __name__ == "__main__":
    main()
