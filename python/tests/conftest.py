"""A `yuma-node --dev --tmp` for the suite, on free ports, always stopped."""

from __future__ import annotations

import pytest
from bittensor_wallet import Keypair

from yuma.chain import Chain, Subnets
from yuma.devnode import ROOT, dev_node


@pytest.fixture(scope="session")
def node_url():
    with dev_node(ROOT / "python" / ".node.log") as url:
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
    key = Keypair.create_from_mnemonic(Keypair.generate_mnemonic(12))
    chain.call(Keypair.create_from_uri("//Alice"), "Balances", "transfer_keep_alive", {"dest": key.ss58_address, "value": tao * 10**9})
    return key


@pytest.fixture(scope="session")
def cr_netuid(node_url):
    """A subnet with commit-reveal on, an epoch every 5 blocks and one row a block allowed,
    where Alice's coldkey registers whatever the tests need."""
    with Chain(node_url) as chain:
        return fresh_subnet(chain, Tempo=4, WeightsRateLimit=1, MaxRegsPerBlock=8, CommitRevealEnabled=True)
