using System.Globalization;
using Microsoft.Data.Sqlite;
using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// <see cref="ISubscriptions"/> in the table <c>subscriptions</c> (one row per chat) and <see cref="IPostedLog"/> in
/// <c>posted</c> (one row per chat and local date, its primary key: the same post cannot be recorded twice). Claims are
/// held in this object's memory, not in the file: a SQLite file has one bot process (decision 009), whose one poster
/// is the only claimer, so a claim needs to outlive neither the process nor reach another; leases run on
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SqliteSubscriptions(SqliteDatabase database, TimeProvider time) : ISubscriptions, IPostedLog
{
    /// <summary>Never raised: the file has one bot process, whose own commands wake its poster directly.</summary>
    public event Action? Changed
    {
        add { }
        remove { }
    }

    /// <summary>
    /// Schema step 2. <c>post_at</c> is the local time as HH:MM, <c>zone</c> an IANA name, <c>thread_id</c> the forum
    /// topic (null: the chat itself, or a forum's general topic); <c>posted.day</c> is the chat's local date, YYYY-MM-DD.
    /// </summary>
    public static Migration Migration { get; } = new(2, "subscriptions", """
        CREATE TABLE subscriptions (
            chat_id   INTEGER PRIMARY KEY,
            thread_id INTEGER,
            post_at   TEXT NOT NULL,
            zone      TEXT NOT NULL,
            language  TEXT NOT NULL
        );
        CREATE TABLE posted (
            chat_id INTEGER NOT NULL,
            day     TEXT NOT NULL,
            PRIMARY KEY (chat_id, day)
        ) WITHOUT ROWID;
        """);

    private const string TimeFormat = "HH:mm";
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>Past this many claims held, the lapsed ones are dropped (a claim is normally recorded or released at once).</summary>
    private const int ClaimsKept = 1024;

    /// <summary>The claims held now: chat and local date, and when the lease runs out.</summary>
    private readonly Dictionary<(long Chat, DateOnly Date), DateTimeOffset> claims = [];

    public async Task SubscribeAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            """
            INSERT INTO subscriptions (chat_id, thread_id, post_at, zone, language) VALUES ($chat, $thread, $at, $zone, $language)
            ON CONFLICT (chat_id) DO UPDATE SET thread_id = excluded.thread_id, post_at = excluded.post_at,
                zone = excluded.zone, language = excluded.language
            """,
            command =>
            {
                command.Parameters.AddWithValue("$chat", subscription.ChatId);
                command.Parameters.AddWithValue("$thread", (object?)subscription.ThreadId ?? DBNull.Value);
                command.Parameters.AddWithValue("$at", subscription.At.ToString(TimeFormat, CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$zone", subscription.Zone);
                command.Parameters.AddWithValue("$language", subscription.Language.Code());
            },
            cancellationToken);
    }

    public async Task<bool> UnsubscribeAsync(long chatId, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM subscriptions WHERE chat_id = $chat", c => c.Parameters.AddWithValue("$chat", chatId), cancellationToken) > 0;

    public async Task<Subscription?> GetAsync(long chatId, CancellationToken cancellationToken) =>
        await QueryAsync("WHERE chat_id = $chat", c => c.Parameters.AddWithValue("$chat", chatId), cancellationToken) is [var found] ? found : null;

    public Task<IReadOnlyList<Subscription>> AllAsync(CancellationToken cancellationToken) =>
        QueryAsync("ORDER BY chat_id", _ => { }, cancellationToken);

    public async Task MoveAsync(long fromChatId, long toChatId, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken);
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE OR IGNORE subscriptions SET chat_id = $to WHERE chat_id = $from;
                DELETE FROM subscriptions WHERE chat_id = $from;
                UPDATE OR IGNORE posted SET chat_id = $to WHERE chat_id = $from;
                DELETE FROM posted WHERE chat_id = $from;
                """;
            command.Parameters.AddWithValue("$from", fromChatId);
            command.Parameters.AddWithValue("$to", toChatId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        // The claims held for the old id follow it (the file's rows moved above).
        lock (claims)
        {
            foreach (var (key, until) in claims.Where(c => c.Key.Chat == fromChatId).ToList())
            {
                claims.Remove(key);
                claims.TryAdd((toChatId, key.Date), until);
            }
        }
    }

    public Task ClearTopicAsync(long chatId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE subscriptions SET thread_id = NULL WHERE chat_id = $chat", c => c.Parameters.AddWithValue("$chat", chatId), cancellationToken);

    public async Task<bool> WasPostedAsync(long chatId, DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM posted WHERE chat_id = $chat AND day = $day";
        command.Parameters.AddWithValue("$chat", chatId);
        command.Parameters.AddWithValue("$day", date.ToString(DayFormat, CultureInfo.InvariantCulture));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<bool> TryClaimAsync(long chatId, DateOnly date, TimeSpan lease, CancellationToken cancellationToken)
    {
        // The claim first, then the file: a claimer that finds the row missing after holding the claim knows that no
        // other claim is recording it meanwhile (RecordAsync writes the row before it lets its claim go).
        var now = time.GetUtcNow();
        lock (claims)
        {
            if (claims.TryGetValue((chatId, date), out var until) && until > now)
            {
                return false;
            }

            if (claims.Count >= ClaimsKept)
            {
                foreach (var lapsed in claims.Where(c => c.Value <= now).Select(c => c.Key).ToList())
                {
                    claims.Remove(lapsed);
                }
            }

            claims[(chatId, date)] = now + lease;
        }

        try
        {
            if (!await WasPostedAsync(chatId, date, cancellationToken))
            {
                return true;
            }
        }
        catch
        {
            Forget(chatId, date);
            throw;
        }

        Forget(chatId, date);
        return false;
    }

    public async Task RecordAsync(long chatId, DateOnly date, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "INSERT OR IGNORE INTO posted (chat_id, day) VALUES ($chat, $day)",
            command =>
            {
                command.Parameters.AddWithValue("$chat", chatId);
                command.Parameters.AddWithValue("$day", date.ToString(DayFormat, CultureInfo.InvariantCulture));
            },
            cancellationToken);
        Forget(chatId, date);
    }

    public Task ReleaseAsync(long chatId, DateOnly date, CancellationToken cancellationToken)
    {
        Forget(chatId, date);
        return Task.CompletedTask;
    }

    private void Forget(long chatId, DateOnly date)
    {
        lock (claims)
        {
            claims.Remove((chatId, date));
        }
    }

    private async Task<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken);
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);

        // One statement in autocommit: written to the WAL and synced (synchronous=FULL) when this returns.
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<Subscription>> QueryAsync(string tail, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT chat_id, thread_id, post_at, zone, language FROM subscriptions " + tail;
        bind(command);
        var found = new List<Subscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new Subscription(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetInt32(1),
                TimeOnly.ParseExact(reader.GetString(2), TimeFormat, CultureInfo.InvariantCulture),
                reader.GetString(3),
                LanguageExtensions.FromChoice(reader.GetString(4)) ?? Language.Ru));
        }

        return found;
    }
}
