// Governance from polkadot.js on the `governed` preset (no sudo key; fast
// tracks): stakers pass a parameters referendum and a subnet creation
// proposal, as the README shows; the ways to vote or propose wrongly are
// refused by name and change nothing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { devAccounts } from '../lib/accounts.js';
import { startDevNode } from '../lib/node.js';
import { findEvent as find, head, nextEvent } from '../lib/blocks.js';
import { errorName, submit } from '../lib/tx.js';

const TAO = 1_000_000_000n;

let node;
let api;
let alice;
let bob;
let charlie;
let dave;
let eve;
let ferdie;

const ok = (r, what) => assert.equal(r.dispatchError && errorName(api, r.dispatchError), null, what);

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
    const index = await propose(call, { Governance: 'Parameters' });
    const from = await head(api);
    ok(await submit(api, api.tx.convictionVoting.vote(index, aye(10_000n * TAO)), dave), 'vote');
    const { event, hash } = await enactment(from);
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
    const index = await propose(call, { Governance: 'Subnets' });
    const from = await head(api);
    ok(await submit(api, api.tx.convictionVoting.vote(index, aye(10_000n * TAO)), dave), 'vote');
    const { event, hash } = await enactment(from);
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
    const index = await propose(call, { Governance: 'Parameters' });
    const from = await head(api);
    ok(await submit(api, api.tx.convictionVoting.vote(index, aye(10_000n * TAO)), dave), 'vote');
    const { event } = await enactment(from);
    assert.equal(event.data.result.asErr.type, 'BadOrigin');
    assert.equal((await api.query.subnets.subnetCount()).toNumber(), count);
  });
});
