using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace TreatyBot.Tests.Fakes;

/// <summary>
/// A fake clock that moves only when the test moves it, and that tells the test whenever the code starts waiting on
/// it (a timer or Task.Delay). <see cref="EndNextWaitAsync"/> moves it to exactly the end of that wait: the bot's
/// pauses take no real time, and the times a <see cref="FakeBotApi"/> on the same clock records are exactly the pauses
/// the bot chose, on any machine, however loaded.
/// </summary>
public sealed class WaitingClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> waits = Channel.CreateUnbounded<TimeSpan>();

    public WaitingClock()
        : base(new DateTimeOffset(2025, 1, 20, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        // The curation log's pruner waits its interval from the start on: housekeeping, not a pause under test.
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && dueTime != TreatyBot.Curation.CurationPruner.Interval)
        {
            waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>
    /// Waits (in real time, up to <paramref name="timeout"/>) until the code starts a wait on this clock, then moves the
    /// clock to the end of it; returns how long that wait was.
    /// </summary>
    public async Task<TimeSpan> EndNextWaitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        TimeSpan wait;
        try
        {
            wait = await waits.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The code never started a wait on the clock.");
        }

        Advance(wait);
        return wait;
    }
}
