using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TreatyBot.Storage;

namespace TreatyBot.Curation;

/// <summary>
/// Writes the questions <see cref="CurationRecorder"/> queued, in batches (one commit each), off the reply path. A store
/// that fails never costs an answer: what could not be written is kept, up to <c>Curation:QueueCapacity</c> questions,
/// and written when the store takes writes again (tried every <see cref="RetryDelay"/>); past that, the oldest are
/// dropped (logged, counted as <c>store_failed</c>). When the bot stops, what is still kept or queued is written once
/// before it goes.
/// </summary>
internal sealed partial class CurationWriter(
    CurationRecorder recorder,
    ICurationLog log,
    IOptions<CurationOptions> options,
    TimeProvider time,
    ILogger<CurationWriter> logger) : BackgroundService
{
    /// <summary>How long the writer waits, after a failed write, before it tries the store again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private const int MaxBatch = 200;

    /// <summary>Questions taken from the queue and not yet written, oldest first.</summary>
    private readonly List<LoggedQuestion> kept = [];
    private bool failing;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Registered before the receiver, so stopped after it: no answer comes after this.
        recorder.Complete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite works synchronously under its async calls: never on the thread that starts the host.
        await Task.Yield();
        try
        {
            while (kept.Count > 0 || await recorder.Queue.WaitToReadAsync(stoppingToken))
            {
                if (!await WriteAsync(stoppingToken))
                {
                    await Task.Delay(RetryDelay, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: write what is kept and queued once, below.
        }

        if (!await WriteAsync(CancellationToken.None) && kept.Count > 0)
        {
            recorder.Dropped("store_failed", kept.Count);
            LogDroppedAtStop(kept.Count);
        }
    }

    /// <summary>Takes what is queued and writes everything kept, batch by batch; false at the first batch that fails (it stays kept).</summary>
    private async Task<bool> WriteAsync(CancellationToken cancellationToken)
    {
        Take();
        while (kept.Count > 0)
        {
            var batch = kept.GetRange(0, Math.Min(MaxBatch, kept.Count));
            try
            {
                await log.AppendAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    failing = true;
                    LogWriteFailed(ex, kept.Count, RetryDelay);
                }

                return false;
            }

            kept.RemoveRange(0, batch.Count);
            if (failing && kept.Count == 0)
            {
                failing = false;
                LogCaughtUp();
            }

            Take();
        }

        return true;
    }

    /// <summary>Moves what is queued to the kept questions; past the bound, the oldest kept ones are dropped.</summary>
    private void Take()
    {
        while (recorder.Queue.TryRead(out var question))
        {
            kept.Add(question);
        }

        var over = kept.Count - options.Value.QueueCapacity;
        if (over > 0)
        {
            kept.RemoveRange(0, over);
            recorder.Dropped("store_failed", over);
            LogDropped(over);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Curation log: {Count} question(s) could not be written; kept, and tried again every {Delay}")]
    private partial void LogWriteFailed(Exception exception, int count, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Curation log: the store takes writes again; every kept question is written")]
    private partial void LogCaughtUp();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Curation log: the store still fails; {Count} question(s) more than can be kept are dropped")]
    private partial void LogDropped(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Curation log: {Count} question(s) could not be written before the bot stopped and are dropped")]
    private partial void LogDroppedAtStop(int count);
}
