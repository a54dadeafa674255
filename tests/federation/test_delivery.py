"""Delivery: durable rows, one request per server, backoff, Retry-After, permanent 4xx, unreachable servers."""

from datetime import timedelta

from django.utils import timezone

from accounts.actions import do_follow
from accounts.models import Account
from federation.actions import do_set_domain_policy
from federation.delivery import MAX_ATTEMPTS, attempt, enqueue
from federation.fetch import fetch_actor
from federation.models import Delivery, RemoteServer
from federation.tasks import retry_due_deliveries
from posts.actions import do_create_post
from tests.federation.instances import free_port
from tests.federation.peer import Peer


def _follower(peer: Peer, name: str, target: Account) -> Account:
    remote = fetch_actor(peer.actor(name))
    do_follow(remote, target)
    return remote


def _activity(n: int = 1) -> dict:
    return {"id": f"https://local.example/activities/{n}", "type": "Create", "actor": "x", "object": {}}


def test_shared_inbox_gets_one_request_per_server(peer: Peer, alice: Account) -> None:
    _follower(peer, "one", alice)
    _follower(peer, "two", alice)
    peer.received.clear()
    post = do_create_post(alice, "hello followers")
    creates = [(path, body) for path, body, _h in peer.received if body["type"] == "Create"]
    assert creates == [("/inbox", creates[0][1])]
    assert creates[0][1]["object"]["id"] == post.activity_uri()
    delivery = Delivery.objects.get(activity_id=creates[0][1]["id"])
    assert delivery.state == Delivery.State.SENT and delivery.attempts == 1 and delivery.last_status == 202


def test_enqueue_is_idempotent(peer: Peer, alice: Account) -> None:
    inbox = f"{peer.base}/inbox"
    assert len(enqueue(_activity(), [inbox, inbox], alice)) == 1
    assert enqueue(_activity(), [inbox], alice) == []
    assert len(peer.received) == 1
    assert Delivery.objects.count() == 1


def test_permanent_4xx_gives_up_at_once(peer: Peer, alice: Account) -> None:
    peer.status_for_inbox = 404
    [delivery_id] = enqueue(_activity(), [f"{peer.base}/inbox"], alice)
    delivery = Delivery.objects.get(pk=delivery_id)
    assert delivery.state == Delivery.State.GAVE_UP and delivery.last_status == 404


def test_5xx_backs_off_then_succeeds(peer: Peer, alice: Account) -> None:
    peer.status_for_inbox = 500
    [delivery_id] = enqueue(_activity(), [f"{peer.base}/inbox"], alice)
    delivery = Delivery.objects.get(pk=delivery_id)
    assert delivery.state == Delivery.State.FAILED and delivery.attempts == 1
    assert delivery.next_try_at is not None and delivery.next_try_at > timezone.now() + timedelta(seconds=50)
    # Not due yet: the sweep leaves it alone.
    assert retry_due_deliveries.call() == 0
    Delivery.objects.filter(pk=delivery_id).update(next_try_at=timezone.now() - timedelta(seconds=1))
    peer.status_for_inbox = 202
    assert retry_due_deliveries.call() == 1
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SENT and delivery.attempts == 2


def test_retry_after_is_honoured(peer: Peer, alice: Account) -> None:
    peer.status_for_inbox = 429
    peer.extra_headers = {"Retry-After": "3600"}
    [delivery_id] = enqueue(_activity(), [f"{peer.base}/inbox"], alice)
    delivery = Delivery.objects.get(pk=delivery_id)
    assert delivery.state == Delivery.State.FAILED and delivery.last_status == 429
    wait = delivery.next_try_at - timezone.now()
    assert timedelta(minutes=59) < wait <= timedelta(hours=1)


def test_gives_up_after_max_attempts(peer: Peer, alice: Account) -> None:
    peer.status_for_inbox = 503
    [delivery_id] = enqueue(_activity(), [f"{peer.base}/inbox"], alice)
    for _ in range(MAX_ATTEMPTS + 2):
        Delivery.objects.filter(pk=delivery_id).update(next_try_at=None)
        attempt(delivery_id)
    delivery = Delivery.objects.get(pk=delivery_id)
    assert delivery.state == Delivery.State.GAVE_UP and delivery.attempts == MAX_ATTEMPTS


def test_unreachable_server_is_marked_and_does_not_block_others(peer: Peer, alice: Account) -> None:
    dead = f"http://127.0.0.1:{free_port()}/inbox"
    ids = enqueue(_activity(1), [dead, f"{peer.base}/inbox"], alice)
    dead_delivery, live_delivery = (Delivery.objects.get(pk=i) for i in ids)
    assert dead_delivery.state == Delivery.State.FAILED and dead_delivery.last_status is None
    assert live_delivery.state == Delivery.State.SENT
    server = RemoteServer.objects.get(domain=dead_delivery.domain)
    assert server.unreachable_since is not None and server.failures == 1
    # Another activity to the dead server waits for it without a request.
    [second] = enqueue(_activity(2), [dead], alice)
    second_delivery = Delivery.objects.get(pk=second)
    assert second_delivery.attempts == 0 and second_delivery.last_error == "server marked unreachable"
    assert second_delivery.next_try_at == server.next_try_at


def test_nothing_is_delivered_to_a_blocked_domain(peer: Peer, alice: Account) -> None:
    _follower(peer, "one", alice)
    do_set_domain_policy(peer.domain, severity="suspend")
    peer.received.clear()
    do_create_post(alice, "hello")
    assert peer.received == []
    assert enqueue(_activity(), [f"{peer.base}/inbox"], alice) == []


def test_the_periodic_sweep_leaves_deliveries_a_worker_may_be_on(peer: Peer, alice: Account) -> None:
    peer.status_for_inbox = 500
    [delivery_id] = enqueue(_activity(7), [f"{peer.base}/inbox"], alice)
    Delivery.objects.filter(pk=delivery_id).update(next_try_at=timezone.now() - timedelta(seconds=1))
    peer.status_for_inbox = 202
    assert retry_due_deliveries.call(60) == 0  # changed a moment ago: perhaps in a worker's hands
    Delivery.objects.filter(pk=delivery_id).update(updated_at=timezone.now() - timedelta(minutes=2))
    assert retry_due_deliveries.call(60) == 1
    assert Delivery.objects.get(pk=delivery_id).state == Delivery.State.SENT
