"""`make faults`: faults under load, and what the clients were told afterwards holds.

Starts its own PostgreSQL (initdb + a postgres of its own on a free port), its own Redis, a
Tribune instance on them (two granian web processes, two RQ workers, restarted as systemd would
restart them) and a second instance (SQLite) whose account follows every poster. Clients post,
follow and unfollow, and read through the Mastodon API while, in turn, these are killed (SIGKILL,
process group and all):

  web         a web process (the one whose port is the instance's domain)
  fanout      a worker while it runs a fan-out job
  federation  a worker while it runs a federation delivery
  redis       Redis, brought back empty after --outage seconds
  postgres    PostgreSQL, restarted after --outage seconds (crash recovery)

After each fault, once the instance settled: every post a client was told was created exists,
is in every local follower's home timeline (read through the API) and reached the remote
instance; no post was written twice; a post whose request failed is either absent or whole; the
follows the clients were told about hold. Figures go to a JSON report (--report) and a summary on
stdout; --plot draws acknowledged posts over time with the faults marked.

    .venv/bin/python -m ops.faults.run --posts 2000 --faults web,fanout,federation,redis,postgres
"""

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import sys
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import redis

from ops.faults.cluster import Instance, OwnPostgres, OwnRedis, free_port, scratch_dir, wait_until

FAULTS = ("web", "fanout", "federation", "redis", "postgres")
PAGE = 40


@dataclass
class Attempt:
    token: str  # unique word in the post's text
    author: int  # index of the posting account
    phase: str
    outcome: str = ""  # acked, refused (an HTTP error after retries), unknown (no answer)
    post_id: int | None = None
    tries: int = 0
    at: float = 0.0  # seconds since the run started, when acknowledged or given up


@dataclass
class PhaseResult:
    fault: str
    attempted: int = 0
    acknowledged: int = 0
    refused: int = 0
    unknown: int = 0
    found: int = 0
    lost: int = 0
    duplicated: int = 0
    missing_from_feeds: int = 0
    missing_on_remote: int = 0
    unacknowledged_written_whole: int = 0
    unacknowledged_written_partly: int = 0
    follows_checked: int = 0
    follows_wrong: int = 0
    reads_ok: int = 0
    reads_failed: int = 0
    caught: str = ""  # what the fault hit (the job a worker was running)
    fault_at: float = 0.0
    answered_again_s: float | None = None  # from the kill until the killed part answered again
    posting_gap_s: float | None = None  # the longest stretch after the kill with no post acknowledged
    settled_s: float | None = None  # from the kill until every check held
    problems: list[str] = field(default_factory=list)


SETUP_LOCAL = """
import secrets
from datetime import timedelta
from django.utils import timezone
from oauth2_provider.models import AccessToken
from accounts.actions import do_create_user, do_follow
from api.actions import do_create_app
app, _secret = do_create_app("fault run", "urn:ietf:wg:oauth:2.0:oob", "read write follow")
def make(name):
    account = do_create_user(name, "fault-run-password").account
    token = secrets.token_urlsafe(24)
    AccessToken.objects.create(user=account.user, application=app, token=token, scope="read write follow",
                               expires=timezone.now() + timedelta(days=2))
    return {"id": str(account.pk), "name": name, "token": token}
authors = [make(f"author{i}") for i in range(AUTHORS)]
followers = [make(f"reader{i}") for i in range(FOLLOWERS)]
churners = [make(f"churner{i}") for i in range(CHURNERS)]
from accounts.models import Account
for f in followers:
    for a in authors:
        do_follow(Account.objects.get(pk=f["id"]), Account.objects.get(pk=a["id"]))
out = {"authors": authors, "followers": followers, "churners": churners}
"""

SETUP_REMOTE = """
from accounts.actions import do_create_user, do_follow
from federation.fetch import resolve_handle
watcher = do_create_user("watcher", "fault-run-password").account
for name in NAMES:
    do_follow(watcher, resolve_handle(f"@{name}@DOMAIN"))
out = watcher.pk
"""

REMOTE_FOLLOWS_ACCEPTED = """
from accounts.models import Follow
out = Follow.objects.filter(follower__username="watcher", follower__domain="", state="accepted").count()
"""


class Run:
    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.run_id = uuid.uuid4().hex[:6]
        self.base = scratch_dir()
        self.pg = OwnPostgres(self.base)
        self.redis = OwnRedis(self.base)
        self.started = time.monotonic()
        self.attempts: list[Attempt] = []
        self.lock = threading.Lock()
        self.stop_load = threading.Event()
        self.phase = "setup"
        self.reads: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.follow_log: dict[tuple[int, int], tuple[str, str]] = {}  # (churner, author) -> (last acked, phase)
        self.follow_pending: set[tuple[int, int]] = set()  # pairs whose last request got no clear answer
        self.seq = 0
        self.local: Instance
        self.remote: Instance
        self.accounts: dict[str, list[dict[str, str]]] = {}

    def now(self) -> float:
        return round(time.monotonic() - self.started, 2)

    # --- setting up -------------------------------------------------------------------------

    def setup(self) -> None:
        o = self.options
        self.pg.init()
        with psycopg.connect(self.pg.url + "/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE tribune")
        self.redis.start()
        sweep = {"TRIBUNE_RECOVERY_SWEEP_SECONDS": str(o.sweep), "TRIBUNE_RECOVERY_GRACE_SECONDS": str(o.grace)}
        self.local = Instance(
            "local",
            self.base,
            {
                "TRIBUNE_DATABASE_URL": self.pg.url + "/tribune",
                "TRIBUNE_REDIS_URL": self.redis.url,
                "TRIBUNE_TASKS": "rq",
                # Every post of a phase must be found in every follower's home timeline: a home
                # feed keeps only its newest 800 by default, and a phase can post more.
                "TRIBUNE_HOME_FEED_LENGTH": str(max(800, o.posts + 100)),
                **sweep,
            },
            [free_port(), free_port()],
        )
        self.remote = Instance(
            "remote", self.base, {"TRIBUNE_TASKS": "immediate", "TRIBUNE_DATABASE_URL": ""}, [free_port()]
        )
        self.remote.env["TRIBUNE_DATABASE_URL"] = f"sqlite:///{self.remote.dir / 'db.sqlite3'}"
        migrations = [threading.Thread(target=i.manage, args=("migrate", "--noinput", "-v0")) for i in (self.local,)]
        for t in migrations:
            t.start()
        self.remote.manage("migrate", "--noinput", "-v0")
        for t in migrations:
            t.join()
        self.local.start(workers=o.workers)
        self.remote.start(workers=0)
        code = SETUP_LOCAL.replace("AUTHORS", str(o.authors)).replace("FOLLOWERS", str(o.followers))
        self.accounts = self.local.py(code.replace("CHURNERS", str(o.churners)))  # type: ignore[assignment]  # the JSON set above
        names = [a["name"] for a in self.accounts["authors"]]
        self.remote.py(SETUP_REMOTE.replace("NAMES", repr(names)).replace("DOMAIN", self.local.domain))
        accepted = wait_until(lambda: self.remote.py(REMOTE_FOLLOWS_ACCEPTED) == len(names), 180, 1)
        if accepted is None:
            raise RuntimeError("the remote instance's follows were not accepted")
        log(f"set up in {self.now()} s: {self.base}")

    def teardown(self) -> None:
        for part in ("local", "remote"):
            if hasattr(self, part):
                getattr(self, part).stop()
        self.redis.stop()
        self.pg.stop()
        if not self.options.keep:
            import shutil

            shutil.rmtree(self.base, ignore_errors=True)

    # --- clients ----------------------------------------------------------------------------

    def url(self, i: int) -> str:
        urls = self.local.urls
        return urls[i % len(urls)]

    def post_one(self, client: httpx.Client, author: int, phase: str) -> None:
        with self.lock:
            self.seq += 1
            attempt = Attempt(token=f"fx{self.run_id}n{self.seq}", author=author, phase=phase)
            self.attempts.append(attempt)
        account = self.accounts["authors"][author]
        headers = {"Authorization": f"Bearer {account['token']}", "Idempotency-Key": attempt.token}
        body = {"status": f"Fault run post {attempt.token} from {account['name']}", "visibility": "public"}
        for attempt.tries in range(1, self.options.tries + 1):
            try:
                r = client.post(
                    self.url(attempt.tries + author) + "/api/v1/statuses", json=body, headers=headers, timeout=30
                )
            except httpx.HTTPError:
                attempt.outcome = "unknown"
            else:
                if r.status_code == 200:
                    attempt.outcome, attempt.post_id = "acked", int(r.json()["id"])
                    break
                attempt.outcome = "refused"
                if r.status_code < 500 and r.status_code != 429:
                    break
            time.sleep(1.0)  # as apps do: retry the same request (same Idempotency-Key) a little later
        attempt.at = self.now()

    def poster(self, index: int, quota: list[int]) -> None:
        with httpx.Client() as client:
            while not self.stop_load.is_set():
                with self.lock:
                    if quota[0] <= 0:
                        return
                    quota[0] -= 1
                self.post_one(client, (index + quota[0]) % len(self.accounts["authors"]), self.phase)

    def reader(self, index: int) -> None:
        people = self.accounts["followers"]
        with httpx.Client() as client:
            n = index
            while not self.stop_load.is_set():
                n += 1
                who = people[n % len(people)]
                path = "/api/v1/timelines/home" if n % 3 else "/api/v1/timelines/public?local=true"
                try:
                    r = client.get(self.url(n) + path, headers={"Authorization": f"Bearer {who['token']}"}, timeout=30)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                with self.lock:
                    self.reads[self.phase][0 if ok else 1] += 1
                time.sleep(0.05)

    def churner(self, index: int) -> None:
        """Follows and unfollows the posters; remembers the last answer per pair."""
        churners, authors = self.accounts["churners"], self.accounts["authors"]
        rng = random.Random(index)  # noqa: S311 -- which pair to change next, not a secret
        with httpx.Client() as client:
            while not self.stop_load.is_set():
                c, a = rng.randrange(len(churners)), rng.randrange(len(authors))
                last = self.follow_log.get((c, a), ("unfollow", ""))[0]
                action = "unfollow" if last == "follow" else "follow"
                path = f"/api/v1/accounts/{authors[a]['id']}/{action}"
                try:
                    r = client.post(
                        self.url(c + a) + path, headers={"Authorization": f"Bearer {churners[c]['token']}"}, timeout=30
                    )
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                with self.lock:
                    if ok:
                        self.follow_log[(c, a)] = (action, self.phase)
                        self.follow_pending.discard((c, a))
                    else:
                        self.follow_pending.add((c, a))
                time.sleep(0.2)

    # --- faults -----------------------------------------------------------------------------

    def running_job_worker(self, queue: str) -> tuple[int, str] | None:
        """The worker (by index) running a job of `queue` right now, read from RQ's registry."""
        from rq import Worker

        conn = redis.Redis.from_url(self.redis.url, socket_timeout=1)
        pids = {w.proc.pid: i for i, w in enumerate(self.local.workers) if w.proc and w.proc.poll() is None}
        for worker in Worker.all(connection=conn):
            job = worker.get_current_job()
            if job is not None and worker.pid in pids and job.origin == queue:
                return pids[worker.pid], str(job.id)
        return None

    def inject(self, fault: str, result: PhaseResult) -> None:
        o = self.options
        result.fault_at = self.now()
        kill_time = time.monotonic()
        if fault == "web":
            web = self.local.webs[0]
            web.kill()
            url = self.local.urls[0]
            result.caught = "web process on the domain's port"
            answered = wait_until(lambda: httpx.get(url + "/healthz", timeout=2).status_code == 200, 300, 0.1)
        elif fault in ("fanout", "federation"):
            found = None
            deadline = time.monotonic() + 60
            while found is None and time.monotonic() < deadline:
                try:
                    found = self.running_job_worker(fault)
                except redis.RedisError:
                    pass
                time.sleep(0.02)
            index = found[0] if found else 0
            result.caught = f"worker {index} running {fault} job {found[1]}" if found else "no job caught: worker 0"
            kill_time = time.monotonic()
            result.fault_at = self.now()
            worker = self.local.workers[index]
            worker.kill()
            answered = wait_until(lambda: worker.proc is not None and worker.proc.poll() is None, 60, 0.05)
        elif fault == "redis":
            self.redis.kill()
            time.sleep(o.outage)
            self.redis.start()  # empty: nothing was saved
            answered = self._api_answers(kill_time)
        elif fault == "postgres":
            self.pg.kill()
            time.sleep(o.outage)
            self.pg.start()
            answered = self._api_answers(kill_time)
        else:
            raise ValueError(fault)
        result.answered_again_s = round(time.monotonic() - kill_time, 2) if answered is not None else None

    def _api_answers(self, since: float) -> float | None:
        token = self.accounts["followers"][0]["token"]

        def ok() -> bool:
            return all(
                httpx.get(
                    u + "/api/v1/timelines/home", headers={"Authorization": f"Bearer {token}"}, timeout=5
                ).status_code
                == 200
                for u in self.local.urls
            )

        return wait_until(ok, 300, 0.2)

    # --- checks -----------------------------------------------------------------------------

    def local_rows(self) -> dict[str, list[tuple[int, bool]]]:
        """Every post of this run by its token: (id, delivered) for each row found."""
        rows: dict[str, list[tuple[int, bool]]] = defaultdict(list)
        with psycopg.connect(self.pg.url + "/tribune", connect_timeout=5) as conn:
            for pk, text, delivered in conn.execute(
                "SELECT id, text, delivered_at IS NOT NULL FROM posts_post "
                "WHERE text LIKE %s AND deleted_at IS NULL AND moderation_state = 'published'",
                (f"%fx{self.run_id}n%",),
            ):
                if m := re.search(rf"fx{self.run_id}n\d+", text):
                    rows[m.group(0)].append((pk, delivered))
        return rows

    def remote_tokens(self) -> set[str]:
        with sqlite3.connect(f"file:{self.remote.dir / 'db.sqlite3'}?mode=ro", uri=True, timeout=30) as conn:
            contents = conn.execute("SELECT content FROM posts_post WHERE content LIKE ?", (f"%fx{self.run_id}n%",))
            return {m for (content,) in contents for m in re.findall(rf"fx{self.run_id}n\d+", content)}

    def home_ids(self, follower: dict[str, str], down_to: int) -> set[int]:
        """The follower's home timeline through the API, page by page, down to post `down_to`."""
        ids: set[int] = set()
        max_id = None
        with httpx.Client(timeout=30) as client:
            while True:
                params = {"limit": PAGE, **({"max_id": max_id} if max_id else {})}
                r = client.get(
                    self.local.urls[1 % len(self.local.urls)] + "/api/v1/timelines/home",
                    params=params,
                    headers={"Authorization": f"Bearer {follower['token']}"},
                )
                r.raise_for_status()
                page = [int(s["id"]) for s in r.json()]
                ids.update(page)
                if not page or min(page) <= down_to:
                    return ids
                max_id = min(page)

    def follow_state(self) -> dict[tuple[int, int], bool]:
        churners, authors = self.accounts["churners"], self.accounts["authors"]
        state = {}
        with httpx.Client(timeout=30) as client:
            for c, churner in enumerate(churners):
                r = client.get(
                    self.local.urls[0] + "/api/v1/accounts/relationships",
                    params=[("id[]", a["id"]) for a in authors],
                    headers={"Authorization": f"Bearer {churner['token']}"},
                )
                r.raise_for_status()
                by_id = {x["id"]: x["following"] for x in r.json()}
                for a, author in enumerate(authors):
                    state[(c, a)] = bool(by_id[author["id"]])
        return state

    def check(self, result: PhaseResult, attempts: list[Attempt]) -> bool:
        """One pass of every check over this phase's posts; True when all held."""
        rows = self.local_rows()
        remote = self.remote_tokens()
        ids = [row[0] for a in attempts for row in rows.get(a.token, [])]
        down_to = min(ids) if ids else 0
        feeds = [self.home_ids(f, down_to) for f in self.accounts["followers"]]
        acked = [a for a in attempts if a.outcome == "acked"]
        result.found = sum(1 for a in acked if a.post_id in {r[0] for r in rows.get(a.token, [])})
        result.lost = len(acked) - result.found
        result.duplicated = sum(1 for a in attempts if len(rows.get(a.token, [])) > 1)
        whole = partly = missing_feeds = missing_remote = 0
        for a in attempts:
            for pk, delivered in rows.get(a.token, []):
                in_feeds = all(pk in feed for feed in feeds)
                on_remote = a.token in remote
                missing_feeds += not in_feeds
                missing_remote += not on_remote
                if a.outcome != "acked":
                    if in_feeds and on_remote and delivered:
                        whole += 1
                    else:
                        partly += 1
        result.missing_from_feeds, result.missing_on_remote = missing_feeds, missing_remote
        result.unacknowledged_written_whole, result.unacknowledged_written_partly = whole, partly
        state = self.follow_state()
        checked = wrong = 0
        for pair, (action, _phase) in self.follow_log.items():
            if pair in self.follow_pending:
                continue
            checked += 1
            wrong += state[pair] != (action == "follow")
        result.follows_checked, result.follows_wrong = checked, wrong
        return not (result.lost or result.duplicated or missing_feeds or missing_remote or partly or wrong)

    # --- the run ----------------------------------------------------------------------------

    def run_phase(self, fault: str, posts: int) -> PhaseResult:
        o = self.options
        self.phase = fault
        result = PhaseResult(fault=fault)
        quota = [posts]
        self.stop_load.clear()
        threads = [threading.Thread(target=self.poster, args=(i, quota)) for i in range(o.clients)]
        threads += [threading.Thread(target=self.reader, args=(i,), daemon=True) for i in range(o.readers)]
        threads += [threading.Thread(target=self.churner, args=(0,), daemon=True)]
        for t in threads:
            t.start()
        # The fault strikes once a third of the phase's posts were asked for, under full load.
        wait_until(lambda: quota[0] <= posts * 2 // 3, 3600, 0.05)
        if fault != "none":
            log(f"{fault}: injecting at {self.now()} s")
            self.inject(fault, result)
            log(f"{fault}: answered again after {result.answered_again_s} s ({result.caught})")
        for t in threads[: o.clients]:
            t.join()
        self.stop_load.set()
        for t in threads[o.clients :]:
            t.join(timeout=35)
        attempts = [a for a in self.attempts if a.phase == fault]
        result.attempted = len(attempts)
        result.acknowledged = sum(a.outcome == "acked" for a in attempts)
        result.refused = sum(a.outcome == "refused" for a in attempts)
        result.unknown = sum(a.outcome == "unknown" for a in attempts)
        result.reads_ok, result.reads_failed = self.reads[fault]
        after = sorted([result.fault_at] + [a.at for a in attempts if a.outcome == "acked" and a.at >= result.fault_at])
        if fault != "none" and len(after) > 1:
            result.posting_gap_s = round(max(b - a for a, b in zip(after, after[1:], strict=False)), 2)
        log(f"{fault}: {result.attempted} posts asked, {result.acknowledged} acknowledged; checking")
        kill_time = self.started + result.fault_at
        deadline = time.monotonic() + o.settle
        passed, last_error = False, ""
        while time.monotonic() < deadline:
            try:
                passed = self.check(result, attempts)
            except (httpx.HTTPError, psycopg.Error, sqlite3.Error) as error:
                last_error, passed = f"check failed: {error}"[:300], False
            if passed:
                result.settled_s = round(time.monotonic() - kill_time, 2)
                break
            time.sleep(3)
        if not passed:
            result.problems += [p for p in (last_error, f"checks still failing after {o.settle} s") if p]
        log(f"{fault}: {json.dumps({k: v for k, v in asdict(result).items() if v not in (0, None, '', [])})}")
        return result


def log(message: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine() -> dict[str, Any]:
    load1, load5, load15 = os.getloadavg()
    return {"cpus": os.cpu_count(), "load_average": [round(load1, 2), round(load5, 2), round(load15, 2)]}


def plot(report: dict[str, Any], attempts: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    acked = sorted(a["at"] for a in attempts if a["outcome"] == "acked")
    fig, ax = plt.subplots(figsize=(9, 3.6))
    ax.plot(acked, range(1, len(acked) + 1), lw=1.5, label="posts acknowledged")
    for phase in report["phases"]:
        if phase["fault"] != "none":
            ax.axvline(phase["fault_at"], color="tab:red", lw=0.8, ls="--")
            ax.text(
                phase["fault_at"], len(acked) * 0.02, f" {phase['fault']}", color="tab:red", rotation=90, va="bottom"
            )
    ax.set_xlabel("seconds since the load began")
    ax.set_ylabel("posts acknowledged")
    ax.set_title(f"{report['posts']} posts under faults; {report['totals']['lost']} lost")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=2000, help="posts asked for in all, shared by the phases")
    parser.add_argument("--faults", default=",".join(FAULTS), help=f"in order, from {','.join(FAULTS)},none")
    parser.add_argument("--clients", type=int, default=4, help="posting clients at once")
    parser.add_argument("--readers", type=int, default=2, help="reading clients at once")
    parser.add_argument("--authors", type=int, default=4)
    parser.add_argument("--followers", type=int, default=4, help="local followers of every author")
    parser.add_argument("--churners", type=int, default=2, help="accounts following and unfollowing")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tries", type=int, default=3, help="a client's tries per post (same Idempotency-Key)")
    parser.add_argument("--outage", type=float, default=5, help="seconds Redis or PostgreSQL stays down")
    parser.add_argument("--sweep", type=float, default=30, help="TRIBUNE_RECOVERY_SWEEP_SECONDS")
    parser.add_argument("--grace", type=float, default=60, help="TRIBUNE_RECOVERY_GRACE_SECONDS")
    parser.add_argument("--settle", type=float, default=400, help="seconds the checks may take to hold")
    parser.add_argument("--report", type=Path, help="write the JSON report here")
    parser.add_argument("--plot", type=Path, help="draw acknowledged posts over time here (PNG)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (logs, databases)")
    options = parser.parse_args(argv)
    faults = [f for f in options.faults.split(",") if f]
    if unknown := [f for f in faults if f not in (*FAULTS, "none")]:
        parser.error(f"unknown faults: {unknown}")
    run = Run(options)
    results = []
    load_before = machine()
    # Stopped with SIGTERM (kill, a CI timeout): tear the cluster down as on Ctrl-C, not leave its
    # servers and their supervisors running.
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        run.setup()
        run.started = time.monotonic()
        for i, fault in enumerate(faults):
            share = options.posts // len(faults) + (1 if i < options.posts % len(faults) else 0)
            results.append(run.run_phase(fault, share))
    finally:
        run.teardown()
        signal.signal(signal.SIGTERM, previous)
    phases = [asdict(r) for r in results]
    totals = {
        k: sum(p[k] for p in phases)
        for k in ("attempted", "acknowledged", "refused", "unknown", "found", "lost", "duplicated")
    }
    totals["problems"] = sum(len(p["problems"]) for p in phases)
    report = {
        "posts": options.posts,
        "options": {k: str(v) for k, v in vars(options).items()},
        "machine_before": load_before,
        "machine_after": machine(),
        "seconds": round(time.monotonic() - run.started, 1),
        "phases": phases,
        "totals": totals,
    }
    attempts = [asdict(a) for a in run.attempts]
    if options.report:
        options.report.write_text(json.dumps({**report, "attempts": attempts}, indent=1))
    if options.plot:
        plot(report, attempts, options.plot)
    print(summary(report))
    return report


def summary(report: dict[str, Any]) -> str:
    head = "| fault | attempted | acknowledged | refused | no answer | found | lost | twice | answered again | longest gap | all checks held |"  # noqa: E501
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for p in report["phases"]:

        def s(v: float | None) -> str:
            return "-" if v is None else f"{v:.1f} s"

        lines.append(
            f"| {p['fault']} | {p['attempted']} | {p['acknowledged']} | {p['refused']} | {p['unknown']} | "
            f"{p['found']} | {p['lost']} | {p['duplicated']} | {s(p['answered_again_s'])} | {s(p['posting_gap_s'])} | "
            f"{s(p['settled_s']) if not p['problems'] else 'NO: ' + '; '.join(p['problems'][-2:])} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    report = main()
    raise SystemExit(0 if report["totals"]["lost"] == 0 and report["totals"]["problems"] == 0 else 1)
