namespace TreatyBot.Delivery;

/// <summary>
/// Lets at most <c>limit</c> sends through in every sliding window of <c>window</c>, the way Telegram counts them: a
/// send waits until the one <c>limit</c> places before it is a whole window (plus a margin for the network) old.
/// Waiters go in the order they came. Unlike a token bucket, no burst can put a window over the limit.
/// </summary>
internal sealed class SlidingWindowGate(int limit, TimeSpan window, TimeProvider time) : IDisposable
{
    /// <summary>Sends reach Telegram a little after they leave: so much more spacing keeps its windows within the limit.</summary>
    public static readonly TimeSpan NetworkMargin = TimeSpan.FromMilliseconds(200);

    private readonly Queue<DateTimeOffset> sent = new(limit);
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly TimeSpan spacing = window + NetworkMargin;

    /// <summary>Waits for this send's turn and counts it; returns the time it was counted at.</summary>
    public async Task<DateTimeOffset> WaitAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                while (sent.Count > 0 && now - sent.Peek() >= spacing)
                {
                    sent.Dequeue();
                }

                if (sent.Count < limit)
                {
                    sent.Enqueue(now);
                    return now;
                }

                await Task.Delay(sent.Peek() + spacing - now, time, cancellationToken);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose() => turn.Dispose();
}
