"""An axon: the HTTP server a miner answers validators with (FastAPI on uvicorn).

``Axon(hotkey, netuid, chain_url, port=8091)``; ``axon.route("predict", fn)``
where ``fn(body: dict, caller: str) -> dict``; ``axon.start()`` serves in a
background thread, ``axon.stop()`` stops. Each request must be signed (see
:mod:`yuma.protocol`); the axon answers, before calling ``fn``:

- 401 ``unsigned`` (a header missing) or ``bad signature``,
- 421 ``wrong axon``: signed for another hotkey,
- 409 ``replayed``: a nonce seen already, or outside the window,
- 403 ``not registered``: the caller holds no uid on the subnet, or
  ``no validator permit`` when the axon was made with ``require_permit=True``,
- 413 ``too large``, 400 ``not JSON``, 404 an unknown route,
- 500 ``handler failed`` when ``fn`` raises.

Errors are JSON ``{"error": ..., "detail": ...}``. The caller's standing
is read from the metagraph, refreshed every ``refresh`` seconds and at once
(at most every 2 s) when an unknown hotkey calls.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Callable

import uvicorn
from bittensor_wallet import Keypair
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from . import protocol
from .chain import Chain

Handler = Callable[[dict[str, Any], str], dict[str, Any]]


def _error(status: int, error: str, detail: str = "") -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status)


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
        self.hotkey = hotkey
        self.netuid = netuid
        self.host, self.port = host, port
        self.require_permit = require_permit
        self.refresh = refresh
        self.handlers: dict[str, Handler] = {}
        self._chain_url = chain_url
        self._standing_source = standing
        self._standing: dict[str, bool] = {}  # hotkey -> has a validator permit
        self._standing_at = 0.0
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, int], float] = {}
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.app = self._app()

    # ---- who may call ----------------------------------------------------------
    def _read_standing(self) -> dict[str, bool]:
        if self._standing_source is not None:
            return self._standing_source()
        with Chain(self._chain_url) as chain:
            graph = chain.metagraph(self.netuid)
        return {h: bool(p) for h, p in zip(graph.hotkeys, graph.validator_permit)}

    def standing(self, hotkey: str) -> bool | None:
        """``None``: not registered; else whether ``hotkey`` has a validator permit."""
        with self._lock:
            age = time.time() - self._standing_at
            if age > self.refresh or (hotkey not in self._standing and age > 2.0):
                self._standing = self._read_standing()
                self._standing_at = time.time()
            return self._standing.get(hotkey)

    def _fresh(self, caller: str, nonce: int) -> bool:
        now = time.time()
        if abs(now - nonce / 1e9) > protocol.NONCE_WINDOW:
            return False
        with self._lock:
            for key in [k for k, t in self._seen.items() if now - t > 2 * protocol.NONCE_WINDOW]:
                del self._seen[key]
            if (caller, nonce) in self._seen:
                return False
            self._seen[(caller, nonce)] = now
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
            if not (caller and axon and nonce_text and signature):
                return _error(401, "unsigned", f"headers {protocol.CALLER}, {protocol.AXON}, {protocol.NONCE} and {protocol.SIGNATURE} are required")
            if axon != self.hotkey.ss58_address:
                return _error(421, "wrong axon", f"this axon is {self.hotkey.ss58_address}")
            length = int(headers.get("content-length") or 0)
            if length > protocol.MAX_BODY:
                return _error(413, "too large", f"at most {protocol.MAX_BODY} bytes")
            body = await request.body()
            if len(body) > protocol.MAX_BODY:
                return _error(413, "too large", f"at most {protocol.MAX_BODY} bytes")
            try:
                nonce = int(nonce_text)
                valid = Keypair(ss58_address=caller).verify(protocol.message(nonce, caller, axon, body), bytes.fromhex(signature))
            except Exception:  # a malformed address, nonce or signature
                valid = False
            if not valid:
                return _error(401, "bad signature", "the signature does not match the caller, nonce, axon and body")
            if not self._fresh(caller, nonce):
                return _error(409, "replayed", f"nonce seen already or more than {protocol.NONCE_WINDOW:.0f} s off")
            permit = await run_in_threadpool(self.standing, caller)
            if permit is None:
                return _error(403, "not registered", f"{caller} holds no uid on subnet {self.netuid}")
            if self.require_permit and not permit:
                return _error(403, "no validator permit", f"{caller} has no validator permit on subnet {self.netuid}")
            handler = self.handlers.get(name)
            if handler is None:
                return _error(404, "unknown route", f"routes: {sorted(self.handlers)}")
            try:
                payload = json.loads(body or b"{}")
            except ValueError:
                return _error(400, "not JSON", "the body must be a JSON object")
            try:
                return JSONResponse(await run_in_threadpool(handler, payload, caller))
            except Exception as failed:  # the miner's own error, reported, not hidden
                return _error(500, "handler failed", f"{type(failed).__name__}: {failed}")

        return app

    # ---- running -----------------------------------------------------------------
    def start(self, timeout: float = 10.0) -> "Axon":
        config = uvicorn.Config(self.app, host=self.host, port=self.port, log_level="warning", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True, name="axon")
        self._thread.start()
        deadline = time.time() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.time() > deadline:
                raise RuntimeError(f"the axon did not start on {self.host}:{self.port}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
