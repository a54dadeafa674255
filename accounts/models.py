"""People. A `User` logs in; an `Account` is a public identity, local or remote.

Local accounts have a user; remote accounts (from federation) have a domain and
an actor URI instead. Everything social (posts, follows, blocks) points at
accounts, so remote and local people are treated alike.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower

from tribune.lib.ids import make_id
from tribune.lib.stamps import StampedQuerySet


class User(AbstractUser):
    """Log-in credentials and private settings of a local person."""

    class Visibility(models.TextChoices):
        PUBLIC = "public"
        UNLISTED = "unlisted"
        PRIVATE = "private"
        DIRECT = "direct"

    language = models.CharField(max_length=8, default="", blank=True)
    default_visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    default_sensitive = models.BooleanField(default=False)
    is_moderator = models.BooleanField(default=False)
    # When the person followed the link sent to `email`; a password reset goes only to a confirmed address.
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Two-factor log-in (accounts/two_factor.py): the TOTP secret, set once the person confirmed it
    # with a code, and the last time step a code was taken for, so that each code is taken once.
    totp_secret = models.CharField(max_length=64, blank=True, default="")
    totp_last_step = models.BigIntegerField(default=-1)

    @property
    def account(self) -> "Account":
        return self.account_profile


class AccountQuerySet(StampedQuerySet):
    stamp_kind = "a"


class Account(models.Model):
    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="account_profile"
    )
    username = models.CharField(max_length=64)
    # Empty for local accounts.
    domain = models.CharField(max_length=255, blank=True, default="")
    display_name = models.CharField(max_length=100, blank=True, default="")
    bio = models.TextField(blank=True, default="")  # sanitised HTML
    bio_source = models.TextField(blank=True, default="")
    avatar = models.ImageField(upload_to="avatars/", blank=True, default="", db_index=True)
    header = models.ImageField(upload_to="headers/", blank=True, default="", db_index=True)
    avatar_remote_url = models.URLField(max_length=2000, blank=True, default="")
    header_remote_url = models.URLField(max_length=2000, blank=True, default="")
    locked = models.BooleanField(default=False)
    bot = models.BooleanField(default=False)
    discoverable = models.BooleanField(default=True)
    fields = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(null=True, blank=True)

    followers_count = models.PositiveIntegerField(default=0)
    following_count = models.PositiveIntegerField(default=0)
    posts_count = models.PositiveIntegerField(default=0)

    # Moderation state (the moderation app changes these through its actions).
    suspended_at = models.DateTimeField(null=True, blank=True)
    limited = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Badges administrators granted (accounts/badges.py): local accounts only, never from federation.
    badges = models.JSONField(default=list, blank=True)

    # Federation.
    uri = models.URLField(max_length=2000, blank=True, default="", db_index=True)
    url = models.URLField(max_length=2000, blank=True, default="")
    inbox_uri = models.URLField(max_length=2000, blank=True, default="")
    shared_inbox_uri = models.URLField(max_length=2000, blank=True, default="")
    outbox_uri = models.URLField(max_length=2000, blank=True, default="")
    followers_uri = models.URLField(max_length=2000, blank=True, default="")
    public_key = models.TextField(blank=True, default="")
    public_key_id = models.CharField(max_length=2000, blank=True, default="")
    private_key = models.TextField(blank=True, default="")
    moved_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    also_known_as = models.JSONField(default=list, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)

    objects = AccountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), "domain", name="account_unique_handle"),
        ]
        indexes = [models.Index(fields=["domain", "username"])]

    def __str__(self) -> str:
        return self.acct

    @property
    def is_local(self) -> bool:
        return not self.domain

    @property
    def acct(self) -> str:
        return self.username if self.is_local else f"{self.username}@{self.domain}"

    @property
    def full_handle(self) -> str:
        return f"@{self.username}@{self.domain or settings.DOMAIN}"

    @property
    def name(self) -> str:
        return self.display_name or self.username

    @property
    def is_active(self) -> bool:
        return self.suspended_at is None and self.deleted_at is None

    # Stored images go through Tribune's media view (posts/media_access.py), whatever the storage:
    # a suspended or deleted account's are not served.
    def avatar_url(self) -> str:
        if self.avatar:
            return f"{settings.SITE_URL}{settings.MEDIA_URL}{self.avatar.name}"
        return self.avatar_remote_url or settings.SITE_URL + "/static/web/avatar.svg"

    def header_url(self) -> str:
        if self.header:
            return f"{settings.SITE_URL}{settings.MEDIA_URL}{self.header.name}"
        return self.header_remote_url or settings.SITE_URL + "/static/web/header.svg"

    def profile_url(self) -> str:
        if self.is_local:
            return f"{settings.SITE_URL}/@{self.username}"
        return self.url or self.uri

    def actor_uri(self) -> str:
        return self.uri or f"{settings.SITE_URL}/users/{self.username}"


class Follow(models.Model):
    """`follower` follows `target`; pending until a locked target accepts."""

    class State(models.TextChoices):
        PENDING = "pending"
        ACCEPTED = "accepted"

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    follower = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="following_set")
    target = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="follower_set")
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACCEPTED)
    show_reblogs = models.BooleanField(default=True)
    notify = models.BooleanField(default=False)
    uri = models.URLField(max_length=2000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["follower", "target"], name="follow_unique")]
        indexes = [models.Index(fields=["target", "state"]), models.Index(fields=["follower", "state"])]


class Block(models.Model):
    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="blocking_set")
    target = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="blocked_by_set")
    uri = models.URLField(max_length=2000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "target"], name="block_unique")]


class DomainBlock(models.Model):
    """A person hides a whole server: its accounts' posts and notifications, and its followers leave
    (accounts/domain_blocks.py). The accounts count as blocked in `accounts.access`."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="domain_blocks")
    domain = models.CharField(max_length=255)  # lower case
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "domain"], name="domain_block_unique")]


class Mute(models.Model):
    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="muting_set")
    target = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="muted_by_set")
    notifications = models.BooleanField(default=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "target"], name="mute_unique")]


class Filter(models.Model):
    """Mastodon's filter (v2): keywords (MutedWord rows) and posts, in some contexts, that either
    hide the posts or show them behind a warning; until `expires_at`. A person's muted words are
    the keywords of their "Muted words" filter (accounts/filters.py)."""

    class Action(models.TextChoices):
        WARN = "warn"
        HIDE = "hide"
        BLUR = "blur"

    CONTEXTS = ("home", "notifications", "public", "thread", "account")

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="filters")
    title = models.CharField(max_length=200)
    context = models.JSONField(default=list)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.WARN)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class MutedWord(models.Model):
    """A keyword of a filter (a muted word). What feeds read to hide posts is copied from the
    filter onto each keyword (`hide_copy`, `contexts_copy`, `expires_at_copy`), so that the
    reader's relations stay one query (accounts.access.relations)."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="muted_words")
    filter = models.ForeignKey(Filter, null=True, blank=True, on_delete=models.CASCADE, related_name="keywords")
    phrase = models.CharField(max_length=100)
    whole_word = models.BooleanField(default=True)
    hide_copy = models.BooleanField(default=True)
    contexts_copy = models.CharField(max_length=100, default="home,notifications,public,thread,account")
    expires_at_copy = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["filter", "phrase"], name="filter_keyword_unique")]


class FilterStatus(models.Model):
    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    filter = models.ForeignKey(Filter, on_delete=models.CASCADE, related_name="statuses")
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["filter", "post"], name="filter_status_unique")]


class AccountNote(models.Model):
    """A private note one person keeps about another (Relationship.note)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    comment = models.TextField(max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "target"], name="account_note_unique")]


class Endorsement(models.Model):
    """An account one follows, featured on one's profile."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="endorsements")
    target = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="endorsed_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "target"], name="endorsement_unique")]


class SuggestionDismissal(models.Model):
    """An account one asked not to be suggested again."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "target"], name="suggestion_dismissal_unique")]


class InstanceSetting(models.Model):
    """Instance settings an administrator edits in the admin area (name, rules, limits)."""

    key = models.CharField(max_length=100, primary_key=True)
    value = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)


class Announcement(models.Model):
    """A notice the administrators show every local person (Mastodon's announcements). `text` is what
    they wrote, `content` its HTML, rendered and sanitised as a post's text is (accounts/announcements.py).
    `starts_at`/`ends_at` date what it announces; one whose `ends_at` has passed is no longer listed."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    text = models.TextField()
    content = models.TextField(blank=True)
    published = models.BooleanField(default=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    all_day = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


class AnnouncementRead(models.Model):
    """An announcement one person dismissed (Mastodon's `read`)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="reads")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "announcement"], name="announcement_read_unique")]


class AnnouncementReaction(models.Model):
    """One person's emoji on an announcement (unicode emoji only: Tribune has no custom emoji)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="reactions")
    name = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "announcement", "name"], name="announcement_reaction_unique")
        ]
