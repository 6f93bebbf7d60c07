"""The task: classify scikit-learn's bundled 8x8 handwritten digits (1,797
images, no download). One fixed split, the same for everyone: miners train
on the first 1,200 shuffled images, validators hold out the other 597."""

from __future__ import annotations

import hashlib

import numpy as np
from sklearn.datasets import load_digits

SEED = 7
TRAIN = 1200


def split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(x_train, y_train, x_held_out, y_held_out)``."""
    x, y = load_digits(return_X_y=True)
    order = np.random.default_rng(SEED).permutation(len(y))
    train, held = order[:TRAIN], order[TRAIN:]
    return x[train], y[train], x[held], y[held]


def model_hash(model) -> bytes:
    """A stable 32-byte fingerprint of a fitted model: what a miner commits to."""
    import pickle

    return hashlib.blake2b(pickle.dumps(model, protocol=4), digest_size=32).digest()


def neuron_args(parser) -> None:
    """The flags a miner and a validator share: the node, the subnet, the wallet."""
    from yuma import wallet as wallets

    parser.add_argument("--url", default="ws://127.0.0.1:9944")
    parser.add_argument("--netuid", type=int, required=True)
    parser.add_argument("--wallet", required=True)
    parser.add_argument("--hotkey", default="default")
    parser.add_argument("--wallet-path", default=wallets.DEFAULT_PATH)
