"""Regenerates the Axelrod 4.13 reference fixtures used by repeated/tests/axelrod_reference.rs.

Usage (needs `pip install axelrod==4.13.0`, and dask 2024.2.1 if pyarrow is missing):
    pactsim strategies --json > strategies.json
    python generate_axelrod.py strategies.json

Writes, next to this script:
  versus.tsv  strategy, opponent, turns, strategy's actions, opponent's actions — only for
              pairings whose play is identical under 5 different seeds (deterministic play).
  scores.tsv  200-turn match scores between every pair of deterministic strategies.
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")
import axelrod as axl  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
names = [s["name"] for s in json.load(open(sys.argv[1]))["strategies"] if s["kind"] == "repeated-game"]
by_name = {}
for cls in axl.all_strategies:
    try:
        by_name.setdefault(str(cls()), cls)
        by_name.setdefault(cls().name, cls)
        by_name.setdefault(cls.name, cls)
    except Exception:
        pass
ours = [n for n in names if n in by_name]
missing = [n for n in names if n not in by_name]
print("not in Axelrod:", missing, file=sys.stderr)


def play(a, b, turns, seed):
    m = axl.Match((by_name[a](), by_name[b]()), turns=turns, seed=seed)
    inter = m.play()
    return "".join(str(x[0]) for x in inter), "".join(str(x[1]) for x in inter)


OPPONENTS = ["Cooperator", "Defector", "Tit For Tat", "Alternator", "Grudger",
             "Suspicious Tit For Tat", "Cycler DDC", "Prober", "Handshake", "Random"]
with open(os.path.join(HERE, "versus.tsv"), "w") as f:
    for a in ours:
        for b in OPPONENTS:
            runs = {play(a, b, 40, s) for s in range(1, 6)}
            if len(runs) == 1:
                x, y = runs.pop()
                f.write(f"{a}\t{b}\t40\t{x}\t{y}\n")

det = [n for n in ours if not axl.Classifiers["stochastic"](by_name[n]())]
with open(os.path.join(HERE, "scores.tsv"), "w") as f:
    for i, a in enumerate(det):
        for b in det[i:]:
            m = axl.Match((by_name[a](), by_name[b]()), turns=200)
            m.play()
            s = m.final_score()
            f.write(f"{a}\t{b}\t{int(s[0])}\t{int(s[1])}\n")
