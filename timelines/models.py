"""Home feeds materialised in the database (the embedded default).

A `FeedEntry` row per (person, post) is written by fan-out on write; a home feed
read is then one index range scan. With Redis configured the same entries live
in sorted sets as well (see timelines/feeds.py); the table stays the source from
which Redis can be rebuilt.
"""

from django.db import models

from accounts.models import Account
from posts.models import Post


class FeedEntry(models.Model):
    owner = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    # The post's id copied, so the feed is read from this table's index alone.
    post_sort_id = models.BigIntegerField()
    # The author of the post (or of the echo), to remove entries on unfollow or block.
    author_id_copy = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "post"], name="feed_entry_unique")]
        indexes = [models.Index(fields=["owner", "-post_sort_id"], name="feed_owner_sort")]
