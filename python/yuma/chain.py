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


def plain(value: Any) -> Any:
    """A decoded value as plain Python (the client wraps some in objects with ``.value``)."""
    return value.value if hasattr(value, "value") else value


def _read_compact(raw: bytes, at: int) -> tuple[int, int]:
    """A SCALE compact integer at ``raw[at:]``: ``(value, offset after it)``."""
    mode = raw[at] & 3
    if mode == 0:
        return raw[at] >> 2, at + 1
    if mode == 1:
        return int.from_bytes(raw[at : at + 2], "little") >> 2, at + 2
    if mode == 2:
        return int.from_bytes(raw[at : at + 4], "little") >> 2, at + 4
    size = (raw[at] >> 2) + 4
    return int.from_bytes(raw[at + 1 : at + 1 + size], "little"), at + 1 + size


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
            netuids.append(int(plain(key)))
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
            page = self.runtime("MetagraphApi", "metagraph", [netuid, len(neurons), PAGE])
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

    def runtime(self, api: str, method: str, params: list[Any]) -> Any:
        """A runtime API call's answer, as plain Python."""
        return plain(self.substrate.runtime_call(api, method, params))

    def network_lock_cost(self) -> int:
        """Rao a new subnet's owner has held now (``SubnetInfoApi.network_lock_cost``)."""
        return int(self.runtime("SubnetInfoApi", "network_lock_cost", []))

    def registration_info(self, netuid: int) -> dict[str, Any]:
        """The current burn and difficulty of ``netuid``, and the uid the next neuron gets."""
        info = self.runtime("RegistrationApi", "registration_info", [netuid])
        if info is None:
            raise ChainError("subnets.SubnetNotFound", "No live subnet has this netuid.")
        return dict(info)

    def uid(self, netuid: int, hotkey: str) -> int | None:
        """The uid of ``hotkey`` on ``netuid``, if it has one."""
        value = self.substrate.query("Subnets", "Uids", [netuid, hotkey]).value
        return None if value is None else int(value)

    def commitment(self, netuid: int, hotkey: str) -> tuple[int, bytes] | None:
        """What ``hotkey`` last published on ``netuid``: ``(block, data)``."""
        # Read raw: a decoder would turn bytes that happen to be text into a str.
        key = self.substrate.create_storage_key("Subnets", "Commitments", [netuid, hotkey])
        raw = self.substrate.rpc_request("state_getStorage", [key.to_hex()]).get("result")
        if raw is None:
            return None
        raw = bytes.fromhex(raw.removeprefix("0x"))
        block = int.from_bytes(raw[:8], "little")
        length, at = _read_compact(raw, 8)
        return block, raw[at : at + length]

    def positions(self, coldkey: str) -> list[dict[str, Any]]:
        """Every stake position of ``coldkey`` (``StakeInfoApi.positions``, page by page)."""
        out: list[dict[str, Any]] = []
        while True:
            page = self.runtime("StakeInfoApi", "positions", [coldkey, len(out), PAGE])
            for p in page:
                p = dict(p)
                for key in ("hotkey", "coldkey"):
                    if key in p:
                        p[key] = _ss58(p[key], self.substrate)
                out.append(p)
            if len(page) < PAGE:
                return out

    def supply(self, block_hash: str | None = None) -> dict[str, int]:
        """The supply ledger at a block (default: the finalized head), and whether it holds:
        ``issuance == genesis + minted + rewards minted - burned``, promised emission all
        accounted for, and issuance equal to the sum of every account's free and reserved."""
        at = block_hash or self.substrate.get_chain_finalised_head()
        q = lambda pallet, item: int(self.substrate.query(pallet, item, block_hash=at).value or 0)  # noqa: E731
        ledger = {
            "issuance": q("Balances", "TotalIssuance"),
            "genesis": q("Emission", "GenesisIssuance"),
            "minted": q("Emission", "TotalMinted"),
            "rewards_minted": q("Stake", "TotalRewardsMinted"),
            "burned": q("Emission", "TotalBurned"),
            "promised": q("Emission", "TotalPromised"),
            "pending": q("Emission", "TotalPending"),
            "credited": q("Emission", "TotalCredited"),
            "recycled": q("Emission", "TotalRecycled"),
        }
        accounts = 0
        for _, account in self.substrate.query_map("System", "Account", block_hash=at, page_size=500):
            data = plain(account)["data"]
            accounts += int(data["free"]) + int(data["reserved"])
        ledger["accounts"] = accounts
        ledger["holds"] = int(
            ledger["issuance"] == ledger["genesis"] + ledger["minted"] + ledger["rewards_minted"] - ledger["burned"]
            and ledger["promised"] == ledger["pending"] + ledger["minted"] + ledger["credited"] + ledger["recycled"]
            and ledger["issuance"] == accounts
        )
        return ledger

    def events(self, block_hash: str | None = None) -> list[dict[str, Any]]:
        """The events of a block (default: the best one)."""
        events = self.substrate.get_events(block_hash)
        return [plain(e) for e in events]

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
        events = [plain(e) for e in receipt.triggered_events]
        for event in events:
            body = event.get("event", event)
            if body.get("module_id") == "System" and body.get("event_id") == "ExtrinsicFailed":
                raise dispatch_error(self.substrate.metadata, body["attributes"]["dispatch_error"])
        return events

    def batch(self, keypair: Any, calls: list[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
        """``(pallet, function, params)`` calls signed by ``keypair`` in one ``Utility.batch_all``
        (all or none), waiting for its block like :meth:`call`."""
        composed = [self.substrate.compose_call(pallet, function, params) for pallet, function, params in calls]
        return self.call(keypair, "Utility", "batch_all", {"calls": composed})

    def sudo(self, key: Any, pallet: str, function: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """``pallet.function(params)`` as root through ``Sudo.sudo`` (dev and local chains);
        the inner call's failure raises by name, like a failed call."""
        inner = self.substrate.compose_call(pallet, function, params)
        events = self.call(key, "Sudo", "sudo", {"call": inner})
        result = find_event(events, "Sudo", "Sudid").get("sudo_result")
        if isinstance(result, dict) and "Err" in result:
            raise dispatch_error(self.substrate.metadata, result["Err"])
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

    def register_pow(
        self,
        coldkey: Any,
        netuid: int,
        hotkey: str,
        processes: int | None = None,
        attempts: int = 20,
        progress: Any = None,
    ) -> int:
        """Registers ``hotkey`` on ``netuid`` by proof of work for ``coldkey``
        (no burn; the fee only); returns its uid. The seal is searched against
        the best block and searched again on a newer one when the chain moves
        on before it is found (work older than 3 blocks is ``StaleWork``)."""
        from . import pow

        substrate = self.chain.substrate
        hot = bytes.fromhex(substrate.ss58_decode(hotkey))
        cold = coldkey.public_key
        last: ChainError | None = None
        for _ in range(attempts):
            difficulty = int(self.chain.registration_info(netuid)["difficulty"])
            number = self.chain.block_number()
            block_hash = bytes.fromhex(substrate.get_block_hash(number).removeprefix("0x"))
            if progress:
                progress(f"solving proof of work at difficulty {difficulty:,} on block {number}")
            work = pow.solve(number, block_hash, hot, cold, difficulty, processes=processes, timeout=12.0)
            if work is None or self.chain.block_number() > number + 2:
                continue  # too old to be included in time: on a newer block
            params = {
                "netuid": netuid,
                "block_number": work.block_number,
                "nonce": work.nonce,
                "work": "0x" + work.seal.hex(),
                "hotkey": hotkey,
            }
            try:
                events = self.chain.call(coldkey, "Subnets", "register", params)
            except ChainError as failed:
                # Retried: the work aged out, the block filled, the difficulty rose
                # or the block was replaced before inclusion.
                retry = ("subnets.StaleWork", "subnets.TooManyRegistrationsThisBlock", "subnets.InsufficientWork", "subnets.InvalidSeal")
                if failed.name not in retry:
                    raise
                last = failed
                continue
            return int(find_event(events, "Subnets", "NeuronRegistered")["uid"])
        if last is not None:
            raise last
        raise ChainError("pow.Unsolved", f"no seal found in {attempts} searches of 12 s at difficulty {difficulty:,}")

    def commit(self, hotkey: Any, netuid: int, data: bytes) -> None:
        """Publishes ``data`` (1 to 256 bytes; a model's hash, say) from ``hotkey`` on ``netuid``."""
        self.chain.call(hotkey, "Subnets", "commit", {"netuid": netuid, "data": "0x" + bytes(data).hex()})

    def wait_for_epoch(self, netuid: int, epochs: int = 1, poll: float = 1.0, progress: Any = None) -> int:
        """Waits until ``netuid`` has run ``epochs`` more epochs; returns the block of the last."""
        block = 0
        for k in range(epochs):
            block = self.next_epoch_block(netuid)
            if progress:
                progress(f"waiting for epoch {k + 1}/{epochs} at block {block} (now {self.chain.block_number()})")
            self.wait_for_block(block, poll)
        return block
