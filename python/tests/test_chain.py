"""The chain client against a dev node: reads, signed calls, errors by name."""

from __future__ import annotations

import numpy as np
import pytest
from bittensor_wallet import Keypair

from yuma import ChainError, PoolRefusal
from yuma.chain import find_event

alice, bob, charlie, ferdie = (Keypair.create_from_uri(f"//{n}") for n in ("Alice", "Bob", "Charlie", "Ferdie"))


def test_root_is_a_subnet_from_genesis(chain):
    assert chain.subnets()[0] == 0
    hp = chain.hyperparameters(0)
    assert hp["tempo"] > 0 and isinstance(hp["commit_reveal_enabled"], bool)


def test_an_unknown_subnet_is_refused_by_name(chain):
    with pytest.raises(ChainError) as err:
        chain.hyperparameters(77)
    assert err.value.name == "subnets.SubnetNotFound"


def test_a_subnet_and_a_neuron_show_in_the_metagraph(chain, netuid):
    assert netuid in chain.subnets()
    events = chain.call(bob, "Subnets", "burned_register", {"netuid": netuid, "hotkey": charlie.ss58_address})
    uid = find_event(events, "Subnets", "NeuronRegistered")["uid"]
    graph = chain.metagraph(netuid)
    assert graph.hotkeys[uid] == charlie.ss58_address
    assert graph.coldkeys[uid] == bob.ss58_address
    assert graph.stake.dtype == np.int64 and graph.weights.shape == (graph.n, graph.n)
    assert not graph.validator_permit[uid]


def test_a_call_that_fails_in_its_block_raises_its_name(chain):
    with pytest.raises(ChainError) as err:
        chain.call(ferdie, "Subnets", "burned_register", {"netuid": 77, "hotkey": ferdie.ss58_address})
    assert err.value.name == "subnets.SubnetNotFound"
    assert not isinstance(err.value, PoolRefusal)
    with pytest.raises(ChainError) as err:
        too_much = chain.balance(ferdie.ss58_address) + 1
        chain.call(ferdie, "Balances", "transfer_keep_alive", {"dest": bob.ss58_address, "value": too_much})
    assert err.value.name == "Token.FundsUnavailable"


def test_a_weight_call_the_pool_refuses_raises_its_name_and_costs_nothing(chain):
    before = chain.balance(ferdie.ss58_address)
    with pytest.raises(PoolRefusal) as err:
        chain.call(ferdie, "Weights", "set_weights", {"netuid": 0, "uids": [1], "values": [1], "version_key": 0})
    # Root has commit-reveal on by default: that refusal comes first.
    assert err.value.name in ("weights.CommitRevealEnabled", "weights.NotRegistered")
    assert "1010" in str(err.value.data)
    assert chain.balance(ferdie.ss58_address) == before


def test_registration_stake_and_axon_through_the_helpers(chain):
    from yuma.chain import Subnets

    from conftest import fresh_subnet

    # Alice's, with a long tempo: owners may not change hyperparameters in the
    # 10 blocks before an epoch, 10 blocks in 361 here.
    netuid = fresh_subnet(chain, Tempo=360)
    subnets = Subnets(chain)
    # Owners may not change hyperparameters in the 10 blocks before an epoch.
    if subnets.next_epoch_block(netuid) - chain.block_number() <= 13:
        subnets.wait_for_block(subnets.next_epoch_block(netuid))
    subnets.set_hyperparameter(alice, netuid, "CommitRevealEnabled", False)
    assert chain.hyperparameters(netuid)["commit_reveal_enabled"] is False
    uid = subnets.burned_register(bob, netuid, ferdie.ss58_address)
    assert subnets.add_stake(bob, ferdie.ss58_address, 2 * 10**9) == 2 * 10**9
    assert subnets.remove_stake(bob, ferdie.ss58_address, 10**9) == 10**9
    subnets.serve_axon(ferdie, netuid, "10.0.0.7", 8091)
    graph = chain.metagraph(netuid)
    assert graph.hotkeys[uid] == ferdie.ss58_address
    assert graph.stake[uid] == 10**9
    axon = graph.axons[uid]
    assert axon is not None and axon["port"] == 8091
    # Errors keep their names through the helpers too.
    with pytest.raises(ChainError) as err:
        subnets.burned_register(bob, netuid, ferdie.ss58_address)
    assert err.value.name == "subnets.AlreadyRegistered"
    with pytest.raises(ValueError):
        subnets.serve_axon(ferdie, netuid, "10.0.0", 8091)
    # Root-only hyperparameters are refused to the owner, by name.
    with pytest.raises(ChainError) as err:
        subnets.set_hyperparameter(alice, netuid, "MaxRegsPerBlock", 4)
    assert err.value.name == "subnets.RootOnlyHyperparameter"
    block = subnets.next_epoch_block(netuid)
    tempo = chain.hyperparameters(netuid)["tempo"]
    assert (block + netuid + 1) % (tempo + 1) == 0 and block > chain.block_number()


def test_commitments_positions_supply_events_and_sudo(chain, cr_netuid):
    from yuma.chain import Subnets

    from conftest import funded_many

    subnets = Subnets(chain)
    owner, hotkey = funded_many(chain, 20, 1)  # a hotkey pays its own calls' fees
    info = chain.registration_info(cr_netuid)
    assert info["registration_allowed"] and int(info["burn"]) > 0
    uid = subnets.burned_register(owner, cr_netuid, hotkey.ss58_address)
    assert chain.uid(cr_netuid, hotkey.ss58_address) == uid
    assert chain.uid(cr_netuid, owner.ss58_address) is None
    # A model commitment: published by the hotkey, read back byte for byte.
    subnets.commit(hotkey, cr_netuid, b"model " + bytes(range(32)))
    block, data = chain.commitment(cr_netuid, hotkey.ss58_address)
    assert data == b"model " + bytes(range(32)) and block <= chain.block_number()
    with pytest.raises(ChainError) as err:
        subnets.commit(hotkey, cr_netuid, b"")
    assert err.value.name == "subnets.InvalidCommitmentLength"
    # Positions of a coldkey.
    subnets.add_stake(owner, hotkey.ss58_address, 3 * 10**9)
    [position] = chain.positions(owner.ss58_address)
    assert position["hotkey"] == hotkey.ss58_address and int(position["amount"]) == 3 * 10**9
    # The supply ledger holds.
    ledger = chain.supply()
    assert ledger["holds"] == 1 and ledger["issuance"] == ledger["accounts"]
    # Events of a block, and root's errors by name through sudo.
    assert any(e["event"]["module_id"] == "System" if "event" in e else e.get("module_id") == "System" for e in chain.events())
    with pytest.raises(ChainError) as err:
        chain.sudo(alice, "Subnets", "set_hyperparameter", {"netuid": 77, "value": {"Tempo": 4}})
    assert err.value.name == "subnets.SubnetNotFound"
    with pytest.raises(ChainError) as err:
        chain.sudo(bob, "Subnets", "set_hyperparameter", {"netuid": cr_netuid, "value": {"Tempo": 4}})
    assert err.value.name == "sudo.RequireSudo"
