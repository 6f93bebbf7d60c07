// Load benchmark (not a test): fills blocks with signed `weights.setWeights`
// and `balances.transferKeepAlive` from many accounts for a while, and
// reports transactions per second and how full the blocks were.
//
//   node load.js [--url ws://127.0.0.1:9944] [--seconds 60] [--senders 256] [--validators 64] [--in-flight 16]
//
// Without --url it starts its own `yuma-node --dev --tmp` (lib/node.js) and
// stops it at the end. Needs sudo (Alice) on the chain: it creates a subnet
// for the validators with commit-reveal off, no weights rate limit (one
// row per uid per block) and no stake needed to weigh.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { startDevNode } from './lib/node.js';
import { submit } from './lib/tx.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', 60));
const SENDERS = Number(arg('senders', 256));
const VALIDATORS = Number(arg('validators', 64));
const IN_FLIGHT = Number(arg('in-flight', 16)); // transactions each account keeps in the pool
const TAO = 1_000_000_000n;

await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = keyring.addFromUri('//Alice');
const senders = Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//load/sender/${i}`));
const validators = Array.from({ length: VALIDATORS }, (_, i) => keyring.addFromUri(`//load/validator/${i}`));

let node;
let api;
if (arg('url')) {
  api = await ApiPromise.create({ provider: new WsProvider(arg('url')), noInitWarn: true });
} else {
  node = await startDevNode();
  api = node.api;
}
const log = (...a) => console.error('[load]', ...a);

// ---- setup: fund everyone, a subnet with the validators registered --------
async function setup() {
  const all = [...senders, ...validators];
  for (let i = 0; i < all.length; i += 256) {
    const batch = all.slice(i, i + 256).map((k) => api.tx.balances.transferKeepAlive(k.address, 100n * TAO));
    const r = await submit(api, api.tx.utility.batchAll(batch), alice);
    if (r.dispatchError) throw new Error(`funding failed: ${r.dispatchError}`);
  }
  let r = await submit(api, api.tx.subnets.registerNetwork(), alice);
  const registered = r.events.find(({ event }) => event.method === 'NetworkRegistered');
  if (!registered) throw new Error('register_network failed (has this chain already a subnet from this script? use a fresh dev chain)');
  const netuid = registered.event.data.netuid.toNumber();
  r = await submit(api, api.tx.sudo.sudo(api.tx.utility.batchAll([
    api.tx.subnets.setHyperparameter(netuid, { MaxAllowedUids: Math.max(256, VALIDATORS) }),
    api.tx.subnets.setHyperparameter(netuid, { MaxRegsPerBlock: 64 }),
    api.tx.subnets.setHyperparameter(netuid, { CommitRevealEnabled: false }),
    api.tx.subnets.setHyperparameter(netuid, { WeightsRateLimit: 0 }),
    api.tx.subnets.setHyperparameter(netuid, { ValidatorMinStake: 0 }),
    api.tx.subnets.setHyperparameter(netuid, { MinBurn: 1 }),
    api.tx.subnets.setHyperparameter(netuid, { Burn: 1 }),
  ])), alice);
  for (let i = 0; i < validators.length; i += 64) {
    const regs = validators.slice(i, i + 64).map((v) => api.tx.subnets.burnedRegister(netuid, v.address));
    r = await submit(api, api.tx.utility.batchAll(regs), alice);
    if (r.dispatchError) throw new Error(`registration failed: ${r.dispatchError}`);
  }
  return netuid;
}

// ---- load -----------------------------------------------------------------
const netuid = await setup();
const n = (await api.query.subnets.subnetN(netuid)).toNumber();
const uids = Array.from({ length: Math.min(n, 32) }, (_, i) => i);
log(`subnet ${netuid}: ${n} uids; ${SENDERS} senders, ${VALIDATORS} validators, ${SECONDS} s`);

const accounts = [...senders.map((k) => ({ k, kind: 'transfer' })), ...validators.map((k) => ({ k, kind: 'weights' }))];
const next = new Map(); // address -> next nonce to use
let sent = 0;
let refused = 0;
let round = 0;

function txFor(a) {
  if (a.kind === 'transfer') return api.tx.balances.transferKeepAlive(alice.address, 1_000_000n);
  round += 1;
  return api.tx.weights.setWeights(netuid, uids, uids.map((u) => 1 + ((u + round) % 100)), 0);
}

async function topUp() {
  const infos = await api.query.system.account.multi(accounts.map((a) => a.k.address));
  const sends = [];
  accounts.forEach((a, i) => {
    const onChain = infos[i].nonce.toNumber();
    let nonce = Math.max(next.get(a.k.address) ?? 0, onChain);
    // A uid's row is valid once per block and the pool holds one per uid
    // (CheckWeights), so a validator keeps one in flight.
    const depth = a.kind === 'weights' ? 1 : IN_FLIGHT;
    while (nonce < onChain + depth) {
      const used = nonce;
      sends.push(txFor(a).signAsync(a.k, { nonce, era: 0 })
        .then((signed) => api.rpc.author.submitExtrinsic(signed))
        .then(() => { sent += 1; }, () => {
          refused += 1;
          // Not in the pool: its nonce is free again.
          next.set(a.k.address, Math.min(next.get(a.k.address) ?? used, used));
        }));
      nonce += 1;
    }
    next.set(a.k.address, nonce);
  });
  await Promise.all(sends);
}

const maxNormal = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
const maxLength = api.consts.system.blockLength.max.normal.toNumber();
const blocks = [];
const start = Date.now();
const unsub = await api.rpc.chain.subscribeNewHeads(async (h) => {
  if (Date.now() - start > SECONDS * 1000) return;
  const at = await api.at(h.hash);
  const [block, weight, events, now] = await Promise.all([
    api.rpc.chain.getBlock(h.hash), at.query.system.blockWeight(), at.query.system.events(), at.query.timestamp.now(),
  ]);
  const signed = block.block.extrinsics.filter((x) => x.isSigned).length;
  const ok = events.filter(({ phase, event }) => phase.isApplyExtrinsic && event.method === 'ExtrinsicSuccess').length;
  blocks.push({
    number: h.number.toNumber(),
    time: now.toNumber(),
    signed,
    succeeded: ok - (block.block.extrinsics.length - signed), // inherents succeed too
    weight: Number((weight.normal.refTime.toBigInt() * 1000n) / maxNormal) / 10,
    bytes: block.block.encodedLength,
  });
  topUp().catch((e) => log('top-up failed:', e.message));
});
await topUp();
await new Promise((r) => setTimeout(r, SECONDS * 1000 + 1000));
unsub();

// Rate over the blocks after the first: their transactions over the time
// from the first block's timestamp to the last's.
const measured = blocks.slice(1);
const total = measured.reduce((s, b) => s + b.signed, 0);
const elapsed = blocks.length > 1 ? (blocks[blocks.length - 1].time - blocks[0].time) / 1000 : SECONDS;
const result = {
  seconds: SECONDS,
  blocks: blocks.length,
  transactions: total,
  succeeded: measured.reduce((s, b) => s + b.succeeded, 0),
  tps: Number((total / elapsed).toFixed(1)),
  perBlock: Number((total / Math.max(1, measured.length)).toFixed(1)),
  avgNormalWeightPercent: Number((measured.reduce((s, b) => s + b.weight, 0) / Math.max(1, measured.length)).toFixed(1)),
  avgBlockBytes: Math.round(measured.reduce((s, b) => s + b.bytes, 0) / Math.max(1, measured.length)),
  maxNormalBytes: maxLength,
  submitted: sent,
  refusedByPool: refused,
};
console.log(JSON.stringify(result, null, 2));
for (const b of blocks) log(`#${b.number}: ${b.signed} signed, ${b.weight}% of normal weight, ${b.bytes} bytes`);
await api.disconnect();
if (node) await node.stop();
process.exit(0);
