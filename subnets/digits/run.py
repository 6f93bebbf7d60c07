"""Runs the digits subnet set up by ``bootstrap.py``: three miners (good, weak,
random) and two validators, each its own process (logs in
``<home>/logs``), and prints the metagraph after every epoch. Ctrl-C stops
them all.

    python subnets/digits/run.py [--epochs N]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from yuma.chain import Chain, Subnets

HERE = Path(__file__).resolve().parent
HOME = Path(os.environ.get("YUMA_HOME", Path.home() / ".yuma")) / "digits"
PORTS = {"good": 8101, "weak": 8102, "random": 8103}


def launch(state: dict, home: Path = HOME, ports: dict[str, int] | None = None) -> list[subprocess.Popen]:
    """Starts the five processes (miners on ``ports``, default :data:`PORTS`);
    returns them (the caller stops them)."""
    ports = ports or PORTS
    logs = home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    common = ["--url", state["url"], "--netuid", str(state["netuid"]), "--wallet-path", state["wallet_path"]]
    procs = []
    for quality, port in ports.items():
        args = [sys.executable, str(HERE / "miner.py"), *common, "--wallet", f"miner-{quality}", "--port", str(port), "--quality", quality]
        procs.append(subprocess.Popen(args, stdout=open(logs / f"miner-{quality}.log", "w"), stderr=subprocess.STDOUT))
    for k, name in enumerate(("validator-1", "validator-2")):
        args = [sys.executable, str(HERE / "validator.py"), *common, "--wallet", name, "--state-dir", str(home / "commits"), "--seed", str(k)]
        procs.append(subprocess.Popen(args, stdout=open(logs / f"{name}.log", "w"), stderr=subprocess.STDOUT))
    return procs


def stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()


def table(chain: Chain, state: dict) -> str:
    graph = chain.metagraph(state["netuid"])
    by_uid = {v["uid"]: n for n, v in state["neurons"].items()}
    lines = [f"{'neuron':12} {'uid':>3} {'incentive':>9} {'dividends':>9} {'stake (TAO)':>12}"]
    for uid in range(graph.n):
        lines.append(f"{by_uid.get(uid, '?'):12} {uid:>3} {graph.incentive[uid]:>9.4f} {graph.dividends[uid]:>9.4f} {graph.stake[uid] / 1e9:>12.4f}")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--home", default=str(HOME))
    p.add_argument("--epochs", type=int, default=0, help="Stop after this many epochs (0: run until Ctrl-C).")
    args = p.parse_args()
    home = Path(args.home)
    state = json.loads((home / "subnet.json").read_text())
    procs = launch(state, home)
    print(f"[digits] 3 miners and 2 validators started on subnet {state['netuid']}; logs in {home / 'logs'}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        with Chain(state["url"]) as chain:
            subnets = Subnets(chain)
            epoch = 0
            while args.epochs == 0 or epoch < args.epochs:
                block = subnets.wait_for_epoch(state["netuid"])
                epoch += 1
                dead = [p.args[1] for p in procs if p.poll() is not None]
                if dead:
                    raise SystemExit(f"stopped early: {dead}; see {home / 'logs'}")
                print(f"\n[digits] epoch at block {block}\n{table(chain, state)}", flush=True)
                time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        stop(procs)


if __name__ == "__main__":
    main()
