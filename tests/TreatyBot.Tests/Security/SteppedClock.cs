namespace TreatyBot.Tests.Security;

/// <summary>A clock that moves only when a test moves it.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private DateTimeOffset now = new(2025, 1, 20, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
