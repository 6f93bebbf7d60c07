// Governance from polkadot.js on the `governed` preset (no sudo key; fast
// tracks): stakers pass a parameters referendum, a subnet creation proposal
// and a runtime upgrade (the test upgrade `make upgrade-wasm` builds, at
// $UPGRADE_WASM), as the README shows, and two thirds of the senate veto a
// referendum; the ways to vote, propose, veto or upgrade wrongly are
// refused by name and change nothing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex, xxhashAsHex } from '@polkadot/util-crypto';

import { devAccounts } from '../lib/accounts.js';
import { startDevNode, targetDir, waitForBlock } from '../lib/node.js';
import { findEvent as find, head, nextEvent, untilBlock } from '../lib/blocks.js';
import { assertOk, errorName, submit, submitUnsigned } from '../lib/tx.js';

const TAO = 1_000_000_000n;

let node;
let api;
let alice;
let bob;
let charlie;
let dave;
let eve;
let ferdie;
let reader;

const ok = (r, what) => assertOk(api, r, what);

/** Submits `call` with `origin` (Eve pays both deposits); resolves with the referendum's index. */
async function propose(call, origin) {
  const r = await submit(api, api.tx.referenda.submit(origin, { Inline: call.method.toHex() }, { After: 0 }), eve);
  ok(r, 'submit');
  const index = find(r.events, 'referenda', 'Submitted').data.index.toNumber();
  ok(await submit(api, api.tx.referenda.placeDecisionDeposit(index), eve), 'decision deposit');
  return index;
}

const aye = (balance) => ({ Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance } });

/** Resolves with the `scheduler.Dispatched` of the enactment (a named task) after block `from`. */
const enactment = (from) => nextEvent(api, 'scheduler', 'Dispatched', { after: from, accept: (e) => e.data.id.isSome });

/**
 * Submits `call` with `origin`, Dave votes aye with all his 10,000 staked
 * TAO, and resolves with the enactment's { index, event, hash } (the
 * `scheduler.Dispatched` of the call, whatever its result).
 */
async function passed(call, origin) {
  const index = await propose(call, origin);
  const from = await head(api);
  ok(await submit(api, api.tx.convictionVoting.vote(index, aye(10_000n * TAO)), dave), 'vote');
  return { index, ...(await enactment(from)) };
}

/** The test upgrade's blob: $UPGRADE_WASM, else where `make upgrade-wasm` puts it. */
function upgradeBlob() {
  const path = process.env.UPGRADE_WASM || join(targetDir(), 'upgrade', 'yuma_runtime.wasm');
  assert.ok(existsSync(path), `no test upgrade at ${path}: run make upgrade-wasm`);
  return u8aToHex(readFileSync(path));
}

/**
 * Passes a root referendum authorizing `code` (hex), then sends `code`
 * unsigned once no subnet's epoch is due in the next four blocks (so that
 * the first block of a new runtime runs no epoch); resolves with the
 * submission of `system.applyAuthorizedUpgrade`.
 */
async function authorizeAndApply(code) {
  const codeHash = blake2AsHex(code, 256);
  const { event, hash } = await passed(api.tx.system.authorizeUpgrade(codeHash), { system: 'Root' });
  assert.ok(event.data.result.isOk, 'enacted');
  const authorized = find(await (await api.at(hash)).query.system.events(), 'system', 'UpgradeAuthorized');
  assert.equal(authorized.data.codeHash.toHex(), codeHash);
  // Tempo 20 leaves 17 quiet blocks in every 21: one comes within a few.
  for (let waited = 0; ; waited += 1) {
    const now = await head(api);
    const subnets = await api.call.subnetInfoApi.subnets();
    if (subnets.every((s) => s.nextEpochBlock.toNumber() > now + 4)) break;
    assert.ok(waited < 30, 'no four blocks without an epoch in 30 blocks');
    await untilBlock(api, now + 1);
  }
  return submitUnsigned(api, api.tx.system.applyAuthorizedUpgrade(code));
}

/** The on-chain storage version of `pallet` at `hash` (default: best), read through `api`. */
async function palletVersion(api, pallet, hash) {
  const key = xxhashAsHex(pallet, 128) + xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2);
  const raw = await (hash ? api.rpc.state.getStorage(key, hash) : api.rpc.state.getStorage(key));
  return api.createType('u16', raw.unwrapOr(new Uint8Array(2))).toNumber();
}

/**
 * What an upgrade must not change, as the runtime of block `hash` reports it
 * through `api`. Rewards owed accrue block by block (they are in a neuron's
 * stake and a position's amount): those are compared apart, in `owed`.
 */
async function snapshot(api, hash) {
  const at = await api.at(hash);
  const accounts = [alice, bob, charlie, dave, eve, ferdie];
  const subnets = (await at.call.subnetInfoApi.subnets()).map((s) => {
    const { pendingEmission, ...rest } = s.toJSON();
    return rest;
  });
  const metagraphs = [];
  for (const s of subnets) {
    const graph = (await at.call.metagraphApi.metagraph(s.netuid, 0, 1024)).toJSON();
    metagraphs.push(graph.map(({ stake, ...rest }) => rest));
  }
  const positions = [];
  const owed = [];
  for (const a of accounts) {
    for (const p of await at.call.stakeInfoApi.positions(a.address, 0, 100)) {
      positions.push({ hotkey: p.hotkey.toString(), coldkey: p.coldkey.toString(), staked: p.amount.toBigInt() - p.owed.toBigInt() });
      owed.push(p.owed.toBigInt());
    }
  }
  const balances = [];
  for (const a of accounts) balances.push((await at.query.system.account(a.address)).data.toJSON());
  return {
    owed,
    subnets,
    metagraphs,
    positions,
    balances,
    subnetCount: (await at.query.subnets.subnetCount()).toNumber(),
    totalStake: (await at.query.stake.totalStake()).toBigInt(),
    totalIssuance: (await at.query.balances.totalIssuance()).toBigInt(),
  };
}

before(async () => {
  [alice, bob, charlie, dave, eve, ferdie] = await devAccounts('Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie');
  node = await startDevNode({ extraArgs: ['--chain', 'governed'] });
  api = node.api;
  // Voting power is stake: Dave stakes 10,000 TAO on Charlie (Bob's hotkey on subnet 1).
  ok(await submit(api, api.tx.subnets.registerNetwork(), alice), 'register network');
  ok(await submit(api, api.tx.subnets.burnedRegister(1, charlie.address), bob), 'register hotkey');
  ok(await submit(api, api.tx.stake.addStake(charlie.address, 10_000n * TAO), dave), 'stake');
});

after(async () => {
  await reader?.disconnect();
  await node?.stop();
});

describe('governance on the governed preset', () => {
  test('there is no sudo key; the chain spec set fast tracks', async () => {
    assert.ok((await api.query.sudo.key()).isNone);
    const tracks = api.consts.referenda.tracks.map(([id, info]) => [id.toNumber(), info.decisionPeriod.toNumber()]);
    assert.deepEqual(tracks, [[0, 20], [1, 20], [2, 20]]);
    assert.equal((await api.query.governance.parameters()).unwrap().networkRateLimit.toNumber(), 10);
  });

  test('a proposal whose origin has no track, or a vote without stake, is refused by name', async () => {
    const call = api.tx.governance.setParameter({ NetworkRateLimit: 1 });
    const r = await submit(api, api.tx.referenda.submit({ system: { Signed: alice.address } }, { Inline: call.method.toHex() }, { After: 0 }), eve);
    assert.equal(errorName(api, r.dispatchError), 'referenda.NoTrack');
    const index = await propose(call, { Governance: 'Parameters' });
    // Ferdie holds 100,000 TAO and no stake; Dave votes with more than he staked.
    let v = await submit(api, api.tx.convictionVoting.vote(index, aye(TAO)), ferdie);
    assert.equal(errorName(api, v.dispatchError), 'convictionVoting.InsufficientFunds');
    v = await submit(api, api.tx.convictionVoting.vote(index, aye(10_000n * TAO + 1n)), dave);
    assert.equal(errorName(api, v.dispatchError), 'convictionVoting.InsufficientFunds');
    const info = (await api.query.referenda.referendumInfoFor(index)).unwrap().asOngoing;
    assert.equal(info.tally.ayes.toBigInt(), 0n);
    // Nobody votes for it: cancelled by no one, it times out at the end of its decision period.
  });

  test('stakers change a chain rule by referendum, and it takes effect', async () => {
    const call = api.tx.governance.setParameter({ NetworkRateLimit: 100 });
    const { index, event, hash } = await passed(call, { Governance: 'Parameters' });
    assert.ok(event.data.result.isOk, 'enacted');
    const set = find(await (await api.at(hash)).query.system.events(), 'governance', 'ParameterSet');
    assert.deepEqual([set.data.from.toJSON(), set.data.to.toJSON()], [{ networkRateLimit: 10 }, { networkRateLimit: 100 }]);
    assert.ok((await api.query.referenda.referendumInfoFor(index)).unwrap().isApproved);
    assert.equal((await api.query.governance.parameters()).unwrap().networkRateLimit.toNumber(), 100);
    // Subnet 1 was registered in block 1..3: a second network now waits 100 blocks.
    const r = await submit(api, api.tx.subnets.registerNetwork(), bob);
    assert.equal(errorName(api, r.dispatchError), 'subnets.NetworkRateLimited');
    // The referendum is over: a late vote is refused.
    const late = await submit(api, api.tx.convictionVoting.vote(index, aye(TAO)), dave);
    assert.equal(errorName(api, late.dispatchError), 'convictionVoting.NotOngoing');
  });

  test('a subnet creation proposal, passed, creates the subnet for its owner without a lock', async () => {
    const free = (await api.query.system.account(ferdie.address)).data.free.toBigInt();
    const call = api.tx.subnets.createSubnet(ferdie.address, [{ Tempo: 50 }, { MaxAllowedUids: 1024 }]);
    const { event, hash } = await passed(call, { Governance: 'Subnets' });
    assert.ok(event.data.result.isOk, 'enacted');
    const reg = find(await (await api.at(hash)).query.system.events(), 'subnets', 'NetworkRegistered');
    assert.equal(reg.data.owner.toString(), ferdie.address);
    assert.equal(reg.data.lock.toBigInt(), 0n);
    const netuid = reg.data.netuid.toNumber();
    const hp = (await api.query.subnets.hyperparams(netuid)).unwrap();
    assert.deepEqual([hp.tempo.toNumber(), hp.maxAllowedUids.toNumber()], [50, 1024]);
    assert.equal((await api.query.system.account(ferdie.address)).data.free.toBigInt(), free);
  });

  test('the same call from a user, or on the wrong track, creates nothing', async () => {
    const count = (await api.query.subnets.subnetCount()).toNumber();
    const call = api.tx.subnets.createSubnet(eve.address, []);
    const direct = await submit(api, call, eve);
    assert.equal(direct.dispatchError.type, 'BadOrigin');
    const { event } = await passed(call, { Governance: 'Parameters' });
    assert.equal(event.data.result.asErr.type, 'BadOrigin');
    assert.equal((await api.query.subnets.subnetCount()).toNumber(), count);
  });

  test('two thirds of the senate (root\'s coldkeys, after a root epoch) veto a referendum; less, or a non-member, cannot', async () => {
    // A root referendum gives root a tempo of 10 blocks.
    const tempo = api.tx.subnets.setHyperparameter(0, { Tempo: 10 });
    assert.ok((await passed(tempo, { system: 'Root' })).event.data.result.isOk, 'enacted');
    // Root seats: Charlie (Bob's hotkey) and a hotkey of Dave's.
    const [daveRoot] = await devAccounts('Dave//root');
    ok(await submit(api, api.tx.subnets.rootRegister(charlie.address), bob), 'Charlie on root');
    ok(await submit(api, api.tx.subnets.burnedRegister(1, daveRoot.address), dave), 'register Dave//root');
    ok(await submit(api, api.tx.stake.addStake(daveRoot.address, 100n * TAO), dave), 'stake on Dave//root');
    ok(await submit(api, api.tx.subnets.rootRegister(daveRoot.address), dave), 'Dave//root on root');
    // The next root epoch (every 11 blocks now) seats their owners in the
    // senate (Bob's may be seated already, if one ran in between).
    const seated = (await head(api)) + 22;
    let members = [];
    while (members.length < 2 && (await head(api)) <= seated) {
      await untilBlock(api, (await head(api)) + 1);
      members = (await api.query.senate.members()).map((m) => m.toString());
    }
    assert.deepEqual(members.sort(), [bob.address, dave.address].sort());

    // A referendum nobody has voted on yet.
    const rateLimit = (await api.query.governance.parameters()).unwrap().networkRateLimit.toNumber();
    const target = await propose(api.tx.governance.setParameter({ NetworkRateLimit: 5 }), { Governance: 'Parameters' });
    const cancel = api.tx.referenda.cancel(target);
    const length = cancel.method.encodedLength;
    // Ferdie holds no root seat.
    const outsider = await submit(api, api.tx.senate.propose(2, cancel, length), ferdie);
    assert.equal(errorName(api, outsider.dispatchError), 'senate.NotMember');
    // One member of two (threshold 1 runs the motion at once) is short of two thirds.
    const alone = await submit(api, api.tx.senate.propose(1, cancel, length), bob);
    ok(alone, 'propose alone');
    assert.equal(find(alone.events, 'senate', 'Executed').data.result.asErr.type, 'BadOrigin');
    assert.ok((await api.query.referenda.referendumInfoFor(target)).unwrap().isOngoing);
    // Both members: the motion passes, closes, and cancels the referendum.
    const proposed = await submit(api, api.tx.senate.propose(2, cancel, length), bob);
    ok(proposed, 'propose');
    const { proposalIndex, proposalHash } = find(proposed.events, 'senate', 'Proposed').data;
    ok(await submit(api, api.tx.senate.vote(proposalHash, proposalIndex, true), bob), 'first vote');
    ok(await submit(api, api.tx.senate.vote(proposalHash, proposalIndex, true), dave), 'second vote');
    const weight = { refTime: 10_000_000_000n, proofSize: 1_000_000n };
    const closed = await submit(api, api.tx.senate.close(proposalHash, proposalIndex, weight, length), dave);
    ok(closed, 'close');
    assert.ok(find(closed.events, 'senate', 'Executed').data.result.isOk, 'veto executed');
    assert.ok(find(closed.events, 'referenda', 'Cancelled'), 'referendum cancelled');
    assert.ok((await api.query.referenda.referendumInfoFor(target)).unwrap().isCancelled);
    // The rule it proposed did not change.
    assert.equal((await api.query.governance.parameters()).unwrap().networkRateLimit.toNumber(), rateLimit);
  });

  test('an upgrade that does not raise spec_version, passed by referendum, is rejected by name', async () => {
    const current = (await api.rpc.state.getStorage(':code')).unwrap().toHex();
    const spec = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
    const r = await authorizeAndApply(current);
    const rejected = find(r.events, 'system', 'RejectedInvalidAuthorizedUpgrade');
    assert.ok(rejected, 'RejectedInvalidAuthorizedUpgrade');
    assert.equal(errorName(api, rejected.data.error), 'system.SpecVersionNeedsToIncrease');
    assert.equal(find(r.events, 'system', 'CodeUpdated'), undefined);
    // The authorization is spent; the code and version are as they were.
    assert.ok((await api.query.system.authorizedUpgrade()).isNone);
    assert.equal((await api.rpc.state.getStorage(':code')).unwrap().toHex(), current);
    assert.equal((await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(), spec);
  });

  test('the test upgrade, passed by referendum and applied, runs its migration and loses nothing', async () => {
    const spec = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
    assert.equal(await palletVersion(api, 'Governance'), 0);
    assert.ok((await api.query.governance.lastUpgrade()).isNone);

    const r = await authorizeAndApply(upgradeBlob());
    assertOk(api, r, 'apply');
    // A client connected after the upgrade reads blocks of both runtimes (one
    // connected before it, like `api` whose `r.events` these are, may decode
    // the upgrade's block while it swaps its metadata, and lose its events).
    reader = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true });
    const applied = await (await reader.at(r.blockHash)).query.system.events();
    assert.ok(find(applied, 'system', 'CodeUpdated'), 'CodeUpdated');
    // Block `last` stores the new code; the new runtime builds the next one.
    const last = (await api.rpc.chain.getHeader(r.blockHash)).number.toNumber();
    const beforeHash = await api.rpc.chain.getBlockHash(last - 1);
    const first = await untilBlockHash(last + 1);
    assert.equal((await api.rpc.state.getRuntimeVersion(beforeHash)).specVersion.toNumber(), spec);
    assert.equal((await api.rpc.state.getRuntimeVersion(first)).specVersion.toNumber(), spec + 1);
    for (const hash of [r.blockHash, first]) {
      const events = await (await reader.at(hash)).query.system.events();
      assert.equal(find(events, 'emission', 'EpochPaid'), undefined, 'no epoch around the upgrade');
    }

    // Its migration ran once, in that block, over the state the old runtime left.
    const before = await snapshot(reader, beforeHash);
    const after = await snapshot(reader, first);
    assert.equal(await palletVersion(reader, 'Governance', first), 1);
    const record = (await (await reader.at(first)).query.governance.lastUpgrade()).unwrap();
    assert.equal(record.block.toNumber(), last + 1);
    assert.deepEqual(
      [record.totals.subnets.toNumber(), record.totals.totalStake.toBigInt(), record.totals.totalIssuance.toBigInt()],
      [before.subnetCount, before.totalStake, before.totalIssuance],
    );
    // Subnets, metagraphs, stake positions, balances and issuance, as the
    // old runtime reported them before and the new one after, are the same;
    // each position's owed rewards only grew.
    const { owed: owedAfter, ...kept } = after;
    const { owed: owedBefore, ...was } = before;
    assert.deepEqual(kept, was);
    assert.equal(owedAfter.length, owedBefore.length);
    owedAfter.forEach((o, i) => assert.ok(o >= owedBefore[i], `position ${i}: owed ${owedBefore[i]} -> ${o}`));

    // Blocks and finality go on under the new runtime.
    await waitForBlock(api, last + 3, { finalized: true });
    assert.equal((await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(), spec + 1);
  });
});

/** The hash of best block `n`, once it exists. */
async function untilBlockHash(n) {
  await untilBlock(api, n);
  return api.rpc.chain.getBlockHash(n);
}

