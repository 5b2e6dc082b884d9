"""The time a memo says it was generated: ``--generated-at``, ``SOURCE_DATE_EPOCH`` or now.

A fixed time makes every memo format byte-identical across runs (reproducible builds set
``SOURCE_DATE_EPOCH``, seconds since 1970 UTC; ``--generated-at`` takes an ISO 8601 time).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def generation_time(option: str | None, environ: Mapping[str, str] | None = None) -> datetime:
    """The memo time: ``option`` if given, else ``SOURCE_DATE_EPOCH``, else now (UTC).

    >>> generation_time("2024-05-01T09:30:00Z").isoformat()
    '2024-05-01T09:30:00+00:00'
    >>> generation_time(None, {"SOURCE_DATE_EPOCH": "0"}).isoformat()
    '1970-01-01T00:00:00+00:00'

    Raises:
        ValueError: the option is not an ISO 8601 time, or the variable is not a whole
            number of seconds.
    """
    if option is not None:
        try:
            moment = datetime.fromisoformat(option)
        except ValueError:
            raise ValueError(
                f"--generated-at {option!r} is not an ISO 8601 time (e.g. 2024-05-01T09:30:00Z)"
            ) from None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    epoch = (os.environ if environ is None else environ).get(SOURCE_DATE_EPOCH)
    if epoch is not None and epoch.strip():
        if not epoch.strip().isdigit():
            raise ValueError(
                f"{SOURCE_DATE_EPOCH}={epoch!r} is not a whole number of seconds since 1970"
            )
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


__all__ = ["SOURCE_DATE_EPOCH", "generation_time"]
