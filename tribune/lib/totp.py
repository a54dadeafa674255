"""Time-based one-time passwords (RFC 6238, on RFC 4226's HOTP), with hmac alone: the ground for
two-factor log-in. Codes are 6 digits over 30-second steps with HMAC-SHA1, what every
authenticator app reads from an otpauth:// URI."""

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

STEP = 30
DIGITS = 6


def new_secret() -> str:
    """160 random bits, base32 without padding, as authenticator apps take them."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def code_at(secret: str, when: float, digits: int = DIGITS) -> str:
    return hotp(_key(secret), int(when // STEP), digits)


def matching_step(secret: str, code: str, *, when: float | None = None, window: int = 1, after: int = -1) -> int | None:
    """The time step whose code this is, within `window` steps either side of now, or None.
    Steps up to `after` (the last one used) are refused, so a code works once."""
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != DIGITS:
        return None
    now_step = int((time.time() if when is None else when) // STEP)
    key = _key(secret)
    for step in range(now_step - window, now_step + window + 1):
        if step > after and hmac.compare_digest(hotp(key, step), code):
            return step
    return None


def otpauth_uri(secret: str, account: str, issuer: str) -> str:
    """The URI an authenticator app reads (from a QR code, or typed)."""
    label = quote(f"{issuer}:{account}")
    return f"otpauth://totp/{label}?" + urlencode(
        {"secret": secret, "issuer": issuer, "digits": DIGITS, "period": STEP}
    )
