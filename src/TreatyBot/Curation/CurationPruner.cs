using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TreatyBot.Storage;

namespace TreatyBot.Curation;

/// <summary>
/// Deletes logged questions and feedback votes older than <c>Curation:RetentionDays</c>: at start, then every
/// <see cref="Interval"/> on the bot's clock. A day is kept whole: what was logged on 1 January is deleted from
/// 1 January + RetentionDays on. With <c>Curation:Enabled</c> off it prunes once, at start, and stops.
/// </summary>
internal sealed partial class CurationPruner(
    ICurationLog log,
    IFeedback feedback,
    IOptions<CurationOptions> options,
    TimeProvider time,
    ILogger<CurationPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>The first day kept on <paramref name="today"/>: anything logged before it is deleted.</summary>
    public static DateOnly FirstKept(DateOnly today, int retentionDays) => today.AddDays(1 - retentionDays);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await PruneAsync(stoppingToken);
            if (!options.Value.Enabled)
            {
                return;
            }

            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var before = FirstKept(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), options.Value.RetentionDays);
        try
        {
            var questions = await log.PruneAsync(before, cancellationToken);
            var votes = await feedback.PruneAsync(before, cancellationToken);
            LogPruned(questions, votes, before);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPruneFailed(ex, Interval);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Curation log: deleted {Questions} question(s) and {Votes} vote(s) from before {Day:yyyy-MM-dd}")]
    private partial void LogPruned(int questions, int votes, DateOnly day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Curation log: old entries could not be deleted; next attempt in {Delay}")]
    private partial void LogPruneFailed(Exception exception, TimeSpan delay);
}
