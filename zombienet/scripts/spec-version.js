// Waits until this node's finalised block was built by a newer runtime
// than the genesis block (the runtime in its parent's state): finality has
// gone past the upgrade. Returns by how many spec_versions it is newer (1
// for the test upgrade).
const { api } = require('./lib.js');

async function run(nodeName, networkInfo) {
  const a = await api(networkInfo, nodeName);
  const genesis = (await a.rpc.state.getRuntimeVersion(await a.rpc.chain.getBlockHash(0))).specVersion.toNumber();
  const spec = await new Promise((resolve, reject) => {
    let unsub = () => {};
    a.rpc.chain.subscribeFinalizedHeads(async (h) => {
      const v = (await a.rpc.state.getRuntimeVersion(h.parentHash)).specVersion.toNumber();
      if (v > genesis) { unsub(); resolve(v); }
    }).then((u) => { unsub = u; }, reject);
  });
  console.log(`${nodeName}: finalised block runs spec_version ${spec} (genesis ${genesis})`);
  await a.disconnect();
  return spec - genesis;
}

module.exports = { run };
