using System.Buffers.Binary;
using System.Security.Cryptography;
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

    /// <summary>Besides <see cref="Questions"/>, every 40th question of examples.tsv: texts other facts answer as well, other subjects, missing details.</summary>
    private static readonly Lazy<string[]> Asked = new(() =>
        [.. Questions, .. File.ReadLines(Path.Combine(TestPaths.Responses, FactBaseLoader.ExamplesFile))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Where((_, i) => i % 40 == 0)
            .Select(line => line.Split('\t')[2])]);

    /// <summary>The size of one element of each array of the classifier's file, in the order it writes them.</summary>
    private static readonly int[] ClassifierArrays = [8, 4, 4, 4, 8, 4, 4, 4, 4, 4, 4, 1, 4, 1];

    public static TheoryData<string> Kinds => ["classifier", "perceptron", "pieces"];

    [Fact]
    public void Classify_WeightsReadFromTheCache_GuessAsTheLearnedOnes()
    {
        using var cache = TemporaryFolder.Create();
        var learned = FactBaseLoader.Load(TestPaths.Responses, cache.Path);

        var read = FactBaseLoader.Load(TestPaths.Responses, cache.Path);

        Assert.Equal((false, false, false), (learned.Classifier.FromCacheFile, learned.Classifier.Cached, learned.Classifier.PiecesCached));
        Assert.Equal((true, true, true), (read.Classifier.FromCacheFile, read.Classifier.Cached, read.Classifier.PiecesCached));
        Assert.Equal(["classifier", "perceptron", "pieces"], Directory.GetFiles(cache.Path).Select(f => Path.GetFileName(f).Split('-')[0]).Order());
        AssertSameGuesses(knowledge.Facts, read);
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

        var relearned = FactBaseLoader.Load(TestPaths.Responses, cache.Path);

        var classifier = relearned.Classifier;
        Assert.Equal((false, kind != "perceptron", kind != "pieces"), (classifier.FromCacheFile, classifier.Cached, classifier.PiecesCached == true));
        AssertSameGuesses(knowledge.Facts, relearned);
        Assert.Equal(bytes, File.ReadAllBytes(file));
        var again = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;
        Assert.Equal((true, true, true), (again.FromCacheFile, again.Cached, again.PiecesCached));
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

        var relearned = FactBaseLoader.Load(TestPaths.Responses, cache.Path);

        var classifier = relearned.Classifier;
        Assert.Equal((false, kind != "perceptron", kind != "pieces"), (classifier.FromCacheFile, classifier.Cached, classifier.PiecesCached == true));
        AssertSameGuesses(knowledge.Facts, relearned);
        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Theory]
    // Each breaks what the arrays mean together while the file's hash, made again, vouches for every byte: only the
    // checks of what is read stand between such a file and a wrong guess or an index out of range.
    [InlineData("a posting of a class that is not there")]
    [InlineData("a token twice")]
    [InlineData("a token's postings starting after the next token's")]
    [InlineData("a nearest text that is not there")]
    [InlineData("a token's nearest texts out of order")]
    [InlineData("a perceptron's file that is not there")]
    public void Classify_ClassifierFileWhoseArraysDisagree_IsLearnedAgain(string damage)
    {
        using var cache = TemporaryFolder.Create();
        _ = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;
        var file = Assert.Single(Directory.GetFiles(cache.Path, "classifier-*"));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, Rehashed(bytes, arrays =>
        {
            switch (damage)
            {
                case "a posting of a class that is not there":
                    BinaryPrimitives.WriteInt32LittleEndian(arrays[2], 100_000);
                    break;
                case "a token twice":
                    arrays[0].AsSpan(0, 8).CopyTo(arrays[0].AsSpan(8));
                    break;
                case "a token's postings starting after the next token's":
                    BinaryPrimitives.WriteInt32LittleEndian(arrays[1].AsSpan(4), BinaryPrimitives.ReadInt32LittleEndian(arrays[1].AsSpan(8)) + 1);
                    break;
                case "a nearest text that is not there":
                    BinaryPrimitives.WriteInt32LittleEndian(arrays[7], int.MaxValue);
                    break;
                case "a token's nearest texts out of order":
                    var starts = Ints(arrays[6]);
                    var token = Enumerable.Range(0, starts.Length - 1).First(t => starts[t + 1] - starts[t] >= 2);
                    arrays[7].AsSpan(starts[token] * 4, 4).CopyTo(arrays[7].AsSpan((starts[token] + 1) * 4));
                    break;
                default:
                    arrays[11][0] ^= 0xFF;
                    break;
            }
        }));

        var relearned = FactBaseLoader.Load(TestPaths.Responses, cache.Path);

        Assert.Equal((false, true, true), (relearned.Classifier.FromCacheFile, relearned.Classifier.Cached, relearned.Classifier.PiecesCached));
        AssertSameGuesses(knowledge.Facts, relearned);
        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public void Classify_ClassifierFileLongerThanAnyTheBotWrites_IsNotReadButLearnedAgain()
    {
        // A length damaged to claim 20 million tokens, in a file as long as that needs (sparse: no disk is used). Read,
        // it would ask for more than the bot's capped heap holds, and every start would fail the same way.
        using var cache = TemporaryFolder.Create();
        _ = FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier;
        var file = Assert.Single(Directory.GetFiles(cache.Path, "classifier-*"));
        var bytes = File.ReadAllBytes(file);
        using (var stream = File.Open(file, FileMode.Open, FileAccess.Write))
        {
            stream.Position = (2 * 4) + 16;
            stream.Write(BitConverter.GetBytes(20_000_000));
            stream.SetLength(LearnedFiles.MaxLength + 1);
        }

        var relearned = FactBaseLoader.Load(TestPaths.Responses, cache.Path);

        Assert.False(relearned.Classifier.FromCacheFile);
        AssertSameGuesses(knowledge.Facts, relearned);
        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public void Classify_CacheThatCannotBeWritten_StillGuessesAsWithout()
    {
        using var folder = TemporaryFolder.Create();
        var notAFolder = Path.Combine(folder.Path, "file");
        File.WriteAllText(notAFolder, "a file where the cache folder should be");

        var loaded = FactBaseLoader.Load(TestPaths.Responses, notAFolder);

        Assert.Equal((false, false, false), (loaded.Classifier.FromCacheFile, loaded.Classifier.Cached, loaded.Classifier.PiecesCached));
        AssertSameGuesses(knowledge.Facts, loaded);
    }

    [Fact]
    public void Classify_OtherExamples_AreLearnedUnderAnotherNameBesideTheFirst()
    {
        using var cache = TemporaryFolder.Create();
        using var copy = TestPaths.CopyOfResponses();
        _ = FactBaseLoader.Load(copy.Path, cache.Path).Classifier;
        File.AppendAllText(Path.Combine(copy.Path, FactBaseLoader.ExamplesFile), "articles-count\tru\tсколько же там было статей\n");

        var changed = FactBaseLoader.Load(copy.Path, cache.Path).Classifier;

        Assert.Equal((false, false, false), (changed.FromCacheFile, changed.Cached, changed.PiecesCached));
        Assert.Equal(2, Directory.GetFiles(cache.Path, "classifier-*.bin").Length);
        Assert.Equal(2, Directory.GetFiles(cache.Path, "perceptron-*.bin").Length);
        Assert.Equal(2, Directory.GetFiles(cache.Path, "pieces-*.bin").Length);
    }

    [Fact]
    public void Classify_AFactsOwnTextChanged_IsLearnedAgain()
    {
        using var cache = TemporaryFolder.Create();
        using var copy = TestPaths.CopyOfResponses();
        _ = FactBaseLoader.Load(copy.Path, cache.Path).Classifier;
        var unchanged = FactBaseLoader.Load(copy.Path, cache.Path).Classifier;
        var file = Directory.GetFiles(Path.Combine(copy.Path, "facts"), "*.yaml").Order(StringComparer.Ordinal).First();
        var yaml = File.ReadAllText(file);
        var list = yaml.IndexOf("ru: [", yaml.IndexOf("keywords:", StringComparison.Ordinal), StringComparison.Ordinal) + "ru: [".Length;
        File.WriteAllText(file, yaml.Insert(list, "керосиновая лавка, "));

        var changed = FactBaseLoader.Load(copy.Path, cache.Path);

        Assert.True(unchanged.FromCacheFile);
        Assert.False(changed.Classifier.FromCacheFile);
        Assert.Equal(2, Directory.GetFiles(cache.Path, "classifier-*.bin").Length);
        var fact = Assert.Single(changed.Facts, f => f.Keywords.All.Contains("керосиновая лавка"));
        Assert.Equal(fact.Id, changed.Classifier.Classify("керосиновая лавка")?.Fact.Id);
    }

    [Fact]
    public void Classify_BaseWithoutExamples_IsKeptAndReadToo()
    {
        using var cache = TemporaryFolder.Create();
        using var copy = TestPaths.CopyOfResponses();
        File.Delete(Path.Combine(copy.Path, FactBaseLoader.ExamplesFile));
        var learned = FactBaseLoader.Load(copy.Path, cache.Path);

        var read = FactBaseLoader.Load(copy.Path, cache.Path);

        Assert.Equal((false, false, null), (learned.Classifier.FromCacheFile, learned.Classifier.Cached, learned.Classifier.PiecesCached));
        Assert.Equal((true, true, null), (read.Classifier.FromCacheFile, read.Classifier.Cached, read.Classifier.PiecesCached));
        AssertSameGuesses(learned, read);
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

        Assert.False(loaded.Classifier.FromCacheFile);
        AssertSameGuesses(knowledge.Facts, loaded);
        Assert.True(FactBaseLoader.Load(TestPaths.Responses, cache.Path).Classifier.FromCacheFile);
    }

    /// <summary>
    /// The same guess for every question asked, to the bit: the likeliest fact, its margins, how near the question comes
    /// to each class's texts, its pieces' chances, and where each of a spread of facts stands (as the matcher's ranking
    /// asks).
    /// </summary>
    private static void AssertSameGuesses(FactBase expected, FactBase actual)
    {
        var (wantRanked, gotRanked) = (Spread(expected), Spread(actual));
        foreach (var question in Asked.Value)
        {
            var (want, got) = (expected.Classifier.Classify(question, wantRanked), actual.Classifier.Classify(question, gotRanked));
            Assert.Equal(want is null, got is null);
            if (want is null || got is null)
            {
                continue;
            }

            Assert.Equal(
                (want.Fact.Id, want.Margin, want.Lead, want.Nearest, want.Elsewhere, want.NearestElsewhere, want.Pieces, want.PiecesOverall),
                (got.Fact.Id, got.Margin, got.Lead, got.Nearest, got.Elsewhere, got.NearestElsewhere, got.Pieces, got.PiecesOverall));
            Assert.Equal(want.Ranked.Select(Standing), got.Ranked.Select(Standing));
        }

        static ScoredFact[] Spread(FactBase facts) => [.. facts.Facts.Where((_, i) => i % 9 == 0).Select(f => new ScoredFact(f, 1, 1, 1))];

        static (string, double, int, double, double, double, double, int) Standing(LearnedStanding s) =>
            (s.Fact.Id, s.Behind, s.Place, s.Lead, s.Nearest, s.Elsewhere, s.Pieces, s.PiecesPlace);
    }

    /// <summary>
    /// The classifier's file with its arrays changed by <paramref name="damage"/> (each array's bytes, in the order
    /// written) and its hash made again over them, as a file written so would have it.
    /// </summary>
    private static byte[] Rehashed(byte[] file, Action<byte[][]> damage)
    {
        const int Header = (2 * 4) + 16;
        var arrays = new byte[ClassifierArrays.Length][];
        var at = Header;
        for (var i = 0; i < arrays.Length; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at)) * ClassifierArrays[i];
            arrays[i] = file.AsSpan(at + 4, length).ToArray();
            at += 4 + length;
        }

        Assert.Equal(file.Length - 32, at);
        damage(arrays);
        using var stream = new MemoryStream();
        stream.Write(file.AsSpan(0, Header));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < arrays.Length; i++)
        {
            var length = BitConverter.GetBytes(arrays[i].Length / ClassifierArrays[i]);
            foreach (var part in new[] { length, arrays[i] })
            {
                stream.Write(part);
                hash.AppendData(part);
            }
        }

        stream.Write(hash.GetHashAndReset());
        return stream.ToArray();
    }

    private static int[] Ints(byte[] bytes) =>
        [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4)))];
}
