using Microsoft.Extensions.Options;

namespace TreatyBot.Conversations;

/// <summary>What the bot does with one more question from a sender.</summary>
internal enum FloodVerdict
{
    /// <summary>Answer it.</summary>
    Allowed,

    /// <summary>The sender just went over the limit: tell them, once, to slow down.</summary>
    SlowDown,

    /// <summary>The sender is over the limit and has been told: say nothing.</summary>
    Ignored,
}

/// <summary>
/// A per-sender limit, so one user flooding the bot does not slow it down for others. Up to
/// <see cref="FloodOptions.MaxQuestions"/> questions within <see cref="FloodOptions.Window"/> (a sliding window) are
/// answered; the next one earns one "slow down", and from then the sender is ignored until a whole window has passed.
/// Ignored questions cost nothing: no answer is computed and nothing is sent. Safe to call from several threads.
/// This process's count: the limit with SQLite, and the fallback of <see cref="RedisFloodControl"/> while Redis is away.
/// </summary>
internal sealed class FloodControl(IOptions<FloodOptions> options, TimeProvider time) : IFloodControl
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, Sender> senders = [];
    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;

    private int MaxQuestions => options.Value.MaxQuestions;

    private TimeSpan Window => options.Value.Window;

    /// <summary>Counts one question of <paramref name="senderId"/> and says what to do with it.</summary>
    public ValueTask<FloodVerdict> CheckAsync(long senderId, CancellationToken cancellationToken) => new(Check(senderId));

    /// <summary>Whether <paramref name="senderId"/> is being ignored now; does not count as a question.</summary>
    public ValueTask<bool> IsFloodingAsync(long senderId, CancellationToken cancellationToken) => new(IsFlooding(senderId));

    /// <summary>Counts one question of <paramref name="senderId"/> and says what to do with it.</summary>
    public FloodVerdict Check(long senderId)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            Sweep(now);
            if (!senders.TryGetValue(senderId, out var sender))
            {
                senders[senderId] = sender = new Sender();
            }

            if (sender.BlockedUntil is { } until)
            {
                if (now < until)
                {
                    return FloodVerdict.Ignored;
                }

                sender.BlockedUntil = null;
                sender.Recent.Clear();
            }

            while (sender.Recent.TryPeek(out var oldest) && oldest <= now - Window)
            {
                sender.Recent.Dequeue();
            }

            if (sender.Recent.Count < MaxQuestions)
            {
                sender.Recent.Enqueue(now);
                sender.Latest = now;
                return FloodVerdict.Allowed;
            }

            sender.Recent.Clear();
            sender.BlockedUntil = now + Window;
            return FloodVerdict.SlowDown;
        }
    }

    /// <summary>Whether <paramref name="senderId"/> is being ignored now; does not count as a question.</summary>
    public bool IsFlooding(long senderId)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            return senders.TryGetValue(senderId, out var sender) && sender.BlockedUntil is { } until && now < until;
        }
    }

    /// <summary>Once a window, forgets senders with nothing left to remember, so the table holds only recent senders.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < nextSweep)
        {
            return;
        }

        nextSweep = now + Window;
        foreach (var (id, sender) in senders)
        {
            var blocked = sender.BlockedUntil is { } until && now < until;
            if (!blocked && sender.Latest <= now - Window)
            {
                senders.Remove(id);
            }
        }
    }

    private sealed class Sender
    {
        public Queue<DateTimeOffset> Recent { get; } = new();

        public DateTimeOffset Latest { get; set; }

        public DateTimeOffset? BlockedUntil { get; set; }
    }
}
