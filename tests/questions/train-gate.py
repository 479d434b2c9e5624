#!/usr/bin/env python3
"""Learns the answer gate (responses/gate.tsv, decision 014) from the tuning part as a bot that never learned it read it.

    dotnet run --project src/TreatyBot -c Release -- eval tests/questions/tuning.tsv --cross --summary --features /tmp/features.tsv
    /usr/bin/python3 tests/questions/train-gate.py /tmp/features.tsv --threshold 0.88 --write responses/gate.tsv

Needs scikit-learn (Debian: apt-get install python3-sklearn, for /usr/bin/python3). First it asks, out of fold, what
the gate would make of each question it never learned (five folds of blocks of 1000 lines, so that one writer's batch
stays mostly in one fold) and prints, for each threshold, the share of in-scope questions answered right, of the others
not answered, and of all answered wrong, beside the hand-built rules' figures: choose the threshold there. Then it
learns on every question and writes the trees, checking that they give what scikit-learn gives. It prints counts and
rates only, never a question.
"""
import argparse
import collections
import csv
import math
import random
import sys

import numpy as np
from sklearn import __version__ as sklearn_version
from sklearn.ensemble import HistGradientBoostingClassifier

PARAMS = dict(max_iter=300, learning_rate=0.05, max_leaf_nodes=31, min_samples_leaf=30, early_stopping=False, random_state=0)
BLOCK = 1000


def read(path):
    """Questions (source, line) → kind, rules' outcome, weighed, and the (fact, passes, features) weighed for it."""
    questions = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        names = header[8:]
        for row in rows:
            key = (row[0], int(row[1]))
            q = questions.setdefault(key, {"kind": row[2], "outcome": row[3], "weighed": row[4] == "1", "facts": [], "rules": None})
            if row[5]:
                if row[7] == "1":
                    q["rules"] = len(q["facts"])
                q["facts"].append((row[5], int(row[6]), [float(v) for v in row[8:]]))
    return names, questions


def figures(questions, chance, threshold):
    """
    In-scope right, others not answered, wrong, as Answerer.Gated decides: the rules' answer where the gate does not
    look; elsewhere the rules' fact when its chance reaches `threshold` and no other fact's is higher, else the likeliest
    fact when its chance does, else none (a fact with the caveat, options or "I don't know").
    """
    right = inscope = declined = others = wrong = 0
    for key, q in questions.items():
        if q["weighed"]:
            rules = q["rules"]
            likeliest = max(((chance[(key, i)], passes) for i, (_, passes, _) in enumerate(q["facts"])), default=None)
            if rules is not None and chance[(key, rules)] >= threshold and chance[(key, rules)] >= likeliest[0]:
                best = (chance[(key, rules)], q["facts"][rules][1])
            else:
                best = likeliest
            answered = best is not None and best[0] >= threshold
            ok = bool(best[1]) if answered else q["kind"] != "in"
        else:
            answered = q["outcome"] in ("right", "wrong")
            ok = q["outcome"] in ("right", "abstained")
        if q["kind"] == "in":
            inscope += 1
            right += answered and ok
        else:
            others += 1
            declined += ok
        wrong += answered and not ok
    return right / inscope, declined / others, wrong / len(questions), wrong


def rules(questions):
    counts = collections.Counter()
    for q in questions.values():
        counts[q["kind"] == "in", q["outcome"]] += 1
    inscope = sum(v for (k, _), v in counts.items() if k)
    others = sum(v for (k, _), v in counts.items() if not k)
    wrong = counts[True, "wrong"] + counts[False, "wrong"]
    return counts[True, "right"] / inscope, (others - counts[False, "wrong"]) / others, wrong / len(questions), wrong


def matrix(questions, keys):
    rows, labels, ids = [], [], []
    for key in keys:
        for i, (_, passes, values) in enumerate(questions[key]["facts"]):
            rows.append(values)
            labels.append(passes)
            ids.append((key, i))
    return np.array(rows), np.array(labels), ids


def export(model, names, threshold, note):
    lines = [f"# {line}" for line in note] + [f"threshold\t{threshold}", f"bias\t{float(model._baseline_prediction.ravel()[0])!r}",
                                            "features\t" + ",".join(names)]
    for t, predictor in enumerate(model._predictors):
        nodes = predictor[0].nodes
        for n, node in enumerate(nodes):
            if node["is_leaf"]:
                lines.append(f"{t}\t{n}\t-1\t0\t0\t0\t{float(node['value'])!r}")
            else:
                lines.append(f"{t}\t{n}\t{int(node['feature_idx'])}\t{float(node['num_threshold'])!r}\t{int(node['left'])}\t{int(node['right'])}\t0")
    return "\n".join(lines) + "\n"


def evaluate(text, x):
    """The exported trees' chance for each row of x, as AnswerGate.Chance computes it."""
    bias, trees = 0.0, []
    for line in text.splitlines():
        cells = line.split("\t")
        if cells[0].startswith("#"):
            continue
        if cells[0] == "bias":
            bias = float(cells[1])
        elif cells[0] not in ("threshold", "features"):
            t, n, f, s, l, r, v = cells
            if int(n) == 0:
                trees.append([])
            trees[-1].append((int(f), float(s), int(l), int(r), float(v)))
    chances = []
    for row in x:
        total = bias
        for tree in trees:
            node = 0
            while tree[node][0] >= 0:
                f, s, l, r, _ = tree[node]
                node = l if row[f] <= s else r
            total += tree[node][4]
        chances.append(1 / (1 + math.exp(-total)))
    return np.array(chances)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features")
    parser.add_argument("--threshold", type=float, default=0.88)
    parser.add_argument("--write", help="gate.tsv to write (without it, only the out-of-fold figures)")
    args = parser.parse_args()
    names, questions = read(args.features)
    keys = list(questions)
    blocks = sorted({(source, line // BLOCK) for source, line in keys})
    random.Random(1).shuffle(blocks)
    fold_of = {block: i % 5 for i, block in enumerate(blocks)}
    chance = {}
    for fold in range(5):
        train = [k for k in keys if fold_of[(k[0], k[1] // BLOCK)] != fold]
        test = [k for k in keys if fold_of[(k[0], k[1] // BLOCK)] == fold]
        x, y, _ = matrix(questions, train)
        model = HistGradientBoostingClassifier(**PARAMS).fit(x, y)
        tx, _, ids = matrix(questions, test)
        for i, p in zip(ids, model.predict_proba(tx)[:, 1]):
            chance[i] = p
    base = rules(questions)
    print(f"{len(questions)} questions, {sum(len(q['facts']) for q in questions.values())} facts weighed")
    print(f"rules alone:       in {base[0]:.2%}  out {base[1]:.2%}  wrong {base[2]:.2%} ({base[3]})")
    for threshold in sorted({0.6, 0.7, 0.75, 0.8, 0.85, 0.9, args.threshold}):
        f = figures(questions, chance, threshold)
        print(f"gate at {threshold:.2f}, out of fold: in {f[0]:.2%}  out {f[1]:.2%}  wrong {f[2]:.2%} ({f[3]})")
    if not args.write:
        return
    x, y, _ = matrix(questions, keys)
    model = HistGradientBoostingClassifier(**PARAMS).fit(x, y)
    chosen = figures(questions, chance, args.threshold)
    note = [
        "The answer gate (decision 014): boosted trees learned by tests/questions/train-gate.py from the tuning part, as",
        "`eval --cross --features` read it; do not edit by hand, learn it again when the matcher or the classifier changes.",
        f"{len(questions)} questions; scikit-learn {sklearn_version}, HistGradientBoostingClassifier {PARAMS}.",
        f"Out of fold at the threshold: in {chosen[0]:.2%}, out {chosen[1]:.2%}, wrong {chosen[2]:.2%} ({chosen[3]});",
        f"the hand-built rules alone: in {base[0]:.2%}, out {base[1]:.2%}, wrong {base[2]:.2%} ({base[3]}).",
    ]
    text = export(model, names, args.threshold, note)
    gap = np.max(np.abs(evaluate(text, x) - model.predict_proba(x)[:, 1]))
    if gap > 1e-9:
        sys.exit(f"the written trees give other chances than scikit-learn's model (by up to {gap}): not written")
    with open(args.write, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {args.write}: {len(model._predictors)} trees, threshold {args.threshold}")


if __name__ == "__main__":
    main()
