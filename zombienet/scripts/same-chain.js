// Compares this node's chain with node args[0]'s: every block up to the
// lower finalised height must have the same hash (hence the same state
// root). Returns the number of blocks that differ or are missing.
const { api, hashAt } = require('./lib.js');

async function run(nodeName, networkInfo, args) {
  const [other] = args;
  const a = await api(networkInfo, nodeName);
  const b = await api(networkInfo, other);
  const top = Math.min(
    (await a.rpc.chain.getHeader(await a.rpc.chain.getFinalizedHead())).number.toNumber(),
    (await b.rpc.chain.getHeader(await b.rpc.chain.getFinalizedHead())).number.toNumber(),
  );
  let differ = 0;
  for (let n = 0; n <= top; n += 1) {
    const [x, y] = await Promise.all([hashAt(a, n), hashAt(b, n)]);
    if (x === null || x !== y) differ += 1;
  }
  console.log(`${nodeName} vs ${other}: ${top + 1} finalised blocks, ${differ} differ`);
  await a.disconnect();
  await b.disconnect();
  return differ;
}

module.exports = { run };
