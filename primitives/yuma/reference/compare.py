"""Runs random multi-epoch scenarios through `yuma-sim` and through the float
reference (yuma_float.py) and checks that they agree: every proportion within
2e-3, bonds within 2e-3 of 65535, and emission summing exactly.

    python3 compare.py PATH/TO/yuma-sim [SCENARIOS] [SEED]
"""

import json
import random
import subprocess
import sys

import yuma_float

TOL = 2e-3
PROPORTIONS = ["consensus", "incentive", "dividends", "trust", "validator_trust", "rank"]


def scenario(rng):
    n = rng.randint(2, 14)
    v = rng.randint(1, n)
    config = {
        "kappa": rng.choice([32767, 32767, rng.randint(0, 65535)]),
        "bonds_moving_average": rng.choice([900000, rng.randint(0, 1000000)]),
        "bonds_penalty": rng.choice([65535, 0, rng.randint(0, 65535)]),
        "yuma_version": rng.choice([2, 3]),
        "liquid_alpha_enabled": rng.random() < 0.4,
        "max_allowed_validators": rng.randint(1, v + 1),
        "activity_cutoff": rng.choice([5000, 700]),
        "tempo": 360,
    }
    lo, hi = sorted([rng.randint(30000, 65535), rng.randint(30000, 65535)])
    config["alpha_low"], config["alpha_high"] = lo, hi
    config["alpha_sigmoid_steepness"] = rng.choice([10.0, rng.uniform(-20, 40)])
    stake = [rng.randint(10**9, 10**13) if i < v else rng.choice([0, 0, rng.randint(1, 10**9)]) for i in range(n)]
    registered_at = [0] * n
    last_update = [0] * n
    weights = [[] for _ in range(n)]
    epochs = []
    block = 0
    for e in range(rng.randint(2, 8)):
        block += 360
        for i in range(n):
            if rng.random() < (0.9 if e == 0 else 0.3):
                k = rng.randint(0, n)
                targets = rng.sample(range(n), k)
                weights[i] = sorted((j, rng.randint(0, 65535)) for j in targets)
                last_update[i] = block - rng.randint(1, 300)
        if e > 0 and rng.random() < 0.3:
            j = rng.randrange(n)
            registered_at[j] = block - rng.randint(1, 359)
            weights[j] = []
        if rng.random() < 0.2:
            stake[rng.randrange(n)] = rng.randint(0, 10**13)
        epochs.append({
            "block": block, "emission": rng.randint(0, 10**10),
            "stake": list(stake), "last_update": list(last_update),
            "registered_at": list(registered_at), "weights": [list(map(list, r)) for r in weights],
        })
    return {"config": config, "epochs": epochs}


def dense(rows, n):
    m = {}
    for i, row in enumerate(rows):
        for j, v in row:
            m[(i, j)] = v
    return m


def compare(sim, ref, doc, label):
    problems = []
    for k, (s, r) in enumerate(zip(sim["epochs"], ref["epochs"])):
        ep = doc["epochs"][k]
        n = len(ep["stake"])
        for key in PROPORTIONS:
            for i, (a, b) in enumerate(zip(s[key], r[key])):
                if abs(a - b) > TOL:
                    problems.append(f"{label} epoch {k} {key}[{i}]: sim {a:.6f} ref {b:.6f}")
        if sum(s["emission"]) != ep["emission"] and any(ep["stake"]):
            problems.append(f"{label} epoch {k}: sim pays {sum(s['emission'])} of {ep['emission']}")
        for i, (a, b) in enumerate(zip(s["emission"], r["emission"])):
            if abs(a - b) > TOL * ep["emission"] + 2:
                problems.append(f"{label} epoch {k} emission[{i}]: sim {a} ref {b}")
        if s["validator_permit"] != r["validator_permit"]:
            problems.append(f"{label} epoch {k}: permits differ")
        sb, rb = dense(s["bonds"], n), dense(r["bonds"], n)
        for key in set(sb) | set(rb):
            if abs(sb.get(key, 0) - rb.get(key, 0)) > TOL * 65535:
                problems.append(f"{label} epoch {k} bond {key}: sim {sb.get(key, 0)} ref {rb.get(key, 0)}")
    return problems


def main():
    sim_bin = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = random.Random(seed)
    failures = 0
    for t in range(count):
        doc = scenario(rng)
        out = subprocess.run([sim_bin, "-"], input=json.dumps(doc), capture_output=True, text=True)
        if out.returncode != 0:
            print(f"scenario {t}: yuma-sim failed: {out.stderr.strip()}")
            failures += 1
            continue
        problems = compare(json.loads(out.stdout), yuma_float.run(doc), doc, f"scenario {t}")
        if problems:
            failures += 1
            print("\n".join(problems[:5]))
            with open(f"/tmp/yuma-mismatch-{seed}-{t}.json", "w") as f:
                json.dump(doc, f)
    print(f"compare: {count - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
