"""Ids stay time-sortable but their low bits cannot be guessed, in one process or across two."""

import multiprocessing
import time
from datetime import UTC, datetime

from tribune.lib.ids import id_floor, id_time_ms, make_id


def _ids_of_one_process(queue: "multiprocessing.Queue[list[int]]") -> None:
    burst = [make_id() for _ in range(2000)]  # many in the same millisecond
    spaced = []
    for _ in range(40):  # one per millisecond or so
        time.sleep(0.002)
        spaced.append(make_id())
    queue.put(burst + spaced)


def _two_processes() -> tuple[list[int], list[int]]:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[list[int]] = context.Queue()
    workers = [context.Process(target=_ids_of_one_process, args=(queue,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    first, second = queue.get(timeout=60), queue.get(timeout=60)
    for worker in workers:
        worker.join(timeout=60)
    return first, second


def _low(value: int) -> int:
    return value & 0xFFFF


def test_ids_from_two_processes_are_sorted_unique_and_not_guessable() -> None:
    first, second = _two_processes()
    for ids in (first, second):
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
        # The next id is not the last one plus one (the old per-process counter).
        steps = [_low(b) - _low(a) for a, b in zip(ids, ids[1:], strict=False) if id_time_ms(a) == id_time_ms(b)]
        assert steps, "the burst made several ids in one millisecond"
        assert sum(1 for step in steps if step == 1) < len(steps) / 10
        assert len(set(steps)) > 50
        # Ids of different milliseconds do not share their low bits (they did: one value per process).
        spaced = ids[-40:]
        assert len({_low(value) for value in spaced}) > 30
    # One process's low bits say nothing about the other's.
    near = {_low(value) + delta for value in first[-40:] for delta in range(-2, 3)}
    assert sum(1 for value in second[-40:] if _low(value) in near) < 5
    # Bursts of hundreds of ids in one millisecond in both processes may coincide now and then
    # (each draws a few hundred of 65,536 values); the database's primary key refuses those.
    assert len(set(first) & set(second)) < len(first) // 50


def test_ids_keep_time_order() -> None:
    at = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    made = make_id(at)
    assert id_floor(at) <= made < id_floor(at) + (1 << 16)
    now_ms = int(time.time() * 1000)
    assert abs(id_time_ms(make_id()) - now_ms) < 1000
