using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TreatyBot.Storage;
using TreatyBot.Telemetry;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Curation;

/// <summary>
/// The curation log never costs an answer: a store that fails is logged (what was not written is kept for a retry) and
/// the questions are still answered; a store that hangs does not hold replies up, and what does not fit the queue is
/// dropped and counted.
/// </summary>
public sealed class CurationFailureTests
{
    private static readonly string[] Unanswerable =
    [
        "Какого цвета были чернила, которыми подписали Пекинский договор?",
        "Сколько страниц было в тексте Пекинского договора?",
    ];

    [Fact]
    public async Task DeadStore_QuestionsAreStillAnswered_AndTheEntriesNotWrittenAreLoggedAndKept()
    {
        using var folder = TemporaryFolder.Create("curation-");
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, new Dictionary<string, string?> { ["Storage:Path"] = folder.Path }, logs);
        await bot.Services.GetRequiredService<SqliteDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(folder.Path, "DROP TABLE curation_log");

        for (var user = 1; user <= 4; user++)
        {
            api.EnqueueText(7_600_000_000 + user, Unanswerable[user % 2]);
        }

        var replies = await api.WaitForAsync("sendMessage", 4);
        Assert.All(replies, reply => Assert.False(string.IsNullOrWhiteSpace(reply.Text)));
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("could not be written; kept, and tried again every", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("failed; it is skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoreHeldByAnotherWriter_RepliesDoNotWait_AndQuestionsBeyondTheQueueAreDroppedAndCounted()
    {
        const int Questions = 8;
        using var folder = TemporaryFolder.Create("curation-");
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(api, new Dictionary<string, string?> { ["Storage:Path"] = folder.Path, ["Curation:QueueCapacity"] = "2" });
        var database = bot.Services.GetRequiredService<SqliteDatabase>();
        await database.OpenAsync(TestContext.Current.CancellationToken);
        long dropped = 0;
        using var listener = new MeterListener();
        var meter = bot.Services.GetRequiredService<BotMetrics>().Meter;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == "treatybot.curation.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Contains(new KeyValuePair<string, object?>("reason", "queue_full")))
            {
                Interlocked.Add(ref dropped, value);
            }
        });
        listener.Start();

        // One question first, so that the 4 s below measure replies while the store is held, not the bot's first
        // reading of the fact base on a machine busy with other tests.
        api.EnqueueText(7_700_000_000, Unanswerable[0]);
        await api.WaitForAsync("sendMessage", 1);
        var log = bot.Services.GetRequiredService<ICurationLog>();
        int Logged() => log.ReadAsync(DateOnly.MinValue, CancellationToken.None).GetAwaiter().GetResult().Count;
        await Eventually.UntilAsync(() => Logged() == 1);

        // Another writer (sqlite3, a backup) holds the write lock for 4.5 s (within the writer's 5 s busy timeout): the
        // log's writer waits on it; replies must not (4 s leaves room for a machine busy with other tests).
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.File, Pooling = false }.ToString());
        await other.OpenAsync(TestContext.Current.CancellationToken);
        var transaction = other.BeginTransaction();
        var stopwatch = Stopwatch.StartNew();
        for (var user = 1; user <= Questions; user++)
        {
            api.EnqueueText(7_700_000_000 + user, Unanswerable[user % 2]);
        }

        await api.WaitForAsync("sendMessage", 1 + Questions, TimeSpan.FromSeconds(4));
        var answered = stopwatch.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(4.5) - answered, TestContext.Current.CancellationToken);
        transaction.Rollback();
        transaction.Dispose();

        Assert.True(answered < TimeSpan.FromSeconds(4), $"answers took {answered}");
        Assert.InRange(Interlocked.Read(ref dropped), 1, Questions - 2);
        await Eventually.UntilAsync(() => Logged() == 1 + Questions - Interlocked.Read(ref dropped));
    }

    private static async Task ExecuteAsync(string folder, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, SqliteDatabase.FileName)};Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
