"""The Mastodon client API: one NinjaAPI with a router per area, served under /api/."""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from api import errors
from api.views import accounts, apps, instance, media, notifications, relations, reports, search, statuses, timelines


class Renderer(JSONRenderer):
    # Compact JSON, as Mastodon sends it.
    json_dumps_params = {"separators": (",", ":")}


api = NinjaAPI(
    title="Tribune (Mastodon-compatible client API)",
    version="1.0.0",
    description="The Mastodon client API as Tribune implements it; see docs.joinmastodon.org for the entities.",
    urls_namespace="mastodon",
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=Renderer(),
)
errors.install(api)
for module in (instance, apps, accounts, relations, statuses, media, timelines, notifications, search, reports):
    api.add_router("", module.router)
