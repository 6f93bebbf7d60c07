// What the js-scripts of the .zndsl tests share (CommonJS: zombienet
// `require`s them, with `zombie` as a global holding polkadot.js).

/** polkadot.js connected to the node called `name`. */
async function api(networkInfo, name) {
  return zombie.connect(networkInfo.nodesByName[name].wsUri);
}

/** Resolves once `api`'s finalised height is at least `n`. */
function finalisedAtLeast(api, n) {
  return new Promise((resolve, reject) => {
    api.rpc.chain.subscribeFinalizedHeads((h) => {
      if (h.number.toNumber() >= n) resolve(h.number.toNumber());
    }).catch(reject);
  });
}

/** Hash of block `n` on `api`, or null if it does not have it. */
async function hashAt(api, n) {
  const hash = await api.rpc.chain.getBlockHash(n);
  return hash.isEmpty ? null : hash.toHex();
}

/**
 * Resolves with the block hash and events of `tx` once it is in a block;
 * `send(tx, callback)` signs it or not. Rejects if the pool drops it.
 */
function included(tx, send) {
  return new Promise((resolve, reject) => {
    send(tx, ({ status, events }) => {
      if (status.isInBlock) resolve({ hash: status.asInBlock, events });
      else if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        reject(new Error(`${tx.method.section}.${tx.method.method}: ${status.type}`));
      }
    }).catch(reject);
  });
}

module.exports = { api, finalisedAtLeast, hashAt, included };
