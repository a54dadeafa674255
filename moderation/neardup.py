"""Near-duplicate detection with MinHash LSH, the index kept in the database.

Each post long enough to compare gets a MinHash signature (datasketch) over word
3-shingles of its normalised text; the signature is cut into bands and each
band's hash is a row, so "posts sharing a band" is one indexed query in every
process. Used for two things:
- a re-post of removed content is held (screening calls `fingerprint_and_match`);
- a burst of similar posts from several new accounts becomes one campaign item.
"""

import hashlib
from datetime import timedelta

import numpy as np
from datasketch import MinHash
from django.utils import timezone

from moderation.models import FingerprintBand, PostFingerprint, QueueItem, Source
from moderation.scoring.normalize import normalize
from posts.models import ModerationState, Post

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS  # 4 rows per band: pairs above ~0.5 Jaccard usually collide
SIMILAR = 0.6  # estimated Jaccard above which two posts are the same content
MIN_WORDS = 5
CAMPAIGN_WINDOW = timedelta(hours=24)
CAMPAIGN_MIN_ACCOUNTS = 3
NEW_ACCOUNT = timedelta(days=14)
RECENT = timedelta(days=30)


def shingles(text: str) -> set[str]:
    words = normalize(text).split()
    if len(words) < MIN_WORDS:
        return set()
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def signature(text: str) -> list[int] | None:
    grams = shingles(text)
    if not grams:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=7)
    mh.update_batch([g.encode() for g in grams])
    return [int(v) for v in mh.hashvalues]


def band_hashes(sig: list[int]) -> list[int]:
    out = []
    for band in range(BANDS):
        chunk = ",".join(str(v) for v in sig[band * ROWS : (band + 1) * ROWS])
        digest = hashlib.blake2b(f"{band}:{chunk}".encode(), digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def similarity(a: list[int], b: list[int]) -> float:
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def _store(post: Post, sig: list[int]) -> None:
    PostFingerprint.objects.filter(post=post).delete()
    fingerprint = PostFingerprint.objects.create(post=post, author_id=post.author_id, signature=sig)
    FingerprintBand.objects.bulk_create([FingerprintBand(fingerprint=fingerprint, band=b) for b in band_hashes(sig)])
    post._moderation_signature = sig  # type: ignore[attr-defined]  # reused by note_campaign in the same screening


def similar_posts(post_id: int, sig: list[int], *, since: timedelta | None = None) -> list[tuple[int, float]]:
    """(post id, estimated similarity) of stored posts sharing a band with `sig`, most similar first."""
    candidates = FingerprintBand.objects.filter(band__in=band_hashes(sig)).exclude(fingerprint_id=post_id)
    if since is not None:
        candidates = candidates.filter(fingerprint__created_at__gte=timezone.now() - since)
    ids = set(candidates.values_list("fingerprint_id", flat=True)[:500])
    found = []
    for fp in PostFingerprint.objects.filter(post_id__in=ids):
        score = similarity(sig, fp.signature)
        if score >= SIMILAR:
            found.append((fp.post_id, score))
    return sorted(found, key=lambda x: -x[1])


def fingerprint_and_match(post: Post, text: str) -> int | None:
    """Store the post's fingerprint; the id of a removed post it repeats, if any."""
    sig = signature(text)
    if sig is None:
        return None
    _store(post, sig)
    ids = [pid for pid, _score in similar_posts(post.pk, sig)]
    removed = Post.objects.filter(pk__in=ids, moderation_state=ModerationState.REMOVED).values_list("pk", flat=True)
    return next(iter(removed), None)


def note_campaign(post: Post) -> QueueItem | None:
    """If this post and similar recent ones come from several accounts, most of them new,
    group them as one campaign item (created, or extended with this post)."""
    sig = getattr(post, "_moderation_signature", None)
    if sig is None:
        return None
    ids = [pid for pid, _score in similar_posts(post.pk, sig, since=CAMPAIGN_WINDOW)]
    if not ids:
        return None
    posts = list(Post.objects.filter(pk__in=ids, deleted_at__isnull=True).select_related("author")) + [post]
    authors = {p.author_id: p.author for p in posts}
    new_cutoff = timezone.now() - NEW_ACCOUNT
    new_accounts = [a for a in authors.values() if a.created_at and a.created_at >= new_cutoff]
    if len(authors) < CAMPAIGN_MIN_ACCOUNTS or len(new_accounts) * 2 < len(authors):
        return None
    found = (
        QueueItem.objects.filter(kind=QueueItem.Kind.CAMPAIGN, state=QueueItem.State.OPEN, posts__in=ids)
        .values_list("pk", flat=True)
        .first()
    )
    item = QueueItem.objects.select_for_update().filter(pk=found).first() if found else None
    from moderation.queue import refresh_priority

    if item is None:
        first = min(posts, key=lambda p: p.pk)
        item = QueueItem(
            kind=QueueItem.Kind.CAMPAIGN, account=first.author, category="spam", source=Source.AUTOMATED,
            reason=f"{len(posts)} similar posts from {len(authors)} accounts ({len(new_accounts)} new) within 24 hours",
            scores={"spam": 0.8}, created_at=timezone.now(),
        )  # fmt: skip
        refresh_priority(item)
        item.save()
    item.posts.add(*posts)
    count = item.posts.count()
    item.reason = f"{count} similar posts from {len(authors)} accounts ({len(new_accounts)} new) within 24 hours"
    item.reports_count = count
    refresh_priority(item)
    item.save(update_fields=["reason", "reports_count", "priority", "rank"])
    return item


def forget_older_than(days: int = 30) -> int:
    """Drop fingerprints of old posts, keeping removed posts' so their re-posts are still caught."""
    cutoff = timezone.now() - timedelta(days=days)
    old = PostFingerprint.objects.filter(created_at__lt=cutoff).exclude(post__moderation_state=ModerationState.REMOVED)
    deleted, _per_model = old.delete()
    return deleted
