namespace TreatyBot.Storage;

/// <summary>
/// Which anniversary posts were sent, one entry per chat and local date, and who is sending one now: a poster claims
/// the day before it sends (<see cref="TryClaimAsync"/>), so that of several replicas exactly one posts, then records it
/// (<see cref="RecordAsync"/>) or gives it back (<see cref="ReleaseAsync"/>). A claim neither recorded nor released (its
/// replica crashed while sending) lapses after its lease, and another may post: a crash costs one duplicate at most.
/// See docs/decisions/010-anniversary-posts.md.
/// </summary>
internal interface IPostedLog
{
    /// <summary>Whether the day's post of the chat is recorded (claims do not count).</summary>
    Task<bool> WasPostedAsync(long chatId, DateOnly date, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the day's post of the chat for <paramref name="lease"/>: false if it is recorded, or claimed by an earlier
    /// call (of this process or another) whose lease has not run out. A store that cannot be reached throws: no claim.
    /// </summary>
    Task<bool> TryClaimAsync(long chatId, DateOnly date, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>The post went out (or was refused for good): the day is done for the chat; again is a no-op. Durable when it completes.</summary>
    Task RecordAsync(long chatId, DateOnly date, CancellationToken cancellationToken);

    /// <summary>The post was not delivered: this process's claim ends, and another try (here or elsewhere) may claim the day.</summary>
    Task ReleaseAsync(long chatId, DateOnly date, CancellationToken cancellationToken);
}
