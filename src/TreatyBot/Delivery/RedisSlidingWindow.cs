using StackExchange.Redis;

namespace TreatyBot.Delivery;

/// <summary>
/// A sliding-window limit kept in Redis, shared by every replica: a sorted set of the times sends were counted at, on
/// the Redis server's clock (<c>TIME</c>), so the replicas' own clocks do not matter. One atomic script forgets what is
/// a whole window old and either counts the send (0) or says how long to wait until the oldest that stands in the way
/// is a window old; nothing is counted for a send that must wait. The key expires a window after the last send.
/// </summary>
internal static class RedisSlidingWindow
{
    // KEYS[1] the window; ARGV[1] the limit, ARGV[2] the window in microseconds, ARGV[3] a member unique to this send.
    // Times are microseconds since the epoch (exact in a Lua number until the year 2255).
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local count = redis.call('ZCARD', KEYS[1])
        if count < limit then
          redis.call('ZADD', KEYS[1], now, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
          return 0
        end
        local blocking = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
        return math.max(1, tonumber(blocking[2]) + window - now)
        """;

    /// <summary>Counts one send in <paramref name="key"/> if the window has room; otherwise returns how long to wait.</summary>
    public static async Task<TimeSpan> TryTakeAsync(IDatabase database, RedisKey key, int limit, TimeSpan window)
    {
        var micros = (long)(window.Ticks / (TimeSpan.TicksPerMillisecond / 1000));
        var result = await database.ScriptEvaluateAsync(Script, [key], [limit, micros, Guid.NewGuid().ToString("N")]);
        return TimeSpan.FromTicks((long)result * (TimeSpan.TicksPerMillisecond / 1000));
    }

    /// <summary>Waits on <paramref name="time"/> as long as the window says, until the send is counted.</summary>
    public static async Task TakeAsync(IDatabase database, RedisKey key, int limit, TimeSpan window, TimeProvider time, CancellationToken cancellationToken)
    {
        while (await TryTakeAsync(database, key, limit, window) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
