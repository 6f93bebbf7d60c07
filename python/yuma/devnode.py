"""A throwaway ``yuma-node --dev --tmp`` on free ports, for tests and demos.

    with dev_node() as url:
        ...

The binary is ``$YUMA_NODE``, else ``$CARGO_TARGET_DIR/debug/yuma-node``
(``target/debug/yuma-node`` in the checkout). The node's output goes to
``log`` (a path); the node is always stopped on exit.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .chain import Chain

ROOT = Path(__file__).resolve().parents[2]


def node_binary() -> str:
    if os.environ.get("YUMA_NODE"):
        return os.environ["YUMA_NODE"]
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    return str(Path(target) / "debug" / "yuma-node")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dev_node(log: str | Path, startup: float = 60.0) -> Iterator[str]:
    """Starts a dev node, waits for its first block, yields its WebSocket URL."""
    rpc, p2p, prom = free_port(), free_port(), free_port()
    args = [node_binary(), "--dev", "--tmp", "--rpc-port", str(rpc), "--port", str(p2p), "--prometheus-port", str(prom)]
    out = open(log, "w")
    proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    url = f"ws://127.0.0.1:{rpc}"
    try:
        deadline = time.time() + startup
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"yuma-node exited early ({proc.returncode}); see {log}")
            try:
                with socket.create_connection(("127.0.0.1", rpc), timeout=1):
                    break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError(f"yuma-node RPC not up in {startup:.0f} s")
                time.sleep(0.5)
        # The first block (an empty chain has no finalized state to sign against).
        with Chain(url) as chain:
            while chain.block_number() < 1:
                time.sleep(1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        out.close()
