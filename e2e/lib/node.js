// Starts and stops a `yuma-node --dev --tmp` for a test file, on free ports.
//
// The node is always stopped: by `stop()` (call it from `after`), and, as a
// last resort, when the test process exits for any reason.

import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';

/** The shared cargo target dir: $CARGO_TARGET_DIR, else ~/.cache/yuma-chain/target. */
export const targetDir = () => process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'yuma-chain', 'target');

/** Where the node binary is: $YUMA_NODE, else the debug build in the shared target dir. */
export function nodeBinary() {
  if (process.env.YUMA_NODE) return process.env.YUMA_NODE;
  const bin = join(targetDir(), 'debug', 'yuma-node');
  if (!existsSync(bin)) {
    throw new Error(`yuma-node not found at ${bin}: build it (make build) or set YUMA_NODE`);
  }
  return bin;
}

/** A TCP port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Runs the binary with `args` to completion; resolves { code, stdout, stderr }. */
export function runNodeCommand(args, { timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`yuma-node ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * Starts a dev node and connects polkadot.js to it (no custom types).
 * Resolves { api, rpcPort, promPort, wsUrl, startedAt (ms), log, stop }.
 */
export async function startDevNode({ startupTimeoutMs = 240_000, extraArgs = [] } = {}) {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const promPort = await freePort();
  const args = [
    '--dev', '--tmp',
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--prometheus-port', String(promPort),
    '--no-telemetry', '--no-mdns',
    ...extraArgs,
  ];
  const startedAt = Date.now();
  const child = spawn(nodeBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let log = '';
  child.stderr.on('data', (d) => {
    log += d;
    if (log.length > 2_000_000) log = log.slice(-1_000_000);
  });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; running.delete(child); });

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const done = new Promise((r) => child.once('exit', r));
    const timeout = new Promise((r) => setTimeout(r, 20_000));
    await Promise.race([done, timeout]);
    if (!exited) {
      child.kill('SIGKILL');
      await done;
    }
  };

  const wsUrl = `ws://127.0.0.1:${rpcPort}`;
  const deadline = Date.now() + startupTimeoutMs;
  // Wait until the RPC server answers; the debug node compiles the runtime first.
  for (;;) {
    if (exited) {
      throw new Error(`yuma-node exited early (${JSON.stringify(exited)}):\n${log.slice(-4000)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`yuma-node RPC not up on ${wsUrl} within ${startupTimeoutMs} ms:\n${log.slice(-4000)}`);
    }
    if (await portOpen(rpcPort)) break;
    await sleep(500);
  }
  const provider = new WsProvider(wsUrl, false);
  await provider.connect();
  const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  return {
    api,
    rpcPort,
    promPort,
    wsUrl,
    startedAt,
    log: () => log,
    stop: async () => {
      await api.disconnect().catch(() => {});
      await stop();
    },
  };
}

function portOpen(port) {
  return new Promise((resolve) => {
    const sock = connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('error', () => resolve(false));
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the best block number reaches `n` (or throws after timeoutMs). */
export async function waitForBlock(api, n, { finalized = false, timeoutMs = 120_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const header = finalized
      ? await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())
      : await api.rpc.chain.getHeader();
    const num = header.number.toNumber();
    if (num >= n) return num;
    if (Date.now() > deadline) {
      throw new Error(`${finalized ? 'finalized' : 'best'} block stayed at #${num}, wanted #${n}`);
    }
    await sleep(1000);
  }
}
