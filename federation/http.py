"""Every request federation makes to a URL a remote server supplied goes through here (and every
fetch of a URL someone posted: link previews, posts/cards.py).

Guards: http(s) only; the host must resolve to public addresses only (private,
loopback, link-local, multicast and reserved ranges are refused, loopback is
allowed when ALLOW_LOOPBACK_FETCHES is set, for tests); redirects are followed by
hand so every hop is checked; bodies are capped in size, and every request in time:
each read and connect waits at most a few seconds, and a whole fetch (name lookup,
redirects, a server that sends one byte at a time) ends at its deadline. `deadline()`
bounds several fetches together (the inbox's key fetches, say) by one end time.
Requests are signed with the given actor's key (every POST; GETs too, which
servers running "authorized fetch" require).
"""

import ipaddress
import logging
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from django.conf import settings

from tribune.lib import jsonbody
from tribune.lib.signatures import sign_request

logger = logging.getLogger("tribune.federation")

MAX_JSON_BYTES = 1024 * 1024
# One read or connect waits at most this long (and never past the deadline when it starts). A whole
# GET ends within FETCH_DEADLINE seconds (settings.FEDERATION_FETCH_DEADLINE), a POST within
# POST_DEADLINE_FACTOR times that (an inbox may take its time to answer), at worst plus one read
# timeout for the read under way when the deadline passes.
READ_TIMEOUT = 10.0
CONNECT_TIMEOUT = 5.0
FETCH_DEADLINE = 10.0
POST_DEADLINE_FACTOR = 3
_deadline: ContextVar[float | None] = ContextVar("federation_fetch_deadline", default=None)
# getaddrinfo has no timeout of its own: it runs here, and a lookup that outlives the deadline is left behind.
_resolver = ThreadPoolExecutor(max_workers=4, thread_name_prefix="resolve")
MAX_REDIRECTS = 3
ACTIVITY_JSON = "application/activity+json"
ACCEPT = f'{ACTIVITY_JSON}, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
USER_AGENT = "Tribune (ActivityPub; +{site})"


class FetchError(Exception):
    """The URL is not allowed, the server is unreachable, or its answer is unusable."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every fetch made inside ends within `seconds` from now, however many there are."""
    token = _deadline.set(_end(seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def _end(seconds: float | None = None, *, factor: int = 1) -> float:
    """When a request starting now must end: its own deadline, or an enclosing one if sooner."""
    if seconds is None:
        seconds = factor * float(getattr(settings, "FEDERATION_FETCH_DEADLINE", FETCH_DEADLINE))
    end = time.monotonic() + seconds
    outer = _deadline.get()
    return end if outer is None else min(end, outer)


def _left(end: float) -> float:
    left = end - time.monotonic()
    if left <= 0:
        raise FetchError("timed out")
    return left


def _timeout(end: float) -> httpx.Timeout:
    left = _left(end)
    return httpx.Timeout(min(READ_TIMEOUT, left), connect=min(CONNECT_TIMEOUT, left))


def _resolve(host: str, port: int, end: float) -> list[Any]:
    try:
        return _resolver.submit(socket.getaddrinfo, host, port).result(timeout=_left(end))
    except FutureTimeout:
        raise FetchError(f"cannot resolve {host} in time") from None


@dataclass
class Signer:
    key_id: str
    private_key_pem: str


def _allow_loopback() -> bool:
    return bool(getattr(settings, "ALLOW_LOOPBACK_FETCHES", False))


def check_address(address: str) -> None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback and _allow_loopback():
        return
    if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local:
        raise FetchError(f"refusing to connect to non-public address {ip}")


def check_url(url: str, end: float | None = None) -> list[str]:
    """The addresses `url`'s host resolves to; FetchError unless it is http(s) and all are allowed."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError("malformed URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("only http(s) URLs are fetched")
    if parts.username or parts.password:
        raise FetchError("URLs with credentials are not fetched")
    if parts.scheme == "http" and not _allow_loopback():
        raise FetchError("plain http is not used for federation")
    try:
        infos = _resolve(parts.hostname, port or (443 if parts.scheme == "https" else 80), end or _end())
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"cannot resolve {parts.hostname}") from None
    if not infos:
        raise FetchError(f"cannot resolve {parts.hostname}")
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        check_address(address)
    return addresses


def pinned(url: str, end: float | None = None) -> tuple[str, dict[str, str], dict[str, Any]]:
    """Check `url` and aim the request at the address that was checked, so a DNS answer
    that changes afterwards cannot send it elsewhere. The Host header (which signatures
    cover) and the TLS server name stay those of the original URL."""
    addresses = check_url(url, end)
    # IPv4 first: a host without an IPv6 route would otherwise fail where the name works.
    address = next((a for a in addresses if ":" not in a), addresses[0]).split("%")[0]
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = host + (f":{parts.port}" if parts.port else "")
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    extensions: dict[str, Any] = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return target, {"Host": parts.netloc}, extensions


def _client() -> httpx.Client:
    return httpx.Client(
        timeout=READ_TIMEOUT,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT.format(site=settings.SITE_URL)},
        trust_env=False,
    )


def _read_capped(response: httpx.Response, limit: int, end: float) -> bytes:
    length = response.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise FetchError("response too large")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError("response too large")
        chunks.append(chunk)
        _left(end)
    return b"".join(chunks)


def get_json(url: str, *, signer: Signer | None = None, accept: str = ACCEPT, limit: int = MAX_JSON_BYTES) -> Any:
    """GET a JSON document (ActivityStreams or JRD), following checked redirects."""
    page = get_page(url, signer=signer, accept=accept, limit=limit)
    try:
        return jsonbody.loads(page.body, max_bytes=limit)
    except jsonbody.JSONBodyError:
        raise FetchError(f"{page.url} did not return JSON") from None


@dataclass
class Page:
    url: str  # where the last redirect led
    content_type: str
    body: bytes


def get_page(url: str, *, signer: Signer | None = None, accept: str = "*/*", limit: int = MAX_JSON_BYTES) -> Page:
    """GET any document of at most `limit` bytes (a web page for a link preview, an image),
    following checked redirects; FetchError unless it answers 200."""
    end = _end()
    with _client() as client:
        for _hop in range(MAX_REDIRECTS + 1):
            target, host, extensions = pinned(url, end)
            headers = {"Accept": accept}
            if signer is not None:
                headers = sign_request(
                    "GET", url, key_id=signer.key_id, private_key_pem=signer.private_key_pem, headers=headers
                )
            headers.update(host)
            try:
                with client.stream(
                    "GET", target, headers=headers, extensions=extensions, timeout=_timeout(end)
                ) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code == 410:
                        raise FetchError("gone", status=410)
                    if response.status_code != 200:
                        raise FetchError(f"{url} answered {response.status_code}", status=response.status_code)
                    body = _read_capped(response, limit, end)
                    return Page(url, response.headers.get("content-type", ""), body)
            except httpx.HTTPError as e:
                raise FetchError(f"{url}: {type(e).__name__}") from None
    raise FetchError("too many redirects")


def post_activity(url: str, payload: bytes, *, signer: Signer) -> httpx.Response:
    """POST a signed activity; returns the response (its body capped), raises FetchError when unreachable."""
    end = _end(factor=POST_DEADLINE_FACTOR)
    target, host, extensions = pinned(url, end)
    headers = sign_request(
        "POST",
        url,
        key_id=signer.key_id,
        private_key_pem=signer.private_key_pem,
        body=payload,
        headers={"Content-Type": ACTIVITY_JSON, "Accept": ACCEPT},
    )
    headers.update(host)
    try:
        with (
            _client() as client,
            client.stream(
                "POST", target, content=payload, headers=headers, extensions=extensions, timeout=_timeout(end)
            ) as response,
        ):
            _read_capped(response, 64 * 1024, end)
            return response
    except httpx.HTTPError as e:
        raise FetchError(f"{url}: {type(e).__name__}") from None


def post_bytes(url: str, payload: bytes, headers: dict[str, str]) -> httpx.Response:
    """POST an unsigned body to a URL someone else supplied (a Web Push endpoint), with the same
    guards as federation's requests; returns the response (its body capped), raises FetchError
    when the URL is refused or the server unreachable."""
    end = _end(factor=POST_DEADLINE_FACTOR)
    target, host, extensions = pinned(url, end)
    try:
        with (
            _client() as client,
            client.stream(
                "POST",
                target,
                content=payload,
                headers={**headers, **host},
                extensions=extensions,
                timeout=_timeout(end),
            ) as response,
        ):
            _read_capped(response, 64 * 1024, end)
            return response
    except httpx.HTTPError as e:
        raise FetchError(f"{url}: {type(e).__name__}") from None
