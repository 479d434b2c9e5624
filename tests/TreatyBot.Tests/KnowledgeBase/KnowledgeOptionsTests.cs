using TreatyBot.KnowledgeBase;

namespace TreatyBot.Tests.KnowledgeBase;

/// <summary>
/// Knowledge:Cache names where the classifier keeps what it learned: a second start with the same fact base reads it
/// instead of learning it again.
/// </summary>
public sealed class KnowledgeOptionsTests
{
    [Fact]
    public void ResolveCache_None_KeepsNothing() =>
        Assert.Null(new KnowledgeOptions { Cache = "none" }.ResolveCache());

    [Fact]
    public void ResolveCache_AFolder_IsThatFolderInFull() =>
        Assert.Equal(Path.GetFullPath("cache-here"), new KnowledgeOptions { Cache = "cache-here" }.ResolveCache());

    [Fact]
    public void Validate_CacheThatIsNoPath_StopsTheStartNamingTheKey()
    {
        var result = new KnowledgeOptionsValidator().Validate(null, new KnowledgeOptions { Path = TestPaths.Responses, Cache = "cache\0here" });

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Cache", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_SecondStartWithTheSameBase_ReadsWhatTheFirstLearned()
    {
        using var cache = TemporaryFolder.Create();
        var first = new KnowledgeStore(TestPaths.Responses, new KnowledgeOptions { Cache = cache.Path }.ResolveCache());
        var answer = first.Answerer.Ask("Кто подписал Пекинский договор?");

        var second = new KnowledgeStore(TestPaths.Responses, cache.Path);

        Assert.Single(Directory.GetFiles(cache.Path, "perceptron-*.bin"));
        Assert.False(first.Facts.Classifier.Cached);
        Assert.True(second.Facts.Classifier.Cached);
        Assert.Equal(answer.Fact?.Id, second.Answerer.Ask("Кто подписал Пекинский договор?").Fact?.Id);
    }
}
