"""Scoring latency of the fast tier, as it runs inside the request that creates a post.

`tribune moderation bench` (or `python -m moderation.bench`) scores a mix of
French and English posts of realistic lengths with the current scorer (rules,
administrators' rules, and the current model if one is trained) and reports
p50/p99 in milliseconds. The texts are generated here, not taken from any data set."""

import random
import time
from typing import Any

import numpy as np

WORDS_EN = (
    "the people we you they will should never always today tomorrow meeting city council vote park bike "
    "coffee friends family work school news government police kill hate love going to I am not said that "
    "this is unacceptable movie great weather rain sun market music concert train late again why how"
).split()
WORDS_FR = (
    "les gens nous vous ils va faut jamais toujours aujourd'hui demain réunion ville conseil vote parc vélo "
    "café amis famille travail école nouvelles gouvernement police tuer haine amour je vais pas dit que "
    "c'est inadmissible film super météo pluie soleil marché musique concert train retard encore pourquoi"
).split()


def sample_posts(n: int, seed: int = 3) -> list[tuple[str, str]]:
    rng = random.Random(seed)  # noqa: S311  # reproducible sampling, not security
    out = []
    for _ in range(n):
        lang = rng.choice(["en", "fr"])
        words = WORDS_EN if lang == "en" else WORDS_FR
        length = min(200, int(rng.lognormvariate(3.0, 0.8)) + 3)
        out.append((" ".join(rng.choice(words) for _ in range(length)), lang))
    return out


def bench(n: int = 2000, scorer: Any = None) -> dict[str, Any]:
    if scorer is None:
        from moderation.engine import current_scorer

        scorer = current_scorer()
    posts = sample_posts(n)
    for text, lang in posts[:50]:
        scorer.score(text, lang)  # warm up
    timings, cpu = [], []
    for text, lang in posts:
        start, start_cpu = time.perf_counter(), time.thread_time()
        scorer.score(text, lang)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        timings.append((time.perf_counter() - start) * 1000)
    arr = np.asarray(timings)
    # CPU time excludes the time the process waited for a core: on a shared, overloaded
    # machine wall-clock tails measure the neighbours, CPU time measures the scorer.
    cpu_arr = np.asarray(cpu)
    return {
        "scorer": scorer.name,
        "n": n,
        "mean_chars": round(float(np.mean([len(t) for t, _ in posts])), 1),
        "p50_ms": round(float(np.percentile(arr, 50)), 3),
        "p99_ms": round(float(np.percentile(arr, 99)), 3),
        "max_ms": round(float(arr.max()), 3),
        "p50_cpu_ms": round(float(np.percentile(cpu_arr, 50)), 3),
        "p99_cpu_ms": round(float(np.percentile(cpu_arr, 99)), 3),
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(bench())
