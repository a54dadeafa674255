"""What moderation stores: reports, the review queue, the audit log, strikes,
appeals, trusted-flagger batches, editable rules and near-duplicate fingerprints.

Rows here change only through `moderation.actions`; the audit log is append-only
(its model refuses updates and deletes, see `AuditEntry`).
"""

from typing import Any

from django.conf import settings
from django.db import models

from accounts.models import Account
from posts.models import Post
from tribune.lib.ids import make_id


class Category(models.TextChoices):
    VIOLENCE = "violence", "Violence or threat"
    INCITEMENT = "incitement", "Incitement to violence"
    HATE = "hate", "Hate"
    HARASSMENT = "harassment", "Harassment"
    SPAM = "spam", "Spam"
    ILLEGAL = "illegal", "Illegal content"
    OTHER = "other", "Other"


class Source(models.TextChoices):
    """Where a queue item or report came from; trusted flaggers come first in the queue."""

    TRUSTED_FLAGGER = "trusted_flagger"
    PERSON = "person"
    REMOTE = "remote"  # an ActivityPub Flag from another server
    AUTOMATED = "automated"  # the scorers and the near-duplicate detector


class QueueItem(models.Model):
    """One thing for a moderator to decide: a post, an account, or a campaign of posts."""

    class Kind(models.TextChoices):
        POST = "post"
        ACCOUNT = "account"
        CAMPAIGN = "campaign"

    class State(models.TextChoices):
        OPEN = "open"
        RESOLVED = "resolved"

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.POST)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="queue_items")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="queue_items")
    # Campaign items list the similar posts they group.
    posts = models.ManyToManyField(Post, blank=True, related_name="campaign_items")
    category = models.CharField(max_length=12, choices=Category.choices, default=Category.OTHER)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.AUTOMATED)
    reason = models.TextField(blank=True, default="")
    scores = models.JSONField(default=dict, blank=True)
    urgent = models.BooleanField(default=False)
    reports_count = models.PositiveIntegerField(default=0)
    # How many hours earlier than its arrival the item is treated (score, reach,
    # risk, reports, source); `rank` = arrival in epoch seconds minus that boost,
    # so the queue is read in `rank` order and waiting items rise with age.
    priority = models.FloatField(default=0.0)
    rank = models.FloatField(default=0.0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    escalated = models.BooleanField(default=False)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claim_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    first_action_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["state", "rank"], name="queue_open_rank")]


class Report(models.Model):
    """Someone (a person, a remote server, a trusted flagger) reports an account and some of its posts."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    reporter = models.ForeignKey(Account, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports_made")
    target = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="reports_received")
    posts = models.ManyToManyField(Post, blank=True, related_name="reports")
    category = models.CharField(max_length=12, choices=Category.choices, default=Category.OTHER)
    comment = models.TextField(blank=True, default="")
    forward = models.BooleanField(default=False)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.PERSON)
    queue_item = models.ForeignKey(QueueItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["target", "-created_at"], name="report_target")]


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The moderation audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The moderation audit log is append-only.")


class AuditEntry(models.Model):
    """One moderation decision, by a moderator or by the automated scorer. Append-only."""

    class Action(models.TextChoices):
        HOLD = "hold"
        QUEUE = "queue"
        APPROVE = "approve"
        REMOVE = "remove"
        MARK_SENSITIVE = "mark_sensitive"
        WARN = "warn"
        LIMIT = "limit"
        UNLIMIT = "unlimit"
        SUSPEND = "suspend"
        UNSUSPEND = "unsuspend"
        ESCALATE = "escalate"
        DISMISS = "dismiss"
        REPORT = "report"
        FLAG = "flag"
        APPEAL = "appeal"
        APPEAL_UPHELD = "appeal_upheld"
        APPEAL_REVERSED = "appeal_reversed"
        RULES_CHANGED = "rules_changed"
        MODEL_REPLACED = "model_replaced"
        MODEL_KEPT = "model_kept"
        PURGE = "purge"
        BADGE_GRANT = "badge_grant"
        BADGE_REVOKE = "badge_revoke"

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Who acted when no person did: "scorer:rules+model-20261124", "trusted_flagger:<name>".
    acting_label = models.CharField(max_length=100, blank=True, default="")
    action = models.CharField(max_length=20, choices=Action.choices)
    target_account = models.ForeignKey(
        Account, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    target_post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries")
    queue_item = models.ForeignKey(QueueItem, null=True, blank=True, on_delete=models.PROTECT, related_name="audit")
    category = models.CharField(max_length=12, blank=True, default="")
    reason = models.TextField(blank=True, default="")
    policy = models.CharField(max_length=200, blank=True, default="")
    details = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["action", "-created_at"], name="audit_action")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The moderation audit log is append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The moderation audit log is append-only.")

    @property
    def automated(self) -> bool:
        return self.acting_user_id is None


class Strike(models.Model):
    """A warning counted against an account; enough of them in a window suspends it."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="strikes")
    audit = models.ForeignKey(AuditEntry, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=12, blank=True, default="")
    reason = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class Appeal(models.Model):
    """The person a decision concerned contests it, once; another moderator decides."""

    class State(models.TextChoices):
        PENDING = "pending"
        UPHELD = "upheld"  # the decision stands
        REVERSED = "reversed"

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    decision = models.OneToOneField(AuditEntry, on_delete=models.PROTECT, related_name="appeal")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="appeals")
    text = models.TextField(blank=True, default="")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class FlaggerToken(models.Model):
    """A trusted flagger's credential (hosting provider, authority, partner). Only its hash is kept."""

    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)


class FlagBatch(models.Model):
    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    token = models.ForeignKey(FlaggerToken, on_delete=models.PROTECT, related_name="batches")
    reason = models.TextField()
    category = models.CharField(max_length=12, choices=Category.choices, default=Category.VIOLENCE)
    created_at = models.DateTimeField(auto_now_add=True)


class FlagItem(models.Model):
    class State(models.TextChoices):
        HIDDEN = "hidden_pending_review"
        ALREADY_REMOVED = "already_removed"
        NOT_FOUND = "not_found"

    batch = models.ForeignKey(FlagBatch, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    reference = models.CharField(max_length=2000)  # the URL or id as sent
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=24, choices=State.choices)
    queue_item = models.ForeignKey(QueueItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["position"]


class Rule(models.Model):
    """An administrator-editable pattern, like an AutoModerator word list.

    `pattern` is a phrase (matched after normalisation, robust to spacing,
    leetspeak, accents and repeated letters) or, with `is_regex`, a regular
    expression over the normalised text."""

    category = models.CharField(max_length=12, choices=Category.choices)
    language = models.CharField(max_length=8, blank=True, default="")  # empty: every language
    pattern = models.CharField(max_length=500)
    is_regex = models.BooleanField(default=False)
    weight = models.FloatField(default=0.9)
    enabled = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


class PostScore(models.Model):
    """The scores a post got, kept so that decisions become labelled examples."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="moderation_score")
    scores = models.JSONField(default=dict)
    matched_rules = models.JSONField(default=list)
    model_version = models.CharField(max_length=40, blank=True, default="")
    action = models.CharField(max_length=20, blank=True, default="")
    # The second tier's verdict (moderation.second_tier): encoder version, raw probability,
    # the blended and calibrated violence score, the outcome. Empty until it ran.
    second_tier = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class PostFingerprint(models.Model):
    """MinHash signature of a recent post; `bands` rows make the LSH index in the database."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, primary_key=True, related_name="+")
    author = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    signature = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)


class FingerprintBand(models.Model):
    fingerprint = models.ForeignKey(PostFingerprint, on_delete=models.CASCADE, related_name="bands")
    band = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band"], name="fingerprint_band")]
