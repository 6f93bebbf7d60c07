"""A digits validator: queries every serving miner with random batches of
its held-out images, scores accuracy (a timeout or an error scores zero),
keeps a moving average, and sets weights once a tempo through commit-reveal
(the SDK remembers each commit's salt and reveals it in its epoch, across
restarts).

    python subnets/digits/validator.py --netuid 1 --wallet validator-1
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import neuron_args, split  # noqa: E402

from yuma import wallet as wallets  # noqa: E402
from yuma.chain import Chain  # noqa: E402
from yuma.dendrite import Dendrite, targets  # noqa: E402
from yuma.errors import ChainError  # noqa: E402
from yuma.weights import CommitFileError, WeightSetter  # noqa: E402


def log(*parts) -> None:
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


class Scores:
    """An exponential moving average of each uid's accuracy."""

    def __init__(self, alpha: float):
        self.alpha = alpha
        self.by_uid: dict[int, float] = {}
        self.rounds: dict[int, int] = {}

    def update(self, uid: int, accuracy: float) -> float:
        # The first answer sets the average; later ones move it by alpha.
        old = self.by_uid.get(uid, accuracy)
        self.by_uid[uid] = (1.0 - self.alpha) * old + self.alpha * accuracy
        self.rounds[uid] = self.rounds.get(uid, 0) + 1
        return self.by_uid[uid]

    def ready(self, rounds: int) -> bool:
        """Every scored uid has had ``rounds`` queries and one scores above zero."""
        return bool(self.by_uid) and min(self.rounds.values()) >= rounds and any(v > 0 for v in self.by_uid.values())


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    neuron_args(p)
    p.add_argument("--state-dir", default=None, help="Where commits are remembered (default ~/.yuma/commits).")
    p.add_argument("--batch", type=int, default=16, help="Images per query.")
    p.add_argument("--interval", type=float, default=3.0, help="Seconds between two rounds of queries.")
    p.add_argument("--timeout", type=float, default=2.0, help="Seconds a miner has to answer.")
    p.add_argument("--alpha", type=float, default=0.3, help="Weight of the newest accuracy in the average.")
    p.add_argument("--min-rounds", type=int, default=3, help="Queries of every miner before the first weights.")
    p.add_argument("--seed", type=int, default=None)
    args = p.parse_args(argv)

    hotkey = wallets.hotkey(args.wallet, args.hotkey, args.wallet_path)
    _, _, images, labels = split()
    rng = np.random.default_rng(args.seed)
    scores = Scores(args.alpha)
    dendrite = Dendrite(hotkey, args.netuid)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    with Chain(args.url) as chain:
        setter = WeightSetter(chain, hotkey, args.netuid, args.state_dir)
        me = chain.uid(args.netuid, hotkey.ss58_address)
        if me is None:
            raise SystemExit(f"{hotkey.ss58_address} is not registered on subnet {args.netuid}")
        try:
            remembered = setter.pending()
        except CommitFileError as unreadable:
            log(f"commit file: {unreadable}")
            remembered = []
        log(f"validator {hotkey.ss58_address} uid {me}: {len(remembered)} commits remembered")
        last_commit = max((c.reveal_epoch - 1 for c in remembered if c.reveal_epoch), default=-1)
        while not stop.is_set():
            graph = chain.metagraph(args.netuid)
            miners = [t for t in targets(graph) if t.uid != me]
            if miners:
                pick = rng.choice(len(labels), size=min(args.batch, len(labels)), replace=False)
                body = {"images": images[pick].tolist()}
                for reply in dendrite.query(miners, "predict", body, timeout=args.timeout):
                    got = reply.body.get("labels") if reply.ok else None
                    accuracy = 0.0
                    if isinstance(got, list) and len(got) == len(pick):
                        accuracy = float(np.mean(np.asarray(got) == labels[pick]))
                    scores.update(reply.target.uid, accuracy)
            try:
                outcome = setter.reveal_due()
                for c in outcome.revealed:
                    log(f"revealed weights committed for epoch {c.reveal_epoch}: {dict(zip(c.uids, c.values))}")
                for c in outcome.expired:
                    log(f"commit for epoch {c.reveal_epoch} expired unrevealed")
                epoch = setter.epoch()
                if not setter.pending() and epoch > last_commit and scores.ready(args.min_rounds):
                    uids = sorted(scores.by_uid)
                    commit = setter.set_weights(uids, [scores.by_uid[u] for u in uids])
                    last_commit = epoch
                    shown = {u: round(scores.by_uid[u], 3) for u in uids}
                    log(f"committed weights {shown}" + (f", reveal in epoch {commit.reveal_epoch}" if commit else " (set directly)"))
            except ChainError as refused:
                log(f"chain refused: {refused.name} {refused.docs}")
            except CommitFileError as unreadable:  # moved aside; the next round starts a new file
                log(f"commit file: {unreadable}")
            stop.wait(args.interval)


if __name__ == "__main__":
    main()
