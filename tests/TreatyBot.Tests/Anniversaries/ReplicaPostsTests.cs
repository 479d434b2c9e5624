using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TreatyBot.Knowledge;
using TreatyBot.Storage;
using TreatyBot.Tests.Conversations;
using TreatyBot.Tests.Fakes;
using TreatyBot.Tests.Servers;
using TreatyBot.Tests.Storage;

namespace TreatyBot.Tests.Anniversaries;

/// <summary>
/// Three bot replicas on one Redis, each with its poster, a minute after a group's post of the signing day came due:
/// the post goes out once, by whichever replica claimed it; the others find it claimed or posted, then and later.
/// </summary>
public sealed class ReplicaPostsTests
{
    private const long Group = -100930;

    // 20 January 2027, 10:01 in Moscow: the 10:00 post is due.
    private static readonly DateTimeOffset Now = new(2027, 1, 20, 7, 1, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThreeReplicas_PostDue_IsSentOnce_AndNotAgainWhenTheOthersLookLater()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = ReplicaLanguageTests.Settings(redis);
        await using (var connection = new RedisConnection(
            Options.Create(new StorageOptions { Provider = StorageProvider.Redis, Redis = redis.ConnectionString, RedisPrefix = settings["Storage:RedisPrefix"]! }),
            NullLogger<RedisConnection>.Instance))
        {
            await new RedisSubscriptions(connection).SubscribeAsync(new Subscription(Group, null, new TimeOnly(10, 0), "Europe/Moscow", Language.Ru), TestContext.Current.CancellationToken);
        }

        var clock = new FakeTimeProvider(Now);
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        var replicas = new List<BotHost>();
        try
        {
            // Started together: their first rounds race for the claim.
            replicas.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => BotHost.StartAsync(api, settings, logs, time: clock))));
            await Eventually.UntilAsync(() => Count(logs, "Anniversary posts: next look") >= 3);

            // Twenty minutes on a replica that lost a race for the claim looks again; six hours on, all do: it was posted.
            clock.Advance(TimeSpan.FromMinutes(20));
            clock.Advance(TimeSpan.FromHours(6));
            await Eventually.UntilAsync(() => Count(logs, "Anniversary posts: next look") >= 6);

            var post = Assert.Single(api.Sent(), s => s.ChatId == Group);
            Assert.Contains("В этот день в 1925 году, 102 года назад", post.Text, StringComparison.Ordinal);
            Assert.Equal(1, Count(logs, "anniversary post of 01/20/2027 sent"));
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SubscriptionTakenElsewhere_WakesTheIdlePosters_AndTheDuePostIsSentOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = ReplicaLanguageTests.Settings(redis);
        var clock = new FakeTimeProvider(Now);
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        var replicas = new List<BotHost>();
        try
        {
            // Two replicas with no subscriptions: their posters wait for news, with no timer at all.
            replicas.AddRange(await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => BotHost.StartAsync(api, settings, logs, time: clock))));
            await Eventually.UntilAsync(async () => await redis.SubscribersAsync(settings["Storage:RedisPrefix"] + ":subscriptions") == 2);

            // A subscription taken through a third replica (here: its store alone) is announced to both.
            await using (var connection = new RedisConnection(
                Options.Create(new StorageOptions { Provider = StorageProvider.Redis, Redis = redis.ConnectionString, RedisPrefix = settings["Storage:RedisPrefix"]! }),
                NullLogger<RedisConnection>.Instance))
            {
                await new RedisSubscriptions(connection).SubscribeAsync(new Subscription(Group, null, new TimeOnly(10, 0), "Europe/Moscow", Language.Ru), TestContext.Current.CancellationToken);
            }

            var post = Assert.Single(await api.WaitForAsync("sendMessage", 1, TimeSpan.FromSeconds(15)));
            Assert.Equal(Group, post.ChatId);
            Assert.Contains("В этот день в 1925 году", post.Text, StringComparison.Ordinal);
            await Eventually.UntilAsync(() => Count(logs, "Anniversary posts: next look") >= 2);
            Assert.Single(api.Sent(), s => s.ChatId == Group);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    private static int Count(CapturingLoggerProvider logs, string words) => logs.Lines.Count(l => l.Contains(words, StringComparison.Ordinal));
}
