using Microsoft.Extensions.DependencyInjection;
using TreatyBot.Storage;
using TreatyBot.Tests.Conversations;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Servers;

namespace TreatyBot.Tests.Storage;

/// <summary>
/// A bot on <c>Storage:Provider=redis</c> whose Redis is not there when it starts (the server still booting, a
/// network not up yet): it starts and answers anyway, with one warning — no crash loop — and uses Redis once it comes.
/// </summary>
public sealed class RedisAwayAtStartTests
{
    [Fact]
    public async Task RedisNotThereAtStart_BotStartsAndAnswers_ThenUsesRedisOnceItComes()
    {
        var port = RedisServer.FreePort();
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "redis",
            ["Storage:Redis"] = $"127.0.0.1:{port}",
            ["Storage:RedisPrefix"] = RedisFixture.NewPrefix(),
        };
        await using var bot = await BotHost.StartAsync(api, settings, logs);

        api.EnqueueText(userId: 61, "Когда подписан Пекинский договор?");
        Assert.Contains("20 января 1925", (await api.WaitForAsync("sendMessage", 1))[0].Text, StringComparison.Ordinal);
        Assert.Single(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Redis is unavailable", StringComparison.Ordinal));

        await using var redis = await RedisServer.StartAsync(port);
        var connection = bot.Services.GetRequiredService<RedisConnection>();
        await Eventually.UntilAsync(() => connection.IsAvailable, TimeSpan.FromSeconds(30));
        api.EnqueueText(userId: 62, "/lang en");
        Assert.StartsWith("OK, I'll answer in English", (await api.WaitForAsync("sendMessage", 2))[1].Text, StringComparison.Ordinal);
        Assert.Equal(":1", await redis.CommandAsync("HEXISTS", settings["Storage:RedisPrefix"] + ":chat-languages", "62"));
    }
}
