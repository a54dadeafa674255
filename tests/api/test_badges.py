"""Badges in the Mastodon API: `roles` on Account, none for remote accounts; profile editing leaves them."""

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.test import Client

from accounts.actions import do_update_profile
from accounts.models import Account


def badge(username: str, op: str, kind: str) -> None:
    call_command("accounts", "badge", op, username, "--badge", kind, "--admin", "chief", stdout=StringIO())


def test_the_holder_cannot_remove_a_parody_badge(make_account: Any, api_as: Any) -> None:
    make_account("chief", staff=True)
    alice = make_account("alice")
    badge("alice", "grant", "parody")
    api = api_as(alice)
    response = api.patch("/api/v1/accounts/update_credentials", {"display_name": "Not a parody", "roles": []})
    assert response.status_code == 200
    assert [r["name"] for r in response.json()["roles"]] == ["Parody account"]
    do_update_profile(alice, display_name="Really", fields=[{"name": "badges", "value": ""}])
    client = Client()
    client.force_login(alice.user)
    client.post("/settings/profile", {"display_name": "Still me", "bio": ""})
    alice.refresh_from_db()
    assert alice.badges == ["parody"]


def test_api_roles(make_account: Any, anon: Any) -> None:
    make_account("chief", staff=True)
    alice, bob = make_account("alice"), make_account("bob")
    badge("alice", "grant", "organisation")
    badge("alice", "grant", "verified")
    roles = anon.get(f"/api/v1/accounts/{alice.pk}").json()["roles"]
    assert roles == [
        {"id": "-1", "name": "Identity verified", "color": "#1d4ed8"},
        {"id": "-2", "name": "Organisation", "color": "#a16207"},
    ]
    assert anon.get(f"/api/v1/accounts/{bob.pk}").json()["roles"] == []
    # A remote account's badges are never shown, whatever is stored for it.
    remote = Account.objects.create(
        username="eve", domain="remote.example", uri="https://remote.example/u/eve", badges=["verified"]
    )
    assert anon.get(f"/api/v1/accounts/{remote.pk}").json()["roles"] is None
