"""The backup reads one consistent snapshot while the instance keeps writing, and blocks no writer."""

import json
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

from tests.ops.conftest import this_engine

WRITER = """
import sys, time
from pathlib import Path
from accounts.models import Account
from posts.actions import do_create_post
stop = Path(sys.argv[1])
authors = list(Account.objects.filter(domain=""))
n = 0
with open(sys.argv[2], "w") as log:
    while not stop.exists():
        do_create_post(authors[n % len(authors)], f"written while the backup runs {n}")
        n += 1
        log.write(f"{time.time()}\\n")
        log.flush()
"""

SEED = """
from accounts.actions import do_create_user
from posts.actions import do_create_post
people = [do_create_user(f"writer{i}", "correct horse battery", email=f"w{i}@example.org").account for i in range(5)]
for n in range(300):
    do_create_post(people[n % 5], f"before the backup {n}")
"""


def _rows(archive: Path, part: str) -> list[dict[str, Any]]:
    with tarfile.open(archive) as tar:
        return [json.loads(line) for line in tar.extractfile(part).read().splitlines()]  # type: ignore[union-attr]


def test_backup_while_writing_is_consistent_and_blocks_no_writer(make_target: Any, tmp_path: Path) -> None:
    live = make_target(this_engine(), "live")
    live.extra = {"TRIBUNE_FAST_PASSWORD_HASHER": "1"}
    live.tribune("migrate", "-v0")
    live.tribune("shell", "--no-imports", "-c", SEED)
    stop, log = tmp_path / "stop", tmp_path / "writes.log"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tribune",
            "shell",
            "--no-imports",
            "-c",
            f"import sys; sys.argv = ['', {str(stop)!r}, {str(log)!r}]\n{WRITER}",
        ],
        env=live.env(),
    )
    try:
        for _ in range(300):
            if log.exists() and len(log.read_text().splitlines()) >= 5:
                break
            time.sleep(0.1)
        archive = tmp_path / "live.tar"
        started = time.time()
        live.tribune("backup", "--quiet", "--output", str(archive))
        finished = time.time()
        time.sleep(0.5)
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0
    writes = [float(t) for t in log.read_text().split()]
    # The writer went on while the backup ran (a lock on writers would have stalled it).
    assert sum(started <= t <= finished for t in writes) > 0
    # One point in time: every account's post counter agrees with the posts archived.
    posts = _rows(archive, "db/posts.post.jsonl")
    accounts = _rows(archive, "db/accounts.account.jsonl")
    assert 300 < len(posts) < 300 + len(writes)
    by_author: dict[int, int] = {}
    for post in posts:
        by_author[post["author_id"]] = by_author.get(post["author_id"], 0) + 1
    assert {a["id"]: a["posts_count"] for a in accounts if a["posts_count"]} == by_author
    assert live.tribune("backup", "verify", str(archive)).stdout.startswith("OK: ")
