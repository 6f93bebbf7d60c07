// Submitting extrinsics and reading their outcome.

import assert from 'node:assert/strict';

/**
 * Signs and submits `tx`, resolves once it is in a block with
 * { blockHash, events, dispatchError } (dispatchError is null on success).
 * Rejects if the pool refuses it or it is dropped.
 */
export function submit(api, tx, signer, { timeoutMs = 90_000 } = {}) {
  return watch(tx, (callback) => tx.signAndSend(signer, callback), timeoutMs);
}

/** Like `submit`, for a call the chain accepts unsigned (`system.applyAuthorizedUpgrade`). */
export function submitUnsigned(api, tx, { timeoutMs = 90_000 } = {}) {
  return watch(tx, (callback) => tx.send(callback), timeoutMs);
}

/** Sends `tx` with `send(callback)` and resolves once it is in a block. */
function watch(tx, send, timeoutMs) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    const timer = setTimeout(() => {
      unsub();
      reject(new Error(`extrinsic ${tx.method.section}.${tx.method.method} not included in ${timeoutMs} ms`));
    }, timeoutMs);
    send((result) => {
      const { status, events, dispatchError } = result;
      if (status.isInBlock) {
        clearTimeout(timer);
        unsub();
        resolve({ blockHash: status.asInBlock, events, dispatchError: dispatchError || null });
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        clearTimeout(timer);
        unsub();
        reject(new Error(`extrinsic ${status.type}`));
      }
    }).then((u) => { unsub = u; }, (err) => { clearTimeout(timer); reject(err); });
  });
}

/** The name of a dispatch error, as polkadot.js users see it: `balances.InsufficientBalance`, `Token.FundsUnavailable`, … */
export function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return `${meta.section}.${meta.name}`;
  }
  if (dispatchError.isToken) return `Token.${dispatchError.asToken.type}`;
  if (dispatchError.isArithmetic) return `Arithmetic.${dispatchError.asArithmetic.type}`;
  return dispatchError.type;
}

/** Asserts that a submission's call succeeded (its error's name otherwise), with `what` as the message. */
export function assertOk(api, result, what) {
  assert.equal(result.dispatchError && errorName(api, result.dispatchError), null, what);
}

/** Free balance of `who` (as a BigInt) at `blockHash` (default: best). */
export async function freeBalance(api, who, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  const account = await at.query.system.account(who);
  return account.data.free.toBigInt();
}
