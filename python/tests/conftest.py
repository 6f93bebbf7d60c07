"""A `yuma-node --dev --tmp` for the suite, on free ports, always stopped."""

from __future__ import annotations

import os

import pytest
from bittensor_wallet import Keypair

from yuma.chain import Chain, Subnets
from yuma.devnode import ROOT, dev_node


@pytest.fixture(scope="session")
def node_url():
    # One node per pytest-xdist worker (make test-python runs the files on 4).
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with dev_node(ROOT / "python" / f".node-{worker}.log") as url:
        yield url


@pytest.fixture
def chain(node_url):
    with Chain(node_url) as c:
        yield c


@pytest.fixture(scope="session")
def netuid(node_url):
    """One subnet for the suite, owned by Alice (a second would wait out the network rate limit)."""
    with Chain(node_url) as chain:
        return Subnets(chain).register_network(Keypair.create_from_uri("//Alice"))


def fresh_subnet(chain: Chain, **hyperparameters) -> int:
    """A new subnet owned by Alice, made by sudo (no lock, no network rate limit),
    with these hyperparameters (``Tempo=4``, ...)."""
    from yuma.chain import find_event

    alice = Keypair.create_from_uri("//Alice")
    hp = [{k: v} for k, v in hyperparameters.items()]
    # A BoundedVec is a one-field composite to scalecodec: its list goes in a list.
    events = chain.sudo(alice, "Subnets", "create_subnet", {"owner": alice.ss58_address, "hyperparameters": [hp]})
    return int(find_event(events, "Subnets", "NetworkRegistered")["netuid"])


def funded(chain: Chain, tao: int = 100) -> Keypair:
    """A new keypair holding ``tao`` TAO from Alice."""
    return funded_many(chain, tao)[0]


def funded_many(chain: Chain, *tao: int) -> list[Keypair]:
    """New keypairs holding these amounts of TAO from Alice, in one block."""
    keys = [Keypair.create_from_mnemonic(Keypair.generate_mnemonic(12)) for _ in tao]
    transfers = [("Balances", "transfer_keep_alive", {"dest": k.ss58_address, "value": t * 10**9}) for k, t in zip(keys, tao)]
    chain.batch(Keypair.create_from_uri("//Alice"), transfers)
    return keys


def register_many(chain: Chain, owner: Keypair, netuid: int, hotkeys: list[Keypair], stake: dict[int, int] | None = None) -> list[int]:
    """``owner`` registers ``hotkeys`` on ``netuid`` by burn and stakes ``stake[k]``
    rao on the k-th, in one block (the subnet must allow that many registrations
    a block); returns their uids."""
    from yuma.chain import find_event

    calls = [("Subnets", "burned_register", {"netuid": netuid, "hotkey": h.ss58_address}) for h in hotkeys]
    calls += [("Stake", "add_stake", {"hotkey": hotkeys[k].ss58_address, "amount": a}) for k, a in (stake or {}).items()]
    events = chain.batch(owner, calls)
    uids = {}
    for e in events:
        body = e.get("event", e)
        if body.get("event_id") == "NeuronRegistered":
            uids[body["attributes"]["hotkey"]] = int(body["attributes"]["uid"])
    find_event(events, "Utility", "BatchCompleted")  # LookupError if it did not complete
    return [uids[h.ss58_address] for h in hotkeys]


@pytest.fixture(scope="session")
def cr_netuid(node_url):
    """A subnet with commit-reveal on, an epoch every 5 blocks and one row a block allowed,
    where Alice's coldkey registers whatever the tests need."""
    with Chain(node_url) as chain:
        return fresh_subnet(chain, Tempo=4, WeightsRateLimit=1, MaxRegsPerBlock=8, CommitRevealEnabled=True)
