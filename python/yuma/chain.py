"""A client of a yuma-chain node, on async-substrate-interface's sync API.

Reads decode from the runtime's metadata alone; signed calls wait for
inclusion and raise :class:`yuma.errors.ChainError` (failed in a block) or
:class:`yuma.errors.PoolRefusal` (refused by the pool) with the error's name.
"""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from async_substrate_interface.errors import SubstrateRequestException
from async_substrate_interface.sync_substrate import SubstrateInterface

from .errors import ChainError, dispatch_error, pool_refusal

#: Uids per page of ``MetagraphApi.metagraph`` (the API's own bound).
PAGE = 256

#: Fixed-point outputs of an epoch: 65535 is 1.0.
U16_MAX = 65535.0


@dataclass
class Metagraph:
    """A subnet's metagraph by uid, as numpy arrays (index = uid)."""

    netuid: int
    uids: np.ndarray
    hotkeys: list[str]
    coldkeys: list[str | None]
    stake: np.ndarray  # rao
    rank: np.ndarray  # 0..1
    trust: np.ndarray
    consensus: np.ndarray
    incentive: np.ndarray
    dividends: np.ndarray
    validator_trust: np.ndarray
    emission: np.ndarray  # rao paid by the last epoch
    validator_permit: np.ndarray  # bool
    active: np.ndarray  # bool
    last_update: np.ndarray
    registered_at: np.ndarray
    weights: np.ndarray  # n x n, row = the validator's weights, max 1.0
    bonds: np.ndarray  # n x n, 0..1
    axons: list[Any] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.uids)


def _ss58(value: Any, substrate: SubstrateInterface) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raw = bytes(value[0] if isinstance(value, (list, tuple)) and len(value) == 1 else value)
    return substrate.ss58_encode(raw.hex())


def _matrix(rows: list[list[Any]], n: int) -> np.ndarray:
    out = np.zeros((n, n), dtype=np.float64)
    for i, row in enumerate(rows):
        for uid, value in row or []:
            if 0 <= uid < n:
                out[i, uid] = value / U16_MAX
    return out


class Chain:
    """A connection to a node: ``Chain("ws://127.0.0.1:9944")`` (close it, or use ``with``)."""

    def __init__(self, url: str = "ws://127.0.0.1:9944"):
        self.url = url
        self.substrate = SubstrateInterface(url)

    def close(self) -> None:
        self.substrate.close()

    def __enter__(self) -> "Chain":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ---- reads -------------------------------------------------------------
    def block_number(self) -> int:
        return int(self.substrate.get_block_number(None))

    def subnets(self) -> list[int]:
        """The live subnets' netuids (root, 0, included), ascending."""
        entries = self.substrate.query_map("Subnets", "Hyperparams")
        netuids = []
        for key, _ in entries:
            netuids.append(int(key.value if hasattr(key, "value") else key))
        return sorted(netuids)

    def hyperparameters(self, netuid: int) -> dict[str, Any]:
        """A live subnet's hyperparameters; ``subnets.SubnetNotFound`` otherwise."""
        value = self.substrate.query("Subnets", "Hyperparams", [netuid]).value
        if value is None:
            raise ChainError("subnets.SubnetNotFound", "No live subnet has this netuid.")
        return dict(value)

    def balance(self, address: str) -> int:
        """Free balance in rao."""
        return int(self.substrate.query("System", "Account", [address]).value["data"]["free"])

    def metagraph(self, netuid: int) -> Metagraph:
        """Every uid of ``netuid``, read page by page through ``MetagraphApi.metagraph``."""
        self.hyperparameters(netuid)
        neurons: list[dict[str, Any]] = []
        while True:
            page = self.substrate.runtime_call("MetagraphApi", "metagraph", [netuid, len(neurons), PAGE])
            page = page.value if hasattr(page, "value") else page
            neurons.extend(page)
            if len(page) < PAGE:
                break
        n = len(neurons)
        col = lambda key, dtype: np.array([x[key] for x in neurons], dtype=dtype)  # noqa: E731
        frac = lambda key: col(key, np.float64) / U16_MAX  # noqa: E731
        return Metagraph(
            netuid=netuid,
            uids=col("uid", np.int64),
            hotkeys=[_ss58(x["hotkey"], self.substrate) for x in neurons],
            coldkeys=[_ss58(x["coldkey"], self.substrate) for x in neurons],
            stake=col("stake", np.int64),
            rank=frac("rank"),
            trust=frac("trust"),
            consensus=frac("consensus"),
            incentive=frac("incentive"),
            dividends=frac("dividends"),
            validator_trust=frac("validator_trust"),
            emission=col("emission", np.int64),
            validator_permit=col("validator_permit", bool),
            active=col("active", bool),
            last_update=col("last_update", np.int64),
            registered_at=col("registered_at", np.int64),
            weights=_matrix([x["weights"] for x in neurons], n),
            bonds=_matrix([x["bonds"] for x in neurons], n),
            axons=[x.get("axon") for x in neurons],
        )

    # ---- signed calls ------------------------------------------------------
    def _weights_index(self) -> int | None:
        pallet = self.substrate.metadata.get_metadata_pallet("Weights")
        return None if pallet is None else int(pallet.value["index"] if hasattr(pallet, "value") else pallet.index)

    def call(self, keypair: Any, pallet: str, function: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Signs ``pallet.function(params)`` with ``keypair``, waits for its block and
        returns its events; raises :class:`ChainError` if it failed there, or
        :class:`PoolRefusal` if the pool refused it."""
        call = self.substrate.compose_call(pallet, function, params)
        extrinsic = self.substrate.create_signed_extrinsic(call=call, keypair=keypair)
        try:
            receipt = self.substrate.submit_extrinsic(extrinsic, wait_for_inclusion=True)
        except SubstrateRequestException as refused:
            detail = refused.args[0] if refused.args else refused
            if isinstance(detail, str):
                try:
                    detail = ast.literal_eval(detail)
                except (ValueError, SyntaxError):
                    pass
            raise pool_refusal(self.substrate.metadata, self._weights_index(), detail) from None
        events = [e.value if hasattr(e, "value") else e for e in receipt.triggered_events]
        for event in events:
            body = event.get("event", event)
            if body.get("module_id") == "System" and body.get("event_id") == "ExtrinsicFailed":
                raise dispatch_error(self.substrate.metadata, body["attributes"]["dispatch_error"])
        return events


def find_event(events: list[dict[str, Any]], module: str, name: str) -> dict[str, Any]:
    """The attributes of the first ``module.name`` event among ``events``; ``LookupError`` if none."""
    for event in events:
        body = event.get("event", event)
        if body.get("module_id") == module and body.get("event_id") == name:
            return body.get("attributes") or {}
    raise LookupError(f"no {module}.{name} event")


def _ipv4(ip: str) -> int:
    parts = [int(p) for p in ip.split(".")]
    if len(parts) != 4 or not all(0 <= p <= 255 for p in parts):
        raise ValueError(f"not an IPv4 address: {ip!r}")
    return int.from_bytes(bytes(parts), "big")


class Subnets:
    """The everyday calls, on top of :meth:`Chain.call`; each returns what its event says."""

    def __init__(self, chain: Chain):
        self.chain = chain

    def register_network(self, coldkey: Any) -> int:
        """A new subnet owned by ``coldkey`` (its lock is held); returns its netuid."""
        events = self.chain.call(coldkey, "Subnets", "register_network", {})
        return int(find_event(events, "Subnets", "NetworkRegistered")["netuid"])

    def burned_register(self, coldkey: Any, netuid: int, hotkey: str) -> int:
        """Registers ``hotkey`` on ``netuid`` for the burn ``coldkey`` pays; returns its uid."""
        events = self.chain.call(coldkey, "Subnets", "burned_register", {"netuid": netuid, "hotkey": hotkey})
        return int(find_event(events, "Subnets", "NeuronRegistered")["uid"])

    def set_hyperparameter(self, owner: Any, netuid: int, name: str, value: Any) -> None:
        """``owner`` (the subnet's) sets one hyperparameter, e.g. ``("Tempo", 4)``."""
        self.chain.call(owner, "Subnets", "set_hyperparameter", {"netuid": netuid, "value": {name: value}})

    def add_stake(self, coldkey: Any, hotkey: str, amount: int) -> int:
        """Stakes ``amount`` rao on ``hotkey``; returns the position after."""
        events = self.chain.call(coldkey, "Stake", "add_stake", {"hotkey": hotkey, "amount": amount})
        return int(find_event(events, "Stake", "StakeAdded")["position"])

    def remove_stake(self, coldkey: Any, hotkey: str, amount: int) -> int:
        """Unstakes ``amount`` rao from ``hotkey``; returns the position after."""
        events = self.chain.call(coldkey, "Stake", "remove_stake", {"hotkey": hotkey, "amount": amount})
        return int(find_event(events, "Stake", "StakeRemoved")["position"])

    def serve_axon(self, hotkey: Any, netuid: int, ip: str, port: int, version: int = 1, protocol: int = 0) -> None:
        """``hotkey`` (registered on ``netuid``) announces its axon at ``ip:port`` (IPv4)."""
        params = {"netuid": netuid, "version": version, "ip": _ipv4(ip), "port": port, "ip_type": 4, "protocol": protocol}
        self.chain.call(hotkey, "Subnets", "serve_axon", params)

    def wait_for_block(self, number: int, poll: float = 1.0) -> int:
        """Blocks until the chain's best block is at least ``number``."""
        while (now := self.chain.block_number()) < number:
            time.sleep(poll)
        return now

    def next_epoch_block(self, netuid: int) -> int:
        """The next block at which ``netuid`` runs its epoch: ``(b + netuid + 1) % (tempo + 1) == 0``."""
        period = int(self.chain.hyperparameters(netuid)["tempo"]) + 1
        b = self.chain.block_number() + 1
        return b + (-(b + netuid + 1)) % period
