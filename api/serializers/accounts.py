"""Account, CredentialAccount and Relationship entities."""

from datetime import UTC
from typing import Any

from accounts.badges import LABELS, badges_of
from accounts.models import Account, AccountNote, Block, Endorsement, Follow, Mute
from api.serializers.common import iso, iso_date


def _field(field: dict[str, Any]) -> dict[str, Any]:
    return {"name": field.get("name", ""), "value": field.get("value", ""), "verified_at": None}


# Badges as Mastodon's highlighted roles (`roles` on Account), which clients show beside the name.
BADGE_ROLES = {"verified": ("-1", "#1d4ed8"), "organisation": ("-2", "#a16207"), "parody": ("-3", "#7c3aed")}


def badge_roles(account: Account) -> list[dict[str, str]] | None:
    """Null for a remote account, as Mastodon: roles (and so badges) are this server's word only."""
    if not account.is_local:
        return None
    return [
        {"id": BADGE_ROLES[badge][0], "name": str(LABELS[badge]), "color": BADGE_ROLES[badge][1]}
        for badge in badges_of(account)
    ]


def account_entity(account: Account) -> dict[str, Any]:
    created = account.created_at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    avatar, header = account.avatar_url(), account.header_url()
    data: dict[str, Any] = {
        "id": str(account.pk),
        "username": account.username,
        "acct": account.acct,
        "url": account.profile_url(),
        "uri": account.actor_uri(),
        "display_name": account.display_name,
        "note": account.bio,
        "avatar": avatar,
        "avatar_static": avatar,
        "header": header,
        "header_static": header,
        "locked": account.locked,
        "fields": [_field(f) for f in (account.fields or []) if isinstance(f, dict)],
        "emojis": [],
        "bot": account.bot,
        "group": False,
        "discoverable": account.discoverable,
        "indexable": account.discoverable,
        "noindex": not account.discoverable,
        "hide_collections": False,
        "roles": badge_roles(account),
        "created_at": iso(created),
        "last_status_at": iso_date(account.last_post_at),
        "statuses_count": account.posts_count,
        "followers_count": account.followers_count,
        "following_count": account.following_count,
    }
    if account.moved_to_id and account.moved_to is not None:
        data["moved"] = account_entity(account.moved_to)
    if account.limited:
        data["limited"] = True
    return data


def credential_account_entity(account: Account) -> dict[str, Any]:
    data = account_entity(account)
    user = account.user
    requests = Follow.objects.filter(target=account, state=Follow.State.PENDING).count()
    data["source"] = {
        "note": account.bio_source,
        "fields": data["fields"],
        "privacy": user.default_visibility if user else "public",
        "sensitive": user.default_sensitive if user else False,
        "language": (user.language if user else "") or None,
        "follow_requests_count": requests,
        "indexable": account.discoverable,
        "hide_collections": False,
        "discoverable": account.discoverable,
        "attribution_domains": [],
    }
    data["role"] = {
        "id": "-99" if not (user and user.is_moderator) else "1",
        "name": "Moderator" if user and user.is_moderator else "",
        "color": "",
        "permissions": "0",
        "highlighted": False,
    }
    return data


def profile_entity(account: Account) -> dict[str, Any]:
    """Mastodon 4.6's Profile: what one may edit, as typed (unrendered); images null when unset."""
    avatar = account.avatar_url() if account.avatar else None
    header = account.header_url() if account.header else None
    return {
        "id": str(account.pk),
        "display_name": account.display_name,
        "note": account.bio_source,
        "fields": [{"name": f["name"], "value": f["value"]} for f in account.fields or []],
        "avatar": avatar,
        "avatar_static": avatar,
        "avatar_description": "",
        "header": header,
        "header_static": header,
        "header_description": "",
        "locked": account.locked,
        "bot": account.bot,
        "discoverable": account.discoverable,
        "indexable": account.discoverable,
        "hide_collections": False,
        "show_media": True,
        "show_media_replies": True,
        "show_featured": True,
        "attribution_domains": [],
    }


def relationships(viewer: Account, targets: list[Account]) -> list[dict[str, Any]]:
    """Relationship entities for many accounts in a fixed number of queries."""
    ids = [t.pk for t in targets]
    out_follows = {f.target_id: f for f in Follow.objects.filter(follower=viewer, target_id__in=ids)}
    in_follows = {f.follower_id: f for f in Follow.objects.filter(target=viewer, follower_id__in=ids)}
    blocking = set(Block.objects.filter(account=viewer, target_id__in=ids).values_list("target_id", flat=True))
    blocked_by = set(Block.objects.filter(target=viewer, account_id__in=ids).values_list("account_id", flat=True))
    mutes = {m.target_id: m for m in Mute.objects.filter(account=viewer, target_id__in=ids)}
    endorsed = set(Endorsement.objects.filter(account=viewer, target_id__in=ids).values_list("target_id", flat=True))
    notes = dict(AccountNote.objects.filter(account=viewer, target_id__in=ids).values_list("target_id", "comment"))
    result = []
    for target in targets:
        out, into, mute = out_follows.get(target.pk), in_follows.get(target.pk), mutes.get(target.pk)
        result.append(
            {
                "id": str(target.pk),
                "following": bool(out and out.state == Follow.State.ACCEPTED),
                "showing_reblogs": bool(out and out.state == Follow.State.ACCEPTED and out.show_reblogs),
                "notifying": bool(out and out.notify),
                "languages": None,
                "followed_by": bool(into and into.state == Follow.State.ACCEPTED),
                "blocking": target.pk in blocking,
                "blocked_by": target.pk in blocked_by,
                "muting": mute is not None,
                "muting_notifications": bool(mute and mute.notifications),
                "muting_expires_at": iso(mute.expires_at) if mute else None,
                "requested": bool(out and out.state == Follow.State.PENDING),
                "requested_by": bool(into and into.state == Follow.State.PENDING),
                "domain_blocking": False,
                "endorsed": target.pk in endorsed,
                "note": notes.get(target.pk, ""),
            }
        )
    return result


def relationship(viewer: Account, target: Account) -> dict[str, Any]:
    return relationships(viewer, [target])[0]
