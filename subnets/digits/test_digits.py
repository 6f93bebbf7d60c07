"""The digits subnet end to end, on a dev chain this test starts: two
validators and three miners (good, weak, random), each its own process.
After a few epochs the metagraph ranks incentive good > weak > random, the
good miner's owner has earned the most of the miners' owners, every weight
reached the chain through commit-reveal, and the supply ledger holds.

    .venv/bin/python -m pytest subnets/digits   (make test-digits)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as digits_run  # noqa: E402
import bootstrap  # noqa: E402

from yuma.chain import Chain, Subnets, plain  # noqa: E402
from yuma.devnode import dev_node, free_port  # noqa: E402
from yuma.weights import commit_hash  # noqa: E402

#: Seconds the miners get, from launch, to be ranked.
DEADLINE = 240


def earned(chain: Chain, coldkey: str) -> int:
    return sum(int(p["amount"]) for p in chain.positions(coldkey))


def weight_extrinsics(chain: Chain, first: int, last: int) -> list[dict]:
    """Every Weights call included (and successful) in blocks first..last:
    ``{signer, function, args, block}``."""
    found = []
    substrate = chain.substrate
    for number in range(first, last + 1):
        block_hash = substrate.get_block_hash(number)
        block = substrate.get_block(block_hash)
        ok = set()
        for event in substrate.get_events(block_hash):
            e = plain(event)
            if e.get("event", {}).get("event_id") == "ExtrinsicSuccess" and isinstance(e.get("extrinsic_idx"), int):
                ok.add(e["extrinsic_idx"])
        for index, ext in enumerate(block["extrinsics"]):
            value = plain(ext)
            call = value.get("call", {})
            if call.get("call_module") != "Weights" or index not in ok:
                continue
            args = {a["name"]: a["value"] for a in call.get("call_args", [])}
            found.append({"signer": value.get("address"), "function": call["call_function"], "args": args, "block": number})
    return found


def hexbytes(v) -> bytes:
    return bytes.fromhex(v.removeprefix("0x")) if isinstance(v, str) else bytes(v)


def test_the_better_model_earns_more(tmp_path):
    with dev_node(tmp_path / "node.log") as url:
        state = bootstrap.setup(url, tmp_path, tempo=4)
        netuid, neurons = state["netuid"], state["neurons"]
        with Chain(url) as chain:
            start = chain.block_number()
            before = {q: earned(chain, neurons[f"miner-{q}"]["coldkey"]) for q in digits_run.PORTS}
            procs = digits_run.launch(state, tmp_path, {q: free_port() for q in digits_run.PORTS})
            try:
                ranked = False
                deadline = time.time() + DEADLINE
                while time.time() < deadline and not ranked:
                    Subnets(chain).wait_for_epoch(netuid)
                    dead = [p.args[1] for p in procs if p.poll() is not None]
                    assert not dead, f"exited: {dead}; logs in {tmp_path / 'logs'}"
                    graph = chain.metagraph(netuid)
                    inc = {q: graph.incentive[neurons[f"miner-{q}"]["uid"]] for q in digits_run.PORTS}
                    print(f"block {chain.block_number()}: incentive {inc}", flush=True)
                    ranked = inc["good"] > inc["weak"] > inc["random"]
            finally:
                digits_run.stop(procs)
            logs = {p.name: p.read_text() for p in (tmp_path / "logs").glob("*.log")}
            assert ranked, f"not ranked by {DEADLINE} s: {inc}\n" + "\n".join(f"== {k}\n{v[-1500:]}" for k, v in logs.items())

            # The good miner's owner earned the most of the miners' owners.
            gain = {q: earned(chain, neurons[f"miner-{q}"]["coldkey"]) - before[q] for q in digits_run.PORTS}
            assert gain["good"] > gain["weak"] and gain["good"] > gain["random"], gain

            # Every weight went through commit-reveal: the chain saw only
            # commits and reveals, each reveal matching an earlier commit of
            # its signer, and each validator's row is its last reveal.
            calls = weight_extrinsics(chain, start, chain.block_number())
            assert {c["function"] for c in calls} == {"commit_weights", "reveal_weights"}, calls
            committed: set[tuple[str, bytes]] = set()
            last_reveal = {}
            for c in calls:
                if c["function"] == "commit_weights":
                    committed.add((c["signer"], hexbytes(c["args"]["hash"])))
                    continue
                a = c["args"]
                hotkey = bytes.fromhex(chain.substrate.ss58_decode(c["signer"]))
                digest = commit_hash(hotkey, int(a["netuid"]), list(a["uids"]), list(a["values"]), hexbytes(a["salt"]), int(a["version_key"]))
                assert (c["signer"], digest) in committed, f"a reveal with no commit: {c}"
                last_reveal[c["signer"]] = a
            for name in ("validator-1", "validator-2"):
                v = neurons[name]
                assert v["hotkey"] in last_reveal, f"{name} never revealed"
                row = chain.substrate.query("Weights", "Weights", [netuid, v["uid"]]).value
                assert [int(u) for u, _ in row] == [int(u) for u in last_reveal[v["hotkey"]]["uids"]]

            # The supply ledger holds.
            assert chain.supply()["holds"] == 1, chain.supply()
