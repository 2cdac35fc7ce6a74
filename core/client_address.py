"""The address a request comes from, for rate limits and login lockouts (django-ratelimit and django-axes
both call `client_ip`, so they always agree).

X-Forwarded-For is written by whoever sends the request, so it is only believed as far as proxies we run
have appended to it: with TRUSTED_PROXIES (networks), the chain is walked from the right while the hop is
one of ours; with TRUSTED_PROXY_COUNT = N, the client is the N-th address from the right. Without either,
or when REMOTE_ADDR is not a trusted proxy, the header is ignored and REMOTE_ADDR is the client.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# REMOTE_ADDR is empty when the app server listens on a Unix socket without a proxy header.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a bucket name, not an address to bind


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def _forwarded_chain(request: HttpRequest) -> list[str]:
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [hop.strip() for hop in header.split(",") if hop.strip()]


def _trusted(address: str, networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    parsed = ipaddress.ip_address(address)
    return any(parsed in network for network in networks)


def trusted_proxy_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(network, strict=False) for network in settings.TRUSTED_PROXIES]


def client_ip(request: HttpRequest) -> str:
    """The client's address as far as our own proxies vouch for it; never a value the client chose."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return UNKNOWN_ADDRESS
    networks = trusted_proxy_networks()
    if networks:
        if not _trusted(remote, networks):
            return remote
        address = remote
        for hop in reversed(_forwarded_chain(request)):
            parsed = _valid(hop)
            if parsed is None:
                return address  # a garbled hop: the last address a trusted proxy saw is the client
            address = parsed
            if not _trusted(address, networks):
                return address
        return address
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    chain = _forwarded_chain(request)
    if not chain:
        return remote  # the request did not come through our proxies
    # Each of our N proxies appended the address it saw; the one appended by the outermost is the client.
    hop = chain[-count] if len(chain) >= count else chain[0]
    return _valid(hop) or remote
