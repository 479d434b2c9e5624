using Microsoft.Data.Sqlite;

namespace TreatyBot.Storage;

/// <summary>Which failures mean "the store cannot be used just now" (worth a polite "try again later"), on either provider.</summary>
internal static class StoreFailures
{
    /// <summary>
    /// A Redis server away or too slow (<see cref="RedisConnection.IsOutage"/>), or SQLite refusing a statement (a lock
    /// held too long, a full or failing disk): the chat's request could not be kept, and may succeed later.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => RedisConnection.IsOutage(exception) || exception is SqliteException;
}
