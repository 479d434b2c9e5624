namespace TreatyBot.Storage;

/// <summary>
/// Which anniversary posts were sent: one entry per chat and local date, so that no chat gets the same day's post
/// twice, also across restarts. Written once a post has gone out; see docs/decisions/010-anniversary-posts.md for the
/// crash between the two.
/// </summary>
internal interface IPostedLog
{
    Task<bool> WasPostedAsync(long chatId, DateOnly date, CancellationToken cancellationToken);

    /// <summary>Records the day's post of the chat (again is a no-op); durable when it completes.</summary>
    Task RecordAsync(long chatId, DateOnly date, CancellationToken cancellationToken);
}
