"""The trusted-flagger intake API: token-authenticated JSON, thin over moderation.actions.

POST /api/moderation/v1/flags        {"items": [url or id, ...], "reason": "...", "category": "violence"}
GET  /api/moderation/v1/flags/<id>   when and how each listed post was decided
Bad input gets a JSON error with a 4xx status, never a 500.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from moderation.actions import authenticate_flagger, do_flag_batch
from moderation.models import FlagBatch, FlaggerToken, FlagItem, QueueItem
from tribune.lib import jsonbody
from tribune.lib.errors import ActionError

MAX_BODY = 1024 * 1024


def _error(message: str, status: int, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _token(request: HttpRequest) -> FlaggerToken | None:
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return authenticate_flagger(raw.strip())


def flagger_view(view: Callable[..., JsonResponse]) -> Callable[..., JsonResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        token = _token(request)
        if token is None:
            response = _error("A valid trusted-flagger token is required.", 401)
            response["WWW-Authenticate"] = 'Bearer realm="moderation"'
            return response
        try:
            return view(request, token, *args, **kwargs)
        except ActionError as e:
            return _error(e.message, e.status, **({"field": e.field} if e.field else {}))

    wrapped.__name__ = view.__name__
    return wrapped


def _item_json(item: FlagItem, queue: dict[int, QueueItem]) -> dict[str, Any]:
    decided = queue.get(item.queue_item_id) if item.queue_item_id else None
    return {
        "reference": item.reference,
        "post_id": str(item.post_id) if item.post_id else None,
        "state": item.state,
        "post_state": item.post.moderation_state if item.post else None,
        "decision": (decided.decision or None) if decided else None,
        "decided_at": decided.resolved_at.isoformat() if decided and decided.resolved_at else None,
        "first_action_at": decided.first_action_at.isoformat() if decided and decided.first_action_at else None,
    }


def batch_json(batch: FlagBatch) -> dict[str, Any]:
    items = list(batch.items.select_related("post"))
    queue = {q.pk: q for q in QueueItem.objects.filter(pk__in=[i.queue_item_id for i in items if i.queue_item_id])}
    return {
        "id": str(batch.pk),
        "received_at": batch.created_at.isoformat(),
        "flagger": batch.token.name,
        "reason": batch.reason,
        "category": batch.category,
        "items": [_item_json(i, queue) for i in items],
    }


@csrf_exempt
@require_http_methods(["POST"])
@flagger_view
def create_flags(request: HttpRequest, token: FlaggerToken) -> JsonResponse:
    if len(request.body) > MAX_BODY:
        return _error("The request body is too large.", 413)
    try:
        payload = jsonbody.loads(request.body or b"")
    except jsonbody.JSONBodyError as e:
        return _error("The request body is too large." if e.status == 413 else "The body must be JSON.", e.status)
    if not isinstance(payload, dict):
        return _error("The body must be a JSON object.", 400)
    items = payload.get("items", payload.get("posts"))
    with transaction.atomic():
        batch = do_flag_batch(token, items, payload.get("reason"), payload.get("category"))
    return JsonResponse(batch_json(batch), status=201)


@require_http_methods(["GET"])
@flagger_view
def show_flags(request: HttpRequest, token: FlaggerToken, batch_id: str) -> JsonResponse:
    try:
        batch = FlagBatch.objects.select_related("token").get(pk=int(batch_id), token=token)
    except (FlagBatch.DoesNotExist, ValueError, OverflowError):
        return _error("No such batch.", 404)
    return JsonResponse(batch_json(batch))
