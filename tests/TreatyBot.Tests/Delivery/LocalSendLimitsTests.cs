using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TreatyBot.Delivery;

namespace TreatyBot.Tests.Delivery;

/// <summary>
/// The limits of one process keep every sliding window within its limit, as Telegram counts (not only fixed ones), and
/// count a chat's sends when they leave, not before a wait for the bot's window.
/// </summary>
public sealed class LocalSendLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(3, 0, 20)] // the bot-wide window: 3 a second, 20 sends to 20 chats
    [InlineData(20, 1, 50)] // a group's: 20 a minute, 50 sends to one group
    public async Task TakeAsync_BurstOfSends_NoWindowHoldsMoreThanTheLimit(int limit, int group, int sends)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero));
        var window = group == 1 ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1);
        var settings = group == 1
            ? new DeliveryOptions { GlobalPerSecond = 10_000, PerGroupPerMinute = limit, PerChatBurst = 10_000, PerChatPerSecond = 10_000 }
            : new DeliveryOptions { GlobalPerSecond = limit, PerChatBurst = 10_000, PerChatPerSecond = 10_000 };
        using var limits = new LocalSendLimits(Options.Create(settings), time);
        var released = new List<DateTimeOffset>();
        var waits = Enumerable.Range(1, sends).Select(async i =>
        {
            // The time the send was counted at: the clock may have moved on before this continuation runs.
            var at = await limits.TakeAsync(group == 1 ? -100 : i, Ct);
            lock (released)
            {
                released.Add(at);
            }
        }).ToList();

        // Let the clock run, a tenth of the window at a time, until every send has gone. The sends go on in thread-pool
        // continuations: each step gives them a moment on the real clock (a busy pool can hold them back; with only a
        // yield between steps the loop once ran out of steps ahead of them, and the test then waited for ever). A send
        // still waiting after 10 000 steps fails the test instead of hanging it.
        var all = Task.WhenAll(waits);
        for (var step = 0; step < 10_000 && !all.IsCompleted; step++)
        {
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, Ct));
            time.Advance(window / 10);
        }

        Assert.True(all.IsCompleted, $"{waits.Count(w => !w.IsCompleted)} of {sends} sends still wait after 1 000 windows");
        await all;
        Assert.Equal(sends, released.Count);
        var times = released.Order().ToList();
        for (var i = limit; i < times.Count; i++)
        {
            // The send limit places earlier is at least a whole window (and the network margin) older.
            Assert.True(times[i] - times[i - limit] >= window + SendWindows.NetworkMargin, $"sends {i - limit} and {i} are {times[i] - times[i - limit]} apart");
        }

        Assert.Equal(times[0], times[limit - 1]);
    }

    [Fact]
    public async Task WaitAsync_AChatsSendsQueuedBehindTheBotWideWindow_AreCountedWhenTheyLeave_NotBunchedThen()
    {
        // The bot-wide window (5) is the bottleneck; chat 42 may send 2 in its window. Twenty sends of other chats are
        // queued first, so chat 42's wait in the bot-wide queue; counted in the chat's window before that wait, its four
        // sends would all leave within one window at the end.
        using var limits = new LocalSendLimits(
            Options.Create(new DeliveryOptions { GlobalPerSecond = 5, PerChatBurst = 2, PerChatPerSecond = 2 }), TimeProvider.System);
        var others = Enumerable.Range(1, 20).Select(chat => ReleaseAsync(limits, chat)).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        var chat42 = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ReleaseAsync(limits, 42)));
        await Task.WhenAll(others);

        // Counted on the test's own clock in 0.8 s windows: the chat's window is 1.2 s (a second and the network margin).
        Assert.InRange(DeliveryTests.MostInAnyWindow(chat42, TimeSpan.FromSeconds(0.8)), 1, 2);
    }

    private static async Task<DateTimeOffset> ReleaseAsync(LocalSendLimits limits, long chat)
    {
        await limits.WaitAsync(chat, Ct);
        return DateTimeOffset.UtcNow;
    }
}
