using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TreatyBot.KnowledgeBase;

/// <summary>
/// Hot reload of <c>responses/</c>: when a file changes, the base is loaded and validated again after a short quiet
/// period; a valid base replaces the one in service, an invalid one is logged problem by problem and the last good
/// base stays in service.
/// </summary>
internal sealed partial class FactBaseWatcher(KnowledgeStore store, TimeProvider time, ILogger<FactBaseWatcher> logger)
    : BackgroundService
{
    /// <summary>Editors save in several steps; wait this long after the last change before reloading.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watcher = new FileSystemWatcher(store.Folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        void OnChange(object sender, FileSystemEventArgs e) => changes.Writer.TryWrite(true);
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.EnableRaisingEvents = true;
        LogWatching(store.Folder);

        try
        {
            while (await changes.Reader.WaitToReadAsync(stoppingToken))
            {
                // Let the burst of events from one save settle, then take everything that came meanwhile as one change.
                await Task.Delay(QuietPeriod, time, stoppingToken);
                while (changes.Reader.TryRead(out _))
                {
                }

                Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Reload()
    {
        var problems = store.Reload();
        if (problems.Count == 0)
        {
            LogReloaded(store.Facts.Facts.Count);
            return;
        }

        LogRejected(problems.Count);
        foreach (var problem in problems)
        {
            LogProblem(problem.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for changes to the fact base")]
    private partial void LogWatching(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fact base reloaded: {Count} facts in service")]
    private partial void LogReloaded(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Edited fact base rejected ({Count} problem(s)); the last good base stays in service")]
    private partial void LogRejected(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fact base problem: {Problem}")]
    private partial void LogProblem(string problem);
}
