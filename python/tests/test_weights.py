"""Commit-reveal handled for the caller: the hash, commit, remember, reveal in
its epoch, across a restart; expiry."""

from __future__ import annotations

import json

import numpy as np
import pytest
from bittensor_wallet import Keypair

from yuma.chain import Chain, Subnets
from yuma.weights import WeightSetter, commit_hash, epoch_start, to_row

from conftest import funded_many, register_many



def new_key() -> Keypair:
    return Keypair.create_from_mnemonic(Keypair.generate_mnemonic(12))


@pytest.fixture(scope="module")
def neurons(node_url, cr_netuid):
    """On the commit-reveal subnet: two validators with 2 TAO staked, two miners."""
    with Chain(node_url) as chain:
        # Weight calls are free, but their signer must exist: 1 TAO each.
        owner, *keys = funded_many(chain, 50, 1, 1, 1, 1)
        uids = register_many(chain, owner, cr_netuid, keys, {0: 2 * 10**9, 1: 2 * 10**9})
        return keys, uids


def test_the_commit_hash_matches_an_independent_encoding():
    """Known answers computed with polkadot.js (TypeRegistry + blake2AsHex) for
    SCALE((AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u8>, u64))."""
    hotkey = bytes([0x11]) * 32
    assert commit_hash(hotkey, 7, [1, 3, 300], [65535, 32768, 1], bytes([0xAB]) * 16, 9).hex() == (
        "50fbb609b47923d45d7fa900a7bbefc9564f6b6e49b1ffa88b040650d8413589"
    )
    # Vectors of more than 63 entries (two-byte compact lengths), a large netuid and version key.
    assert commit_hash(hotkey, 300, list(range(70)), list(range(1, 71)), bytes([1]) * 64, 2**63).hex() == (
        "33ed62189b20faaac56ac54024c4c43afa7c53b23966d971d47c1d90b4a86e94"
    )


def test_to_row_is_the_chains_row():
    assert to_row([3, 1, 2], [0.5, 1.0, 0.0]) == ([1, 3], [65535, 32768])
    with pytest.raises(ValueError):
        to_row([1], [0.0])
    with pytest.raises(ValueError):
        to_row([1, 1], [1.0, 1.0])
    with pytest.raises(ValueError):
        to_row([1], [float("nan")])


def test_the_commit_hash_is_the_chains(chain, cr_netuid, neurons, tmp_path):
    """The hash the SDK commits is the one the chain stores for it."""
    (validator, _, _, _), (_, _, m1, m2) = neurons
    setter = WeightSetter(chain, validator, cr_netuid, tmp_path)
    commit = setter.set_weights([m1, m2], [1.0, 0.5])
    salt = bytes.fromhex(commit.salt)
    assert commit_hash(validator.public_key, cr_netuid, commit.uids, commit.values, salt, 0).hex() == commit.hash
    held = chain.substrate.query("Weights", "Commits", [cr_netuid, neurons[1][0]]).value
    assert any((h["hash"] if isinstance(h["hash"], str) else "0x" + bytes(h["hash"]).hex()).removeprefix("0x") == commit.hash for h in held)
    assert commit.reveal_epoch == setter.epoch() + 1 or commit.reveal_epoch == setter.epoch()
    # Remembered on disk, salt included, before the reveal.
    saved = json.loads(setter.path.read_text())
    assert saved[0]["salt"] == commit.salt and saved[0]["reveal_epoch"] == commit.reveal_epoch
    done = setter.reveal_all(timeout=120)
    assert [p.hash for p in done.revealed] == [commit.hash], done


def test_commit_then_reveal_across_a_restart(node_url, cr_netuid, neurons, tmp_path):
    (_, validator, _, _), (_, v_uid, m1, m2) = neurons
    with Chain(node_url) as chain:
        setter = WeightSetter(chain, validator, cr_netuid, tmp_path)
        Subnets(chain).wait_for_epoch(cr_netuid)  # commit early in an epoch: the reveal is an epoch away
        commit = setter.set_weights([m1, m2], [0.25, 1.0])
        # Too early: nothing is revealed, the commit waits.
        early = setter.reveal_due()
        assert not early.revealed and early.waiting and setter.pending()
    # A new process: a new connection and a new WeightSetter over the same file.
    with Chain(node_url) as chain:
        again = WeightSetter(chain, validator, cr_netuid, tmp_path)
        assert [p.hash for p in again.pending()] == [commit.hash]
        done = again.reveal_all(timeout=120)
        assert [p.hash for p in done.revealed] == [commit.hash] and not done.expired
        assert again.pending() == []
        row = chain.substrate.query("Weights", "Weights", [cr_netuid, v_uid]).value
        assert sorted((int(u), int(v)) for u, v in row) == [(m1, 16384), (m2, 65535)]
        graph = chain.metagraph(cr_netuid)
        assert np.isclose(graph.weights[v_uid, m2], 1.0) and np.isclose(graph.weights[v_uid, m1], 16384 / 65535)


def test_a_commit_not_revealed_in_its_epoch_expires(chain, cr_netuid, neurons, tmp_path):
    (validator, _, _, _), (_, _, m1, _) = neurons
    setter = WeightSetter(chain, validator, cr_netuid, tmp_path)
    commit = setter.set_weights([m1], [1.0])
    tempo = int(chain.hyperparameters(cr_netuid)["tempo"])
    # Wait past the reveal epoch's last block.
    Subnets(chain).wait_for_block(epoch_start(cr_netuid, tempo, commit.reveal_epoch + 1))
    outcome = setter.reveal_due()
    assert [p.hash for p in outcome.expired] == [commit.hash] and not outcome.revealed
    assert setter.pending() == []
