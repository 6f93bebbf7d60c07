"""An axon: the HTTP server a miner answers validators with (FastAPI on uvicorn).

``Axon(hotkey, netuid, chain_url, port=8091)``; ``axon.route("predict", fn)``
where ``fn(body: dict, caller: str) -> dict``; ``axon.start()`` serves in a
background thread, ``axon.stop()`` stops. Each request must be signed (see
:mod:`yuma.protocol`); the axon answers, before calling ``fn``:

- 401 ``unsigned`` (a header missing) or ``bad signature``,
- 421 ``wrong axon``: signed for another hotkey or subnet,
- 403 ``not registered``: the caller holds no uid on the subnet, or
  ``no validator permit`` when the axon was made with ``require_permit=True``,
- 409 ``replayed``: a nonce seen already, or more than 60 s off,
- 413 ``too large`` (counted as the body arrives, chunked or not),
- 400 ``not JSON`` (or not an object), 404 an unknown route,
- 503 ``standing unknown``: the metagraph was never read (chain unreachable),
- 500 ``handler failed`` when ``fn`` raises.

Errors are JSON ``{"error": ..., "detail": ...}``. Who may call is read
from the chain by a background thread on one connection (every
``refresh`` seconds; the last good answer is kept when a read fails), so no
request waits on the chain and no caller can make the axon read it.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from typing import Any, Callable

import uvicorn
from bittensor_wallet import Keypair
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from . import protocol
from .chain import Chain, plain

Handler = Callable[[dict[str, Any], str], dict[str, Any]]

#: Nonces remembered per caller (a caller sending more within the window is refused as replaying).
MAX_NONCES_PER_CALLER = 4096


def _error(status: int, error: str, detail: str = "") -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status)


def read_standing(chain: Chain, netuid: int) -> dict[str, bool]:
    """Every registered hotkey of ``netuid`` (as a public key, hex) and whether it holds a
    validator permit, from storage alone (no weights or bonds read)."""
    substrate = chain.substrate
    uids = {}
    for key, uid in substrate.query_map("Subnets", "Uids", [netuid], page_size=1000):
        raw = plain(key)
        hotkey = raw if isinstance(raw, str) else "0x" + bytes(raw[0] if isinstance(raw, (list, tuple)) and len(raw) == 1 else raw).hex()
        if not hotkey.startswith("0x"):
            hotkey = "0x" + substrate.ss58_decode(hotkey)
        uids[int(plain(uid))] = hotkey.removeprefix("0x")
    graph = substrate.query("Emission", "Metagraphs", [netuid]).value or {}
    permits = list(graph.get("validator_permit") or [])
    return {hotkey: bool(uid < len(permits) and permits[uid]) for uid, hotkey in uids.items()}


class Axon:
    """A miner's server; see the module's documentation."""

    def __init__(
        self,
        hotkey: Any,
        netuid: int,
        chain_url: str | None,
        host: str = "127.0.0.1",
        port: int = 8091,
        require_permit: bool = False,
        refresh: float = 12.0,
        standing: Callable[[], dict[str, bool]] | None = None,
    ):
        """``standing``, if given, replaces the chain as the source of who may
        call: a function returning ``{hotkey public key hex: has a permit}``."""
        self.hotkey = hotkey
        self.netuid = netuid
        self.host, self.port = host, port
        self.require_permit = require_permit
        self.refresh = refresh
        self.handlers: dict[str, Handler] = {}
        self._chain_url = chain_url
        self._standing_source = standing
        self._standing: dict[str, bool] | None = None
        self._standing_error: str = "not read yet"
        self._nonce_lock = threading.Lock()
        self._seen: dict[str, set[int]] = {}
        self._order: deque[tuple[float, str, int]] = deque()
        self._stop = threading.Event()
        self._refresher: threading.Thread | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.app = self._app()

    # ---- who may call ----------------------------------------------------------
    def refresh_standing(self, chain: Chain | None = None) -> None:
        """Reads who may call now (the background thread does this every ``refresh`` s)."""
        try:
            if self._standing_source is not None:
                fresh = self._standing_source()
            else:
                fresh = read_standing(chain, self.netuid)
            self._standing = fresh  # one reference swap: readers never see a half-built map
            self._standing_error = ""
        except Exception as failed:  # the chain unreachable: keep the last good answer
            self._standing_error = f"{type(failed).__name__}: {failed}"

    def _refresh_loop(self) -> None:
        chain = None
        while not self._stop.is_set():
            if self._standing_source is None and chain is None:
                try:
                    chain = Chain(self._chain_url)
                except Exception as failed:
                    self._standing_error = f"cannot reach {self._chain_url}: {failed}"
            if self._standing_source is not None or chain is not None:
                self.refresh_standing(chain)
                if self._standing_error and chain is not None:
                    chain.close()
                    chain = None  # reconnect next time
            self._stop.wait(self.refresh)
        if chain is not None:
            chain.close()

    def standing(self, public_key: str) -> bool | None:
        """``None``: not registered; else whether the key has a validator permit."""
        return (self._standing or {}).get(public_key)

    def _fresh(self, caller: str, nonce: int) -> bool:
        now = time.time()
        if abs(now - nonce / 1e9) > protocol.NONCE_WINDOW:
            return False
        with self._nonce_lock:
            while self._order and now - self._order[0][0] > 2 * protocol.NONCE_WINDOW:
                _, who, old = self._order.popleft()
                seen = self._seen.get(who)
                if seen is not None:
                    seen.discard(old)
                    if not seen:
                        del self._seen[who]
            seen = self._seen.setdefault(caller, set())
            if nonce in seen or len(seen) >= MAX_NONCES_PER_CALLER:
                return False
            seen.add(nonce)
            self._order.append((now, caller, nonce))
            return True

    # ---- the app -----------------------------------------------------------------
    def route(self, name: str, handler: Handler) -> "Axon":
        self.handlers[name] = handler
        return self

    def _app(self) -> FastAPI:
        app = FastAPI(title="yuma axon", docs_url=None, redoc_url=None, openapi_url=None)

        @app.post("/{name}")
        async def serve(name: str, request: Request):
            headers = request.headers
            caller, axon = headers.get(protocol.CALLER), headers.get(protocol.AXON)
            nonce_text, signature = headers.get(protocol.NONCE), headers.get(protocol.SIGNATURE)
            netuid_text = headers.get(protocol.NETUID)
            if not (caller and axon and nonce_text and signature and netuid_text):
                return _error(401, "unsigned", f"headers {', '.join(protocol.HEADERS)} are required")
            if axon != self.hotkey.ss58_address or netuid_text != str(self.netuid):
                return _error(421, "wrong axon", f"this axon is {self.hotkey.ss58_address} on subnet {self.netuid}")
            try:
                public_key = Keypair(ss58_address=caller).public_key.hex()
                nonce = int(nonce_text)
                signed = bytes.fromhex(signature)
            except Exception:  # a malformed address, nonce or signature
                return _error(401, "bad signature", "malformed caller, nonce or signature")
            # Standing first, from memory: strangers cost no body read and no nonce kept.
            if self._standing is None:
                return _error(503, "standing unknown", f"the axon has not read the metagraph: {self._standing_error}")
            permit = self.standing(public_key)
            if permit is None:
                return _error(403, "not registered", f"{caller} holds no uid on subnet {self.netuid}")
            if self.require_permit and not permit:
                return _error(403, "no validator permit", f"{caller} has no validator permit on subnet {self.netuid}")
            if int(headers.get("content-length") or 0) > protocol.MAX_BODY:
                return _error(413, "too large", f"at most {protocol.MAX_BODY} bytes")
            body = bytearray()
            async for chunk in request.stream():
                body += chunk
                if len(body) > protocol.MAX_BODY:
                    return _error(413, "too large", f"at most {protocol.MAX_BODY} bytes")
            body = bytes(body)
            message = protocol.message(nonce, caller, axon, self.netuid, name, body)
            if not Keypair(ss58_address=caller).verify(message, signed):
                return _error(401, "bad signature", "the signature does not match the caller, nonce, axon, subnet, route and body")
            if not self._fresh(public_key, nonce):
                return _error(409, "replayed", f"nonce seen already or more than {protocol.NONCE_WINDOW:.0f} s off")
            handler = self.handlers.get(name)
            if handler is None:
                return _error(404, "unknown route", f"routes: {sorted(self.handlers)}")
            try:
                payload = json.loads(body or b"{}")
            except (ValueError, RecursionError):
                payload = None
            if not isinstance(payload, dict):
                return _error(400, "not JSON", "the body must be a JSON object")
            try:
                return JSONResponse(await run_in_threadpool(handler, payload, caller))
            except Exception as failed:  # the miner's own error, reported, not hidden
                return _error(500, "handler failed", f"{type(failed).__name__}: {failed}")

        return app

    # ---- running -----------------------------------------------------------------
    def start(self, timeout: float = 10.0) -> "Axon":
        """Reads the standing once, then serves; both go on in background threads."""
        self._refresher = threading.Thread(target=self._refresh_loop, daemon=True, name="axon-standing")
        self._refresher.start()
        config = uvicorn.Config(
            self.app, host=self.host, port=self.port, log_level="warning", access_log=False,
            limit_concurrency=256, timeout_keep_alive=5,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True, name="axon")
        self._thread.start()
        deadline = time.time() + timeout
        while not self._server.started or self._standing is None:
            if not self._thread.is_alive() or time.time() > deadline:
                why = "the server did not start" if not self._server.started else f"no standing read: {self._standing_error}"
                self.stop()
                raise RuntimeError(f"the axon on {self.host}:{self.port} did not start: {why}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._refresher is not None:
            self._refresher.join(timeout=10)
