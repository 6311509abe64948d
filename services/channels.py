"""Client channels between services: client-side round_robin over every address a resolver returns."""

from __future__ import annotations

import json
from collections.abc import Sequence

import grpc

# Resolvers that may return several addresses for one target: DNS (a headless Kubernetes Service
# answers with one A record per ready pod) and literal address lists (ipv4:a:p1,b:p2).
_MULTI_ADDRESS_SCHEMES = ("dns:", "ipv4:", "ipv6:")

ROUND_ROBIN_SERVICE_CONFIG = json.dumps({"loadBalancingConfig": [{"round_robin": {}}]})


def balances_calls(address: str) -> bool:
    """Whether ``address`` names a resolver scheme whose addresses should share the calls."""
    return address.startswith(_MULTI_ADDRESS_SCHEMES)


def channel_options(address: str) -> Sequence[tuple[str, str | int]]:
    """Channel arguments for ``address``: round_robin for dns:/ipv4:/ipv6: targets, gRPC defaults otherwise."""
    if not balances_calls(address):
        return ()
    # Without a service config gRPC uses pick_first: every call of a long-lived channel would go to one
    # replica. round_robin keeps a subchannel per resolved address and rotates calls across the ready ones.
    return (
        ("grpc.service_config", ROUND_ROBIN_SERVICE_CONFIG),
        # The config above is ours; never let a DNS TXT record replace it.
        ("grpc.service_config_disable_resolution", 1),
    )


def open_channel(address: str) -> grpc.aio.Channel:
    """A plaintext channel to ``address``; ``dns:///rote-cache:50052`` spreads calls over every replica."""
    return grpc.aio.insecure_channel(address, options=list(channel_options(address)))
