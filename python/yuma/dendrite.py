"""A dendrite: the client a validator queries axons with (httpx).

``Dendrite(hotkey).query(targets, "predict", body, timeout=5.0)`` sends the
same signed request (see :mod:`yuma.protocol`) to every target at once and
returns one :class:`Reply` per target, in order. A target that does not
answer within ``timeout`` seconds gets ``status=408, error="timeout"``; one
that cannot be reached ``status=503``; neither raises.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import time
from dataclasses import dataclass
from typing import Any

import httpx

from . import protocol


@dataclass(frozen=True)
class Target:
    """An axon: its hotkey and address."""

    hotkey: str
    ip: str
    port: int
    uid: int | None = None

    @property
    def url(self) -> str:
        host = f"[{self.ip}]" if ":" in self.ip else self.ip
        return f"http://{host}:{self.port}"


@dataclass
class Reply:
    """One axon's answer: ``ok`` when it answered 200 with a JSON body."""

    target: Target
    status: int
    body: dict[str, Any] | None
    error: str | None
    elapsed: float

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.body is not None


def targets(metagraph: Any) -> list[Target]:
    """The neurons of a metagraph that serve an axon, as targets."""
    out = []
    for uid, (hotkey, axon) in enumerate(zip(metagraph.hotkeys, metagraph.axons)):
        if not axon or not axon.get("port"):
            continue
        ip = int(axon["ip"])
        address = str(ipaddress.IPv4Address(ip) if int(axon.get("ip_type", 4)) == 4 else ipaddress.IPv6Address(ip))
        out.append(Target(hotkey, address, int(axon["port"]), uid))
    return out


class Dendrite:
    """A validator's client; see the module's documentation."""

    def __init__(self, hotkey: Any):
        self.hotkey = hotkey
        self._last_nonce = 0

    def _nonce(self) -> int:
        # Strictly increasing, even for requests made in the same nanosecond.
        self._last_nonce = max(time.time_ns(), self._last_nonce + 1)
        return self._last_nonce

    def request(self, target: Target, body: bytes) -> dict[str, str]:
        """The signed headers of ``body`` for ``target``."""
        headers = protocol.sign(self.hotkey, target.hotkey, body, self._nonce())
        headers["Content-Type"] = "application/json"
        return headers

    async def _one(self, client: httpx.AsyncClient, target: Target, route: str, body: bytes, timeout: float) -> Reply:
        start = time.monotonic()
        try:
            response = await client.post(f"{target.url}/{route}", content=body, headers=self.request(target, body), timeout=timeout)
        except httpx.TimeoutException:
            return Reply(target, 408, None, "timeout", time.monotonic() - start)
        except httpx.HTTPError as failed:
            return Reply(target, 503, None, f"unreachable: {type(failed).__name__}", time.monotonic() - start)
        elapsed = time.monotonic() - start
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if response.status_code != 200:
            error = payload.get("error") if isinstance(payload, dict) else response.text[:200]
            return Reply(target, response.status_code, payload if isinstance(payload, dict) else None, error, elapsed)
        if not isinstance(payload, dict):
            return Reply(target, 502, None, "not a JSON object", elapsed)
        return Reply(target, 200, payload, None, elapsed)

    async def aquery(self, targets: list[Target], route: str, body: dict[str, Any], timeout: float = 5.0) -> list[Reply]:
        raw = json.dumps(body).encode()
        async with httpx.AsyncClient() as client:
            return list(await asyncio.gather(*(self._one(client, t, route, raw, timeout) for t in targets)))

    def query(self, targets: list[Target], route: str, body: dict[str, Any], timeout: float = 5.0) -> list[Reply]:
        """Queries every target at once; one :class:`Reply` each, in order."""
        return asyncio.run(self.aquery(targets, route, body, timeout))
