using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge.Matching;

/// <summary>
/// The classifier's perceptron learns in seconds, and reading and counting examples.tsv's questions took a third of
/// <c>ask</c>'s start, so what the classifier learns is kept in a cache folder between starts: the perceptron's weights,
/// the pieces of the words, and the rest in a file of its own that names those two. What a user could notice: a start
/// that reads them answers exactly as one that learned them, and a cache that is damaged or cannot be written costs only
/// time.
/// </summary>
public sealed class LearnedFilesTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    private static readonly string[] Questions =
    [
        "кто подписал пекинский договор",
        "when did the convention come into force",
        "что получила япония на северном сахалине",
        "курс доллара на завтра",
        "сколько статей в конвенции",
        "who was Karakhan",
    ];

    public static TheoryData<string> Kinds => ["classifier", "perceptron", "pieces"];

    [Fact]
    public void Classify_WeightsReadFromTheCache_GuessAsTheLearnedOnes()
    {
        using var cache = TemporaryFolder.Create();
        var learned = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        var read = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        Assert.Equal((false, false, false), (learned.Read, learned.Cached, learned.PiecesCached));
        Assert.Equal((true, true, true), (read.Read, read.Cached, read.PiecesCached));
        Assert.Equal(["classifier", "perceptron", "pieces"], Directory.GetFiles(cache.Path).Select(f => Path.GetFileName(f).Split('-')[0]).Order());
        AssertSameGuesses(knowledge.Facts.Classifier, read);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Classify_DamagedCacheFile_IsLearnedAgainAndRewritten(string kind)
    {
        using var cache = TemporaryFolder.Create();
        _ = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;
        var file = Assert.Single(Directory.GetFiles(cache.Path, $"{kind}-*"));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var relearned = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        Assert.Equal((false, kind != "perceptron", kind != "pieces"), (relearned.Read, relearned.Cached, relearned.PiecesCached == true));
        AssertSameGuesses(knowledge.Facts.Classifier, relearned);
        Assert.Equal(bytes, File.ReadAllBytes(file));
        var again = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;
        Assert.Equal((true, true, true), (again.Read, again.Cached, again.PiecesCached));
    }

    [Theory]
    // A weight's byte: the file's own hash tells.
    [InlineData("perceptron", -3)]
    [InlineData("pieces", -3)]
    [InlineData("classifier", -3)]
    // A count after the header (the format's numbers and a 16-byte key in): it would ask for gigabytes.
    [InlineData("perceptron", (4 * 4) + 16 - 1)]
    [InlineData("pieces", (4 * 4) + 16 - 1)]
    // The classifier's first array's length (after its two numbers and 16-byte key).
    [InlineData("classifier", (2 * 4) + 16 + 3)]
    // A byte in the middle of its arrays.
    [InlineData("classifier", 1 << 20)]
    public void Classify_CacheFileWithAFlippedByte_IsLearnedAgain(string kind, int at)
    {
        using var cache = TemporaryFolder.Create();
        _ = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;
        var file = Assert.Single(Directory.GetFiles(cache.Path, $"{kind}-*"));
        var bytes = File.ReadAllBytes(file);
        var flipped = bytes.ToArray();
        flipped[at < 0 ? flipped.Length + at : at] ^= 0x40;
        File.WriteAllBytes(file, flipped);

        var relearned = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        Assert.Equal((false, kind != "perceptron", kind != "pieces"), (relearned.Read, relearned.Cached, relearned.PiecesCached == true));
        AssertSameGuesses(knowledge.Facts.Classifier, relearned);
        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public void Classify_CacheThatCannotBeWritten_StillGuessesAsWithout()
    {
        using var folder = TemporaryFolder.Create();
        var notAFolder = Path.Combine(folder.Path, "file");
        File.WriteAllText(notAFolder, "a file where the cache folder should be");

        var classifier = FactBaseLoader.Load(TestPaths.Responses, notAFolder).Classifier;

        Assert.Equal((false, false, false), (classifier.Read, classifier.Cached, classifier.PiecesCached));
        AssertSameGuesses(knowledge.Facts.Classifier, classifier);
    }

    [Fact]
    public void Classify_OtherExamples_AreLearnedUnderAnotherNameBesideTheFirst()
    {
        using var cache = TemporaryFolder.Create();
        using var copy = TestPaths.CopyOfResponses();
        _ = FactBaseLoader.Load(copy.Path, cache.Path).Classifier;
        File.AppendAllText(Path.Combine(copy.Path, FactBaseLoader.ExamplesFile), "articles-count\tru\tсколько же там было статей\n");

        var changed = FactBaseLoader.Load(copy.Path, cache.Path).Classifier;

        Assert.Equal((false, false, false), (changed.Read, changed.Cached, changed.PiecesCached));
        Assert.Equal(2, Directory.GetFiles(cache.Path, "classifier-*.bin").Length);
        Assert.Equal(2, Directory.GetFiles(cache.Path, "perceptron-*.bin").Length);
        Assert.Equal(2, Directory.GetFiles(cache.Path, "pieces-*.bin").Length);
    }

    [Fact]
    public void Classify_AFactsOwnTextChanged_IsLearnedAgain()
    {
        using var cache = TemporaryFolder.Create();
        using var copy = TestPaths.CopyOfResponses();
        var before = FactBaseLoader.Load(copy.Path, cache.Path).Classifier;
        var file = Directory.GetFiles(Path.Combine(copy.Path, "facts"), "*.yaml").Order(StringComparer.Ordinal).First();
        var yaml = File.ReadAllText(file);
        var list = yaml.IndexOf("ru: [", yaml.IndexOf("keywords:", StringComparison.Ordinal), StringComparison.Ordinal) + "ru: [".Length;
        File.WriteAllText(file, yaml.Insert(list, "керосиновая лавка, "));

        var changed = FactBaseLoader.Load(copy.Path, cache.Path);

        Assert.False(before.Read);
        Assert.False(changed.Classifier.Read);
        Assert.Equal(2, Directory.GetFiles(cache.Path, "classifier-*.bin").Length);
        var fact = Assert.Single(changed.Facts, f => f.Keywords.All.Contains("керосиновая лавка"));
        Assert.Equal(fact.Id, changed.Classifier.Classify("керосиновая лавка")?.Fact.Id);
    }

    [Fact]
    public void Classify_ExamplesGoneBeforeTheFirstQuestion_LearnsThemAsTheyWereRead()
    {
        // With a cache, examples.tsv is counted only when the first question finds no file there: by then the file may
        // have changed or gone (a deploy, an edit the watcher will reload). What is learned is what was read and checked.
        using var cache = TemporaryFolder.Create();
        FactBase loaded;
        using (var copy = TestPaths.CopyOfResponses())
        {
            loaded = FactBaseLoader.Load(copy.Path, cache.Path);
        }

        Assert.False(loaded.Classifier.Read);
        AssertSameGuesses(knowledge.Facts.Classifier, loaded.Classifier);
        Assert.True(FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier.Read);
    }

    private static void AssertSameGuesses(FactClassifier expected, FactClassifier actual)
    {
        foreach (var question in Questions)
        {
            var (want, got) = (expected.Classify(question)!, actual.Classify(question)!);
            Assert.Equal((want.Fact.Id, want.Margin, want.Lead, want.Pieces, want.PiecesOverall), (got.Fact.Id, got.Margin, got.Lead, got.Pieces, got.PiecesOverall));
        }
    }
}
