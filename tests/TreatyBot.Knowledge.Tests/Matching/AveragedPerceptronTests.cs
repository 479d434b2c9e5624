using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Tests.Knowledge.Matching;

/// <summary>
/// The classifier's perceptron learns in about a third of a second, so its weights are kept in a cache folder between
/// starts. What a user could notice: a start that reads them answers exactly as one that learned them, and a cache that
/// is damaged or cannot be written costs only time.
/// </summary>
public sealed class AveragedPerceptronTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
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

    [Fact]
    public void Classify_WeightsReadFromTheCache_GuessAsTheLearnedOnes()
    {
        using var cache = TemporaryFolder.Create();
        var learned = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        var read = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        Assert.False(learned.Cached);
        Assert.True(read.Cached);
        Assert.Single(Directory.GetFiles(cache.Path));
        AssertSameGuesses(knowledge.Facts.Classifier, read);
    }

    [Fact]
    public void Classify_DamagedCacheFile_IsLearnedAgainAndRewritten()
    {
        using var cache = TemporaryFolder.Create();
        _ = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;
        var file = Assert.Single(Directory.GetFiles(cache.Path));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var relearned = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        Assert.False(relearned.Cached);
        AssertSameGuesses(knowledge.Facts.Classifier, relearned);
        Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.True(FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier.Cached);
    }

    [Theory]
    // A weight's byte: the file's own hash tells.
    [InlineData(-3)]
    // The count of weights after the header (4 numbers and a 16-byte key in): it would ask for gigabytes.
    [InlineData(4 * 4 + 16 - 1)]
    public void Classify_CacheFileWithAFlippedByte_IsLearnedAgain(int at)
    {
        using var cache = TemporaryFolder.Create();
        _ = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;
        var file = Assert.Single(Directory.GetFiles(cache.Path));
        var bytes = File.ReadAllBytes(file);
        var flipped = bytes.ToArray();
        flipped[at < 0 ? flipped.Length + at : at] ^= 0x40;
        File.WriteAllBytes(file, flipped);

        var relearned = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;

        Assert.False(relearned.Cached);
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

        Assert.False(classifier.Cached);
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

        Assert.False(changed.Cached);
        Assert.Equal(2, Directory.GetFiles(cache.Path).Length);
    }

    private static void AssertSameGuesses(FactClassifier expected, FactClassifier actual)
    {
        foreach (var question in Questions)
        {
            var (want, got) = (expected.Classify(question)!, actual.Classify(question)!);
            Assert.Equal((want.Fact.Id, want.Margin, want.Lead), (got.Fact.Id, got.Margin, got.Lead));
        }
    }
}
