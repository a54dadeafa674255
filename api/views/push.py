"""Web Push subscriptions (/api/v1/push/subscription): one per access token (notifications/push.py)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from api import openapi as bodies
from api.auth import caller, me, required
from api.params import Params
from notifications import push as actions
from notifications.models import PushSubscription
from notifications.vapid import vapid_public_key

router = Router(tags=["push"])


def subscription_entity(found: PushSubscription) -> dict[str, Any]:
    return {
        "id": str(found.pk),
        "endpoint": found.endpoint,
        "standard": found.standard,
        "alerts": {name: bool(found.alerts.get(name, False)) for name in actions.ALERTS},
        "policy": found.policy,
        "server_key": vapid_public_key(),
    }


def _data(params: Params) -> tuple[Any, Any]:
    """(alerts, policy): `data[policy]` as documented, or `policy` as Mastodon.py sends it."""
    data = params.mapping("data")
    policy = data.get("policy") if data.get("policy") not in (None, "") else params.text("policy")
    return data.get("alerts"), policy


@router.post("/v1/push/subscription", auth=required("push"), openapi_extra=bodies.PUSH_SUBSCRIBE)
def subscribe(request: HttpRequest) -> dict[str, Any]:
    params = Params(request)
    alerts, policy = _data(params)
    made = actions.do_subscribe(me(request), caller(request).token, params.mapping("subscription"), alerts, policy)
    return subscription_entity(made)


@router.get("/v1/push/subscription", auth=required("push"))
def subscription(request: HttpRequest) -> dict[str, Any]:
    me(request)
    return subscription_entity(actions.access_subscription(caller(request).token))


@router.put("/v1/push/subscription", auth=required("push"), openapi_extra=bodies.PUSH_UPDATE)
def update_subscription(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    found = actions.access_subscription(caller(request).token)
    alerts, policy = _data(Params(request))
    return subscription_entity(actions.do_update_subscription(account, found, alerts, policy))


@router.delete("/v1/push/subscription", auth=required("push"))
def unsubscribe(request: HttpRequest) -> dict[str, Any]:
    me(request)
    actions.do_unsubscribe(caller(request).token)
    return {}
