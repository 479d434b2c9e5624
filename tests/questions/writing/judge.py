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
  python3 judge.py audit FOLDER PARTS [--tuning-yes]
      Lists, from the labels alone, the verdicts that go against the expect: a "no" on a fact whose text holds the
      question's expect (tuning part and held-out rounds), a "yes" on a fact whose text does not (held-out rounds; with
      --tuning-yes the tuning part's too). Writes FOLDER/items-N.tsv (id, language, question, fact), each to be read by
      two readers, shuffled with as many verdicts that agree with the expect as controls, and FOLDER/key.tsv.
  python3 judge.py reaudit FOLDER VERDICTS... [--third VERDICTS...]
      After the readers judged the audit's items (judge-answer.md): a listed verdict is turned when both its readers, or
      two of three, judged against it; controls are never changed. Items its two readers split on go to FOLDER/third.tsv
      for a third reader until --third gives them. Prints counts, and how many controls the readers kept.
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
import sys
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


def item_lines(folder):
    """Every item of FOLDER's items files: id → its line (id, language, question, fact)."""
    lines = {}
    for part in sorted(glob.glob(os.path.join(folder, 'items-*.tsv'))):
        for line in rows(part):
            if line:
                lines[line.split('\t')[0]] = line
    return lines


def against_expect(role, yes):
    return (role == 'fail' and yes) or (role == 'pass' and not yes)


def write_items(folder, parts, prefix, chosen):
    """Shuffles `chosen` (source, line, language, question, fact, role) into FOLDER/items-N.tsv, one of PARTS files per
    reader (id, language, question, fact), and FOLDER/key.tsv (id, source, line, fact, role), which no reader sees."""
    random.shuffle(chosen)
    os.makedirs(folder, exist_ok=True)
    files = [open(os.path.join(folder, f'items-{n + 1}.tsv'), 'w', encoding='utf-8') for n in range(parts)]
    with open(os.path.join(folder, 'key.tsv'), 'w', encoding='utf-8') as key:
        for n, (source, number, language, question, fact, role) in enumerate(chosen):
            files[n % parts].write(f'{prefix}{n + 1}\t{language}\t{question}\t{fact}\n')
            key.write(f'{prefix}{n + 1}\t{source}\t{number}\t{fact}\t{role}\n')
    for file in files:
        file.close()


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
    write_items(args.folder, args.parts, 'j', chosen)
    print(f'{len(chosen)} items ({count} controls of each kind) in {args.parts} parts')


def second(args):
    random.seed(args.seed)
    key = read_key(args.folder)
    first = verdicts(args.verdicts)
    listed = item_lines(args.folder)
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
    listed = {item: line.split('\t')[2] for item, line in item_lines(args.folder).items()}
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


def bank_files():
    return [os.path.join('tests', 'questions', 'tuning.tsv'), *sorted(glob.glob(os.path.join('tests', 'questions', 'heldout', '*.tsv')))]


def audit(args):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from round import facts, holds  # PyYAML, which only the audit needs here
    random.seed(args.seed)
    known = facts()
    listed, agreeing = [], []
    for source in bank_files():
        held = 'heldout' in source
        for number, line in enumerate(rows(source), 1):
            cells = columns(line)
            if line.startswith('#') or cells[0] != 'in' or cells[1] not in ('ru', 'en'):
                continue
            for verdict in cells[5].split():
                fact, yes = verdict[1:], verdict[0] == '+'
                if fact not in known:
                    continue
                entry = (source, number, cells[1], cells[2], fact, 'yes' if yes else 'no')
                if yes == holds(known[fact][cells[1]], cells[3]):
                    agreeing.append(entry)
                elif not yes or held or args.tuning_yes:
                    listed.append(entry)
    chosen = [e + ('audit',) for e in listed]
    chosen += [e + ('control',) for e in random.sample(agreeing, min(len(agreeing), max(20, len(listed) // 2)))]
    write_items(args.folder, args.parts, 'a', [(source, number, language, question, fact, f'{role}-{old}')
                                                for source, number, language, question, fact, old, role in chosen])
    print(f'{len(listed)} verdicts against the expect, {len(chosen) - len(listed)} controls, in {args.parts} parts')


def reaudit(args):
    key = read_key(args.folder)
    given = defaultdict(list)
    for path in args.verdicts:
        for item, yes in verdicts([path]).items():
            given[item].append(yes)
    third = verdicts(args.third or [])
    counts = Counter()
    split, turned = [], defaultdict(dict)
    for item, (source, number, fact, role) in key.items():
        said = given.get(item, [])
        if len(said) < 2:
            counts['not read twice'] += 1
            continue
        if said[0] != said[1]:
            if item not in third:
                split.append(item)
                counts['split, for a third reader'] += 1
                continue
            said = said[:2] + [third[item]]
        yes = said.count(True) > said.count(False)
        kind, old = role.split('-')
        counts[f'{kind}, "{old}" {"kept" if yes == (old == "yes") else "turned" if kind == "audit" else "not kept"}'] += 1
        if kind == 'audit' and yes != (old == 'yes'):
            turned[source].setdefault(number, {})[fact] = yes
    listed = item_lines(args.folder)
    by_question = {(source, number): listed[item].split('\t')[2] for item, (source, number, _, _) in key.items()}
    for source, lines in turned.items():
        text = rows(source)
        for number, facts in lines.items():
            at = where_now(source, text, number, by_question[source, number])
            cells = columns(text[at - 1])
            cells[5] = ' '.join(('+' if facts[v[1:]] else '-') + v[1:] if v[1:] in facts else v for v in cells[5].split())
            text[at - 1] = '\t'.join(cells).rstrip('\t')
        with open(source, 'w', encoding='utf-8') as out:
            out.write('\n'.join(text))
    if split and not args.third:
        with open(os.path.join(args.folder, 'third.tsv'), 'w', encoding='utf-8') as out:
            out.write(''.join(listed[i] + '\n' for i in split))
    for name, count in sorted(counts.items()):
        print(f'{count:6} {name}')


def forget(args):
    gone = set(args.facts)
    unknown = gone - set(fact_ids())
    if unknown:
        raise SystemExit('no such facts: ' + ', '.join(sorted(unknown)))
    dropped, labelled = Counter(), Counter()
    for source in bank_files():
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
    command = commands.add_parser('audit')
    command.add_argument('folder')
    command.add_argument('parts', type=int)
    command.add_argument('--tuning-yes', action='store_true')
    command.set_defaults(run=audit)
    command = commands.add_parser('reaudit')
    command.add_argument('folder')
    command.add_argument('verdicts', nargs='+')
    command.add_argument('--third', nargs='+')
    command.set_defaults(run=reaudit)
    command = commands.add_parser('forget')
    command.add_argument('facts', nargs='+')
    command.add_argument('--grown', action='store_true')
    command.set_defaults(run=forget)
    args = parser.parse_args()
    args.run(args)


if __name__ == '__main__':
    main()
