"""What an axon and a dendrite agree on: the signed request headers.

Every request is a POST of a JSON body to ``/<route>`` with four headers:

- ``X-Yuma-Caller``: the caller's hotkey (SS58),
- ``X-Yuma-Axon``: the hotkey of the axon it is meant for,
- ``X-Yuma-Nonce``: a fresh integer, the caller's clock in nanoseconds,
- ``X-Yuma-Signature``: the caller hotkey's sr25519 signature (hex) over
  :func:`message` of the three and the body's SHA-256.

A request is thus bound to its caller, its axon, its moment and its body:
it cannot be replayed (the axon remembers nonces for :data:`NONCE_WINDOW`
seconds and refuses older ones), redirected to another axon, or altered.
"""

from __future__ import annotations

import hashlib

CALLER = "X-Yuma-Caller"
AXON = "X-Yuma-Axon"
NONCE = "X-Yuma-Nonce"
SIGNATURE = "X-Yuma-Signature"

#: Seconds a nonce is accepted after (and before) the axon's clock.
NONCE_WINDOW = 60.0

#: Largest request body an axon reads, in bytes.
MAX_BODY = 1 << 20


def message(nonce: int, caller: str, axon: str, body: bytes) -> bytes:
    """The bytes a caller signs."""
    return f"yuma-request/1|{nonce}|{caller}|{axon}|{hashlib.sha256(body).hexdigest()}".encode()


def sign(keypair, axon: str, body: bytes, nonce: int) -> dict[str, str]:
    """The headers of a request from ``keypair`` (a hotkey) to ``axon``."""
    caller = keypair.ss58_address
    signature = keypair.sign(message(nonce, caller, axon, body))
    return {CALLER: caller, AXON: axon, NONCE: str(nonce), SIGNATURE: bytes(signature).hex()}
