// The command line a user and zombienet meet: chain specs, and clear errors
// for bad input (one line, non-zero exit, no backtrace).

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, runNodeCommand } from '../lib/node.js';

const dir = mkdtempSync(join(tmpdir(), 'yuma-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The lines a failed command printed, minus empty ones. */
const lines = (text) => text.split('\n').filter((l) => l.trim() !== '');

describe('chain specs', () => {
  test('build-spec --chain local keeps the keys zombienet edits', async () => {
    const { code, stdout, stderr } = await runNodeCommand(
      ['build-spec', '--chain', 'local', '--disable-default-bootnode']);
    assert.equal(code, 0, stderr);
    const spec = JSON.parse(stdout);
    assert.equal(spec.id, 'yuma_local');
    assert.deepEqual(spec.bootNodes, []);
    const patch = spec.genesis.runtimeGenesis.patch;
    for (const key of ['session', 'balances', 'sudo']) {
      assert.ok(patch[key], `genesis patch has ${key}`);
    }
    // Validators start through session keys: [account, account, {aura, grandpa}].
    assert.equal(patch.session.keys.length, 2);
    for (const [account, validator, keys] of patch.session.keys) {
      assert.equal(account, validator);
      assert.ok(keys.aura && keys.grandpa);
    }
    assert.equal(patch.aura, undefined);
    assert.equal(patch.validatorSet.sessionLength, 50);
    assert.equal(spec.properties.tokenSymbol, 'TAO');
    assert.equal(spec.properties.tokenDecimals, 9);
    assert.equal(spec.properties.ss58Format, 42);

    // The plain spec converts to raw, as zombienet does.
    const plain = join(dir, 'local-plain.json');
    writeFileSync(plain, stdout);
    const raw = await runNodeCommand(['build-spec', '--chain', plain, '--raw', '--disable-default-bootnode']);
    assert.equal(raw.code, 0, raw.stderr);
    const rawSpec = JSON.parse(raw.stdout);
    assert.ok(Object.keys(rawSpec.genesis.raw.top).length > 10);
  });

  test('export-chain-spec --chain dev: one authority, Alice is sudo', async () => {
    const out = join(dir, 'dev.json');
    const { code, stderr } = await runNodeCommand(['export-chain-spec', '--chain', 'dev', '--output', out]);
    assert.equal(code, 0, stderr);
    const spec = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8'));
    const patch = spec.genesis.runtimeGenesis.patch;
    assert.equal(patch.session.keys.length, 1);
    assert.equal(patch.session.keys[0][0], '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
    assert.equal(patch.validatorSet.sessionLength, 20);
    assert.equal(patch.sudo.key, '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
    assert.equal(patch.balances.balances.length, 12);
  });
});

describe('bad input', () => {
  test('an unknown --chain value: one clear line, non-zero exit', async () => {
    const { code, stderr } = await runNodeCommand(['--chain', 'no-such-chain', '--tmp']);
    assert.notEqual(code, 0);
    const out = lines(stderr);
    assert.equal(out.length, 1, stderr);
    assert.match(out[0], /unknown chain `no-such-chain`/);
    assert.doesNotMatch(stderr, /panicked|backtrace/i);
  });

  for (const args of [['--chain', ''], []]) {
    test(`no chain chosen (${args.length ? '--chain ""' : 'neither --chain nor --dev'}): refused with one line, not the local testnet`, async () => {
      const { code, stderr } = await runNodeCommand([...args, '--tmp']);
      assert.notEqual(code, 0);
      const out = lines(stderr);
      assert.equal(out.length, 1, stderr);
      assert.match(out[0], /no chain chosen: pass --dev/);
      assert.doesNotMatch(stderr, /panicked|backtrace|Yuma Local Testnet/i);
    });
  }

  test('an unreadable chain spec file: one clear line, non-zero exit', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ this is not json');
    const { code, stderr } = await runNodeCommand(['--chain', broken, '--tmp']);
    assert.notEqual(code, 0);
    const out = lines(stderr);
    assert.equal(out.length, 1, stderr);
    assert.match(out[0], /cannot read chain spec/);
    assert.doesNotMatch(stderr, /panicked|backtrace/i);
  });

  test('an RPC port already in use: one line naming the port, and no silent move to another port', async () => {
    const busy = createServer();
    await new Promise((r) => busy.listen(0, '127.0.0.1', r));
    const { port } = busy.address();
    try {
      const { code, stderr } = await runNodeCommand([
        '--dev', '--tmp', '--rpc-port', String(port),
        '--port', String(await freePort()), '--prometheus-port', String(await freePort()),
        '--no-telemetry', '--no-mdns',
      ]);
      assert.notEqual(code, 0);
      const out = lines(stderr);
      assert.equal(out.length, 1, stderr);
      assert.match(out[0], new RegExp(`RPC port ${port} is already in use`));
      assert.doesNotMatch(stderr, /panicked|backtrace/i);
    } finally {
      busy.close();
    }
  });
});
