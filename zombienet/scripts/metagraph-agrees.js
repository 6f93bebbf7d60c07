// Waits until subnet 1's miners earn (an epoch with incentive), then reads
// the metagraph (runtime API `metagraphApi`) through this node and through
// node args[0] at the same finalised block. Returns the number of
// disagreements: 0 when both nodes give the same metagraph, the same state
// root and the same block hash, and the miners are ranked 2 : 1.
const { api } = require('./lib.js');

async function run(nodeName, networkInfo, args) {
  const [other] = args;
  const a = await api(networkInfo, nodeName);
  const b = await api(networkInfo, other);
  // The first finalised block whose metagraph pays both miners.
  const hash = await new Promise((resolve, reject) => {
    let unsub = () => {};
    a.rpc.chain.subscribeFinalizedHeads(async (h) => {
      const graph = await (await a.at(h.hash)).call.metagraphApi.metagraph(1, 0, 16);
      if (graph.length === 3 && graph[1].incentive.toNumber() > 0 && graph[2].incentive.toNumber() > 0) {
        unsub();
        resolve(h.hash);
      }
    }).then((u) => { unsub = u; }, reject);
  });
  let disagreements = 0;
  const [ga, gb] = await Promise.all([
    (await a.at(hash)).call.metagraphApi.metagraph(1, 0, 16),
    (await b.at(hash)).call.metagraphApi.metagraph(1, 0, 16),
  ]);
  if (JSON.stringify(ga.toJSON()) !== JSON.stringify(gb.toJSON())) disagreements += 1;
  const [ha, hb] = await Promise.all([a.rpc.chain.getHeader(hash), b.rpc.chain.getHeader(hash)]);
  if (ha.stateRoot.toHex() !== hb.stateRoot.toHex()) disagreements += 1;
  const n = ha.number.toNumber();
  if ((await b.rpc.chain.getBlockHash(n)).toHex() !== hash.toHex()) disagreements += 1;
  const [dave, eve] = [ga[1].incentive.toNumber(), ga[2].incentive.toNumber()];
  if (!(dave > eve && Math.abs(dave - 2 * eve) <= 2)) disagreements += 1;
  console.log(`#${n}: incentive Dave ${dave}, Eve ${eve}; ${nodeName} and ${other} agree: ${disagreements === 0}`);
  await a.disconnect();
  await b.disconnect();
  return disagreements;
}

module.exports = { run };
