// The attacks on stake, done with polkadot.js on a dev chain, fail:
// - flash stake: 9,000 TAO brought onto a validator 3 blocks before its
//   subnet's epoch and taken out 3 blocks after earns a few blocks' worth of
//   its dividend stream, not the epoch's dividends;
// - nominator lock-out: 600 dust coldkeys staking the minimum on one hotkey
//   do not keep a real nominator out.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { devAccounts } from '../lib/accounts.js';
import { startDevNode } from '../lib/node.js';
import { findEvent as find, head, nextEpochPaid, untilBlock } from '../lib/blocks.js';
import { assertOk, errorName, submit } from '../lib/tx.js';

const TAO = 1_000_000_000n;
const NETUID = 1;

let node;
let api;
let alice;
let bob;
let charlie;
let dave;
let eve;
let ferdie;

const ok = (r, what) => assertOk(api, r, what);

/** Rao released by every `stake.StakeRemoved` of a submission. */
const removed = (events) => events
  .filter(({ event }) => event.section === 'stake' && event.method === 'StakeRemoved')
  .reduce((sum, { event }) => sum + event.data.amount.toBigInt(), 0n);

before(async () => {
  [alice, bob, charlie, dave, eve, ferdie] = await devAccounts('Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie');
  node = await startDevNode();
  api = node.api;
  // Subnet 1 with tempo 9 (an epoch every 10 blocks); Charlie (Bob's) validates
  // with no weights (paid by stake); Dave nominates 100 TAO, the honest staker.
  ok(await submit(api, api.tx.subnets.registerNetwork(), alice), 'register network');
  ok(await submit(api, api.tx.sudo.sudo(api.tx.subnets.setHyperparameter(NETUID, { Tempo: 9 })), alice), 'tempo');
  ok(await submit(api, api.tx.subnets.burnedRegister(NETUID, charlie.address), bob), 'register Charlie');
  ok(await submit(api, api.tx.stake.addStake(charlie.address, 100n * TAO), dave), 'Dave stakes');
});

after(async () => {
  if (node) await node.stop();
});

describe('stake under attack', () => {
  test('a flash staker earns a few blocks of the stream, not the epoch', async () => {
    // Stake counts from the second epoch after it was added: wait until Charlie is paid.
    let paid;
    let seen = await head(api);
    for (let i = 0; i < 4; i += 1) {
      paid = await nextEpochPaid(api, NETUID, seen);
      seen = paid.number;
      if (paid.event.data.toValidators.toBigInt() > 0n) break;
    }
    assert.ok(paid.event.data.toValidators.toBigInt() > 0n, 'Charlie earns dividends');
    const next = (await api.call.subnetInfoApi.subnet(NETUID)).unwrap().nextEpochBlock.toNumber();
    await untilBlock(api, next - 4);
    const add = await submit(api, api.tx.stake.addStake(charlie.address, 9_000n * TAO), eve);
    ok(add, 'Eve adds');
    const added = (await api.rpc.chain.getHeader(add.blockHash)).number.toNumber();
    const epoch = await nextEpochPaid(api, NETUID, added - 1);
    const dividends = epoch.event.data.toValidators.toBigInt();
    assert.equal(epoch.number, next, 'the epoch came as announced');
    assert.ok(dividends > 0n);
    await untilBlock(api, epoch.number + 2);
    const out = await submit(api, api.tx.stake.unstakeAll(), eve);
    ok(out, 'Eve leaves');
    const left = (await api.rpc.chain.getHeader(out.blockHash)).number.toNumber();
    const gained = removed(out.events) - 9_000n * TAO;
    assert.ok(gained > 0n, 'the blocks she was there count');
    // A lump payout split by the stake present would have given her 9,000 of
    // ~9,100 TAO of the epoch's dividends after the take: ~80% of them.
    assert.ok(gained * 10n < dividends, `gained ${gained} of an epoch's ${dividends}`);
    // At most one slice a block she was there, each slice at most the stream's rate.
    const stream = (await api.query.stake.pools(charlie.address)).unwrap().stream;
    const rate = stream.amount.toBigInt() / BigInt(stream.end.toNumber() - stream.start.toNumber()) + 1n;
    assert.ok(gained <= BigInt(left - added) * rate, `gained ${gained} over ${left - added} blocks at ${rate} a block`);
    // Dave, there all along, still holds his position and its rewards.
    const daves = await api.call.stakeInfoApi.positions(dave.address, 0, 10);
    assert.ok(daves[0].amount.toBigInt() > 100n * TAO, 'the honest nominator earned');
  });

  test('600 dust nominators do not lock a real one out', async () => {
    const dust = await devAccounts(...Array.from({ length: 600 }, (_, i) => `Dust/${i}`));
    const fund = await submit(api, api.tx.utility.batchAll(
      dust.map((d) => api.tx.balances.transferKeepAlive(d.address, TAO / 10n))), alice);
    ok(fund, 'funding');
    const minStake = 2_000_000n;
    const results = await Promise.all(dust.map((d) => submit(api, api.tx.stake.addStake(charlie.address, minStake), d)));
    results.forEach((r, i) => ok(r, `dust ${i}`));
    const before = (await api.call.stakeInfoApi.hotkeyStake(charlie.address)).stakers.toNumber();
    assert.ok(before >= 602, `${before} stakers on Charlie`);
    const r = await submit(api, api.tx.stake.addStake(charlie.address, 10n * TAO), ferdie);
    ok(r, 'Ferdie nominates');
    assert.equal(find(r.events, 'stake', 'StakeAdded').data.position.toBigInt(), 10n * TAO);
    assert.equal((await api.call.stakeInfoApi.hotkeyStake(charlie.address)).stakers.toNumber(), before + 1);
    // And a payout to Charlie still goes through, whatever the crowd.
    const paid = await nextEpochPaid(api, NETUID, await head(api));
    assert.ok(paid.event.data.toValidators.toBigInt() > 0n);
  });
});
