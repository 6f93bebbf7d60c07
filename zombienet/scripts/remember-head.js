// Records this node's finalised head (number and hash) in the network's
// temporary folder, for resumed-from-database.js. Returns the number.
const fs = require('fs');
const path = require('path');
const { api } = require('./lib.js');

async function run(nodeName, networkInfo) {
  const a = await api(networkInfo, nodeName);
  const hash = await a.rpc.chain.getFinalizedHead();
  const number = (await a.rpc.chain.getHeader(hash)).number.toNumber();
  fs.writeFileSync(path.join(networkInfo.tmpDir, `${nodeName}-head.json`), JSON.stringify({ number, hash: hash.toHex() }));
  console.log(`${nodeName}: finalised head #${number} ${hash.toHex()}`);
  await a.disconnect();
  return number;
}

module.exports = { run };
