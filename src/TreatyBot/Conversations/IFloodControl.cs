namespace TreatyBot.Conversations;

/// <summary>
/// The per-sender limit on questions (<see cref="FloodOptions"/>): <see cref="FloodControl"/> counts in this process's
/// memory; <see cref="RedisFloodControl"/> counts for every replica sharing a Redis server.
/// </summary>
internal interface IFloodControl
{
    /// <summary>Counts one question of <paramref name="senderId"/> and says what to do with it.</summary>
    ValueTask<FloodVerdict> CheckAsync(long senderId, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="senderId"/> is being ignored now; does not count as a question.</summary>
    ValueTask<bool> IsFloodingAsync(long senderId, CancellationToken cancellationToken);
}
