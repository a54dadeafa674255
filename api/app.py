"""The Mastodon client API: one NinjaAPI with a router per area, served under /api/."""

from typing import Any

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from api import errors
from api import openapi as bodies
from api.serializers.common import COMPACT_JSON
from api.views import (
    accounts,
    announcements,
    apps,
    endorsements,
    featured_tags,
    filters,
    instance,
    lists,
    media,
    notification_requests,
    notifications,
    oembed,
    polls,
    push,
    relations,
    reports,
    scheduled,
    search,
    statuses,
    suggestions,
    tags,
    timelines,
)

ERROR_STATUSES = {
    "400": "Malformed request",
    "401": "Missing or invalid access token",
    "403": "The token lacks the scope, or the action is not allowed",
    "404": "Record not found",
    "410": "Gone",
    "422": "Invalid parameters",
    "429": "Too many requests",
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}},
    "required": ["error"],
}


class MastodonAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Every operation can answer with Mastodon's Error entity; say so in the document."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = ERROR_SCHEMA
        components.update(bodies.ENTITIES)
        for path, methods in schema["paths"].items():
            for method, operation in methods.items():
                responses = operation.setdefault("responses", {})
                ok = responses.get(200) or responses.get("200") or {}
                if "content" not in ok:
                    ok = {"description": "OK", "content": {"application/json": {"schema": {}}}}
                if entity := bodies.RESPONSES.get((method, path)):
                    ok = {"description": "OK", "content": {"application/json": {"schema": entity}}}
                responses.pop(200, None)
                responses["200"] = ok
                for status, text in ERROR_STATUSES.items():
                    responses.setdefault(
                        status,
                        {
                            "description": text,
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                        },
                    )
        return schema


class Renderer(JSONRenderer):
    json_dumps_params = COMPACT_JSON


api = MastodonAPI(
    title="Tribune (Mastodon-compatible client API)",
    version="1.0.0",
    description="The Mastodon client API as Tribune implements it; see docs.joinmastodon.org for the entities.",
    urls_namespace="mastodon",
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=Renderer(),
)
errors.install(api)
# Django tries URL patterns in order: the most read endpoints (timelines) first.
for module in (
    timelines,
    instance,
    announcements,
    apps,
    accounts,
    relations,
    statuses,
    media,
    notification_requests,
    notifications,
    search,
    reports,
    scheduled,
    polls,
    lists,
    filters,
    tags,
    endorsements,
    featured_tags,
    suggestions,
    push,
    oembed,
):
    api.add_router("", module.router)
