"""Moderator pages, the appeal form and the public transparency report, through HTTP."""

import csv
import io

import pytest
from django.test import Client

from moderation.actions import do_create_report, do_remove_post
from moderation.models import Appeal, AuditEntry, QueueItem
from posts.actions import do_create_post


@pytest.fixture
def moderator(make_account):
    return make_account("moderator", staff=True)


def login(account) -> Client:
    client = Client()
    client.force_login(account.user)
    return client


def test_queue_pages_are_for_moderators_only(alice):
    assert Client().get("/moderation/").status_code == 302
    assert login(alice).get("/moderation/").status_code == 403
    assert login(alice).get("/moderation/dashboard").status_code == 403


def test_item_page_shows_context_and_decides_by_key(make_account, moderator, alice):
    author = make_account("author")
    do_create_post(author, "an earlier, harmless post")
    threat = do_create_post(author, "I will kill you")
    do_create_report(alice, target=author, posts=[threat], category="violence", comment="scary")
    client = login(moderator)
    queue = client.get("/moderation/")
    assert queue.status_code == 200 and b"I will kill you" not in queue.content  # the list shows reasons
    item = QueueItem.objects.get(post=threat)
    assert f"/moderation/items/{item.pk}".encode() in queue.content
    page = client.get(f"/moderation/items/{item.pk}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "I will kill you" in html and "an earlier, harmless post" in html and "scary" in html
    for key in "arswlued":
        assert f'data-key="{key}"' in html
    item.refresh_from_db()
    assert item.claimed_by == moderator.user
    response = client.post(f"/moderation/items/{item.pk}", {"decision": "remove", "reason": "threat"})
    assert response.status_code == 302
    threat.refresh_from_db()
    assert threat.moderation_state == "removed"
    again = client.post(f"/moderation/items/{item.pk}", {"decision": "approve"})
    assert again.status_code == 409


def test_next_claims_the_top_item(make_account, moderator):
    author = make_account("author")
    post = do_create_post(author, "I will kill you")
    response = login(moderator).get("/moderation/next")
    item = QueueItem.objects.get(post=post)
    assert response.status_code == 302 and response["Location"].endswith(f"/moderation/items/{item.pk}")


def test_appeal_form_and_decision_by_another_moderator(alice, moderator, make_account):
    post = do_create_post(alice, "a post")
    entry = do_remove_post(post, acting_user=moderator.user, reason="threat", policy="violence")
    assert login(make_account("someone")).get(f"/moderation/appeals/{entry.pk}").status_code == 404
    client = login(alice)
    assert client.get(f"/moderation/appeals/{entry.pk}").status_code == 200
    assert client.post(f"/moderation/appeals/{entry.pk}", {"text": ""}).status_code == 422
    assert client.post(f"/moderation/appeals/{entry.pk}", {"text": "It was a joke between friends"}).status_code == 200
    appeal = Appeal.objects.get()
    other = login(make_account("othermod", staff=True))
    same = login(moderator).post("/moderation/appeals/", {"appeal": appeal.pk, "verdict": "reverse"})
    assert same.status_code == 200 and "different moderator" in same.content.decode()
    assert other.post("/moderation/appeals/", {"appeal": appeal.pk, "verdict": "reverse"}).status_code == 302
    post.refresh_from_db()
    assert post.moderation_state == "published"


def test_dashboard_figures(make_account, moderator, alice):
    author = make_account("author")
    post = do_create_post(author, "I will kill you")
    client = login(moderator)
    client.post(f"/moderation/items/{QueueItem.objects.get(post=post).pk}", {"decision": "remove"})
    page = client.get("/moderation/dashboard")
    assert page.status_code == 200 and b"<svg" in page.content
    data = client.get("/moderation/dashboard?format=json").json()
    assert data["queue_size"] == 0
    assert data["automated_actions"] >= 1 and data["human_actions"] >= 1
    assert data["time_to_first_action"]["urgent"]["count"] == 1


def test_transparency_report_page_csv_and_json(make_account, moderator, alice):
    author = make_account("author")
    post = do_create_post(author, "spam spam")
    do_create_report(alice, target=author, posts=[post], category="spam")
    client = Client()
    page = client.get("/transparency")
    assert page.status_code == 200 and b"1 report received" in page.content
    data = client.get("/transparency?format=json").json()
    assert data["reports"]["by_category"] == {"spam": 1}
    rows = list(csv.reader(io.StringIO(client.get("/transparency?format=csv").content.decode())))
    assert rows[0] == ["section", "key", "value"] and ["reports", "total", "1"] in rows
    assert b"moderator" not in client.get("/transparency?format=json").content  # counts, never who
    assert client.get("/transparency?start=yesterday").status_code == 400
    assert client.get("/transparency?start=2026-02-01&end=2026-01-01").status_code == 400
    empty = client.get("/transparency?start=2020-01-01&end=2020-01-31&format=json").json()
    assert empty["reports"]["total"] == 0
    assert AuditEntry.objects.filter(action="report").count() == 1


def test_rules_page_adds_a_rule_that_scoring_uses_at_once(moderator, make_account):
    client = login(moderator)
    assert client.get("/moderation/rules").status_code == 200
    bad = client.post("/moderation/rules", {"pattern": "{nope} x", "category": "violence", "weight": "0.9"})
    assert bad.status_code == 422
    assert (
        client.post("/moderation/rules", {"pattern": "x", "category": "violence", "weight": "lots"}).status_code == 422
    )
    ok = client.post(
        "/moderation/rules", {"pattern": "glorp|glorpify the? council", "category": "incitement", "weight": "0.95"}
    )
    assert ok.status_code == 302
    author = make_account("author")
    post = do_create_post(author, "Let us gl0rp the council tonight")
    post.refresh_from_db()
    assert post.moderation_state == "held"
    assert AuditEntry.objects.filter(action="rules_changed", acting_user=moderator.user).exists()
    from moderation.models import Rule

    rule = Rule.objects.get()
    client.post("/moderation/rules", {"toggle": rule.pk})
    calm = do_create_post(author, "Let us glorp the council again")
    assert calm.moderation_state == "published"
