"""The marks that remember a write Redis missed (tribune/lib/redis.py): clearing the mark a
reader acted on never clears one another process set meanwhile."""

from tribune.lib import redis as shared


def test_a_mark_set_while_the_first_was_acted_on_survives_its_clearing():
    assert shared.dirty_mark("test-mark") is None
    shared.mark_dirty("test-mark")
    acted_on = shared.dirty_mark("test-mark")
    assert acted_on
    shared.mark_dirty("test-mark")  # another process misses a write meanwhile
    shared.clear_dirty("test-mark", acted_on)
    newer = shared.dirty_mark("test-mark")
    assert newer and newer != acted_on  # left for the next reader
    shared.clear_dirty("test-mark", newer)
    assert shared.dirty_mark("test-mark") is None
