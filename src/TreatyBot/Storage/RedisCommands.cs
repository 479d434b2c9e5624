using StackExchange.Redis;

namespace TreatyBot.Storage;

/// <summary>
/// How the Redis stores send a command: a failure for want of the server is noted on the connection (logged once) and
/// propagates; an answer after such a failure notes that the server is back.
/// </summary>
internal static class RedisCommands
{
    public static async Task<T> RunAsync<T>(this RedisConnection connection, Func<IDatabase, Task<T>> command)
    {
        try
        {
            var result = await command(await connection.DatabaseAsync());
            connection.Succeeded();
            return result;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            connection.Failed(ex);
            throw;
        }
    }

    public static Task RunAsync(this RedisConnection connection, Func<IDatabase, Task> command) =>
        connection.RunAsync(async database =>
        {
            await command(database);
            return true;
        });
}
