using System.Globalization;
using StackExchange.Redis;

namespace TreatyBot.Storage;

/// <summary>
/// <see cref="IFeedback"/> on Redis, shared by every replica, with no id: the hash <c>{prefix}:feedback-votes</c>, a
/// field per press keyed by its <see cref="VoterKey"/> (32 bytes) holding <c>{fact}|{1 or -1}|{day number}</c>, and the
/// sorted set <c>{prefix}:feedback-days</c> of the same keys scored by day, for pruning. The key's secret is the string
/// <c>{prefix}:feedback-secret</c>, made by the first vote of any replica (SET NX) and read by all, so a person's two
/// presses on two replicas get the same key; it is kept beside the votes, as SQLite keeps it in the same file (a key is a
/// pseudonym, not anonymity). Redis must not evict it: run it with a <c>noeviction</c> (or <c>volatile-*</c>) policy.
/// A vote is one script: two presses at once by one person read and write in turn.
/// </summary>
internal sealed class RedisFeedback(RedisConnection connection) : IFeedback
{
    /// <summary>KEYS votes, days; ARGV voter, fact, vote, day number. 0 unchanged, 1 counted, 2 changed.</summary>
    private const string VoteScript = """
        local before = redis.call('HGET', KEYS[1], ARGV[1])
        local vote = nil
        if before then vote = string.match(before, '|(-?%d+)|') end
        if vote == ARGV[3] then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4])
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
        if before then return 2 end
        return 1
        """;

    /// <summary>KEYS votes, days; ARGV the first day number kept. Returns the votes deleted.</summary>
    private const string PruneScript = """
        local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
        for i = 1, #old, 500 do
            redis.call('HDEL', KEYS[1], unpack(old, i, math.min(i + 499, #old)))
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
        return #old
        """;

    private readonly RedisKey votes = connection.Key("feedback-votes");
    private readonly RedisKey days = connection.Key("feedback-days");
    private readonly RedisKey secretKey = connection.Key("feedback-secret");
    private byte[]? secret;

    public async Task<VoteResult> VoteAsync(Voter voter, string factId, Vote vote, DateOnly day, CancellationToken cancellationToken)
    {
        var key = VoterKey.Compute(secret ??= await SecretAsync(), voter);
        var result = (int)await connection.RunAsync(db => db.ScriptEvaluateAsync(
            VoteScript,
            [votes, days],
            [key, factId, ((int)vote).ToString(CultureInfo.InvariantCulture), day.DayNumber]));
        return result switch
        {
            0 => VoteResult.Unchanged,
            1 => VoteResult.Counted,
            _ => VoteResult.Changed,
        };
    }

    public async Task<IReadOnlyList<FactVotes>> CountAsync(DateOnly since, CancellationToken cancellationToken)
    {
        var all = await connection.RunAsync(db => db.HashGetAllAsync(votes));
        return [.. all
            .Select(entry => entry.Value.ToString().Split('|'))
            .Where(parts => parts.Length == 3 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var number) && number >= since.DayNumber)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .Select(fact => new FactVotes(fact.Key, fact.Count(p => p[1] == "1"), fact.Count(p => p[1] == "-1")))
            .OrderBy(v => v.FactId, StringComparer.Ordinal)];
    }

    public async Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken) =>
        (int)await connection.RunAsync(db => db.ScriptEvaluateAsync(PruneScript, [votes, days], [before.DayNumber]));

    /// <summary>The installation's secret: the one stored, or, on the first vote ever, a new one (the first replica to write it wins).</summary>
    private Task<byte[]> SecretAsync() => connection.RunAsync(async db =>
    {
        await db.StringSetAsync(secretKey, VoterKey.NewSecret(), when: When.NotExists);
        var stored = await db.StringGetAsync(secretKey);
        return stored.HasValue && ((byte[])stored!).Length == VoterKey.Length
            ? (byte[])stored!
            : throw new InvalidOperationException("feedback-secret in Redis is not a secret of this bot's");
    });
}
