"""The brake on wrong workshop codes, so that the 39.6-bit participant codes cannot be enumerated.

It lives in the database (`storage.Store.reserve_slot`): a token bucket shared by every app instance on that
database, which neither a reconnected websocket nor Streamlit's clear-cache message (any client can send it,
and it empties `st.cache_resource`, where a process-wide brake used to live) can reset. No IP address is kept
(privacy): the brake counts lookups for the whole site.

Each lookup of a code first takes the next free slot; a slot frees every `interval_s` (a quarter of a second),
and up to `burst` may be taken at once, so that a room joining together is never held up. Over that, a lookup
waits for its slot, however many sessions try at once: at most `burst + per_minute` lookups in any minute (60 +
240 = 300), and `per_minute` a minute sustained. A lookup that finds its workshop gives its slot back
(`Store.release_slot`), so that people who type their code right cost nothing and only wrong codes count. A
lookup whose slot lies more than `max_wait_s` ahead is refused outright (the join page says to try again in a
minute), so that sessions do not pile up waiting.

At 240 wrong codes a minute, trying every one of the 8.5·10¹¹ codes takes about 6,700 years; with 1,000 live
workshops, each guess has about one chance in 850 million. `bench/bench_join_brake.py` measures the rate that 60
parallel sessions reach (docs/benchmarks.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class SlotStore(Protocol):
    def reserve_slot(self, brake: str, *, interval_s: float, burst: int, max_wait_s: float) -> float | None: ...

    def release_slot(self, brake: str, *, interval_s: float) -> None: ...


@dataclass(frozen=True)
class Brake:
    name: str
    per_minute: int  # sustained rate
    burst: int  # taken at once without waiting
    max_wait_s: float  # beyond this wait, a lookup is refused rather than queued

    @property
    def interval_s(self) -> float:
        return 60.0 / self.per_minute

    @property
    def most_in_any_minute(self) -> int:
        return self.burst + self.per_minute


JOIN_BRAKE = Brake(name="join", per_minute=240, burst=60, max_wait_s=20.0)


def pass_brake(store: SlotStore, brake: Brake, sleep: Callable[[float], None] = time.sleep) -> bool:
    """Wait for this lookup's slot; False if the brake refuses it (too many waiting already)."""
    wait = store.reserve_slot(brake.name, interval_s=brake.interval_s, burst=brake.burst, max_wait_s=brake.max_wait_s)
    if wait is None:
        return False
    if wait > 0:
        sleep(wait)
    return True


def give_back(store: SlotStore, brake: Brake) -> None:
    """The lookup found its workshop: its slot is free again."""
    store.release_slot(brake.name, interval_s=brake.interval_s)
