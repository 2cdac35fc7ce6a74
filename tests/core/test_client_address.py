"""The client address behind reverse proxies: believed only as far as our own proxies vouch for it."""

import pytest
from django.test import RequestFactory

from core.client_address import UNKNOWN_ADDRESS, client_ip


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 0, []
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "198.51.100.1", "198.51.100.1"),  # one proxy appended the client
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a spoofed first hop is skipped
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),  # two proxies: the outer one's view
        (2, "198.51.100.1", "198.51.100.1"),  # fewer hops than proxies: the furthest known
        (1, "not-an-address", "10.0.0.1"),  # garbage: fall back to the proxy itself
        (1, "2001:db8::5", "2001:db8::5"),
    ],
)
def test_a_proxy_count_takes_the_address_our_outermost_proxy_saw(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = count, []
    assert client_ip(request_from("10.0.0.1", forwarded)) == expected


def test_a_proxy_count_without_a_header_uses_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 1, []
    assert client_ip(request_from("203.0.113.7")) == "203.0.113.7"


def test_trusted_networks_walk_the_chain_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 0, ["10.0.0.0/8"]
    assert client_ip(request_from("10.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2")) == "198.51.100.1"


def test_trusted_networks_ignore_the_header_from_an_untrusted_connection(settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 0, ["10.0.0.0/8"]
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_an_empty_remote_address_gets_one_named_bucket(settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 0, []
    assert client_ip(request_from("")) == UNKNOWN_ADDRESS
