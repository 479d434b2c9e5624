using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TreatyBot.Storage;
using TreatyBot.Telemetry;

namespace TreatyBot.Conversations;

/// <summary>
/// The per-sender limit of <see cref="FloodControl"/> counted for every replica together, in Redis: a sender who
/// spreads questions over several replicas is limited as if there were one bot. One atomic script per question keeps a
/// sorted set of the sender's recent questions and, once they are over the limit, a "blocked" key that expires a window
/// later; times are the Redis server's (<c>TIME</c>), so the replicas' clocks do not matter, and every key expires a
/// window after its last use. While Redis is away (logged once by <see cref="RedisConnection"/>) this process's
/// <see cref="FloodControl"/> counts instead; what it counted meanwhile is not carried over (it is at most a window's worth).
/// </summary>
internal sealed class RedisFloodControl(RedisConnection connection, FloodControl local, IOptions<FloodOptions> options, BotMetrics metrics) : IFloodControl
{
    // KEYS[1] the sender's recent questions, KEYS[2] the sender's block; ARGV[1] the limit, ARGV[2] the window in
    // microseconds, ARGV[3] a member unique to this question. Returns the FloodVerdict: 0 allowed, 1 slow down, 2 ignored.
    private const string Script = """
        if redis.call('EXISTS', KEYS[2]) == 1 then
          return 2
        end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local window = tonumber(ARGV[2])
        local expiry = math.ceil(window / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('ZADD', KEYS[1], now, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], expiry)
          return 0
        end
        redis.call('DEL', KEYS[1])
        redis.call('SET', KEYS[2], '1', 'PX', expiry)
        return 1
        """;

    public async ValueTask<FloodVerdict> CheckAsync(long senderId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (recent, blocked) = Keys(senderId);
        var micros = settings.Window.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
        try
        {
            var verdict = await connection.RunAsync(db => db.ScriptEvaluateAsync(Script, [recent, blocked], [settings.MaxQuestions, micros, Guid.NewGuid().ToString("N")]));
            return (FloodVerdict)(int)verdict;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            // RunAsync noted the outage on the connection; this process counts meanwhile.
            metrics.RedisFallback("flood");
            return local.Check(senderId);
        }
    }

    public async ValueTask<bool> IsFloodingAsync(long senderId, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.RunAsync(db => db.KeyExistsAsync(Keys(senderId).Blocked));
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            metrics.RedisFallback("flood");
            return local.IsFlooding(senderId);
        }
    }

    /// <summary>The sender's two keys, with the same hash tag so that a Redis Cluster keeps them on one node.</summary>
    private (RedisKey Recent, RedisKey Blocked) Keys(long senderId)
    {
        var tag = "{" + senderId.ToString(CultureInfo.InvariantCulture) + "}";
        return (connection.Key("flood:" + tag), connection.Key("flood:" + tag + ":blocked"));
    }
}
