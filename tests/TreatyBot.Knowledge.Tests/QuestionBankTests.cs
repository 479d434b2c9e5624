using System.Security.Cryptography;
using System.Text;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Evaluation;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>
/// The question bank (tests/questions) keeps its promise: the held-out rounds never leak into what the matcher reads,
/// and the bank is big enough to measure every kind of question.
/// </summary>
public sealed class QuestionBankTests
{
    private static readonly IReadOnlyList<EvalCase> Tuning = EvalCase.ReadTsv(TestPaths.TuningSet);

    /// <summary>The fact base's facts, loaded once for the tests that check the bank against them.</summary>
    private static readonly IReadOnlyList<Fact> Facts = FactBaseLoader.Load(TestPaths.Responses).Facts;

    private static readonly IReadOnlyList<EvalCase> HeldOut =
        [.. Directory.GetFiles(TestPaths.HeldOut, "*.tsv").Order(StringComparer.Ordinal).SelectMany(EvalCase.ReadTsv)];

    [Fact]
    public void HeldOut_NoQuestion_AppearsInTheFactBase()
    {
        var responses = Normalize(string.Join('\n', Directory.GetFiles(TestPaths.Responses, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("seed.txt", StringComparison.Ordinal))
            .Select(File.ReadAllText)));

        // A question of four words or more found word for word in the fact base was copied there (or written the same
        // way by chance, which leaks it just the same); a shorter one may be a phrase any answer uses.
        var leaked = HeldOut.Select(c => Normalize(c.Question)).Where(q => q.Count(c => c == ' ') >= 3 && responses.Contains(q, StringComparison.Ordinal)).ToList();

        Assert.True(leaked.Count == 0, "held-out questions copied into responses/: " + string.Join(" | ", leaked.Take(5)));
    }

    [Fact]
    public void HeldOut_NoQuestion_IsAlsoInTheTuningPart()
    {
        var tuning = Tuning.Select(c => Normalize(c.Question)).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(HeldOut, c => tuning.Contains(Normalize(c.Question)));
    }

    [Theory]
    [InlineData(EvalKind.Out, 300)]
    [InlineData(EvalKind.Unknown, 80)]
    public void Bank_EachKindOfQuestion_HasEnoughQuestions(EvalKind kind, int least) =>
        Assert.InRange(Tuning.Concat(HeldOut).Count(c => c.Kind == kind), least, int.MaxValue);

    [Fact]
    public void Bank_EveryFact_HasTwelveRussianAndEightEnglishQuestions()
    {
        var counts = Tuning.Concat(HeldOut).Where(c => c.Fact is not null).CountBy(c => (c.Fact!, c.Language)).ToDictionary();

        var thin = Facts.Where(f => counts.GetValueOrDefault((f.Id, Language.Ru)) < 12 || counts.GetValueOrDefault((f.Id, Language.En)) < 8)
            .Select(f => f.Id).ToList();

        Assert.True(thin.Count == 0, "facts with too few blind questions: " + string.Join(", ", thin));
    }

    [Fact]
    public void Bank_EveryJudgedFact_IsAFactOfTheBase()
    {
        // A verdict names the fact a reader judged; a fact renamed or removed would leave it deciding nothing.
        var facts = Facts.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);

        var stale = Tuning.Concat(HeldOut).SelectMany(c => c.Judged.Keys).Where(id => !facts.Contains(id)).Distinct().ToList();

        Assert.True(stale.Count == 0, "verdicts on facts the base does not have: " + string.Join(", ", stale));
    }

    [Fact]
    public void Tuning_EveryInScopeQuestion_IsLabelledWithAFactOfTheBase()
    {
        // make-examples.py teaches the classifier a question under its label: one labelled with anything else (the
        // first rounds used FACTS.md's numbers, F42) is never learned.
        var facts = Facts.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);

        var unlearned = Tuning.Where(c => c.Kind == EvalKind.In && !facts.Contains(c.Fact ?? "")).Select(c => $"{c.Line}: {c.Fact}").ToList();

        Assert.True(unlearned.Count == 0, "in-scope tuning questions labelled with no fact of the base: " + string.Join(", ", unlearned));
    }

    [Fact]
    public void Bank_EveryFactsText_IsAsTheBankLastCheckedIt()
    {
        // An expect is a few words of its fact's text and a verdict says whether a fact's text answers a question: a fact
        // rewritten since leaves them measuring against a text nobody checked them on. Its questions and verdicts are
        // checked again (writing/README.md, "When a fact is rewritten"), then its line here is set to the new text's hash.
        var checkedTexts = File.ReadLines(TestPaths.CheckedFacts).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')).ToDictionary(c => c[0], c => c[1], StringComparer.Ordinal);
        var bank = Tuning.Concat(HeldOut).ToList();

        var changed = Facts.Where(f => checkedTexts.GetValueOrDefault(f.Id) != TextHash(f))
            .Select(f => $"{f.Id}\t{TextHash(f)} ({bank.Count(c => c.Fact == f.Id)} questions, {bank.Count(c => c.Judged.ContainsKey(f.Id))} verdicts)")
            .ToList();

        Assert.True(changed.Count == 0, "facts whose text changed since the bank was checked (new line, and what depends on it):\n" + string.Join('\n', changed));
        Assert.Empty(checkedTexts.Keys.Except(Facts.Select(f => f.Id)));
    }

    /// <summary>The first 16 hexadecimal digits of the SHA-256 of the fact's Russian and English statements.</summary>
    private static string TextHash(Fact fact) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fact.Statement(Language.Ru) + "\n" + fact.Statement(Language.En))))[..16];

    [Fact]
    public void ReadTsv_EachRunOfCommentLines_OpensANewBatch()
    {
        using var folder = TemporaryFolder.Create();
        var path = Path.Combine(folder.Path, "bank.tsv");
        File.WriteAllText(path, "# first batch\n# by two writers\nin\tru\tкогда?\t1925\nout\ten\tweather\n\n# second batch\nin\ten\twhen?\t1925\n");

        var cases = EvalCase.ReadTsv(path);

        Assert.Equal([1, 1, 2], cases.Select(c => c.Batch));
    }

    [Fact]
    public void Tuning_Batches_AreAsManyAsTheWritersCommentsAndNoneIsEmpty()
    {
        var comments = File.ReadLines(TestPaths.TuningSet).Select(l => l.StartsWith('#')).ToList();
        var runs = comments.Where((comment, i) => comment && (i == 0 || !comments[i - 1])).Count();

        var batches = Tuning.CountBy(c => c.Batch).ToList();

        Assert.Equal(runs, batches.Count);
        Assert.All(batches, batch => Assert.InRange(batch.Value, 1, 2000));
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Replace('ё', 'е').Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
