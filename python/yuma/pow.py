"""Proof of work for ``Subnets.register`` (pallets/subnets/src/pow.rs).

The seal of ``(block_hash, hotkey, coldkey, nonce)`` is blake2-256 of the
block hash's 32 bytes, the hotkey's and the coldkey's 32-byte public keys and
the nonce as 8 little-endian bytes. Read as a big-endian number it meets
difficulty ``d`` when ``seal * d < 2**256``: one try in ``d`` succeeds. The
coldkey is the one that signs ``register``, so work is no use to anyone else.

At the dev difficulty (10,000,000) one core finds a seal in a few seconds;
:func:`solve` spreads the search over every core.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import queue
from dataclasses import dataclass

#: Tries per worker between two looks at the stop flag.
CHUNK = 200_000


def seal(block_hash: bytes, hotkey: bytes, coldkey: bytes, nonce: int) -> bytes:
    """The seal the chain recomputes for this nonce."""
    return hashlib.blake2b(block_hash + hotkey + coldkey + nonce.to_bytes(8, "little"), digest_size=32).digest()


def limit(difficulty: int) -> bytes:
    """The largest seal that meets ``difficulty``, as 32 big-endian bytes."""
    if difficulty < 1:
        raise ValueError("difficulty must be at least 1")
    return ((2**256 - 1) // difficulty).to_bytes(32, "big")


def meets(seal_: bytes, difficulty: int) -> bool:
    """Whether ``seal_ * difficulty`` fits in 256 bits, as the chain checks."""
    return int.from_bytes(seal_, "big") * difficulty < 2**256


def search(prefix: bytes, bound: bytes, start: int, tries: int) -> int | None:
    """The first nonce in ``start .. start + tries`` whose seal is at most ``bound``."""
    base = hashlib.blake2b(prefix, digest_size=32)
    for nonce in range(start, start + tries):
        h = base.copy()
        h.update((nonce & 0xFFFF_FFFF_FFFF_FFFF).to_bytes(8, "little"))
        if h.digest() <= bound:
            return nonce & 0xFFFF_FFFF_FFFF_FFFF
    return None


@dataclass
class Work:
    """A solved seal, ready for ``Subnets.register``."""

    block_number: int
    nonce: int
    seal: bytes


def _worker(prefix: bytes, bound: bytes, start: int, stride: int, found, stop) -> None:
    chunk = start
    while not stop.is_set():
        nonce = search(prefix, bound, chunk, CHUNK)
        if nonce is not None:
            found.put(nonce)
            return
        chunk += stride


def solve(
    block_number: int,
    block_hash: bytes,
    hotkey: bytes,
    coldkey: bytes,
    difficulty: int,
    *,
    processes: int | None = None,
    timeout: float | None = None,
    start: int | None = None,
) -> Work | None:
    """A seal for this block meeting ``difficulty`` (``None`` after ``timeout`` seconds)."""
    prefix = block_hash + hotkey + coldkey
    bound = limit(difficulty)
    start = int.from_bytes(os.urandom(8), "little") if start is None else start
    processes = processes or os.cpu_count() or 1
    # Not fork: the caller may have threads (websocket clients) a fork would copy mid-state.
    ctx = mp.get_context("spawn")
    found, stop = ctx.Queue(), ctx.Event()
    workers = [
        ctx.Process(target=_worker, args=(prefix, bound, start + k * CHUNK, processes * CHUNK, found, stop), daemon=True)
        for k in range(processes)
    ]
    for w in workers:
        w.start()
    try:
        nonce = found.get(timeout=timeout)
    except queue.Empty:  # out of time
        nonce = None
    finally:
        stop.set()
        for w in workers:
            w.join(timeout=5)
            if w.is_alive():
                w.terminate()
    if nonce is None:
        return None
    return Work(block_number, nonce, seal(block_hash, hotkey, coldkey, nonce))
