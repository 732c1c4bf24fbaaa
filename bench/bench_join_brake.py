"""Benchmark: how many workshop codes 60 parallel sessions can try, against the brake's documented limit.

    python bench/bench_join_brake.py [--sessions 60] [--seconds 60] [--instances 2] [--url URL]

Each session is a thread that tries wrong codes as fast as it can, through the join page's path
(`ui.rate_limit.pass_brake` on the database's bucket, then the lookup); the sessions are spread over
`--instances` Stores, each with its own engine and pool, as several app instances on one database (on SQLite,
Stores in one process share the engine; use --url with PostgreSQL for separate pools). A refused lookup is
retried at once, as an attacker would. Without --url the database is a fresh temporary SQLite file. Prints the
lookups that went through, in the whole run and in its busiest 60-second window, next to the brake's bound
(burst + per_minute × minutes).
"""

from __future__ import annotations

import argparse
import bisect
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage import Store
from ui.rate_limit import JOIN_BRAKE, pass_brake

WRONG = "ZZZZ-ZZZZ"


def run(url: str, sessions: int, seconds: float, instances: int) -> tuple[list[float], int]:
    stores = [Store(url) for _ in range(instances)]
    through: list[float] = []
    refused = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def session(index: int) -> None:
        store = stores[index % instances]
        while time.monotonic() < stop:
            if not pass_brake(store, JOIN_BRAKE):
                with lock:
                    refused[0] += 1
                time.sleep(0.05)  # a refusal answers at once; do not spin the two cores flat
                continue
            found = store.workshop_for_participant(WRONG)
            assert found is None
            at = time.monotonic()
            if at < stop:
                with lock:
                    through.append(at)

    threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.close()
    return sorted(through), refused[0]


def busiest_minute(times: list[float]) -> int:
    return max((bisect.bisect_right(times, t + 60.0) - i for i, t in enumerate(times)), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'radar.sqlite3'}"
        times, refused = run(url, args.sessions, args.seconds, args.instances)
    bound = JOIN_BRAKE.burst + JOIN_BRAKE.per_minute * args.seconds / 60
    engine = url.split(":", 1)[0]
    print(f"{platform.node()} · {platform.processor() or platform.machine()} · {engine} · {args.sessions} sessions")
    print("| mesure | valeur |")
    print("|---|---|")
    print(f"| consultations passées en {args.seconds:g} s | {len(times)} |")
    print(f"| borne du frein (rafale + débit × durée) | {bound:g} |")
    print(f"| plus chargée des fenêtres de 60 s | {busiest_minute(times)} (limite {JOIN_BRAKE.most_in_any_minute}) |")
    print(f"| consultations refusées (file pleine) | {refused} |")


if __name__ == "__main__":
    main()
