using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TreatyBot.Conversations;
using TreatyBot.Knowledge;
using TreatyBot.KnowledgeBase;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Rendering;
using TreatyBot.Tests.Replicas;
using TreatyBot.Tests.Servers;

namespace TreatyBot.Tests.Security;

/// <summary>One user flooding the bot gets one "slow down", then silence for a window; everyone else is unaffected.</summary>
public sealed class FloodControlTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Check_OverTheLimit_SaysSlowDownOnceThenIgnoresUntilTheWindowHasPassed()
    {
        var clock = new SteppedClock();
        var flood = Control(clock, maxQuestions: 3);

        Assert.Equal([FloodVerdict.Allowed, FloodVerdict.Allowed, FloodVerdict.Allowed], Ask(flood, 1, times: 3));
        Assert.Equal(FloodVerdict.SlowDown, flood.Check(1));
        Assert.All(Ask(flood, 1, times: 50), v => Assert.Equal(FloodVerdict.Ignored, v));
        Assert.True(flood.IsFlooding(1));

        clock.Advance(Minute - TimeSpan.FromSeconds(1));
        Assert.Equal(FloodVerdict.Ignored, flood.Check(1));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(flood.IsFlooding(1));
        Assert.Equal([FloodVerdict.Allowed, FloodVerdict.Allowed, FloodVerdict.Allowed, FloodVerdict.SlowDown], Ask(flood, 1, times: 4));
    }

    [Fact]
    public void Check_OneUserFlooding_DoesNotLimitAnother()
    {
        var flood = Control(new SteppedClock(), maxQuestions: 3);

        Ask(flood, 1, times: 10);

        Assert.True(flood.IsFlooding(1));
        Assert.False(flood.IsFlooding(2));
        Assert.Equal([FloodVerdict.Allowed, FloodVerdict.Allowed, FloodVerdict.Allowed], Ask(flood, 2, times: 3));
    }

    [Fact]
    public void Check_QuestionsAtASteadyPaceWithinTheLimit_AreNeverRefused()
    {
        var clock = new SteppedClock();
        var flood = Control(clock, maxQuestions: 3);

        // Three a minute, for an hour: the window slides, so the limit is never crossed.
        for (var i = 0; i < 180; i++)
        {
            Assert.Equal(FloodVerdict.Allowed, flood.Check(7));
            clock.Advance(TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public void Check_ABurstRightAfterAQuietWindow_CountsOnlyTheRecentQuestions()
    {
        var clock = new SteppedClock();
        var flood = Control(clock, maxQuestions: 3);

        Ask(flood, 1, times: 3);
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal([FloodVerdict.Allowed, FloodVerdict.Allowed, FloodVerdict.Allowed, FloodVerdict.SlowDown], Ask(flood, 1, times: 4));
    }

    [Theory]
    [InlineData(0, "00:01:00", "FloodOptions.MaxQuestions must be between 1 and 10000")]
    [InlineData(20, "00:00:00", "FloodOptions.Window must be between 00:00:01 and 1.00:00:00")]
    [InlineData(20, "2.00:00:00", "FloodOptions.Window must be between 00:00:01 and 1.00:00:00")]
    public void Validator_RejectsALimitThatCannotWork_NamingTheSetting(int maxQuestions, string window, string message)
    {
        var result = new FloodOptionsValidator().Validate(null, new FloodOptions { MaxQuestions = maxQuestions, Window = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FloodingUser_GetsOneSlowDownThenNothing_WhileAnotherUserGetsEveryAnswer()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, Settings(maxQuestions: 5));
        const long flooder = 501;
        const long neighbour = 502;

        // The flooder sends 40 questions; the neighbour asks 5 in the middle of them.
        for (var i = 0; i < 40; i++)
        {
            api.EnqueueText(flooder, i % 2 == 0 ? "кто подписал договор" : "/ask когда подписан договор");
            if (i % 8 == 4)
            {
                api.EnqueueText(neighbour, "когда подписан пекинский договор");
            }
        }

        await Eventually.UntilAsync(() => api.Sent().Count(c => c.ChatId == neighbour) == 5, TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0, TimeSpan.FromSeconds(30));

        var toFlooder = api.Sent().Where(c => c.ChatId == flooder).Select(c => TelegramHtml.VisibleText(c.Text!)).ToList();
        var slowDown = Text(bot, "slow-down");
        Assert.Equal(6, toFlooder.Count);
        Assert.All(toFlooder[..5], text => Assert.Contains("1925", text, StringComparison.Ordinal));
        Assert.Equal(slowDown, toFlooder[5]);
        Assert.All(api.Sent().Where(c => c.ChatId == neighbour), c => Assert.Contains("20 января 1925", c.Text, StringComparison.Ordinal));
        Assert.All(api.Sent(), c => Assert.Empty(TelegramHtml.Problems(c.Text!)));
    }

    [Fact]
    public async Task FloodingUser_InlineQueryGetsAPersonalEmptyResult_ButtonPressGetsOnlyTheSpinnerStopped()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, Settings(maxQuestions: 2));
        const long flooder = 601;

        for (var i = 0; i < 3; i++)
        {
            api.EnqueueText(flooder, "кто подписал договор");
        }

        await api.WaitForAsync("sendMessage", 3);
        api.EnqueueInlineQuery(flooder, "договор");
        api.EnqueueInlineQuery(userId: 602, "договор");
        var inline = await api.WaitForAsync("answerInlineQuery", 2);

        var empty = Assert.Single(inline, c => c.Body["results"]!.AsArray().Count == 0);
        Assert.Equal(0, empty.Body["cache_time"]?.GetValue<int>());
        Assert.True(empty.Body["is_personal"]?.GetValue<bool>());
        Assert.Single(inline, c => c.Body["results"]!.AsArray().Count > 0);

        var press = api.EnqueueButtonPress(flooder, flooder, "f:ru:signing-date");
        var pressed = Assert.Single(await api.WaitForAsync("answerCallbackQuery", 1));
        Assert.True(string.IsNullOrEmpty(pressed.Body["text"]?.GetValue<string>()));

        // The bot polls past the press only once it is finished with it: by then anything it sent for it is recorded.
        await Eventually.UntilAsync(() => !api.Unconfirmed().Contains(press));
        Assert.Equal(3, api.Sent().Count());
    }

    [Fact]
    public async Task ButtonPress_ThatCrossesTheLimit_ShowsSlowDownAsTheButtonsNotice()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, Settings(maxQuestions: 1));
        const long user = 701;

        api.EnqueueButtonPress(user, user, "f:ru:signing-date");
        await api.WaitForAsync("sendMessage", 1);
        var second = api.EnqueueButtonPress(user, user, "f:ru:signing-date");
        var presses = await api.WaitForAsync("answerCallbackQuery", 2);

        Assert.Equal(Text(bot, "slow-down"), presses[1].Body["text"]?.GetValue<string>());
        await Eventually.UntilAsync(() => !api.Unconfirmed().Contains(second));
        Assert.Single(api.Sent());
    }

    [Fact]
    public async Task RedisCheck_QuestionsSpreadOverTwoReplicas_AreCountedAsOneBotCountsThem()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = ReplicaServices.Create(redis, RedisSettings(maxQuestions: 3, window: "00:00:02"));
        await using var b = ReplicaServices.Create(redis, RedisSettings(maxQuestions: 3, window: "00:00:02"));
        var (floodA, floodB) = (a.Get<IFloodControl>(), b.Get<IFloodControl>());

        // One sender, questions alternating between the replicas: the fourth is over the limit of both together.
        var verdicts = new List<FloodVerdict>();
        for (var i = 0; i < 8; i++)
        {
            verdicts.Add(await (i % 2 == 0 ? floodA : floodB).CheckAsync(1, Ct));
        }

        Assert.Equal([FloodVerdict.Allowed, FloodVerdict.Allowed, FloodVerdict.Allowed, FloodVerdict.SlowDown, FloodVerdict.Ignored, FloodVerdict.Ignored, FloodVerdict.Ignored, FloodVerdict.Ignored], verdicts);
        Assert.True(await floodA.IsFloodingAsync(1, Ct));
        Assert.True(await floodB.IsFloodingAsync(1, Ct));
        Assert.False(await floodB.IsFloodingAsync(2, Ct));
        Assert.Equal(FloodVerdict.Allowed, await floodB.CheckAsync(2, Ct));

        // Ignored for one window (two seconds here, on Redis's clock), then welcome again.
        await Task.Delay(TimeSpan.FromSeconds(2.2), Ct);
        Assert.False(await floodA.IsFloodingAsync(1, Ct));
        Assert.Equal(FloodVerdict.Allowed, await floodB.CheckAsync(1, Ct));
    }

    [Fact]
    public async Task RedisCheck_RedisKilled_CountsInThisReplica_ThenSharedAgainOnceBack()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = ReplicaServices.Create(redis, RedisSettings(maxQuestions: 2));
        await using var b = ReplicaServices.Create(redis, RedisSettings(maxQuestions: 2));
        var (floodA, floodB) = (a.Get<IFloodControl>(), b.Get<IFloodControl>());
        await a.ConnectedAsync();
        await b.ConnectedAsync();

        await redis.KillAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        List<FloodVerdict> verdicts = [await floodA.CheckAsync(5, Ct), await floodA.CheckAsync(5, Ct), await floodA.CheckAsync(5, Ct), await floodA.CheckAsync(5, Ct)];

        // The same rule, from this replica's memory, without waiting on the dead server.
        Assert.Equal([FloodVerdict.Allowed, FloodVerdict.Allowed, FloodVerdict.SlowDown, FloodVerdict.Ignored], verdicts);
        Assert.True(await floodA.IsFloodingAsync(5, Ct));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"four checks took {clock.Elapsed} without Redis");

        await redis.StartAgainAsync();
        await a.ConnectedAsync();
        await b.ConnectedAsync();
        Assert.Equal(FloodVerdict.Allowed, await floodA.CheckAsync(6, Ct));
        Assert.Equal(FloodVerdict.Allowed, await floodB.CheckAsync(6, Ct));
        Assert.Equal(FloodVerdict.SlowDown, await floodA.CheckAsync(6, Ct));
        Assert.True(await floodB.IsFloodingAsync(6, Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Flood settings for replicas on a live Redis. Its window runs on Redis's own clock, not a fake one: a test that
    /// waits for it to pass keeps it short; the others keep it a minute, so that a slow, busy machine cannot let it lapse
    /// between two checks.
    /// </summary>
    private static Dictionary<string, string?> RedisSettings(int maxQuestions, string window = "00:01:00") => new()
    {
        ["Flood:MaxQuestions"] = maxQuestions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Flood:Window"] = window,
    };

    private static FloodControl Control(TimeProvider clock, int maxQuestions) =>
        new(Options.Create(new FloodOptions { MaxQuestions = maxQuestions, Window = Minute }), clock);

    private static List<FloodVerdict> Ask(FloodControl flood, long user, int times) =>
        [.. Enumerable.Range(0, times).Select(_ => flood.Check(user))];

    private static Dictionary<string, string?> Settings(int maxQuestions) => new()
    {
        ["Flood:MaxQuestions"] = maxQuestions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Delivery:RateLimitsEnabled"] = "false",
    };

    private static string Text(BotHost bot, string key) =>
        bot.Services.GetRequiredService<KnowledgeStore>().Facts.Texts.Get(key, Language.Ru);
}
