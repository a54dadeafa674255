"""`make bench`: feed throughput and latency over HTTP against a real server.

1. Seeds a network (10,000 accounts, 200,000 posts by default) into its own
   SQLite data directory, once: later runs reuse it.
2. Starts granian (ASGI) on a free loopback port with TRIBUNE_BENCH=1 (which
   routes /bench/trivial, the ceiling) and TRIBUNE_TASKS=immediate, so that a
   post request returns only once it has been fanned out to every follower.
3. Logs seeded accounts in through the login form, then drives the pages with
   `wrk` (a Lua script rotates the session cookies) or, where wrk is not
   installed, a small asyncio load generator: the trivial view, the home feed
   and the local feed at a fixed concurrency; then post creation latency for a
   typical author and for the most followed one (nearly everyone follows them).
4. Writes the figures, the machine and the ratio to the ceiling into
   docs/benchmarks.md (between its bench-feeds markers) and a plot into
   docs/bench-feeds.png.

It only needs URLs and a logged-in session, so it keeps working as pages change.
"""

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-password-not-secret"  # noqa: S105  # seeded demo accounts on a loopback-only server
MARK_START = "<!-- bench-feeds:start -->"
MARK_END = "<!-- bench-feeds:end -->"


@dataclass
class LoadResult:
    name: str
    path: str
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    errors: int = 0
    tool: str = "wrk"
    connections: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class LatencyResult:
    name: str
    followers: int
    samples: list[float] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def log(line: str) -> None:
    print(line, flush=True)


def tribune(data_dir: Path, *args: str) -> None:
    env = {**os.environ, "TRIBUNE_DATA_DIR": str(data_dir), "TRIBUNE_TASKS": "immediate"}
    env.pop("TRIBUNE_DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "tribune", *args], cwd=ROOT, env=env, check=True)


def ensure_seeded(data_dir: Path, users: int, posts: int) -> None:
    marker = data_dir / "bench-seeded.json"
    wanted: dict[str, object] = {"users": users, "posts": posts, "password": PASSWORD}
    if marker.exists() and all(json.loads(marker.read_text()).get(k) == v for k, v in wanted.items()):
        log(f"reusing the seeded network in {data_dir}")
        tribune(data_dir, "migrate", "--noinput", "-v0")  # the code may have moved on since it was seeded
        return
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    log(f"seeding {users:,} accounts and {posts:,} posts into {data_dir}")
    tribune(data_dir, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    tribune(
        data_dir,
        "seed",
        "--users",
        str(users),
        "--posts",
        str(posts),
        "--password",
        PASSWORD,
        "--seed",
        "1",
        "--without-keys",
    )
    wanted["seed_seconds"] = round(time.monotonic() - started, 1)
    marker.write_text(json.dumps(wanted))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(data_dir: Path, port: int, workers: int) -> Iterator[str]:
    env = {
        **os.environ,
        "TRIBUNE_DATA_DIR": str(data_dir),
        "TRIBUNE_BENCH": "1",
        "TRIBUNE_TASKS": "immediate",
        "TRIBUNE_LOG_LEVEL": "WARNING",
        "PORT": str(port),
        "DJANGO_SETTINGS_MODULE": "tribune.settings",
    }
    env.pop("TRIBUNE_DATABASE_URL", None)
    granian = Path(sys.executable).with_name("granian")
    command = [
        str(granian) if granian.exists() else "granian",
        "--interface", "asginl", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-access-log", "tribune.asgi:application",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.3)
        yield base
    finally:
        stop_all([process])


def stop_all(processes: list[subprocess.Popen]) -> None:
    """Stop processes started with start_new_session=True, with their children (granian's workers):
    SIGTERM to each process group, then SIGKILL to what is left after 15 s."""
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def login(base: str, username: str) -> dict[str, str]:
    """Log in through the login form; returns the cookies of the session.
    The CSRF token is one we choose: Django accepts its unmasked secret as the form value."""
    from django.conf import settings
    from django.urls import reverse

    token = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))
    cookies = {settings.CSRF_COOKIE_NAME: token}
    response = httpx.post(
        base + reverse(settings.LOGIN_URL),
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        cookies=cookies,
        timeout=30,
    )
    session = response.cookies.get(settings.SESSION_COOKIE_NAME)
    if response.status_code not in (301, 302, 303) or not session:
        raise RuntimeError(f"could not log in as {username}: HTTP {response.status_code}")
    return {**cookies, settings.SESSION_COOKIE_NAME: session}


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


WRK_SCRIPT = """
local cookies = {%(cookies)s}
local path = "%(path)s"
local n = 0
%(delay)s
request = function()
  n = n + 1
  return wrk.format("GET", path, {["%(header)s"] = cookies[(n %% #cookies) + 1]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH-JSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50_us\\": %%d, \\"p90_us\\": %%d, \\"p99_us\\": %%d, \\"errors\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end
"""


def run_wrk(
    name: str,
    base: str,
    path: str,
    sessions: list[str],
    connections: int,
    seconds: int,
    header: str = "Cookie",
    think_ms: int = 0,
) -> LoadResult:
    """`sessions` are values of `header` (cookies, or bearer tokens with header="Authorization"), in rotation.
    `think_ms`: each connection pauses that long on average (exponentially distributed) between a
    response and its next request: clients reading at their own pace, independently, rather than
    as fast as the server answers."""
    cookies = ", ".join(json.dumps(c) for c in sessions)
    # Exponential pauses (mean think_ms): independent clients, not 64 in step.
    delay = f"delay = function() return -math.log(1 - math.random()) * {think_ms} end" if think_ms else ""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"cookies": cookies, "path": path, "header": header, "delay": delay})
    try:
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script.name, base]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    match = re.search(r"BENCH-JSON (\{.*\})", output)
    if match is None:
        raise RuntimeError(f"wrk printed no figures:\n{output}")
    data = json.loads(match.group(1))
    return LoadResult(
        name, path, data["requests"], data["duration_us"] / 1e6, data["p50_us"] / 1000, data["p90_us"] / 1000,
        data["p99_us"] / 1000, data["errors"], "wrk", connections,
    )  # fmt: skip


def run_asyncio(
    name: str,
    base: str,
    path: str,
    sessions: list[str],
    connections: int,
    seconds: int,
    header: str = "Cookie",
    think_ms: int = 0,
) -> LoadResult:
    """The fallback load generator: `connections` keep-alive clients in a loop for `seconds`."""
    latencies: list[float] = []
    errors = 0

    async def client(index: int, stop: float) -> None:
        nonlocal errors
        headers = {header: sessions[index % len(sessions)]}
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=10) as http:
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    response = await http.get(path)
                    if response.status_code >= 400:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - started)
                if think_ms:
                    await asyncio.sleep(random.expovariate(1000 / think_ms))

    async def drive() -> float:
        started = time.monotonic()
        await asyncio.gather(*(client(i, started + seconds) for i in range(connections)))
        return time.monotonic() - started

    elapsed = asyncio.run(drive())
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    return LoadResult(name, path, len(latencies), elapsed, pct(50), pct(90), pct(99), errors, "asyncio", connections)


def post_latency(base: str, cookies: dict[str, str], name: str, followers: int, count: int) -> LatencyResult:
    """Sequential post creations through the compose form; each returns after fan-out (tasks run immediately)."""
    from django.conf import settings
    from django.urls import reverse

    result = LatencyResult(name, followers)
    url = base + reverse("web:compose")
    with httpx.Client(cookies=cookies, timeout=60) as http:
        for i in range(count):
            text = f"Benchmark post {i} about the #fediverse, measured at {time.time():.3f}"
            started = time.perf_counter()
            response = http.post(
                url,
                data={"text": text, "visibility": "public", "csrfmiddlewaretoken": cookies[settings.CSRF_COOKIE_NAME]},
            )
            elapsed = time.perf_counter() - started
            if response.status_code not in (200, 201, 302, 303):
                raise RuntimeError(f"posting failed: HTTP {response.status_code}")
            result.samples.append(elapsed * 1000)
    return result


def breakdown(username: str, rounds: int = 20) -> dict[str, float]:
    """Median milliseconds, in this process and one at a time, of the feed reads alone
    and of the whole pages (Django's test client, no HTTP): where a page's time goes."""
    from django.test import Client

    from accounts.models import Account
    from timelines.feeds import home_feed, public_feed
    from tribune.lib.pagination import Page

    reader = Account.objects.select_related("user").get(username=username, domain="")
    client = Client()
    client.force_login(reader.user)  # type: ignore[arg-type]  # seeded accounts are local
    steps = {
        "home_feed() (queries and visibility)": lambda: home_feed(reader, Page()),
        "public_feed(local_only=True)": lambda: public_feed(reader, Page(), local_only=True),
        "GET /home in process (feed, decoration, template)": lambda: client.get("/home"),
        "GET / in process": lambda: client.get("/"),
    }
    figures = {}
    for label, step in steps.items():
        step()
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            step()
            samples.append((time.perf_counter() - started) * 1000)
        figures[label] = statistics.median(samples)
    return figures


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{mem_kb / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        memory = "unknown RAM"
    return f"{cpu}, {os.cpu_count()} cores, {memory}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def write_report(
    loads: list[LoadResult], posts: list[LatencyResult], options: argparse.Namespace, extra: dict[str, object]
) -> str:
    lines = [
        MARK_START,
        "## Feeds over HTTP (`make bench`)",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
        f"Data: {options.users:,} accounts, {options.posts:,} posts (SQLite, seeded by `tribune seed`"
        + (f" in {extra['seed_seconds']} s" if extra.get("seed_seconds") else "")
        + f"). Server: granian ASGI, {options.workers} worker(s), tasks run immediately. "
        f"Load: {loads[0].tool}, {options.connections} connections, {options.duration} s per page, "
        f"{extra['sessions']} logged-in sessions in rotation (typical readers following {extra['following']} accounts). "
        f"Load average of the machine before / after the run: {extra['load_before']} / {extra['load_after']} "
        "(other work on a shared machine slows every row alike; compare rows with each other, not across runs).",
        "",
        "| page | connections | requests/s | p50 ms | p90 ms | p99 ms | errors | share of the ceiling |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in loads:
        same = [c for c in loads if c.name == "trivial view" and c.connections == r.connections]
        share = r.rps / same[0].rps if same and same[0].rps else 0.0
        lines.append(
            f"| {r.name} (`{r.path}`) | {r.connections} | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p90_ms:.1f} | {r.p99_ms:.1f} "
            f"| {r.errors} | {share:.0%} |"
        )
    lines += [
        "",
        "Post creation through the compose form, one at a time, including fan-out to every follower's home feed "
        "(accounts with FANOUT_MAX_FOLLOWERS followers or more are merged into feeds at read time instead):",
        "",
        "| author | followers | posts | p50 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for p in posts:
        lines.append(
            f"| {p.name} | {p.followers:,} | {len(p.samples)} | {p.percentile(50):.1f} | {p.percentile(99):.1f} | {max(p.samples):.1f} |"
        )
    lines += [
        "",
        "Where a page's time goes (median of 20, in the benchmark process, one request at a time):",
        "",
        "| step | ms |",
        "|---|---:|",
    ]
    for label, ms in extra["breakdown"].items():  # type: ignore[attr-defined]  # a dict of floats
        lines.append(f"| {label} | {ms:.1f} |")
    lines += ["", "![Feed benchmark](bench-feeds.png)", MARK_END]
    section = "\n".join(lines)
    path = ROOT / "docs" / "benchmarks.md"
    current = path.read_text() if path.exists() else "# Benchmarks\n\n"
    if MARK_START in current and MARK_END in current:
        before, rest = current.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        current = before + section + after
    else:
        current = current.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(current)
    return section


def plot(loads: list[LoadResult], posts: list[LatencyResult]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(13, 4.2))
    top = max(r.connections for r in loads)
    loads = [r for r in loads if r.connections == top]
    names = [r.name for r in loads]
    left.bar(names, [r.rps for r in loads], color=["#888888", "#3b6ea5", "#5a9e6f"][: len(loads)])
    left.set_title(f"requests/s at {top} connections")
    x = range(len(loads))
    middle.bar([i - 0.2 for i in x], [r.p50_ms for r in loads], width=0.4, label="p50")
    middle.bar([i + 0.2 for i in x], [r.p99_ms for r in loads], width=0.4, label="p99")
    middle.set_xticks(list(x), names)
    middle.axhline(100, color="red", linewidth=0.8, linestyle="--", label="100 ms")
    middle.set_title(f"page latency at {top} connections, ms")
    middle.legend()
    labels = [f"{p.name}\n({p.followers:,} followers)" for p in posts]
    right.bar([i - 0.2 for i in range(len(posts))], [p.percentile(50) for p in posts], width=0.4, label="p50")
    right.bar([i + 0.2 for i in range(len(posts))], [p.percentile(99) for p in posts], width=0.4, label="p99")
    right.set_xticks(list(range(len(posts))), labels)
    right.set_title("post creation incl. fan-out, ms")
    right.legend()
    for axis in (left, middle, right):
        axis.tick_params(axis="x", labelsize=8)
    fig.tight_layout()
    fig.savefig(ROOT / "docs" / "bench-feeds.png", dpi=110)


def choose_accounts(sessions: int) -> tuple[list[str], tuple[str, int], tuple[str, int], tuple[str, int], int]:
    """Typical readers (median following count), a typical author, the most followed
    author whose posts are still fanned out on write, and the most followed one of all
    (merged into feeds at read time above FANOUT_MAX_FOLLOWERS)."""
    from django.conf import settings

    from accounts.models import Account

    local = Account.objects.filter(domain="", user__isnull=False, suspended_at__isnull=True)
    total = local.count()
    ordered = local.order_by("following_count", "id")
    middle = max(0, total // 2 - sessions // 2)
    readers = list(ordered[middle : middle + sessions].values_list("username", "following_count"))
    by_followers = local.order_by("followers_count", "id")
    typical = by_followers.values_list("username", "followers_count")[total // 2]
    top = by_followers.values_list("username", "followers_count").last()
    fanned = (
        by_followers.filter(followers_count__lt=settings.FANOUT_MAX_FOLLOWERS)
        .values_list("username", "followers_count")
        .last()
    )
    assert top is not None and fanned is not None  # noqa: S101  # the seeded network is not empty
    return [r[0] for r in readers], typical, fanned, top, int(statistics.median(r[1] for r in readers))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=int(os.environ.get("BENCH_USERS", "10000")))
    parser.add_argument("--posts", type=int, default=int(os.environ.get("BENCH_POSTS", "200000")))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", "16")))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", "15")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 1))))
    parser.add_argument("--sessions", type=int, default=16)
    parser.add_argument("--post-samples", type=int, default=30)
    parser.add_argument("--data-dir", default=os.environ.get("BENCH_DATA_DIR", str(ROOT / "var" / "bench-feeds")))
    parser.add_argument("--no-report", action="store_true", help="print the figures without writing docs/")
    options = parser.parse_args(argv)

    data_dir = Path(options.data_dir).resolve()
    ensure_seeded(data_dir, options.users, options.posts)
    marker = json.loads((data_dir / "bench-seeded.json").read_text())
    port = free_port()
    os.environ.pop("TRIBUNE_DATABASE_URL", None)
    os.environ.update({"TRIBUNE_DATA_DIR": str(data_dir), "PORT": str(port), "TRIBUNE_LOG_LEVEL": "WARNING"})
    os.environ["DJANGO_SETTINGS_MODULE"] = "tribune.settings"
    import django

    django.setup()
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    readers, typical, fanned, top, following = choose_accounts(options.sessions)
    use_wrk = shutil.which("wrk") is not None
    load = run_wrk if use_wrk else run_asyncio
    (data_dir / "static").mkdir(exist_ok=True)  # whitenoise warns about a missing static root
    with server(data_dir, port, options.workers) as base:
        sessions = [login(base, username) for username in readers]
        headers = [cookie_header(c) for c in sessions]
        for path in ("/home", "/"):
            response = httpx.get(base + path, headers={"Cookie": headers[0]}, timeout=30)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered HTTP {response.status_code} to a logged-in reader")
        pages = [("trivial view", "/bench/trivial"), ("home feed", "/home"), ("local feed", "/")]
        loads = []
        for connections in (options.connections, 1):
            for name, path in pages:
                load(name, base, path, headers, connections, 2)  # warm up
                result = load(name, base, path, headers, connections, options.duration)
                log(
                    f"{name:<13} c={connections:<3} {result.rps:8.0f} req/s  p50 {result.p50_ms:6.1f} ms  "
                    f"p90 {result.p90_ms:6.1f} ms  p99 {result.p99_ms:6.1f} ms  errors {result.errors}"
                )
                loads.append(result)
        posts = []
        authors = (("typical author", typical), ("largest fan-out", fanned), ("most followed author", top))
        for label, (username, followers) in authors:
            result_post = post_latency(base, login(base, username), label, followers, options.post_samples)
            log(
                f"post by {label} ({followers:,} followers): p50 {result_post.percentile(50):.1f} ms, "
                f"p99 {result_post.percentile(99):.1f} ms"
            )
            posts.append(result_post)
    figures = breakdown(readers[0])
    for label, ms in figures.items():
        log(f"{label}: {ms:.1f} ms")
    if not options.no_report:
        extra = {
            "breakdown": figures,
            "sessions": len(readers),
            "following": following,
            "seed_seconds": marker.get("seed_seconds"),
            "load_before": load_before,
            "load_after": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        }
        print(write_report(loads, posts, options, extra))
        plot(loads, posts)


if __name__ == "__main__":
    main()
