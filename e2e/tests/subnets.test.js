// pallet-subnets and pallet-stake through polkadot.js on the dev chain: a
// subnet, neurons (burn and proof of work), an axon, a commitment,
// hyperparameters, weights (commit-reveal, then set directly), staking and
// delegate take on a registered hotkey, and the errors a user sees by name.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { devAccounts } from '../lib/accounts.js';
import { startDevNode } from '../lib/node.js';
import { solve } from '../lib/pow.js';
import { findEvent as find, head, nextEpochPaid } from '../lib/blocks.js';
import { errorName, freeBalance, refused, submit } from '../lib/tx.js';

const TAO = 1_000_000_000n;

let node;
let api;
let alice;
let bob;
let charlie;
let dave;

before(async () => {
  [alice, bob, charlie, dave] = await devAccounts('Alice', 'Bob', 'Charlie', 'Dave');
  node = await startDevNode();
  api = node.api;
});

after(async () => {
  if (node) await node.stop();
});


describe('subnets', () => {
  test('the root subnet exists from genesis', async () => {
    assert.equal((await api.query.subnets.subnetCount()).toNumber(), 1);
    const root = (await api.query.subnets.hyperparams(0)).unwrap();
    assert.equal(root.maxAllowedUids.toNumber(), 64);
    assert.equal(root.tempo.toNumber(), 360);
  });

  test('Alice registers subnet 1; 1,000 TAO are held for it', async () => {
    const { events, dispatchError } = await submit(api, api.tx.subnets.registerNetwork(), alice);
    assert.equal(dispatchError, null);
    const ev = find(events, 'subnets', 'NetworkRegistered');
    assert.equal(ev.data.netuid.toNumber(), 1);
    assert.equal(ev.data.owner.toString(), alice.address);
    assert.equal(ev.data.lock.toBigInt(), 1_000n * TAO);
    const holds = await api.query.balances.holds(alice.address);
    assert.deepEqual(holds.map((h) => [h.id.toJSON(), h.amount.toBigInt()]), [[{ subnets: 'NetworkLock' }, 1_000n * TAO]]);
    assert.equal((await api.query.subnets.networks(1)).unwrap().owner.toString(), alice.address);
    // New dev subnets start with the dev tempo (20); root stretches it to 360
    // here so that the owner's hyperparameter changes below never fall in
    // the 10 blocks before an epoch.
    assert.equal((await api.query.subnets.hyperparams(1)).unwrap().tempo.toNumber(), 20);
    const r = await submit(api, api.tx.sudo.sudo(api.tx.subnets.setHyperparameter(1, { Tempo: 360 })), alice);
    assert.ok(find(r.events, 'sudo', 'Sudid').data.sudoResult.isOk);
  });

  test('a second network within the rate limit (10 blocks on a dev chain) is refused by name', async () => {
    const { dispatchError } = await submit(api, api.tx.subnets.registerNetwork(), bob);
    assert.equal(errorName(api, dispatchError), 'subnets.NetworkRateLimited');
  });

  test('Bob registers hotkey Charlie by burning 1 TAO, which leaves total issuance', async () => {
    const before = (await api.query.balances.totalIssuance()).toBigInt();
    const { events, dispatchError, blockHash } = await submit(api, api.tx.subnets.burnedRegister(1, charlie.address), bob);
    assert.equal(dispatchError, null);
    const ev = find(events, 'subnets', 'NeuronRegistered');
    assert.equal(ev.data.uid.toNumber(), 0);
    assert.equal(ev.data.hotkey.toString(), charlie.address);
    assert.equal(ev.data.burned.toBigInt(), TAO);
    const fee = find(events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    const after = (await (await api.at(blockHash)).query.balances.totalIssuance()).toBigInt();
    assert.equal(before - after, TAO + fee, 'burn and fee both leave issuance');
    assert.equal((await api.query.subnets.uids(1, charlie.address)).unwrap().toNumber(), 0);
    assert.equal((await api.query.subnets.hotkeyOwner(charlie.address)).unwrap().toString(), bob.address);
  });

  test('Charlie serves an axon and commits to a model; bad input is named', async () => {
    let r = await submit(api, api.tx.subnets.serveAxon(1, 3, 0x7f000001, 8091, 4, 0), charlie);
    assert.equal(r.dispatchError, null);
    const axon = (await api.query.subnets.axons(1, charlie.address)).unwrap();
    assert.equal(axon.port.toNumber(), 8091);
    r = await submit(api, api.tx.subnets.servePrometheus(1, 3, 0x7f000001, 0, 4), charlie);
    assert.equal(errorName(api, r.dispatchError), 'subnets.InvalidPort');
    r = await submit(api, api.tx.subnets.commit(1, 'sha256:abcd https://example.org/m'), charlie);
    assert.equal(r.dispatchError, null);
    assert.equal(find(r.events, 'subnets', 'Committed').data.dataHash.toHex().length, 66);
    r = await submit(api, api.tx.subnets.commit(1, 'x'.repeat(257)), charlie);
    assert.equal(errorName(api, r.dispatchError), 'subnets.InvalidCommitmentLength');
    r = await submit(api, api.tx.subnets.commit(1, 'again'), charlie);
    assert.equal(errorName(api, r.dispatchError), 'subnets.CommitmentRateLimited');
  });

  test('hyperparameters: the owner, root through sudo, and what each may not do', async () => {
    let r = await submit(api, api.tx.subnets.setHyperparameter(1, { MaxWeightLimit: 40000 }), alice);
    assert.equal(r.dispatchError, null);
    const ev = find(r.events, 'subnets', 'HyperparameterSet');
    assert.deepEqual(ev.data.from.toJSON(), { maxWeightLimit: 65535 });
    assert.deepEqual(ev.data.to.toJSON(), { maxWeightLimit: 40000 });
    r = await submit(api, api.tx.subnets.setHyperparameter(1, { Tempo: 10 }), alice);
    assert.equal(errorName(api, r.dispatchError), 'subnets.RootOnlyHyperparameter');
    r = await submit(api, api.tx.subnets.setHyperparameter(1, { ImmunityPeriod: 10 }), charlie);
    assert.equal(errorName(api, r.dispatchError), 'subnets.NotSubnetOwner');
    // Traps the owner may not set: validators made inactive by a cutoff
    // below two epoch intervals plus the reveal period, bonds frozen,
    // registration closed. Each is refused and nothing changes.
    const before = (await api.query.subnets.hyperparams(1)).toHex();
    const hp = (await api.query.subnets.hyperparams(1)).unwrap();
    const interval = hp.tempo.toNumber() + 1;
    assert.ok(hp.commitRevealEnabled.isTrue, 'commit-reveal is on by default');
    const bound = interval * (2 + hp.commitRevealPeriod.toNumber());
    for (const trap of [
      { ActivityCutoff: bound - 1 },
      { CommitRevealPeriod: 9 },
      { BondsMovingAverage: 1000000 },
      { RegistrationAllowed: false },
    ]) {
      r = await submit(api, api.tx.subnets.setHyperparameter(1, trap), alice);
      assert.equal(errorName(api, r.dispatchError), 'subnets.OutsideOwnerBounds', JSON.stringify(trap));
    }
    assert.equal((await api.query.subnets.hyperparams(1)).toHex(), before);
    // Root (sudo): make proof of work cheap for the next test.
    const batch = api.tx.utility.batchAll([
      api.tx.subnets.setHyperparameter(1, { MinDifficulty: 1 }),
      api.tx.subnets.setHyperparameter(1, { Difficulty: 1000 }),
      api.tx.subnets.setHyperparameter(1, { ImmunityPeriod: 0 }),
    ]);
    r = await submit(api, api.tx.sudo.sudo(batch), alice);
    const sudid = find(r.events, 'sudo', 'Sudid');
    assert.ok(sudid.data.sudoResult.isOk, JSON.stringify(sudid.data.sudoResult.toJSON()));
    assert.equal((await api.query.subnets.hyperparams(1)).unwrap().difficulty.toNumber(), 1000);
  });

  test('Bob registers hotkey Dave with proof of work found by the JS solver; Charlie cannot lift it', async () => {
    const header = await api.rpc.chain.getHeader();
    const number = header.number.toNumber();
    const { nonce, work } = solve(header.hash.toHex(), dave.address, bob.address, 1000);
    // Charlie copies Bob's arguments and signs them himself: the work is Bob's alone.
    const stolen = await submit(api, api.tx.subnets.register(1, number, nonce, work, dave.address), charlie);
    assert.equal(errorName(api, stolen.dispatchError), 'subnets.InvalidSeal');
    assert.ok((await api.query.subnets.hotkeyOwner(dave.address)).isNone, 'Dave is nobody\'s yet');
    const r = await submit(api, api.tx.subnets.register(1, number, nonce, work, dave.address), bob);
    assert.equal(r.dispatchError, null);
    const ev = find(r.events, 'subnets', 'NeuronRegistered');
    assert.equal(ev.data.hotkey.toString(), dave.address);
    assert.equal(ev.data.burned.toBigInt(), 0n);
    // Dave holds a uid now: the same call again is refused by name.
    const again = await submit(api, api.tx.subnets.register(1, number, nonce, work, dave.address), bob);
    assert.equal(errorName(api, again.dispatchError), 'subnets.AlreadyRegistered');
  });
});

describe('weights', () => {
  test('commit-reveal is on by default: direct weights and unstaked commits are refused by the pool, a commit is kept, free', async () => {
    // Refused by the pool before any block, and free: the balance does not move.
    const before = await freeBalance(api, charlie.address);
    const refusal = await refused(api, api.tx.weights.setWeights(1, [1], [5], 0), charlie);
    assert.equal(refusal.message, '1010: Invalid Transaction: Custom error: 9');
    assert.equal(refusal.name, 'weights.CommitRevealEnabled');
    // Without a permit, weighing needs validator_min_stake (1 TAO by default):
    // Charlie has no stake, so even a commit is refused.
    assert.equal((await refused(api, api.tx.weights.commitWeights(1, '0x' + '42'.repeat(32)), charlie)).name,
      'weights.NotEnoughStakeWithoutPermit');
    const sudid = await submit(api, api.tx.sudo.sudo(api.tx.subnets.setHyperparameter(1, { ValidatorMinStake: 0 })), alice);
    assert.ok(find(sudid.events, 'sudo', 'Sudid').data.sudoResult.isOk);
    const r = await submit(api, api.tx.weights.commitWeights(1, '0x' + '42'.repeat(32)), charlie);
    assert.equal(r.dispatchError, null);
    assert.equal(await freeBalance(api, charlie.address, r.blockHash), before, 'a valid weight call is free');
    const ev = find(r.events, 'weights', 'WeightsCommitted');
    assert.equal(ev.data.uid.toNumber(), 0);
    assert.equal(ev.data.commitHash.toHex(), '0x' + '42'.repeat(32));
    assert.equal((await api.query.weights.commits(1, 0)).unwrap().length, 1);
  });

  test('with commit-reveal off, Charlie sets weights; bad rows are refused by the pool, by name', async () => {
    let r = await submit(api, api.tx.subnets.setHyperparameter(1, { CommitRevealEnabled: false }), alice);
    assert.equal(r.dispatchError, null, r.dispatchError && errorName(api, r.dispatchError));
    // max_weight_limit is 40,000 (about 61%) since the hyperparameter test: 3:2 fits.
    r = await submit(api, api.tx.weights.setWeights(1, [1, 0], [3, 2], 0), charlie);
    assert.equal(r.dispatchError, null, r.dispatchError && errorName(api, r.dispatchError));
    assert.equal(find(r.events, 'weights', 'WeightsSet').data.count.toNumber(), 2);
    const row = (await api.query.weights.weights(1, 0)).unwrap();
    assert.deepEqual(row.toJSON(), [[0, 43690], [1, 65535]]);
    const refusals = [];
    for (const [uids, values] of [[[0], [1]], [[0, 0], [1, 1]], [[7], [1]]]) {
      refusals.push((await refused(api, api.tx.weights.setWeights(1, uids, values, 0), dave)).name);
    }
    assert.deepEqual(refusals, ['weights.MaxWeightExceeded', 'weights.DuplicateUids', 'weights.UidOutOfRange']);
    // Charlie's second row within the rate limit is refused too.
    assert.equal((await refused(api, api.tx.weights.setWeights(1, [1, 0], [3, 2], 0), charlie)).name, 'weights.RateLimited');
  });
});

describe('stake', () => {
  test('Dave nominates Charlie: the stake is held on Dave and issuance does not move', async () => {
    const before = (await api.query.balances.totalIssuance()).toBigInt();
    const r = await submit(api, api.tx.stake.addStake(charlie.address, 10n * TAO), dave);
    assert.equal(r.dispatchError, null);
    const ev = find(r.events, 'stake', 'StakeAdded');
    assert.equal(ev.data.position.toBigInt(), 10n * TAO);
    const fee = find(r.events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    const after = (await (await api.at(r.blockHash)).query.balances.totalIssuance()).toBigInt();
    assert.equal(before - after, fee, 'only the fee leaves issuance');
    const holds = await api.query.balances.holds(dave.address);
    assert.deepEqual(holds.map((h) => [h.id.toJSON(), h.amount.toBigInt()]), [[{ stake: 'Staked' }, 10n * TAO]]);
    assert.equal((await api.call.stakeInfoApi.hotkeyStake(charlie.address)).total.toBigInt(), 10n * TAO);
  });

  test('bad stake requests are refused by name', async () => {
    let r = await submit(api, api.tx.stake.addStake(charlie.address, 0), dave);
    assert.equal(errorName(api, r.dispatchError), 'stake.AmountZero');
    r = await submit(api, api.tx.stake.addStake(charlie.address, 2n ** 64n - 1n), dave);
    assert.equal(errorName(api, r.dispatchError), 'stake.InsufficientBalance');
    r = await submit(api, api.tx.stake.addStake(alice.address, TAO), dave);
    assert.equal(errorName(api, r.dispatchError), 'stake.HotkeyNotFound');
    r = await submit(api, api.tx.stake.removeStake(charlie.address, 11n * TAO), dave);
    assert.equal(errorName(api, r.dispatchError), 'stake.NotEnoughStake');
  });

  test("Charlie's owner lowers its take; raising it above 18%, or back at once, is refused", async () => {
    let r = await submit(api, api.tx.stake.decreaseTake(charlie.address, 100_000_000), bob);
    assert.equal(r.dispatchError, null);
    const ev = find(r.events, 'stake', 'TakeDecreased');
    assert.equal(ev.data.to.toNumber(), 100_000_000);
    r = await submit(api, api.tx.stake.increaseTake(charlie.address, 190_000_000), bob);
    assert.equal(errorName(api, r.dispatchError), 'stake.TakeOutOfRange');
    // Lowered to draw nominators, the take may not jump back before a whole interval.
    r = await submit(api, api.tx.stake.increaseTake(charlie.address, 180_000_000), bob);
    assert.equal(errorName(api, r.dispatchError), 'stake.TakeIncreaseTooSoon');
    r = await submit(api, api.tx.stake.decreaseTake(charlie.address, 50_000_000), dave);
    assert.equal(errorName(api, r.dispatchError), 'stake.NotHotkeyOwner');
  });

  test('unstake_all returns everything to Dave', async () => {
    const r = await submit(api, api.tx.stake.unstakeAll(), dave);
    assert.equal(r.dispatchError, null);
    assert.equal(find(r.events, 'stake', 'StakeRemoved').data.amount.toBigInt(), 10n * TAO);
    assert.equal((await api.query.balances.holds(dave.address)).length, 0);
  });
});

describe('emission', () => {
  test('subnet 1 runs its epoch on the dev chain: events and the metagraph in storage', async () => {
    const pendingBefore = (await api.query.emission.pendingEmission(1)).toBigInt();
    assert.ok(pendingBefore > 0n, 'emission accrues every block');
    // Bob stakes 10 TAO on his hotkey Charlie. Consensus counts the smaller of
    // the stake now and at the subnet's last epoch, so it counts from the
    // second epoch after this, which gives Charlie a validator permit; the
    // third weighs Charlie's row by it and pays.
    let r = await submit(api, api.tx.stake.addStake(charlie.address, 10n * TAO), bob);
    assert.equal(r.dispatchError, null);
    // Tempo 4: an epoch every 5 blocks.
    r = await submit(api, api.tx.sudo.sudo(api.tx.subnets.setHyperparameter(1, { Tempo: 4 })), alice);
    assert.ok(find(r.events, 'sudo', 'Sudid').data.sudoResult.isOk);
    const epochs = [];
    let after = await head(api);
    for (let k = 0; k < 3; k += 1) {
      const next = await nextEpochPaid(api, 1, after, 90_000);
      epochs.push(next.event);
      after = next.number;
    }
    const completed = epochs[2];
    for (const { data } of epochs) {
      assert.equal(
        data.ownerCut.toBigInt() + data.toMiners.toBigInt() + data.toValidators.toBigInt() + data.recycled.toBigInt(),
        data.pending.toBigInt(),
        'every rao of the epoch is paid or recycled',
      );
    }
    const { pending, ownerCut, toMiners, toValidators } = completed.data;
    assert.ok(pending.toBigInt() > 0n);
    assert.ok(toMiners.toBigInt() > 0n && toValidators.toBigInt() > 0n, "Charlie's counted stake is paid as dividends, its weights as incentive");
    // The owner gets 18% of an epoch that paid anyone.
    assert.equal(ownerCut.toBigInt(), pending.toBigInt() * 18n / 100n);
    const metagraph = (await api.query.emission.metagraphs(1)).unwrap();
    assert.equal(metagraph.emission.length, 2, 'one entry per uid (Charlie, Dave)');
  });

  test('the supply ledger holds on the live chain: issuance == genesis + minted - burned', async () => {
    // Read at one block: every fee, burn and epoch so far is in these counters.
    const at = await api.at(await api.rpc.chain.getBlockHash());
    const [issuance, genesis, minted, credited, burned, promised, pending, recycled, staked, owed, forfeited] = (await Promise.all([
      at.query.balances.totalIssuance(),
      at.query.emission.genesisIssuance(),
      at.query.emission.totalMinted(),
      at.query.emission.totalCredited(),
      at.query.emission.totalBurned(),
      at.query.emission.totalPromised(),
      at.query.emission.totalPending(),
      at.query.emission.totalRecycled(),
      at.query.stake.totalRewardsMinted(),
      at.query.stake.totalOwed(),
      at.query.stake.totalForfeited(),
    ])).map((x) => x.toBigInt());
    assert.ok(minted > 0n && burned > 0n, 'epochs paid owner cuts, fees and registrations burned');
    assert.equal(issuance, genesis + minted + staked - burned, 'owner cuts and claimed rewards are all that was minted');
    assert.equal(promised, pending + minted + credited + recycled, 'every promise pending, minted, credited or recycled');
    assert.equal(credited, staked + owed + forfeited, 'every credited reward minted, owed or forfeited');
  });

  test('a signed Balances.burn is refused by the call filter', async () => {
    const { dispatchError } = await submit(api, api.tx.balances.burn(TAO, true), bob);
    assert.equal(errorName(api, dispatchError), 'system.CallFiltered');
  });
});
