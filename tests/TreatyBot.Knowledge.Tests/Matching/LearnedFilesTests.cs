using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge.Matching;

/// <summary>
/// The classifier's perceptron learns in about a third of a second, and counting the pieces of the words takes a tenth of
/// <c>ask</c>'s start, so what both learn is kept in a cache folder between starts. What a user could notice: a start that
/// reads them answers exactly as one that learned them, and a cache that is damaged or cannot be written costs only time.
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

    public static TheoryData<string> Kinds => ["perceptron", "pieces"];

    [Fact]
    public void Classify_WeightsReadFromTheCache_GuessAsTheLearnedOnes()
    {
        using var cache = TemporaryFolder.Create();
        var learned = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        var read = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        Assert.Equal((false, false), (learned.Cached, learned.PiecesCached));
        Assert.Equal((true, true), (read.Cached, read.PiecesCached));
        Assert.Equal(["perceptron", "pieces"], Directory.GetFiles(cache.Path).Select(f => Path.GetFileName(f).Split('-')[0]).Order());
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

        Assert.Equal((kind != "perceptron", kind != "pieces"), (relearned.Cached, relearned.PiecesCached == true));
        AssertSameGuesses(knowledge.Facts.Classifier, relearned);
        Assert.Equal(bytes, File.ReadAllBytes(file));
        var again = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;
        Assert.Equal((true, true), (again.Cached, again.PiecesCached));
    }

    [Theory]
    // A weight's byte: the file's own hash tells.
    [InlineData("perceptron", -3)]
    [InlineData("pieces", -3)]
    // A count after the header (the format's numbers and a 16-byte key in): it would ask for gigabytes.
    [InlineData("perceptron", (4 * 4) + 16 - 1)]
    [InlineData("pieces", (4 * 4) + 16 - 1)]
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

        Assert.Equal((kind != "perceptron", kind != "pieces"), (relearned.Cached, relearned.PiecesCached == true));
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

        Assert.Equal((false, false), (classifier.Cached, classifier.PiecesCached));
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

        Assert.Equal((false, false), (changed.Cached, changed.PiecesCached));
        Assert.Equal(2, Directory.GetFiles(cache.Path, "perceptron-*.bin").Length);
        Assert.Equal(2, Directory.GetFiles(cache.Path, "pieces-*.bin").Length);
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
