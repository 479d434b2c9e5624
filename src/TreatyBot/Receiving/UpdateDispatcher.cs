using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using TreatyBot.Delivery;
using TreatyBot.Telemetry;

namespace TreatyBot.Receiving;

/// <summary>
/// Runs updates: one chat's in the order they came, different chats in parallel up to a cap, inline queries and
/// button presses on a lane of their own. It knows which updates are in hand and which were handled recently, so the
/// poller confirms (moves the offset past) only what is finished and skips what Telegram delivers again.
/// The poller calls <see cref="Dispatch"/> from one thread; completions come from any. With <paramref name="claims"/>
/// (webhook replicas sharing Redis) an update is handled only once its id is claimed there: one another replica claimed
/// first is skipped, and known here as handled.
/// </summary>
internal sealed partial class UpdateDispatcher(
    IBotUpdateHandler handler,
    IOptions<DeliveryOptions> options,
    BotMetrics metrics,
    ILogger<UpdateDispatcher> logger,
    UpdateClaims? claims = null) : IDisposable
{
    private readonly SemaphoreSlim chats = new(options.Value.MaxConcurrency);
    private readonly SemaphoreSlim fastLane = new(options.Value.FastLaneConcurrency);
    private readonly int windowSize = options.Value.HandledWindow;
    private readonly object gate = new();
    private readonly SortedSet<int> inHand = [];
    private readonly SortedSet<int> unfinished = [];
    private readonly HashSet<int> handled = [];
    private readonly Queue<int> handledOrder = new();
    private readonly Dictionary<long, Task> chatTails = [];
    private TaskCompletionSource progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int highestSeen = -1;

    /// <summary>
    /// The offset to poll with: the first update still in hand (or not finished before a stop), else one past the
    /// newest seen. Telegram forgets every update below the offset it is given, so nothing unfinished is confirmed.
    /// </summary>
    public int Offset
    {
        get
        {
            lock (gate)
            {
                var first = Math.Min(inHand.Count > 0 ? inHand.Min : int.MaxValue, unfinished.Count > 0 ? unfinished.Min : int.MaxValue);
                return first != int.MaxValue ? first : highestSeen + 1;
            }
        }
    }

    public int InHand
    {
        get
        {
            lock (gate)
            {
                return inHand.Count;
            }
        }
    }

    /// <summary>Starts handling <paramref name="update"/> unless it is in hand or was handled already; false if skipped.</summary>
    public bool Dispatch(Update update, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            highestSeen = Math.Max(highestSeen, update.Id);
            if (handled.Contains(update.Id) || !inHand.Add(update.Id))
            {
                metrics.Duplicate(update.Type, alreadyHandled: handled.Contains(update.Id));
                return false;
            }

            metrics.UpdateReceived(update.Type);

            unfinished.Remove(update.Id);
            if (ChatOf(update) is { } chat)
            {
                var previous = chatTails.GetValueOrDefault(chat, Task.CompletedTask);
                var task = RunAsync(update, previous, chats, cancellationToken);
                chatTails[chat] = task;
                _ = task.ContinueWith(_ => ForgetTail(chat, task), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            else
            {
                _ = RunAsync(update, Task.CompletedTask, fastLane, cancellationToken);
            }
        }

        return true;
    }

    /// <summary>Waits until some update in hand is finished (or <paramref name="cancellationToken"/> fires).</summary>
    public Task WaitForProgressAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return inHand.Count == 0 ? Task.CompletedTask : progress.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits for every update in hand; on <paramref name="deadline"/> the rest stay unconfirmed.</summary>
    public async Task DrainAsync(CancellationToken deadline)
    {
        while (InHand > 0 && !deadline.IsCancellationRequested)
        {
            try
            {
                await WaitForProgressAsync(deadline);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
            }
        }
    }

    public void Dispose()
    {
        chats.Dispose();
        fastLane.Dispose();
    }

    /// <summary>Messages and posts queue per chat; inline queries and button presses take the fast lane.</summary>
    private static long? ChatOf(Update update) => update switch
    {
        { Message.Chat.Id: var id } => id,
        { ChannelPost.Chat.Id: var id } => id,
        _ => null,
    };

    private async Task RunAsync(Update update, Task previous, SemaphoreSlim lane, CancellationToken cancellationToken)
    {
        var finished = false;
        var started = metrics.Start();
        try
        {
            // Leave the dispatcher's lock and the poller's thread before any work.
            await Task.Yield();
            var claimed = claims is null || await claims.ClaimAsync(update.Id);

            // Even a skipped update keeps its place in the chat's queue, so the chat's next one still waits for the one before.
            await previous;
            if (!claimed)
            {
                metrics.DuplicateElsewhere(update.Type);
                finished = true;
                return;
            }

            await lane.WaitAsync(cancellationToken);
            try
            {
                await handler.HandleAsync(update, cancellationToken);
                finished = true;
                metrics.UpdateFinished(update.Type, started);
            }
            finally
            {
                lane.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogNotFinished(update.Id);
        }
        finally
        {
            Complete(update.Id, finished);
        }
    }

    private void Complete(int updateId, bool finished)
    {
        TaskCompletionSource done;
        lock (gate)
        {
            inHand.Remove(updateId);
            if (finished)
            {
                handled.Add(updateId);
                handledOrder.Enqueue(updateId);
                while (handledOrder.Count > windowSize)
                {
                    handled.Remove(handledOrder.Dequeue());
                }
            }
            else
            {
                unfinished.Add(updateId);
            }

            done = progress;
            progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    private void ForgetTail(long chat, Task task)
    {
        lock (gate)
        {
            if (chatTails.TryGetValue(chat, out var tail) && tail == task)
            {
                chatTails.Remove(chat);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {UpdateId} was not finished before the stop deadline; Telegram will deliver it again")]
    private partial void LogNotFinished(int updateId);
}
