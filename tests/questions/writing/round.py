#!/usr/bin/env python3
"""Steps 1-4 of a held-out round (README.md): the writers' meanings, the dropping, and the label checks' items and verdicts.

  python3 round.py meanings FOLDER
      Writes FOLDER/meanings_1.md and meanings_2.md (the facts in two halves, alternately, one per writer) and
      meanings_all.md (every fact, for the checkers and the readers): `## fact-id`, `RU: answer detail`, `EN: …`.
  python3 round.py drop OUT WRITTEN...
      Joins the writers' files into OUT, dropping malformed lines, repeats among them, questions already in the bank,
      the development set or responses/examples.tsv, and questions of four words or more found in responses/ (as
      QuestionBankTests checks); a bare number of one to three digits in an expect gets the word after it in the fact's
      text («251» → «251 день»). Prints the counts.
  python3 round.py items ROUND FOLDER PARTS
      Writes FOLDER/unknown.tsv (number, language, question, fact: the `unknown` questions, for reread-unknown.md) and
      FOLDER/check-N.tsv (number, language, question, fact, expect: the `in` questions, in PARTS files, for
      check-labels.md, each file to be read by two checkers).
  python3 round.py apply ROUND OUT --reread VERDICTS --check VERDICTS... [--stricter]
      Writes OUT: an `unknown` question the re-reader found `answered` becomes `in` with that fact and expect; an `in`
      question takes `other` when every checker of it said so and named the same fact, `fix` when one did (with
      --stricter, the held-out rule, only when the new expect holds the old one's groups and adds to them), and a `none`
      from both checkers makes it `unknown`. Prints what changed, as counts only.

Run from the repository's root. Nothing here prints a question: held-out questions are for the writers and checkers only.
"""
import argparse
import glob
import os
import re
import sys
from collections import Counter, defaultdict

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from bank import normalize, rows  # noqa: E402


def facts():
    found = {}
    for path in sorted(glob.glob(os.path.join('responses', 'facts', '*.yaml'))):
        for fact in yaml.safe_load(open(path, encoding='utf-8')) or []:
            found[fact['id']] = {
                lang: ' '.join(t for t in (fact.get('answer', {}).get(lang, ''), fact.get('detail', {}).get(lang, '')) if t)
                for lang in ('ru', 'en')}
    return found


def meanings(args):
    known = facts()
    os.makedirs(args.folder, exist_ok=True)

    def write(name, ids):
        with open(os.path.join(args.folder, name), 'w', encoding='utf-8') as out:
            for i in ids:
                out.write(f"## {i}\nRU: {known[i]['ru']}\nEN: {known[i]['en']}\n\n")

    ids = list(known)
    write('meanings_1.md', ids[0::2])
    write('meanings_2.md', ids[1::2])
    write('meanings_all.md', ids)
    print(len(ids), 'facts:', len(ids[0::2]), '+', len(ids[1::2]))


def seen_questions():
    seen = set()
    for path in [os.path.join('tests', 'questions', 'tuning.tsv'), os.path.join('..', 'shared', 'eval', 'questions.tsv')] + \
            glob.glob(os.path.join('tests', 'questions', 'heldout', '*.tsv')):
        for cells in rows(path):
            if len(cells) >= 3:
                seen.add(normalize(cells[2]))
    for cells in rows(os.path.join('responses', 'examples.tsv')):
        if len(cells) >= 3:
            seen.add(normalize(cells[2]))
    return seen


def with_unit(expect, text):
    """A bare number of one to three digits gets the word after it in the fact's text, if the text has it once."""
    groups = []
    for group in expect.split('&&'):
        options = []
        for option in group.split('|'):
            if re.fullmatch(r'\d{1,3}', option.strip()):
                after = set(re.findall(r'(?<![\d.,])' + option.strip() + r'\s+([^\s\d.,;:()«»]+)', text.lower()))
                if len(after) == 1:
                    option = option.strip() + ' ' + after.pop()
            options.append(option)
        groups.append('|'.join(options))
    return '&&'.join(groups)


def holds(text, expect):
    text = text.lower().replace('ё', 'е')
    return all(any(o.strip().lower().replace('ё', 'е') in text for o in g.split('|') if o.strip()) for g in expect.split('&&'))


def drop(args):
    known = facts()
    seen = seen_questions()
    responses = normalize('\n'.join(open(p, encoding='utf-8').read()
                                    for p in glob.glob(os.path.join('responses', '**', '*'), recursive=True)
                                    if os.path.isfile(p) and not p.endswith('seed.txt')))
    kept, counts = [], Counter()
    for path in args.written:
        for cells in rows(path):
            cells = [c.strip() for c in cells] + [''] * (5 - len(cells))
            kind, lang, question, expect, fact = cells[:5]
            if kind not in ('in', 'out', 'unknown') or lang not in ('ru', 'en') or not question:
                counts['malformed'] += 1
                continue
            if kind == 'in' and (fact not in known or not expect):
                counts['malformed'] += 1
                continue
            if kind == 'unknown' and fact and fact not in known:
                fact = ''
            key = normalize(question)
            if key in seen:
                counts['repeats'] += 1
                continue
            if key.count(' ') >= 3 and key in responses:
                counts['in responses/'] += 1
                continue
            seen.add(key)
            if kind == 'in':
                expect = with_unit(expect, known[fact][lang])
                if not holds(known[fact][lang], expect):
                    counts['expect not in its fact (kept for the checkers)'] += 1
            else:
                expect = ''
            kept.append('\t'.join([kind, lang, question, expect, fact if kind != 'out' else '']))
            counts[kind] += 1
    with open(args.out, 'w', encoding='utf-8') as out:
        out.write('\n'.join(kept) + '\n')
    print(dict(counts))


def items(args):
    os.makedirs(args.folder, exist_ok=True)
    lines = list(rows(args.round))
    unknown, check = [], []
    for number, cells in enumerate(lines):
        cells = cells + [''] * (5 - len(cells))
        if cells[0] == 'unknown':
            unknown.append(f'{number}\t{cells[1]}\t{cells[2]}\t{cells[4]}')
        elif cells[0] == 'in':
            check.append(f'{number}\t{cells[1]}\t{cells[2]}\t{cells[4]}\t{cells[3]}')
    with open(os.path.join(args.folder, 'unknown.tsv'), 'w', encoding='utf-8') as out:
        out.write('\n'.join(unknown) + '\n')
    size = -(-len(check) // args.parts)
    for part in range(args.parts):
        with open(os.path.join(args.folder, f'check-{part + 1}.tsv'), 'w', encoding='utf-8') as out:
            out.write('\n'.join(check[part * size:(part + 1) * size]) + '\n')
    print(len(unknown), 'unknown;', len(check), 'in, in', args.parts, 'parts')


def verdict_lines(paths):
    by = defaultdict(list)
    for path in paths:
        for cells in rows(path):
            cells = [c.strip() for c in cells] + [''] * (4 - len(cells))
            if cells[0].isdigit():
                by[int(cells[0])].append((cells[1].lower(), cells[2], cells[3]))
    return by


def stricter(old, new):
    groups = [g for g in old.split('&&')]
    return all(g in new.split('&&') for g in groups) and len(new.split('&&')) > len(groups)


def apply(args):
    known = facts()
    lines = open(args.round, encoding='utf-8').read().rstrip('\n').split('\n')
    reread = verdict_lines(args.reread)
    check = verdict_lines(args.check)
    changed = Counter()
    number = -1
    out = []
    for line in lines:
        if not line.strip() or line.startswith('#'):
            out.append(line)
            continue
        number += 1
        cells = line.split('\t') + [''] * (5 - len(line.split('\t')))
        kind, lang, question, expect, fact = cells[:5]
        if kind == 'unknown':
            for verdict, other, stem in reread.get(number, []):
                if verdict == 'answered' and other in known and stem and holds(known[other][lang], stem):
                    kind, expect, fact = 'in', stem, other
                    changed['unknown → in'] += 1
        elif kind == 'in':
            said = check.get(number, [])
            others = {(o, s) for v, o, s in said if v == 'other'}
            if said and all(v == 'other' for v, _, _ in said) and len({o for o, _ in others}) == 1:
                other, stem = sorted(others)[0]
                if other in known and other != fact and holds(known[other][lang], stem):
                    fact, expect = other, stem
                    changed['other fact'] += 1
            elif said and all(v == 'none' for v, _, _ in said) and len(said) > 1:
                kind, expect = 'unknown', ''
                changed['in → unknown'] += 1
            else:
                fixes = [s for v, o, s in said if v == 'fix' and s and holds(known[fact][lang], s)]
                fixes = [s for s in fixes if not args.stricter or stricter(expect, s)]
                if fixes:
                    expect = fixes[0]
                    changed['expect mended'] += 1
        out.append('\t'.join([kind, lang, question, expect, fact] + cells[5:]).rstrip('\t') if kind != 'out'
                   else '\t'.join(['out', lang, question]))
    with open(args.out, 'w', encoding='utf-8') as result:
        result.write('\n'.join(out) + '\n')
    print(dict(changed))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest='command', required=True)
    c = commands.add_parser('meanings')
    c.add_argument('folder')
    c.set_defaults(run=meanings)
    c = commands.add_parser('drop')
    c.add_argument('out')
    c.add_argument('written', nargs='+')
    c.set_defaults(run=drop)
    c = commands.add_parser('items')
    c.add_argument('round')
    c.add_argument('folder')
    c.add_argument('parts', type=int)
    c.set_defaults(run=items)
    c = commands.add_parser('apply')
    c.add_argument('round')
    c.add_argument('out')
    c.add_argument('--reread', nargs='+', default=[])
    c.add_argument('--check', nargs='+', default=[])
    c.add_argument('--stricter', action='store_true')
    c.set_defaults(run=apply)
    args = parser.parse_args()
    if not os.path.isdir('responses'):
        sys.exit('run from the repository root')
    args.run(args)


if __name__ == '__main__':
    main()
