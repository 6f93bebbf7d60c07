"""A `yuma-node --dev --tmp` for the suite, on free ports, always stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

from yuma.chain import Chain

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


@pytest.fixture(scope="session")
def node_url():
    rpc, p2p, prom = free_port(), free_port(), free_port()
    args = [node_binary(), "--dev", "--tmp", "--rpc-port", str(rpc), "--port", str(p2p), "--prometheus-port", str(prom)]
    log = open(ROOT / "python" / ".node.log", "w")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    url = f"ws://127.0.0.1:{rpc}"
    try:
        deadline = time.time() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"yuma-node exited early ({proc.returncode}); see python/.node.log")
            try:
                with socket.create_connection(("127.0.0.1", rpc), timeout=1):
                    break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("yuma-node RPC not up in 60 s")
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
        log.close()


@pytest.fixture
def chain(node_url):
    with Chain(node_url) as c:
        yield c


@pytest.fixture(scope="session")
def netuid(node_url):
    """One subnet for the suite, owned by Alice (a second would wait out the network rate limit)."""
    from bittensor_wallet import Keypair

    from yuma.chain import Subnets

    with Chain(node_url) as chain:
        return Subnets(chain).register_network(Keypair.create_from_uri("//Alice"))
