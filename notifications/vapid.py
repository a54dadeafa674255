"""The instance's VAPID key pair (RFC 8292): push services accept a message only when it is signed
with the private key whose public key the app gave them when it subscribed.

The pair is made at set-up (the migration notifications 0003) and kept beside the instance actor's
key in `InstanceSetting`, so every backup carries it and a restore keeps existing subscriptions
working; a new pair would silently break every subscription. `tribune doctor` checks it.
"""

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.db import IntegrityError, transaction

from accounts.models import InstanceSetting

VAPID_SETTING = "push.vapid_keys"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def public_key_text(private_key: ec.EllipticCurvePrivateKey) -> str:
    """The public key as Mastodon gives it to apps (`server_key`, `vapid_key`): the uncompressed
    P-256 point in base64url."""
    point = private_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(point)


def generate_vapid_keys() -> dict[str, str]:
    private_key = ec.generate_private_key(ec.SECP256R1())
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return {"private": pem.decode(), "public": public_key_text(private_key)}


def ensure_vapid_keys() -> dict[str, str]:
    """The pair, made now if the instance has none yet (idempotent under concurrency)."""
    row = InstanceSetting.objects.filter(key=VAPID_SETTING).first()
    if row is not None and row.value.get("private"):
        return row.value
    try:
        with transaction.atomic():
            row, _created = InstanceSetting.objects.get_or_create(key=VAPID_SETTING, defaults={"value": {}})
            if not row.value.get("private"):
                row.value = generate_vapid_keys()
                row.save(update_fields=["value", "updated_at"])
    except IntegrityError:
        row = InstanceSetting.objects.get(key=VAPID_SETTING)
    return row.value


def vapid_public_key() -> str:
    return ensure_vapid_keys()["public"]


def vapid_private_key() -> ec.EllipticCurvePrivateKey:
    key = serialization.load_pem_private_key(ensure_vapid_keys()["private"].encode(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError("the VAPID key is not an elliptic curve key")
    return key


def check_vapid_keys() -> str | None:
    """What is wrong with the stored pair, or None: present, readable, P-256, public matching private."""
    row = InstanceSetting.objects.filter(key=VAPID_SETTING).first()
    if row is None or not row.value.get("private"):
        return "missing"
    try:
        key = serialization.load_pem_private_key(str(row.value["private"]).encode(), password=None)
    except (ValueError, TypeError):
        return "the private key cannot be read"
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        return "the private key is not a P-256 key"
    if public_key_text(key) != row.value.get("public"):
        return "the public key does not match the private key"
    return None
