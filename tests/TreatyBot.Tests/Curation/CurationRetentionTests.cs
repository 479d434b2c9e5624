using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TreatyBot.Curation;
using TreatyBot.Storage;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Curation;

/// <summary>
/// Curation:RetentionDays on the bot's clock: a question (and a vote) is kept for that many days, its day included,
/// then deleted by the pruner, which runs at start and every few hours; a later question stays.
/// </summary>
public sealed class CurationRetentionTests
{
    [Fact]
    public async Task Pruner_OnAFakeClock_DeletesWhatIsOlderThanRetentionDays_AndKeepsTheRest()
    {
        var clock = new PrunerClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var logs = new CapturingLoggerProvider();
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await BotHost.StartAsync(
            api,
            new Dictionary<string, string?> { ["Curation:Enabled"] = "true", ["Curation:RetentionDays"] = "90", ["Feedback:Enabled"] = "true" },
            logs,
            time: clock);
        var log = bot.Services.GetRequiredService<ICurationLog>();
        var feedback = bot.Services.GetRequiredService<IFeedback>();
        await clock.WaitForPrunerAsync(1);

        // 1 January: a question the bot cannot answer, and a 👎.
        api.EnqueueText(7_500_000_001, "Какого цвета были чернила, которыми подписали Пекинский договор?");
        await Eventually.UntilAsync(async () => await CountAsync(log) == 1);
        api.EnqueueButtonPress(7_500_000_001, 7_500_000_001, "-:ru:signatories", messageId: 5);
        await api.WaitForAsync("answerCallbackQuery", 1);

        // 2 March: another.
        await clock.AdvanceAndPruneAsync(TimeSpan.FromDays(60));
        api.EnqueueText(7_500_000_002, "Сколько страниц было в тексте Пекинского договора?");
        await Eventually.UntilAsync(async () => await CountAsync(log) == 2);

        // 31 March is the 90th day of 1 January's question: kept.
        await clock.AdvanceAndPruneAsync(TimeSpan.FromDays(29));
        Assert.Equal(2, await CountAsync(log));
        Assert.Single(await feedback.CountAsync(DateOnly.MinValue, TestContext.Current.CancellationToken));

        // 1 April: gone, with its vote; 2 March's stays.
        await clock.AdvanceAndPruneAsync(TimeSpan.FromDays(1));
        var left = Assert.Single(await log.ReadAsync(DateOnly.MinValue, TestContext.Current.CancellationToken));
        Assert.Equal(new DateOnly(2026, 3, 2), left.Day);
        Assert.Empty(await feedback.CountAsync(DateOnly.MinValue, TestContext.Current.CancellationToken));
        Assert.Contains(logs.Lines, l => l.Contains("Curation log: deleted 1 question(s) and 1 vote(s) from before 2026-01-02", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Curation:RetentionDays", "0", "RetentionDays")]
    [InlineData("Curation:LowMargin", "1.5", "LowMargin")]
    [InlineData("Curation:QueueCapacity", "0", "QueueCapacity")]
    public async Task Start_WithACurationSettingOutOfRange_StopsNamingIt(string key, string value, string named)
    {
        await using var api = await FakeBotApi.StartAsync();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(api, new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Sent());
    }

    private static async Task<int> CountAsync(ICurationLog log) => (await log.ReadAsync(DateOnly.MinValue, CancellationToken.None)).Count;

    /// <summary>A fake clock that knows when the pruner has started waiting for its next run (a timer of its interval).</summary>
    private sealed class PrunerClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int waits;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == CurationPruner.Interval)
            {
                Interlocked.Increment(ref waits);
            }

            return timer;
        }

        public Task WaitForPrunerAsync(int count) => Eventually.UntilAsync(() => Volatile.Read(ref waits) >= count);

        /// <summary>Moves the clock on, then waits until the pruner has run and waits again.</summary>
        public async Task AdvanceAndPruneAsync(TimeSpan by)
        {
            var before = Volatile.Read(ref waits);
            Advance(by);
            await WaitForPrunerAsync(before + 1);
        }
    }
}
