// The steps of validators.zndsl, by args[0]:
//   join       (on eve)   eve's node makes session keys for //Eve
//                         (author_rotateKeysWithOwner), //Eve sets them
//                         (session.setKeys) and Alice, sudo, adds //Eve.
//                         Returns 1.
//   authority             waits until //Eve's keys are Aura and GRANDPA
//                         authorities. Returns 1.
//   authored              waits for two new blocks whose Aura slot is
//                         //Eve's. Returns their number.
//   finalises             waits for the finalised height to advance by 4.
//                         Returns the advance.
//   leave                 Alice, sudo, removes //Eve. Returns 1.
//   left                  waits until //Eve's keys are in neither set. Returns 1.
const { api, finalisedAtLeast, included } = require('./lib.js');

const hex = (u8a) => `0x${Buffer.from(u8a).toString('hex')}`;

function accounts() {
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  return { alice: keyring.addFromUri('//Alice'), eve: keyring.addFromUri('//Eve') };
}

/** Sends `call` as Alice through sudo and checks that it succeeded. */
async function sudo(a, alice, call) {
  const { events } = await included(a.tx.sudo.sudo(call), (tx, cb) => tx.signAndSend(alice, cb));
  const sudid = events.find(({ event }) => event.section === 'sudo' && event.method === 'Sudid');
  if (!sudid || sudid.event.data.sudoResult.isErr) {
    throw new Error(`sudo ${call.method.section}.${call.method.method} failed`);
  }
  return events;
}

async function join(a, networkInfo, nodeName) {
  const { alice, eve } = accounts();
  // The owner is the account that will set the keys (its 32 bytes, SCALE):
  // the node signs it with each new key, and session.setKeys checks those
  // signatures.
  const provider = new zombie.WsProvider(networkInfo.nodesByName[nodeName].wsUri);
  await provider.isReady;
  const generated = await provider.send('author_rotateKeysWithOwner', [hex(eve.publicKey)]);
  const has = await provider.send('author_hasSessionKeys', [generated.keys]);
  await provider.disconnect();
  if (!has || !generated.proof) throw new Error('the node did not keep the keys it made, or gave no proof');
  await included(a.tx.session.setKeys(generated.keys, generated.proof), (tx, cb) => tx.signAndSend(eve, cb));
  const keys = await a.query.session.nextKeys(eve.address);
  if (keys.isNone) throw new Error('session.nextKeys(//Eve) is empty after setKeys');
  const events = await sudo(a, alice, a.tx.validatorSet.addValidator(eve.address));
  const added = events.some(({ event }) => event.section === 'validatorSet' && event.method === 'ValidatorAdded');
  console.log(`${nodeName}: //Eve set keys ${generated.keys.slice(0, 18)}… and was added: ${added}`);
  return added ? 1 : 0;
}

/** //Eve's session keys as hex strings { aura, grandpa }. */
async function eveKeys(a) {
  const keys = (await a.query.session.nextKeys(accounts().eve.address)).unwrap();
  return { aura: keys.aura.toHex(), grandpa: keys.grandpa.toHex() };
}

/** Whether //Eve's keys are in Aura's and in GRANDPA's authorities now. */
async function inSets(a) {
  const { aura, grandpa } = await eveKeys(a);
  const auras = (await a.query.aura.authorities()).map((k) => k.toHex());
  const grandpas = (await a.call.grandpaApi.grandpaAuthorities()).map(([k]) => k.toHex());
  return { aura: auras.includes(aura), grandpa: grandpas.includes(grandpa), voters: grandpas.length };
}

/** Resolves once `check(await inSets(a))` holds, checking at each new block. */
function until(a, check) {
  return new Promise((resolve, reject) => {
    let busy = false;
    a.rpc.chain.subscribeNewHeads(async () => {
      if (busy) return;
      busy = true;
      try {
        const now = await inSets(a);
        if (check(now)) resolve(now);
      } catch (e) {
        reject(e);
      }
      busy = false;
    }).catch(reject);
  });
}

/** The Aura slot of a header (its `aura` pre-runtime digest). */
function slotOf(a, header) {
  const pre = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura');
  return a.createType('u64', pre.asPreRuntime[1]).toBigInt();
}

/** Waits for `want` new blocks authored with //Eve's Aura key. */
function authored(a, want) {
  return new Promise((resolve, reject) => {
    let seen = 0;
    a.rpc.chain.subscribeNewHeads(async (header) => {
      try {
        const { aura } = await eveKeys(a);
        const authorities = (await (await a.at(header.parentHash)).query.aura.authorities()).map((k) => k.toHex());
        const author = authorities[Number(slotOf(a, header) % BigInt(authorities.length))];
        if (author === aura) {
          seen += 1;
          console.log(`#${header.number.toNumber()} authored by //Eve (${seen}/${want})`);
          if (seen >= want) resolve(seen);
        }
      } catch (e) {
        reject(e);
      }
    }).catch(reject);
  });
}

async function run(nodeName, networkInfo, args) {
  const [step] = args;
  const a = await api(networkInfo, nodeName);
  let result;
  switch (step) {
    case 'join':
      result = await join(a, networkInfo, nodeName);
      break;
    case 'authority': {
      const now = await until(a, (s) => s.aura && s.grandpa);
      console.log(`${nodeName}: //Eve is an authority, ${now.voters} GRANDPA voters`);
      result = 1;
      break;
    }
    case 'authored':
      result = await authored(a, 2);
      break;
    case 'finalises': {
      const from = (await a.rpc.chain.getHeader(await a.rpc.chain.getFinalizedHead())).number.toNumber();
      const to = await finalisedAtLeast(a, from + 4);
      console.log(`${nodeName}: finalised #${from} -> #${to}`);
      result = to - from;
      break;
    }
    case 'leave': {
      const { alice, eve } = accounts();
      const events = await sudo(a, alice, a.tx.validatorSet.removeValidator(eve.address));
      result = events.some(({ event }) => event.section === 'validatorSet' && event.method === 'ValidatorRemoved') ? 1 : 0;
      break;
    }
    case 'left': {
      const now = await until(a, (s) => !s.aura && !s.grandpa);
      console.log(`${nodeName}: //Eve has left both sets, ${now.voters} GRANDPA voters`);
      result = 1;
      break;
    }
    default:
      throw new Error(`validators.js: unknown step ${step}`);
  }
  await a.disconnect();
  return result;
}

module.exports = { run };
