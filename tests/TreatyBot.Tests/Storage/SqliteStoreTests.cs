using Microsoft.Extensions.Time.Testing;
using TreatyBot.Storage;

namespace TreatyBot.Tests.Storage;

/// <summary>
/// The store contract on one SQLite file: a "replica" is the file opened again (a restart), the claims are this
/// process's, their leases on a fake clock.
/// </summary>
public sealed class SqliteStoreTests : StoreContractTests
{
    private readonly TemporaryFolder folder = TemporaryFolder.Create("store-");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 1, 20, 7, 0, 0, TimeSpan.Zero));
    private readonly List<SqliteDatabase> databases = [];

    protected override TimeSpan ShortLease => TimeSpan.FromMinutes(1);

    public override ValueTask DisposeAsync()
    {
        foreach (var database in databases)
        {
            database.Dispose();
        }

        folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private protected override Task<Replica> StartReplicaAsync()
    {
        var database = SqliteDatabaseTests.Open(folder.Path);
        databases.Add(database);
        var subscriptions = new SqliteSubscriptions(database, clock);
        return Task.FromResult(new Replica(new SqliteChatSettings(database), subscriptions, subscriptions, new SqliteCurationLog(database), new SqliteFeedback(database)));
    }

    private protected override Task<IPostedLog> OtherClaimerAsync(Replica replica) => Task.FromResult(replica.Posted);

    protected override Task PassAsync(TimeSpan span)
    {
        clock.Advance(span);
        return Task.CompletedTask;
    }
}
