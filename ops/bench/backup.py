"""Benchmark: backup and restore time and archive size for an instance of N posts.

    python -m ops.bench.backup --posts 100000 [--posts 1000000] [--write docs/benchmarks.md]

For each size it seeds a fresh source instance (SQLite file or PostgreSQL database)
with bulk inserts, then runs the real commands as a person would: `tribune backup`,
`tribune restore` into an empty database of the other engine (with the read-back
check), and `tribune backup verify`. Results go between the bench-backup markers of
docs/benchmarks.md, leaving its other sections alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg

PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
START = "<!-- bench-backup:start -->"
END = "<!-- bench-backup:end -->"
WORDS = (
    "tribune federation bonjour liberté network people post echo reply matin soir ville "
    "photo music concert ce soir demain the of and a to in is you that it he was for on are"
).split()


def _env(data_dir: Path, url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRIBUNE_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tribune.settings",
        TRIBUNE_DATA_DIR=str(data_dir),
        TRIBUNE_DATABASE_URL=url,
        TRIBUNE_TASKS="immediate",
        TRIBUNE_LOG_LEVEL="WARNING",
        TRIBUNE_FAST_PASSWORD_HASHER="1",  # noqa: S106  # a switch, not a password
    )
    return env


def _database(engine: str, name: str, data_dir: Path) -> str:
    if engine == "sqlite":
        return f"sqlite:///{data_dir / 'tribune.sqlite3'}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_SERVER}/{name}"


def _drop(engine: str, name: str) -> None:
    if engine == "postgresql":
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


VERBOSE = False


def _run(env: dict[str, str], *args: str) -> float:
    if VERBOSE:
        args = tuple(a for a in args if a != "--quiet")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "tribune", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


SEED = r"""
import random, sys
from datetime import UTC, datetime, timedelta
from django.db import transaction
from accounts.models import Account, Follow, User
from posts.models import Post, Upvote
from tribune.lib.ids import make_id

posts, accounts = int(sys.argv[1]), int(sys.argv[2])
words = sys.argv[3].split()
rng = random.Random(42)
base = datetime(2025, 1, 1, tzinfo=UTC)
with transaction.atomic():
    users = User.objects.bulk_create(
        [User(username=f"user{i}", email=f"user{i}@example.org", password="!") for i in range(accounts)]
    )
    people = Account.objects.bulk_create(
        [Account(id=make_id(), user=u, username=u.username, display_name=f"User {i}", bio=f"<p>bio {i}</p>")
         for i, u in enumerate(users)]
    )
    Follow.objects.bulk_create(
        [Follow(id=make_id(), follower=a, target=b) for a in people for b in rng.sample(people, 10) if a != b],
        ignore_conflicts=True,
    )
batch = []
ids = []
for n in range(posts):
    text = " ".join(rng.choice(words) for _ in range(rng.randint(5, 40)))
    pid = make_id()
    ids.append(pid)
    batch.append(Post(id=pid, author=people[n % accounts], text=text, content=f"<p>{text}</p>",
                      created_at=base + timedelta(seconds=n * 7), language=rng.choice(["en", "fr"]),
                      uri="", url=""))
    if len(batch) == 10000:
        Post.objects.bulk_create(batch)
        batch.clear()
Post.objects.bulk_create(batch)
votes = {(rng.randrange(accounts), rng.randrange(posts)) for _ in range(posts // 10)}
Upvote.objects.bulk_create([Upvote(id=make_id(), account=people[a], post_id=ids[p]) for a, p in votes], batch_size=10000)
"""


def bench(posts: int, source: str, target: str, accounts: int, work: Path) -> dict[str, object]:
    tag = f"{posts}_{source[:2]}_{target[:2]}"
    src_dir, dst_dir = work / f"src-{tag}", work / f"dst-{tag}"
    src_dir.mkdir()
    dst_dir.mkdir()
    src_db, dst_db = f"ops_bench_src_{tag}", f"ops_bench_dst_{tag}"
    src_env = _env(src_dir, _database(source, src_db, src_dir))
    dst_env = _env(dst_dir, _database(target, dst_db, dst_dir))
    try:
        _run(src_env, "migrate", "-v0")
        started = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup(); exec(open(0).read())",
                str(posts),
                str(accounts),
                " ".join(WORDS),
            ],
            input=SEED,
            text=True,
            env=src_env,
            check=True,
        )
        seed_s = time.monotonic() - started
        archive = work / f"tribune-bench-{tag}.tar.zst"
        backup_s = _run(src_env, "backup", "--quiet", "--output", str(archive))
        verify_s = _run(src_env, "backup", "verify", str(archive), "--quiet")
        restore_s = _run(dst_env, "restore", "--quiet", str(archive))
        manifest_rows = json.loads(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import tarfile,sys,json,zstandard\nwith open(sys.argv[1],'rb') as f, zstandard.ZstdDecompressor().stream_reader(f) as s, tarfile.open(fileobj=s, mode='r|') as t:\n  for m in t:\n    if m.name=='manifest.json': print(json.dumps(sum(x['rows'] for x in json.load(t.extractfile(m))['models'])))",
                    str(archive),
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        return {
            "posts": posts,
            "source": source,
            "target": target,
            "rows": manifest_rows,
            "seed_s": round(seed_s, 1),
            "backup_s": round(backup_s, 1),
            "verify_s": round(verify_s, 1),
            "restore_s": round(restore_s, 1),
            "archive_bytes": archive.stat().st_size,
        }
    finally:
        _drop(source, src_db)
        _drop(target, dst_db)
        shutil.rmtree(src_dir, ignore_errors=True)
        shutil.rmtree(dst_dir, ignore_errors=True)


def render(results: list[dict[str, object]]) -> str:
    lines = [
        START,
        "## Backup and restore",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} with `python -m ops.bench.backup` on {platform.machine()},"
        f" {os.cpu_count()} CPU cores (shared), Python {platform.python_version()}. Each row seeds a fresh instance"
        " (1,000 accounts, 10 follows each, one upvote per ten posts), then times the real commands:"
        " `tribune backup` (zstd archive), `tribune backup verify`, and `tribune restore` into an empty"
        " database of the other engine (migrations, load in one transaction, read-back check of every table,"
        " sequence reset). No media files are included (their cost is a plain file copy).",
        "",
        "| posts | rows in all tables | from → to | backup | verify | restore | archive size |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        size = int(r["archive_bytes"]) / 1024 / 1024  # type: ignore[call-overload]
        lines.append(
            f"| {r['posts']:,} | {r['rows']:,} | {r['source']} → {r['target']} | {r['backup_s']} s | {r['verify_s']} s"
            f" | {r['restore_s']} s | {size:.1f} MiB |"
        )
    lines += ["", END]
    return "\n".join(lines)


def write(path: Path, section: str) -> None:
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, action="append", help="instance size (repeatable); default 100000")
    parser.add_argument("--pairs", default="sqlite:postgresql,postgresql:sqlite", help="source:target engine pairs")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--write", type=Path, help="update this markdown file between the bench-backup markers")
    parser.add_argument("--workdir", type=Path, default=None, help="where archives and data go (default: a temp dir)")
    parser.add_argument("--previous", type=Path, help="JSON lines of earlier results to include in the table")
    parser.add_argument("--verbose", action="store_true", help="show the commands' progress")
    args = parser.parse_args()
    global VERBOSE
    VERBOSE = args.verbose
    results = []
    if args.previous:
        results = [json.loads(line) for line in args.previous.read_text().splitlines() if line.startswith("{")]
    with tempfile.TemporaryDirectory(prefix="tribune-bench-", dir=args.workdir) as work:
        for posts in args.posts or [100_000]:
            for pair in args.pairs.split(","):
                source, target = pair.split(":")
                result = bench(posts, source, target, args.accounts, Path(work))
                print(json.dumps(result), flush=True)
                results.append(result)
    if args.write:
        write(args.write, render(results))


if __name__ == "__main__":
    main()
