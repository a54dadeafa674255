"""oEmbed for a public post's page (https://oembed.com): what a website needs to embed it.

Only public posts: an unlisted, private or direct post, a held or removed one, is a 404 as if it
did not exist. The HTML is a quotation of the post (its sanitised content, or its content warning, author and
date), so
nothing is loaded from this server by the embedding page."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from ninja import Router

from api.params import Params
from posts.access import access_post
from posts.models import Visibility
from tribune.lib.errors import NotFound

router = Router(tags=["oembed"])


def _public_post_at(url: str) -> Any:
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[x": no address of ours
        raise NotFound("Record not found") from None
    if f"{parts.scheme}://{parts.netloc}" != settings.SITE_URL:
        raise NotFound("Record not found")
    try:
        match = resolve(parts.path)
    except Resolver404:
        raise NotFound("Record not found") from None
    if match.url_name != "post":
        raise NotFound("Record not found")
    post = access_post(None, match.kwargs["post_id"])
    if post.visibility != Visibility.PUBLIC or post.author.acct != match.kwargs["username"]:
        raise NotFound("Record not found")
    return post


@router.get("/oembed")
def oembed(request: HttpRequest) -> dict[str, Any]:
    params = Params(request)
    post = _public_post_at(params.text("url") or "")
    width = min(max(params.number("maxwidth") or 400, 250), 1000)
    author, url = post.author, post.public_url()
    html = format_html(
        '<blockquote class="tribune-embed" cite="{}" style="max-width: {}px">{}<p>&mdash; {} (@{}) '
        '<a href="{}">{}</a></p></blockquote>',
        url,
        width,
        # Behind a content warning, only the warning is shown; the content was sanitised when stored.
        format_html("<p>{}</p>", post.spoiler_text) if post.spoiler_text else mark_safe(post.content),  # noqa: S308
        author.name,
        author.acct,
        url,
        post.created_at.date().isoformat(),
    )
    return {
        "type": "rich",
        "version": "1.0",
        "title": f"{author.name} (@{author.acct})",
        "author_name": author.name,
        "author_url": author.profile_url(),
        "provider_name": settings.INSTANCE_NAME,
        "provider_url": f"{settings.SITE_URL}/",
        "cache_age": 86400,
        "html": html,
        "width": width,
        "height": None,
    }
