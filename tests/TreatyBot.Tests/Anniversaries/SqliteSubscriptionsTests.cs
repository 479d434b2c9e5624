using TreatyBot.Knowledge;
using TreatyBot.Storage;
using TreatyBot.Tests.Storage;

namespace TreatyBot.Tests.Anniversaries;

/// <summary>Subscriptions and the posted log in the SQLite file (schema step 2).</summary>
public sealed class SqliteSubscriptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubscribeAsync_Again_ReplacesTimeZoneAndTopic_AndSurvivesReopening()
    {
        using var temp = TemporaryFolder.Create("store-");
        using (var database = SqliteDatabaseTests.Open(temp.Path))
        {
            var store = new SqliteSubscriptions(database);
            await store.SubscribeAsync(new Subscription(-100500, 77, new TimeOnly(10, 0), "Europe/Moscow", Language.Ru), Ct);
            await store.SubscribeAsync(new Subscription(-100500, null, new TimeOnly(9, 5), "Asia/Tokyo", Language.En), Ct);
            await store.SubscribeAsync(new Subscription(42, null, new TimeOnly(23, 45), "UTC", Language.Ru), Ct);
        }

        using var reopened = SqliteDatabaseTests.Open(temp.Path);
        var all = await new SqliteSubscriptions(reopened).AllAsync(Ct);

        Assert.Equal(
            [new Subscription(-100500, null, new TimeOnly(9, 5), "Asia/Tokyo", Language.En), new Subscription(42, null, new TimeOnly(23, 45), "UTC", Language.Ru)],
            all);
    }

    [Fact]
    public async Task UnsubscribeAsync_SaysWhetherThereWasOne()
    {
        using var temp = TemporaryFolder.Create("store-");
        using var database = SqliteDatabaseTests.Open(temp.Path);
        var store = new SqliteSubscriptions(database);
        await store.SubscribeAsync(new Subscription(7, null, new TimeOnly(10, 0), "Europe/Moscow", Language.Ru), Ct);

        Assert.True(await store.UnsubscribeAsync(7, Ct));
        Assert.False(await store.UnsubscribeAsync(7, Ct));
        Assert.Null(await store.GetAsync(7, Ct));
    }

    [Fact]
    public async Task RecordAsync_TheSameChatAndDayTwice_IsOneEntry_OtherDaysAndChatsApart()
    {
        using var temp = TemporaryFolder.Create("store-");
        using var database = SqliteDatabaseTests.Open(temp.Path);
        var log = new SqliteSubscriptions(database);
        var day = new DateOnly(2027, 1, 20);

        await log.RecordAsync(-1, day, Ct);
        await log.RecordAsync(-1, day, Ct);

        Assert.True(await log.WasPostedAsync(-1, day, Ct));
        Assert.False(await log.WasPostedAsync(-1, day.AddDays(1), Ct));
        Assert.False(await log.WasPostedAsync(-2, day, Ct));
    }

    [Fact]
    public async Task MoveAsync_GroupThatBecameASupergroup_TakesItsSubscriptionAndPostedDays()
    {
        using var temp = TemporaryFolder.Create("store-");
        using var database = SqliteDatabaseTests.Open(temp.Path);
        var store = new SqliteSubscriptions(database);
        var day = new DateOnly(2027, 1, 20);
        await store.SubscribeAsync(new Subscription(-444, null, new TimeOnly(12, 0), "UTC", Language.Ru), Ct);
        await store.RecordAsync(-444, day, Ct);

        await store.MoveAsync(-444, -100444, Ct);

        Assert.Null(await store.GetAsync(-444, Ct));
        Assert.Equal(new Subscription(-100444, null, new TimeOnly(12, 0), "UTC", Language.Ru), await store.GetAsync(-100444, Ct));
        Assert.True(await store.WasPostedAsync(-100444, day, Ct));
        Assert.False(await store.WasPostedAsync(-444, day, Ct));
    }

    [Fact]
    public async Task ClearTopicAsync_PostsGoToTheGeneralTopic()
    {
        using var temp = TemporaryFolder.Create("store-");
        using var database = SqliteDatabaseTests.Open(temp.Path);
        var store = new SqliteSubscriptions(database);
        await store.SubscribeAsync(new Subscription(-100222, 77, new TimeOnly(9, 30), "America/New_York", Language.En), Ct);

        await store.ClearTopicAsync(-100222, Ct);

        Assert.Null((await store.GetAsync(-100222, Ct))!.ThreadId);
    }
}
