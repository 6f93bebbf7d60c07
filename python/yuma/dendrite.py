"""A dendrite: the client a validator queries axons with (httpx).

``Dendrite(hotkey, netuid).query(targets, "predict", body, timeout=5.0)``
sends the same request, signed for each target (see :mod:`yuma.protocol`),
to every target at once and returns one :class:`Reply` per target, in order.
``timeout`` bounds the whole exchange with each target (connecting, sending,
and reading the answer, however slowly it trickles in): past it a target gets
``status=408, error="timeout"``; one that cannot be reached ``status=503``;
an answer over :data:`MAX_REPLY` bytes ``status=502``; none of them raises.
Proxies from the environment are not used.
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

#: Largest answer read from an axon, in bytes.
MAX_REPLY = 4 << 20


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

    def __init__(self, hotkey: Any, netuid: int):
        self.hotkey = hotkey
        self.netuid = netuid
        self._last_nonce = 0

    def _nonce(self) -> int:
        # Strictly increasing, even for requests made in the same nanosecond.
        self._last_nonce = max(time.time_ns(), self._last_nonce + 1)
        return self._last_nonce

    def request(self, target: Target, route: str, body: bytes) -> dict[str, str]:
        """The signed headers of ``body`` for ``target``'s ``route``."""
        headers = protocol.sign(self.hotkey, target.hotkey, self.netuid, route, body, self._nonce())
        headers["Content-Type"] = "application/json"
        return headers

    async def _exchange(self, client: httpx.AsyncClient, target: Target, route: str, body: bytes) -> tuple[int, bytes | None]:
        headers = self.request(target, route, body)
        async with client.stream("POST", f"{target.url}/{route}", content=body, headers=headers) as response:
            raw = bytearray()
            async for chunk in response.aiter_bytes():
                raw += chunk
                if len(raw) > MAX_REPLY:
                    return response.status_code, None
            return response.status_code, bytes(raw)

    async def _one(self, client: httpx.AsyncClient, target: Target, route: str, body: bytes, timeout: float) -> Reply:
        start = time.monotonic()
        try:
            status, raw = await asyncio.wait_for(self._exchange(client, target, route, body), timeout)
        except (asyncio.TimeoutError, httpx.TimeoutException):
            return Reply(target, 408, None, "timeout", time.monotonic() - start)
        except httpx.HTTPError as failed:
            return Reply(target, 503, None, f"unreachable: {type(failed).__name__}", time.monotonic() - start)
        elapsed = time.monotonic() - start
        if raw is None:
            return Reply(target, 502, None, f"answer over {MAX_REPLY} bytes", elapsed)
        try:
            payload = json.loads(raw)
        except (ValueError, RecursionError):
            payload = None
        if status != 200:
            error = payload.get("error") if isinstance(payload, dict) else raw[:200].decode(errors="replace")
            return Reply(target, status, payload if isinstance(payload, dict) else None, error, elapsed)
        if not isinstance(payload, dict):
            return Reply(target, 502, None, "not a JSON object", elapsed)
        return Reply(target, 200, payload, None, elapsed)

    async def aquery(self, targets: list[Target], route: str, body: dict[str, Any], timeout: float = 5.0) -> list[Reply]:
        raw = json.dumps(body).encode()
        async with httpx.AsyncClient(trust_env=False, timeout=timeout) as client:
            return list(await asyncio.gather(*(self._one(client, t, route, raw, timeout) for t in targets)))

    def query(self, targets: list[Target], route: str, body: dict[str, Any], timeout: float = 5.0) -> list[Reply]:
        """Queries every target at once; one :class:`Reply` each, in order."""
        return asyncio.run(self.aquery(targets, route, body, timeout))
