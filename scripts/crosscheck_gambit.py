#!/usr/bin/env python3
"""Cross-check `pactsim equilibria --method enummixed` against pygambit (not run in CI).

Generates random two-player games with a seeded numpy RNG, writes each as a Gambit .nfg file,
solves it with pygambit's enummixed_solve (exact, rational) when pygambit is installed, runs
`pactsim equilibria --nfg FILE --method enummixed --json`, and compares the two sets of
equilibria (max-abs difference <= --tol). Exits 1 on any mismatch.

Usage: scripts/crosscheck_gambit.py [--games 20] [--rows 6] [--cols 6] [--seed 12345]
                                    [--pactsim target/release/pactsim] [--tol 1e-6]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np


def write_nfg(path, a, b):
    m, n = a.shape
    with open(path, "w") as f:
        f.write('NFG 1 R "crosscheck" { "Row" "Col" }\n\n')
        f.write("{ { %s }\n" % " ".join(f'"r{i + 1}"' for i in range(m)))
        f.write("{ %s }\n}\n\"\"\n\n" % " ".join(f'"c{j + 1}"' for j in range(n)))
        for j in range(n):
            for i in range(m):
                f.write(f"{float(a[i, j])!r} {float(b[i, j])!r}\n")


def gambit_equilibria(path):
    try:
        import pygambit as gbt
    except ImportError:
        return None
    game = gbt.read_nfg(path)
    result = gbt.nash.enummixed_solve(game, rational=True)
    out = []
    for eq in result.equilibria:
        out.append([[float(eq[s]) for s in p.strategies] for p in game.players])
    return out


def pactsim_equilibria(binary, path):
    proc = subprocess.run(
        [binary, "equilibria", "--nfg", path, "--method", "enummixed", "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(proc.stdout)
    return [e["profile"] for e in report["equilibria"]], report.get("notes", [])


def distance(p, q):
    return max(abs(x - y) for a, b in zip(p, q) for x, y in zip(a, b))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--rows", type=int, default=6)
    ap.add_argument("--cols", type=int, default=6)
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--pactsim", default=os.environ.get("PACTSIM", "target/release/pactsim"))
    ap.add_argument("--tol", type=float, default=1e-6)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    failures = 0
    have_gambit = True
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.games):
            a = rng.random((args.rows, args.cols))
            b = rng.random((args.rows, args.cols))
            path = os.path.join(tmp, f"game{k}.nfg")
            write_nfg(path, a, b)
            ours, notes = pactsim_equilibria(args.pactsim, path)
            ref = gambit_equilibria(path)
            if ref is None:
                have_gambit = False
                print(f"game {k}: pactsim found {len(ours)} equilibria (pygambit not installed)")
                continue
            missing = [r for r in ref if not any(distance(r, o) <= args.tol for o in ours)]
            spurious = [o for o in ours if not any(distance(r, o) <= args.tol for r in ref)]
            status = "OK" if not missing and not spurious else "MISMATCH"
            failures += status != "OK"
            print(f"game {k}: gambit {len(ref)}, pactsim {len(ours)}, missing {len(missing)}, "
                  f"spurious {len(spurious)} {status} {'; '.join(notes)}")
    if not have_gambit:
        print("pygambit is not installed: only pactsim's output was produced", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
