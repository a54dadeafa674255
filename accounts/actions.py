"""Every change to people and their relations goes through these functions.

`check_*` validate input and raise ActionError (a 4xx); `do_*` change the
database atomically and enqueue side effects after commit.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account, Block, Endorsement, Follow, Mute, MutedWord, User
from tribune.lib import stamps
from tribune.lib.errors import ActionError, Forbidden
from tribune.lib.tasks import enqueue_or_leave_to_sweep
from tribune.lib.text import render_post_text

USERNAME_RE = re.compile(r"^[a-zA-Z0-9_]{1,30}$")
RESERVED_USERNAMES = {
    "admin", "administrator", "root", "api", "oauth", "static", "media", "about", "settings",
    "users", "inbox", "outbox", "actor", "instance", "moderation", "tribune", "support", "help",
    "search", "tags", "notifications", "login", "logout", "signup", "well-known",
}  # fmt: skip


def check_username(username: str) -> str:
    username = (username or "").strip().lstrip("@")
    if not USERNAME_RE.match(username):
        raise ActionError(_("A username has 1 to 30 letters, digits or underscores."), field="username")
    if username.lower() in RESERVED_USERNAMES:
        raise ActionError(_("This username is reserved."), field="username")
    if Account.objects.filter(username__iexact=username, domain="").exists():
        raise ActionError(_("This username is taken."), field="username")
    return username


def check_password(password: str, user: User | None = None) -> str:
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise ActionError(" ".join(e.messages), field="password") from None
    return password


def check_email(email: str) -> str:
    email = (email or "").strip().lower()
    if email and (len(email) > 254 or not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email)):
        raise ActionError(_("Enter a valid email address."), field="email")
    if email and User.objects.filter(email__iexact=email).exists():
        raise ActionError(_("This email address is already in use."), field="email")
    return email


def do_create_user(
    username: str,
    password: str | None,
    *,
    email: str = "",
    language: str = "",
    is_staff: bool = False,
    display_name: str = "",
    validated: bool = False,
) -> User:
    """Create a local person: User and Account in one transaction, the account with its signing key
    (part of its identity on the network: every backup carries it from the start)."""
    if not validated:
        username = check_username(username)
        email = check_email(email)
        if password is not None:
            check_password(password)
    from federation.keys import new_account_key_pair

    private_key, public_key = new_account_key_pair()  # a CPU-bound moment, outside the transaction
    try:
        with transaction.atomic():
            user = User(username=username, email=email, language=language, is_staff=is_staff, is_superuser=is_staff)
            user.is_moderator = is_staff
            if password is None:
                user.set_unusable_password()
            else:
                user.set_password(password)
            user.save()
            account = Account(
                user=user,
                username=username,
                display_name=display_name[:100],
                private_key=private_key,
                public_key=public_key,
            )
            account.public_key_id = f"{account.actor_uri()}#main-key"
            account.save(force_insert=True)
            if email and not validated:
                from accounts.emails import send_confirmation_after_commit

                send_confirmation_after_commit(user)
    except IntegrityError:
        raise ActionError(_("This username is taken."), field="username") from None
    return user


def _mention_url(username: str, domain: str | None) -> str | None:
    account = Account.objects.filter(username__iexact=username, domain=domain or "").first()
    return account.profile_url() if account else None


def do_update_profile(
    account: Account,
    *,
    display_name: str | None = None,
    bio: str | None = None,
    locked: bool | None = None,
    bot: bool | None = None,
    discoverable: bool | None = None,
    fields: list[dict[str, str]] | None = None,
    avatar: UploadedFile | None = None,
    header: UploadedFile | None = None,
) -> Account:
    from posts.media import check_image, process_avatar

    update: list[str] = []
    if display_name is not None:
        if len(display_name) > 100:
            raise ActionError(_("A display name has at most 100 characters."), field="display_name")
        account.display_name = display_name.strip()
        update.append("display_name")
    if bio is not None:
        if len(bio) > 500:
            raise ActionError(_("A bio has at most 500 characters."), field="note")
        account.bio_source = bio
        account.bio = (
            render_post_text(bio, tag_url=lambda t: f"/tags/{t}", mention_url=_mention_url).html if bio else ""
        )
        update += ["bio", "bio_source"]
    if fields is not None:
        clean = [
            {"name": str(f.get("name", ""))[:255], "value": str(f.get("value", ""))[:255]}
            for f in fields[:4]
            if f.get("name")
        ]
        account.fields = clean
        update.append("fields")
    for name, value in (("locked", locked), ("bot", bot), ("discoverable", discoverable)):
        if value is not None:
            setattr(account, name, bool(value))
            update.append(name)
    images = {}
    for name, upload, size in (("avatar", avatar, (400, 400)), ("header", header, (1500, 500))):
        if upload is not None:
            image = check_image(upload)
            images[name] = process_avatar(image, size)
    with transaction.atomic():
        for name, content in images.items():
            getattr(account, name).save(content.name, content, save=False)
            update.append(name)
        if update:
            account.save(update_fields=update)
    if update:
        from federation.hooks import account_updated

        transaction.on_commit(lambda: account_updated(account.pk))
    return account


def do_remove_profile_image(account: Account, name: str) -> Account:
    """Remove the avatar or the header (`name`); the default image is shown again. Idempotent.
    The file stays in storage, as a replaced one does."""
    assert name in ("avatar", "header")  # noqa: S101  # callers name one of the two
    if not getattr(account, name):
        return account
    setattr(account, name, "")
    account.save(update_fields=[name])
    from federation.hooks import account_updated

    transaction.on_commit(lambda: account_updated(account.pk))
    return account


def do_update_settings(
    user: User,
    *,
    language: str | None = None,
    default_visibility: str | None = None,
    default_sensitive: bool | None = None,
) -> User:
    update = []
    if language is not None:
        if language and language not in dict(settings.LANGUAGES):
            raise ActionError(_("Unknown language."), field="language")
        user.language = language
        update.append("language")
    if default_visibility is not None:
        if default_visibility not in User.Visibility.values:
            raise ActionError(_("Unknown visibility."), field="default_visibility")
        user.default_visibility = default_visibility
        update.append("default_visibility")
    if default_sensitive is not None:
        user.default_sensitive = bool(default_sensitive)
        update.append("default_sensitive")
    if update:
        user.save(update_fields=update)
    return user


@transaction.atomic
def do_change_email(user: User, email: str, password: str) -> None:
    """A new address, unconfirmed until its link is followed (the link is e-mailed after commit)."""
    if not user.check_password(password):
        raise ActionError(_("The current password is wrong."), field="password")
    email = (email or "").strip().lower()
    if email == user.email.lower():
        raise ActionError(_("This is already your address."), field="email")
    user.email = check_email(email)
    user.email_confirmed_at = None
    user.save(update_fields=["email", "email_confirmed_at"])
    from accounts.emails import send_confirmation_after_commit

    send_confirmation_after_commit(user)


RESEND_SECONDS = 60


def do_resend_email_confirmation(user: User) -> bool:
    """Send the confirmation link again (at most once a minute); a confirmed address is a 403."""
    if not user.email or user.email_confirmed_at is not None:
        raise Forbidden(_("This method is only available while the e-mail is awaiting confirmation."))
    from django.core.cache import cache

    from accounts.emails import send_confirmation_after_commit

    if not cache.add(f"email-confirmation-resent:{user.pk}", 1, RESEND_SECONDS):
        return False
    send_confirmation_after_commit(user)
    return True


def do_confirm_email(token: str) -> User:
    """Mark the address in the token confirmed, if it is still the person's address."""
    from accounts.emails import read_confirmation_token

    found = read_confirmation_token(token)
    user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if user is None or found is None or user.email.lower() != found[1].lower() or not user.email:
        raise ActionError(_("This confirmation link is not valid any more. Ask for a new one in Settings."))
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


def do_change_password(user: User, old: str, new: str) -> None:
    if not user.check_password(old):
        raise ActionError(_("The current password is wrong."), field="old_password")
    check_password(new, user)
    user.set_password(new)
    user.save(update_fields=["password"])


# Follows ---------------------------------------------------------------------


def do_follow(
    follower: Account, target: Account, *, uri: str = "", show_reblogs: bool = True, notify: bool = False
) -> Follow:
    """Follow `target`; pending if the target is locked or remote (until it accepts).

    Idempotent: following again returns the existing follow (updating its options)."""
    from accounts.access import is_blocked_either_way

    if follower.pk == target.pk:
        raise ActionError(_("You cannot follow yourself."))
    if is_blocked_either_way(follower, target):
        raise Forbidden(_("You cannot follow this account."))
    if not target.is_active:
        raise ActionError(_("This account is not available."), status=404)
    with transaction.atomic():
        follow, created = Follow.objects.select_for_update().get_or_create(
            follower=follower,
            target=target,
            defaults={
                "state": Follow.State.PENDING if (target.locked or not target.is_local) else Follow.State.ACCEPTED,
                "uri": uri,
                "show_reblogs": show_reblogs,
                "notify": notify,
            },
        )
        if not created:
            if (follow.show_reblogs, follow.notify) != (show_reblogs, notify):
                follow.show_reblogs, follow.notify = show_reblogs, notify
                follow.save(update_fields=["show_reblogs", "notify"])
            return follow
        if follow.state == Follow.State.ACCEPTED:
            _count_follow(follow, +1)
    _after_follow_change(follow, created=True)
    return follow


def _count_follow(follow: Follow, delta: int) -> None:
    Account.objects.filter(pk=follow.follower_id).update(following_count=F("following_count") + delta)
    Account.objects.filter(pk=follow.target_id).update(followers_count=F("followers_count") + delta)
    if stamps.enabled():
        # Crossing the fan-out threshold changes how the target's posts reach home feeds (pushed,
        # or merged when read): every cached home page may change.
        count = Account.objects.filter(pk=follow.target_id).values_list("followers_count", flat=True).first()
        if count == settings.FANOUT_MAX_FOLLOWERS - (0 if delta > 0 else 1):
            stamps.bump([stamps.everything()])


def _after_follow_change(follow: Follow, *, created: bool) -> None:
    from federation.hooks import follow_changed
    from notifications.actions import notify_later
    from timelines.tasks import backfill_home_feed

    follow_id, follower_id, target_id, state = follow.pk, follow.follower_id, follow.target_id, follow.state
    if state == Follow.State.ACCEPTED:
        transaction.on_commit(lambda: enqueue_or_leave_to_sweep(backfill_home_feed, follower_id, target_id))
    if created:
        kind = "follow" if state == Follow.State.ACCEPTED else "follow_request"
        notify_later(target_id, follower_id, kind)
        transaction.on_commit(lambda: follow_changed(follow_id, "follow"))


def do_accept_follow_request(target: Account, follower: Account) -> Follow:
    with transaction.atomic():
        follow = Follow.objects.select_for_update().filter(follower=follower, target=target).first()
        if follow is None:
            raise ActionError(_("No such follow request."), status=404)
        if follow.state == Follow.State.ACCEPTED:
            return follow
        follow.state = Follow.State.ACCEPTED
        follow.save(update_fields=["state"])
        _count_follow(follow, +1)
        from notifications.models import Notification

        Notification.objects.filter(recipient=target, actor=follower, type="follow_request").delete()
    from federation.hooks import follow_changed
    from notifications.actions import notify_later
    from timelines.tasks import backfill_home_feed

    notify_later(target.pk, follower.pk, "follow")
    follow_id = follow.pk
    transaction.on_commit(lambda: enqueue_or_leave_to_sweep(backfill_home_feed, follower.pk, target.pk))
    transaction.on_commit(lambda: follow_changed(follow_id, "accept"))
    return follow


def do_reject_follow_request(target: Account, follower: Account) -> None:
    from federation.hooks import follow_rejected
    from notifications.models import Notification

    with transaction.atomic():
        follow = (
            Follow.objects.select_for_update()
            .filter(follower=follower, target=target, state=Follow.State.PENDING)
            .first()
        )
        if follow is None:
            raise ActionError(_("No such follow request."), status=404)
        snapshot = {"follower_id": follow.follower_id, "target_id": follow.target_id, "uri": follow.uri}
        follow.delete()
        Notification.objects.filter(recipient=target, actor=follower, type="follow_request").delete()
    transaction.on_commit(lambda: follow_rejected(snapshot))


def do_unfollow(follower: Account, target: Account, *, federate: bool = True) -> None:
    """Stop following (or cancel a request). Idempotent."""
    from federation.hooks import unfollowed
    from timelines.actions import remove_author_from_feed

    with transaction.atomic():
        follow = Follow.objects.select_for_update().filter(follower=follower, target=target).first()
        if follow is None:
            return
        snapshot = {
            "follower_id": follow.follower_id,
            "target_id": follow.target_id,
            "uri": follow.uri,
            "id": follow.pk,
        }
        if follow.state == Follow.State.ACCEPTED:
            _count_follow(follow, -1)
        follow.delete()
        Endorsement.objects.filter(account=follower, target=target).delete()
        remove_author_from_feed(follower, target)
    if federate:
        transaction.on_commit(lambda: unfollowed(snapshot))


def do_remove_follower(account: Account, follower: Account) -> None:
    do_unfollow(follower, account)


# Blocks and mutes ------------------------------------------------------------


def do_block(account: Account, target: Account, *, uri: str = "") -> Block:
    """Block: no more follows either way, no interaction, posts hidden both ways."""
    if account.pk == target.pk:
        raise ActionError(_("You cannot block yourself."))
    with transaction.atomic():
        block, created = Block.objects.get_or_create(account=account, target=target, defaults={"uri": uri})
        do_unfollow(account, target, federate=False)
        do_unfollow(target, account, federate=False)
    if created:
        from federation.hooks import block_changed

        block_id = block.pk
        transaction.on_commit(lambda: block_changed(block_id, account.pk, target.pk, blocked=True))
    return block


def do_unblock(account: Account, target: Account) -> None:
    deleted, _n = Block.objects.filter(account=account, target=target).delete()
    if deleted:
        from federation.hooks import block_changed

        transaction.on_commit(lambda: block_changed(None, account.pk, target.pk, blocked=False))


def do_mute(account: Account, target: Account, *, notifications: bool = True, duration_seconds: int = 0) -> Mute:
    if account.pk == target.pk:
        raise ActionError(_("You cannot mute yourself."))
    expires = timezone.now() + timedelta(seconds=duration_seconds) if duration_seconds > 0 else None
    mute, _created = Mute.objects.update_or_create(
        account=account, target=target, defaults={"notifications": notifications, "expires_at": expires}
    )
    return mute


def do_unmute(account: Account, target: Account) -> None:
    Mute.objects.filter(account=account, target=target).delete()


def do_add_muted_word(account: Account, phrase: str) -> MutedWord:
    from accounts.filters import do_add_muted_word as add

    return add(account, phrase)


def do_remove_muted_word(account: Account, word_id: int) -> None:
    from accounts.filters import do_remove_muted_word as remove

    remove(account, word_id)


def do_delete_account(user: User, *, password: str | None = None) -> None:
    """A person deletes their own account: posts, media and relations go; the handle
    stays reserved (a tombstone Account) so nobody else can take it over."""
    from federation.hooks import account_deleted

    if password is not None and not user.check_password(password):
        raise ActionError(_("The password is wrong."), field="password")
    account = user.account
    with transaction.atomic():
        for media in account.media.all():
            media.file.delete(save=False)
            media.thumbnail.delete(save=False)
        account.posts.all().delete()
        Follow.objects.filter(follower=account).delete()
        Follow.objects.filter(target=account).delete()
        Block.objects.filter(account=account).delete()
        Mute.objects.filter(account=account).delete()
        account.avatar.delete(save=False)
        account.header.delete(save=False)
        Account.objects.filter(pk=account.pk).update(
            deleted_at=timezone.now(), user=None, display_name="", bio="", bio_source="", fields=[],
            avatar="", header="", followers_count=0, following_count=0, posts_count=0,
        )  # fmt: skip
        user.delete()
    account_id = account.pk
    transaction.on_commit(lambda: account_deleted(account_id))
