"""Every local account has its signing key from the start (made with the account, or by the migration
accounts 0004 for accounts made before), so every backup carries every key."""

import importlib
from typing import Any

from django.apps import apps
from django.core.management import call_command

from accounts.models import Account
from federation.keys import signer_for


def test_a_new_account_is_made_with_its_key(make_account: Any) -> None:
    alice = make_account("alice")
    stored = Account.objects.get(pk=alice.pk)
    assert stored.private_key.startswith("-----BEGIN PRIVATE KEY-----")
    assert stored.public_key.startswith("-----BEGIN PUBLIC KEY-----")
    assert stored.public_key_id == stored.actor_uri() + "#main-key"
    assert stored.private_key != Account.objects.get(pk=make_account("bob").pk).private_key
    # The signer uses the stored key as is (none made lazily any more).
    assert signer_for(stored).private_key_pem == stored.private_key


def test_the_migration_gives_older_accounts_their_keys(make_account: Any) -> None:
    alice, bob = make_account("alice"), make_account("bob")
    bob_key = bob.private_key
    remote = Account.objects.create(username="zoe", domain="remote.example", uri="https://remote.example/users/zoe")
    Account.objects.filter(pk=alice.pk).update(private_key="", public_key="", public_key_id="")
    migration = importlib.import_module("accounts.migrations.0004_signing_keys")
    migration.make_missing_keys(apps, None)
    alice.refresh_from_db()
    assert alice.private_key and alice.public_key and alice.public_key_id == alice.actor_uri() + "#main-key"
    assert Account.objects.get(pk=bob.pk).private_key == bob_key  # a key is never replaced
    assert Account.objects.get(pk=remote.pk).private_key == ""  # remote accounts keep theirs elsewhere


def test_seeded_accounts_have_keys() -> None:
    call_command("seed", users=60, posts=20, seed=5, stdout=None)
    assert not Account.objects.filter(domain="", private_key="").exists()
    assert Account.objects.filter(domain="").values("private_key").distinct().count() == 60
