"""Sets up the digits subnet on a dev chain (``make dev``): six wallets
(the owner, two validators, three miners), funded by //Alice (and their hotkeys, for fees); a subnet the
owner registers; short epochs set by //Alice, the dev chain's sudo key; the
validators and the weak and random miners registered by burn, the good miner
by proof of work; 100 TAO staked by each validator's owner on its hotkey.
Writes what it made to ``<home>/subnet.json`` for ``run.py``.

    python subnets/digits/bootstrap.py [--url ws://127.0.0.1:9944] [--tempo 4]
"""

from __future__ import annotations

import argparse
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bittensor_wallet import Keypair

from yuma import wallet as wallets
from yuma.chain import Chain, Subnets

HOME = Path(os.environ.get("YUMA_HOME", Path.home() / ".yuma")) / "digits"
PASSWORD = "digits-dev"  # dev wallets only: these keys guard nothing of value
TAO = 1_000_000_000
MINERS = ("good", "weak", "random")
VALIDATORS = ("validator-1", "validator-2")


def say(*parts) -> None:
    print("[digits]", *parts, flush=True)


def ensure_wallet(name: str, path: str) -> None:
    if name not in wallets.list_wallets(path):
        wallets.create(name, PASSWORD, ("default",), path)


def setup(url: str, home: Path = HOME, tempo: int = 4, stake: int = 100 * TAO) -> dict:
    home.mkdir(parents=True, exist_ok=True)
    path = str(home / "wallets")
    names = ["owner", *VALIDATORS, *(f"miner-{q}" for q in MINERS)]
    for name in names:
        ensure_wallet(name, path)
    cold = {n: wallets.coldkey(n, PASSWORD, path) for n in names}
    hot = {n: wallets.hotkey(n, "default", path) for n in names}
    alice = Keypair.create_from_uri("//Alice")

    with Chain(url) as chain:
        subnets = Subnets(chain)
        say(f"funding {len(names)} wallets from //Alice")
        # Coldkeys pay burns, locks and stake; hotkeys their own fees (axon, commitment;
        # weight calls are free but their signer must exist).
        pay = [(cold["owner"].ss58_address, chain.network_lock_cost() + 100 * TAO)]
        pay += [(cold[n].ss58_address, 1_000 * TAO) for n in names[1:]] + [(hot[n].ss58_address, TAO) for n in names[1:]]
        chain.batch(alice, [("Balances", "transfer_keep_alive", {"dest": d, "value": v}) for d, v in pay])
        netuid = subnets.register_network(cold["owner"])
        say(f"subnet {netuid} registered by the owner; tempo {tempo} set by sudo")
        rules = [("Tempo", tempo), ("WeightsRateLimit", 1), ("MaxRegsPerBlock", 8), ("ImmunityPeriod", 1000)]
        calls = [chain.substrate.compose_call("Subnets", "set_hyperparameter", {"netuid": netuid, "value": {k: v}}) for k, v in rules]
        chain.sudo(alice, "Utility", "batch_all", {"calls": calls})

    def register(name: str) -> tuple[str, int]:
        with Chain(url) as own:
            s = Subnets(own)
            if name == "miner-good":
                uid = s.register_pow(cold[name], netuid, hot[name].ss58_address)
            else:
                uid = s.burned_register(cold[name], netuid, hot[name].ss58_address)
            if name in VALIDATORS:
                s.add_stake(cold[name], hot[name].ss58_address, stake)
            return name, uid

    say("registering the validators and the weak and random miners by burn, the good miner by proof of work")
    with ThreadPoolExecutor(max_workers=len(names) - 1) as pool:
        uids = dict(pool.map(register, names[1:]))
    state = {
        "url": url,
        "netuid": netuid,
        "tempo": tempo,
        "wallet_path": path,
        "neurons": {n: {"uid": uids[n], "hotkey": hot[n].ss58_address, "coldkey": cold[n].ss58_address} for n in names[1:]},
        "owner": cold["owner"].ss58_address,
    }
    (home / "subnet.json").write_text(json.dumps(state, indent=1))
    for n in names[1:]:
        say(f"  {n:12} uid {uids[n]}  hotkey {hot[n].ss58_address}")
    say(f"wrote {home / 'subnet.json'}")
    return state


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="ws://127.0.0.1:9944")
    p.add_argument("--tempo", type=int, default=4)
    p.add_argument("--home", default=str(HOME))
    args = p.parse_args()
    setup(args.url, Path(args.home), args.tempo)


if __name__ == "__main__":
    main()
