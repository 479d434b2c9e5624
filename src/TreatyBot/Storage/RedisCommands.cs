using StackExchange.Redis;

namespace TreatyBot.Storage;

/// <summary>How the Redis stores send a command: a failure for want of the server is noted on the connection (logged once) and propagates.</summary>
internal static class RedisCommands
{
    public static async Task<T> RunAsync<T>(this RedisConnection connection, Func<IDatabase, Task<T>> command)
    {
        try
        {
            return await command(await connection.DatabaseAsync());
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
