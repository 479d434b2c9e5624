using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// <see cref="IChatSettings"/> in the table <c>chat_settings</c>: a chat id and its language code, nothing else. The
/// file has one bot process (decision 009), so no choice changes behind its back: the events are never raised.
/// </summary>
internal sealed class SqliteChatSettings(SqliteDatabase database) : IChatSettings
{
    /// <summary>Schema step 1. A row exists only for a chat that chose something; <c>language</c> is a code (<c>ru</c>, <c>en</c>).</summary>
    public static Migration Migration { get; } = new(1, "chat_settings", """
        CREATE TABLE chat_settings (
            chat_id  INTEGER PRIMARY KEY,
            language TEXT
        );
        """);

    public event Action<long>? Changed
    {
        add { }
        remove { }
    }

    public event Action? ChangesMissed
    {
        add { }
        remove { }
    }

    public async Task<Language?> GetLanguageAsync(long chatId, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT language FROM chat_settings WHERE chat_id = $chat";
        command.Parameters.AddWithValue("$chat", chatId);

        // A code this build does not know (written by a newer one) counts as no choice.
        return await command.ExecuteScalarAsync(cancellationToken) is string code ? LanguageExtensions.FromChoice(code) : null;
    }

    public async Task SetLanguageAsync(long chatId, Language language, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken);
        await using var connection = await database.ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO chat_settings (chat_id, language) VALUES ($chat, $language)
            ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language
            """;
        command.Parameters.AddWithValue("$chat", chatId);
        command.Parameters.AddWithValue("$language", language.Code());

        // One statement in autocommit: SQLite has written it to the WAL and synced it (synchronous=FULL) when this returns.
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
