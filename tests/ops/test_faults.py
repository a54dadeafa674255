"""The fault run, small: posts under load while a worker dies during fan-out, then PostgreSQL
(kill -9, restarted); nothing a client was told about is lost, and the workers work again after
the restart (they used to keep a closed connection). It starts a PostgreSQL and a Redis of
its own (ops/faults/cluster.py) and never touches the shared servers."""

import shutil

import pytest

from ops.faults.cluster import OwnPostgres
from ops.faults.run import main

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(
        not (OwnPostgres.available() and shutil.which("redis-server")), reason="needs initdb, postgres, redis-server"
    ),
]


def test_nothing_acknowledged_is_lost_when_a_worker_and_redis_die() -> None:
    report = main(
        ["--posts", "160", "--faults", "fanout,postgres", "--clients", "2", "--readers", "1", "--authors", "2",
         "--followers", "2", "--churners", "1", "--outage", "2", "--sweep", "2", "--grace", "5", "--settle", "150"]
    )  # fmt: skip
    totals = report["totals"]
    assert totals["attempted"] == 160
    assert totals["acknowledged"] >= 150  # the clients retry; a post or two may end with no answer
    assert totals["lost"] == 0 and totals["duplicated"] == 0
    for phase in report["phases"]:
        assert phase["problems"] == [], phase
        assert phase["missing_from_feeds"] == 0 and phase["missing_on_remote"] == 0
        assert phase["unacknowledged_written_partly"] == 0
        assert phase["answered_again_s"] is not None
    assert report["phases"][0]["caught"].startswith("worker")  # it died inside a fan-out job
