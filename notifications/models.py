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
    read = models.BooleanField(default=False)
    dismissed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "dismissed", "-id"], name="notification_recipient")]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "actor", "type", "post"], name="notification_unique")
        ]
