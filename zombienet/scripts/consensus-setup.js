// Through this node: Alice registers subnet 1 (root shortens its tempo to 4
// and turns commit-reveal off), Bob registers validator Charlie and miners
// Dave and Eve and stakes 100 TAO on Charlie, Charlie weights Dave 2 : Eve 1.
// Returns the netuid.
const { api } = require('./lib.js');

const TAO = 1_000_000_000n;

function send(a, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, dispatchError, events }) => {
      if (dispatchError) {
        const e = dispatchError.isModule ? a.registry.findMetaError(dispatchError.asModule) : null;
        reject(new Error(e ? `${e.section}.${e.name}` : dispatchError.toString()));
      } else if (status.isInBlock) {
        const sudo = events.find(({ event }) => event.method === 'Sudid');
        if (sudo && sudo.event.data.sudoResult.isErr) reject(new Error('sudo call failed'));
        else resolve(events);
      }
    }).catch(reject);
  });
}

async function run(nodeName, networkInfo) {
  const a = await api(networkInfo, nodeName);
  const k = new zombie.Keyring({ type: 'sr25519' });
  const [alice, bob, charlie, dave, eve] = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve'].map((n) => k.addFromUri(`//${n}`));
  await send(a, a.tx.subnets.registerNetwork(), alice);
  const netuid = 1;
  await send(a, a.tx.sudo.sudo(a.tx.utility.batchAll([
    a.tx.subnets.setHyperparameter(netuid, { Tempo: 4 }),
    a.tx.subnets.setHyperparameter(netuid, { CommitRevealEnabled: false }),
    a.tx.subnets.setHyperparameter(netuid, { MaxRegsPerBlock: 4 }),
  ])), alice);
  await send(a, a.tx.utility.batchAll([charlie, dave, eve].map((h) => a.tx.subnets.burnedRegister(netuid, h.address))), bob);
  await send(a, a.tx.stake.addStake(charlie.address, 100n * TAO), bob);
  await send(a, a.tx.weights.setWeights(netuid, [1, 2], [2, 1], 0), charlie);
  console.log(`${nodeName}: subnet ${netuid} set up (validator Charlie, miners Dave and Eve)`);
  await a.disconnect();
  return netuid;
}

module.exports = { run };
