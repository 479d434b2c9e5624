using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using StackExchange.Redis;
using TreatyBot.Knowledge;
using TreatyBot.Storage;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Storage;

/// <summary>
/// The store contract on a real redis-server, each "replica" a connection of its own; and what only a shared server
/// does: the server killed (a clear failure at once, then working again with the data kept once it is back), claims
/// given back only by their owner, /lang changes announced, posted days kept for days, and no id in what it writes.
/// </summary>
public sealed class RedisStoreTests(RedisFixture redis) : StoreContractTests, IClassFixture<RedisFixture>
{
    private readonly string prefix = RedisFixture.NewPrefix();
    private readonly List<RedisConnection> connections = [];

    protected override TimeSpan ShortLease => TimeSpan.FromMilliseconds(400);

    public override async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private protected override Task<Replica> StartReplicaAsync() => Task.FromResult(Stores(Connect()));

    private protected override async Task<IPostedLog> OtherClaimerAsync(Replica replica) => (await StartReplicaAsync()).Posted;

    protected override Task PassAsync(TimeSpan span) => Task.Delay(span, Ct);

    [Fact]
    public async Task ServerKilled_EveryStoreFailsAtOnceAsAnOutage_ThenWorksAgainWithItsDataOnceTheServerIsBack()
    {
        var logs = new CapturingLoggerProvider();
        var connection = redis.Connect(prefix, logs);
        connections.Add(connection);
        var replica = Stores(connection);
        await replica.Settings.SetLanguageAsync(11, Language.En, Ct);
        await replica.Subscriptions.SubscribeAsync(new Subscription(11, null, new TimeOnly(10, 0), "UTC", Language.Ru), Ct);

        await redis.Server.KillAsync();
        try
        {
            Func<Task>[] calls =
            [
                () => replica.Settings.GetLanguageAsync(11, Ct),
                () => replica.Settings.SetLanguageAsync(11, Language.Ru, Ct),
                () => replica.Subscriptions.AllAsync(Ct),
                () => replica.Posted.TryClaimAsync(11, new DateOnly(2027, 1, 20), TimeSpan.FromMinutes(1), Ct),
                () => replica.Curation.AppendAsync([new(new DateOnly(2027, 1, 20), Language.Ru, CurationOutcome.NoAnswer, "?", [])], Ct),
                () => replica.Feedback.VoteAsync(new Voter(1, 2, 3), "signatories", Vote.Up, new DateOnly(2027, 1, 20), Ct),
            ];
            foreach (var call in calls)
            {
                var stopwatch = Stopwatch.StartNew();
                var failure = await Assert.ThrowsAnyAsync<Exception>(call);
                Assert.True(RedisConnection.IsOutage(failure), failure.ToString());
                Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"failed after {stopwatch.Elapsed}");
            }

            Assert.False(connection.IsAvailable);
        }
        finally
        {
            await redis.Server.StartAgainAsync();
        }

        await Eventually.UntilAsync(() => WorksAsync(() => replica.Settings.GetLanguageAsync(11, Ct)), TimeSpan.FromSeconds(20));
        Assert.Equal(Language.En, await replica.Settings.GetLanguageAsync(11, Ct));
        Assert.Single(await replica.Subscriptions.AllAsync(Ct));
        Assert.True(await replica.Posted.TryClaimAsync(11, new DateOnly(2027, 1, 20), TimeSpan.FromMinutes(1), Ct));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", logs.Lines));
        await Eventually.UntilAsync(() => connection.IsAvailable);
    }

    [Fact]
    public async Task Release_ByAnotherReplica_LeavesTheClaimHeld_ByItsOwner_FreesIt()
    {
        var day = new DateOnly(2027, 5, 14);
        var owner = (await StartReplicaAsync()).Posted;
        var other = (await StartReplicaAsync()).Posted;
        Assert.True(await owner.TryClaimAsync(-12, day, TimeSpan.FromMinutes(10), Ct));

        await other.ReleaseAsync(-12, day, Ct);
        Assert.False(await other.TryClaimAsync(-12, day, TimeSpan.FromMinutes(10), Ct));

        await owner.ReleaseAsync(-12, day, Ct);
        Assert.True(await other.TryClaimAsync(-12, day, TimeSpan.FromMinutes(10), Ct));
    }

    [Fact]
    public async Task PostedDay_IsKeptForDays_NotForever()
    {
        var replica = await StartReplicaAsync();
        await replica.Posted.RecordAsync(-13, new DateOnly(2027, 5, 15), Ct);

        var ttl = await redis.Server.CommandAsync("PTTL", $"{prefix}:anniversary-days:-13");

        var left = TimeSpan.FromMilliseconds(long.Parse(ttl.TrimStart(':'), CultureInfo.InvariantCulture));
        Assert.InRange(left, TimeSpan.FromDays(3), TimeSpan.FromDays(4));
    }

    [Fact]
    public async Task SetLanguage_OnOneReplica_IsAnnouncedToTheOthers_AndAServerRestartSaysChangesMayHaveBeenMissed()
    {
        var writer = (await StartReplicaAsync()).Settings;
        var reader = (await StartReplicaAsync()).Settings;
        var changed = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var missed = 0;
        reader.Changed += changed.Enqueue;
        reader.ChangesMissed += () => Interlocked.Increment(ref missed);

        // The reader listens once its connection is up, which may be before or after the handlers above were added (so
        // its first "changes were missed" may go unseen): the change is made again until the reader hears it.
        await Eventually.UntilAsync(async () => await WorksAsync(() => writer.SetLanguageAsync(-100777, Language.En, Ct)) && changed.Contains(-100777));

        var before = Volatile.Read(ref missed);
        await redis.Server.KillAsync();
        await redis.Server.StartAgainAsync();
        await Eventually.UntilAsync(() => Volatile.Read(ref missed) > before, TimeSpan.FromSeconds(20));

        // Still listening after the restart. The reader subscribes again when its connection is back, which may be after
        // the writer's is: a change published before that is lost to it (Redis keeps no messages), so the change is made
        // again until the reader hears it, as above.
        await Eventually.UntilAsync(async () => await WorksAsync(() => writer.SetLanguageAsync(-100778, Language.Ru, Ct)) && changed.Contains(-100778), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Feedback_WritesNoIdToRedis_OnlyKeyedHashes()
    {
        long[] ids = [7_400_000_101, 7_400_000_102, -1_004_455_660_101];
        var replica = await StartReplicaAsync();
        await replica.Feedback.VoteAsync(new Voter(ids[2], 41, ids[0]), "signatories", Vote.Up, new DateOnly(2027, 1, 20), Ct);
        await replica.Feedback.VoteAsync(new Voter(ids[2], 41, ids[1]), "signatories", Vote.Down, new DateOnly(2027, 1, 20), Ct);
        await replica.Feedback.VoteAsync(new Voter(ids[2], 41, ids[1]), "signatories", Vote.Up, new DateOnly(2027, 1, 21), Ct);

        // Everything the server was told is in its append-only file.
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString + ",allowAdmin=true");
        var dir = (await admin.GetServers()[0].ConfigGetAsync("dir")).Single().Value;
        var bytes = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(bytes.AsSpan().IndexOf("feedback-votes"u8) >= 0, "the votes are in the file");
        foreach (var id in ids)
        {
            var eight = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(eight, id);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id.ToString(CultureInfo.InvariantCulture))) < 0, $"{id} as text");
            Assert.True(bytes.AsSpan().IndexOf(eight) < 0 && bytes.AsSpan().IndexOf(eight.AsSpan(2)) < 0, $"{id} as an integer");
        }
    }

    private static async Task<bool> WorksAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex) || ex is RedisException)
        {
            return false;
        }
    }

    private RedisConnection Connect()
    {
        var connection = redis.Connect(prefix);
        connections.Add(connection);
        return connection;
    }

    private static Replica Stores(RedisConnection connection)
    {
        var subscriptions = new RedisSubscriptions(connection);
        return new Replica(
            new RedisChatSettings(connection, Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisChatSettings>.Instance),
            subscriptions,
            subscriptions,
            new RedisCurationLog(connection),
            new RedisFeedback(connection));
    }
}
