// Submitting extrinsics and reading their outcome.

import assert from 'node:assert/strict';
import { BN } from '@polkadot/util';

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

/**
 * Submits `tx` expecting the pool to refuse it, as `Weights` calls that
 * would fail are (pallet-weights' CheckWeights). Resolves with what the
 * user sees, { message: '1010: Invalid Transaction: Custom error: 8', name:
 * 'weights.RateLimited' }: the custom error is the index of the pallet
 * error the call would have failed with, named from the metadata.
 */
export async function refused(api, tx, signer) {
  let message;
  try {
    await submit(api, tx, signer);
  } catch (err) {
    message = String(err.message);
  }
  assert.ok(message, `${tx.method.section}.${tx.method.method} was accepted`);
  const custom = /Custom error: (\d+)/.exec(message);
  return { message, name: custom ? weightsError(api, Number(custom[1])) : null };
}

/** The name of pallet-weights' error number `code`: `weights.RateLimited`, … */
export function weightsError(api, code) {
  const index = api.tx.weights.setWeights.callIndex[0];
  const meta = api.registry.findMetaError({ index: new BN(index), error: new BN(code) });
  return `${meta.section}.${meta.name}`;
}
