"""HTTP Signatures (draft-cavage, rsa-sha256) as Mastodon signs and checks them."""

from datetime import UTC, datetime, timedelta

import pytest

from tribune.lib.signatures import (
    SignatureError,
    check_date,
    check_digest,
    digest_header,
    generate_key_pair,
    http_date,
    parse_signature_header,
    sign_request,
    verify_signature,
)

PRIVATE, PUBLIC = generate_key_pair()
URL = "https://remote.example/users/zoe/inbox"
PATH = "/users/zoe/inbox"


def _signed(body: bytes = b'{"type":"Follow"}') -> dict[str, str]:
    return sign_request(
        "POST", URL, key_id="https://local.example/users/a#main-key", private_key_pem=PRIVATE, body=body,
        headers={"Content-Type": "application/activity+json"},
    )  # fmt: skip


def test_signed_post_covers_mastodons_headers_and_verifies() -> None:
    headers = _signed()
    params = parse_signature_header(headers["Signature"])
    assert params.headers == ("(request-target)", "host", "date", "digest", "content-type")
    assert params.key_id == "https://local.example/users/a#main-key"
    assert headers["Host"] == "remote.example"
    assert headers["Digest"] == digest_header(b'{"type":"Follow"}')
    verify_signature("POST", PATH, headers, params, PUBLIC, required=["(request-target)", "host", "date", "digest"])


def test_any_changed_header_breaks_the_signature() -> None:
    headers = _signed()
    params = parse_signature_header(headers["Signature"])
    for name, value in (("Date", http_date(datetime.now(UTC) + timedelta(seconds=1))), ("Host", "evil.example")):
        with pytest.raises(SignatureError):
            verify_signature("POST", PATH, {**headers, name: value}, params, PUBLIC)
    with pytest.raises(SignatureError):
        verify_signature("POST", "/inbox", headers, params, PUBLIC)


def test_other_key_and_missing_coverage_are_refused() -> None:
    headers = _signed()
    params = parse_signature_header(headers["Signature"])
    _other_private, other_public = generate_key_pair()
    with pytest.raises(SignatureError):
        verify_signature("POST", PATH, headers, params, other_public)
    get = sign_request("GET", URL, key_id="k", private_key_pem=PRIVATE)
    with pytest.raises(SignatureError, match="digest"):
        verify_signature("GET", PATH, get, parse_signature_header(get["Signature"]), PUBLIC, required=["digest"])


def test_digest_and_date_checks() -> None:
    check_digest(digest_header(b"abc"), b"abc")
    for bad in (None, "", digest_header(b"abd"), "MD5=xyz"):
        with pytest.raises(SignatureError):
            check_digest(bad, b"abc")
    check_date(http_date())
    for bad in (None, "yesterday", http_date(datetime.now(UTC) - timedelta(hours=13))):
        with pytest.raises(SignatureError):
            check_date(bad)


@pytest.mark.parametrize(
    "header", ["", "keyId=nope", 'keyId="k",signature="not base64!!"', 'signature="aGk="', 'keyId="k" signature="aGk="']
)
def test_malformed_signature_headers(header: str) -> None:
    with pytest.raises(SignatureError):
        parse_signature_header(header)
