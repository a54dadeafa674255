"""Badges: granted and revoked by administrators (audited), shown in the web pages, the API (`roles`)
and on the ActivityPub actor; a parody badge stays whatever its holder edits; remote claims are ignored."""

from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import Account
from moderation.actions.badges import do_set_badge
from moderation.models import AuditEntry
from posts.actions import do_create_post
from tribune.lib.errors import ActionError


def badge(username: str, op: str, kind: str, admin: str = "chief") -> str:
    out = StringIO()
    call_command(
        "accounts", "badge", op, username, "--badge", kind, "--admin", admin, "--reason", "checked", stdout=out
    )
    return out.getvalue()


def test_grant_and_revoke_are_audited(make_account: Any) -> None:
    chief, alice = make_account("chief", staff=True), make_account("alice")
    assert "verified granted for @alice" in badge("alice", "grant", "verified")
    assert "nothing to change" in badge("alice", "grant", "verified")
    badge("alice", "grant", "parody")
    alice.refresh_from_db()
    assert alice.badges == ["verified", "parody"]
    assert "verified revoked" in badge("alice", "revoke", "verified")
    alice.refresh_from_db()
    assert alice.badges == ["parody"]
    entries = list(AuditEntry.objects.filter(target_account=alice).order_by("created_at", "id"))
    assert [(e.action, e.details["badge"], e.acting_user_id, e.reason) for e in entries] == [
        ("badge_grant", "verified", chief.user_id, "checked"),
        ("badge_grant", "parody", chief.user_id, "checked"),
        ("badge_revoke", "verified", chief.user_id, "checked"),
    ]


def test_only_administrators_grant_and_only_to_local_accounts(make_account: Any) -> None:
    mod, alice = make_account("mod"), make_account("alice")
    mod.user.is_moderator = True
    mod.user.save()
    with pytest.raises(CommandError, match="staff"):
        badge("alice", "grant", "verified", admin="mod")
    with pytest.raises(ActionError):
        do_set_badge(alice, "verified", True, acting_user=mod.user)
    chief = make_account("chief", staff=True)
    remote = Account.objects.create(username="eve", domain="remote.example", uri="https://remote.example/u/eve")
    with pytest.raises(ActionError):
        do_set_badge(remote, "verified", True, acting_user=chief.user)
    with pytest.raises(ActionError):
        do_set_badge(alice, "saint", True, acting_user=chief.user)
    assert not AuditEntry.objects.filter(action__startswith="badge").exists()


def test_actor_carries_the_badge_as_a_field(make_account: Any) -> None:
    make_account("chief", staff=True)
    make_account("alice")
    badge("alice", "grant", "parody")
    doc = Client().get("/users/alice", HTTP_ACCEPT="application/activity+json").json()
    field = {"type": "PropertyValue", "name": f"Badge on {settings.DOMAIN}", "value": "Parody account"}
    assert doc["attachment"] == [field]


def test_web_pages_show_badges_in_both_languages(make_account: Any) -> None:
    make_account("chief", staff=True)
    alice = make_account("alice")
    badge("alice", "grant", "verified")
    do_create_post(alice, "Hello there")
    page = Client().get("/@alice", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="badge badge-verified" role="img" aria-label="Identity verified"' in page
    assert page.count("badge-verified") >= 2  # beside the heading and the post's author
    french = Client().get("/@alice", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'aria-label="Identité vérifiée"' in french
    Account.objects.filter(pk=alice.pk).update(badges=[])
    assert "badge-verified" not in Client().get("/@alice").content.decode()
