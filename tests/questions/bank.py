"""What the question bank's scripts share: how a question is compared, and how a TSV file of the bank is read."""


def normalize(text):
    """A question as the bank compares it: lower case, ё as е, single spaces (as QuestionBankTests does)."""
    return ' '.join(w for w in text.lower().replace('ё', 'е').split(' ') if w)


def rows(path):
    """The lines of a bank file that are not empty or comments, split at tabs."""
    with open(path, encoding='utf-8') as lines:
        for line in lines:
            line = line.rstrip('\n')
            if line and not line.startswith('#'):
                yield line.split('\t')
