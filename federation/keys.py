"""Signing keys: an RSA 2048 key pair per local account, made with the account (accounts made
before that got theirs from the migration accounts 0004; `ensure_account_keys` still covers any
other way in), and one for the instance actor (`/actor`), kept in InstanceSetting.

Key rotation: `do_rotate_key` makes a new pair and federates an `Update` of the
actor, so remote servers re-fetch the public key when the old one stops verifying.
"""

from django.conf import settings
from django.db import transaction

from accounts.models import Account, InstanceSetting
from federation.http import Signer
from tribune.lib.signatures import generate_key_pair

INSTANCE_KEY_SETTING = "federation.instance_actor_key"


def instance_actor_uri() -> str:
    return f"{settings.SITE_URL}/actor"


def key_id_for(account: Account) -> str:
    return f"{account.actor_uri()}#main-key"


def new_account_key_pair() -> tuple[str, str]:
    """(private PEM, public PEM) for a new local account (ACCOUNT_KEY_BITS, 2048 outside tests)."""
    return generate_key_pair(settings.ACCOUNT_KEY_BITS)


def ensure_account_keys(account: Account) -> Account:
    """Give a local account its key pair if it has none yet (idempotent under concurrency)."""
    if account.private_key or not account.is_local:
        return account
    private, public = new_account_key_pair()
    with transaction.atomic():
        updated = Account.objects.filter(pk=account.pk, private_key="").update(
            private_key=private, public_key=public, public_key_id=key_id_for(account)
        )
    if not updated:
        account.refresh_from_db(fields=["private_key", "public_key", "public_key_id"])
    else:
        account.private_key, account.public_key, account.public_key_id = private, public, key_id_for(account)
    return account


def instance_keys() -> tuple[str, str]:
    """(private PEM, public PEM) of the instance actor."""
    row = InstanceSetting.objects.filter(key=INSTANCE_KEY_SETTING).first()
    if row is None:
        private, public = generate_key_pair()
        row, _created = InstanceSetting.objects.get_or_create(
            key=INSTANCE_KEY_SETTING, defaults={"value": {"private": private, "public": public}}
        )
    return row.value["private"], row.value["public"]


def signer_for(account: Account | None) -> Signer:
    """Who signs: a local account, or the instance actor when there is none."""
    if account is None or not account.is_local:
        private, _public = instance_keys()
        return Signer(f"{instance_actor_uri()}#main-key", private)
    ensure_account_keys(account)
    return Signer(key_id_for(account), account.private_key)


def do_rotate_key(account: Account) -> Account:
    """Replace a local account's key pair and tell followers' servers (Update of the actor)."""
    private, public = generate_key_pair()
    Account.objects.filter(pk=account.pk).update(
        private_key=private, public_key=public, public_key_id=key_id_for(account)
    )
    account.private_key, account.public_key = private, public
    from federation.hooks import account_updated

    account_id = account.pk
    transaction.on_commit(lambda: account_updated(account_id))
    return account
