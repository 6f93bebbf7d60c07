"""Wallets: an encrypted coldkey and plain hotkeys, in bittensor-wallet's
on-disk layout (``~/.bittensor/wallets/<name>/coldkey``, ``.../hotkeys/<hotkey>``),
so wallets already on a user's disk work unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bittensor_wallet import Keypair, Wallet

#: Where wallets live unless a path is given.
DEFAULT_PATH = "~/.bittensor/wallets"


def _wallet(name: str, hotkey: str = "default", path: str = DEFAULT_PATH) -> Wallet:
    return Wallet(name=name, hotkey=hotkey, path=path)


def create(name: str, password: str, hotkeys: tuple[str, ...] = ("default",), path: str = DEFAULT_PATH) -> str:
    """A new wallet: a coldkey encrypted with ``password`` and the named hotkeys.
    Refuses to overwrite an existing coldkey (``FileExistsError``). Returns the
    coldkey's mnemonic: the only way back to it, to be written down."""
    wallet = _wallet(name, hotkeys[0] if hotkeys else "default", path)
    if wallet.coldkeypub_file.exists_on_device():
        raise FileExistsError(f"wallet {name!r} already has a coldkey in {os.path.expanduser(path)}")
    mnemonic = Keypair.generate_mnemonic(12)
    wallet.regenerate_coldkey(mnemonic=mnemonic, use_password=True, overwrite=False, suppress=True, coldkey_password=password)
    for hotkey in hotkeys:
        add_hotkey(name, hotkey, path)
    return mnemonic


def add_hotkey(name: str, hotkey: str, path: str = DEFAULT_PATH, mnemonic: str | None = None) -> str:
    """A hotkey (new, or from ``mnemonic``) stored unencrypted; returns its address."""
    wallet = _wallet(name, hotkey, path)
    if wallet.hotkey_file.exists_on_device():
        raise FileExistsError(f"wallet {name!r} already has a hotkey {hotkey!r}")
    wallet.regenerate_hotkey(mnemonic=mnemonic or Keypair.generate_mnemonic(12), use_password=False, overwrite=False, suppress=True)
    return wallet.hotkey.ss58_address


def import_coldkey(name: str, mnemonic: str, password: str, path: str = DEFAULT_PATH) -> str:
    """A coldkey from its mnemonic, encrypted with ``password``; returns its address."""
    wallet = _wallet(name, path=path)
    if wallet.coldkeypub_file.exists_on_device():
        raise FileExistsError(f"wallet {name!r} already has a coldkey")
    wallet.regenerate_coldkey(mnemonic=mnemonic, use_password=True, overwrite=False, suppress=True, coldkey_password=password)
    return wallet.coldkeypub.ss58_address


def coldkey(name: str, password: str, path: str = DEFAULT_PATH) -> Keypair:
    """The coldkey, decrypted (a wrong password raises)."""
    return _wallet(name, path=path).get_coldkey(password=password)


def hotkey(name: str, hotkey: str = "default", path: str = DEFAULT_PATH) -> Keypair:
    """A hotkey of the wallet."""
    return _wallet(name, hotkey, path).get_hotkey()


def list_wallets(path: str = DEFAULT_PATH) -> dict[str, dict[str, Any]]:
    """Every wallet under ``path``: its coldkey's address (read from the public
    file, no password) and its hotkeys' addresses."""
    root = Path(os.path.expanduser(path))
    out: dict[str, dict[str, Any]] = {}
    if not root.is_dir():
        return out
    for entry in sorted(root.iterdir()):
        if not entry.is_dir():
            continue
        wallet = _wallet(entry.name, path=str(root))
        cold = wallet.coldkeypub.ss58_address if wallet.coldkeypub_file.exists_on_device() else None
        hotkeys = {}
        for file in sorted((entry / "hotkeys").glob("*")) if (entry / "hotkeys").is_dir() else []:
            if file.is_file() and not file.name.endswith("pub.txt"):
                hotkeys[file.name] = _wallet(entry.name, file.name, str(root)).get_hotkey().ss58_address
        out[entry.name] = {"coldkey": cold, "hotkeys": hotkeys}
    return out
