using Microsoft.Data.Sqlite;

namespace TreatyBot.Storage;

/// <summary>
/// <see cref="IFeedback"/> in the table <c>feedback_votes</c>: per press, the <see cref="VoterKey"/> (32 bytes), the
/// fact, the vote (1 or -1) and the day; no id. The key's secret is made on the first vote and kept in
/// <c>feedback_secret</c> (one row), so keys stay the same across restarts.
/// </summary>
internal sealed class SqliteFeedback(SqliteDatabase database) : IFeedback
{
    /// <summary>Part of schema step <see cref="CurationSchema.Migration"/>.</summary>
    public const string Tables = """
        CREATE TABLE feedback_votes (
            voter   BLOB PRIMARY KEY,
            fact_id TEXT NOT NULL,
            vote    INTEGER NOT NULL,
            day     TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX feedback_votes_day ON feedback_votes (day);
        CREATE TABLE feedback_secret (
            id     INTEGER PRIMARY KEY CHECK (id = 1),
            secret BLOB NOT NULL
        );
        """;

    private byte[]? secret;

    public async Task<VoteResult> VoteAsync(Voter voter, string factId, Vote vote, DateOnly day, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken);
        await using var connection = await database.ConnectAsync(cancellationToken);
        var key = VoterKey.Compute(secret ??= await SecretAsync(connection, cancellationToken), voter);

        // The write lock first (BEGIN IMMEDIATE): two presses at once by one person read and write in turn.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT vote FROM feedback_votes WHERE voter = $voter";
        read.Parameters.AddWithValue("$voter", key);
        var before = await read.ExecuteScalarAsync(cancellationToken) is long found ? (Vote?)(int)found : null;
        if (before == vote)
        {
            return VoteResult.Unchanged;
        }

        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = """
            INSERT INTO feedback_votes (voter, fact_id, vote, day) VALUES ($voter, $fact, $vote, $day)
            ON CONFLICT (voter) DO UPDATE SET vote = excluded.vote, day = excluded.day
            """;
        write.Parameters.AddWithValue("$voter", key);
        write.Parameters.AddWithValue("$fact", factId);
        write.Parameters.AddWithValue("$vote", (int)vote);
        write.Parameters.AddWithValue("$day", SqliteCurationLog.Day(day));
        await write.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return before is null ? VoteResult.Counted : VoteResult.Changed;
    }

    public async Task<IReadOnlyList<FactVotes>> CountAsync(DateOnly since, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT fact_id, SUM(vote = 1), SUM(vote = -1) FROM feedback_votes WHERE day >= $since
            GROUP BY fact_id ORDER BY fact_id
            """;
        command.Parameters.AddWithValue("$since", SqliteCurationLog.Day(since));
        var votes = new List<FactVotes>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            votes.Add(new FactVotes(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return votes;
    }

    public async Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken);
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM feedback_votes WHERE day < $before";
        command.Parameters.AddWithValue("$before", SqliteCurationLog.Day(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The installation's secret, made by the first vote ever (the first of two processes to write it wins).</summary>
    private static async Task<byte[]> SecretAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO feedback_secret (id, secret) VALUES (1, $secret);
            SELECT secret FROM feedback_secret WHERE id = 1;
            """;
        command.Parameters.AddWithValue("$secret", VoterKey.NewSecret());
        return await command.ExecuteScalarAsync(cancellationToken) as byte[]
            ?? throw new InvalidOperationException("feedback_secret holds no secret");
    }
}
