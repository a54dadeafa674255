"""The PreviewCard entity: what a post's first link looks like (posts/cards.py fetched it)."""

from typing import Any
from urllib.parse import urlsplit

from posts.models import PreviewCard


def card_entity(card: PreviewCard) -> dict[str, Any]:
    parts = urlsplit(card.url)
    return {
        "url": card.url,
        "title": card.title,
        "description": card.description,
        "type": "link",
        "author_name": "",
        "author_url": "",
        "authors": [],
        "provider_name": card.provider_name,
        "provider_url": f"{parts.scheme}://{parts.netloc}",
        "html": "",
        "width": card.image_width,
        "height": card.image_height,
        "image": card.image_url() or None,
        "image_description": "",
        "embed_url": "",
        "blurhash": None,
        "published_at": None,
        "language": None,
    }
