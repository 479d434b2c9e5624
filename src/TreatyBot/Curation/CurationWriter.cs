using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TreatyBot.Storage;

namespace TreatyBot.Curation;

/// <summary>
/// Writes the questions <see cref="CurationRecorder"/> queued, in batches (one commit each), off the reply path. A store
/// that fails costs those questions (logged, counted as <c>store_failed</c>), never an answer. When the bot stops, what
/// is still queued is written before it goes.
/// </summary>
internal sealed partial class CurationWriter(CurationRecorder recorder, ICurationLog log, ILogger<CurationWriter> logger) : BackgroundService
{
    private const int MaxBatch = 200;

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
            while (await recorder.Queue.WaitToReadAsync(stoppingToken))
            {
                await WriteBatchAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: write what is queued once, below.
        }

        while (recorder.Queue.TryPeek(out _))
        {
            await WriteBatchAsync(CancellationToken.None);
        }
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<LoggedQuestion>();
        while (batch.Count < MaxBatch && recorder.Queue.TryRead(out var question))
        {
            batch.Add(question);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await log.AppendAsync(batch, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            recorder.Dropped("store_failed", batch.Count);
            LogWriteFailed(ex, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Curation log: {Count} question(s) could not be written and are dropped")]
    private partial void LogWriteFailed(Exception exception, int count);
}
