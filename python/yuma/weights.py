"""Setting weights, with commit-reveal handled for the caller.

On a subnet with commit-reveal on, :meth:`WeightSetter.set_weights` commits
the hash of the row and a fresh salt and writes the row, the salt and the
hash to a file *before* submitting (a crash after inclusion loses nothing).
:meth:`WeightSetter.reveal_due` reveals every remembered commit whose reveal
epoch has come; a new ``WeightSetter`` on the same file (after a restart)
picks up where the last one stopped. The chain's own ``Weights.Commits`` is
the truth: a remembered commit the chain does not hold is forgotten, and one
whose reveal epoch passed is reported as expired. On a subnet without
commit-reveal the row is set at once.

The commit hash is blake2-256 of SCALE(hotkey, netuid, uids, values, salt,
version_key) (pallets/weights/src/commit_reveal.rs).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .chain import Chain, find_event
from .errors import ChainError

#: Where commits are remembered unless told otherwise.
DEFAULT_DIR = Path(os.environ.get("YUMA_HOME", Path.home() / ".yuma")) / "commits"

#: A commit submitted but not seen on chain is kept this long (seconds) before it is forgotten.
SUBMIT_GRACE = 120.0


def _compact(n: int) -> bytes:
    if n < 1 << 6:
        return bytes([n << 2])
    if n < 1 << 14:
        return ((n << 2) | 1).to_bytes(2, "little")
    if n < 1 << 30:
        return ((n << 2) | 2).to_bytes(4, "little")
    raw = n.to_bytes((n.bit_length() + 7) // 8, "little")
    return bytes([((len(raw) - 4) << 2) | 3]) + raw


def commit_hash(hotkey: bytes, netuid: int, uids: list[int], values: list[int], salt: bytes, version_key: int) -> bytes:
    """The hash ``commit_weights`` must carry for this row."""
    data = bytearray(hotkey)
    data += netuid.to_bytes(2, "little")
    data += _compact(len(uids)) + b"".join(u.to_bytes(2, "little") for u in uids)
    data += _compact(len(values)) + b"".join(v.to_bytes(2, "little") for v in values)
    data += _compact(len(salt)) + salt
    data += version_key.to_bytes(8, "little")
    return hashlib.blake2b(bytes(data), digest_size=32).digest()


def to_row(uids: Iterable[int], weights: Iterable[float]) -> tuple[list[int], list[int]]:
    """Weights (any non-negative scale) as the chain's row: sorted uids, the
    largest weight 65535, zeros dropped. ``ValueError`` if nothing is left."""
    pairs: dict[int, float] = {}
    for uid, w in zip(uids, weights):
        w = float(w)
        if not w >= 0.0 or w == float("inf"):
            raise ValueError(f"weight of uid {uid} is {w}: weights are finite and non-negative")
        if int(uid) in pairs:
            raise ValueError(f"uid {uid} appears twice")
        pairs[int(uid)] = w
    top = max(pairs.values(), default=0.0)
    if top <= 0.0:
        raise ValueError("every weight is zero")
    row = sorted((u, round(w / top * 65535)) for u, w in pairs.items())
    row = [(u, v) for u, v in row if v > 0]
    return [u for u, _ in row], [v for _, v in row]


def epoch_index(netuid: int, tempo: int, block: int) -> int:
    """The epoch ``block`` falls in, as the chain counts them."""
    return (block + netuid + 1) // (tempo + 1)


@dataclass
class Pending:
    """A commit remembered for its reveal."""

    netuid: int
    uids: list[int]
    values: list[int]
    salt: str  # hex
    version_key: int
    hash: str  # hex
    submitted_at: float
    reveal_epoch: int | None = None


@dataclass
class Outcome:
    """What one :meth:`WeightSetter.reveal_due` did."""

    revealed: list[Pending] = field(default_factory=list)
    expired: list[Pending] = field(default_factory=list)
    waiting: list[Pending] = field(default_factory=list)


class WeightSetter:
    """Weights of one hotkey on one subnet, commit-reveal included.

    ``WeightSetter(chain, hotkey_keypair, netuid, state_dir=None)``; commits
    are remembered in ``state_dir/<hotkey>-<netuid>.json`` (default
    ``~/.yuma/commits``, or ``$YUMA_HOME/commits``).
    """

    def __init__(self, chain: Chain, hotkey: Any, netuid: int, state_dir: str | Path | None = None):
        self.chain = chain
        self.hotkey = hotkey
        self.netuid = netuid
        folder = Path(state_dir) if state_dir is not None else DEFAULT_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{hotkey.ss58_address}-{netuid}.json"

    # ---- the file ----------------------------------------------------------
    def pending(self) -> list[Pending]:
        """The commits remembered and not revealed yet."""
        if not self.path.exists():
            return []
        return [Pending(**p) for p in json.loads(self.path.read_text())]

    def _save(self, pending: list[Pending]) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps([asdict(p) for p in pending], indent=1))
        os.replace(tmp, self.path)

    # ---- chain state -------------------------------------------------------
    def _uid(self) -> int:
        uid = self.chain.substrate.query("Subnets", "Uids", [self.netuid, self.hotkey.ss58_address]).value
        if uid is None:
            raise ChainError("weights.NotRegistered", "The hotkey holds no uid on this subnet.")
        return int(uid)

    def _on_chain(self, uid: int) -> dict[str, int]:
        """The chain's commits of this uid: hash (hex) -> reveal epoch."""
        value = self.chain.substrate.query("Weights", "Commits", [self.netuid, uid]).value or []
        out = {}
        for c in value:
            h = c["hash"]
            h = h if isinstance(h, str) else "0x" + bytes(h).hex()
            out[h.removeprefix("0x")] = int(c["reveal_epoch"])
        return out

    def epoch(self, block: int | None = None) -> int:
        """The epoch the next block (or ``block``) falls in."""
        tempo = int(self.chain.hyperparameters(self.netuid)["tempo"])
        return epoch_index(self.netuid, tempo, self.chain.block_number() + 1 if block is None else block)

    # ---- calls -------------------------------------------------------------
    def set_weights(self, uids: Iterable[int], weights: Iterable[float], version_key: int | None = None) -> Pending | None:
        """Sets these weights: commits them (returned, with the epoch to reveal
        in) when the subnet has commit-reveal on, else sets them (``None``)."""
        hp = self.chain.hyperparameters(self.netuid)
        row_uids, values = to_row(uids, weights)
        key = int(hp["weights_version_key"]) if version_key is None else version_key
        if not hp["commit_reveal_enabled"]:
            params = {"netuid": self.netuid, "uids": row_uids, "values": values, "version_key": key}
            self.chain.call(self.hotkey, "Weights", "set_weights", params)
            return None
        salt = os.urandom(16)
        digest = commit_hash(self.hotkey.public_key, self.netuid, row_uids, values, salt, key)
        record = Pending(self.netuid, row_uids, values, salt.hex(), key, digest.hex(), time.time())
        kept = self.pending()
        self._save(kept + [record])  # before submitting: the salt must outlive a crash
        try:
            events = self.chain.call(self.hotkey, "Weights", "commit_weights", {"netuid": self.netuid, "hash": "0x" + digest.hex()})
        except ChainError:
            self._save(kept)
            raise
        record.reveal_epoch = int(find_event(events, "Weights", "WeightsCommitted")["reveal_epoch"])
        self._save(kept + [record])
        return record

    def reveal_due(self) -> Outcome:
        """Reveals every remembered commit whose epoch has come (and the rate
        limit allows); forgets the ones the chain no longer holds. A reveal
        the chain refuses raises, and its commit is forgotten."""
        out = Outcome()
        pending = self.pending()
        if not pending:
            return out
        uid = self._uid()
        held = self._on_chain(uid)
        hp = self.chain.hyperparameters(self.netuid)
        now = self.chain.block_number()
        current = epoch_index(self.netuid, int(hp["tempo"]), now + 1)
        last = self.chain.substrate.query("Weights", "LastUpdate", [self.netuid, uid]).value
        rested = last is None or now + 1 >= int(last) + max(int(hp["weights_rate_limit"]), 1)
        keep: list[Pending] = []
        failure: ChainError | None = None
        for p in pending:
            if p.hash not in held:
                if p.reveal_epoch is None and time.time() - p.submitted_at < SUBMIT_GRACE:
                    keep.append(p)  # submitted, not in a block yet
                elif p.reveal_epoch is not None and current > p.reveal_epoch:
                    out.expired.append(p)
                continue  # revealed already, or never included
            p.reveal_epoch = held[p.hash]
            if current > p.reveal_epoch:
                out.expired.append(p)
            elif current < p.reveal_epoch or not rested or out.revealed or failure:
                # One row per block: a second due reveal waits for the next call.
                keep.append(p)
                out.waiting.append(p)
            else:
                params = {
                    "netuid": p.netuid,
                    "uids": p.uids,
                    "values": p.values,
                    "salt": "0x" + p.salt,
                    "version_key": p.version_key,
                }
                try:
                    self.chain.call(self.hotkey, "Weights", "reveal_weights", params)
                    out.revealed.append(p)
                except ChainError as refused:
                    failure = refused  # this commit is forgotten; the others are kept
        self._save(keep)
        if failure is not None:
            raise failure
        return out

    def reveal_all(self, timeout: float = 600.0, poll: float = 2.0, progress: Callable[[str], None] | None = None) -> Outcome:
        """Waits (epochs if need be) until every remembered commit is revealed or expired."""
        total = Outcome()
        deadline = time.time() + timeout
        while True:
            step = self.reveal_due()
            total.revealed += step.revealed
            total.expired += step.expired
            if not self.pending():
                return total
            if time.time() > deadline:
                total.waiting = self.pending()
                return total
            if progress:
                epochs = sorted({p.reveal_epoch for p in self.pending() if p.reveal_epoch is not None})
                progress(f"waiting to reveal in epoch {epochs} (now {self.epoch()})")
            time.sleep(poll)
