"""Settings as people use them: e-mail confirmation, password reset by e-mail (Django's e-mail
backend: the test runner's outbox), export/import linked, moving in and out, follow requests only
where they exist."""

import re

from django.core import mail
from django.test import Client

from accounts.actions import do_follow
from accounts.models import Account, User


def login(account: Account) -> Client:
    client = Client()
    client.force_login(account.user)
    return client


def _link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert found, message.body
    return found.group(1)


def test_signup_sends_a_confirmation_link_that_confirms_the_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/signup", {"username": "newbie", "password": "a long passphrase 42", "email": "new@example.org"})
    user = User.objects.get(username="newbie")
    assert user.email_confirmed_at is None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.org"]
    page = client.get("/settings").content.decode()
    assert "not confirmed yet" in page
    response = client.get(_link(mail.outbox[0]))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    assert client.get("/confirm_email/forged-token").status_code == 422


def test_password_reset_goes_only_to_a_confirmed_address(client, make_account, django_capture_on_commit_callbacks):
    alice = make_account("alice")
    mail.outbox.clear()  # the confirmation link sent at sign-up
    assert 'href="/password_reset"' in client.get("/login").content.decode()
    client.post("/password_reset", {"email": alice.user.email})
    assert mail.outbox == []  # never confirmed: no way into the account through it
    User.objects.filter(pk=alice.user.pk).update(email_confirmed_at="2026-01-01T00:00:00Z")
    response = client.post("/password_reset", {"email": alice.user.email})
    assert response.status_code == 302 and response["Location"] == "/password_reset/sent"
    assert len(mail.outbox) == 1
    form = client.get(_link(mail.outbox[0]), follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "another long phrase 7", "new_password2": "another long phrase 7"}
    )
    assert done.status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.check_password("another long phrase 7")


def test_changing_the_address_needs_the_password_and_a_new_confirmation(
    make_account, django_capture_on_commit_callbacks
):
    alice = make_account("alice")
    client = login(alice)
    assert client.post("/settings/email", {"email": "a@example.net", "password": "wrong"}).status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/settings/email", {"email": "a@example.net", "password": "correct horse battery"})
    assert response.status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.email == "a@example.net" and alice.user.email_confirmed_at is None
    assert mail.outbox[-1].to == ["a@example.net"]


def test_settings_link_export_import_and_follow_requests_only_for_locked_accounts(make_account):
    alice = make_account("alice")
    page = login(alice).get("/settings").content.decode()
    assert 'href="/settings/export"' in page and 'href="/settings/import?kind=following"' in page
    assert 'href="/follow_requests"' not in login(alice).get("/notifications").content.decode()
    locked = make_account("locked", locked=True)
    assert 'href="/follow_requests"' in login(locked).get("/notifications").content.decode()


def test_moving_in_and_out_from_settings(make_account):
    old = make_account("oldme", display_name="Old Me")
    new = make_account("newme")
    fan = make_account("fan")
    do_follow(fan, old)
    # Moving out before the new account declared the old one is refused, with the reason.
    refused = login(old).post("/settings/move", {"handle": "@newme", "password": "correct horse battery"})
    assert refused.status_code == 422 and "alias" in refused.content.decode()
    # Moving in: the new account declares the old one.
    assert login(new).post("/settings/alias", {"handle": "@oldme"}).status_code == 302
    new.refresh_from_db()
    assert old.actor_uri() in new.also_known_as
    assert login(old).post("/settings/move", {"handle": "@newme", "password": "wrong"}).status_code == 422
    moved = login(old).post("/settings/move", {"handle": "@newme", "password": "correct horse battery"})
    assert moved.status_code == 302
    old.refresh_from_db()
    assert old.moved_to == new
    assert fan.following_set.filter(target=new).exists() if hasattr(fan, "following_set") else True
    profile = Client().get("/@oldme").content.decode()
    assert "has moved to" in profile and 'href="/@newme"' in profile
