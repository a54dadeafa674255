"""The inbox, fuzzed: whatever a signed stranger sends (real activities with parts replaced by
arbitrary JSON, arbitrary JSON, arbitrary bytes, deep nesting), the answer is a 2xx or 4xx, never a
500, and the worker that applies it (run in-process here) refuses it or applies it without crashing."""

import json
import re
from typing import Any

from django.conf import settings
from django.test import Client
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.models import Account
from posts.actions import do_create_post
from posts.models import Post
from tests.federation.peer import FIXTURES, Peer

LOCAL = settings.SITE_URL
ANSWERS = {200, 202, 400, 401, 403, 404, 410, 413, 422}
FUZZ = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.glob("*.json") if p.name != "mastodon_actor.json")


def _paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _paths(value, (*prefix, index))
    return found


def _replace(doc: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    doc[head] = _replace(doc[head], rest, value)
    return doc


def _fixture(peer: Peer, name: str, alice: Account, post_uri: str) -> dict[str, Any]:
    text = (FIXTURES / name).read_text()
    for marker in ("{{POST}}", "{{PARENT}}", "{{QUOTED}}", "{{OBJECT}}", "{{TARGET}}"):
        text = text.replace(marker, post_uri)
    text = text.replace("{{REMOTE}}", peer.base).replace("{{LOCAL}}", LOCAL).replace("{{USERNAME}}", "zoe")
    text = re.sub(r"\{\{([A-Z_]+)\}\}", r"x-\1", text)
    return json.loads(text)


def _zoe(peer: Peer) -> str:
    """The remote actor who sends everything (published once per test)."""
    return f"{peer.base}/users/zoe" if "/users/zoe" in peer.documents else peer.actor("zoe")


@given(data=st.data())
@FUZZ
def test_mutated_real_activities_never_500(peer: Peer, alice: Account, data: st.DataObject) -> None:
    actor = _zoe(peer)
    target = Post.objects.filter(author=alice).first() or do_create_post(alice, "fuzz target")
    activity = _fixture(peer, data.draw(st.sampled_from(FIXTURE_NAMES)), alice, target.activity_uri())
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from([p for p in _paths(activity) if p[:1] != ("actor",)]))
        activity = _replace(activity, path, data.draw(json_values))
    if isinstance(activity, dict) and data.draw(st.booleans()):
        activity["actor"] = actor
    failures: list[Any] = []

    def record(sender: Any, task_result: Any, **kwargs: Any) -> None:
        if task_result.status == TaskResultStatus.FAILED:
            failures.append(task_result.errors[-1].traceback)

    task_finished.connect(record)
    try:
        response = peer.deliver(Client(), activity, actor=actor)
    finally:
        task_finished.disconnect(record)
    assert response.status_code in ANSWERS, (activity, response.status_code, response.content)
    assert not failures, (activity, failures)


nested = st.tuples(st.integers(0, 50_000), st.sampled_from([(b"[", b"]"), (b'{"a":', b"}")])).map(
    lambda n_brackets: n_brackets[1][0] * n_brackets[0] + b"1" + n_brackets[1][1] * n_brackets[0]
)


@given(body=st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()) | nested)
@FUZZ
def test_arbitrary_bodies_never_500(peer: Peer, alice: Account, body: bytes) -> None:
    actor = _zoe(peer)
    for path in ("/inbox", "/users/alice/inbox"):
        response = peer.deliver(Client(), body, actor=actor, path=path)
        assert response.status_code in ANSWERS, (body, response.status_code, response.content)
