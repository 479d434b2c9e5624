using Microsoft.Extensions.DependencyInjection;
using TreatyBot.Cli;
using TreatyBot.Storage;
using TreatyBot.Tests.Conversations;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Servers;

namespace TreatyBot.Tests.Curation;

/// <summary>
/// The curation loop on Redis: questions logged while Redis is down are kept and written once it is back, and
/// <c>review</c> reads the Redis store, named by option or by the bot's environment, without echoing a password.
/// </summary>
public sealed class RedisCurationTests
{
    private const long Alice = 7_600_100_001;
    private const long Bob = 7_600_100_002;

    private static readonly string[] Unanswerable =
    [
        "Какого цвета были чернила, которыми подписали Пекинский договор?",
        "Сколько страниц было в тексте Пекинского договора?",
    ];

    [Fact]
    public async Task RedisDown_QuestionsAreAnswered_AndLoggedOnceItIsBack_ReviewShowsThemWithTheVotes()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = ReplicaLanguageTests.Settings(redis, prefix: "treatybot");
        settings["Feedback:Enabled"] = "true";
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, settings, logs);
        var connection = bot.Services.GetRequiredService<RedisConnection>();
        var log = bot.Services.GetRequiredService<ICurationLog>();
        await Eventually.UntilAsync(() => connection.IsAvailable);

        await redis.KillAsync();
        api.EnqueueText(Alice, Unanswerable[0]);
        api.EnqueueText(Bob, Unanswerable[1]);
        var answers = await api.WaitForAsync("sendMessage", 2);
        Assert.All(answers, a => Assert.False(string.IsNullOrWhiteSpace(a.Text)));
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("could not be written; kept", StringComparison.Ordinal)));

        await redis.StartAgainAsync();
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.Contains("every kept question is written", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
        Assert.Equal(Unanswerable, (await log.ReadAsync(DateOnly.MinValue, TestContext.Current.CancellationToken)).Select(q => q.Question).Order(StringComparer.Ordinal));

        api.EnqueueText(Alice, "/ask Когда подписан Пекинский договор?");
        var down = CuratedRun.Buttons((await api.WaitForAsync("sendMessage", 3))[2])[^1][1].Data;
        api.EnqueueButtonPress(Alice, Alice, down, messageId: 3);
        Assert.Equal("Спасибо за оценку!", (await api.WaitForAsync("answerCallbackQuery", 1))[0].Body["text"]?.GetValue<string>());

        // review by option (the bot's prefix is the default), and as an operator runs it beside the bot: by its environment.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CommandLine.TryRun(["review", "--redis", redis.ConnectionString], new StringReader(""), stdout, stderr);
        var (processExitCode, processOutput, processError) = await BotProcess.RunAsync(
            new Dictionary<string, string?>
            {
                ["Storage__Provider"] = "redis",
                ["Storage__Redis"] = redis.ConnectionString,
                ["Storage__RedisPrefix"] = "treatybot",
                ["Storage__Path"] = null,
            },
            arguments: ["review"]);

        foreach (var (code, output, error) in new[] { (exitCode, stdout.ToString(), stderr.ToString()), (processExitCode, processOutput, processError) })
        {
            Assert.True(code == 0, error);
            Assert.StartsWith($"review: 2 question(s) the bot could not answer well, all days kept, in Redis {redis.ConnectionString} (prefix treatybot)", output, StringComparison.Ordinal);
            Assert.All(Unanswerable, question => Assert.Contains(question, output, StringComparison.Ordinal));
            Assert.Contains($"  {down[5..]}  1 / 0", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Review_RedisThatDoesNotAnswer_IsOneLineNamingTheSetting_WithoutThePassword()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = CommandLine.TryRun(["review", "--redis", "127.0.0.1:9,password=Sesame-DO-NOT-ECHO"], new StringReader(""), stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout.ToString());
        var line = Assert.Single(BotProcess.Lines(stderr.ToString()));
        Assert.StartsWith("review: cannot read Redis 127.0.0.1:9 (prefix treatybot) (Storage:Redis): the server does not answer", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Sesame", line, StringComparison.Ordinal);
    }
}
