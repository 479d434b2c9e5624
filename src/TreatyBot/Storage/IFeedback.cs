namespace TreatyBot.Storage;

/// <summary>
/// 👍 / 👎 on fact answers, counted per fact. An implementation keeps no id: only a one-way keyed hash of
/// <see cref="Voter"/> (<see cref="VoterKey"/>), enough to know that a second press on one message by one person changes
/// that person's vote. The bot's one store of them: <see cref="SqliteFeedback"/>; a shared store can take its place.
/// </summary>
internal interface IFeedback
{
    /// <summary>Records <paramref name="voter"/>'s vote on the fact their message showed; a second press changes it.</summary>
    Task<VoteResult> VoteAsync(Voter voter, string factId, Vote vote, DateOnly day, CancellationToken cancellationToken);

    /// <summary>The votes per fact cast (or last changed) on <paramref name="since"/> or later.</summary>
    Task<IReadOnlyList<FactVotes>> CountAsync(DateOnly since, CancellationToken cancellationToken);

    /// <summary>Deletes the votes cast (or last changed) before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken);
}

/// <summary>Who pressed, on which message: hashed by the store, never kept.</summary>
internal readonly record struct Voter(long ChatId, long MessageId, long UserId);

internal enum Vote
{
    Down = -1,
    Up = 1,
}

/// <summary>What a press did: a first vote, a vote changed, or the same vote again (nothing changed).</summary>
internal enum VoteResult
{
    Counted,
    Changed,
    Unchanged,
}

/// <summary>A fact's votes.</summary>
internal sealed record FactVotes(string FactId, int Up, int Down);
