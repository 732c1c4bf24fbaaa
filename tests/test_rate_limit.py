"""ui.rate_limit: the brake's arithmetic and how a lookup waits for its slot (the bucket itself is the database's,
tests/storage/test_storage_brakes.py; through the join page, tests/app/test_join_brake.py)."""

from __future__ import annotations

from ui.rate_limit import JOIN_BRAKE, Brake, give_back, pass_brake


class FakeSlots:
    def __init__(self, waits: list[float | None]) -> None:
        self.waits = waits
        self.asked: list[tuple[str, float, int, float]] = []
        self.released: list[tuple[str, float]] = []

    def reserve_slot(self, brake: str, *, interval_s: float, burst: int, max_wait_s: float) -> float | None:
        self.asked.append((brake, interval_s, burst, max_wait_s))
        return self.waits.pop(0)

    def release_slot(self, brake: str, *, interval_s: float) -> None:
        self.released.append((brake, interval_s))


def test_the_join_brake_lets_at_most_300_lookups_through_in_any_minute() -> None:
    assert JOIN_BRAKE.most_in_any_minute == 300
    assert JOIN_BRAKE.interval_s == 0.25


def test_a_lookup_waits_for_its_slot_and_is_refused_when_the_queue_is_too_long() -> None:
    slept: list[float] = []
    brake = Brake(name="join", per_minute=60, burst=5, max_wait_s=3.0)
    slots = FakeSlots([0.0, 2.5, None])

    assert pass_brake(slots, brake, sleep=slept.append)
    assert pass_brake(slots, brake, sleep=slept.append)
    assert not pass_brake(slots, brake, sleep=slept.append)

    assert slept == [2.5]  # no sleep for a slot free at once, none for a refusal
    assert slots.asked == [("join", 1.0, 5, 3.0)] * 3


def test_a_found_code_gives_back_one_interval() -> None:
    slots = FakeSlots([])
    give_back(slots, Brake(name="join", per_minute=120, burst=5, max_wait_s=3.0))
    assert slots.released == [("join", 0.5)]
