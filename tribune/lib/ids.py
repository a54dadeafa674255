"""Time-sortable 64-bit ids, as Mastodon makes them.

The top 48 bits are milliseconds since the Unix epoch, the low 16 bits a sequence
that is random per process and incremented per id, so ids made in the same
millisecond stay unique and ordered within a process. Sorting by id sorts by time,
which is what cursor pagination (max_id / since_id / min_id) relies on.
"""

import secrets
import threading
import time
from datetime import datetime

_lock = threading.Lock()
_last_ms = 0
_sequence = secrets.randbelow(1 << 16)


def make_id(at: datetime | None = None) -> int:
    global _last_ms, _sequence
    ms = int(at.timestamp() * 1000) if at is not None else int(time.time() * 1000)
    with _lock:
        if at is None:
            ms = max(ms, _last_ms)
            if ms == _last_ms:
                _sequence = (_sequence + 1) & 0xFFFF
                if _sequence == 0:
                    ms += 1
            _last_ms = ms
            seq = _sequence
        else:
            seq = secrets.randbelow(1 << 16)
    return (ms << 16) | seq


def id_floor(at: datetime) -> int:
    """The smallest id that can have been made at `at` (for time-window queries)."""
    return int(at.timestamp() * 1000) << 16


def id_time_ms(value: int) -> int:
    return value >> 16
