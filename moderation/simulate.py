"""Simulating a day of posts to compare time-to-action with and without triage. Pure Python.

Posts arrive as a Poisson stream; a share of them is violent. Each post gets a
scorer output drawn from a distribution for its class (violent posts score high,
others low, overlapping as real scorers do). Moderators each handle one item at
a time for a fixed handling time.

- Without triage, moderators review posts in arrival order (first in, first out).
- With triage, only posts over the review threshold are queued, highest score
  first; posts over the hold threshold are hidden the moment they are posted.

Reported for violent posts: time to a moderator's decision, and exposure (how
long others could see it): 0 for held posts, the decision time otherwise,
unbounded for posts never reviewed within the horizon.
"""

import heapq
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Scenario:
    posts_per_day: float = 1_000_000
    violent_share: float = 0.01
    moderators: int = 5
    handling_seconds: float = 30.0
    hours: float = 24.0
    review_threshold: float = 0.30
    hold_threshold: float = 0.55
    seed: int = 1
    # Beta distributions of scorer output (violent: mostly high; others: mostly low).
    violent_beta: tuple[float, float] = (6.0, 2.0)
    other_beta: tuple[float, float] = (1.0, 14.0)


def _stream(s: Scenario) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(s.seed)
    horizon = s.hours * 3600
    n = rng.poisson(s.posts_per_day * s.hours / 24)
    arrivals = np.sort(rng.uniform(0, horizon, n))
    violent = rng.random(n) < s.violent_share
    scores = np.where(violent, rng.beta(*s.violent_beta, n), rng.beta(*s.other_beta, n))
    return arrivals, violent, scores


def _fifo(arrivals: np.ndarray, s: Scenario) -> np.ndarray:
    """Decision time of each post (inf if not reached within the horizon), first in first out."""
    horizon = s.hours * 3600
    decided = np.full(len(arrivals), np.inf)
    free = [0.0] * s.moderators
    heapq.heapify(free)
    for i, t in enumerate(arrivals):
        start = max(t, heapq.heappop(free))
        if start > horizon:
            break
        decided[i] = start + s.handling_seconds
        heapq.heappush(free, decided[i])
    return decided


def _triage(arrivals: np.ndarray, scores: np.ndarray, s: Scenario) -> np.ndarray:
    horizon = s.hours * 3600
    decided = np.full(len(arrivals), np.inf)
    flagged = np.nonzero(scores >= s.review_threshold)[0]
    pending: list[tuple[float, int]] = []
    free = [0.0] * s.moderators
    heapq.heapify(free)
    j = 0
    while True:
        now = heapq.heappop(free)
        while j < len(flagged) and arrivals[flagged[j]] <= now:
            heapq.heappush(pending, (-scores[flagged[j]], int(flagged[j])))
            j += 1
        if not pending:
            if j >= len(flagged):
                break
            now = arrivals[flagged[j]]
            heapq.heappush(free, now)
            continue
        if now > horizon:
            break
        _neg, i = heapq.heappop(pending)
        decided[i] = now + s.handling_seconds
        heapq.heappush(free, decided[i])
    return decided


def _summary(delays: np.ndarray) -> dict[str, Any]:
    finite = delays[np.isfinite(delays)]
    n = len(delays)
    return {
        "violent_posts": int(n),
        "actioned_within_horizon": round(len(finite) / n, 4) if n else 0.0,
        "median_minutes": round(float(np.median(delays)) / 60, 2) if n and len(finite) * 2 > n else None,
        "p95_minutes": round(float(np.percentile(delays, 95)) / 60, 2) if n and len(finite) >= 0.95 * n else None,
        "within_1h": round(float(np.mean(delays <= 3600)), 4) if n else 0.0,
    }


def run(s: Scenario) -> dict[str, Any]:
    arrivals, violent, scores = _stream(s)
    fifo = _fifo(arrivals, s)
    triage = _triage(arrivals, scores, s)
    v = violent
    fifo_delay = fifo[v] - arrivals[v]
    triage_delay = triage[v] - arrivals[v]
    held = scores[v] >= s.hold_threshold
    exposure = np.where(held, 0.0, triage_delay)
    flagged = scores >= s.review_threshold
    return {
        "scenario": s.__dict__ | {"violent_beta": list(s.violent_beta), "other_beta": list(s.other_beta)},
        "posts": int(len(arrivals)),
        "capacity_items": int(s.moderators * s.hours * 3600 / s.handling_seconds),
        "flagged_items": int(flagged.sum()),
        "violent_recall_at_review": round(float(np.mean(flagged[v])), 4),
        "violent_held_at_once": round(float(np.mean(held)), 4),
        "without_triage": {"time_to_action": _summary(fifo_delay), "exposure": _summary(fifo_delay)},
        "with_triage": {"time_to_action": _summary(triage_delay), "exposure": _summary(exposure)},
        "_delays": {"without": fifo_delay, "with": triage_delay, "exposure": exposure},
    }


def plot(result: dict[str, Any], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    hours = s = result["scenario"]["hours"]
    grid = np.linspace(0, s * 60, 400)
    for key, label in (
        ("without", "without triage"),
        ("with", "with triage: decision"),
        ("exposure", "with triage: exposure"),
    ):
        delays = result["_delays"][key] / 60
        ax.plot(grid, [np.mean(delays <= g) for g in grid], label=label)
    ax.set_xscale("symlog", linthresh=1)
    ax.set_xlabel("minutes after posting")
    ax.set_ylabel("share of violent posts dealt with")
    ax.set_ylim(0, 1.02)
    ax.set_title(f"{result['posts']:,} posts in {hours:g} h, {result['scenario']['moderators']} moderators")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
