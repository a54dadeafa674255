"""`make bench-scale`: the production mode (PostgreSQL + Redis + RQ workers) under load.

1. Seeds PostgreSQL with 100,000 accounts (heavy-tailed followers, the top
   account capped at 50,000) and 2,000,000 posts, once (later runs reuse it).
2. Starts granian (one process per core) and two `tribune worker` processes on
   Redis (django-tasks-rq), TRIBUNE_BENCH=1 for the trivial ceiling view.
3. Measures, against /bench/trivial as the ceiling:
   - the Mastodon API home timeline (`/api/v1/timelines/home`, 20 posts) at 64
     concurrent clients, rotating the bearer tokens of typical readers;
   - sustained post creation through the API with scoring and fan-out: posts/s,
     and the delay from creation until the post is in every follower's feed
     (`Post.delivered_at - created_at`, stamped when fan-out finished), and for
     the most followed account until a follower's home timeline shows it;
   - Redis memory per feed entry, measured on rebuilt feeds, and the total
     extrapolated to every seeded person;
   - the same home-timeline figure for the embedded default (SQLite, the
     `make bench` network) for comparison.
4. Writes docs/benchmarks.md (between its bench-scale markers) and
   docs/bench-scale.png.
"""

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psycopg
import redis

from ops.bench.feeds import LoadResult, free_port, log, machine, run_asyncio, run_wrk, stop_all

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-password-not-secret"  # noqa: S105  # seeded demo accounts on a loopback-only server
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
MARK_START = "<!-- bench-scale:start -->"
MARK_END = "<!-- bench-scale:end -->"


def environment(options: argparse.Namespace, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tribune.settings",
        "TRIBUNE_DATA_DIR": str(data_dir),
        "TRIBUNE_DATABASE_URL": f"{PG_SERVER}/{options.database}",
        "TRIBUNE_REDIS_URL": options.redis,
        "TRIBUNE_TASKS": "rq",
        "TRIBUNE_BENCH": "1",
        "TRIBUNE_LOG_LEVEL": "WARNING",
        "TRIBUNE_API_RATE_LIMIT": "1000000000",
        "TRIBUNE_OAUTH_PASSWORD_GRANT": "1",  # the load clients log in with the password grant
    }


def tribune(env: dict[str, str], *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tribune", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )
    return done.stdout if capture else ""


def ensure_seeded(options: argparse.Namespace, env: dict[str, str], data_dir: Path) -> dict[str, object]:
    marker = data_dir / "bench-seeded.json"
    wanted: dict[str, object] = {
        "users": options.users, "posts": options.posts, "max_followers": options.max_followers,
        "database": options.database,
    }  # fmt: skip
    if marker.exists():
        seeded = json.loads(marker.read_text())
        if {k: seeded.get(k) for k in wanted} == wanted:
            log(f"reusing the seeded network in {options.database}")
            return dict(seeded)
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{options.database}"')
    log(f"seeding {options.users:,} accounts and {options.posts:,} posts into PostgreSQL {options.database}")
    tribune(env, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    tribune(
        env, "seed", "--users", str(options.users), "--posts", str(options.posts), "--password", PASSWORD,
        "--seed", "1", "--feed-cap", "0", "--max-followers", str(options.max_followers), "--without-keys",
    )  # fmt: skip
    wanted["seed_seconds"] = round(time.monotonic() - started, 1)
    marker.write_text(json.dumps(wanted))
    return wanted


@contextmanager
def processes(env: dict[str, str], port: int, web: int, workers: int) -> Iterator[str]:
    granian = Path(sys.executable).with_name("granian")
    started = [
        subprocess.Popen(
            [
                str(granian),
                "--interface",
                "asginl",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(web),
                "--log-level",
                "warning",
                "--no-access-log",
                "tribune.asgi:application",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,  # its own process group, so that its workers stop with it
        )  # fmt: skip
    ]
    started += [
        subprocess.Popen(
            [sys.executable, "-m", "tribune", "worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        for _ in range(workers)
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if started[0].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.3)
        yield base
    finally:
        stop_all(started)


def token(base: str, client: dict[str, str], username: str) -> str:
    """A bearer token through the OAuth2 password grant, as command-line clients get one."""
    response = httpx.post(
        base + "/oauth/token",
        data={
            "grant_type": "password", "username": username, "password": PASSWORD, "scope": "read write follow",
            "client_id": client["client_id"], "client_secret": client["client_secret"],
        },
        timeout=60,
    )  # fmt: skip
    response.raise_for_status()
    return str(response.json()["access_token"])


def pick(env: dict[str, str], readers: int) -> dict[str, object]:
    code = f"""
import json
from accounts.models import Account
local = Account.objects.filter(domain="", user__isnull=False)
total = local.count()
by_following = local.order_by("following_count", "id")
middle = max(0, total // 2 - {readers} // 2)
readers = list(by_following[middle: middle + {readers}].values_list("username", "following_count"))
by_followers = local.order_by("followers_count", "id")
typical = list(by_followers[total // 2: total // 2 + 40].values_list("username", "followers_count"))
top = by_followers.values_list("username", "followers_count").last()
top_fan = Account.objects.filter(following_set__target__username=top[0]).order_by("following_count").values_list("username", flat=True).first()
print(json.dumps({{"total": total, "readers": readers, "typical": typical, "top": top, "top_fan": top_fan}}))
"""
    return dict(json.loads(tribune(env, "shell", "--no-imports", "-c", code, capture=True).strip().splitlines()[-1]))


def posting(
    base: str, tokens: list[str], seconds: int, threads: int, rate: float | None = None
) -> tuple[list[str], list[float]]:
    """Posts through the API for `seconds`: at `rate` posts/s on a fixed schedule (open loop:
    a slow answer does not slow the arrivals, as with real people), or as fast as `threads`
    clients can (rate None: saturation). Returns the new ids and request latencies (ms)."""
    ids: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()
    start = time.monotonic()
    stop = start + seconds
    slots = itertools.count()

    def poster(index: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while True:
                n = next(slots)
                if rate is not None:
                    due = start + n / rate
                    if due >= stop:
                        return
                    time.sleep(max(0.0, due - time.monotonic()))
                elif time.monotonic() >= stop:
                    return
                started = time.perf_counter()
                response = http.post(
                    "/api/v1/statuses",
                    json={"status": f"Load test post {index}-{n} about #benchmarks", "visibility": "public"},
                    headers={"Authorization": f"Bearer {tokens[n % len(tokens)]}"},
                )
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code == 200:
                    with lock:
                        ids.append(response.json()["id"])
                        latencies.append(elapsed)

    workers = [threading.Thread(target=poster, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return ids, latencies


@dataclass
class PostingRun:
    offered: float | None  # posts/s asked for; None: as fast as the clients could
    achieved: float
    latencies: list[float]
    delays: list[float]  # seconds until in every follower's feed


def sustainable_posting(
    options: argparse.Namespace, base: str, tokens: list[str], aim_s: float = 5.0
) -> tuple[list[PostingRun], PostingRun]:
    """Offered rates in steps, each for --posting-seconds, until fan-out falls behind (p99
    delay above the aim, or fewer posts accepted than offered); then one run at saturation."""
    steps: list[PostingRun] = []
    for rate in options.posting_rates:
        started = time.monotonic()
        ids, latencies = posting(base, tokens, options.posting_seconds, options.posting_threads, rate)
        achieved = len(ids) / (time.monotonic() - started)
        run = PostingRun(rate, achieved, latencies, delivery_delays(options, ids))
        steps.append(run)
        log(
            f"posting at {rate:g}/s: {achieved:.1f} accepted/s, request p99 {pct(latencies, 99):.0f} ms;"
            f" in all followers' feeds after p50 {pct(run.delays, 50):.2f} s p99 {pct(run.delays, 99):.2f} s"
        )
        if pct(run.delays, 99) > aim_s or achieved < 0.9 * rate:
            break
    started = time.monotonic()
    ids, latencies = posting(base, tokens, options.posting_seconds, options.posting_threads)
    achieved = len(ids) / (time.monotonic() - started)
    saturated = PostingRun(None, achieved, latencies, delivery_delays(options, ids))
    log(
        f"posting at saturation ({options.posting_threads} clients): {achieved:.1f} posts/s; in all followers' feeds"
        f" after p50 {pct(saturated.delays, 50):.2f} s p99 {pct(saturated.delays, 99):.2f} s"
    )
    return steps, saturated


def best_sustained(steps: list[PostingRun], aim_s: float = 5.0) -> PostingRun | None:
    """The highest offered rate that was accepted in full with fan-out p99 within the aim."""
    kept = [r for r in steps if r.offered and r.achieved >= 0.9 * r.offered and pct(r.delays, 99) <= aim_s]
    return kept[-1] if kept else None


def delivery_delays(options: argparse.Namespace, ids: list[str], timeout: float = 300) -> list[float]:
    """Seconds from creation to the end of fan-out, waiting until every post is delivered."""
    url = f"{PG_SERVER}/{options.database}"
    deadline = time.monotonic() + timeout
    with psycopg.connect(url) as pg:
        while True:
            rows = pg.execute(
                "SELECT EXTRACT(EPOCH FROM delivered_at - created_at) FROM posts_post WHERE id = ANY(%s)",
                ([int(i) for i in ids],),
            ).fetchall()
            pending = sum(1 for (delay,) in rows if delay is None)
            if not pending or time.monotonic() > deadline:
                return [float(d) for (d,) in rows if d is not None]
            time.sleep(0.5)


def visible_delay(base: str, author_token: str, fan_token: str, samples: int) -> list[float]:
    """Seconds from the author's post request until it shows in a follower's home timeline."""
    delays = []
    with httpx.Client(base_url=base, timeout=60) as http:
        for i in range(samples):
            started = time.monotonic()
            posted = http.post(
                "/api/v1/statuses", json={"status": f"From the most followed account, {i}"},
                headers={"Authorization": f"Bearer {author_token}"},
            ).json()["id"]  # fmt: skip
            while time.monotonic() - started < 60:
                home = http.get("/api/v1/timelines/home?limit=5", headers={"Authorization": f"Bearer {fan_token}"})
                if any(s["id"] == posted for s in home.json()):
                    break
                time.sleep(0.05)
            delays.append(time.monotonic() - started)
    return delays


def redis_memory(options: argparse.Namespace, env: dict[str, str], feeds: int, total_people: int) -> dict[str, float]:
    code = f"""
from accounts.models import Account
from timelines.feeds import home_feed
from tribune.lib.pagination import Page
for account in Account.objects.filter(domain="", user__isnull=False).order_by("?")[:{feeds}]:
    home_feed(account, Page(limit=1))
"""
    tribune(env, "shell", "--no-imports", "-c", code)
    conn = redis.Redis.from_url(options.redis)
    entries = 0
    used = 0
    count = 0
    for key in conn.scan_iter(match="tribune:feed:*", count=1000):
        entries += int(conn.zcard(key)) - 1
        used += int(conn.memory_usage(key) or 0)
        count += 1
    per_entry = used / entries if entries else 0.0
    per_feed = used / count if count else 0.0
    return {
        "feeds": count, "entries": entries, "bytes": used, "per_entry": per_entry, "per_feed": per_feed,
        "extrapolated_total_mb": per_feed * total_people / 1e6,
    }  # fmt: skip


def sqlite_home(options: argparse.Namespace) -> LoadResult | None:
    """The same API home timeline on the embedded default, on the `make bench` network if it is there."""
    data_dir = ROOT / "var" / "bench-feeds"
    if not (data_dir / "bench-seeded.json").exists():
        log("no `make bench` network in var/bench-feeds: skipping the SQLite comparison")
        return None
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "tribune.settings", "TRIBUNE_DATA_DIR": str(data_dir),
        "TRIBUNE_TASKS": "immediate", "TRIBUNE_LOG_LEVEL": "WARNING", "TRIBUNE_API_RATE_LIMIT": "1000000000",
        "TRIBUNE_BENCH": "1",
    }  # fmt: skip
    env.pop("TRIBUNE_DATABASE_URL", None)
    env.pop("TRIBUNE_REDIS_URL", None)
    picked = pick(env, 16)
    with processes(env, free_port(), options.web, 0) as base:
        client = httpx.post(
            base + "/api/v1/apps",
            json={"client_name": "bench", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob", "scopes": "read write follow"},
        ).json()
        tokens = [f"Bearer {token(base, client, u)}" for u, _n in picked["readers"]]  # type: ignore[attr-defined]
        load = run_wrk if shutil.which("wrk") else run_asyncio
        path = "/api/v1/timelines/home?limit=20"
        load("home (SQLite)", base, path, tokens, options.connections, 2, header="Authorization")
        return load("home (SQLite)", base, path, tokens, options.connections, options.duration, header="Authorization")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values) or [0.0]
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=2_000_000)
    parser.add_argument("--max-followers", type=int, default=50_000)
    parser.add_argument("--database", default="tribune_bench_scale")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--light-connections", type=int, default=2, help="for latency below saturation")
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--web", type=int, default=os.cpu_count() or 1, help="granian worker processes")
    parser.add_argument("--workers", type=int, default=2, help="task worker processes")
    parser.add_argument("--readers", type=int, default=64)
    parser.add_argument("--think-ms", type=int, default=200, help="paced clients: mean pause between reads")
    parser.add_argument("--posting-seconds", type=int, default=15)
    parser.add_argument("--posting-threads", type=int, default=8)
    parser.add_argument(
        "--posting-rates", type=lambda v: [float(r) for r in v.split(",")], default=[5, 10, 15, 20, 25, 30, 40],
        help="offered posts/s, in steps, until fan-out falls behind",
    )  # fmt: skip
    parser.add_argument("--memory-feeds", type=int, default=2000)
    parser.add_argument("--no-report", action="store_true")
    options = parser.parse_args(argv)

    data_dir = ROOT / "var" / "bench-scale"
    env = environment(options, data_dir)
    seeded = ensure_seeded(options, env, data_dir)
    redis.Redis.from_url(options.redis).flushdb()  # feeds are rebuilt from PostgreSQL on first read
    picked = pick(env, options.readers)
    load = run_wrk if shutil.which("wrk") else run_asyncio
    results: dict[str, object] = {"seeded": seeded, "top": picked["top"]}
    with processes(env, free_port(), options.web, options.workers) as base:
        client = httpx.post(
            base + "/api/v1/apps",
            json={"client_name": "bench", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob", "scopes": "read write follow"},
        ).json()
        readers = [u for u, _n in picked["readers"]]  # type: ignore[attr-defined]
        tokens = [token(base, client, u) for u in readers]
        headers = [f"Bearer {t}" for t in tokens]
        path = "/api/v1/timelines/home?limit=20"
        for bearer in headers:  # first reads rebuild the feeds in Redis from PostgreSQL
            response = httpx.get(base + path, headers={"Authorization": bearer}, timeout=60)
            response.raise_for_status()
        loads = []
        for name, target in (("trivial view", "/bench/trivial"), ("home timeline (API)", path)):
            load(name, base, target, headers, options.connections, 3, header="Authorization")
            result = load(name, base, target, headers, options.connections, options.duration, header="Authorization")
            log(
                f"{name:<22} {result.rps:8.0f} req/s  p50 {result.p50_ms:6.1f} ms  p99 {result.p99_ms:6.1f} ms  errors {result.errors}"
            )
            loads.append(result)
        # At 64 closed-loop clients a request waits behind the others (Little's law: p50 is about
        # 64 / throughput), so latency is also measured with few clients, where it is service time.
        light = load(
            "home timeline (API)",
            base,
            path,
            headers,
            options.light_connections,
            options.duration,
            header="Authorization",
        )
        log(
            f"home timeline at {options.light_connections} connections: {light.rps:.0f} req/s p50 {light.p50_ms:.1f} ms p99 {light.p99_ms:.1f} ms"
        )
        # The same 64 clients reading at their own pace (a pause after each answer) rather than
        # as fast as the server answers: the latency under a load the server keeps up with.
        paced = load(
            "home timeline (API), paced", base, path, headers, options.connections, options.duration,
            header="Authorization", think_ms=options.think_ms,
        )  # fmt: skip
        log(
            f"home timeline, {options.connections} clients pausing {options.think_ms} ms on average: {paced.rps:.0f} req/s"
            f" p50 {paced.p50_ms:.1f} ms p99 {paced.p99_ms:.1f} ms"
        )
        authors = [u for u, _n in picked["typical"]]  # type: ignore[attr-defined]
        author_tokens = [token(base, client, u) for u in authors]
        steps, saturated = sustainable_posting(options, base, author_tokens)
        top_name, top_followers = str(picked["top"][0]), int(picked["top"][1])  # type: ignore[index]
        top_delays = visible_delay(base, token(base, client, top_name), token(base, client, str(picked["top_fan"])), 20)
        log(
            f"most followed ({top_followers:,} followers): visible to a follower after p50 {pct(top_delays, 50):.2f} s p99 {pct(top_delays, 99):.2f} s"
        )
    # The same reads with every page rendered: the cost of a read the cache cannot answer (a page
    # something on it changed since, or a first read).
    with processes({**env, "TRIBUNE_HOME_CACHE": "0"}, free_port(), options.web, 0) as uncached_base:
        name = "home timeline (API, cache off)"
        load(name, uncached_base, path, headers, options.connections, 3, header="Authorization")
        uncached = load(
            name, uncached_base, path, headers, options.connections, options.duration, header="Authorization"
        )
        log(f"{name:<22} {uncached.rps:8.0f} req/s  p50 {uncached.p50_ms:6.1f} ms  p99 {uncached.p99_ms:6.1f} ms")
        loads.append(uncached)
    memory = redis_memory(options, env, options.memory_feeds, int(picked["total"]))  # type: ignore[call-overload]
    log(f"redis: {memory['per_entry']:.1f} bytes per feed entry, {memory['per_feed'] / 1024:.1f} KiB per feed")
    sqlite = sqlite_home(options)
    results.update(
        loads=loads, light=light, paced=paced, steps=steps, saturated=saturated, top_delays=top_delays, memory=memory, sqlite=sqlite, typical_followers=statistics.median(n for _u, n in picked["typical"]),  # type: ignore[attr-defined]
        reader_following=statistics.median(n for _u, n in picked["readers"]),  # type: ignore[attr-defined]
    )  # fmt: skip
    if not options.no_report:
        write_report(results, options)
        plot(results)


def write_report(results: dict[str, object], options: argparse.Namespace) -> None:
    loads: list[LoadResult] = results["loads"]  # type: ignore[assignment]
    ceiling, home = loads[0], loads[1]
    memory: dict[str, float] = results["memory"]  # type: ignore[assignment]
    seeded: dict[str, object] = results["seeded"]  # type: ignore[assignment]
    sqlite: LoadResult | None = results["sqlite"]  # type: ignore[assignment]
    light: LoadResult = results["light"]  # type: ignore[assignment]
    paced: LoadResult = results["paced"]  # type: ignore[assignment]
    steps: list[PostingRun] = results["steps"]  # type: ignore[assignment]
    saturated: PostingRun = results["saturated"]  # type: ignore[assignment]
    top_delays: list[float] = results["top_delays"]  # type: ignore[assignment]
    best = best_sustained(steps)
    top_followers = int(results["top"][1])  # type: ignore[index]
    lines = [
        MARK_START,
        "## Production mode: PostgreSQL + Redis + RQ workers (`make bench-scale`)",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}; PostgreSQL, Redis, the web processes,"
        " the workers and the load generator all share this machine.",
        f"Data: {seeded['users']:,} accounts (most followed: {top_followers:,} followers) and {seeded['posts']:,} posts"
        f" in PostgreSQL, seeded by `tribune seed` in {seeded.get('seed_seconds', '?')} s. Server: granian ASGI,"
        f" {options.web} process(es); {options.workers} RQ worker(s); load: {home.tool}, {options.connections}"
        f" connections, {options.duration} s, {options.readers} readers' tokens in rotation (typical readers follow"
        f" {results['reader_following']:.0f} accounts).",
        "",
        "| what | requests/s | p50 ms | p99 ms | errors | share of the ceiling |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows = [*loads, *([sqlite] if sqlite else [])]
    for r in rows:
        lines.append(
            f"| {r.name} (`{r.path}`) | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} | {r.rps / ceiling.rps:.0%} |"
        )
    lines += [
        "",
        f"Aim: the API home timeline at half the trivial view's throughput or more, p99 under 50 ms: measured"
        f" {home.rps / ceiling.rps:.0%} of the ceiling, p99 {home.p99_ms:.1f} ms at {options.connections} connections."
        f" At {options.connections} closed-loop connections each request queues behind the others (Little's law:"
        f" p50 is about connections / throughput; the trivial view's own p50 is {ceiling.p50_ms:.0f} ms), so the"
        f" latency a reader sees is measured again with {options.light_connections} connections: home timeline"
        f" {light.rps:,.0f} req/s, p50 {light.p50_ms:.1f} ms, p99 {light.p99_ms:.1f} ms; and with the"
        f" {options.connections} clients each pausing {options.think_ms} ms on average after every answer"
        f" (independent readers at their own pace: {paced.rps:,.0f} req/s, {paced.rps / home.rps:.0%} of the"
        f" throughput above), p50"
        f" {paced.p50_ms:.1f} ms, p99 {paced.p99_ms:.1f} ms."
        " Each reader reads their timeline again and again, as clients refresh and poll: after the first read,"
        " pages come from the cache of rendered pages (api/home_cache.py) while nothing on them changed. The"
        " cache-off row (`TRIBUNE_HOME_CACHE=0`, the same reads, every page rendered) is what a read costs when"
        " something on the page did change."
        + (
            " The SQLite row is the embedded default on the `make bench` network (10,000 accounts), for comparison."
            if sqlite
            else ""
        ),
        "",
        f"Sustained post creation through the API, typical authors ({results['typical_followers']:.0f} followers),"
        f" scoring and fan-out included. Posts arrive on a fixed schedule at each offered rate for"
        f" {options.posting_seconds} s (open loop), rates rising until fan-out falls behind; delay = from creation"
        f" until the post is in every follower's home feed:",
        "",
        "| offered posts/s | accepted posts/s | request p50 ms | request p99 ms | delay p50 s | delay p99 s |",
        "|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {'saturation' if r.offered is None else f'{r.offered:g}'} | {r.achieved:.1f} | {pct(r.latencies, 50):.0f}"
            f" | {pct(r.latencies, 99):.0f} | {pct(r.delays, 50):.2f} | {pct(r.delays, 99):.2f} |"
            for r in [*steps, saturated]
        ),
        "",
        (
            f"Sustained: {best.achieved:.1f} posts/s with fan-out p99 {pct(best.delays, 99):.2f} s (aim: p99 under 5 s)."
            if best
            else "No offered rate kept fan-out p99 under 5 s."
        )
        + f" At saturation ({options.posting_threads} clients posting back to back, closed loop): {saturated.achieved:.1f}"
        f" posts/s, fan-out p99 {pct(saturated.delays, 99):.2f} s.",
        f"The most followed account ({top_followers:,} followers) is above the fan-out threshold: its posts are merged"
        f" at read time, so a follower's home timeline shows them after p50 {pct(top_delays, 50):.2f} s,"
        f" p99 {pct(top_delays, 99):.2f} s (post request plus one timeline read).",
        "",
        f"Redis: {memory['per_entry']:.1f} bytes per feed entry ({memory['feeds']:.0f} feeds rebuilt,"
        f" {memory['entries']:,.0f} entries, {memory['per_feed'] / 1024:.1f} KiB per feed); for every seeded person's"
        f" feed: about {memory['extrapolated_total_mb']:,.0f} MB.",
        "",
        "![Production-mode benchmark](bench-scale.png)",
        MARK_END,
    ]
    section = "\n".join(lines)
    path = ROOT / "docs" / "benchmarks.md"
    current = path.read_text() if path.exists() else "# Benchmarks\n\n"
    if MARK_START in current and MARK_END in current:
        before, rest = current.split(MARK_START, 1)
        current = before + section + rest.split(MARK_END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(current)
    log(section)


def plot(results: dict[str, object]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    loads: list[LoadResult] = results["loads"]  # type: ignore[assignment]
    sqlite = results["sqlite"]
    rows = [*loads, *([sqlite] if isinstance(sqlite, LoadResult) else [])]
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(15, 4.6))
    names = [r.name for r in rows]
    left.bar(
        [n.replace(" (", "\n(") for n in names],
        [r.rps for r in rows],
        color=["#888888", "#3b6ea5", "#c98a2b", "#7a9a5a"][: len(rows)],
    )
    left.set_title("requests/s at 64 clients")
    light: LoadResult = results["light"]  # type: ignore[assignment]
    paced: LoadResult = results["paced"]  # type: ignore[assignment]
    timed = [*rows, light, paced]
    x = list(range(len(timed)))
    middle.bar([i - 0.2 for i in x], [r.p50_ms for r in timed], width=0.4, label="p50")
    middle.bar([i + 0.2 for i in x], [r.p99_ms for r in timed], width=0.4, label="p99")
    middle.axhline(50, color="red", linewidth=0.8, linestyle="--", label="50 ms aim")
    middle.set_yscale("log")
    middle.set_xticks(
        x,
        [n.replace(" (", "\n(") for n in names]
        + [f"home timeline\n({light.connections} conn.)", f"home timeline\n({paced.connections} paced)"],
    )
    middle.set_title("latency, ms")
    middle.legend()
    steps: list[PostingRun] = results["steps"]  # type: ignore[assignment]
    rates = [r.offered or 0.0 for r in steps]
    right.plot(rates, [pct(r.delays, 99) for r in steps], marker="o", label="p99")
    right.plot(rates, [pct(r.delays, 50) for r in steps], marker="o", label="p50")
    right.axhline(5, color="red", linewidth=0.8, linestyle="--", label="5 s aim")
    right.set_xlabel("offered posts/s")
    right.set_title("seconds until in every follower's feed")
    right.legend(fontsize=8)
    for axis in (left, middle, right):
        axis.tick_params(axis="x", labelsize=8)
    fig.tight_layout()
    fig.savefig(ROOT / "docs" / "bench-scale.png", dpi=110)


if __name__ == "__main__":
    main()
