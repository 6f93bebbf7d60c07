"""Axon and dendrite: signed requests served; unsigned, tampered, replayed,
misdirected, unregistered and permit-less ones refused with clear errors;
timeouts per query."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from bittensor_wallet import Keypair

from yuma import protocol
from yuma.axon import Axon
from yuma.chain import Subnets
from yuma.dendrite import Dendrite, Target, targets
from yuma.devnode import free_port

from conftest import funded_many, register_many


def new_key() -> Keypair:
    return Keypair.create_from_mnemonic(Keypair.generate_mnemonic(12))


@pytest.fixture(scope="module")
def served(node_url, cr_netuid):
    """A miner's axon on the commit-reveal subnet, announced on chain, and a
    registered caller; both hotkeys are fresh."""
    from yuma.chain import Chain

    with Chain(node_url) as chain:
        subnets = Subnets(chain)
        owner, miner = funded_many(chain, 20, 1)  # the miner pays serve_axon's fee
        caller = new_key()
        register_many(chain, owner, cr_netuid, [miner, caller])
        port = free_port()
        subnets.serve_axon(miner, cr_netuid, "127.0.0.1", port)
        graph = chain.metagraph(cr_netuid)

    def echo(body, who):
        if body.get("sleep"):
            time.sleep(body["sleep"])
        if body.get("fail"):
            raise RuntimeError("asked to fail")
        return {"echo": body, "caller": who}

    axon = Axon(miner, cr_netuid, node_url, port=port).route("echo", echo).start()
    target = next(t for t in targets(graph) if t.hotkey == miner.ss58_address)
    yield axon, target, caller
    axon.stop()


def post(target: Target, headers: dict, body: bytes, route: str = "echo") -> httpx.Response:
    return httpx.post(f"{target.url}/{route}", content=body, headers=headers, timeout=10)


def test_the_metagraph_gives_the_axons_address(served):
    _, target, _ = served
    assert target.ip == "127.0.0.1" and target.url.startswith("http://127.0.0.1:")


def test_a_registered_caller_is_served(served):
    _, target, caller = served
    [reply] = Dendrite(caller).query([target], "echo", {"x": 1})
    assert reply.ok and reply.body == {"echo": {"x": 1}, "caller": caller.ss58_address}


def test_unsigned_and_tampered_requests_are_refused(served):
    _, target, caller = served
    body = json.dumps({"x": 1}).encode()
    r = post(target, {}, body)
    assert r.status_code == 401 and r.json()["error"] == "unsigned"
    headers = protocol.sign(caller, target.hotkey, body, time.time_ns())
    r = post(target, headers, json.dumps({"x": 2}).encode())  # the body changed after signing
    assert r.status_code == 401 and r.json()["error"] == "bad signature"
    forged = dict(headers, **{protocol.CALLER: new_key().ss58_address})  # someone else's name on it
    assert post(target, forged, body).status_code == 401


def test_a_replayed_request_is_refused(served):
    _, target, caller = served
    body = b'{"x": 3}'
    headers = protocol.sign(caller, target.hotkey, body, time.time_ns())
    assert post(target, headers, body).status_code == 200
    again = post(target, headers, body)
    assert again.status_code == 409 and again.json()["error"] == "replayed"
    stale = protocol.sign(caller, target.hotkey, body, time.time_ns() - int(2 * protocol.NONCE_WINDOW * 1e9))
    assert post(target, stale, body).status_code == 409


def test_a_request_signed_for_another_axon_is_refused(served):
    _, target, caller = served
    body = b"{}"
    headers = protocol.sign(caller, new_key().ss58_address, body, time.time_ns())
    r = post(target, headers, body)
    assert r.status_code == 421 and r.json()["error"] == "wrong axon"


def test_an_unregistered_caller_is_refused(served):
    _, target, _ = served
    [reply] = Dendrite(new_key()).query([target], "echo", {})
    assert reply.status == 403 and reply.error == "not registered"


def test_a_permit_can_be_required(node_url, cr_netuid, served):
    _, target, caller = served
    strict = Axon(Keypair.create_from_uri(f"//axon-{time.time_ns()}"), cr_netuid, node_url, port=free_port(), require_permit=True)
    strict.route("echo", lambda body, who: {}).start()
    try:
        spot = Target(strict.hotkey.ss58_address, "127.0.0.1", strict.port)
        [reply] = Dendrite(caller).query([spot], "echo", {})
        assert reply.status == 403 and reply.error == "no validator permit"
    finally:
        strict.stop()


def test_errors_timeouts_and_unreachable_axons_are_replies_not_exceptions(served):
    _, target, caller = served
    dead = Target(target.hotkey, "127.0.0.1", free_port())
    slow = Dendrite(caller).query([target], "echo", {"sleep": 2}, timeout=0.5)[0]
    assert slow.status == 408 and slow.error == "timeout" and slow.elapsed < 1.5
    failing = Dendrite(caller).query([target], "echo", {"fail": True})[0]
    assert failing.status == 500 and failing.error == "handler failed" and "asked to fail" in failing.body["detail"]
    unknown = Dendrite(caller).query([target], "nope", {})[0]
    assert unknown.status == 404
    gone = Dendrite(caller).query([dead], "echo", {}, timeout=1)[0]
    assert gone.status == 503 and not gone.ok
