#!/usr/bin/env python3
"""Step 6 of the bank (README.md): readers judge the answers given with another fact than the question's label.

  python3 judge.py items UNJUDGED.tsv FOLDER PARTS
      UNJUDGED.tsv is what `TreatyBot eval … --unjudged UNJUDGED.tsv` wrote. Writes FOLDER/items-N.tsv (id, language,
      question, fact), one per reader, shuffled with controls (a question with the fact it was written for; with a random
      fact), and FOLDER/key.tsv, which no reader sees.
  python3 judge.py second FOLDER VERDICTS...
      After the readers wrote their verdicts (id, yes|no; judge-answer.md): FOLDER/second.tsv holds every verdict that
      goes against the expect's outcome, some that agree, and some random pairings the first reader said no to (apply
      prints what the second reader said of them), for a second reader.
  python3 judge.py apply FOLDER VERDICTS... [--second VERDICTS...]
      Writes each verdict into the sixth column of its question's line (+fact answers it, -fact does not). A verdict
      against the expect's outcome is taken only when the second reader gave the same. Prints the controls' agreement.
  python3 judge.py forget [--grown] FACT...
      When a fact's text was rewritten: drops every verdict on it from the bank (tests/questions), so that
      `eval … --unjudged` lists its answers to be judged again, and prints how many questions are labelled with it
      (their expects are to be checked against the new text, check-labels.md). With --grown (the text only gained
      words: all it said, it still says), only the verdicts that it does not answer are dropped.

Run from the repository's root. Nothing here prints a question: held-out questions are for the readers only.
"""
import argparse
import glob
import os
import random
import re
from collections import Counter, defaultdict


def rows(path):
    with open(path, encoding='utf-8') as text:
        return text.read().split('\n')


def columns(line):
    cells = line.split('\t')
    return cells + [''] * (6 - len(cells))


def fact_ids():
    found = []
    for path in sorted(glob.glob(os.path.join('responses', 'facts', '*.yaml'))):
        found += re.findall(r'^- id: *(\S+)', open(path, encoding='utf-8').read(), re.M)
    return found


def verdicts(paths):
    given = {}
    for path in paths:
        for line in rows(path):
            cells = line.strip().split('\t')
            if len(cells) >= 2 and cells[1].strip() in ('yes', 'no'):
                given[cells[0].strip()] = cells[1].strip() == 'yes'
    return given


def read_key(folder):
    key = {}
    for line in rows(os.path.join(folder, 'key.tsv')):
        if line:
            item, source, number, fact, role = line.split('\t')
            key[item] = (source, int(number), fact, role)
    return key


def against_expect(role, yes):
    return (role == 'fail' and yes) or (role == 'pass' and not yes)


def items(args):
    random.seed(args.seed)
    chosen = []
    sources = set()
    for line in rows(args.unjudged):
        if line:
            source, number, language, question, _, fact, passed = line.split('\t')
            chosen.append((source, int(number), language, question, fact, passed))
            sources.add(source)
    pool = []
    for source in sorted(sources):
        for number, line in enumerate(rows(source), 1):
            cells = columns(line)
            if cells[0] == 'in' and cells[4]:
                pool.append((source, number, cells[1], cells[2], cells[4]))
    facts = fact_ids()
    count = min(len(pool), max(20, len(chosen) // 12))
    for source, number, language, question, fact in random.sample(pool, count):
        chosen.append((source, number, language, question, fact, 'control-same'))
    for source, number, language, question, fact in random.sample(pool, count):
        chosen.append((source, number, language, question, random.choice([f for f in facts if f != fact]), 'control-random'))
    random.shuffle(chosen)
    os.makedirs(args.folder, exist_ok=True)
    parts = [open(os.path.join(args.folder, f'items-{n + 1}.tsv'), 'w', encoding='utf-8') for n in range(args.parts)]
    with open(os.path.join(args.folder, 'key.tsv'), 'w', encoding='utf-8') as key:
        for n, (source, number, language, question, fact, role) in enumerate(chosen):
            parts[n % args.parts].write(f'j{n + 1}\t{language}\t{question}\t{fact}\n')
            key.write(f'j{n + 1}\t{source}\t{number}\t{fact}\t{role}\n')
    for part in parts:
        part.close()
    print(f'{len(chosen)} items ({count} controls of each kind) in {args.parts} parts')


def second(args):
    random.seed(args.seed)
    key = read_key(args.folder)
    first = verdicts(args.verdicts)
    listed = {}
    for part in sorted(glob.glob(os.path.join(args.folder, 'items-*.tsv'))):
        for line in rows(part):
            if line:
                listed[line.split('\t')[0]] = line
    against = [i for i, (_, _, _, role) in key.items() if i in first and against_expect(role, first[i])]
    agreeing = [i for i, (_, _, _, role) in key.items() if i in first and role in ('pass', 'fail') and not against_expect(role, first[i])]
    # Random pairings the first reader said no to: a second reader who says yes to everything shows up on them.
    controls = [i for i, (_, _, _, role) in key.items() if i in first and role == 'control-random' and not first[i]]
    picked = against + random.sample(agreeing, min(len(agreeing), max(20, len(against) // 4)))
    picked += random.sample(controls, min(len(controls), max(5, len(against) // 2)))
    random.shuffle(picked)
    with open(os.path.join(args.folder, 'second.tsv'), 'w', encoding='utf-8') as out:
        out.write(''.join(listed[i] + '\n' for i in picked))
    print(f'{len(picked)} items for a second reader ({len(against)} against the expect)')


def where_now(source, text, number, question):
    """
    The line that holds the judged question now: the key's line, or, when lines were added above it since the items were
    made (a header written for a round), the one line with that question. Stops when there is none or more than one.
    """
    if number <= len(text) and columns(text[number - 1])[2] == question:
        return number
    found = [n for n, line in enumerate(text, 1) if not line.startswith('#') and columns(line)[2] == question]
    if len(found) != 1:
        raise SystemExit(f'{source}:{number}: the line no longer holds the judged question; run eval --unjudged again')
    return found[0]


def apply(args):
    key = read_key(args.folder)
    first = verdicts(args.verdicts)
    again = verdicts(args.second or [])
    listed = {}
    for part in sorted(glob.glob(os.path.join(args.folder, 'items-*.tsv'))):
        for line in rows(part):
            if line:
                cells = line.split('\t')
                listed[cells[0]] = cells[2]
    counts = Counter()
    by_file = defaultdict(dict)
    for item, (source, number, fact, role) in key.items():
        if item not in first:
            counts['not judged'] += 1
            continue
        if role.startswith('control'):
            counts[f'{role} {"yes" if first[item] else "no"}'] += 1
            if item in again:
                counts[f'second reader, {role} {"yes" if again[item] else "no"}'] += 1
            continue
        if against_expect(role, first[item]) and again.get(item) != first[item]:
            counts['against the expect, not seconded'] += 1
            continue
        by_file[source].setdefault(number, []).append((fact, first[item], listed[item]))
        counts[f'{role}ed, judged {"yes" if first[item] else "no"}'] += 1
    for source, lines in by_file.items():
        text = rows(source)
        for number, given in lines.items():
            number = where_now(source, text, number, given[0][2])
            cells = columns(text[number - 1])
            have = {v[1:]: v[0] == '+' for v in cells[5].split()}
            for fact, yes, question in given:
                have.setdefault(fact, yes)
            cells[5] = ' '.join(('+' if yes else '-') + fact for fact, yes in sorted(have.items()))
            text[number - 1] = '\t'.join(cells).rstrip('\t')
        with open(source, 'w', encoding='utf-8') as out:
            out.write('\n'.join(text))
    for name, count in sorted(counts.items()):
        print(f'{count:6} {name}')


def forget(args):
    gone = set(args.facts)
    unknown = gone - set(fact_ids())
    if unknown:
        raise SystemExit('no such facts: ' + ', '.join(sorted(unknown)))
    dropped, labelled = Counter(), Counter()
    for source in [os.path.join('tests', 'questions', 'tuning.tsv'), *sorted(glob.glob(os.path.join('tests', 'questions', 'heldout', '*.tsv')))]:
        text = rows(source)
        for number, line in enumerate(text):
            if not line or line.startswith('#'):
                continue
            cells = columns(line)
            labelled[cells[4]] += cells[4] in gone
            judged = cells[5].split()
            kept = [v for v in judged if v[1:] not in gone or (args.grown and v[0] == '+')]
            if len(kept) < len(judged):
                dropped.update(v[1:] for v in judged if v not in kept)
                cells[5] = ' '.join(kept)
                text[number] = '\t'.join(cells).rstrip('\t')
        with open(source, 'w', encoding='utf-8') as out:
            out.write('\n'.join(text))
    for fact in sorted(gone):
        print(f'{fact}: {dropped[fact]} verdicts dropped, {labelled[fact]} questions labelled with it')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--seed', type=int, default=31)
    commands = parser.add_subparsers(dest='command', required=True)
    command = commands.add_parser('items')
    command.add_argument('unjudged')
    command.add_argument('folder')
    command.add_argument('parts', type=int)
    command.set_defaults(run=items)
    command = commands.add_parser('second')
    command.add_argument('folder')
    command.add_argument('verdicts', nargs='+')
    command.set_defaults(run=second)
    command = commands.add_parser('apply')
    command.add_argument('folder')
    command.add_argument('verdicts', nargs='+')
    command.add_argument('--second', nargs='+')
    command.set_defaults(run=apply)
    command = commands.add_parser('forget')
    command.add_argument('facts', nargs='+')
    command.add_argument('--grown', action='store_true')
    command.set_defaults(run=forget)
    args = parser.parse_args()
    args.run(args)


if __name__ == '__main__':
    main()
