"""A process-wide brake on wrong workshop codes, so that the 39.6-bit participant codes cannot be enumerated.

No IP address is kept (privacy): the brake counts failures for the whole server process. The app
(`ui.workshops.join_brake`) allows 300 wrong codes a minute, after which every lookup is slowed by 2 s: even at
300 a minute, trying every code would take about 5,400 years. A participant who mistypes a code is never near
the limit.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class FailureBrake:
    def __init__(self, max_failures: int = 60, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._failures: deque[float] = deque()
        self._lock = threading.Lock()

    def _forget_old(self, now: float) -> None:
        while self._failures and now - self._failures[0] > self.window_s:
            self._failures.popleft()

    def allowed(self) -> bool:
        with self._lock:
            self._forget_old(self._clock())
            return len(self._failures) < self.max_failures

    def record_failure(self) -> None:
        with self._lock:
            now = self._clock()
            self._forget_old(now)
            self._failures.append(now)
