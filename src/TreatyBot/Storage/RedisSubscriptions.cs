using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// <see cref="ISubscriptions"/> and <see cref="IPostedLog"/> on Redis, shared by every replica:
/// <list type="bullet">
/// <item><c>{prefix}:subscriptions</c>, a hash: a field per chat (its id) holding
/// <c>{"thread":77,"at":"10:00","zone":"Europe/Moscow","lang":"ru"}</c> (<c>thread</c> absent for none).</item>
/// <item><c>{prefix}:anniversary-days:{chat}</c>, a hash per chat: a field per local date (YYYY-MM-DD) holding
/// <c>posted</c>, or a claim, <c>{owner}|{lease end, server ms}</c>. Each write keeps the hash
/// <see cref="DaysKept"/> longer and drops dates older than that: a date matters only while it is the chat's current
/// one. Lease ends are on the server's clock (<c>TIME</c>), so replicas' clocks need not agree.</item>
/// </list>
/// A change of a subscription is announced on the channel <c>{prefix}:subscriptions</c> (the chat id), so that every
/// replica's poster looks again (<see cref="Changed"/>), also when Redis comes back (news may have been missed).
/// Claims, records, releases and moves are Lua scripts (atomic on the server). The owner is a random id of this
/// object: a release gives back only this replica's claim, never one another took after a lapse. Several keys in one
/// script: a single Redis server (or a primary with replicas), not a Redis Cluster.
/// </summary>
internal sealed class RedisSubscriptions(RedisConnection connection) : ISubscriptions, IPostedLog
{
    /// <summary>How long a posted day is kept after the chat's last write.</summary>
    public static readonly TimeSpan DaysKept = TimeSpan.FromDays(4);

    private const string TimeFormat = "HH:mm";
    private const string DayFormat = "yyyy-MM-dd";
    private const string Posted = "posted";

    /// <summary>KEYS[1] the chat's days; ARGV date, owner, lease ms, kept ms, oldest date kept. 1 claimed, 0 not.</summary>
    private const string ClaimScript = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        if current == 'posted' then return 0 end
        if current then
            local ends = tonumber(string.match(current, '|(%d+)$'))
            if ends and ends > now then return 0 end
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. (now + tonumber(ARGV[3])))
        for _, day in ipairs(redis.call('HKEYS', KEYS[1])) do
            if day < ARGV[5] then redis.call('HDEL', KEYS[1], day) end
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    /// <summary>KEYS[1] the chat's days; ARGV date, kept ms.</summary>
    private const string RecordScript = """
        redis.call('HSET', KEYS[1], ARGV[1], 'posted')
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    /// <summary>KEYS[1] the chat's days; ARGV date, owner. Deletes the claim only if it is the owner's.</summary>
    private const string ReleaseScript = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if current and string.sub(current, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. '|' then
            redis.call('HDEL', KEYS[1], ARGV[1])
            return 1
        end
        return 0
        """;

    /// <summary>
    /// KEYS[1] subscriptions, KEYS[2] the old chat's days, KEYS[3] the new chat's; ARGV old id, new id, kept ms. The
    /// subscription moves unless the new chat has one (the old one ends either way); days merge, "posted" winning.
    /// </summary>
    private const string MoveScript = """
        local subscription = redis.call('HGET', KEYS[1], ARGV[1])
        if subscription then
            redis.call('HSETNX', KEYS[1], ARGV[2], subscription)
            redis.call('HDEL', KEYS[1], ARGV[1])
        end
        local days = redis.call('HGETALL', KEYS[2])
        for i = 1, #days, 2 do
            if days[i + 1] == 'posted' then
                redis.call('HSET', KEYS[3], days[i], days[i + 1])
            else
                redis.call('HSETNX', KEYS[3], days[i], days[i + 1])
            end
        end
        if #days > 0 then
            redis.call('DEL', KEYS[2])
            redis.call('PEXPIRE', KEYS[3], ARGV[3])
        end
        return 1
        """;

    /// <summary>KEYS[1] subscriptions; ARGV chat. Drops "thread" from the chat's subscription, if it has one.</summary>
    private const string ClearTopicScript = """
        local subscription = redis.call('HGET', KEYS[1], ARGV[1])
        if not subscription then return 0 end
        local decoded = cjson.decode(subscription)
        decoded['thread'] = nil
        redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(decoded))
        return 1
        """;

    private readonly RedisKey subscriptionsKey = connection.Key("subscriptions");
    private readonly RedisChannel changes = connection.Channel("subscriptions");
    private readonly Lock listeners = new();
    private Action? changed;
    private int listening;
    private readonly string owner = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    public event Action? Changed
    {
        add
        {
            lock (listeners)
            {
                if (changed is null)
                {
                    connection.Restored += OnRestored;
                }

                changed += value;
            }

            _ = ListenAsync();
        }

        remove
        {
            lock (listeners)
            {
                changed -= value;
            }
        }
    }

    public Task SubscribeAsync(Subscription subscription, CancellationToken cancellationToken) =>
        connection.RunAsync(async db =>
        {
            await db.HashSetAsync(subscriptionsKey, Field(subscription.ChatId), Encode(subscription));
            await db.PublishAsync(changes, Field(subscription.ChatId));
        });

    public Task<bool> UnsubscribeAsync(long chatId, CancellationToken cancellationToken) =>
        connection.RunAsync(async db =>
        {
            var removed = await db.HashDeleteAsync(subscriptionsKey, Field(chatId));
            await db.PublishAsync(changes, Field(chatId));
            return removed;
        });

    public async Task<Subscription?> GetAsync(long chatId, CancellationToken cancellationToken)
    {
        var value = await connection.RunAsync(db => db.HashGetAsync(subscriptionsKey, Field(chatId)));
        return value.HasValue ? Decode(chatId, value.ToString()) : null;
    }

    public async Task<IReadOnlyList<Subscription>> AllAsync(CancellationToken cancellationToken)
    {
        var entries = await connection.RunAsync(db => db.HashGetAllAsync(subscriptionsKey));
        return [.. entries
            .Select(e => long.TryParse(e.Name.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var chat) ? Decode(chat, e.Value.ToString()) : null)
            .OfType<Subscription>()
            .OrderBy(s => s.ChatId)];
    }

    public Task MoveAsync(long fromChatId, long toChatId, CancellationToken cancellationToken) =>
        connection.RunAsync(async db =>
        {
            await db.ScriptEvaluateAsync(
                MoveScript,
                [subscriptionsKey, DaysKey(fromChatId), DaysKey(toChatId)],
                [Field(fromChatId), Field(toChatId), Milliseconds(DaysKept)]);
            await db.PublishAsync(changes, Field(toChatId));
        });

    public Task ClearTopicAsync(long chatId, CancellationToken cancellationToken) =>
        connection.RunAsync(async db =>
        {
            await db.ScriptEvaluateAsync(ClearTopicScript, [subscriptionsKey], [Field(chatId)]);
            await db.PublishAsync(changes, Field(chatId));
        });

    public async Task<bool> WasPostedAsync(long chatId, DateOnly date, CancellationToken cancellationToken) =>
        await connection.RunAsync(db => db.HashGetAsync(DaysKey(chatId), Day(date))) == Posted;

    public async Task<bool> TryClaimAsync(long chatId, DateOnly date, TimeSpan lease, CancellationToken cancellationToken)
    {
        var oldest = date.AddDays(-(int)DaysKept.TotalDays);
        var claimed = await connection.RunAsync(db => db.ScriptEvaluateAsync(
            ClaimScript,
            [DaysKey(chatId)],
            [Day(date), owner, Milliseconds(lease), Milliseconds(DaysKept), Day(oldest)]));
        return (int)claimed == 1;
    }

    public Task RecordAsync(long chatId, DateOnly date, CancellationToken cancellationToken) =>
        connection.RunAsync(db => db.ScriptEvaluateAsync(RecordScript, [DaysKey(chatId)], [Day(date), Milliseconds(DaysKept)]));

    public Task ReleaseAsync(long chatId, DateOnly date, CancellationToken cancellationToken) =>
        connection.RunAsync(db => db.ScriptEvaluateAsync(ReleaseScript, [DaysKey(chatId)], [Day(date), owner]));

    private RedisKey DaysKey(long chatId) => connection.Key("anniversary-days:" + chatId.ToString(CultureInfo.InvariantCulture));

    private static RedisValue Field(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString(DayFormat, CultureInfo.InvariantCulture);

    private static long Milliseconds(TimeSpan span) => Math.Max(1, (long)span.TotalMilliseconds);

    private static string Encode(Subscription subscription)
    {
        var json = new JsonObject
        {
            ["at"] = subscription.At.ToString(TimeFormat, CultureInfo.InvariantCulture),
            ["zone"] = subscription.Zone,
            ["lang"] = subscription.Language.Code(),
        };
        if (subscription.ThreadId is { } thread)
        {
            json["thread"] = thread;
        }

        return json.ToJsonString();
    }

    /// <summary>A subscription as stored, or null for one this build cannot read (left out, as a row SQLite could not read would fail).</summary>
    private static Subscription? Decode(long chatId, string value)
    {
        if (JsonNode.Parse(value) is not JsonObject json
            || json["at"]?.GetValue<string>() is not { } at
            || !TimeOnly.TryParseExact(at, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            || json["zone"]?.GetValue<string>() is not { } zone)
        {
            return null;
        }

        var thread = json["thread"] is JsonValue number ? number.GetValue<int>() : (int?)null;
        return new Subscription(chatId, thread, time, zone, LanguageExtensions.FromChoice(json["lang"]?.GetValue<string>() ?? "") ?? Language.Ru);
    }

    /// <summary>Listens on the channel once; until it works, each time the server comes back it tries again.</summary>
    private async Task ListenAsync()
    {
        if (Interlocked.Exchange(ref listening, 1) == 1)
        {
            return;
        }

        try
        {
            var subscriber = await connection.SubscriberAsync();
            await subscriber.SubscribeAsync(changes, (_, _) => changed?.Invoke());
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex) || ex is RedisException)
        {
            // Not listening yet: the next time Redis is back (OnRestored) it tries again.
            Volatile.Write(ref listening, 0);
        }
    }

    /// <summary>Redis is back: what was announced meanwhile was not heard, so everyone looks again.</summary>
    private void OnRestored()
    {
        _ = ListenAsync();
        changed?.Invoke();
    }
}
