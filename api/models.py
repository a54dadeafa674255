"""What Mastodon says about a client app beyond what django-oauth-toolkit stores."""

from django.db import models
from oauth2_provider.models import Application


class AppProfile(models.Model):
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="mastodon_profile")
    scopes = models.CharField(max_length=1000, default="read")
    website = models.URLField(max_length=2000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    # Once an app has sent a PKCE challenge, a code asked for without one is refused: a stolen
    # client secret cannot then be used to downgrade it.
    uses_pkce = models.BooleanField(default=False)


class IdempotentRequest(models.Model):
    """A status created under an `Idempotency-Key`: a retry with the same key returns the same status."""

    account_id = models.BigIntegerField()
    key = models.CharField(max_length=200)
    post_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account_id", "key"], name="idempotent_request_unique")]


class Marker(models.Model):
    """Where a person stopped reading a timeline (home, notifications), shared between their apps."""

    account_id = models.BigIntegerField()
    timeline = models.CharField(max_length=20)
    last_read_id = models.BigIntegerField(default=0)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account_id", "timeline"], name="marker_unique")]
