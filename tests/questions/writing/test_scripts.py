"""Tests of round.py and judge.py, the scripts that make a held-out round and write the readers' verdicts.

Each test builds a small repository of its own (a fact base of three facts, a bank, a development set beside it) in a
temporary folder and runs the scripts there as a person would, from the repository's root:

    python3 -m unittest discover -s tests/questions/writing -p 'test_*.py'
"""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))

FACTS = textwrap.dedent("""\
    - id: signing-date
      answer:
        ru: Конвенция подписана 20 января 1925 года в Пекине.
        en: The Convention was signed in Peking on 20 January 1925.
    - id: signatories
      answer:
        ru: Конвенцию подписали Карахан и Ёсидзава.
        en: It was signed by Karakhan and Yoshizawa.
    - id: talks-duration
      answer:
        ru: Переговоры шли 251 день.
        en: The talks lasted 251 days.
    """)


class Repository:
    """A repository root with responses/, the bank and ../shared/eval/questions.tsv, in a folder of its own."""

    def __init__(self, folder):
        self.root = os.path.join(folder, 'repo')
        self.write('responses/facts/01.yaml', FACTS)
        self.write('responses/examples.tsv', 'in\tru\tКто подписал конвенцию?\tкарахан\tsignatories\n')
        self.write('responses/texts.yaml', 'greeting: Здравствуйте, я отвечаю на вопросы о Пекинском договоре 1925 года\n')
        self.write('tests/questions/tuning.tsv', '# batch\nin\tru\tКогда подписали конвенцию?\t20 январ\tsigning-date\n')
        self.write('tests/questions/heldout/round-1.tsv', 'in\ten\tWho signed it?\tkarakhan\tsignatories\n')
        self.write('../shared/eval/questions.tsv', 'in\ten\tWhen was it signed?\t1925\tsigning-date\n')

    def path(self, name):
        return os.path.normpath(os.path.join(self.root, name))

    def write(self, name, text):
        os.makedirs(os.path.dirname(self.path(name)), exist_ok=True)
        with open(self.path(name), 'w', encoding='utf-8') as out:
            out.write(text)

    def read(self, name):
        with open(self.path(name), encoding='utf-8') as text:
            return text.read()

    def run(self, script, *args):
        done = subprocess.run([sys.executable, os.path.join(HERE, script), *args], cwd=self.root, capture_output=True,
                              text=True, encoding='utf-8')
        if done.returncode != 0:
            raise AssertionError(f'{script} {" ".join(args)} failed: {done.stderr}')
        return done.stdout


class RoundTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.repo = Repository(self.folder.name)

    def tearDown(self):
        self.folder.cleanup()

    def test_drop_keeps_new_questions_and_drops_repeats_of_the_bank_and_of_responses(self):
        self.repo.write('written.tsv', '\n'.join([
            'in\tru\tкогда  подписали конвенцию?\t20 январ\tsigning-date',     # the tuning part, in other case and spacing
            'in\ten\tWho signed it?\tkarakhan\tsignatories',                    # a held-out round
            'in\ten\tWHEN was it signed?\t1925\tsigning-date',                  # the development set
            'in\tru\tКто подписал конвенцию?\tкарахан\tsignatories',            # examples.tsv
            'out\tru\tя отвечаю на вопросы о пекинском договоре\t\t',           # four words or more of responses/
            'in\tru\tСколько длились переговоры?\t251\ttalks-duration',
            'in\tru\tСколько длились переговоры?\t251\ttalks-duration',         # a repeat between writers
            'in\tru\tЧто подписали?\tзаконы\tno-such-fact',                      # malformed: no such fact
            'out\ten\tWhen was the Treaty of Versailles signed?\t\t',
        ]) + '\n')

        self.repo.run('round.py', 'drop', 'kept.tsv', 'written.tsv')

        self.assertEqual(self.repo.read('kept.tsv').splitlines(), [
            'in\tru\tСколько длились переговоры?\t251 день\ttalks-duration',  # a bare number gets its unit
            'out\ten\tWhen was the Treaty of Versailles signed?\t\t',
        ])

    def test_apply_takes_another_fact_only_when_both_checkers_name_it_and_a_stricter_expect_only(self):
        self.repo.write('round.tsv', '\n'.join([
            '# header',
            'in\tru\tКто подписал конвенцию в Пекине?\tпекин\tsigning-date',
            'in\ten\tWhen was it signed?\t1925\tsigning-date',
            'in\ten\tWho signed?\tkarakhan\tsignatories',
            'in\ten\tHow long did the talks last?\t251\ttalks-duration',
            'unknown\tru\tСколько дней шли переговоры?\t\ttalks-duration',
        ]) + '\n')
        self.repo.write('check-a.tsv', '0\tother\tsignatories\tкарахан\n1\tfix\t\t1925&&20 january\n'
                                       '2\tother\tsigning-date\tpeking\n3\tfix\t\t251 days\n')
        self.repo.write('check-b.tsv', '0\tother\tsignatories\tёсидзав\n1\tok\t\t\n2\tok\t\t\n3\tok\t\t\n')
        self.repo.write('reread.tsv', '4\tanswered\ttalks-duration\t251 день\n')

        self.repo.run('round.py', 'apply', 'round.tsv', 'checked.tsv', '--reread', 'reread.tsv',
                      '--check', 'check-a.tsv', 'check-b.tsv', '--stricter')

        self.assertEqual(self.repo.read('checked.tsv').splitlines(), [
            '# header',
            'in\tru\tКто подписал конвенцию в Пекине?\tкарахан\tsignatories',     # both said other, the same fact
            'in\ten\tWhen was it signed?\t1925&&20 january\tsigning-date',     # keeps 1925 and adds to it
            'in\ten\tWho signed?\tkarakhan\tsignatories',                      # one checker's other is not enough
            'in\ten\tHow long did the talks last?\t251\ttalks-duration',        # 251 days drops the old group
            'in\tru\tСколько дней шли переговоры?\t251 день\ttalks-duration',
        ])


class JudgeTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.repo = Repository(self.folder.name)
        self.repo.write('round.tsv', 'in\tru\tКогда заключили договор?\t20 январ\tsigning-date\n'
                                     'in\ten\tWho put his name to it?\tkarakhan\tsignatories\n')
        self.repo.write('judge/key.tsv', 'j1\tround.tsv\t1\tsignatories\tfail\tru\tКогда заключили договор?\n'
                                         'j2\tround.tsv\t2\tsigning-date\tpass\ten\tWho put his name to it?\n'
                                         'j3\tround.tsv\t2\ttalks-duration\tcontrol-random\ten\tWho put his name to it?\n')
        self.repo.write('first.tsv', 'j1\tyes\nj2\tyes\nj3\tno\n')

    def tearDown(self):
        self.folder.cleanup()

    def test_apply_writes_a_verdict_against_the_expect_only_when_the_second_reader_gave_it_too(self):
        self.repo.write('second.tsv', 'j1\tno\n')

        printed = self.repo.run('judge.py', 'apply', 'judge', 'first.tsv', '--second', 'second.tsv')

        self.assertEqual(self.repo.read('round.tsv').splitlines(), [
            'in\tru\tКогда заключили договор?\t20 январ\tsigning-date',
            'in\ten\tWho put his name to it?\tkarakhan\tsignatories\t+signing-date',
        ])
        self.assertIn('1 against the expect, not seconded', printed)
        self.assertIn('1 control-random no', printed)

    def test_second_gives_the_second_reader_the_verdicts_against_the_expect_and_random_pairings_judged_no(self):
        printed = self.repo.run('judge.py', 'second', 'judge', 'first.tsv')

        self.assertEqual(sorted(self.repo.read('judge/second.tsv').splitlines()), [  # as the first reader saw them:
            'j1\tru\tКогда заключили договор?\tsignatories',   # against the expect,
            'j2\ten\tWho put his name to it?\tsigning-date',   # agreeing,
            'j3\ten\tWho put his name to it?\ttalks-duration',  # and the random pairing judged no
        ])
        self.assertIn('(1 against the expect)', printed)

    def test_apply_prints_what_the_second_reader_said_of_the_random_pairings(self):
        self.repo.write('second.tsv', 'j1\tyes\nj3\tyes\n')

        printed = self.repo.run('judge.py', 'apply', 'judge', 'first.tsv', '--second', 'second.tsv')

        self.assertIn('1 second reader, control-random yes', printed)

    def test_apply_finds_the_question_by_its_text_when_a_header_was_added_above_it(self):
        self.repo.write('round.tsv', '# Held-out round 1: a header written after the items were made\n# two lines\n'
                        + self.repo.read('round.tsv'))
        self.repo.write('second.tsv', 'j1\tyes\n')

        self.repo.run('judge.py', 'apply', 'judge', 'first.tsv', '--second', 'second.tsv')

        self.assertEqual(self.repo.read('round.tsv').splitlines()[2:], [
            'in\tru\tКогда заключили договор?\t20 январ\tsigning-date\t+signatories',
            'in\ten\tWho put his name to it?\tkarakhan\tsignatories\t+signing-date',
        ])

    def test_apply_stops_when_the_judged_question_is_no_longer_in_its_file(self):
        self.repo.write('round.tsv', 'in\tru\tДругой вопрос?\t20 январ\tsigning-date\n'
                                     'in\ten\tWho put his name to it?\tkarakhan\tsignatories\n')

        self.repo.write('second.tsv', 'j1\tyes\n')

        with self.assertRaisesRegex(AssertionError, 'no longer holds the judged question'):
            self.repo.run('judge.py', 'apply', 'judge', 'first.tsv', '--second', 'second.tsv')

    def test_apply_refuses_the_first_readers_file_as_the_second_readers(self):
        with self.assertRaisesRegex(AssertionError, 'given twice'):
            self.repo.run('judge.py', 'apply', 'judge', 'first.tsv', '--second', './first.tsv')

        self.assertNotIn('+', self.repo.read('round.tsv'))

    def test_items_refuses_a_folder_that_holds_an_earlier_runs_items(self):
        self.repo.write('unjudged.tsv', 'round.tsv\t1\tru\tКогда заключили договор?\t20 январ\tsignatories\tfail\n')

        with self.assertRaisesRegex(AssertionError, 'earlier run'):
            self.repo.run('judge.py', 'items', 'unjudged.tsv', 'judge', '1')

        self.repo.run('judge.py', 'items', 'unjudged.tsv', 'fresh', '1')
        self.assertIn('Когда заключили договор?\tsignatories', self.repo.read('fresh/items-1.tsv'))

    def test_forget_drops_every_verdict_on_a_rewritten_fact_and_keeps_the_others(self):
        self.repo.write('tests/questions/tuning.tsv', '# batch\nin\ten\tWho signed?\tkarakhan\tsignatories\t'
                                                      '+signing-date -talks-duration\n')

        self.repo.run('judge.py', 'forget', 'signing-date')

        self.assertEqual(self.repo.read('tests/questions/tuning.tsv').splitlines()[1],
                         'in\ten\tWho signed?\tkarakhan\tsignatories\t-talks-duration')

    def test_forget_grown_keeps_the_verdicts_that_the_fact_answers(self):
        self.repo.write('tests/questions/tuning.tsv', '# batch\nin\ten\tWho signed?\tkarakhan\tsignatories\t'
                                                      '+signing-date -talks-duration\n')

        self.repo.run('judge.py', 'forget', '--grown', 'signing-date', 'talks-duration')

        self.assertEqual(self.repo.read('tests/questions/tuning.tsv').splitlines()[1],
                         'in\ten\tWho signed?\tkarakhan\tsignatories\t+signing-date')



class AuditTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.repo = Repository(self.folder.name)
        self.repo.write('tests/questions/tuning.tsv', '\n'.join([
            '# batch',
            'in\ten\tWhere was it signed?\tpeking\tsignatories\t-signing-date',     # "no", yet the fact holds the expect
            'in\tru\tКогда подписали конвенцию?\t1925\tsigning-date\t-signatories',  # "no", and the fact lacks it
            'in\tru\tКто подписал?\tкарахан\tsignatories\t+talks-duration',         # "yes", and the fact lacks it
        ]) + '\n')
        self.repo.write('tests/questions/heldout/round-1.tsv',
                        'in\ten\tWho signed it?\tkarakhan\tsignatories\t+signing-date\n')  # "yes", the fact lacks it

    def tearDown(self):
        self.folder.cleanup()

    def key(self, kind, folder='audit'):
        """The items of one kind ('audit' or 'control') in FOLDER's key: (file, line, role) → id."""
        return {(os.path.basename(source), int(number), role): item for item, source, number, _, role, _, _ in
                (line.split('\t') for line in self.repo.read(f'{folder}/key.tsv').splitlines()) if role.startswith(kind)}

    def verdicts(self, name, said):
        """A reader's file: `said` maps an audited line (file, line, role) to yes or no."""
        ids = {**self.key('audit'), **self.key('control')}
        self.repo.write(name, ''.join(f'{ids[line]}\t{verdict}\n' for line, verdict in said.items()))

    def test_audit_lists_the_verdicts_against_the_expect_and_the_tuning_parts_yes_only_when_asked(self):
        self.repo.run('judge.py', 'audit', 'audit', '1')

        self.assertEqual(set(self.key('audit')), {('tuning.tsv', 2, 'audit-no'), ('round-1.tsv', 1, 'audit-yes')})
        self.assertEqual(set(self.key('control')), {('tuning.tsv', 3, 'control-no')})  # the one verdict that agrees

        self.repo.run('judge.py', 'audit', 'again', '1', '--tuning-yes')

        self.assertEqual(set(self.key('audit', 'again')),
                         {('tuning.tsv', 2, 'audit-no'), ('round-1.tsv', 1, 'audit-yes'), ('tuning.tsv', 4, 'audit-yes')})

    def test_audit_refuses_a_folder_that_holds_an_earlier_audit(self):
        self.repo.run('judge.py', 'audit', 'audit', '3')

        with self.assertRaisesRegex(AssertionError, 'earlier run'):
            self.repo.run('judge.py', 'audit', 'audit', '1')

    def test_reaudit_turns_a_verdict_when_both_readers_or_two_of_three_judge_against_it_and_never_a_control(self):
        tuning = self.repo.read('tests/questions/tuning.tsv')
        self.repo.run('judge.py', 'audit', 'audit', '2')
        self.repo.write('tests/questions/heldout/round-1.tsv', '# a header written after the audit\n'
                        + self.repo.read('tests/questions/heldout/round-1.tsv'))
        self.repo.write('audit/items-1-anna.tsv', 'a1\ten\tA reader\'s copy, edited\tsignatories\n')  # read by no one
        self.verdicts('r1.tsv', {('tuning.tsv', 2, 'audit-no'): 'yes', ('round-1.tsv', 1, 'audit-yes'): 'no',
                                 ('tuning.tsv', 3, 'control-no'): 'yes'})
        self.verdicts('r2.tsv', {('tuning.tsv', 2, 'audit-no'): 'yes', ('round-1.tsv', 1, 'audit-yes'): 'yes',
                                 ('tuning.tsv', 3, 'control-no'): 'yes'})

        printed = self.repo.run('judge.py', 'reaudit', 'audit', 'r1.tsv', 'r2.tsv')

        self.assertEqual(self.repo.read('tests/questions/tuning.tsv'), tuning.replace(  # both readers said yes
            'peking\tsignatories\t-signing-date', 'peking\tsignatories\t+signing-date'))  # the control stays "no"
        self.assertEqual(self.repo.read('tests/questions/heldout/round-1.tsv'), '# a header written after the audit\n'
                         'in\ten\tWho signed it?\tkarakhan\tsignatories\t+signing-date\n')  # split: waits
        self.assertEqual(self.repo.read('audit/third.tsv'),
                         f'{self.key("audit")["round-1.tsv", 1, "audit-yes"]}\ten\tWho signed it?\tsigning-date\n')
        self.assertIn('1 control, "no" not kept', printed)

        self.verdicts('r3.tsv', {('round-1.tsv', 1, 'audit-yes'): 'no'})
        self.repo.run('judge.py', 'reaudit', 'audit', 'r1.tsv', 'r2.tsv', '--third', 'r3.tsv')

        self.assertEqual(self.repo.read('tests/questions/heldout/round-1.tsv'), '# a header written after the audit\n'
                         'in\ten\tWho signed it?\tkarakhan\tsignatories\t-signing-date\n')
        self.assertFalse(os.path.exists(self.repo.path('audit/third.tsv')))  # nothing left split

    def test_reaudit_lists_again_for_a_third_reader_the_items_still_split(self):
        self.repo.run('judge.py', 'audit', 'audit', '1')
        self.verdicts('r1.tsv', {('tuning.tsv', 2, 'audit-no'): 'yes', ('round-1.tsv', 1, 'audit-yes'): 'no'})
        self.verdicts('r2.tsv', {('tuning.tsv', 2, 'audit-no'): 'no', ('round-1.tsv', 1, 'audit-yes'): 'yes'})
        self.verdicts('r3.tsv', {('round-1.tsv', 1, 'audit-yes'): 'yes'})

        printed = self.repo.run('judge.py', 'reaudit', 'audit', 'r1.tsv', 'r2.tsv', '--third', 'r3.tsv')

        self.assertEqual(self.repo.read('audit/third.tsv'),
                         f'{self.key("audit")["tuning.tsv", 2, "audit-no"]}\ten\tWhere was it signed?\tsigning-date\n')
        self.assertIn('1 split, for a third reader', printed)
        self.assertIn('1 audit, "yes" kept', printed)

    def test_reaudit_counts_a_verdict_file_given_twice_as_one_reader_and_refuses_it(self):
        held_out = self.repo.read('tests/questions/heldout/round-1.tsv')
        self.repo.run('judge.py', 'audit', 'audit', '1')
        self.verdicts('r1.tsv', {('round-1.tsv', 1, 'audit-yes'): 'no'})

        with self.assertRaisesRegex(AssertionError, 'given twice'):
            self.repo.run('judge.py', 'reaudit', 'audit', 'r1.tsv', '../repo/r1.tsv')

        self.assertEqual(self.repo.read('tests/questions/heldout/round-1.tsv'), held_out)

    def test_reaudit_refuses_a_folder_made_by_items(self):
        self.repo.write('unjudged.tsv', 'tests/questions/heldout/round-1.tsv\t1\ten\tWho signed it?\tkarakhan\t'
                                        'signing-date\tfail\n')
        self.repo.run('judge.py', 'items', 'unjudged.tsv', 'judge', '1')
        self.repo.write('r1.tsv', 'j1\tno\n')
        self.repo.write('r2.tsv', 'j1\tno\n')

        with self.assertRaisesRegex(AssertionError, 'made by another judge.py command'):
            self.repo.run('judge.py', 'reaudit', 'judge', 'r1.tsv', 'r2.tsv')


if __name__ == '__main__':
    unittest.main()
