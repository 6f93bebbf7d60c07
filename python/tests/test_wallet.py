"""Wallets on disk (no node needed)."""

from __future__ import annotations

import pytest

from yuma import wallet


def test_a_wallet_is_created_listed_and_reopened(tmp_path):
    path = str(tmp_path)
    mnemonic = wallet.create("alice", "correct horse battery", hotkeys=("miner", "validator"), path=path)
    listed = wallet.list_wallets(path)
    assert list(listed) == ["alice"]
    assert set(listed["alice"]["hotkeys"]) == {"miner", "validator"}
    cold = wallet.coldkey("alice", "correct horse battery", path)
    assert cold.ss58_address == listed["alice"]["coldkey"]
    assert wallet.hotkey("alice", "miner", path).ss58_address == listed["alice"]["hotkeys"]["miner"]
    # The coldkey file is encrypted: its secret is not on disk in the clear.
    raw = (tmp_path / "alice" / "coldkey").read_bytes()
    assert mnemonic.encode() not in raw and b"secretPhrase" not in raw
    # Hotkeys are kept in the clear, as bittensor-wallet keeps them.
    assert b"secretPhrase" in (tmp_path / "alice" / "hotkeys" / "miner").read_bytes()
    # Imported from its mnemonic elsewhere, it is the same key.
    assert wallet.import_coldkey("again", mnemonic, "another pass", path) == cold.ss58_address


def test_a_wrong_password_or_an_overwrite_is_refused(tmp_path):
    path = str(tmp_path)
    wallet.create("bob", "right password", path=path)
    with pytest.raises(Exception):
        wallet.coldkey("bob", "wrong password", path)
    with pytest.raises(FileExistsError):
        wallet.create("bob", "right password", path=path)
    with pytest.raises(FileExistsError):
        wallet.add_hotkey("bob", "default", path)
    assert wallet.list_wallets(str(tmp_path / "none")) == {}
