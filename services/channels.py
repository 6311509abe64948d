"""Client channels between services: TLS when a CA is configured, and client-side round_robin over every
address a resolver returns."""

from __future__ import annotations

import json
from collections.abc import Sequence

import grpc

from services.settings import TlsSettings

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


def channel_credentials(tls: TlsSettings) -> grpc.ChannelCredentials | None:
    """TLS credentials trusting ``tls.ca_file``, or None for plaintext (no CA configured)."""
    if not tls.ca_file:
        return None
    with open(tls.ca_file, "rb") as file:
        return grpc.ssl_channel_credentials(root_certificates=file.read())


def open_channel(address: str, *, tls: TlsSettings, max_message_bytes: int) -> grpc.aio.Channel:
    """A channel to ``address``: TLS when ``tls`` names a CA, plaintext otherwise; ``dns:///rote-cache:50052``
    spreads calls over every replica. The caller passes its settings, read once (nothing is read here)."""
    limit = max_message_bytes
    options: list[tuple[str, str | int]] = [
        *channel_options(address),
        ("grpc.max_receive_message_length", limit),
        ("grpc.max_send_message_length", limit),
    ]
    credentials = channel_credentials(tls)
    if credentials is None:
        return grpc.aio.insecure_channel(address, options=options)
    if tls.server_name:
        options.append(("grpc.ssl_target_name_override", tls.server_name))
    return grpc.aio.secure_channel(address, credentials, options=options)
