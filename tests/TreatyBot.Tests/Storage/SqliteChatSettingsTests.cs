using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TreatyBot.Knowledge;
using TreatyBot.Storage;

namespace TreatyBot.Tests.Storage;

/// <summary>
/// Chat settings in the SQLite file, beyond the store contract (<see cref="StoreContractTests"/>): a code written by a
/// newer build, and many chats writing at once as the bot handles them (in parallel, up to Delivery:MaxConcurrency and beyond) without a write lost or a "database is locked".
/// </summary>
public sealed class SqliteChatSettingsTests
{
    [Fact]
    public async Task GetLanguageAsync_CodeThisBuildDoesNotKnow_CountsAsNoChoice()
    {
        // A newer build may add a language; this one answers that chat as if it chose none, rather than failing.
        using var temp = TemporaryFolder.Create("store-");
        using var database = SqliteDatabaseTests.Open(temp.Path);
        await using (var connection = await database.ConnectAsync(TestContext.Current.CancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO chat_settings (chat_id, language) VALUES (9, 'ja')";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Assert.Null(await new SqliteChatSettings(database).GetLanguageAsync(9, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SetLanguageAsync_ManyChatsAtOnceFromTwoInstances_KeepsEveryChoice()
    {
        const int Chats = 400;
        using var temp = TemporaryFolder.Create("store-");
        using var first = SqliteDatabaseTests.Open(temp.Path);
        using var second = SqliteDatabaseTests.Open(temp.Path);
        var settings = new[] { new SqliteChatSettings(first), new SqliteChatSettings(second) };

        // Every chat is written three times, by 32 workers at once, reads in between; the last write is the chat's parity.
        var writes = Enumerable.Range(0, Chats).SelectMany(chat => new[] { (chat, Last: false), (chat, Last: false), (chat, Last: true) })
            .Select((write, i) => (write.chat, write.Last, Order: i)).ToList();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            writes.GroupBy(w => w.chat),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = TestContext.Current.CancellationToken },
            async (chat, ct) =>
            {
                foreach (var write in chat)
                {
                    var store = settings[write.Order % 2];
                    var language = write.Last ? Expected(write.chat) : Other(Expected(write.chat));
                    await store.SetLanguageAsync(write.chat, language, ct);
                    _ = await settings[(write.Order + 1) % 2].GetLanguageAsync(write.chat, ct);
                }
            });
        stopwatch.Stop();

        for (var chat = 0; chat < Chats; chat++)
        {
            Assert.Equal(Expected(chat), await settings[chat % 2].GetLanguageAsync(chat, TestContext.Current.CancellationToken));
        }

        Assert.True(stopwatch.Elapsed < SqliteDatabase.BusyTimeout * 4, $"{Chats * 3} writes took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task SetLanguageAsync_WhileAnotherWriterHoldsTheFile_WaitsForItInsteadOfFailing()
    {
        using var temp = TemporaryFolder.Create("store-");
        using var database = SqliteDatabaseTests.Open(temp.Path);
        var settings = new SqliteChatSettings(database);
        await database.OpenAsync(TestContext.Current.CancellationToken);

        // Another writer (a second process, sqlite3 on the command line) holds the write lock for half a second.
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.File, Pooling = false }.ToString());
        await other.OpenAsync(TestContext.Current.CancellationToken);
        var transaction = other.BeginTransaction();
        // SQLite waits on the calling thread (its calls are synchronous under the async surface): write from another.
        var write = Task.Run(() => settings.SetLanguageAsync(3, Language.En, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        var stopwatch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.False(write.IsCompleted);
        transaction.Commit();
        transaction.Dispose();
        await write;

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(400), SqliteDatabase.BusyTimeout);
        Assert.Equal(Language.En, await settings.GetLanguageAsync(3, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SetLanguageAsync_ChoicesMadeWhileAnotherWriteRuns_AreWrittenInTheOrderMade()
    {
        // /lang pressed four times while another chat's write holds the file (here, from a second instance in this
        // process): the writes queue in the order made, so the chat keeps the last choice, and none gives up.
        using var temp = TemporaryFolder.Create("store-");
        using var first = SqliteDatabaseTests.Open(temp.Path);
        using var second = SqliteDatabaseTests.Open(temp.Path);
        var settings = new SqliteChatSettings(first);
        Task[] choices;
        using (await second.TakeWriteTurnAsync(TestContext.Current.CancellationToken))
        {
            choices = [.. new[] { Language.En, Language.Ru, Language.En, Language.Ru }.Select(language => settings.SetLanguageAsync(7, language, TestContext.Current.CancellationToken))];
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            Assert.DoesNotContain(choices, choice => choice.IsCompleted);
        }

        await Task.WhenAll(choices);
        Assert.Equal(Language.Ru, await new SqliteChatSettings(second).GetLanguageAsync(7, TestContext.Current.CancellationToken));
    }

    private static Language Expected(int chat) => chat % 2 == 0 ? Language.En : Language.Ru;

    private static Language Other(Language language) => language == Language.En ? Language.Ru : Language.En;
}
