namespace TreatyBot.Telemetry;

/// <summary>When the Bot API last answered this process; <c>/readyz</c> reads it.</summary>
internal sealed class BotApiStatus(TimeProvider time)
{
    private long lastAnswerTicks = long.MinValue;

    /// <summary>The last answer from the Bot API, or null before the first one.</summary>
    public DateTimeOffset? LastAnswer =>
        Interlocked.Read(ref lastAnswerTicks) is var ticks && ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    public void Answered() => Interlocked.Exchange(ref lastAnswerTicks, time.GetUtcNow().UtcTicks);
}
