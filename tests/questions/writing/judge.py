#!/usr/bin/env python3
"""Step 6 of the bank (README.md): readers judge the answers given with another fact than the question's label.

  python3 judge.py items UNJUDGED.tsv FOLDER PARTS
      UNJUDGED.tsv is what `TreatyBot eval … --unjudged UNJUDGED.tsv` wrote. Writes FOLDER/items-N.tsv (id, language,
      question, fact), one per reader, shuffled with controls (a question with the fact it was written for; with a random
      fact), and FOLDER/key.tsv, which no reader sees. FOLDER must not hold an earlier run's key or items.
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
      two readers, shuffled with verdicts that agree with the expect as controls (half as many as were listed, at least
      20, or all there are when fewer), and FOLDER/key.tsv. FOLDER must not hold an earlier run's key or items.
  python3 judge.py reaudit FOLDER VERDICTS... [--third VERDICTS...]
      After the readers judged the audit's items (judge-answer.md), one file per reader: an item is decided by the
      majority of its verdicts (--third's count too) once it has at least two, and a listed verdict is turned when that
      majority went against it; controls are never changed. FOLDER/third.tsv is written again on every run with the
      items still split (a tie), for a third reader, and removed when there are none. Prints counts, and how many
      controls the readers kept. A verdict file given twice is refused.
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


def distinct(paths):
    """The verdict files, each once: one reader's file given twice would count as two readers."""
    seen = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            raise SystemExit(f'{path}: given twice; each verdict file is one reader')
        seen.add(real)
    return paths


def read_key(folder, roles):
    """FOLDER/key.tsv: id → (source, line, fact, role, language, question). Stops unless every role is one of `roles`
    (the ones `items` writes, or the ones `audit` does), with a message instead of a crash on another command's folder."""
    path = os.path.join(folder, 'key.tsv')
    if not os.path.exists(path):
        raise SystemExit(f'{path}: not found; make the items with judge.py items or audit first')
    key = {}
    for number, line in enumerate(rows(path), 1):
        if not line:
            continue
        cells = line.split('\t')
        if len(cells) != 7:
            raise SystemExit(f'{path}:{number}: not a key line (id, source, line, fact, role, language, question); '
                             'was it written by an older judge.py? Make the items again')
        item, source, at, fact, role, language, question = cells
        if role not in roles:
            raise SystemExit(f'{path}:{number}: role "{role}" is not one of {", ".join(roles)}: '
                             'this folder was made by another judge.py command')
        key[item] = (source, int(at), fact, role, language, question)
    return key


def item_line(key, item):
    """The line a reader saw for a key's item: id, language, question, fact."""
    _, _, fact, _, language, question = key[item]
    return f'{item}\t{language}\t{question}\t{fact}\n'


JUDGED = ('pass', 'fail', 'control-same', 'control-random')  # the roles `items` writes
AUDITED = ('audit-yes', 'audit-no', 'control-yes', 'control-no')  # and `audit`


def against_expect(role, yes):
    return (role == 'fail' and yes) or (role == 'pass' and not yes)


def write_items(folder, parts, prefix, chosen):
    """Shuffles `chosen` (source, line, language, question, fact, role) into FOLDER/items-N.tsv, one of PARTS files per
    reader (id, language, question, fact), and FOLDER/key.tsv (id, source, line, fact, role, language, question), which
    no reader sees."""
    random.shuffle(chosen)
    os.makedirs(folder, exist_ok=True)
    earlier = [name for name in os.listdir(folder) if name == 'key.tsv' or re.fullmatch(r'(items-.*|second|third)\.tsv', name)]
    if earlier:
        raise SystemExit(f'{folder} holds an earlier run\'s {", ".join(sorted(earlier))}: use a new folder, so that no '
                         'verdict is read against another run\'s items')
    files = [open(os.path.join(folder, f'items-{n + 1}.tsv'), 'w', encoding='utf-8') for n in range(parts)]
    with open(os.path.join(folder, 'key.tsv'), 'w', encoding='utf-8') as key:
        for n, (source, number, language, question, fact, role) in enumerate(chosen):
            files[n % parts].write(f'{prefix}{n + 1}\t{language}\t{question}\t{fact}\n')
            key.write(f'{prefix}{n + 1}\t{source}\t{number}\t{fact}\t{role}\t{language}\t{question}\n')
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
    key = read_key(args.folder, JUDGED)
    first = verdicts(distinct(args.verdicts))
    against = [i for i, (_, _, _, role, _, _) in key.items() if i in first and against_expect(role, first[i])]
    agreeing = [i for i, (_, _, _, role, _, _) in key.items()
                if i in first and role in ('pass', 'fail') and not against_expect(role, first[i])]
    # Random pairings the first reader said no to: a second reader who says yes to everything shows up on them.
    controls = [i for i, (_, _, _, role, _, _) in key.items() if i in first and role == 'control-random' and not first[i]]
    picked = against + random.sample(agreeing, min(len(agreeing), max(20, len(against) // 4)))
    picked += random.sample(controls, min(len(controls), max(5, len(against) // 2)))
    random.shuffle(picked)
    with open(os.path.join(args.folder, 'second.tsv'), 'w', encoding='utf-8') as out:
        out.write(''.join(item_line(key, i) for i in picked))
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


def rewrite(changes, edit):
    """
    Writes readers' verdicts into the bank: `changes` maps a file to its judged lines (the key's line → the question and
    what to write), each found where it is now (`where_now`); its sixth column becomes `edit(source, line, column, what)`.
    """
    for source, lines in changes.items():
        text = rows(source)
        for number, (question, what) in lines.items():
            at = where_now(source, text, number, question)
            cells = columns(text[at - 1])
            cells[5] = edit(source, at, cells[5], what)
            text[at - 1] = '\t'.join(cells).rstrip('\t')
        with open(source, 'w', encoding='utf-8') as out:
            out.write('\n'.join(text))


def added(source, at, column, given):
    """The verdicts of `column` with those `given` (fact, yes) that it lacks, in the order of the facts."""
    have = {v[1:]: v[0] == '+' for v in column.split()}
    for fact, yes in given:
        have.setdefault(fact, yes)
    return ' '.join(('+' if yes else '-') + fact for fact, yes in sorted(have.items()))


def turned(source, at, column, facts):
    """The verdicts of `column`, those on `facts` (fact → yes) as given; stops when the line has no verdict on one."""
    judged = {v[1:] for v in column.split()}
    if not judged >= set(facts):
        raise SystemExit(f'{source}:{at}: no verdict on {", ".join(sorted(set(facts) - judged))} to turn; '
                         'the line is not the one audited')
    return ' '.join(('+' if facts[v[1:]] else '-') + v[1:] if v[1:] in facts else v for v in column.split())


def apply(args):
    key = read_key(args.folder, JUDGED)
    distinct(args.verdicts + (args.second or []))
    first = verdicts(args.verdicts)
    again = verdicts(args.second or [])
    counts = Counter()
    by_file = defaultdict(dict)
    for item, (source, number, fact, role, _, question) in key.items():
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
        by_file[source].setdefault(number, (question, []))[1].append((fact, first[item]))
        counts[f'{role}ed, judged {"yes" if first[item] else "no"}'] += 1
    rewrite(by_file, added)
    for name, count in sorted(counts.items()):
        print(f'{count:6} {name}')


def bank_files():
    return [os.path.join('tests', 'questions', 'tuning.tsv'), *sorted(glob.glob(os.path.join('tests', 'questions', 'heldout', '*.tsv')))]


def audit(args):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from round import facts, holds  # PyYAML, which only the audit needs here
    random.seed(args.seed)
    known = facts()
    against, agreeing = [], []
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
                    against.append(entry)
    chosen = [e + ('audit',) for e in against]
    chosen += [e + ('control',) for e in random.sample(agreeing, min(len(agreeing), max(20, len(against) // 2)))]
    write_items(args.folder, args.parts, 'a', [(source, number, language, question, fact, f'{role}-{old}')
                                                for source, number, language, question, fact, old, role in chosen])
    print(f'{len(against)} verdicts against the expect, {len(chosen) - len(against)} controls, in {args.parts} parts')


def reaudit(args):
    key = read_key(args.folder, AUDITED)
    given = defaultdict(list)
    for path in distinct(args.verdicts + (args.third or [])):
        for item, yes in verdicts([path]).items():
            given[item].append(yes)
    counts = Counter()
    split, turns = [], defaultdict(dict)
    for item, (source, number, fact, role, _, question) in key.items():
        said = given.get(item, [])
        if len(said) < 2:
            counts['not read twice'] += 1
            continue
        if said.count(True) == said.count(False):
            split.append(item)
            counts['split, for a third reader'] += 1
            continue
        yes = said.count(True) > said.count(False)
        kind, old = role.split('-')
        counts[f'{kind}, "{old}" {"kept" if yes == (old == "yes") else "turned" if kind == "audit" else "not kept"}'] += 1
        if kind == 'audit' and yes != (old == 'yes'):
            turns[source].setdefault(number, (question, {}))[1][fact] = yes
    rewrite(turns, turned)
    third = os.path.join(args.folder, 'third.tsv')
    if split:
        with open(third, 'w', encoding='utf-8') as out:
            out.write(''.join(item_line(key, i) for i in split))
    elif os.path.exists(third):
        os.remove(third)
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
