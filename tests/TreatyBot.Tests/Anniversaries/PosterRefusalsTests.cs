using System.Net;
using System.Text.Json.Nodes;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Anniversaries;

/// <summary>What the poster does when Telegram refuses or fails a post, on a fake clock around the signing day.</summary>
public sealed class PosterRefusalsTests
{
    private const long Forum = -100910;
    private const long Group = -100920;
    private const long Admin = 51;

    // 20 January 2027, 00:00 UTC; Moscow's 10:00 post is due at 07:00 UTC.
    private static readonly DateTimeOffset Start = new(2027, 1, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2027, 1, 20, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ClosedTopic_AndClosedGeneralTopic_EndTheSubscription_AfterOneTryEach()
    {
        var clock = new TimerClock(Start);
        using var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, logs: logs, time: clock);
        api.SetMember(Forum, Admin, "administrator");
        api.EnqueueText(Admin, "/subscribe", chat: FakeBotApi.Group(Forum, forum: true), extra: new JsonObject { ["message_thread_id"] = 5, ["is_topic_message"] = true });
        await api.WaitForAsync("sendMessage", 1);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        api.CloseTopic(Forum, 5, deleted: true);
        api.CloseGeneralTopic(Forum);

        // Until the subscription ends; then nothing waits on the clock any more.
        while (!logs.Lines.Any(l => l.Contains($"Chat {Forum}: subscription ended", StringComparison.Ordinal)))
        {
            await clock.AdvanceToNextTimerAsync(Due.AddDays(2));
        }

        api.EnqueueText(Admin, "/subscription", chat: FakeBotApi.Group(Forum, forum: true));
        var all = await api.WaitForAsync("sendMessage", 4);
        Assert.StartsWith("Подписки нет.", all[3].Text, StringComparison.Ordinal);
        var tries = all.Skip(1).Take(2).ToList();
        Assert.All(tries, t => Assert.Equal(Due, t.At));
        Assert.All(tries, t => Assert.True(t.Failed));
        Assert.Equal(5, tries[0].Body["message_thread_id"]?.GetValue<int>());
        Assert.Null(tries[1].Body["message_thread_id"]);
        Assert.Contains(logs.Lines, l => l.Contains($"Chat {Forum}: forum topic 5 is closed or gone", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains($"Chat {Forum}: subscription ended", StringComparison.Ordinal));

        // Refusals Telegram is expected to give (the two posts, and the /subscription reply in the closed general topic)
        // are a warning line each: no error, no stack trace.
        List<string> Refused() => [.. logs.Lines.Where(l => l.Contains($"Telegram refused a message to chat {Forum}", StringComparison.Ordinal))];
        await Eventually.UntilAsync(() => Refused().Count == 3);
        var refused = Refused();
        Assert.All(refused, l => Assert.StartsWith("Warning", l, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TelegramDown_AtTheDueTime_PostIsTriedAgainLaterThatDay_AndSentOnce()
    {
        var clock = new TimerClock(Start);
        await using var api = await FakeBotApi.StartAsync(time: clock);
        await using var bot = await BotHost.StartAsync(api, time: clock);
        api.SetMember(Group, Admin, "administrator");
        api.EnqueueText(Admin, "/subscribe", chat: FakeBotApi.Group(Group));
        await api.WaitForAsync("sendMessage", 1);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        // The first send and all its retries get a 502; the next try succeeds.
        api.Fail("sendMessage", HttpStatusCode.BadGateway, "Bad Gateway", times: 4);
        await RunUntilAsync(clock, Due.AddDays(2));

        var tries = api.Sent().Skip(1).ToList();
        var delivered = Assert.Single(tries, t => !t.Failed);
        Assert.Equal(4, tries.Count(t => t.Failed));
        Assert.All(tries, t => Assert.True(t.At >= Due));
        Assert.True(delivered.At >= Due.AddMinutes(15) && delivered.At < Due.AddHours(1), $"delivered at {delivered.At:O}");
        Assert.Contains("В этот день в 1925 году, 102 года назад", delivered.Text, StringComparison.Ordinal);
    }

    private static async Task RunUntilAsync(TimerClock clock, DateTimeOffset end)
    {
        while (clock.GetUtcNow() < end)
        {
            await clock.AdvanceToNextTimerAsync(end);
        }
    }
}
