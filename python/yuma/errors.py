"""Chain errors as Python exceptions, each carrying the error's name.

Names follow polkadot.js: ``<pallet in lowerCamelCase>.<Error>`` for a
pallet's error (``weights.RateLimited``, ``subnets.SubnetNotFound``), and
``Token.FundsUnavailable``, ``Arithmetic.Overflow``, ``BadOrigin``, ... for
FRAME's own. A call the pool refuses raises :class:`PoolRefusal`: nothing
was paid, and for a ``Weights`` call the name is the pallet error its
dispatch would have returned (the pool's custom error code is that error's
index, pallets/weights/README.md).
"""

from __future__ import annotations

import re
from typing import Any


def section(pallet: str) -> str:
    """A pallet's name as polkadot.js spells sections: ``TransactionPayment`` -> ``transactionPayment``."""
    return pallet[:1].lower() + pallet[1:]


class ChainError(Exception):
    """A call failed on chain (in a block: its fee was paid) or was refused."""

    def __init__(self, name: str, docs: str = "", data: Any = None):
        super().__init__(f"{name}: {docs}" if docs else name)
        self.name = name
        self.docs = docs
        self.data = data


class PoolRefusal(ChainError):
    """The transaction pool refused the transaction: it is in no block and cost nothing
    (except when :attr:`uncertain`: retracted from a block, or not finalized in time,
    it may still be in one)."""

    @property
    def uncertain(self) -> bool:
        return self.name in UNCERTAIN


def module_error(metadata: Any, index: int, error: int) -> ChainError:
    """The error ``error`` of the pallet at ``index``, named from the metadata."""
    pallet = metadata.get_pallet_by_index(index)
    meta = metadata.get_module_error(index, error)
    name = getattr(meta, "name", None) or (meta.value.get("name") if hasattr(meta, "value") else str(error))
    docs = getattr(meta, "docs", None) or (meta.value.get("docs") if hasattr(meta, "value") else [])
    return ChainError(f"{section(pallet.name)}.{name}", " ".join(docs or []))


def dispatch_error(metadata: Any, value: Any) -> ChainError:
    """A ``DispatchError`` as decoded in an ``ExtrinsicFailed`` event."""
    if isinstance(value, dict) and "Module" in value:
        module = value["Module"]
        code = module["error"]
        if isinstance(code, str):
            code = bytes.fromhex(code.removeprefix("0x"))[0]
        elif isinstance(code, (list, tuple, bytes)):
            code = code[0]
        return module_error(metadata, int(module["index"]), int(code))
    if isinstance(value, dict) and len(value) == 1:
        kind, detail = next(iter(value.items()))
        return ChainError(f"{kind}.{detail}" if isinstance(detail, str) else str(kind), data=value)
    return ChainError(str(value), data=value)


_CUSTOM = re.compile(r"Custom error: (\d+)")

#: How a watched transaction left the pool without a block (the client's messages).
_SUBSCRIPTION = re.compile(r"Subscription \S+ (usurped|retracted|finalityTimeout|dropped|invalid):")

#: Ends of a watched transaction after which it may still be, or end up, in a block.
UNCERTAIN = {"Pool.Retracted", "Pool.FinalityTimeout"}

#: The pool's own refusals (sp-runtime's messages), by the variant that makes them.
_POOL = {
    "Inability to pay some fees": "InvalidTransaction.Payment",
    "Transaction is outdated": "InvalidTransaction.Stale",
    "Transaction will be valid in the future": "InvalidTransaction.Future",
    "Transaction has a bad signature": "InvalidTransaction.BadProof",
    "Transaction has an ancient birth block": "InvalidTransaction.AncientBirthBlock",
    "Transaction would exhaust the block limits": "InvalidTransaction.ExhaustsResources",
    "Transaction call is not expected": "InvalidTransaction.Call",
    "Invalid signing address": "InvalidTransaction.BadSigner",
    "Could not lookup information required to validate the transaction": "UnknownTransaction.CannotLookup",
    "Priority is too low": "Pool.TooLowPriority",
    "Transaction Already Imported": "Pool.AlreadyImported",
    "Transaction is temporarily banned": "Pool.TemporarilyBanned",
}


def pool_refusal(metadata: Any, weights_index: int | None, response: Any) -> PoolRefusal:
    """What the pool said (a JSON-RPC error object, or its text), as an exception."""
    text = str(response)
    message = text
    if isinstance(response, dict):
        error = response.get("error", response)
        message = f"{error.get('code')}: {error.get('message')}: {error.get('data')}"
    custom = _CUSTOM.search(text)
    if custom and weights_index is not None:
        named = module_error(metadata, weights_index, int(custom.group(1)))
        return PoolRefusal(named.name, named.docs, data=message)
    ended = _SUBSCRIPTION.search(text)
    if ended:
        word = ended.group(1)
        return PoolRefusal(f"Pool.{word[:1].upper()}{word[1:]}", message, data=response)
    for words, name in _POOL.items():
        if words in text:
            return PoolRefusal(name, message, data=response)
    return PoolRefusal(message, data=response)
