// After a restart: the node must still have the finalised block it had
// before (remember-head.js), with the same hash, and report a finalised
// height at least that high from its first answer on, before any sync
// could have brought it back. Returns the number of failed checks.
const fs = require('fs');
const path = require('path');
const { api, hashAt } = require('./lib.js');

async function run(nodeName, networkInfo) {
  const before = JSON.parse(fs.readFileSync(path.join(networkInfo.tmpDir, `${nodeName}-head.json`)));
  const a = await api(networkInfo, nodeName);
  const finalised = (await a.rpc.chain.getHeader(await a.rpc.chain.getFinalizedHead())).number.toNumber();
  const hash = await hashAt(a, before.number);
  let failed = 0;
  if (finalised < before.number) failed += 1;
  if (hash !== before.hash) failed += 1;
  console.log(`${nodeName}: finalised #${finalised} on restart (was #${before.number}); block #${before.number} ${hash === before.hash ? 'kept' : 'LOST'}`);
  await a.disconnect();
  return failed;
}

module.exports = { run };
