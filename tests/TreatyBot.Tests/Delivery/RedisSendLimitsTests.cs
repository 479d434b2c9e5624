using StackExchange.Redis;
using TreatyBot.Delivery;
using TreatyBot.Storage;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Replicas;
using TreatyBot.Tests.Servers;

namespace TreatyBot.Tests.Delivery;

/// <summary>
/// The send limits of several replicas counted together in a real redis-server: what one replica sent counts against
/// the others, every sliding window holds, and a Redis outage falls back to the replica's own limits without a stall.
/// </summary>
[Collection(TimedReplicas.Name)]
public sealed class RedisSendLimitsTests
{
    /// <summary>
    /// The window the tests count releases in, on their own clock: sends granted a whole window apart on Redis's clock
    /// (1 s plus the 200 ms margin) can be seen closer together when a loaded machine delays one reply (CI once saw six
    /// in a second of five allowed, and later four in 0.8 s of three allowed), so a window of 0.6 s tolerates 0.6 s of
    /// such delay, and a batch let out together may be seen spread over more than that, so the tests ask for at most the
    /// limit in it (and for the whole run to take as long as the windows make it). Replicas counting alone would release
    /// twice the limit at once.
    /// </summary>
    private static readonly TimeSpan Observed = TimeSpan.FromSeconds(0.6);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryTake_FullWindow_SaysHowLongUntilTheOldestIsAWindowOld_AndCountsNothingMeanwhile()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectAsync(redis);
        var database = await connection.DatabaseAsync();
        var window = TimeSpan.FromMinutes(1);

        var first = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RedisSlidingWindow.TryTakeAsync(database, "group:-100", 3, window)));
        var refused = await RedisSlidingWindow.TryTakeAsync(database, "group:-100", 3, window);
        var again = await RedisSlidingWindow.TryTakeAsync(database, "group:-100", 3, window);
        var other = await RedisSlidingWindow.TryTakeAsync(database, "group:-200", 3, window);

        Assert.All(first, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.InRange(refused, window - TimeSpan.FromSeconds(2), window);
        Assert.InRange(again, refused - TimeSpan.FromSeconds(2), refused);
        Assert.Equal(TimeSpan.Zero, other);
        Assert.Equal(":3", await redis.CommandAsync("ZCARD", "group:-100"));

        // The key goes when its window has: nothing is left behind for a chat that went quiet.
        var ttl = int.Parse((await redis.CommandAsync("PTTL", "group:-100"))[1..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ttl, 1, 60_000);
    }

    [Fact]
    public async Task WaitAsync_TwoReplicas_NoSecondHoldsMoreThanTheBotWideLimitOfBoth()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = Settings(globalPerSecond: 5, perChatBurst: 100, perChatPerSecond: 100);
        await using var a = ReplicaServices.Create(redis, settings);
        await using var b = ReplicaServices.Create(redis, settings);

        var released = await SendAsync([.. Enumerable.Range(1, 20).Select(chat => (chat % 2 == 0 ? a : b, (long)chat))]);

        // 5 at once, then 5 more each time a window (plus the network margin) has passed: 3.6 s for 20.
        Assert.InRange(DeliveryTests.MostInAnyWindow(released, Observed), 1, 5);
        Assert.True(released[^1] - released[0] >= TimeSpan.FromSeconds(3.5), $"20 sends within {released[^1] - released[0]}");
    }

    [Fact]
    public async Task WaitAsync_OneChatFromTwoReplicas_ABurstThenAboutOneASecond()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = Settings(globalPerSecond: 30, perChatBurst: 3, perChatPerSecond: 3);
        await using var a = ReplicaServices.Create(redis, settings);
        await using var b = ReplicaServices.Create(redis, settings);

        var released = await SendAsync([.. Enumerable.Range(0, 7).Select(i => (i % 2 == 0 ? a : b, 42L))]);

        // Three in any second (PerChatBurst in PerChatBurst / PerChatPerSecond seconds): 3, 3 and 1, a second apart.
        Assert.InRange(DeliveryTests.MostInAnyWindow(released, Observed), 1, 3);
        Assert.True(released[^1] - released[0] >= TimeSpan.FromSeconds(1.9), $"7 sends within {released[^1] - released[0]}");
    }

    [Fact]
    public async Task WaitAsync_GroupOverItsMinuteFromTwoReplicas_WaitsUntilCancelled()
    {
        const long Group = -100500;
        await using var redis = await RedisServer.StartAsync();
        var settings = Settings(globalPerSecond: 30, perChatBurst: 100, perChatPerSecond: 100);
        settings["Delivery:PerGroupPerMinute"] = "3";
        await using var a = ReplicaServices.Create(redis, settings);
        await using var b = ReplicaServices.Create(redis, settings);

        await SendAsync([(a, Group), (b, Group), (a, Group)]);
        using var stop = new CancellationTokenSource();
        var fourth = b.Get<ISendLimits>().WaitAsync(Group, stop.Token);
        var elsewhere = a.Get<ISendLimits>().WaitAsync(-100600, Ct);

        await elsewhere.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        Assert.False(fourth.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fourth);
    }

    [Fact]
    public async Task WaitAsync_RedisKilled_ThisReplicasOwnLimitsHoldWithoutAStall_AndSharedAgainOnceBack()
    {
        await using var redis = await RedisServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        var settings = Settings(globalPerSecond: 5, perChatBurst: 100, perChatPerSecond: 100);
        await using var a = ReplicaServices.Create(redis, settings, logs);
        await using var b = ReplicaServices.Create(redis, settings);
        await a.ConnectedAsync();
        await b.ConnectedAsync();

        await redis.KillAsync();
        var released = await SendAsync([.. Enumerable.Range(1, 10).Select(chat => (a, (long)chat))]);

        // The local window: 5, then 5 more a window later; no wait for the dead server beyond that.
        Assert.InRange(DeliveryTests.MostInAnyWindow(released, Observed), 1, 5);
        Assert.InRange(released[^1] - released[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5));
        Assert.Single(logs.Lines, l => l.Contains("Redis is unavailable", StringComparison.Ordinal));

        await redis.StartAgainAsync();
        await a.ConnectedAsync();
        await b.ConnectedAsync();

        // Shared again: what A sends counts against B (each alone would let its five through at once).
        released = await SendAsync([.. Enumerable.Range(11, 10).Select(chat => (chat % 2 == 0 ? a : b, (long)chat))]);
        Assert.InRange(DeliveryTests.MostInAnyWindow(released, Observed), 1, 5);
        Assert.True(released[^1] - released[0] >= TimeSpan.FromSeconds(1.1), $"10 sends within {released[^1] - released[0]}");
    }

    private static Dictionary<string, string?> Settings(int globalPerSecond, int perChatBurst, int perChatPerSecond) => new()
    {
        ["Delivery:GlobalPerSecond"] = globalPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Delivery:PerChatBurst"] = perChatBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Delivery:PerChatPerSecond"] = perChatPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Starts every send at once, each through its replica's limits; returns when they were let through, in order.</summary>
    [Fact]
    public async Task WaitAsync_AChatsSendsQueuedBehindTheBotWideWindow_AreCountedWhenTheyLeave_NotBunchedThen()
    {
        await using var redis = await RedisServer.StartAsync();
        // The bot-wide window (5) is the bottleneck; chat 42 may send 2 in its window. Twenty sends of other chats are
        // queued first, so chat 42's wait in the bot-wide queue; counted in the chat's window before that wait, its
        // four sends would all leave within one window at the end.
        var settings = Settings(globalPerSecond: 5, perChatBurst: 2, perChatPerSecond: 2);
        await using var a = ReplicaServices.Create(redis, settings);
        var others = Enumerable.Range(1, 20).Select(chat => Release(a, chat)).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        var chat42 = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Release(a, 42)));
        await Task.WhenAll(others);

        Assert.InRange(DeliveryTests.MostInAnyWindow(chat42, Observed), 1, 2);
    }

    private static async Task<DateTimeOffset> Release(ReplicaServices replica, long chat)
    {
        await replica.Get<ISendLimits>().WaitAsync(chat, Ct);
        return DateTimeOffset.UtcNow;
    }

    private static async Task<List<DateTimeOffset>> SendAsync(IEnumerable<(ReplicaServices Replica, long Chat)> sends)
    {
        var released = new List<DateTimeOffset>();
        await Task.WhenAll(sends.Select(async send =>
        {
            await send.Replica.Get<ISendLimits>().WaitAsync(send.Chat, Ct);
            lock (released)
            {
                released.Add(DateTimeOffset.UtcNow);
            }
        }));
        return [.. released.Order()];
    }

    private static async Task<RedisConnection> ConnectAsync(RedisServer redis)
    {
        var connection = new RedisConnection(
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { Provider = StorageProvider.Redis, Redis = redis.ConnectionString }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisConnection>.Instance);
        await connection.StartAsync();
        return connection;
    }
}
