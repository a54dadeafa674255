"""No request from remote-supplied URLs to private, loopback or link-local addresses; size limits."""

import pytest
from django.test import override_settings

from federation.http import MAX_JSON_BYTES, FetchError, check_address, check_url, get_json
from tests.federation.peer import Peer


@pytest.mark.parametrize(
    "address", ["10.0.0.1", "192.168.1.1", "172.16.0.1", "169.254.169.254", "127.0.0.1", "::1", "fe80::1", "fc00::1",
                "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1", "224.0.0.1"],  # noqa: S104  # addresses refused, nothing binds
)  # fmt: skip
@override_settings(ALLOW_LOOPBACK_FETCHES=False)
def test_private_addresses_are_refused(address: str) -> None:
    with pytest.raises(FetchError):
        check_address(address)


@override_settings(ALLOW_LOOPBACK_FETCHES=False)
def test_urls_resolving_to_loopback_are_refused_without_the_test_setting() -> None:
    for url in ("http://127.0.0.1:8000/users/a", "https://localhost/x", "https://[::1]/x", "ftp://example.org/",
                "https://user:pw@example.org/", "http://example.org/", "not a url"):  # fmt: skip
        with pytest.raises(FetchError):
            check_url(url)


def test_public_address_is_allowed() -> None:
    check_address("93.184.215.14")
    check_address("2606:4700::1111")


def test_loopback_allowed_for_tests_and_size_limit(peer: Peer) -> None:
    peer.documents["/big"] = {"padding": "x" * (MAX_JSON_BYTES + 10)}
    peer.documents["/small"] = {"ok": True}
    assert get_json(f"{peer.base}/small") == {"ok": True}
    with pytest.raises(FetchError, match="too large"):
        get_json(f"{peer.base}/big")
    with pytest.raises(FetchError):
        get_json(f"{peer.base}/missing")


def test_requests_go_to_the_checked_address_with_the_original_host(peer: Peer) -> None:
    from federation.http import pinned

    port = peer.server.server_address[1]
    target, host, extensions = pinned(f"http://localhost:{port}/small?x=1")
    assert target in (f"http://127.0.0.1:{port}/small?x=1", f"http://[::1]:{port}/small?x=1")
    assert host == {"Host": f"localhost:{port}"} and extensions == {}
    _target, _host, tls = pinned(f"https://localhost:{port}/")
    assert tls == {"sni_hostname": "localhost"}
    peer.documents["/small"] = {"ok": True}
    assert get_json(f"{peer.base}/small?x=1") == {"ok": True}
    path, headers = peer.fetched[-1]
    assert path == "/small?x=1" and headers["Host"] == peer.domain
