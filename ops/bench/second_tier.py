"""The second tier's speed (docs/moderation.md, docs/benchmarks.md):

1. CPU per post on one core: the encoder (onnxruntime, one thread) scores generated posts one
   at a time, as the worker does; p50/p99 of the process CPU time per post, tokenising included.
2. Posting to decision: posts are created at a steady rate (10 a second by default) on a fresh
   SQLite instance, real `tribune worker`s (database queue backend: one for every queue, fan-out
   and federation included, and one for the `moderation` queue alone)
   re-score them, and the time from each post's creation to its second-tier verdict is read
   back from the database; p50/p95/max and a plot.

    python -m ops.bench.second_tier --encoder DIR [--rate 10] [--seconds 30] [--plot FILE]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cpu_per_post(encoder: str, n: int) -> dict[str, float]:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from moderation.encoder.runtime import EncoderRuntime
    from moderation.learning.augment import generate

    runtime = EncoderRuntime(encoder)
    texts = [e.text for e in generate(n_per_class=max(1, n // 40), seed=11)][:n]
    runtime.probabilities(texts[:5])  # warm
    costs = []
    for text in texts:
        started = time.process_time()
        runtime.probabilities([text])
        costs.append((time.process_time() - started) * 1000)
    costs.sort()
    return {
        "posts": len(costs),
        "p50_ms": round(costs[len(costs) // 2], 2),
        "p99_ms": round(costs[min(len(costs) - 1, int(len(costs) * 0.99))], 2),
        "mean_ms": round(statistics.fmean(costs), 2),
    }


def posting_to_decision(encoder: str, rate: float, seconds: float, dedicated: bool) -> dict:
    data = Path(tempfile.mkdtemp(prefix="tribune-bench-second-tier-"))
    env = os.environ | {
        "TRIBUNE_DATA_DIR": str(data), "TRIBUNE_TASKS": "database", "TRIBUNE_MODERATION_ENCODER_DIR": encoder,
        "TRIBUNE_MODERATION_STARTER_MODEL": "0", "DJANGO_SETTINGS_MODULE": "tribune.settings",
    }  # fmt: skip
    os.environ.update(env)
    tribune = [sys.executable, "-m", "tribune"]
    subprocess.run([*tribune, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    import django

    django.setup()
    from accounts.actions import do_create_user
    from moderation.learning.augment import generate
    from moderation.models import PostScore
    from posts.actions import do_create_post

    authors = [do_create_user(f"writer{i}", "bench-password-not-secret").account for i in range(20)]
    texts = [e.text for e in generate(n_per_class=max(1, int(rate * seconds) // 40 + 1), seed=12)]
    commands = [[*tribune, "worker", "--no-sweep"]]
    if dedicated:  # a worker for the moderation queue alone, beside the general one (docs/moderation.md)
        commands.append([*tribune, "worker", "--queues", "moderation", "--no-sweep"])
    workers = [
        subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        for command in commands
    ]
    created: dict[int, float] = {}
    try:
        time.sleep(3)  # the worker starts (imports, loads the encoder on its first job)
        started = time.monotonic()
        total = int(rate * seconds)
        for i in range(total):
            due = started + i / rate
            time.sleep(max(0.0, due - time.monotonic()))
            post = do_create_post(authors[i % len(authors)], texts[i % len(texts)])
            created[post.pk] = time.time()
            if i % max(1, int(rate * 5)) == 0:
                print(f"posted {i}/{total}", file=sys.stderr, flush=True)
        decided: dict[int, float] = {}
        deadline = time.monotonic() + 120
        while len(decided) < len(created) and time.monotonic() < deadline:
            for row in (
                PostScore.objects.filter(post_id__in=created).exclude(second_tier={}).exclude(post_id__in=decided)
            ):
                decided[row.post_id] = float(row.second_tier["at"])  # the worker's own time of decision
            time.sleep(0.2)
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(30)
    # The verdict's own time, written by the worker as it decides (`second_tier["at"]`): reading
    # the rows only once the posting is over adds nothing to it.
    latencies = sorted(decided[pk] - created[pk] for pk in decided)
    return {
        "rate_per_s": rate, "dedicated_worker": dedicated, "posts": len(created), "decided": len(decided),
        "p50_s": round(latencies[len(latencies) // 2], 2) if latencies else None,
        "p95_s": round(latencies[int(len(latencies) * 0.95)], 2) if latencies else None,
        "max_s": round(latencies[-1], 2) if latencies else None,
        "series": [[round(created[pk] - min(created.values()), 2), round(decided[pk] - created[pk], 3)]
                   for pk in sorted(decided)],
    }  # fmt: skip


def plot(result: dict, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = result["decision"]["series"]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot([s[0] for s in series], [s[1] for s in series], ".", markersize=3)
    ax.set_xlabel("time of posting (s)")
    ax.set_ylabel("posting to second-tier verdict (s)")
    d, c = result["decision"], result["cpu"]
    ax.set_title(
        f"{d['rate_per_s']:g} posts/s: p50 {d['p50_s']} s, p95 {d['p95_s']} s; encoder CPU p50 {c['p50_ms']} ms/post"
    )
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoder", required=True, help="an encoder artifact folder")
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--cpu-posts", type=int, default=400)
    parser.add_argument("--plot", default="")
    parser.add_argument(
        "--shared-worker", action="store_true", help="one worker for every queue (no dedicated moderation worker)"
    )
    args = parser.parse_args()
    encoder = str(Path(args.encoder).resolve())
    result = {"cpu": cpu_per_post(encoder, args.cpu_posts)}
    print(json.dumps(result["cpu"]), file=sys.stderr, flush=True)
    result["decision"] = posting_to_decision(encoder, args.rate, args.seconds, not args.shared_worker)
    if args.plot:
        plot(result, args.plot)
    summary = {k: v for k, v in result["decision"].items() if k != "series"}
    print(json.dumps({"cpu": result["cpu"], "decision": summary}, indent=2))


if __name__ == "__main__":
    main()
