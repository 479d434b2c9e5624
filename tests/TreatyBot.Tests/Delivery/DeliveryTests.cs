using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TreatyBot.Delivery;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Delivery;

/// <summary>Every question gets exactly one answer, whatever Telegram does: faults, rate limits, restarts.</summary>
public sealed class DeliveryTests
{
    /// <summary>Fast settings: the real limits' logic with lifted numbers, short poll backoff.</summary>
    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Delivery:PollBackoffInitialMilliseconds"] = "50",
        ["Delivery:PerChatPerSecond"] = "100",
        ["Delivery:PerChatBurst"] = "100",
        ["Delivery:GlobalPerSecond"] = "1000",
    };

    [Fact]
    public async Task Faults_ManyChats_EveryQuestionAnsweredExactlyOnce()
    {
        const int Chats = 30;
        const int PerChat = 10;
        await using var api = await FakeBotApi.StartAsync();
        var random = new Random(20250120);
        api.Chaos = (_, _) =>
        {
            lock (random)
            {
                return random.Next(100) switch
                {
                    < 6 => FakeFault.TooManyRequests(1),
                    < 10 => FakeFault.ServerError(HttpStatusCode.InternalServerError),
                    < 13 => FakeFault.ServerError(HttpStatusCode.BadGateway),
                    < 16 => FakeFault.ConnectionReset,
                    < 19 => FakeFault.Slow(TimeSpan.FromMilliseconds(300)),
                    < 22 => FakeFault.UnreadableBody,
                    _ => null,
                };
            }
        };
        api.Fail("getUpdates", HttpStatusCode.BadGateway, "Bad Gateway", times: 2);
        await using var bot = await BotHost.StartAsync(api, Fast);

        for (var i = 0; i < PerChat; i++)
        {
            for (var chat = 1; chat <= Chats; chat++)
            {
                api.EnqueueText(userId: chat, "кто подписал договор");
            }
        }

        await Eventually.UntilAsync(() => api.Delivered().Count() >= Chats * PerChat, TimeSpan.FromSeconds(90));

        // The bot confirms an update only once it is finished with it, sends included: once all are confirmed, a
        // duplicate could not come later.
        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0);
        var perChat = api.Delivered().GroupBy(c => c.ChatId).ToDictionary(g => g.Key!.Value, g => g.Count());
        Assert.Equal(Chats, perChat.Count);
        Assert.All(perChat, pair => Assert.Equal(PerChat, pair.Value));
        Assert.Empty(api.RetryAfterViolations);

        // The worker is still running.
        api.Chaos = null;
        api.EnqueueText(userId: 999, "кто подписал договор");
        await Eventually.UntilAsync(() => api.Delivered().Any(c => c.ChatId == 999));
    }

    [Fact]
    public async Task Restart_MidStream_NothingLostNothingTwice()
    {
        const int Chats = 6;
        const int PerChat = 10;
        await using var api = await FakeBotApi.StartAsync();
        api.Chaos = (_, _) => FakeFault.Slow(TimeSpan.FromMilliseconds(30));

        // Half of the questions come while the first instance runs, the other half while it is down.
        void AskEveryChat()
        {
            for (var chat = 1; chat <= Chats; chat++)
            {
                api.EnqueueText(userId: chat, "кто подписал договор");
            }
        }

        for (var round = 0; round < PerChat / 2; round++)
        {
            AskEveryChat();
        }

        var first = await BotHost.StartAsync(api, Fast);
        await Eventually.UntilAsync(() => api.Delivered().Count() >= 15);
        await first.DisposeAsync();
        var afterStop = api.Delivered().Count();
        var callsAtStop = api.Calls.Count();
        for (var round = PerChat / 2; round < PerChat; round++)
        {
            AskEveryChat();
        }

        Assert.InRange(afterStop, 15, Chats * PerChat / 2);

        await using var second = await BotHost.StartAsync(api, Fast);
        await Eventually.UntilAsync(() => api.Delivered().Count() >= Chats * PerChat, TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(() => api.Unconfirmed().Count == 0);

        // The stopped instance made no call once stopped: the next call the fake saw is the second instance introducing itself.
        Assert.Equal("getMe", api.Calls.ElementAt(callsAtStop).Method);
        Assert.All(api.Delivered().GroupBy(c => c.ChatId), g => Assert.Equal(PerChat, g.Count()));
        Assert.Equal(Chats * PerChat, api.Delivered().Count());
    }

    [Fact]
    public async Task Load_ThousandQuestionsFromHundredChats_OurLimitsHoldAndAllAreAnswered()
    {
        // The bot's global limit and the fake's count on one fake clock: the bot waits on it, and the fake stamps
        // arrivals with it, so a stall of this machine cannot bunch sends together (on the wall clock, 290 sends once
        // arrived within one second here).
        const int PerSecond = 250;
        var clock = new WaitingClock();
        await using var api = await FakeBotApi.StartAsync(time: clock);
        api.EnforceLimits(perChatPerSecond: 20, globalPerSecond: 500);
        await using var bot = await BotHost.StartAsync(api, new Dictionary<string, string?>
        {
            ["Delivery:PerChatPerSecond"] = "10",
            ["Delivery:PerChatBurst"] = "10",
            ["Delivery:GlobalPerSecond"] = PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery:MaxConcurrency"] = "64",
        }, time: clock);

        for (var i = 0; i < 10; i++)
        {
            for (var chat = 1; chat <= 100; chat++)
            {
                api.EnqueueText(userId: chat, i % 2 == 0 ? "кто подписал договор" : "when was the treaty signed", languageCode: "en");
            }
        }

        // The bot sends a second's worth, then waits on the clock for the next. On the fake clock the network takes no
        // time, so each second's sends are let arrive before the clock moves on.
        for (var second = 1; second * PerSecond <= 1000; second++)
        {
            await Eventually.UntilAsync(() => api.Sent().Count() >= second * PerSecond, TimeSpan.FromSeconds(30));
            if (second * PerSecond < 1000)
            {
                await clock.EndNextWaitAsync();
            }
        }

        Assert.Equal(0, api.TooManyRequests);
        Assert.Equal(1000, api.Delivered().Count());

        // Telegram counts every sliding second, not fixed ones: checked on the fake's own arrival times.
        Assert.Equal(PerSecond, MostInAnyWindow(api.Sent().Select(c => c.At), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task RepeatedTooManyRequests_OneChat_TheReplyStillArrives()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        api.Fail("sendMessage", (HttpStatusCode)429, "Too Many Requests: retry after 1", times: 6, retryAfter: 1);
        await using var bot = await BotHost.StartAsync(api, Fast, logs);

        api.EnqueueText(userId: 7, "кто подписал договор");
        await Eventually.UntilAsync(() => api.Delivered().Any(), TimeSpan.FromSeconds(30));

        Assert.Single(api.Delivered());
        Assert.Equal(7, api.Sent().Count());
        Assert.Empty(api.RetryAfterViolations);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Gave up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TooManyRequestsBeyondTheBudget_OneLineWithChatAndWait_AndOthersGoOn()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        api.Fail("sendMessage", (HttpStatusCode)429, "Too Many Requests: retry after 30", retryAfter: 30);
        await using var bot = await BotHost.StartAsync(api, new Dictionary<string, string?>(Fast) { ["Delivery:ReplyBudgetSeconds"] = "5" }, logs);

        api.EnqueueText(userId: 8, "кто подписал договор");
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.Contains("Gave up", StringComparison.Ordinal)));
        api.EnqueueText(userId: 9, "кто подписал договор");
        await Eventually.UntilAsync(() => api.Delivered().Any(c => c.ChatId == 9));

        var line = Assert.Single(logs.Lines, l => l.Contains("Gave up", StringComparison.Ordinal));
        Assert.Contains("chat 8", line, StringComparison.Ordinal);
        Assert.Contains("00:00:30", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" | ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Delivered(), c => c.ChatId == 8);
    }

    [Fact]
    public async Task GroupLimit_BurstInOneGroup_NoMinuteHoldsMoreThanTheLimit()
    {
        const long Group = -100777;
        var clock = new WaitingClock();
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, new Dictionary<string, string?>(Fast) { ["Delivery:PerGroupPerMinute"] = "3" }, time: clock);

        // Five members ask at once (different senders: flood control is per sender).
        for (var member = 1; member <= 5; member++)
        {
            api.EnqueueText(userId: 700 + member, "/ask кто подписал договор", chat: FakeBotApi.Group(Group));
        }

        // The bot holds the fourth send for a minute: on the fake clock, so the test need not wait it out.
        await api.WaitForAsync("sendMessage", 3);
        var held = await clock.EndNextWaitAsync();
        await Eventually.UntilAsync(() => api.Delivered().Count(c => c.ChatId == Group) >= 5);

        // Telegram counts every sliding minute: checked on the fake's own arrival times, on the same clock.
        Assert.InRange(held, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) + SendWindows.NetworkMargin);
        var sends = api.Sent().Where(c => c.ChatId == Group).Select(c => c.At).ToList();
        Assert.Equal(5, sends.Count);
        Assert.Equal(3, MostInAnyWindow(sends, TimeSpan.FromMinutes(1)));
    }

    /// <summary>The most timestamps that fall in any one window of <paramref name="window"/>.</summary>
    internal static int MostInAnyWindow(IEnumerable<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.Order().ToList();
        var most = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        return most;
    }

    [Fact]
    public async Task PollErrors_BackOffDoublingAndRecover()
    {
        var clock = new WaitingClock();
        await using var api = await FakeBotApi.StartAsync(time: clock);
        api.Fail("getUpdates", HttpStatusCode.BadGateway, "Bad Gateway", times: 3);
        await using var bot = await BotHost.StartAsync(api, new Dictionary<string, string?> { ["Delivery:PollBackoffInitialMilliseconds"] = "100" }, time: clock);

        // After each failed poll the bot pauses on the clock; the clock moves to the end of each pause.
        for (var failure = 0; failure < 3; failure++)
        {
            await clock.EndNextWaitAsync();
        }

        api.EnqueueText(userId: 1, "кто подписал договор");
        await api.WaitForAsync("sendMessage", 1);

        // On the fake's arrival times: 100 ms, then doubling, each within the ±20 % jitter.
        var polls = api.Calls.Where(c => c.Method == "getUpdates").Take(4).Select(c => c.At).ToList();
        var pauses = polls.Zip(polls.Skip(1), (a, b) => b - a).ToList();
        Assert.Equal(3, pauses.Count);
        for (var i = 0; i < pauses.Count; i++)
        {
            Assert.InRange(pauses[i], TimeSpan.FromMilliseconds(80 << i), TimeSpan.FromMilliseconds(120 << i));
        }
    }

    [Fact]
    public async Task Conflict_IsExplainedAndPollingGoesOn()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        api.Fail("getUpdates", HttpStatusCode.Conflict, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        await using var bot = await BotHost.StartAsync(api, Fast, logs);

        api.EnqueueText(userId: 1, "кто подписал договор");
        await api.WaitForAsync("sendMessage", 1);

        Assert.Contains(logs.Lines, l => l.Contains("another instance", StringComparison.Ordinal) && l.Contains("deleteWebhook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevokedToken_StopsTheBotWithAClearMessage()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        api.Fail("getUpdates", HttpStatusCode.Unauthorized, "Unauthorized");
        await using var bot = await BotHost.StartAsync(api, Fast, logs);

        var lifetime = bot.Services.GetRequiredService<IHostApplicationLifetime>();
        await Eventually.UntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Contains(logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("revoked", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(api.Token, StringComparison.Ordinal));
    }
}
