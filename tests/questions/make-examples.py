#!/usr/bin/env python3
"""Writes responses/examples.tsv from the tuning part of the question bank (tests/questions/tuning.tsv).

Each question becomes a line: fact id, language, question. An in-scope question goes with the fact it was written for,
and with the other facts readers judged to answer it as well (a fourth column, from the sixth of the bank's line);
a question on a fact that says the sources are silent, with that fact; a question on another subject as out-of-scope,
one asking for a detail no source gives as not-in-sources. The held-out rounds never go there, and neither does a tuning
question that holds a held-out question of four words or more (QuestionBankTests would see it in responses/). Run from
anywhere after the tuning part changes (it takes some seconds); SecondReaderTests checks that the file holds what this
script writes.
"""
import bisect
import glob
import os
import re

from bank import normalize, rows

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')


def ids(path):
    with open(path, encoding='utf-8') as text:
        return re.findall(r'^- id: *(\S+)', text.read(), re.M)


facts = {i for path in glob.glob(os.path.join(root, 'responses', 'facts', '*.yaml')) for i in ids(path)}
silent = set(ids(os.path.join(root, 'responses', 'facts', '13-not-in-sources.yaml')))
held = [q for path in glob.glob(os.path.join(root, 'tests', 'questions', 'heldout', '*.tsv'))
        for q in (normalize(c[2]) for c in rows(path)) if q.count(' ') >= 3]


def holding_held_out(questions):
    """The indices of the questions that hold a held-out question: each held-out question is looked for once in all of
    them at a time (a C-speed search through one string), not once per question."""
    texts = [normalize(q) for q in questions]
    whole = '\n'.join(texts)
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    found = set()
    for h in held:
        at = whole.find(h)
        while at >= 0:
            found.add(bisect.bisect_right(starts, at) - 1)
            at = whole.find(h, at + 1)
    return found


out = ['# Questions people asked, with the fact that answers them: fact id, language, question (tab-separated), and the',
       '# other facts readers judged to answer it as well (comma-separated), if any; instead of a fact id, out-of-scope marks',
       '# a question on another subject and not-in-sources one asking for a detail no source gives. Written by',
       '# tests/questions/make-examples.py from tests/questions/tuning.tsv; the classifier that seconds the matcher learns',
       '# from them (decision 006). Do not edit by hand.']
header = len(out)
tuning = list(rows(os.path.join(root, 'tests', 'questions', 'tuning.tsv')))
holding = holding_held_out([columns[2] for columns in tuning])
for number, (kind, language, question, *rest) in enumerate(tuning):
    fact = rest[1] if len(rest) > 1 else ''
    if number in holding:
        continue
    if kind == 'in' and fact in facts:
        # Facts readers judged to answer the question as well (the sixth column's +id): the classifier does not learn
        # to tell them from the label on it.
        also = sorted({v[1:] for v in (rest[2].split() if len(rest) > 2 else []) if v.startswith('+') and v[1:] in facts} - {fact})
        out.append(f'{fact}\t{language}\t{question}' + (f'\t{",".join(also)}' if also else ''))
    elif kind == 'unknown':
        out.append(f'{fact if fact in silent else "not-in-sources"}\t{language}\t{question}')
    elif kind == 'out':
        out.append(f'out-of-scope\t{language}\t{question}')

with open(os.path.join(root, 'responses', 'examples.tsv'), 'w', encoding='utf-8') as examples:
    examples.write('\n'.join(out) + '\n')
print(len(out) - header, 'examples')
