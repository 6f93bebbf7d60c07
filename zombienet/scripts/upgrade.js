// Through this node, Alice (sudo on `local`) authorizes the test upgrade
// ($UPGRADE_WASM, built by `make upgrade-wasm`) and anyone sends it
// unsigned. Returns 1 once a block has updated the code (0 if the chain
// did not take it).
const fs = require('fs');
const { api, included } = require('./lib.js');

async function run(nodeName, networkInfo) {
  const path = process.env.UPGRADE_WASM;
  if (!path || !fs.existsSync(path)) throw new Error(`no test upgrade at UPGRADE_WASM=${path}: run make upgrade-wasm`);
  const code = `0x${fs.readFileSync(path).toString('hex')}`;
  const a = await api(networkInfo, nodeName);
  const alice = new zombie.Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const codeHash = zombie.util.blake2AsHex(code, 256);
  const auth = await included(a.tx.sudo.sudo(a.tx.system.authorizeUpgrade(codeHash)), (tx, cb) => tx.signAndSend(alice, cb));
  const sudid = auth.events.find(({ event }) => event.method === 'Sudid');
  if (!sudid || sudid.event.data.sudoResult.isErr) throw new Error('sudo authorize_upgrade failed');
  const applied = await included(a.tx.system.applyAuthorizedUpgrade(code), (tx, cb) => tx.send(cb));
  const updated = applied.events.some(({ event }) => event.section === 'system' && event.method === 'CodeUpdated');
  const n = (await a.rpc.chain.getHeader(applied.hash)).number.toNumber();
  console.log(`${nodeName}: code updated in #${n}: ${updated}`);
  await a.disconnect();
  return updated ? 1 : 0;
}

module.exports = { run };
