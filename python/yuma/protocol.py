"""What an axon and a dendrite agree on: the signed request headers.

Every request is a POST of a JSON body to ``/<route>`` with five headers:

- ``X-Yuma-Caller``: the caller's hotkey (SS58),
- ``X-Yuma-Axon``: the hotkey of the axon it is meant for,
- ``X-Yuma-Netuid``: the subnet it is meant for,
- ``X-Yuma-Nonce``: a fresh integer, the caller's clock in nanoseconds,
- ``X-Yuma-Signature``: the caller hotkey's sr25519 signature (hex) over
  :func:`message`: the nonce, both hotkeys, the subnet, the route and the
  body's SHA-256.

A request is thus bound to its caller, its axon, its subnet, its route, its
moment and its body: it cannot be replayed (the axon remembers nonces for
:data:`NONCE_WINDOW` seconds and refuses older ones), sent to another axon,
subnet or route, or altered. Answers are not signed: the transport is plain
HTTP, so put TLS in front of an axon where the path is not trusted.
"""

from __future__ import annotations

import hashlib

CALLER = "X-Yuma-Caller"
AXON = "X-Yuma-Axon"
NETUID = "X-Yuma-Netuid"
NONCE = "X-Yuma-Nonce"
SIGNATURE = "X-Yuma-Signature"
HEADERS = (CALLER, AXON, NETUID, NONCE, SIGNATURE)

#: Seconds a nonce is accepted after (and before) the axon's clock.
NONCE_WINDOW = 60.0

#: Largest request body an axon reads, in bytes.
MAX_BODY = 1 << 20


def message(nonce: int, caller: str, axon: str, netuid: int, route: str, body: bytes) -> bytes:
    """The bytes a caller signs."""
    return f"yuma-request/1|{nonce}|{caller}|{axon}|{netuid}|{route}|{hashlib.sha256(body).hexdigest()}".encode()


def sign(keypair, axon: str, netuid: int, route: str, body: bytes, nonce: int) -> dict[str, str]:
    """The headers of a request from ``keypair`` (a hotkey) to ``axon`` on ``netuid``."""
    caller = keypair.ss58_address
    signature = keypair.sign(message(nonce, caller, axon, netuid, route, body))
    return {CALLER: caller, AXON: axon, NETUID: str(netuid), NONCE: str(nonce), SIGNATURE: bytes(signature).hex()}
