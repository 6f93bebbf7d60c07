"""Weights refused, by name, before anything is lost: a commit the rate limit
would keep from its reveal, an unreadable commit file, a stranger's commit, a
signer with no account; and the direct path when commit-reveal is off."""

from __future__ import annotations

import pytest
from bittensor_wallet import Keypair

from yuma import ChainError, PoolRefusal
from yuma.weights import WeightSetter

from conftest import fresh_subnet, funded, funded_many, register_many


def new_key() -> Keypair:
    return Keypair.create_from_mnemonic(Keypair.generate_mnemonic(12))


def test_a_commit_the_rate_limit_would_stop_from_revealing_is_refused_before_it_is_made(chain, tmp_path):
    netuid = fresh_subnet(chain, Tempo=4, WeightsRateLimit=100, MaxRegsPerBlock=8, CommitRevealEnabled=True)
    owner, validator = funded_many(chain, 20, 1)
    miner = new_key()
    v, m = register_many(chain, owner, netuid, [validator, miner], {0: 2 * 10**9})
    setter = WeightSetter(chain, validator, netuid, tmp_path)
    setter.set_weights([m], [1.0])
    setter.reveal_all(timeout=120)  # the first row: no rate limit yet
    with pytest.raises(ChainError) as err:
        setter.set_weights([m], [1.0])  # 100 blocks outlast the next reveal epoch (5 blocks)
    assert err.value.name == "weights.RateLimited" and "could not be revealed" in err.value.docs
    assert setter.pending() == []
    assert chain.substrate.query("Weights", "Commits", [netuid, v]).value in (None, [])


def test_a_row_the_chain_would_refuse_at_reveal_is_not_committed(chain, cr_netuid, tmp_path):
    [owner, validator] = funded_many(chain, 10, 1)
    v, m = register_many(chain, owner, cr_netuid, [validator, new_key()], {0: 2 * 10**9})
    n = int(chain.substrate.query("Subnets", "SubnetN", [cr_netuid]).value)
    setter = WeightSetter(chain, validator, cr_netuid, tmp_path)
    with pytest.raises(ChainError) as err:
        setter.set_weights([n], [1.0])  # no such uid
    assert err.value.name == "weights.UidOutOfRange"
    assert setter.pending() == []
    assert chain.substrate.query("Weights", "Commits", [cr_netuid, v]).value in (None, [])
    # The same rules as the chain's: the row it takes, it takes (and the pool checks it first).
    assert setter.set_weights([m, v], [1.0, 1.0]) is not None


def test_the_row_rules_are_the_chains():
    from yuma.weights import check_row

    hp = {"min_allowed_weights": 3, "max_weight_limit": 32768}
    check_row(hp, 5, 0, [0], [65535])  # a weight on itself alone is always allowed
    with pytest.raises(ChainError, match="weights.TooFewWeights"):
        check_row(hp, 5, 0, [1, 2], [1, 1])
    with pytest.raises(ChainError, match="weights.MaxWeightExceeded"):
        check_row(hp, 5, 0, [1, 2, 3], [65535, 1, 1])
    check_row(hp, 5, 0, [1, 2, 3], [65535, 65535, 65535])
    # Fewer uids than min_allowed_weights: an equal spread is never refused.
    check_row({"min_allowed_weights": 8, "max_weight_limit": 1000}, 2, 0, [0, 1], [65535, 65535])
    with pytest.raises(ChainError, match="weights.TooManyWeights"):
        check_row(hp, 2, 0, [0, 1, 2], [1, 1, 1])


def test_an_unreadable_commit_file_is_moved_aside_by_name(chain, cr_netuid, tmp_path):
    from yuma.weights import CommitFileError

    setter = WeightSetter(chain, new_key(), cr_netuid, tmp_path)
    setter.path.write_text("{not json")
    with pytest.raises(CommitFileError) as err:
        setter.pending()
    assert err.value.moved_to.read_text() == "{not json" and not setter.path.exists()
    assert setter.pending() == []


def test_a_refused_commit_is_not_remembered_and_raises_by_name(chain, cr_netuid, tmp_path):
    stranger = funded(chain, 1)  # an account, holding no uid
    setter = WeightSetter(chain, stranger, cr_netuid, tmp_path)
    with pytest.raises(ChainError) as err:
        setter.set_weights([0], [1.0])
    assert err.value.name == "weights.NotRegistered"
    assert setter.pending() == []


def test_a_weight_call_from_no_account_is_refused_by_the_pool_by_name(chain, cr_netuid, tmp_path):
    [owner] = funded_many(chain, 5)
    hotkey = new_key()  # registered, but holding nothing: no account
    register_many(chain, owner, cr_netuid, [hotkey])
    setter = WeightSetter(chain, hotkey, cr_netuid, tmp_path)
    with pytest.raises(PoolRefusal) as err:
        setter.set_weights([0], [1.0])
    assert setter.pending() == []  # refused by the pool: in no block, forgotten
    # Weight calls are free, but the signer must exist (the nonce's account).
    assert err.value.name == "InvalidTransaction.Payment"


def test_without_commit_reveal_weights_are_set_at_once(chain, tmp_path):
    netuid = fresh_subnet(chain, Tempo=4, WeightsRateLimit=1, MaxRegsPerBlock=8, CommitRevealEnabled=False)
    owner, validator = funded_many(chain, 20, 1)
    miner = new_key()
    v, m = register_many(chain, owner, netuid, [validator, miner], {0: 2 * 10**9})
    assert WeightSetter(chain, validator, netuid, tmp_path).set_weights([m], [3.0]) is None
    assert [tuple(map(int, e)) for e in chain.substrate.query("Weights", "Weights", [netuid, v]).value] == [(m, 65535)]
    # A row the chain refuses raises by name (here from the pool: nothing is paid).
    with pytest.raises(ChainError) as err:
        WeightSetter(chain, validator, netuid, tmp_path).set_weights([m, 99], [1.0, 1.0])
    assert err.value.name in ("weights.UidOutOfRange", "weights.TooManyWeights")
