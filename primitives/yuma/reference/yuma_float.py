"""An independent floating-point implementation of shared/YUMA.md.

Written from the specification alone (not from the Rust crate), in plain
Python floats, to check that `yuma-sim` computes what the text says. It reads
and writes the simulator's JSON format.

    python3 yuma_float.py INPUT.json
"""

import json
import math
import sys

DEFAULTS = {
    "kappa": 32767, "bonds_moving_average": 900000, "bonds_penalty": 65535,
    "yuma_version": 3, "liquid_alpha_enabled": False, "alpha_low": 45875,
    "alpha_high": 58982, "alpha_sigmoid_steepness": 10.0,
    "max_allowed_validators": 64, "activity_cutoff": 5000,
    "validator_min_stake": 0, "tempo": 360,
}


def normalize(v):
    s = sum(v)
    return [x / s for x in v] if s > 0 else [0.0 for _ in v]


def first_occurrences(row):
    seen = {}
    for j, v in row:
        if j not in seen:
            seen[j] = v
    return seen


def epoch(cfg, ep, prev):
    n = len(ep["stake"])
    b = ep["block"]
    lu, reg = ep["last_update"], ep["registered_at"]

    # 1. activity
    active = [lu[i] + cfg["activity_cutoff"] >= b for i in range(n)]
    # 2. stake
    st = [0 if x < cfg["validator_min_stake"] else x for x in ep["stake"]]
    s = normalize([float(x) for x in st])
    # 3. new permits (ties to the lower uid)
    ranked = sorted([i for i in range(n) if st[i] > 0], key=lambda i: (-st[i], i))
    top = set(ranked[: cfg["max_allowed_validators"]])
    new_permit = [i in top for i in range(n)]
    # 4. active stake
    if prev is None:
        permit = new_permit
    else:
        permit = [prev["permit"][i] if i < len(prev["permit"]) else False for i in range(n)]
    a = normalize([s[i] if active[i] and permit[i] else 0.0 for i in range(n)])

    # 5. weights
    W = []
    for i in range(n):
        row = {}
        if permit[i]:
            for j, v in first_occurrences(ep["weights"][i]).items():
                if j < n and j != i and lu[i] > reg[j] and v > 0:
                    row[j] = float(v)
        tot = sum(row.values())
        W.append({j: v / tot for j, v in row.items()} if tot > 0 else {})

    # 6. consensus
    kappa = cfg["kappa"] / 65535
    C = []
    for j in range(n):
        pairs = [(W[i].get(j, 0.0), a[i]) for i in range(n) if a[i] > 0]
        best = 0.0
        for c in set([0.0] + [w for w, _ in pairs]):
            if sum(ai for w, ai in pairs if w >= c) >= kappa - 1e-12 and c > best:
                best = c
        C.append(best)

    # 7-9
    Wc = [{j: min(w, C[j]) for j, w in W[i].items() if min(w, C[j]) > 0} for i in range(n)]
    VT = [sum(Wc[i].values()) for i in range(n)]
    P = [sum(a[i] * W[i].get(j, 0.0) for i in range(n)) for j in range(n)]
    R = [sum(a[i] * Wc[i].get(j, 0.0) for i in range(n)) for j in range(n)]
    T = [R[j] / P[j] if P[j] > 0 else 0.0 for j in range(n)]
    I = normalize(R)

    # 10. bond weights
    pen = cfg["bonds_penalty"] / 65535
    Wb = [{j: (1 - pen) * w + pen * Wc[i].get(j, 0.0) for j, w in W[i].items()} for i in range(n)]

    # 11. bond reset
    reset = prev["last_epoch_block"] if prev is not None else b - cfg["tempo"]
    old = prev["bonds"] if prev is not None else []
    B = []
    for i in range(n):
        row = {}
        if i < len(old):
            for j, v in first_occurrences(old[i]).items():
                if j < n and reg[j] < reset and v > 0:
                    row[j] = v
        B.append(row)

    # 12. alpha
    fixed_alpha = 1 - cfg["bonds_moving_average"] / 1e6
    liquid = cfg["yuma_version"] == 3 and cfg["liquid_alpha_enabled"] and any(c > 0 for c in C)
    lo, hi = cfg["alpha_low"] / 65535, cfg["alpha_high"] / 65535
    k = cfg["alpha_sigmoid_steepness"]

    def alpha(w, bp, c):
        if not liquid:
            return fixed_alpha
        x = min(max(w - c, 0.0), 1.0) if w >= bp else min(max(bp - w, 0.0), 1.0)
        z = k * (x - 0.5)
        sig = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
        return min(max(lo + sig * (hi - lo), lo), hi)

    # 13. bonds and dividends
    if cfg["yuma_version"] == 3:
        Bp = []
        for i in range(n):
            row = {}
            for j in set(B[i]) | set(Wb[i]):
                bp = B[i].get(j, 0) / 65535
                w = W[i].get(j, 0.0)
                al = alpha(w, bp, C[j])
                row[j] = min(1.0, (1 - al) * bp + al * Wb[i].get(j, 0.0))
            Bp.append(row)
        col = [sum(Bp[i].get(j, 0.0) for i in range(n)) for j in range(n)]
        D = normalize([a[i] * sum(v / col[j] * I[j] for j, v in Bp[i].items() if col[j] > 0) for i in range(n)])
        stored = [
            sorted((j, round(v * 65535)) for j, v in Bp[i].items() if round(v * 65535) > 0) if new_permit[i] else []
            for i in range(n)
        ]
    else:
        colB = [sum(B[i].get(j, 0) for i in range(n)) for j in range(n)]
        dB = [{j: a[i] * w for j, w in Wb[i].items()} for i in range(n)]
        colD = [sum(dB[i].get(j, 0.0) for i in range(n)) for j in range(n)]
        Bp = []
        for i in range(n):
            row = {}
            for j in set(B[i]) | set(dB[i]):
                bn = B[i].get(j, 0) / colB[j] if colB[j] > 0 else 0.0
                dn = dB[i].get(j, 0.0) / colD[j] if colD[j] > 0 else 0.0
                row[j] = fixed_alpha * dn + (1 - fixed_alpha) * bn
            Bp.append(row)
        col = [sum(Bp[i].get(j, 0.0) for i in range(n)) for j in range(n)]
        Bp = [{j: v / col[j] for j, v in Bp[i].items() if col[j] > 0} for i in range(n)]
        D = normalize([sum(v * I[j] for j, v in Bp[i].items()) for i in range(n)])
        mx = [max([Bp[i].get(j, 0.0) for i in range(n)] + [0.0]) for j in range(n)]
        stored = [
            sorted((j, round(v / mx[j] * 65535)) for j, v in Bp[i].items() if mx[j] > 0 and round(v / mx[j] * 65535) > 0)
            if new_permit[i] else []
            for i in range(n)
        ]

    # 14. emission
    E = ep["emission"]
    if sum(I) + sum(D) == 0:
        share = a if sum(a) > 0 else s
    else:
        tot = sum(I) + sum(D)
        share = [(I[i] + D[i]) / tot for i in range(n)]
    exact = [E * x for x in share]
    paid = [math.floor(x) for x in exact]
    left = E - sum(paid) if sum(share) > 0 else 0
    for i in sorted(range(n), key=lambda i: (-(exact[i] - paid[i]), i))[: max(left, 0)]:
        paid[i] += 1

    out = {
        "consensus": C, "incentive": I, "dividends": D, "trust": T,
        "validator_trust": VT, "rank": R, "emission": paid,
        "validator_permit": new_permit, "bonds": [[list(e) for e in r] for r in stored],
    }
    state = {"last_epoch_block": b, "permit": new_permit, "bonds": [[list(e) for e in r] for r in stored]}
    return out, state


def run(doc):
    cfg = dict(DEFAULTS)
    cfg.update(doc.get("config", {}))
    prev = None
    outs = []
    for ep in doc["epochs"]:
        out, prev = epoch(cfg, ep, prev)
        outs.append(out)
    return {"epochs": outs}


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        print(json.dumps(run(json.load(f))))
