"""Time-sortable 64-bit ids, as Mastodon makes them, with unguessable low bits.

The top 48 bits are milliseconds since the Unix epoch, the low 16 bits random: drawn afresh
for the first id of each millisecond, and for the next ids of the same millisecond the last
value plus a random step (1 to 256), so that ids stay unique and strictly increasing within a
process. Sorting by id sorts by time, which is what cursor pagination (max_id / since_id /
min_id) relies on; knowing one id (or a thousand) tells nothing certain about the next one, in
this process or another (two processes drawing the same id in the same millisecond is a
one-in-65,536 chance, which the database's primary key refuses as it always did).
"""

import secrets
import threading
import time
from datetime import datetime

_lock = threading.Lock()
_last_ms = 0
_sequence = 0
_MAX_STEP = 256


def make_id(at: datetime | None = None) -> int:
    global _last_ms, _sequence
    if at is not None:
        return (int(at.timestamp() * 1000) << 16) | secrets.randbelow(1 << 16)
    ms = int(time.time() * 1000)
    with _lock:
        if ms > _last_ms:
            seq = secrets.randbelow(1 << 16)
        else:
            # Same millisecond (or the clock went back): keep increasing, by a random step.
            ms = _last_ms
            seq = _sequence + 1 + secrets.randbelow(_MAX_STEP)
            if seq > 0xFFFF:
                ms += 1
                seq = secrets.randbelow(1 << 15)
        _last_ms, _sequence = ms, seq
    return (ms << 16) | seq


def id_floor(at: datetime) -> int:
    """The smallest id that can have been made at `at` (for time-window queries)."""
    return int(at.timestamp() * 1000) << 16


def id_time_ms(value: int) -> int:
    return value >> 16
