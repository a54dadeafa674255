"""The second tier: a fine-tuned multilingual encoder re-scores every post in the
`moderation` worker queue, seconds after the fast tier (rules and the n-gram model,
`moderation.screening`) published or held it inside the request.

The encoder reads who does what to whom, which the fast tier cannot; it costs tens of
milliseconds, which the request should not. Its probability is blended with the fast
tier's score and calibrated per language (both chosen when it was trained, see
`tribune moderation train-encoder`), then the same policy decides. The second tier only
ever adds: it holds a published post, or queues it for review; it never publishes what
the fast tier held (a moderator does). A post it holds leaves every read path as a removed
one does: feeds, streams (a `delete` event), search, trends, and federation (a `Delete`
to the servers that already got it); its queue item and audit entry name the encoder.

It runs only where an encoder is installed (onnxruntime and an artifact: the current
trained version under DATA_DIR, or settings.MODERATION_ENCODER_DIR); elsewhere nothing
is queued and the fast tier decides alone.
"""

import logging
import threading
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django_tasks import task

from moderation.encoder import store
from moderation.encoder.runtime import ArtifactError, EncoderRuntime, available
from moderation.scoring.base import violence_of

log = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "runtime": None}


def _key() -> tuple[str, float] | None:
    folder = store.current_folder(settings.DATA_DIR, settings.MODERATION_ENCODER_DIR)
    if folder is None:
        return None
    try:
        return (str(folder), (folder / "encoder.json").stat().st_mtime)
    except OSError:
        return None


def current_runtime() -> EncoderRuntime | None:
    """The encoder to score with, loaded once per process and again when the artifact changes."""
    key = _key()
    if key is None or not available():
        return None
    with _lock:
        if _cache["key"] == key:
            return _cache["runtime"]
        try:
            runtime: EncoderRuntime | None = EncoderRuntime(key[0])
        except (ArtifactError, OSError, ValueError, KeyError):
            log.exception("moderation encoder %s could not be loaded; the fast tier decides alone", key[0])
            runtime = None
        _cache["key"], _cache["runtime"] = key, runtime
        return runtime


def reset() -> None:
    with _lock:
        _cache["key"], _cache["runtime"] = None, None


def wanted() -> bool:
    """Whether posts are queued for the second tier: an encoder artifact and onnxruntime are here."""
    return _key() is not None and available()


def queue_after_commit(post_id: int) -> None:
    """Called by screening inside the post's transaction: re-score once it is committed."""
    if not wanted():
        return
    from tribune.lib.tasks import enqueue_or_leave_to_sweep

    transaction.on_commit(lambda: enqueue_or_leave_to_sweep(rescore_post, post_id))


# A job scores its own post and up to this many in all of those still waiting, in one pass
# of the encoder and one transaction: under a burst the worker catches up in batches instead
# of paying a job's round trip, a model call and a database commit for every post.
BATCH = 32


@task(queue_name="moderation")
def rescore_post(post_id: int) -> str:
    runtime = current_runtime()
    if runtime is None:
        return "no encoder"
    return _rescore(runtime, [post_id, *_waiting(post_id, BATCH - 1)], only_unscored=True)[post_id]


def rescore(post_id: int) -> str:
    """Score one post with the encoder and act on it, whether or not it was scored before;
    returns what was done (for logs and tests)."""
    runtime = current_runtime()
    if runtime is None:
        return "no encoder"
    return _rescore(runtime, [post_id], only_unscored=False)[post_id]


def _waiting(post_id: int, limit: int) -> list[int]:
    """Other recent posts the second tier has not scored yet, oldest first."""
    from datetime import timedelta

    from django.utils import timezone

    from moderation.models import PostScore
    from posts.models import ModerationState
    from tribune.lib.ids import id_floor

    return list(
        PostScore.objects.filter(
            second_tier={},
            post_id__gte=id_floor(timezone.now() - timedelta(hours=1)),
            post__deleted_at__isnull=True,
            post__moderation_state__in=(ModerationState.PUBLISHED, ModerationState.HELD),
        )
        .exclude(post_id=post_id)
        .order_by("post_id")
        .values_list("post_id", flat=True)[:limit]
    )


def _rescore(runtime: EncoderRuntime, ids: list[int], *, only_unscored: bool) -> dict[int, str]:
    """Score the posts in one pass of the encoder, then act on each in one transaction (a
    savepoint each: one post that fails is logged and left to the sweep, the others go on)."""
    from moderation.models import PostScore
    from moderation.screening import post_text
    from posts.models import ModerationState, Post

    done: dict[int, str] = dict.fromkeys(ids, "gone")
    scored = set()
    if only_unscored:
        scored = set(
            PostScore.objects.filter(post_id__in=ids).exclude(second_tier={}).values_list("post_id", flat=True)
        )
    texts: dict[int, str] = {}
    for post in Post.objects.filter(pk__in=ids).select_related("author").order_by("pk"):
        if post.pk in scored:
            done[post.pk] = "scored already"
        elif post.deleted_at is not None or post.reblog_of_id is not None:
            continue
        elif post.moderation_state == ModerationState.REMOVED or not (text := post_text(post)).strip():
            done[post.pk] = "skipped"
        else:
            texts[post.pk] = text
    if not texts:
        return done
    # Outside the transaction: a few milliseconds a post, batched.
    raws = dict(zip(texts, (float(p) for p in runtime.probabilities(list(texts.values()))), strict=True))
    risks: dict[int, float] = {}
    with transaction.atomic():
        for post in Post.objects.select_for_update().select_related("author").filter(pk__in=list(texts)).order_by("pk"):
            try:
                with transaction.atomic():
                    done[post.pk] = _act(runtime, post, texts[post.pk], raws[post.pk], risks)
            except Exception:
                log.exception("the second tier could not act on post %s; the sweep will try again", post.pk)
                done[post.pk] = "failed"
    return done


def _act(runtime: EncoderRuntime, post: Any, text: str, raw: float, risks: dict[int, float]) -> str:
    """The verdict on one scored post, under its row lock; returns what was done."""
    from moderation.models import PostScore
    from moderation.policy import Outcome, decide
    from moderation.risk import account_risk
    from moderation.screening import post_text, queue_post
    from posts.models import ModerationState

    if post.deleted_at is not None or post.moderation_state == ModerationState.REMOVED:
        return "gone"  # deleted or removed while it was being scored
    if post_text(post) != text:
        return "edited"  # the edit queued its own re-score
    row = PostScore.objects.select_for_update().filter(post=post).first()
    fast_scores: dict[str, float] = dict(row.scores) if row else {}
    fast = violence_of(fast_scores)
    value = runtime.decision_score(post.language, fast, raw)
    version = str(runtime.meta.get("version", ""))[:60]
    label = f"encoder:{version}" if version else "encoder"
    if post.author_id not in risks:
        risks[post.author_id] = account_risk(post.author)
    decision = decide({"violence": value}, risk=risks[post.author_id], rules={"violence": label})
    second = {
        "version": version, "raw": round(raw, 4), "violence": value, "action": decision.outcome.value,
        "at": round(time.time(), 3),  # when it decided (time to decision, ops/bench/second_tier.py)
    }  # fmt: skip
    if row is None:
        row = PostScore(post=post, scores={}, model_version="")
    row.second_tier = second
    row.save()
    if decision.outcome == Outcome.PUBLISH:
        return "publish"
    if _decided_by_a_moderator(post.pk):
        return "decided by a moderator"  # the verdict is kept; a person's decision stands
    if decision.outcome == Outcome.REVIEW or post.moderation_state != ModerationState.PUBLISHED:
        queue_post(post, decision, fast_scores | {"violence": max(fast, value)}, acting_label=label)
        return decision.outcome.value if post.moderation_state == ModerationState.PUBLISHED else "already held"
    _hold_published(post, decision, fast_scores | {"violence": max(fast, value)}, label, second)
    return decision.outcome.value


def _decided_by_a_moderator(post_id: int) -> bool:
    from moderation.models import AuditEntry

    return AuditEntry.objects.filter(target_post_id=post_id, acting_user__isnull=False).exists()


def requeue_unscored(limit: int = 500) -> int:
    """Queue again the recent posts the second tier never scored (their job lost with Redis, or
    with a worker killed while it ran); the worker's recovery sweep calls this."""
    from datetime import timedelta

    from django.utils import timezone

    from moderation.models import PostScore
    from posts.models import ModerationState
    from tribune.lib.tasks import enqueue_or_leave_to_sweep

    if not wanted():
        return 0
    now = timezone.now()
    ids = list(
        PostScore.objects.filter(
            second_tier={},
            # Five minutes at least: a job merely waiting behind a backlog is not queued twice.
            post__created_at__lt=now - timedelta(seconds=max(settings.RECOVERY_GRACE_SECONDS, 300)),
            post__created_at__gte=now - timedelta(hours=1),
            post__deleted_at__isnull=True,
            post__moderation_state__in=(ModerationState.PUBLISHED, ModerationState.HELD),
        ).values_list("post_id", flat=True)[:limit]
    )
    for post_id in ids:
        enqueue_or_leave_to_sweep(rescore_post, post_id)
    return len(ids)


def _hold_published(post: Any, decision: Any, scores: dict[str, float], label: str, second: dict) -> None:
    """Take a published post out of every read path, hold it, queue it, tell its author."""
    from moderation.actions.decisions import take_down
    from moderation.audit import record
    from moderation.models import AuditEntry
    from moderation.notices import tell_author
    from moderation.screening import queue_post
    from posts.models import ModerationState

    was = take_down(post, ModerationState.HELD)
    item = queue_post(post, decision, scores, acting_label=label)
    entry = record(
        AuditEntry.Action.HOLD, acting_user=None, acting_label=label[:100], post=post, queue_item=item,
        category="violence", reason=decision.explanation, policy=label,
        details={"was": was, "scores": scores, "risk": decision.risk, "outcome": decision.outcome.value,
                 "tier": 2, "encoder": second},
    )  # fmt: skip
    tell_author(entry, attach_post=True)


def folder_of(version: str) -> Path:
    return store.encoders_dir(settings.DATA_DIR) / version
