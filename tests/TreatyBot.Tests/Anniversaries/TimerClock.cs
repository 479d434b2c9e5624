using Microsoft.Extensions.Time.Testing;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Anniversaries;

/// <summary>
/// A fake clock that knows the timers set on it (Task.Delay, timeouts) and can jump to the earliest of them: a year of
/// the bot's sleeps passes in seconds, and the clock stands still while the bot works (it moves only when the bot is
/// waiting for it again), so the times a <see cref="FakeBotApi"/> on this clock records are exactly when the bot acted.
/// </summary>
internal sealed class TimerClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock gate = new();
    private readonly Dictionary<object, DateTimeOffset> live = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var key = new object();
        var timer = base.CreateTimer(
            s =>
            {
                Forget(key);
                callback(s);
            },
            state,
            dueTime,
            period);
        Schedule(key, dueTime);
        return new Tracked(this, key, timer);
    }

    /// <summary>
    /// Waits (in real time, up to 20 s) until the code waits on the clock, then moves the clock to the earliest timer,
    /// or to <paramref name="limit"/> if that comes first.
    /// </summary>
    public async Task AdvanceToNextTimerAsync(DateTimeOffset limit)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            DateTimeOffset? next;
            lock (gate)
            {
                next = live.Count == 0 ? null : live.Values.Min();
            }

            if (next is { } due)
            {
                var to = due < limit ? due : limit;
                Advance(to > GetUtcNow() ? to - GetUtcNow() : TimeSpan.Zero);
                return;
            }

            try
            {
                await Task.Delay(1, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Nothing waits on the clock at {GetUtcNow():O}");
            }
        }
    }

    private void Schedule(object key, TimeSpan dueTime)
    {
        lock (gate)
        {
            // A timer due now has fired already (the fake fires it as it is set); one never due is not waiting.
            if (dueTime == Timeout.InfiniteTimeSpan || dueTime <= TimeSpan.Zero)
            {
                live.Remove(key);
            }
            else
            {
                live[key] = GetUtcNow() + dueTime;
            }
        }
    }

    private void Forget(object key)
    {
        lock (gate)
        {
            live.Remove(key);
        }
    }

    private sealed class Tracked(TimerClock clock, object key, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Schedule(key, dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Forget(key);
            inner.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            clock.Forget(key);
            await inner.DisposeAsync();
        }
    }
}
