"""The simulator's clock: real time (or an injected base clock), which tests and CI can freeze and move.

It is the one time source of a simulator: every timestamp a store writes, the ping time, rate-limit
windows and webhook retry schedules read it (../shared/DESIGN.md §9, "misbehaviour is data"). Frozen, it
stands still at `frozen_at`; unfrozen, it runs from where it stood. `advance` moves it either way, and
tells its listeners (the webhook deliveries wake up for the retries that came due).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from contracts import wire

BaseClock = Callable[[], datetime]


class SimClock:
    """A callable clock (`clock()` is the current time) that can be frozen, unfrozen and advanced."""

    def __init__(self, base: BaseClock, *, realtime: bool = False) -> None:
        """`realtime`: `base` reads the system's real-time clock in UTC (as `datetime.now(UTC)`), so
        `stamp` may read `time.time()` instead of making a datetime."""
        self._base = base
        self._realtime = realtime
        self._offset = timedelta(0)
        self._frozen: datetime | None = None
        self._frozen_stamp = 0.0  # `_frozen` as POSIX seconds
        self._offset_seconds = 0.0  # `_offset` in seconds
        self.listeners: list[Callable[[], None]] = []  # called after every change

    def __call__(self) -> datetime:
        frozen = self._frozen
        return frozen if frozen is not None else self._base() + self._offset

    def stamp(self) -> float:
        """The time `clock()` gives, as POSIX seconds: for the journal, which records one per call.

        Measured: about a third of a microsecond against a datetime's one (bench/journal_cost.py).
        """
        if self._frozen is not None:
            return self._frozen_stamp
        if self._realtime:
            return time.time() + self._offset_seconds
        return (self._base() + self._offset).timestamp()

    @property
    def frozen_at(self) -> datetime | None:
        """Where the clock stands still, or None while it runs."""
        return self._frozen

    def freeze(self, at: datetime) -> None:
        """Stop the clock at `at` (a naive time is taken as UTC)."""
        self._frozen = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
        self._changed()

    def unfreeze(self) -> None:
        """Let the clock run again from where it stands."""
        if self._frozen is not None:
            self._offset = self._frozen - self._base()
            self._frozen = None
            self._changed()

    def advance(self, seconds: float) -> None:
        """Move the clock forward (frozen or not)."""
        step = timedelta(seconds=seconds)
        if self._frozen is not None:
            self._frozen += step
        else:
            self._offset += step
        self._changed()

    def reset(self) -> None:
        """Back to the base clock: running, with no offset."""
        self._frozen = None
        self._offset = timedelta(0)
        self._changed()

    def describe(self) -> dict[str, Any]:
        """The clock as the control plane shows it."""
        frozen = self._frozen
        return {
            "now": wire.format_timestamp(self()),
            "frozen_at": wire.format_timestamp(frozen) if frozen is not None else None,
            "offset_seconds": self._offset.total_seconds() if frozen is None else None,
        }

    def _changed(self) -> None:
        frozen = self._frozen
        self._frozen_stamp = frozen.timestamp() if frozen is not None else 0.0
        self._offset_seconds = self._offset.total_seconds()
        for listener in self.listeners:
            listener()
