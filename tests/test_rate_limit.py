from ui.rate_limit import FailureBrake


def test_brake_stops_after_max_failures_and_releases_after_the_window() -> None:
    now = [100.0]
    brake = FailureBrake(max_failures=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        assert brake.allowed()
        brake.record_failure()
    assert not brake.allowed()
    now[0] += 30
    assert not brake.allowed()
    now[0] += 31
    assert brake.allowed()


def test_failures_spread_over_time_never_trigger_the_brake() -> None:
    now = [0.0]
    brake = FailureBrake(max_failures=3, window_s=60, clock=lambda: now[0])
    for _ in range(20):
        assert brake.allowed()
        brake.record_failure()
        now[0] += 25
