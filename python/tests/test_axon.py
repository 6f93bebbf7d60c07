"""Axon and dendrite: signed requests served; unsigned, tampered, replayed,
misdirected, unregistered and permit-less ones refused with clear errors
before the handler runs; bodies bounded; timeouts per query."""

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

calls: list[str] = []


def new_key() -> Keypair:
    return Keypair.create_from_mnemonic(Keypair.generate_mnemonic(12))


def echo(body, who):
    calls.append(who)
    if body.get("sleep"):
        time.sleep(body["sleep"])
    if body.get("fail"):
        raise RuntimeError("asked to fail")
    return {"echo": body, "caller": who}


@pytest.fixture(scope="module")
def served(node_url, cr_netuid):
    """A miner's axon on the commit-reveal subnet, announced on chain, reading
    who may call from the chain, and a registered caller; both hotkeys fresh."""
    from yuma.chain import Chain

    with Chain(node_url) as chain:
        subnets = Subnets(chain)
        owner, miner = funded_many(chain, 20, 1)  # the miner pays serve_axon's fee
        caller = new_key()
        register_many(chain, owner, cr_netuid, [miner, caller])
        port = free_port()
        subnets.serve_axon(miner, cr_netuid, "127.0.0.1", port)
        graph = chain.metagraph(cr_netuid)

    axon = Axon(miner, cr_netuid, node_url, port=port).route("echo", echo).start()
    target = next(t for t in targets(graph) if t.hotkey == miner.ss58_address)
    yield axon, target, caller
    axon.stop()


def post(target: Target, headers: dict, body: bytes, route: str = "echo") -> httpx.Response:
    return httpx.post(f"{target.url}/{route}", content=body, headers=headers, timeout=10)


def signed(caller, target: Target, netuid: int, body: bytes, route: str = "echo", nonce: int | None = None) -> dict:
    return protocol.sign(caller, target.hotkey, netuid, route, body, time.time_ns() if nonce is None else nonce)


def test_the_metagraph_gives_the_axons_address(served):
    _, target, _ = served
    assert target.ip == "127.0.0.1" and target.url.startswith("http://127.0.0.1:")


def test_a_registered_caller_is_served(served):
    axon, target, caller = served
    [reply] = Dendrite(caller, axon.netuid).query([target], "echo", {"x": 1})
    assert reply.ok and reply.body == {"echo": {"x": 1}, "caller": caller.ss58_address}


def test_unsigned_and_tampered_requests_are_refused_before_the_handler(served):
    axon, target, caller = served
    calls.clear()
    body = json.dumps({"x": 1}).encode()
    r = post(target, {}, body)
    assert r.status_code == 401 and r.json()["error"] == "unsigned"
    headers = signed(caller, target, axon.netuid, body)
    r = post(target, headers, json.dumps({"x": 2}).encode())  # the body changed after signing
    assert r.status_code == 401 and r.json()["error"] == "bad signature"
    other_route = signed(caller, target, axon.netuid, body, route="other")
    assert post(target, other_route, body).status_code == 401  # signed for another route
    forged = dict(headers, **{protocol.CALLER: new_key().ss58_address})  # someone else's name on it
    assert post(target, forged, body).status_code == 403  # a stranger: refused before the signature
    assert calls == []


def test_a_replayed_request_is_refused(served):
    axon, target, caller = served
    body = b'{"x": 3}'
    headers = signed(caller, target, axon.netuid, body)
    assert post(target, headers, body).status_code == 200
    again = post(target, headers, body)
    assert again.status_code == 409 and again.json()["error"] == "replayed"
    stale = signed(caller, target, axon.netuid, body, nonce=time.time_ns() - int(2 * protocol.NONCE_WINDOW * 1e9))
    assert post(target, stale, body).status_code == 409


def test_a_request_for_another_axon_or_subnet_is_refused(served):
    axon, target, caller = served
    body = b"{}"
    elsewhere = Target(new_key().ss58_address, target.ip, target.port)
    r = post(target, signed(caller, elsewhere, axon.netuid, body), body)
    assert r.status_code == 421 and r.json()["error"] == "wrong axon"
    r = post(target, signed(caller, target, axon.netuid + 1, body), body)
    assert r.status_code == 421


def test_an_unregistered_caller_is_refused_and_leaves_nothing_behind(served):
    axon, target, _ = served
    calls.clear()
    stranger = new_key()
    for _ in range(20):
        [reply] = Dendrite(stranger, axon.netuid).query([target], "echo", {})
        assert reply.status == 403 and reply.error == "not registered"
    assert calls == [] and stranger.public_key.hex() not in axon._seen


def test_bodies_are_bounded_and_must_be_json_objects(served):
    axon, target, caller = served
    big = b"[" + b"1," * (protocol.MAX_BODY // 2) + b"1]"
    r = post(target, signed(caller, target, axon.netuid, big), big)
    assert r.status_code == 413

    def chunks():  # no content-length: counted as it arrives
        for _ in range(protocol.MAX_BODY // 65536 + 2):
            yield b" " * 65536

    r = httpx.post(f"{target.url}/echo", content=chunks(), headers=signed(caller, target, axon.netuid, b""), timeout=10)
    assert r.status_code == 413
    for body in (b"[1, 2]", b"not json", b"[" * 100_000):
        r = post(target, signed(caller, target, axon.netuid, body), body)
        assert r.status_code == 400 and r.json()["error"] == "not JSON"


def test_a_permit_can_be_required():
    """Standing from a given source (no chain): a permit holder is served, a
    registered caller without one is refused."""
    holder, plain = new_key(), new_key()
    standing = {holder.public_key.hex(): True, plain.public_key.hex(): False}
    strict = Axon(new_key(), 5, None, port=free_port(), require_permit=True, standing=lambda: standing)
    strict.route("echo", lambda body, who: {"ok": who}).start()
    try:
        spot = Target(strict.hotkey.ss58_address, "127.0.0.1", strict.port)
        [refused] = Dendrite(plain, 5).query([spot], "echo", {})
        assert refused.status == 403 and refused.error == "no validator permit"
        [served_] = Dendrite(holder, 5).query([spot], "echo", {})
        assert served_.ok and served_.body == {"ok": holder.ss58_address}
    finally:
        strict.stop()


def test_an_axon_that_cannot_read_the_chain_does_not_start():
    with pytest.raises(RuntimeError, match="no standing read"):
        Axon(new_key(), 1, f"ws://127.0.0.1:{free_port()}", port=free_port()).start(timeout=3)


def test_errors_timeouts_and_unreachable_axons_are_replies_not_exceptions(served):
    axon, target, caller = served
    dendrite = Dendrite(caller, axon.netuid)
    dead = Target(target.hotkey, "127.0.0.1", free_port())
    slow = dendrite.query([target], "echo", {"sleep": 2}, timeout=0.5)[0]
    assert slow.status == 408 and slow.error == "timeout" and slow.elapsed < 1.5
    failing = dendrite.query([target], "echo", {"fail": True})[0]
    assert failing.status == 500 and failing.error == "handler failed" and "asked to fail" in failing.body["detail"]
    unknown = dendrite.query([target], "nope", {})[0]
    assert unknown.status == 404
    gone = dendrite.query([dead], "echo", {}, timeout=1)[0]
    assert gone.status == 503 and not gone.ok
