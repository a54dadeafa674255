"""Instance information, rules, trends, preferences and other small read-only endpoints."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from api.auth import me, optional, required, viewer
from api.serializers import instance as entities
from api.serializers.cards import card_entity
from api.serializers.statuses import statuses
from api.serializers.tags import tag_entities
from posts.models import Hashtag
from timelines.feeds import trending_hashtags
from timelines.trends import MAX_TRENDS, link_history, trending_links, trending_posts
from tribune.lib.errors import NotFound

router = Router(tags=["instance"])


@router.get("/v1/instance")
def instance_v1(request: HttpRequest) -> dict[str, Any]:
    return entities.instance_v1()


@router.get("/v2/instance")
def instance_v2(request: HttpRequest) -> dict[str, Any]:
    return entities.instance_v2()


@router.get("/v1/instance/rules")
def instance_rules(request: HttpRequest) -> list[dict[str, str]]:
    return entities.rules()


@router.get("/v1/instance/peers")
def instance_peers(request: HttpRequest) -> list[str]:
    from accounts.models import Account

    return sorted(set(Account.objects.exclude(domain="").values_list("domain", flat=True)))[:1000]


@router.get("/v1/instance/extended_description")
def extended_description(request: HttpRequest) -> dict[str, Any]:
    return {"updated_at": entities.description_updated_at(), "content": entities.description()}


@router.get("/v1/instance/privacy_policy")
def privacy_policy(request: HttpRequest) -> dict[str, Any]:
    """The policy the administrators wrote in the admin area (empty, dated 1970, if none yet)."""
    return entities.privacy_policy()


@router.get("/v1/instance/terms_of_service")
def terms_of_service(request: HttpRequest) -> dict[str, Any]:
    """404 while the administrators have written none, as Mastodon."""
    terms = entities.terms_of_service(None)
    if terms is None:
        raise NotFound("Record not found")
    return terms


@router.get("/v1/instance/terms_of_service/{date}")
def terms_of_service_on(request: HttpRequest, date: str) -> dict[str, Any]:
    """Only the current terms are kept: they answer for their own effective date."""
    terms = entities.terms_of_service(date)
    if terms is None:
        raise NotFound("Record not found")
    return terms


@router.get("/v1/instance/domain_blocks")
def domain_blocks(request: HttpRequest) -> list[dict[str, Any]]:
    """The domains this server limits or suspends, with their public comment (docs/federation.md)."""
    return entities.domain_blocks()


@router.get("/v1/instance/translation_languages")
def translation_languages(request: HttpRequest) -> dict[str, list[str]]:
    """Tribune does not translate posts: no language pairs."""
    return {}


@router.get("/v1/instance/activity")
def activity(request: HttpRequest) -> list[dict[str, str]]:
    """The last 12 weeks (Monday to Monday, UTC), newest first: local posts, log-ins, sign-ups."""
    return entities.weekly_activity()


@router.get("/v1/custom_emojis")
def custom_emojis(request: HttpRequest) -> list[Any]:
    return []


@router.get("/v1/trends", auth=optional("read"))
def trends_legacy(request: HttpRequest, limit: int = 10) -> list[dict[str, Any]]:
    return trends_tags(request, limit)


@router.get("/v1/trends/tags", auth=optional("read"))
def trends_tags(request: HttpRequest, limit: int = 10) -> list[dict[str, Any]]:
    rows = trending_hashtags(limit=max(1, min(limit, 20)))
    found = {t.name: t for t in Hashtag.objects.filter(name__in=[r["name"] for r in rows])}
    return tag_entities(viewer(request), [found[r["name"]] for r in rows if r["name"] in found])


@router.get("/v1/trends/statuses", auth=optional("read"))
def trends_statuses(request: HttpRequest, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    viewer_account = viewer(request)
    posts = trending_posts(viewer_account, offset=_offset(offset), limit=max(1, min(limit, 40)))
    return statuses(viewer_account, posts)


@router.get("/v1/trends/links", auth=optional("read"))
def trends_links(request: HttpRequest, limit: int = 10, offset: int = 0) -> list[dict[str, Any]]:
    cards = trending_links(offset=_offset(offset), limit=max(1, min(limit, 20)))
    history = link_history([c.pk for c in cards])
    return [{**card_entity(c), "history": history[c.pk]} for c in cards]


def _offset(offset: int) -> int:
    return max(0, min(offset, MAX_TRENDS))


@router.get("/v1/preferences", auth=required("read:accounts"))
def preferences(request: HttpRequest) -> dict[str, Any]:
    user = me(request).user
    return {
        "posting:default:visibility": user.default_visibility if user else "public",
        "posting:default:sensitive": user.default_sensitive if user else False,
        "posting:default:language": (user.language if user else "") or None,
        "posting:default:quote_policy": "public",
        "reading:expand:media": "default",
        "reading:expand:spoilers": False,
    }
