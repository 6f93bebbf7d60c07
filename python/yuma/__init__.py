"""yuma: the Python SDK of yuma-chain.

- :class:`yuma.chain.Chain`: a client of a node (subnets, hyperparameters,
  the metagraph as numpy arrays, signed calls whose failures are exceptions).
- :mod:`yuma.wallet`: coldkeys (encrypted) and hotkeys on disk, in
  bittensor-wallet's layout.
- :mod:`yuma.errors`: every chain error as :class:`ChainError` carrying its
  name, ``weights.RateLimited``, ``Token.FundsUnavailable``, ...
"""

from .errors import ChainError, PoolRefusal

__all__ = ["ChainError", "PoolRefusal"]
__version__ = "0.1.0"
