"""A digits miner: trains a model at start, serves predictions on its axon,
announces the axon and commits to its model's hash on chain.

    python subnets/digits/miner.py --netuid 1 --wallet miner-good --port 8101 --quality good

``--quality``: ``good`` (an RBF SVM on all 1,200 training images, ~98 %),
``weak`` (a depth-4 tree on 200 of them, ~40 %), ``random`` (answers at
random, ~10 %). The axon takes ``{"images": [[64 floats], ...]}`` at
``/predict`` and answers ``{"labels": [...]}``; only registered hotkeys may
ask (``--require-permit``: only validators with a permit, so that another
miner cannot relay this one's answers as its own).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import model_hash, neuron_args, split  # noqa: E402

from yuma import wallet as wallets  # noqa: E402
from yuma.axon import Axon  # noqa: E402
from yuma.chain import Chain, Subnets  # noqa: E402
from yuma.errors import ChainError  # noqa: E402


class RandomModel:
    """Answers at random: the floor every real model must beat."""

    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)

    def predict(self, x):
        return self.rng.integers(0, 10, size=len(x))


def train(quality: str):
    x, y, _, _ = split()
    if quality == "good":
        from sklearn.svm import SVC

        return SVC(gamma=0.001).fit(x, y)
    if quality == "weak":
        from sklearn.tree import DecisionTreeClassifier

        return DecisionTreeClassifier(max_depth=4, random_state=0).fit(x[:200], y[:200])
    if quality == "random":
        return RandomModel()
    raise SystemExit(f"unknown --quality {quality!r}: good, weak or random")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    neuron_args(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8101)
    p.add_argument("--quality", default="good", choices=["good", "weak", "random"])
    p.add_argument("--require-permit", action="store_true", help="Answer only hotkeys with a validator permit.")
    args = p.parse_args(argv)

    hotkey = wallets.hotkey(args.wallet, args.hotkey, args.wallet_path)
    model = train(args.quality)
    digest = model_hash(model)
    print(f"miner {hotkey.ss58_address}: {args.quality} model {digest.hex()[:16]}", flush=True)

    def predict(body, caller):
        images = np.asarray(body.get("images", []), dtype=np.float64)
        if images.ndim != 2 or images.shape[1] != 64 or len(images) > 256:
            raise ValueError("images must be at most 256 rows of 64 numbers")
        return {"labels": [int(v) for v in model.predict(images)]}

    axon = Axon(hotkey, args.netuid, args.url, host=args.host, port=args.port, require_permit=args.require_permit)
    axon.route("predict", predict).start()
    with Chain(args.url) as chain:
        subnets = Subnets(chain)
        if chain.uid(args.netuid, hotkey.ss58_address) is None:
            raise SystemExit(f"{hotkey.ss58_address} is not registered on subnet {args.netuid}")
        try:
            subnets.serve_axon(hotkey, args.netuid, args.host, args.port)
        except ChainError as refused:
            if refused.name != "subnets.ServingRateLimited":
                raise
        try:
            subnets.commit(hotkey, args.netuid, b"digits/v1 " + digest)
        except ChainError as refused:
            if refused.name != "subnets.CommitmentRateLimited":
                raise
    print(f"miner {hotkey.ss58_address}: serving on {args.host}:{args.port}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    axon.stop()


if __name__ == "__main__":
    main()
