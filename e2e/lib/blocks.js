// Waiting for blocks and for what they contain.

/** The event `section.method` among `events` (a block's or a submission's), if any. */
export const findEvent = (events, section, method) =>
  events.find(({ event }) => event.section === section && event.method === method)?.event;

/** The best block's number. */
export const head = async (api) => (await api.rpc.chain.getHeader()).number.toNumber();

/** Resolves once the best block is at least `n`. */
export function untilBlock(api, n, timeoutMs = 180_000) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    const timer = setTimeout(() => { unsub(); reject(new Error(`block ${n} not reached`)); }, timeoutMs);
    api.rpc.chain.subscribeNewHeads((h) => {
      if (h.number.toNumber() >= n) { clearTimeout(timer); unsub(); resolve(h.number.toNumber()); }
    }).then((u) => { unsub = u; }, reject);
  });
}

/**
 * Resolves with { event, hash, number } for the first event `section.method`
 * (for which `accept(event)` holds) in a best block numbered above `after`.
 */
export function nextEvent(api, section, method, { after = 0, accept = () => true, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    const timer = setTimeout(() => { unsub(); reject(new Error(`no ${section}.${method} in ${timeoutMs} ms`)); }, timeoutMs);
    api.rpc.chain.subscribeNewHeads(async (h) => {
      if (h.number.toNumber() <= after) return;
      const events = await (await api.at(h.hash)).query.system.events();
      const ev = events.find(({ event }) => event.section === section && event.method === method && accept(event));
      if (ev) { clearTimeout(timer); unsub(); resolve({ event: ev.event, hash: h.hash, number: h.number.toNumber() }); }
    }).then((u) => { unsub = u; }, reject);
  });
}

/**
 * Resolves with { event, hash, number } for the first `emission.EpochPaid`
 * of `netuid` in a best block numbered above `after`.
 */
export const nextEpochPaid = (api, netuid, after, timeoutMs = 120_000) =>
  nextEvent(api, 'emission', 'EpochPaid', { after, accept: (e) => e.data.netuid.toNumber() === netuid, timeoutMs });
