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

import fcntl
import hashlib
import json
import os
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .chain import Chain, find_event
from .errors import ChainError, PoolRefusal

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


#: Longest row the chain stores (pallets/weights MAX_ROW_LEN).
MAX_ROW_LEN = 4096


def check_row(hp: dict[str, Any], n: int, uid: int, uids: list[int], values: list[int]) -> None:
    """The chain's rules for a row of a subnet (not root), as ``check_row`` in
    pallets/weights/src/checks.rs applies them: raises the error it would, by name.
    ``uids`` sorted and distinct, ``values`` non-zero (as :func:`to_row` makes them)."""
    if len(uids) > n or len(uids) > MAX_ROW_LEN:
        raise ChainError("weights.TooManyWeights", f"{len(uids)} weights on a subnet of {n} uids")
    if any(u >= n or u < 0 for u in uids):
        raise ChainError("weights.UidOutOfRange", f"a uid is not below the subnet's {n}")
    self_weight = len(uids) == 1 and uids[0] == uid
    min_allowed = int(hp["min_allowed_weights"])
    if not self_weight and len(uids) < min(min_allowed, n):
        raise ChainError("weights.TooFewWeights", f"{len(uids)} weights, at least {min(min_allowed, n)} needed")
    limit = int(hp["max_weight_limit"])
    if min_allowed > n:
        limit = max(limit, -(-65535 // max(n, 1)))
    if not self_weight and max(values) * 65535 > limit * sum(values):
        raise ChainError("weights.MaxWeightExceeded", f"the largest weight is above {limit}/65535 of the row")


def epoch_index(netuid: int, tempo: int, block: int) -> int:
    """The epoch ``block`` falls in, as the chain counts them."""
    return (block + netuid + 1) // (tempo + 1)


def epoch_start(netuid: int, tempo: int, epoch: int) -> int:
    """The first block of ``epoch`` (the inverse of :func:`epoch_index`)."""
    return epoch * (tempo + 1) - netuid - 1


def next_row_block(last: int | None, hp: dict[str, Any]) -> int:
    """The first block a uid that last set a row at ``last`` may set one again
    (at most one a block, whatever the rate limit: ``ensure_may_set_now``)."""
    return 0 if last is None else last + max(int(hp["weights_rate_limit"]), 1)


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
    expired: list[Pending] = field(default_factory=list)  # the reveal epoch passed unrevealed
    waiting: list[Pending] = field(default_factory=list)  # not due yet (or rate limited)
    dropped: list[Pending] = field(default_factory=list)  # never included, superseded or refused for good


#: Errors after which a commit can never be revealed: it is forgotten.
DEFINITIVE = {
    "weights.NoMatchingCommit",
    "weights.RevealTooLate",
    "weights.IncorrectVersionKey",
    "weights.NotRegistered",
    "weights.CommitRevealDisabled",
    "weights.SaltTooLong",
    "weights.LengthMismatch",
    "weights.DuplicateUids",
    "weights.UidOutOfRange",
    "weights.TooManyWeights",
    "weights.TooFewWeights",
    "weights.MaxWeightExceeded",
    "weights.SubnetNotFound",
}


class CommitFileError(ValueError):
    """The file of remembered commits cannot be read; it was moved aside (``moved_to``), not deleted."""

    def __init__(self, path: Path, moved_to: Path, why: str):
        super().__init__(f"{path} is unreadable ({why}); moved to {moved_to}: its salts may still reveal commits by hand")
        self.path, self.moved_to = path, moved_to


class WeightSetter:
    """Weights of one hotkey on one subnet, commit-reveal included.

    ``WeightSetter(chain, hotkey_keypair, netuid, state_dir=None)``; commits
    are remembered in ``state_dir/<hotkey>-<netuid>.json`` (default
    ``~/.yuma/commits``, or ``$YUMA_HOME/commits``), written durably (fsync)
    and under a file lock, so two processes on one hotkey lose nothing.
    """

    def __init__(self, chain: Chain, hotkey: Any, netuid: int, state_dir: str | Path | None = None):
        self.chain = chain
        self.hotkey = hotkey
        self.netuid = netuid
        folder = Path(state_dir) if state_dir is not None else DEFAULT_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{hotkey.ss58_address}-{netuid}.json"
        self._lock_path = folder / f"{hotkey.ss58_address}-{netuid}.lock"

    # ---- the file ----------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[None]:
        with open(self._lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read(self) -> list[Pending]:
        if not self.path.exists():
            return []
        try:
            return [Pending(**p) for p in json.loads(self.path.read_text())]
        except (ValueError, TypeError) as bad:
            moved = self.path.with_name(f"{self.path.name}.unreadable-{int(time.time())}")
            os.replace(self.path, moved)
            raise CommitFileError(self.path, moved, f"{type(bad).__name__}: {bad}") from None

    def pending(self) -> list[Pending]:
        """The commits remembered and not revealed yet (:class:`CommitFileError` if the file is unreadable)."""
        with self._locked():
            return self._read()

    def _write(self, pending: list[Pending]) -> None:
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with open(tmp, "w") as f:
            f.write(json.dumps([asdict(p) for p in pending], indent=1))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

    def _update(self, change: Callable[[list[Pending]], list[Pending]]) -> list[Pending]:
        with self._locked():
            after = change(self._read())
            self._write(after)
            return after

    # ---- chain state -------------------------------------------------------
    def _uid(self) -> int:
        uid = self.chain.uid(self.netuid, self.hotkey.ss58_address)
        if uid is None:
            raise ChainError("weights.NotRegistered", "The hotkey holds no uid on this subnet.")
        return uid

    def _on_chain(self, uid: int) -> dict[str, int]:
        """The chain's commits of this uid: hash (hex) -> reveal epoch."""
        value = self.chain.substrate.query("Weights", "Commits", [self.netuid, uid]).value or []
        out = {}
        for c in value:
            h = c["hash"]
            h = h if isinstance(h, str) else "0x" + bytes(h).hex()
            out[h.removeprefix("0x")] = int(c["reveal_epoch"])
        return out

    def _last_update(self, uid: int) -> int | None:
        last = self.chain.substrate.query("Weights", "LastUpdate", [self.netuid, uid]).value
        return None if last is None else int(last)

    def epoch(self, block: int | None = None) -> int:
        """The epoch the next block (or ``block``) falls in."""
        tempo = int(self.chain.hyperparameters(self.netuid)["tempo"])
        return epoch_index(self.netuid, tempo, self.chain.block_number() + 1 if block is None else block)

    # ---- calls -------------------------------------------------------------
    def set_weights(self, uids: Iterable[int], weights: Iterable[float], version_key: int | None = None) -> Pending | None:
        """Sets these weights: commits them (returned, with the epoch to reveal
        in) when the subnet has commit-reveal on, else sets them (``None``).
        A commit the chain could not reveal (a row it refuses, by the
        chain's names, or the rate limit outlasting its reveal epoch,
        ``weights.RateLimited``) is refused before it is made."""
        hp = self.chain.hyperparameters(self.netuid)
        row_uids, values = to_row(uids, weights)
        key = int(hp["weights_version_key"]) if version_key is None else version_key
        if not hp["commit_reveal_enabled"]:
            params = {"netuid": self.netuid, "uids": row_uids, "values": values, "version_key": key}
            self.chain.call(self.hotkey, "Weights", "set_weights", params)
            return None
        tempo, period = int(hp["tempo"]), int(hp["commit_reveal_period"])
        uid = self._uid()
        # A row the chain would refuse at its reveal is refused now, before it is
        # committed (root's rows, over subnets, are left to the chain).
        if self.netuid != 0:
            n = int(self.chain.substrate.query("Subnets", "SubnetN", [self.netuid]).value or 0)
            check_row(hp, n, uid, row_uids, values)
        last = self._last_update(uid)
        reveal = epoch_index(self.netuid, tempo, self.chain.block_number() + 1) + period
        last_block = epoch_start(self.netuid, tempo, reveal + 1) - 1  # the reveal epoch's last block
        if next_row_block(last, hp) > last_block:
            raise ChainError(
                "weights.RateLimited",
                f"a commit now could not be revealed: the rate limit ({hp['weights_rate_limit']} blocks after "
                f"block {last}) outlasts its reveal epoch {reveal}, which ends at block {last_block}",
            )
        salt = os.urandom(16)
        digest = commit_hash(self.hotkey.public_key, self.netuid, row_uids, values, salt, key)
        record = Pending(self.netuid, row_uids, values, salt.hex(), key, digest.hex(), time.time())
        self._update(lambda kept: kept + [record])  # before submitting: the salt must outlive a crash
        try:
            events = self.chain.call(self.hotkey, "Weights", "commit_weights", {"netuid": self.netuid, "hash": "0x" + digest.hex()})
        except PoolRefusal as refused:
            if not refused.uncertain:  # in no block: forget it; else the chain decides later
                self._update(lambda kept: [p for p in kept if p.hash != record.hash])
            raise
        except ChainError:
            self._update(lambda kept: [p for p in kept if p.hash != record.hash])  # failed in its block
            raise
        record.reveal_epoch = int(find_event(events, "Weights", "WeightsCommitted")["reveal_epoch"])
        self._update(lambda kept: [record if p.hash == record.hash else p for p in kept])
        return record

    def reveal_due(self) -> Outcome:
        """Reveals the newest remembered commit whose epoch has come (when the
        rate limit allows; older due ones are superseded and forgotten), and
        forgets the ones the chain no longer holds. A reveal the chain refuses
        raises (the error carries ``outcome``); its commit is forgotten only if
        it can never be revealed (:data:`DEFINITIVE`)."""
        out = Outcome()
        pending = self.pending()
        if not pending:
            return out
        uid = self._uid()
        held = self._on_chain(uid)
        hp = self.chain.hyperparameters(self.netuid)
        now = self.chain.block_number()
        current = epoch_index(self.netuid, int(hp["tempo"]), now + 1)
        rested = now + 1 >= next_row_block(self._last_update(uid), hp)
        due: list[Pending] = []
        for p in pending:
            if p.hash not in held:
                if p.reveal_epoch is None and time.time() - p.submitted_at < SUBMIT_GRACE:
                    out.waiting.append(p)  # submitted, not in a block yet
                elif p.reveal_epoch is not None and current > p.reveal_epoch:
                    out.expired.append(p)
                else:
                    out.dropped.append(p)  # never included, or revealed by another process
                continue
            p.reveal_epoch = held[p.hash]
            if current > p.reveal_epoch:
                out.expired.append(p)
            elif current < p.reveal_epoch or not rested:
                out.waiting.append(p)
            else:
                due.append(p)
        failure: ChainError | None = None
        if due:
            newest = max(due, key=lambda p: p.submitted_at)
            out.dropped += [p for p in due if p is not newest]  # superseded: one row per epoch is enough
            params = {
                "netuid": newest.netuid,
                "uids": newest.uids,
                "values": newest.values,
                "salt": "0x" + newest.salt,
                "version_key": newest.version_key,
            }
            try:
                self.chain.call(self.hotkey, "Weights", "reveal_weights", params)
                out.revealed.append(newest)
            except ChainError as refused:
                failure = refused
                if refused.name in DEFINITIVE:
                    out.dropped.append(newest)
                else:
                    out.waiting.append(newest)  # kept: the next call tries again
        gone = {p.hash for p in out.revealed + out.expired + out.dropped}
        self._update(lambda kept: [p for p in kept if p.hash not in gone])
        if failure is not None:
            failure.outcome = out
            raise failure
        return out

    def reveal_all(self, timeout: float = 600.0, poll: float = 2.0, progress: Callable[[str], None] | None = None) -> Outcome:
        """Waits (epochs if need be) until every remembered commit is revealed, expired or dropped."""
        total = Outcome()
        deadline = time.time() + timeout
        while True:
            step = self.reveal_due()
            total.revealed += step.revealed
            total.expired += step.expired
            total.dropped += step.dropped
            if not self.pending():
                return total
            if time.time() > deadline:
                total.waiting = self.pending()
                return total
            if progress:
                epochs = sorted({p.reveal_epoch for p in self.pending() if p.reveal_epoch is not None})
                progress(f"waiting to reveal in epoch {epochs} (now {self.epoch()})")
            time.sleep(poll)
