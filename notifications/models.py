from django.db import models

from accounts.models import Account
from posts.models import Post
from tribune.lib.ids import make_id


class Notification(models.Model):
    class Type(models.TextChoices):
        FOLLOW = "follow"
        FOLLOW_REQUEST = "follow_request"
        MENTION = "mention"
        REPLY = "reply"  # the Mastodon API shows it as a mention
        REBLOG = "reblog"  # echo
        QUOTE = "quote"
        FAVOURITE = "favourite"  # upvote
        POLL = "poll"  # a poll one voted in or made has ended
        UPDATE = "update"
        MODERATION = "moderation_warning"
        ADMIN_REPORT = "admin.report"

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    recipient = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    type = models.CharField(max_length=30, choices=Type.choices)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True, default="")  # for moderation notices
    # The moderation decision a notice tells of: the page renders it in the reader's language, with
    # its appeal button. Kept null when the audit entry is purged (moderation/retention.py).
    decision = models.ForeignKey(
        "moderation.AuditEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    read = models.BooleanField(default=False)
    dismissed = models.BooleanField(default=False)
    # Held back by the recipient's notification policy: shown only in the request from its actor
    # (notifications/policy.py), never in the list, the unread count, streaming or Web Push.
    filtered = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "dismissed", "-id"], name="notification_recipient")]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "actor", "type", "post"], name="notification_unique")
        ]


class NotificationPolicy(models.Model):
    """What a person does with notifications from strangers (Mastodon's NotificationPolicy, v2).

    No row means the defaults below: everything accepted, so nothing changes for people who never set
    a policy (Mastodon filters private mentions and limited accounts by default)."""

    class Action(models.TextChoices):
        ACCEPT = "accept"
        FILTER = "filter"  # kept, but only in a request from that account
        DROP = "drop"  # not kept at all

    account = models.OneToOneField(Account, primary_key=True, on_delete=models.CASCADE, related_name="+")
    for_not_following = models.CharField(max_length=6, choices=Action.choices, default=Action.ACCEPT)
    for_not_followers = models.CharField(max_length=6, choices=Action.choices, default=Action.ACCEPT)
    for_new_accounts = models.CharField(max_length=6, choices=Action.choices, default=Action.ACCEPT)
    for_private_mentions = models.CharField(max_length=6, choices=Action.choices, default=Action.ACCEPT)
    for_limited_accounts = models.CharField(max_length=6, choices=Action.choices, default=Action.ACCEPT)


class NotificationRequest(models.Model):
    """The filtered notifications from one account to one person, waiting to be accepted or dismissed."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    from_account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    last_post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "from_account"], name="notification_request_unique")]


class NotificationPermission(models.Model):
    """An account whose notifications a person accepted: the policy no longer filters them."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    from_account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "from_account"], name="notification_permission_unique")
        ]


class PushSubscription(models.Model):
    """Where one app (one access token) wants a person's notifications pushed (Web Push, RFC 8030).

    One per token, as in Mastodon: subscribing again replaces it, and revoking the token removes it."""

    class Policy(models.TextChoices):
        ALL = "all"
        FOLLOWED = "followed"  # from accounts the person follows
        FOLLOWER = "follower"  # from accounts that follow the person
        NONE = "none"

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="push_subscriptions")
    access_token = models.OneToOneField(
        "oauth2_provider.AccessToken", on_delete=models.CASCADE, related_name="push_subscription"
    )
    endpoint = models.URLField(max_length=2000)
    p256dh = models.CharField(max_length=100)  # the browser's P-256 public key, base64url
    auth = models.CharField(max_length=50)  # the 16-byte authentication secret, base64url
    standard = models.BooleanField(default=False)  # RFC 8291 aes128gcm; else Mastodon's legacy aesgcm
    alerts = models.JSONField(default=dict)  # {"mention": true, ...}: kinds not listed are not pushed
    policy = models.CharField(max_length=10, choices=Policy.choices, default=Policy.ALL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


class PushDelivery(models.Model):
    """One notification pushed to one subscription: queued -> sent | failed (retried) -> gave_up,
    with the federation deliveries' policy (federation/delivery.py). The message is built when it is
    sent, so a notification dismissed or a post hidden in the meantime is not pushed."""

    class State(models.TextChoices):
        QUEUED = "queued"
        SENT = "sent"
        FAILED = "failed"
        GAVE_UP = "gave_up"

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    subscription = models.ForeignKey(PushSubscription, on_delete=models.CASCADE, related_name="deliveries")
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "notification"], name="push_delivery_unique")]
        indexes = [models.Index(fields=["state", "next_try_at"], name="push_delivery_due")]
