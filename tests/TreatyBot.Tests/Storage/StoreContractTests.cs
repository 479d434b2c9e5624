using TreatyBot.Knowledge;
using TreatyBot.Storage;

namespace TreatyBot.Tests.Storage;

/// <summary>
/// What every store provider promises, run against each (<see cref="SqliteStoreTests"/>, <see cref="RedisStoreTests"/>):
/// chat settings, subscriptions and the posted log with its claims, the curation log and feedback, written by one
/// replica (or before a restart) and read by another (or after it).
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2027, 1, 20);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A lease short enough to wait out in a test.</summary>
    protected abstract TimeSpan ShortLease { get; }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public abstract ValueTask DisposeAsync();

    /// <summary>The stores of a bot process on the store under test: the first one, or another (a replica; for SQLite, the same file reopened).</summary>
    private protected abstract Task<Replica> StartReplicaAsync();

    /// <summary>Who else may claim a post while this replica runs: another replica (Redis), or this one's poster again (SQLite: one process per file).</summary>
    private protected abstract Task<IPostedLog> OtherClaimerAsync(Replica replica);

    /// <summary>Lets <paramref name="span"/> pass on the clock the store's leases run on.</summary>
    protected abstract Task PassAsync(TimeSpan span);

    [Fact]
    public async Task ChatSettings_ChoiceChanged_TheLastOneHolds_ForGroupAndChannelIdsToo_AndAnotherReplicaReadsIt()
    {
        var one = await StartReplicaAsync();
        long[] chats = [5, -1001234567890, long.MaxValue, long.MinValue];
        foreach (var chat in chats)
        {
            await one.Settings.SetLanguageAsync(chat, Language.En, Ct);
            await one.Settings.SetLanguageAsync(chat, Language.Ru, Ct);
        }

        await one.Settings.SetLanguageAsync(5, Language.En, Ct);
        var other = await StartReplicaAsync();

        Assert.Equal(Language.En, await other.Settings.GetLanguageAsync(5, Ct));
        foreach (var chat in chats[1..])
        {
            Assert.Equal(Language.Ru, await other.Settings.GetLanguageAsync(chat, Ct));
        }

        Assert.Null(await other.Settings.GetLanguageAsync(6, Ct));
    }

    [Fact]
    public async Task Subscriptions_SubscribeAgain_ReplacesTimeZoneAndTopic_InChatOrder_AndAnotherReplicaReadsThem()
    {
        var one = await StartReplicaAsync();
        await one.Subscriptions.SubscribeAsync(new Subscription(-100500, 77, new TimeOnly(10, 0), "Europe/Moscow", Language.Ru), Ct);
        await one.Subscriptions.SubscribeAsync(new Subscription(-100500, null, new TimeOnly(9, 5), "Asia/Tokyo", Language.En), Ct);
        await one.Subscriptions.SubscribeAsync(new Subscription(42, 3, new TimeOnly(23, 45), "UTC", Language.Ru), Ct);

        var all = await (await StartReplicaAsync()).Subscriptions.AllAsync(Ct);

        Assert.Equal(
            [new Subscription(-100500, null, new TimeOnly(9, 5), "Asia/Tokyo", Language.En), new Subscription(42, 3, new TimeOnly(23, 45), "UTC", Language.Ru)],
            all);
    }

    [Fact]
    public async Task Subscriptions_Unsubscribe_SaysWhetherThereWasOne()
    {
        var store = (await StartReplicaAsync()).Subscriptions;
        await store.SubscribeAsync(new Subscription(7, null, new TimeOnly(10, 0), "Europe/Moscow", Language.Ru), Ct);

        Assert.True(await store.UnsubscribeAsync(7, Ct));
        Assert.False(await store.UnsubscribeAsync(7, Ct));
        Assert.Null(await store.GetAsync(7, Ct));
        Assert.Empty(await store.AllAsync(Ct));
    }

    [Fact]
    public async Task Subscriptions_ClearTopic_PostsGoToTheGeneralTopic_TheRestStays()
    {
        var store = (await StartReplicaAsync()).Subscriptions;
        await store.SubscribeAsync(new Subscription(-100222, 77, new TimeOnly(9, 30), "America/New_York", Language.En), Ct);

        await store.ClearTopicAsync(-100222, Ct);
        await store.ClearTopicAsync(-100223, Ct);

        Assert.Equal(new Subscription(-100222, null, new TimeOnly(9, 30), "America/New_York", Language.En), await store.GetAsync(-100222, Ct));
        Assert.Null(await store.GetAsync(-100223, Ct));
    }

    [Fact]
    public async Task Move_GroupThatBecameASupergroup_TakesItsSubscription_PostedDays_AndClaim()
    {
        var replica = await StartReplicaAsync();
        var store = replica.Subscriptions;
        var claimer = await OtherClaimerAsync(replica);
        await store.SubscribeAsync(new Subscription(-444, null, new TimeOnly(12, 0), "UTC", Language.Ru), Ct);
        await replica.Posted.RecordAsync(-444, Day, Ct);
        Assert.True(await replica.Posted.TryClaimAsync(-444, Day.AddDays(1), TimeSpan.FromMinutes(10), Ct));

        await store.MoveAsync(-444, -100444, Ct);

        Assert.Null(await store.GetAsync(-444, Ct));
        Assert.Equal(new Subscription(-100444, null, new TimeOnly(12, 0), "UTC", Language.Ru), await store.GetAsync(-100444, Ct));
        Assert.True(await replica.Posted.WasPostedAsync(-100444, Day, Ct));
        Assert.False(await replica.Posted.WasPostedAsync(-444, Day, Ct));
        Assert.False(await claimer.TryClaimAsync(-100444, Day, TimeSpan.FromMinutes(10), Ct));
        Assert.False(await claimer.TryClaimAsync(-100444, Day.AddDays(1), TimeSpan.FromMinutes(10), Ct));

        // The claim moved with the chat: recorded under the new id, it is done there.
        await replica.Posted.RecordAsync(-100444, Day.AddDays(1), Ct);
        Assert.True(await replica.Posted.WasPostedAsync(-100444, Day.AddDays(1), Ct));
    }

    [Fact]
    public async Task Move_ToAChatWithItsOwnSubscription_KeepsThatOne_AndEndsTheOld()
    {
        var store = (await StartReplicaAsync()).Subscriptions;
        await store.SubscribeAsync(new Subscription(-445, null, new TimeOnly(12, 0), "UTC", Language.Ru), Ct);
        await store.SubscribeAsync(new Subscription(-100445, 9, new TimeOnly(8, 0), "Asia/Tokyo", Language.En), Ct);

        await store.MoveAsync(-445, -100445, Ct);

        Assert.Equal([new Subscription(-100445, 9, new TimeOnly(8, 0), "Asia/Tokyo", Language.En)], await store.AllAsync(Ct));
    }

    [Fact]
    public async Task Record_TheSameChatAndDayTwice_IsOneEntry_OtherDaysAndChatsApart_AndNoClaimOnIt()
    {
        var one = await StartReplicaAsync();
        await one.Posted.RecordAsync(-1, Day, Ct);
        await one.Posted.RecordAsync(-1, Day, Ct);
        var other = await StartReplicaAsync();

        Assert.True(await other.Posted.WasPostedAsync(-1, Day, Ct));
        Assert.False(await other.Posted.WasPostedAsync(-1, Day.AddDays(1), Ct));
        Assert.False(await other.Posted.WasPostedAsync(-2, Day, Ct));
        Assert.False(await other.Posted.TryClaimAsync(-1, Day, ShortLease, Ct));
        Assert.True(await other.Posted.TryClaimAsync(-1, Day.AddDays(1), ShortLease, Ct));
    }

    [Fact]
    public async Task Claim_ManyAtOnceByTwoClaimers_ExactlyOneWins_AndAClaimIsNotAPost()
    {
        var replica = await StartReplicaAsync();
        var claimers = new[] { replica.Posted, await OtherClaimerAsync(replica) };

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => claimers[i % 2].TryClaimAsync(-7, Day, TimeSpan.FromMinutes(10), Ct), Ct)));

        Assert.Single(claims, claimed => claimed);
        Assert.False(await replica.Posted.WasPostedAsync(-7, Day, Ct));
    }

    [Fact]
    public async Task Claim_LeaseRunsOut_AnotherMayClaim_ButNotBefore()
    {
        var replica = await StartReplicaAsync();
        var other = await OtherClaimerAsync(replica);
        Assert.True(await replica.Posted.TryClaimAsync(-8, Day, ShortLease, Ct));
        Assert.False(await other.TryClaimAsync(-8, Day, ShortLease, Ct));

        await PassAsync(ShortLease * 1.5);

        Assert.True(await other.TryClaimAsync(-8, Day, ShortLease, Ct));
        Assert.False(await replica.Posted.TryClaimAsync(-8, Day, ShortLease, Ct));
    }

    [Fact]
    public async Task Claim_Released_CanBeClaimedAgain_Recorded_CannotEver()
    {
        var replica = await StartReplicaAsync();
        var other = await OtherClaimerAsync(replica);
        Assert.True(await replica.Posted.TryClaimAsync(-9, Day, TimeSpan.FromMinutes(10), Ct));

        await replica.Posted.ReleaseAsync(-9, Day, Ct);
        Assert.True(await other.TryClaimAsync(-9, Day, TimeSpan.FromMinutes(10), Ct));
        await other.RecordAsync(-9, Day, Ct);
        await PassAsync(ShortLease * 1.5);

        Assert.False(await replica.Posted.TryClaimAsync(-9, Day, ShortLease, Ct));
        Assert.False(await other.TryClaimAsync(-9, Day, ShortLease, Ct));
        Assert.True(await replica.Posted.WasPostedAsync(-9, Day, Ct));
    }

    [Fact]
    public async Task CurationLog_AppendedQuestions_AreReadBackSinceADay_OldestFirst_WithTheirBestFacts()
    {
        var one = await StartReplicaAsync();
        LoggedQuestion[] first =
        [
            new(Day, Language.Ru, CurationOutcome.NoAnswer, "Что нужно знать о договоре?", []),
            new(Day.AddDays(1), Language.En, CurationOutcome.DidYouMean, "who signed", [new TopFact("signatories", 0.4213), new TopFact("signing-date", 0.4)]),
        ];
        await one.Curation.AppendAsync(first, Ct);
        await one.Curation.AppendAsync([new(Day.AddDays(1), Language.Ru, CurationOutcome.LowMargin, "нефть", [new TopFact("oil-concession", 0.9)])], Ct);
        var read = (await StartReplicaAsync()).Curation;

        var all = await read.ReadAsync(DateOnly.MinValue, Ct);
        var later = await read.ReadAsync(Day.AddDays(1), Ct);

        Assert.Equal(["Что нужно знать о договоре?", "who signed", "нефть"], all.Select(q => q.Question));
        Assert.Equal(first[1] with { Top = [] }, all[1] with { Top = [] });
        Assert.Equal(first[1].Top, all[1].Top);
        Assert.Equal(["who signed", "нефть"], later.Select(q => q.Question));
        Assert.Empty(await read.ReadAsync(Day.AddDays(2), Ct));
    }

    [Fact]
    public async Task CurationLog_Prune_DeletesTheDaysBefore_AndSaysHowMany()
    {
        var log = (await StartReplicaAsync()).Curation;
        await log.AppendAsync(
            [
                new(Day, Language.Ru, CurationOutcome.NoAnswer, "a", []),
                new(Day, Language.Ru, CurationOutcome.Partial, "b", []),
                new(Day.AddDays(1), Language.Ru, CurationOutcome.NoAnswer, "c", []),
                new(Day.AddDays(2), Language.Ru, CurationOutcome.NoAnswer, "d", []),
            ],
            Ct);

        Assert.Equal(3, await log.PruneAsync(Day.AddDays(2), Ct));
        Assert.Equal(0, await log.PruneAsync(Day.AddDays(2), Ct));
        Assert.Equal(["d"], (await log.ReadAsync(DateOnly.MinValue, Ct)).Select(q => q.Question));
    }

    [Fact]
    public async Task Feedback_VoteChangedOnAnotherReplica_IsTheSamePersonsVote_CountedPerFactSinceADay()
    {
        var one = await StartReplicaAsync();
        var other = await StartReplicaAsync();
        var alice = new Voter(-100, 41, 7);

        Assert.Equal(VoteResult.Counted, await one.Feedback.VoteAsync(alice, "signatories", Vote.Up, Day, Ct));
        Assert.Equal(VoteResult.Changed, await other.Feedback.VoteAsync(alice, "signatories", Vote.Down, Day.AddDays(1), Ct));
        Assert.Equal(VoteResult.Unchanged, await one.Feedback.VoteAsync(alice, "signatories", Vote.Down, Day.AddDays(2), Ct));
        Assert.Equal(VoteResult.Counted, await other.Feedback.VoteAsync(alice with { MessageId = 42 }, "signing-date", Vote.Up, Day, Ct));
        Assert.Equal(VoteResult.Counted, await one.Feedback.VoteAsync(alice with { UserId = 8 }, "signatories", Vote.Down, Day, Ct));

        Assert.Equal([new FactVotes("signatories", 0, 2), new FactVotes("signing-date", 1, 0)], await other.Feedback.CountAsync(DateOnly.MinValue, Ct));

        // The changed vote carries the day it changed on; the unchanged press did not move it.
        Assert.Equal([new FactVotes("signatories", 0, 1)], await one.Feedback.CountAsync(Day.AddDays(1), Ct));
    }

    [Fact]
    public async Task Feedback_SamePressManyTimesAtOnceOnTwoReplicas_CountsOnce()
    {
        var replicas = new[] { await StartReplicaAsync(), await StartReplicaAsync() };
        var bob = new Voter(-100, 43, 9);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => replicas[i % 2].Feedback.VoteAsync(bob, "signatories", Vote.Up, Day, Ct), Ct)));

        Assert.Single(results, r => r == VoteResult.Counted);
        Assert.All(results.Where(r => r != VoteResult.Counted), r => Assert.Equal(VoteResult.Unchanged, r));
        Assert.Equal([new FactVotes("signatories", 1, 0)], await replicas[0].Feedback.CountAsync(DateOnly.MinValue, Ct));
    }

    [Fact]
    public async Task Feedback_Prune_DeletesTheVotesCastBefore_AndSaysHowMany()
    {
        var feedback = (await StartReplicaAsync()).Feedback;
        await feedback.VoteAsync(new Voter(1, 1, 1), "a", Vote.Up, Day, Ct);
        await feedback.VoteAsync(new Voter(1, 2, 1), "a", Vote.Down, Day.AddDays(1), Ct);
        await feedback.VoteAsync(new Voter(1, 3, 1), "b", Vote.Up, Day.AddDays(2), Ct);

        Assert.Equal(2, await feedback.PruneAsync(Day.AddDays(2), Ct));
        Assert.Equal(0, await feedback.PruneAsync(Day.AddDays(2), Ct));
        Assert.Equal([new FactVotes("b", 1, 0)], await feedback.CountAsync(DateOnly.MinValue, Ct));

        // A pruned press counts anew.
        Assert.Equal(VoteResult.Counted, await feedback.VoteAsync(new Voter(1, 1, 1), "a", Vote.Up, Day.AddDays(3), Ct));
    }

    /// <summary>One bot process's stores.</summary>
    private protected sealed record Replica(IChatSettings Settings, ISubscriptions Subscriptions, IPostedLog Posted, ICurationLog Curation, IFeedback Feedback);
}
