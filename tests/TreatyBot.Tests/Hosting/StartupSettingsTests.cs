using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Hosting;

/// <summary>A mistake in the settings or the fact base stops the start with one line that names it, never a stack trace.</summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("Delivery__MaxConcurrency", "abc", "Delivery:MaxConcurrency")]
    [InlineData("Delivery__MaxConcurrency", "0", "MaxConcurrency")]
    [InlineData("Delivery__ReplyBudgetSeconds", "soon", "Delivery:ReplyBudgetSeconds")]
    [InlineData("Knowledge__Path", "/nonexistent/treatybot-responses", "Knowledge:Path")]
    [InlineData("Storage__Provider", "mongodb", "Storage:Provider")]
    [InlineData("Storage__Provider", "redis", "Storage:Redis")]
    public async Task Run_BadSetting_FailsFastWithOneLineNamingTheKey(string key, string value, string named)
    {
        var (exitCode, stdout, stderr) = await BotProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Bot__Token"] = "123456789:TEST-secret_token_DO_NOT_LOG_abcdefghij",
            ["Bot__ApiBaseUrl"] = "http://127.0.0.1:9",
            [key] = value,
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(BotProcess.Lines(stderr));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("DO_NOT_LOG", line, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Run_RedisConnectionStringWithoutAServer_FailsFastNamingTheKey_NeverEchoingThePassword()
    {
        var (exitCode, stdout, stderr) = await BotProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Bot__Token"] = "123456789:TEST-secret_token_DO_NOT_LOG_abcdefghij",
            ["Bot__ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Storage__Provider"] = "redis",
            ["Storage__Redis"] = "password=REDIS_PASSWORD_DO_NOT_LOG,ssl=true",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(BotProcess.Lines(stderr));
        Assert.Contains("Storage:Redis", line, StringComparison.Ordinal);
        Assert.DoesNotContain("DO_NOT_LOG", line, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public void AReplyLongerThanOneTelegramMessage_IsRefusedAtLoadAndOnReload()
    {
        using var copy = TestPaths.CopyOfResponses();
        var store = new KnowledgeStore(copy.Path);
        var file = Path.Combine(copy.Path, "facts", "01-identity.yaml");
        var original = File.ReadAllText(file);

        // A curator pastes a very long detail into the first fact: the reply would no longer fit in one message.
        const string Opening = "Вместе с конвенцией были подписаны два протокола";
        Assert.Contains(Opening, original, StringComparison.Ordinal);
        var longDetail = string.Join(' ', Enumerable.Repeat("Очень длинное пояснение.", 250));
        File.WriteAllText(file, original.Replace(Opening, longDetail + " " + Opening, StringComparison.Ordinal));

        var problem = Assert.Single(store.Reload());
        Assert.Contains("treaty-overview", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("4096", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal("treaty-overview", store.Facts.Facts[0].Id);
        Assert.DoesNotContain("Очень длинное", store.Facts.Facts[0].Detail!.Ru, StringComparison.Ordinal);

        var refused = Assert.Throws<FactBaseException>(() => new KnowledgeStore(copy.Path));
        Assert.Contains("4096", refused.Message, StringComparison.Ordinal);
    }
}
