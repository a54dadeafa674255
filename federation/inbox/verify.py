"""Checking that a request comes from who it says: HTTP Signature, Date, Digest, key owner.

Refusals are logged with the reason; the caller answers 401 (unsigned, bad
signature, stale Date, digest mismatch) or 403 (blocked domain, actor mismatch).
Why a key could not be fetched (an address refused, a timeout) is logged, never told
to the caller: the inbox must not become a probe of what this server can reach.
All key fetches for one request end within one deadline (FEDERATION_FETCH_DEADLINE).
"""

import logging

from django.conf import settings
from django.http import HttpRequest

from accounts.models import Account
from federation.fetch import account_for_key_id
from federation.http import FetchError, deadline
from federation.policy import domain_of, is_blocked
from tribune.lib.errors import ActionError
from tribune.lib.signatures import SignatureError, check_date, check_digest, parse_signature_header, verify_signature

logger = logging.getLogger("tribune.federation")


class Unauthorized(ActionError):
    status = 401


class Refused(ActionError):
    status = 403


def verify_request(request: HttpRequest, body: bytes | None) -> Account:
    """The account whose key signed this request; raises Unauthorized / Refused."""
    header = request.headers.get("Signature")
    if not header:
        raise Unauthorized("request is not signed")
    try:
        params = parse_signature_header(header)
        check_date(request.headers.get("Date"))
        required = ["(request-target)", "host", "date"]
        if body is not None:
            required.append("digest")
            check_digest(request.headers.get("Digest"), body)
    except SignatureError as e:
        raise Unauthorized(str(e)) from None
    domain = domain_of(params.key_id)
    if not domain or is_blocked(domain):
        raise Refused(f"{domain or 'unknown domain'} is blocked")
    path = request.get_full_path()
    headers = dict(request.headers)
    with deadline(settings.FEDERATION_FETCH_DEADLINE):
        try:
            account = account_for_key_id(params.key_id)
        except (FetchError, ActionError) as e:
            logger.info("key %s could not be fetched: %s", params.key_id, e)
            raise Unauthorized("the signing key could not be fetched") from None
        try:
            verify_signature(request.method or "POST", path, headers, params, account.public_key, required=required)
        except SignatureError:
            # The key may have been rotated: fetch it again once and retry.
            try:
                account = account_for_key_id(params.key_id, refresh=True)
                verify_signature(request.method or "POST", path, headers, params, account.public_key, required=required)
            except (FetchError, ActionError, SignatureError) as e:
                logger.info("signature by %s does not verify: %s", params.key_id, e)
                raise Unauthorized("the signature does not verify") from None
    if not account.is_active:
        raise Refused("this account is suspended or deleted")
    return account
