"""Federation state: deliveries (a durable state machine per activity and inbox),
what is known of remote servers, and the administrators' domain policies."""

from django.db import models

from tribune.lib.ids import make_id


class Delivery(models.Model):
    """One activity to one inbox. queued -> sent | failed (retried) -> gave_up.

    Unique per (activity, inbox) so enqueuing twice is harmless; the payload is
    the exact JSON to POST, signed at send time with the signer's current key."""

    class State(models.TextChoices):
        QUEUED = "queued"
        SENT = "sent"
        FAILED = "failed"  # will be retried at next_try_at
        GAVE_UP = "gave_up"

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    activity_id = models.CharField(max_length=2000)
    inbox = models.URLField(max_length=2000)
    domain = models.CharField(max_length=255, db_index=True)
    payload = models.JSONField()
    # Null: the instance actor signs.
    signer = models.ForeignKey("accounts.Account", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity_id", "inbox"], name="delivery_unique")]
        indexes = [models.Index(fields=["state", "next_try_at"], name="delivery_due")]


class RemoteServer(models.Model):
    """What delivery learnt about a server: unreachable ones are skipped until next_try_at."""

    domain = models.CharField(max_length=255, primary_key=True)
    unreachable_since = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)


class DomainPolicy(models.Model):
    """An administrator's decision about a remote domain (and its subdomains)."""

    class Severity(models.TextChoices):
        SUSPEND = "suspend"  # reject everything, deliver nothing
        SILENCE = "silence"  # "limit": accounts hidden from public feeds, follows need approval
        NOOP = "noop"  # only the media / reports options apply

    domain = models.CharField(max_length=255, unique=True)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.SUSPEND)
    reject_media = models.BooleanField(default=False)
    reject_reports = models.BooleanField(default=False)
    public_comment = models.CharField(max_length=1000, blank=True, default="")
    private_comment = models.CharField(max_length=1000, blank=True, default="")
    obfuscate = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return f"{self.domain} ({self.severity})"
