using Microsoft.Extensions.Time.Testing;
using TreatyBot.Delivery;

namespace TreatyBot.Tests.Delivery;

/// <summary>The sliding-window gate keeps every window within its limit, as Telegram counts, not only fixed ones.</summary>
public sealed class SlidingWindowGateTests
{
    [Theory]
    [InlineData(3, 1, 20)]
    [InlineData(20, 60, 50)]
    public async Task WaitAsync_BurstOfSends_NoWindowHoldsMoreThanTheLimit(int limit, int windowSeconds, int sends)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero));
        var window = TimeSpan.FromSeconds(windowSeconds);
        using var gate = new SlidingWindowGate(limit, window, time);
        var released = new List<DateTimeOffset>();
        var waits = Enumerable.Range(0, sends).Select(async _ =>
        {
            // The time the gate counted the send at: the clock may have moved on before this continuation runs.
            var at = await gate.WaitAsync(TestContext.Current.CancellationToken);
            lock (released)
            {
                released.Add(at);
            }
        }).ToList();

        // Let the clock run, a tenth of the window at a time, until every send has gone.
        for (var step = 0; step < 10_000 && waits.Any(w => !w.IsCompleted); step++)
        {
            await Task.Yield();
            time.Advance(window / 10);
        }

        await Task.WhenAll(waits);
        Assert.Equal(sends, released.Count);
        var times = released.Order().ToList();
        for (var i = limit; i < times.Count; i++)
        {
            // The send limit places earlier is at least a whole window older.
            Assert.True(times[i] - times[i - limit] >= window + SlidingWindowGate.NetworkMargin, $"sends {i - limit} and {i} are {times[i] - times[i - limit]} apart");
        }

        Assert.Equal(times[0], times[limit - 1]);
    }
}
