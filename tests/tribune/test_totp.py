"""RFC 6238's own test values (SHA-1), and what a log-in check needs from them."""

import base64

import pytest

from tribune.lib import totp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("when", "code"),
    [(59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"), (1234567890, "89005924"),
     (2000000000, "69279037"), (20000000000, "65353130")],
)  # fmt: skip
def test_rfc_6238_vectors(when: int, code: str) -> None:
    assert totp.code_at(RFC_SECRET, when, digits=8) == code


def test_a_code_is_accepted_once_within_a_step_either_side() -> None:
    secret = totp.new_secret()
    now = 1_700_000_000.0
    code = totp.code_at(secret, now - 30)
    step = totp.matching_step(secret, code, when=now)
    assert step == int(now // 30) - 1
    assert totp.matching_step(secret, code, when=now, after=step) is None  # used: refused again
    assert totp.matching_step(secret, totp.code_at(secret, now - 90), when=now) is None  # too old
    assert totp.matching_step(secret, "12345", when=now) is None
    assert totp.matching_step(secret, "abcdef", when=now) is None


def test_the_uri_an_app_reads() -> None:
    uri = totp.otpauth_uri("JBSWY3DPEHPK3PXP", "ana@example.org", "Tribune")
    assert uri.startswith("otpauth://totp/Tribune%3Aana%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Tribune")
    assert len(totp.new_secret()) == 32
