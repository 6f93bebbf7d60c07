"""Proof of work: the solver's seal is the one the chain accepts."""

from __future__ import annotations

from bittensor_wallet import Keypair

from yuma import pow
from yuma.chain import Subnets

from conftest import funded


def test_meets_is_the_chains_overflow_check_at_the_boundary():
    d = 10_000_000
    bound = int.from_bytes(pow.limit(d), "big")
    assert pow.meets(bound.to_bytes(32, "big"), d)
    assert not pow.meets((bound + 1).to_bytes(32, "big"), d)
    assert pow.meets(b"\x00" * 32, 2**64 - 1) and not pow.meets(b"\xff" * 32, 2)


def test_solve_finds_a_seal_meeting_the_difficulty():
    work = pow.solve(5, b"\x01" * 32, b"\x02" * 32, b"\x03" * 32, 100_000, processes=2, timeout=30)
    assert work is not None and pow.meets(work.seal, 100_000)
    assert work.seal == pow.seal(b"\x01" * 32, b"\x02" * 32, b"\x03" * 32, work.nonce)
    assert pow.solve(5, b"\x01" * 32, b"\x02" * 32, b"\x03" * 32, 2**63, processes=1, timeout=0.5) is None


def test_registration_by_proof_of_work_at_the_dev_difficulty(chain, cr_netuid):
    assert int(chain.registration_info(cr_netuid)["difficulty"]) >= 10_000_000
    coldkey = funded(chain, 10)
    hotkey = Keypair.create_from_mnemonic(Keypair.generate_mnemonic(12))
    before = chain.balance(coldkey.ss58_address)
    uid = Subnets(chain).register_pow(coldkey, cr_netuid, hotkey.ss58_address)
    graph = chain.metagraph(cr_netuid)
    assert graph.hotkeys[uid] == hotkey.ss58_address and graph.coldkeys[uid] == coldkey.ss58_address
    # No burn: only the fee was paid (far less than the subnet's 1 TAO burn).
    assert before - chain.balance(coldkey.ss58_address) < 10**8
