"""HTTP Signatures as the fediverse uses them (draft-cavage-http-signatures-12, rsa-sha256).

Framework-free: callers pass methods, paths, header mappings and PEM keys. Signing
covers `(request-target) host date` plus `digest` and `content-type` when the
request has a body, as Mastodon signs them. Verification re-builds the signing
string from the headers the signature names, and the callers decide which headers
must be covered (a POST must cover `digest`, otherwise the body is not protected).
"""

import base64
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

MAX_CLOCK_SKEW = timedelta(hours=12)
_PARAM_RE = re.compile(r'\s*([a-zA-Z]+)\s*=\s*"([^"]*)"\s*(?:,|$)')


class SignatureError(Exception):
    """The request is unsigned, wrongly signed, stale, or its body does not match."""


@dataclass(frozen=True)
class SignatureParams:
    key_id: str
    algorithm: str
    headers: tuple[str, ...]
    signature: bytes


def generate_key_pair(bits: int = 2048) -> tuple[str, str]:
    """(private PEM, public PEM) of a new RSA key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def digest_header(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def http_date(now: datetime | None = None) -> str:
    return format_datetime((now or datetime.now(UTC)).astimezone(UTC), usegmt=True)


def _lower(headers: Mapping[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def signing_string(method: str, path: str, headers: Mapping[str, str], names: Iterable[str]) -> str:
    """The text that is signed: one `name: value` line per covered header."""
    lowered = _lower(headers)
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {path}")
        elif name in lowered:
            lines.append(f"{name}: {lowered[name]}")
        else:
            raise SignatureError(f"signed header {name!r} is missing")
    return "\n".join(lines)


def sign_request(
    method: str,
    url: str,
    *,
    key_id: str,
    private_key_pem: str,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> dict[str, str]:
    """The headers to send: the given ones plus Host, Date, Digest (with a body) and Signature."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    out = dict(headers or {})
    out["Host"] = parts.netloc
    out["Date"] = http_date(now)
    names = ["(request-target)", "host", "date"]
    if body is not None:
        out["Digest"] = digest_header(body)
        names.append("digest")
        if any(k.lower() == "content-type" for k in out):
            names.append("content-type")
    elif any(k.lower() == "accept" for k in out):
        names.append("accept")
    text = signing_string(method, path, out, names)
    key = _private_key(private_key_pem)
    signature = base64.b64encode(key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
    out["Signature"] = f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(names)}",signature="{signature}"'
    return out


@functools.lru_cache(maxsize=512)
def _private_key(pem: str) -> rsa.RSAPrivateKey:
    # Loading a PEM validates the RSA key, which costs tens of milliseconds: keep loaded keys.
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("only RSA keys are supported")
    return key


@functools.lru_cache(maxsize=4096)
def _public_key(pem: str) -> rsa.RSAPublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except ValueError:
        raise SignatureError("the actor's public key is unreadable") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise SignatureError("only RSA keys are supported")
    return key


def parse_signature_header(value: str) -> SignatureParams:
    params: dict[str, str] = {}
    pos = 0
    value = value.strip()
    while pos < len(value):
        match = _PARAM_RE.match(value, pos)
        if match is None:
            raise SignatureError("malformed Signature header")
        params[match.group(1)] = match.group(2)
        pos = match.end()
    if "keyId" not in params or "signature" not in params:
        raise SignatureError("Signature header lacks keyId or signature")
    try:
        signature = base64.b64decode(params["signature"], validate=True)
    except ValueError:
        raise SignatureError("signature is not base64") from None
    names = tuple(params.get("headers", "date").lower().split())
    return SignatureParams(params["keyId"], params.get("algorithm", "rsa-sha256"), names, signature)


def check_date(value: str | None, *, now: datetime | None = None, max_skew: timedelta = MAX_CLOCK_SKEW) -> None:
    """A missing, unreadable or too distant Date means a replayed or forged request."""
    if not value:
        raise SignatureError("Date header is missing")
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        raise SignatureError("Date header is unreadable") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if abs((now or datetime.now(UTC)) - when) > max_skew:
        raise SignatureError("Date is too far from now")


def check_digest(value: str | None, body: bytes) -> None:
    """The Digest header must name SHA-256 and match the body."""
    if not value:
        raise SignatureError("Digest header is missing")
    for part in value.split(","):
        algorithm, _, encoded = part.strip().partition("=")
        if algorithm.lower() == "sha-256":
            if encoded != digest_header(body).partition("=")[2]:
                raise SignatureError("Digest does not match the body")
            return
    raise SignatureError("Digest is not SHA-256")


def verify_signature(
    method: str,
    path: str,
    headers: Mapping[str, str],
    params: SignatureParams,
    public_key_pem: str,
    *,
    required: Iterable[str] = ("(request-target)", "host", "date"),
) -> None:
    """Raise SignatureError unless `params` is a valid signature over the request."""
    missing = [name for name in required if name not in params.headers]
    if missing:
        raise SignatureError(f"signature does not cover {', '.join(missing)}")
    if params.algorithm.lower() not in {"rsa-sha256", "hs2019"}:
        raise SignatureError(f"unsupported algorithm {params.algorithm!r}")
    text = signing_string(method, path, headers, params.headers)
    key = _public_key(public_key_pem)
    try:
        key.verify(params.signature, text.encode(), padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise SignatureError("signature does not verify") from None
