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

Beside the features eval writes, the trees read each candidate's records (decision 016): the share of answers with its
fact, and with its fact beside the other fact weighed, that were right. A question's own records are counted without
its fifth of the part (and, out of fold, without the fold asked), so the trees never learn from its own outcome; the
records of the whole part are written into gate.tsv as `record` lines for the bot to look up.
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
# The records (AnswerGate.RecordNames, round 39): the share of answers with a fact (and with a fact beside the other fact
# weighed) that were right, drawn towards the overall share as if SMOOTHING more answers had been counted at it.
RECORD_NAMES = ["fact-record", "fact-record-best", "pair-record", "pair-record-best"]
SMOOTHING = 30.0
NO_OTHER = "-"


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


def unbacked_by(names):
    """Answerer.Unbacked: a fact the matcher ranked nowhere, while the classifier's lead is below 0, is never sure."""
    place, lead = names.index("place"), names.index("learned-lead")
    return lambda values: values[place] == -1 and values[lead] < 0


def figures(questions, chance, threshold, unbacked=lambda values: False):
    """
    In-scope right, others not answered, wrong, as Answerer.Gated decides: the rules' answer where the gate does not
    look; elsewhere the rules' fact when its chance reaches `threshold` and no other fact's is higher, else the likeliest
    fact when its chance does, else none (a fact with the caveat, options or "I don't know"); a fact `unbacked` says
    nothing but the classifier proposes is never sure.
    """
    right = inscope = declined = others = wrong = 0
    for key, q in questions.items():
        if q["weighed"]:
            rules = q["rules"]
            weighed = [0.0 if unbacked(values) else chance[(key, i)] for i, (_, _, values) in enumerate(q["facts"])]
            likeliest = max(((weighed[i], passes) for i, (_, passes, _) in enumerate(q["facts"])), default=None)
            if rules is not None and weighed[rules] >= threshold and weighed[rules] >= likeliest[0]:
                best = (weighed[rules], q["facts"][rules][1])
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


def record_keys(q, i):
    """The records a candidate is looked up under: its fact, and its fact beside the other fact weighed (or none)."""
    fact = q["facts"][i][0]
    other = next((f for j, (f, _, _) in enumerate(q["facts"]) if j != i), NO_OTHER)
    return [fact, (fact, other)]


def count(questions, keys, best_index):
    """Per record key: [right, answers, right as the matcher's best, answers as the matcher's best]."""
    counts = collections.defaultdict(lambda: [0, 0, 0, 0])
    for key in keys:
        q = questions[key]
        for i, (_, passes, values) in enumerate(q["facts"]):
            for record in record_keys(q, i):
                c = counts[record]
                c[0] += passes
                c[1] += 1
                if values[best_index] == 1:
                    c[2] += passes
                    c[3] += 1
    return counts


def shares(counts):
    """The overall shares, and each key's drawn towards them: what AnswerGate reads from gate.tsv."""
    facts = [c for k, c in counts.items() if isinstance(k, str)]
    overall = (sum(c[0] for c in facts) / max(1, sum(c[1] for c in facts)), sum(c[2] for c in facts) / max(1, sum(c[3] for c in facts)))
    table = {k: ((c[0] + SMOOTHING * overall[0]) / (c[1] + SMOOTHING), (c[2] + SMOOTHING * overall[1]) / (c[3] + SMOOTHING)) for k, c in counts.items()}
    return overall, table


def parts_of(keys, seed, parts=5):
    """Each key's part of `parts`: blocks of BLOCK lines of a file, shuffled with `seed`, so one writer's batch stays mostly in one."""
    blocks = sorted({(source, line // BLOCK) for source, line in keys})
    random.Random(seed).shuffle(blocks)
    part_of_block = {block: i % parts for i, block in enumerate(blocks)}
    return {key: part_of_block[(key[0], key[1] // BLOCK)] for key in keys}


def records_of(questions, keys, best_index, parts=5):
    """
    Each question's records as a bot that never counted it would see them: the keys in `parts` folds of blocks (one
    writer's batch mostly in one), each counted from the others, so that the trees do not learn from a question's own
    outcome.
    """
    part_of = parts_of(keys, 2, parts)
    seen = {}
    for part in range(parts):
        tables = shares(count(questions, [k for k in keys if part_of[k] != part], best_index))
        for k in keys:
            if part_of[k] == part:
                seen[k] = tables
    return seen


def matrix(questions, keys, tables):
    """The features of each candidate of `keys`, with its records from `tables` (one (overall, table) or one per key)."""
    rows, labels, ids = [], [], []
    for key in keys:
        overall, table = tables[key] if isinstance(tables, dict) else tables
        q = questions[key]
        for i, (_, passes, values) in enumerate(q["facts"]):
            fact, pair = (table.get(record, overall) for record in record_keys(q, i))
            rows.append(values + [fact[0], fact[1], pair[0], pair[1]])
            labels.append(passes)
            ids.append((key, i))
    return np.array(rows), np.array(labels), ids


def export(model, names, threshold, note, tables):
    lines = [f"# {line}" for line in note] + [f"threshold\t{threshold}", f"bias\t{float(model._baseline_prediction.ravel()[0])!r}",
                                            "features\t" + ",".join(names + RECORD_NAMES)]
    overall, table = tables
    lines.append(f"record\t{overall[0]!r}\t{overall[1]!r}")
    for key in sorted(table, key=lambda k: (isinstance(k, tuple), k)):
        cells = [key] if isinstance(key, str) else list(key)
        lines.append("\t".join(["record", *cells, repr(table[key][0]), repr(table[key][1])]))
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
        elif cells[0] not in ("threshold", "features", "record"):
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
    best_index = names.index("is-best")
    unbacked = unbacked_by(names)
    keys = list(questions)
    fold_of = parts_of(keys, 1)
    chance = {}
    for fold in range(5):
        train = [k for k in keys if fold_of[k] != fold]
        test = [k for k in keys if fold_of[k] == fold]
        x, y, _ = matrix(questions, train, records_of(questions, train, best_index))
        model = HistGradientBoostingClassifier(**PARAMS).fit(x, y)
        tx, _, ids = matrix(questions, test, shares(count(questions, train, best_index)))
        for i, p in zip(ids, model.predict_proba(tx)[:, 1]):
            chance[i] = p
    base = rules(questions)
    print(f"{len(questions)} questions, {sum(len(q['facts']) for q in questions.values())} facts weighed")
    print(f"rules alone:       in {base[0]:.2%}  out {base[1]:.2%}  wrong {base[2]:.2%} ({base[3]})")
    for threshold in sorted({0.6, 0.7, 0.75, 0.8, 0.85, 0.9, args.threshold}):
        f = figures(questions, chance, threshold, unbacked)
        print(f"gate at {threshold:.2f}, out of fold: in {f[0]:.2%}  out {f[1]:.2%}  wrong {f[2]:.2%} ({f[3]})")
    if not args.write:
        return
    x, y, _ = matrix(questions, keys, records_of(questions, keys, best_index))
    model = HistGradientBoostingClassifier(**PARAMS).fit(x, y)
    tables = shares(count(questions, keys, best_index))
    chosen = figures(questions, chance, args.threshold, unbacked)
    note = [
        "The answer gate (decision 014): boosted trees learned by tests/questions/train-gate.py from the tuning part, as",
        "`eval --cross --features` read it; do not edit by hand, learn it again when the matcher or the classifier changes.",
        f"{len(questions)} questions; scikit-learn {sklearn_version}, HistGradientBoostingClassifier {PARAMS}.",
        f"Out of fold at the threshold: in {chosen[0]:.2%}, out {chosen[1]:.2%}, wrong {chosen[2]:.2%} ({chosen[3]});",
        f"the hand-built rules alone: in {base[0]:.2%}, out {base[1]:.2%}, wrong {base[2]:.2%} ({base[3]}).",
    ]
    text = export(model, names, args.threshold, note, tables)
    gap = np.max(np.abs(evaluate(text, x) - model.predict_proba(x)[:, 1]))
    if gap > 1e-9:
        sys.exit(f"the written trees give other chances than scikit-learn's model (by up to {gap}): not written")
    with open(args.write, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {args.write}: {len(model._predictors)} trees, threshold {args.threshold}")


if __name__ == "__main__":
    main()
