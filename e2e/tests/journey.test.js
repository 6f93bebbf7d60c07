// The user journey of a subnet on a fresh dev chain, through polkadot.js
// only (no custom types: the runtime APIs are in the metadata):
//
// Alice registers subnet 1; Bob registers 3 validators and Charlie 4 miners
// by burning, Dave a 5th miner by proof of work (the project's JS solver);
// Bob, Eve and Ferdie stake on the validators; validator 1 commits and then
// reveals its weights, validators 2 and 3 set theirs directly; after the
// epochs, the metagraph read through `api.call.metagraphApi` ranks the
// miners as the weights demand, validators and nominators were paid,
// Alice got the owner's cut, and total issuance is the sum of all balances.
// Every failure a user can cause on the way is refused by name and leaves
// the state as it was.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';

import { devAccounts } from '../lib/accounts.js';
import { startDevNode } from '../lib/node.js';
import { solve } from '../lib/pow.js';
import { findEvent as find, head as headOf, nextEpochPaid, untilBlock as untilBlockOf } from '../lib/blocks.js';
import { errorName, freeBalance, refused, submit } from '../lib/tx.js';

const TAO = 1_000_000_000n;
const NETUID = 1;
// Miners' weights, the same ordering for every validator: miner 1 highest.
const MINER_WEIGHTS = [50, 40, 30, 20, 10];

let node;
let api;
let alice; let bob; let charlie; let dave; let eve; let ferdie; let outsider;
let validators; // hotkeys V1..V3 (owner Bob)
let miners; // hotkeys M1..M5 (owners Charlie, and Dave for M5)

const head = () => headOf(api);
const untilBlock = (n) => untilBlockOf(api, n);

/** The metagraph of subnet 1, through the runtime API. */
async function metagraph() {
  return (await api.call.metagraphApi.metagraph(NETUID, 0, 64)).map((n) => ({
    uid: n.uid.toNumber(),
    hotkey: n.hotkey.toString(),
    incentive: n.incentive.toNumber(),
    dividends: n.dividends.toNumber(),
    emission: n.emission.toBigInt(),
    permit: n.validatorPermit.isTrue,
  }));
}

// What a position is worth now (its stake and the rewards it has earned).
const position = async (hotkey, coldkey) => {
  const all = await api.call.stakeInfoApi.positions(coldkey.address, 0, 1024);
  const p = all.find((x) => x.hotkey.toString() === hotkey.address);
  return p ? p.amount.toBigInt() : 0n;
};

before(async () => {
  [alice, bob, charlie, dave, eve, ferdie, outsider] =
    await devAccounts('Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', 'Eve//stash');
  validators = await devAccounts('Journey/V1', 'Journey/V2', 'Journey/V3');
  miners = await devAccounts('Journey/M1', 'Journey/M2', 'Journey/M3', 'Journey/M4', 'Journey/M5');
  node = await startDevNode();
  api = node.api;
});

after(async () => {
  if (node) await node.stop();
});

describe('a subnet from registration to its first paid epochs', () => {
  test('Alice registers subnet 1; the APIs describe it', async () => {
    const cost = (await api.call.subnetInfoApi.networkLockCost()).toBigInt();
    const r = await submit(api, api.tx.subnets.registerNetwork(), alice);
    assert.equal(r.dispatchError, null);
    assert.equal(find(r.events, 'subnets', 'NetworkRegistered').data.lock.toBigInt(), cost);
    const info = (await api.call.subnetInfoApi.subnet(NETUID)).unwrap();
    assert.equal(info.owner.unwrap().toString(), alice.address);
    assert.equal(info.tempo.toNumber(), 20, 'the dev tempo');
    assert.equal(info.emissionSharePpb.toNumber(), 1_000_000_000, 'the only subnet takes all emission');
    assert.equal((await api.call.subnetInfoApi.subnets()).length, 2, 'root and subnet 1');
  });

  test('hyperparameters: out of range, or from someone else, are refused and change nothing', async () => {
    // The owner may not change hyperparameters in the 10 blocks before an epoch.
    const info = (await api.call.subnetInfoApi.subnet(NETUID)).unwrap();
    const next = info.nextEpochBlock.toNumber();
    if (next - (await head()) <= 11) await untilBlock(next);
    const before = (await api.query.subnets.hyperparams(NETUID)).unwrap().toHex();
    let r = await submit(api, api.tx.subnets.setHyperparameter(NETUID, { MaxWeightLimit: 0 }), alice);
    assert.equal(errorName(api, r.dispatchError), 'subnets.ValueOutOfBounds');
    r = await submit(api, api.tx.subnets.setHyperparameter(NETUID, { MaxWeightLimit: 30000 }), bob);
    assert.equal(errorName(api, r.dispatchError), 'subnets.NotSubnetOwner');
    assert.equal((await api.query.subnets.hyperparams(NETUID)).unwrap().toHex(), before);
  });

  test('root (sudo) shortens the tempo to 4 and eases proof of work for the journey', async () => {
    const r = await submit(api, api.tx.sudo.sudo(api.tx.utility.batchAll([
      api.tx.subnets.setHyperparameter(NETUID, { Tempo: 4 }),
      api.tx.subnets.setHyperparameter(NETUID, { MaxRegsPerBlock: 8 }),
      api.tx.subnets.setHyperparameter(NETUID, { MinDifficulty: 1 }),
      api.tx.subnets.setHyperparameter(NETUID, { Difficulty: 1000 }),
    ])), alice);
    assert.ok(find(r.events, 'sudo', 'Sudid').data.sudoResult.isOk);
    assert.equal((await api.query.subnets.hyperparams(NETUID)).unwrap().tempo.toNumber(), 4);
  });

  test('3 validators and 4 miners register by burning, a 5th miner by proof of work', async () => {
    const burn = (await api.call.registrationApi.registrationInfo(NETUID)).unwrap().burn.toBigInt();
    // One after the other, so that the validators get uids 0 to 2.
    const byBob = await submit(api, api.tx.utility.batchAll(
      validators.map((v) => api.tx.subnets.burnedRegister(NETUID, v.address))), bob);
    const byCharlie = await submit(api, api.tx.utility.batchAll(
      miners.slice(0, 4).map((m) => api.tx.subnets.burnedRegister(NETUID, m.address))), charlie);
    assert.equal(byBob.dispatchError, null);
    assert.equal(byCharlie.dispatchError, null);
    const burned = [...byBob.events, ...byCharlie.events]
      .filter(({ event }) => event.section === 'subnets' && event.method === 'NeuronRegistered')
      .map(({ event }) => event.data.burned.toBigInt());
    assert.equal(burned.length, 7);
    assert.ok(burned.every((b) => b >= burn));

    // A seal that is not the hash of (block hash, hotkey, coldkey, nonce) is refused; nothing changes.
    const n = (await api.query.subnets.subnetN(NETUID)).toNumber();
    const header = await api.rpc.chain.getHeader();
    let r = await submit(api, api.tx.subnets.register(NETUID, header.number.toNumber(), 7, '0x' + '11'.repeat(32), miners[4].address), dave);
    assert.equal(errorName(api, r.dispatchError), 'subnets.InvalidSeal');
    assert.equal((await api.query.subnets.subnetN(NETUID)).toNumber(), n);

    const fresh = await api.rpc.chain.getHeader();
    const { nonce, work } = solve(fresh.hash.toHex(), miners[4].address, dave.address, 1000);
    r = await submit(api, api.tx.subnets.register(NETUID, fresh.number.toNumber(), nonce, work, miners[4].address), dave);
    assert.equal(r.dispatchError, null);
    assert.equal(find(r.events, 'subnets', 'NeuronRegistered').data.burned.toBigInt(), 0n);

    const uids = await Promise.all([...validators, ...miners].map(async (k) =>
      (await api.query.subnets.uids(NETUID, k.address)).unwrap().toNumber()));
    assert.deepEqual(uids, [0, 1, 2, 3, 4, 5, 6, 7]);
    const reg = (await api.call.registrationApi.registrationInfo(NETUID)).unwrap();
    assert.equal(reg.n.toNumber(), 8);
    assert.equal(reg.nextUid.unwrap().toNumber(), 8);
  });

  test('Bob stakes on his validators, Eve and Ferdie nominate; more than one has is refused', async () => {
    const funding = api.tx.utility.batchAll(validators.map((v) => api.tx.balances.transferKeepAlive(v.address, 10n * TAO)));
    const results = await Promise.all([
      submit(api, funding, alice),
      submit(api, api.tx.utility.batchAll([
        api.tx.stake.addStake(validators[0].address, 300n * TAO),
        api.tx.stake.addStake(validators[1].address, 200n * TAO),
        api.tx.stake.addStake(validators[2].address, 100n * TAO),
      ]), bob),
      submit(api, api.tx.stake.addStake(validators[0].address, 100n * TAO), eve),
      submit(api, api.tx.stake.addStake(validators[1].address, 50n * TAO), ferdie),
    ]);
    for (const r of results) assert.equal(r.dispatchError, null);
    assert.equal(await position(validators[1], ferdie), 50n * TAO);

    const r = await submit(api, api.tx.stake.addStake(validators[1].address, 10_000_000n * TAO), ferdie);
    assert.equal(errorName(api, r.dispatchError), 'stake.InsufficientBalance');
    assert.equal(await position(validators[1], ferdie), 50n * TAO);
    const stakers = await api.call.stakeInfoApi.stakers(validators[0].address, 0, 10);
    assert.deepEqual(stakers.map((p) => p.amount.toBigInt()).sort(), [100n * TAO, 300n * TAO]);
  });

  test('validator 1 commits its weights and reveals them in the next epoch', async () => {
    const uids = [3, 4, 5, 6, 7];
    const salt = '0x' + '5a'.repeat(16);
    const hash = blake2AsHex(api.createType('(AccountId, u16, Vec<u16>, Vec<u16>, Vec<u8>, u64)',
      [validators[0].address, NETUID, uids, MINER_WEIGHTS, salt, 0]).toU8a());
    let r = await submit(api, api.tx.weights.commitWeights(NETUID, hash), validators[0]);
    assert.equal(r.dispatchError, null);
    const commit = find(r.events, 'weights', 'WeightsCommitted');
    const revealEpoch = commit.data.revealEpoch.toNumber();
    // Epoch k of subnet 1 (tempo 4) starts at block 5k - 2.
    await untilBlock(5 * revealEpoch - 2 - 1);
    r = await submit(api, api.tx.weights.revealWeights(NETUID, uids, MINER_WEIGHTS, salt, 0), validators[0]);
    assert.equal(r.dispatchError, null);
    const row = (await api.query.weights.weights(NETUID, 0)).unwrap().map(([uid, w]) => [uid.toNumber(), w.toNumber()]);
    assert.deepEqual(row, [[3, 65535], [4, 52428], [5, 39321], [6, 26214], [7, 13107]]);
  });

  test('with commit-reveal off, validators 2 and 3 set weights; bad rows are refused by name', async () => {
    let r = await submit(api, api.tx.sudo.sudo(api.tx.subnets.setHyperparameter(NETUID, { CommitRevealEnabled: false })), alice);
    assert.ok(find(r.events, 'sudo', 'Sudid').data.sudoResult.isOk);
    const uids = [3, 4, 5, 6, 7];
    const both = await Promise.all(validators.slice(1).map((v) =>
      submit(api, api.tx.weights.setWeights(NETUID, uids, MINER_WEIGHTS, 0), v)));
    for (const s of both) assert.equal(s.dispatchError, null);
    const rows = async () => (await api.query.weights.weights.entries(NETUID)).map(([k, v]) => [k.args[1].toNumber(), v.toHex()]).sort();
    const lastUpdates = async () => (await api.query.weights.lastUpdate.entries(NETUID)).length;
    const before = await rows();
    assert.equal(before.length, 3);

    // Refused by the pool, by name, and nothing paid.
    const outsiderBefore = await freeBalance(api, outsider.address);
    const refusal = await refused(api, api.tx.weights.setWeights(NETUID, [3], [1], 0), outsider);
    assert.deepEqual(refusal, { message: '1010: Invalid Transaction: Custom error: 1', name: 'weights.NotRegistered' });
    // Validator 2 set its row just now: the rate limit is checked before
    // anything in a row, so even a row with a uid twice is refused for it.
    assert.equal((await refused(api, api.tx.weights.setWeights(NETUID, [3, 3], [1, 2], 0), validators[1])).name,
      'weights.RateLimited');
    assert.equal((await refused(api, api.tx.weights.setWeights(NETUID, [4], [1], 0), validators[1])).name,
      'weights.RateLimited');
    assert.equal(await freeBalance(api, outsider.address), outsiderBefore);
    assert.deepEqual(await rows(), before, 'no row changed');
    assert.equal(await lastUpdates(), 3);
  });

  test('after the epochs: miners ranked as weighted, validators and nominators paid, the owner cut, issuance == balances', async () => {
    const eveBefore = await position(validators[0], eve);
    const ferdieBefore = await position(validators[1], ferdie);
    // Stake counts from the second epoch after staking, permits from there,
    // weights of permitted validators from the one after: wait until miners earn.
    let paid;
    let graph;
    let seen = await head();
    for (let i = 0; i < 6; i += 1) {
      paid = await nextEpochPaid(api, NETUID, seen);
      seen = paid.number;
      graph = await metagraph();
      if (graph.slice(3).every((m) => m.incentive > 0) && graph.slice(0, 3).every((v) => v.dividends > 0)) break;
    }
    const incentives = graph.slice(3).map((m) => m.incentive);
    assert.ok(incentives.every((x) => x > 0), `miners earn: ${incentives}`);
    for (let k = 1; k < incentives.length; k += 1) {
      assert.ok(incentives[k - 1] > incentives[k], `miner ${k} above miner ${k + 1}: ${incentives}`);
    }
    assert.ok(graph.slice(0, 3).every((v) => v.permit && v.dividends > 0 && v.incentive === 0), 'validators earn dividends');
    assert.deepEqual(graph.map((n) => n.hotkey), [...validators, ...miners].map((k) => k.address));

    // The epoch's payout adds up, and the owner's cut reached Alice.
    const { pending, ownerCut, toMiners, toValidators, recycled } = paid.event.data;
    assert.equal(ownerCut.toBigInt(), pending.toBigInt() * 18n / 100n);
    assert.equal(ownerCut.toBigInt() + toMiners.toBigInt() + toValidators.toBigInt() + recycled.toBigInt(), pending.toBigInt());
    assert.ok(toMiners.toBigInt() > 0n && toValidators.toBigInt() > 0n);
    const block = await api.rpc.chain.getBlock(paid.hash);
    const parent = block.block.header.parentHash;
    const aliceAt = async (h) => (await (await api.at(h)).query.system.account(alice.address)).data.free.toBigInt();
    assert.equal(await aliceAt(paid.hash) - await aliceAt(parent), ownerCut.toBigInt());

    // Nominators were paid into their positions.
    assert.ok(await position(validators[0], eve) > eveBefore, 'Eve earned on validator 1');
    assert.ok(await position(validators[1], ferdie) > ferdieBefore, 'Ferdie earned on validator 2');
    const miner1 = (await api.call.metagraphApi.neuronByHotkey(NETUID, miners[0].address)).unwrap();
    assert.ok(miner1.stake.toBigInt() > 0n, "miner 1's incentive is its owner's stake");

    // Total issuance equals the sum of every account's balance (free + held).
    const at = await api.at(await api.rpc.chain.getFinalizedHead());
    const accounts = await at.query.system.account.entries();
    const sum = accounts.reduce((s, [, a]) => s + a.data.free.toBigInt() + a.data.reserved.toBigInt(), 0n);
    assert.equal(sum, (await at.query.balances.totalIssuance()).toBigInt());
  });
});
