using StackExchange.Redis;

namespace TreatyBot.Delivery;

/// <summary>
/// Sliding-window limits kept in Redis, shared by every replica: per window a sorted set of the times sends were counted
/// at, on the Redis server's clock (<c>TIME</c>), so the replicas' own clocks do not matter. One atomic script forgets
/// what is a whole window old in each window a send is subject to and either counts the send in all of them at once (0)
/// or counts it nowhere and says how long to wait until the oldest that stands in the way is a window old, and in which
/// window. Counting a send in its chat's window only when the bot-wide window also has room keeps the chat's count at
/// the time the send really leaves: taken one after the other, a chat's sends counted early could wait for the bot-wide
/// window and then leave bunched with later ones. A key expires a window after its last send.
/// </summary>
internal static class RedisSlidingWindow
{
    // KEYS the windows; ARGV[2i-1] the limit and ARGV[2i] the length in microseconds of window i, the last ARGV a member
    // unique to this send. Returns {0, 0} when counted, else {wait in microseconds, index of the window in the way}.
    // Times are microseconds since the epoch (exact in a Lua number until the year 2255).
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local wait, blocker = 0, 0
        for i, key in ipairs(KEYS) do
          local limit = tonumber(ARGV[2 * i - 1])
          local window = tonumber(ARGV[2 * i])
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          local count = redis.call('ZCARD', key)
          if count >= limit then
            local blocking = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
            local until_free = math.max(1, tonumber(blocking[2]) + window - now)
            if until_free > wait then
              wait, blocker = until_free, i
            end
          end
        end
        if wait > 0 then
          return {wait, blocker}
        end
        for i, key in ipairs(KEYS) do
          redis.call('ZADD', key, now, ARGV[#ARGV])
          redis.call('PEXPIRE', key, math.ceil(tonumber(ARGV[2 * i]) / 1000))
        end
        return {0, 0}
        """;

    /// <summary>Counts one send in <paramref name="key"/> if the window has room; otherwise returns how long to wait.</summary>
    public static async Task<TimeSpan> TryTakeAsync(IDatabase database, RedisKey key, int limit, TimeSpan window) =>
        (await TryTakeAsync(database, [new Window(key, limit, window)])).Wait;

    /// <summary>
    /// Counts one send in every window if all have room; otherwise counts nothing and returns how long to wait and the
    /// index of the window in the way (the one to wait longest for).
    /// </summary>
    public static async Task<(TimeSpan Wait, int Blocker)> TryTakeAsync(IDatabase database, IReadOnlyList<Window> windows)
    {
        var keys = new RedisKey[windows.Count];
        var values = new RedisValue[(windows.Count * 2) + 1];
        for (var i = 0; i < windows.Count; i++)
        {
            keys[i] = windows[i].Key;
            values[2 * i] = windows[i].Limit;
            values[(2 * i) + 1] = Micros(windows[i].Length);
        }

        values[^1] = Guid.NewGuid().ToString("N");
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(Script, keys, values))!;
        return (TimeSpan.FromTicks((long)result[0] * (TimeSpan.TicksPerMillisecond / 1000)), (int)result[1] - 1);
    }

    /// <summary>Waits on <paramref name="time"/> as long as the window says, until the send is counted.</summary>
    public static async Task TakeAsync(IDatabase database, RedisKey key, int limit, TimeSpan window, TimeProvider time, CancellationToken cancellationToken)
    {
        while (await TryTakeAsync(database, key, limit, window) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static long Micros(TimeSpan span) => span.Ticks / (TimeSpan.TicksPerMillisecond / 1000);

    /// <summary>One sliding window: its key, how many sends it lets through, and how long it is.</summary>
    public readonly record struct Window(RedisKey Key, int Limit, TimeSpan Length);
}
