using Microsoft.Extensions.DependencyInjection;
using TreatyBot.Anniversaries;
using TreatyBot.Storage;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Servers;
using TreatyBot.Tests.Storage;
using static TreatyBot.Tests.Receiving.WebhookTests;

namespace TreatyBot.Tests.Conversations;

/// <summary>
/// /lang with two webhook replicas on one Redis: a chat's choice made through one is how the other answers next, though
/// the other had the chat cached; and with Redis gone, questions are still answered and a choice that cannot be kept is
/// not confirmed, until Redis is back.
/// </summary>
public sealed class ReplicaLanguageTests
{
    private const string Question = "Когда подписан Пекинский договор?";

    [Fact]
    public async Task Lang_ThroughOneReplica_TheOtherAnswersInTheNewLanguage_ThoughItHadTheChatCached()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var api = await FakeBotApi.StartAsync();
        // One prefix: the two replicas share the keys.
        var settings = Settings(redis);
        await using var one = await WebBotHost.StartWebhookAsync(api, settings);
        await using var other = await WebBotHost.StartWebhookAsync(api, settings);
        await api.WaitForAsync("setWebhook", 2);

        // The other replica answers the chat first (in Russian), so it caches "no choice" for it.
        using (var asked = await PostAsync(other, TextUpdate(1, userId: 4242, Question)))
        {
            Assert.Contains("20 января 1925", (await api.WaitForAsync("sendMessage", 1))[0].Text, StringComparison.Ordinal);
        }

        using (var lang = await PostAsync(one, TextUpdate(2, userId: 4242, "/lang en")))
        {
            Assert.Equal("OK, I'll answer in English in this chat from now on.", (await api.WaitForAsync("sendMessage", 2))[1].Text);
        }

        // The announcement travels on its own connection: allow it a moment, but a cache never told stays Russian.
        string? answer = null;
        for (var attempt = 0; attempt < 5 && answer?.Contains("20 January 1925", StringComparison.Ordinal) != true; attempt++)
        {
            using var again = await PostAsync(other, TextUpdate(3 + attempt, userId: 4242, Question));
            answer = (await api.WaitForAsync("sendMessage", 3 + attempt))[^1].Text;
        }

        Assert.Contains("20 January 1925", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisDown_QuestionsAreStillAnswered_LangIsNotConfirmed_UntilRedisIsBack()
    {
        await using var redis = await RedisServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartWebhookAsync(api, Settings(redis), logs);
        await api.WaitForAsync("setWebhook", 1);
        var connection = bot.Services.GetRequiredService<RedisConnection>();
        await Eventually.UntilAsync(() => connection.IsAvailable);

        await redis.KillAsync();
        using (var lang = await PostAsync(bot, TextUpdate(1, userId: 5252, "/lang en")))
        using (var asked = await PostAsync(bot, TextUpdate(2, userId: 5151, Question)))
        {
            var sent = await api.WaitForAsync("sendMessage", 2);
            Assert.Contains("20 января 1925", Assert.Single(sent, s => s.ChatId == 5151).Text, StringComparison.Ordinal);

            // The choice is not confirmed: the chat is told, politely and in its language, to try again later.
            Assert.StartsWith("Не получилось сохранить", Assert.Single(sent, s => s.ChatId == 5252).Text, StringComparison.Ordinal);
        }

        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Redis is unavailable", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Chat 5252: the store cannot be used now", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));

        await redis.StartAgainAsync();
        await Eventually.UntilAsync(() => connection.IsAvailable, TimeSpan.FromSeconds(20));
        using (var lang = await PostAsync(bot, TextUpdate(3, userId: 5252, "/lang en")))
        {
            var confirmed = (await api.WaitForAsync("sendMessage", 3))[2];
            Assert.Equal(5252, confirmed.ChatId);
            Assert.StartsWith("OK, I'll answer in English", confirmed.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RedisDown_AnAnniversaryRound_IsPutOffWithAWarning_NotAnError()
    {
        await using var redis = await RedisServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await WebBotHost.StartWebhookAsync(api, Settings(redis), logs);
        var connection = bot.Services.GetRequiredService<RedisConnection>();
        await Eventually.UntilAsync(() => connection.IsAvailable);

        await redis.KillAsync();
        bot.Services.GetRequiredService<AnniversaryPoster>().Wake();

        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Anniversary posts: the store cannot be used now", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    /// <summary>
    /// A bot on <paramref name="redis"/>, with 5 s command timeouts rather than the 500 ms default: under a full test run
    /// a live server can be slower than that, and a timeout would read as an outage. A killed server still fails at once.
    /// </summary>
    internal static Dictionary<string, string?> Settings(RedisServer redis, string? prefix = null) => new()
    {
        ["Storage:Provider"] = "redis",
        ["Storage:Redis"] = redis.ConnectionString + ",syncTimeout=5000,asyncTimeout=5000",
        ["Storage:RedisPrefix"] = prefix ?? RedisFixture.NewPrefix(),
    };
}
