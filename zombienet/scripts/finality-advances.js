// Waits until the node's finalised height reaches args[1] (args[0] names
// the validator that is down, for the log). Returns 1 when it does.
const { api, finalisedAtLeast } = require('./lib.js');

async function run(nodeName, networkInfo, args) {
  const [down, target] = args;
  const a = await api(networkInfo, nodeName);
  const reached = await finalisedAtLeast(a, Number(target));
  console.log(`${nodeName}: finalised #${reached} with ${down} down`);
  await a.disconnect();
  return 1;
}

module.exports = { run };
