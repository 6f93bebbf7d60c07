// The dev chain through polkadot.js: blocks and finality, the standard RPC,
// transfers and their errors, the transaction pool's checks, and decoding
// everything from metadata alone (no custom type definitions anywhere).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';

import { devAccounts } from '../lib/accounts.js';
import { startDevNode, waitForBlock } from '../lib/node.js';
import { errorName, freeBalance, submit } from '../lib/tx.js';

const TAO = 1_000_000_000n;

let node;
let api;
let alice;
let bob;
let charlie;

before(async () => {
  [alice, bob, charlie] = await devAccounts('Alice', 'Bob', 'Charlie');
  node = await startDevNode();
  api = node.api;
});

after(async () => {
  if (node) await node.stop();
});

describe('block production and finality', () => {
  test('reaches block #5 within 60 s of start, and finalizes', async () => {
    const left = 60_000 - (Date.now() - node.startedAt);
    const best = await waitForBlock(api, 5, { timeoutMs: Math.max(left, 0) });
    assert.ok(best >= 5);
    assert.ok(Date.now() - node.startedAt <= 60_000, 'block #5 within 60 s');
    const finalized = await waitForBlock(api, 3, { finalized: true, timeoutMs: 30_000 });
    assert.ok(finalized >= 3, `finalized #${finalized}`);
  });

  test('Prometheus reports best and finalized heights', async () => {
    const res = await fetch(`http://127.0.0.1:${node.promPort}/metrics`);
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /substrate_block_height\{[^}]*status="best"/);
    assert.match(text, /substrate_block_height\{[^}]*status="finalized"/);
    assert.match(text, /substrate_process_start_time_seconds/);
  });
});

describe('standard JSON-RPC', () => {
  test('system_health answers and the dev node needs no peers', async () => {
    const health = await api.rpc.system.health();
    assert.equal(health.shouldHavePeers.isTrue, false);
    assert.equal(health.isSyncing.isTrue, false);
  });

  test('chain_getFinalizedHead names a block we can read', async () => {
    const head = await api.rpc.chain.getFinalizedHead();
    const header = await api.rpc.chain.getHeader(head);
    assert.equal(header.hash.toHex(), head.toHex());
  });

  test('state_getMetadata answers with metadata v15 or later', async () => {
    const metadata = await api.rpc.state.getMetadata();
    assert.ok(metadata.version >= 15, `metadata v${metadata.version}`);
    assert.ok(api.runtimeMetadata.version >= 15, `api uses metadata v${api.runtimeMetadata.version}`);
  });

  test('chain properties name the token: TAO, 9 decimals, ss58 42', async () => {
    const props = await api.rpc.system.properties();
    assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'TAO');
    assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 9);
    assert.equal(props.ss58Format.unwrap().toNumber(), 42);
    assert.equal(api.consts.system.ss58Prefix.toNumber(), 42);
    assert.equal(api.consts.balances.existentialDeposit.toBigInt(), 500n);
  });

  test('payment_queryInfo estimates a transfer fee', async () => {
    const tx = api.tx.balances.transferKeepAlive(bob.address, TAO);
    const info = await tx.paymentInfo(alice);
    assert.ok(info.partialFee.toBigInt() > 0n);
  });
});

describe('balances', () => {
  test('a transfer from Alice to Bob moves exactly the amount and emits balances.Transfer', async () => {
    const amount = 12n * TAO + 345n;
    const aliceBefore = await freeBalance(api, alice.address);
    const bobBefore = await freeBalance(api, bob.address);

    const { blockHash, events, dispatchError } = await submit(
      api, api.tx.balances.transferKeepAlive(bob.address, amount), alice);
    assert.equal(dispatchError, null);

    const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
    assert.ok(transfer, 'balances.Transfer emitted');
    const [from, to, value] = transfer.event.data;
    assert.equal(from.toString(), alice.address);
    assert.equal(to.toString(), bob.address);
    assert.equal(value.toBigInt(), amount);

    const feeEvent = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
    assert.ok(feeEvent, 'transactionPayment.TransactionFeePaid emitted');
    const fee = feeEvent.event.data[1].toBigInt();

    assert.equal(await freeBalance(api, bob.address, blockHash), bobBefore + amount);
    assert.equal(await freeBalance(api, alice.address, blockHash), aliceBefore - amount - fee);
  });

  test('a transfer above the free balance fails with its named error and moves nothing', async () => {
    const charlieBefore = await freeBalance(api, charlie.address);
    const bobBefore = await freeBalance(api, bob.address);

    const { blockHash, events, dispatchError } = await submit(
      api, api.tx.balances.transferAllowDeath(bob.address, charlieBefore + TAO), charlie);
    assert.ok(dispatchError, 'the call failed');
    assert.equal(errorName(api, dispatchError), 'Token.FundsUnavailable');
    assert.ok(events.some(({ event }) => api.events.system.ExtrinsicFailed.is(event)));
    assert.ok(!events.some(({ event }) => api.events.balances.Transfer.is(event)));

    // Only the fee leaves Charlie's account; Bob receives nothing.
    const fee = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event))
      .event.data[1].toBigInt();
    assert.equal(await freeBalance(api, bob.address, blockHash), bobBefore);
    assert.equal(await freeBalance(api, charlie.address, blockHash), charlieBefore - fee);
  });
});

describe('transaction pool', () => {
  test('an extrinsic with a bad signature is refused', async () => {
    const tx = api.tx.balances.transferKeepAlive(bob.address, TAO);
    await tx.signAsync(alice);
    const bytes = tx.toU8a();
    // The signature follows the signer's address; corrupt one byte of it.
    const hex = tx.toHex();
    const sigHex = tx.signature.toHex().slice(2);
    const at = hex.indexOf(sigHex);
    assert.ok(at > 0, 'signature found in the encoded extrinsic');
    const flipped = (parseInt(sigHex.slice(0, 2), 16) ^ 0xff).toString(16).padStart(2, '0');
    const bad = hex.slice(0, at) + flipped + hex.slice(at + 2);
    assert.equal(bad.length, u8aToHex(bytes).length);

    const aliceBefore = await freeBalance(api, alice.address);
    await assert.rejects(
      api.rpc.author.submitExtrinsic(bad),
      (err) => /bad signature/i.test(err.message),
    );
    const pending = await api.rpc.author.pendingExtrinsics();
    assert.equal(pending.length, 0);
    assert.equal(await freeBalance(api, alice.address), aliceBefore);
  });
});

describe('decoding from metadata alone', () => {
  test('every storage item of every pallet decodes', async () => {
    let items = 0;
    for (const [section, entries] of Object.entries(api.query)) {
      for (const [method, query] of Object.entries(entries)) {
        const { type } = query.creator.meta;
        if (type.isPlain) {
          const value = await query();
          assert.ok(value !== undefined, `${section}.${method}`);
        } else {
          const all = await query.entries();
          for (const [key, value] of all) {
            assert.ok(key.args.length > 0, `${section}.${method} key`);
            assert.ok(value !== undefined, `${section}.${method} value`);
          }
        }
        items += 1;
      }
    }
    assert.ok(items > 20, `read ${items} storage items`);
  });

  test('every event the metadata declares has resolvable field types', () => {
    let count = 0;
    for (const [section, events] of Object.entries(api.events)) {
      for (const [name, ev] of Object.entries(events)) {
        for (const field of ev.meta.fields) {
          // A default value of the field's type, built from the metadata's type registry.
          const value = api.registry.createType(api.registry.createLookupType(field.type));
          assert.ok(value, `${section}.${name}: field type resolves`);
        }
        count += 1;
      }
    }
    assert.ok(count > 20, `checked ${count} events`);
  });

  test('every event of the recent blocks decodes', async () => {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    let decoded = 0;
    for (let n = Math.max(0, best - 20); n <= best; n += 1) {
      const hash = await api.rpc.chain.getBlockHash(n);
      const at = await api.at(hash);
      const events = await at.query.system.events();
      for (const { event } of events) {
        assert.ok(api.events[event.section]?.[event.method], `${event.section}.${event.method} known`);
        assert.equal(event.data.length, event.meta.fields.length);
        decoded += 1;
      }
    }
    assert.ok(decoded > 0);
  });

  test('runtime APIs are described by the metadata', () => {
    for (const api_ of ['core', 'metadata', 'blockBuilder', 'auraApi', 'grandpaApi',
      'accountNonceApi', 'transactionPaymentApi', 'genesisBuilder']) {
      assert.ok(api.call[api_], `api.call.${api_}`);
    }
  });
});
