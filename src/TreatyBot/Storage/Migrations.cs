namespace TreatyBot.Storage;

/// <summary>
/// The schema of <c>treatybot.db</c>, step by step. The file records the last step applied in <c>PRAGMA user_version</c>;
/// at start <see cref="SqliteDatabase"/> applies the steps after it, in order, each once. A feature adds its tables as
/// the next step at the end of this list (its SQL beside its store class); a step that has shipped is never edited,
/// reordered or removed, as files out there already carry it.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        SqliteChatSettings.Migration,
        SqliteSubscriptions.Migration,
        CurationSchema.Migration,
    ];
}
