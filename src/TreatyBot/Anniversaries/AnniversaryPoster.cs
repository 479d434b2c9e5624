using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;
using TreatyBot.Delivery;
using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Facts;
using TreatyBot.KnowledgeBase;
using TreatyBot.Rendering;
using TreatyBot.Storage;

namespace TreatyBot.Anniversaries;

/// <summary>
/// Posts "this day in history" to the subscribed chats, exactly the posts due. It wakes when the next post is due (on
/// the <see cref="TimeProvider"/>, at least every <see cref="MaxSleep"/>, and at once when a subscription changes),
/// and posts to each chat whose local date has anniversaries and whose local time has come, unless the posted log
/// has that chat and date. Each post is claimed in the posted log before it is sent (<see cref="IPostedLog"/>), so that
/// of several replicas only one sends it; a claim refused, or one the store cannot take, means "not now, look again
/// later". Only the chat's <em>current</em> date is considered: after downtime today's post goes
/// out, yesterday's never. Posts go through the <see cref="Outbox"/> (the same rate limits as answers); Telegram's
/// refusals change the subscription: 403 ends it, a group that became a supergroup moves it, a closed or deleted
/// forum topic sends it to the general topic (or ends it when that fails too).
/// </summary>
internal sealed partial class AnniversaryPoster(
    ISubscriptions subscriptions,
    IPostedLog posted,
    IChatSettings settings,
    KnowledgeStore knowledge,
    Outbox outbox,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<AnniversaryPoster> logger) : BackgroundService
{
    /// <summary>The longest sleep, so that a wall clock set forward (or a suspended machine) is noticed within it.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromHours(6);

    /// <summary>How long a chat whose post could not be delivered (Telegram down, throttled past the budget) waits to try again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(15);

    /// <summary>How long a chat waits to try again when its claim could not be asked for (the store away).</summary>
    public static readonly TimeSpan ClaimRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a claim holds: twice the reply budget (a post may be sent twice, after a migration or a closed topic,
    /// each send waiting out 429s for up to the budget) and a minute for the rate limits and the store.
    /// </summary>
    private readonly TimeSpan lease = 2 * TimeSpan.FromSeconds(delivery.Value.ReplyBudgetSeconds) + TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, DateTimeOffset> retryAt = new();

    /// <summary>Posts that went out but could not be recorded (the store away): recorded at the next rounds, never sent again from here.</summary>
    private readonly ConcurrentDictionary<(long Chat, DateOnly Date), byte> unrecorded = new();
    private readonly HashSet<string> unknownZones = new(StringComparer.Ordinal);
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private enum Outcome
    {
        Delivered,
        Blocked,
        Migrated,
        TopicGone,
        ChatGone,
        Refused,
        Failed,
    }

    /// <summary>A subscription changed: look again now rather than at the time planned.</summary>
    public void Wake() => Interlocked.Exchange(ref wake, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A subscription taken or changed through another replica (a shared store) wakes this poster too.
        subscriptions.Changed += Wake;
        try
        {
            await PostUntilStoppedAsync(stoppingToken);
        }
        finally
        {
            subscriptions.Changed -= Wake;
        }
    }

    private async Task PostUntilStoppedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = Volatile.Read(ref wake).Task;
            DateTimeOffset? next;
            try
            {
                next = await PostDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Redis away is expected and already told (the connection warns once); anything else is a fault.
                if (RedisConnection.IsOutage(ex))
                {
                    LogRoundDeferred(RedisConnection.Describe(ex), RetryDelay);
                }
                else
                {
                    LogRoundFailed(ex, RetryDelay);
                }

                next = time.GetUtcNow() + RetryDelay;
            }

            if (next is null)
            {
                // No subscriptions: nothing to wait for on the clock until one comes.
                await woken.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            var sleep = next.Value - time.GetUtcNow();
            if (sleep <= TimeSpan.Zero)
            {
                continue;
            }

            LogSleeping(next.Value);
            using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(sleep, time, sleeping.Token);
            await Task.WhenAny(delay, woken);

            // Ends the timer of a sleep cut short by a change, so that it fires nothing later.
            await sleeping.CancelAsync();
        }
    }

    /// <summary>
    /// Posts what is due now; returns when the next post is due (at most <see cref="MaxSleep"/> ahead), or null when no
    /// chat is subscribed.
    /// </summary>
    private async Task<DateTimeOffset?> PostDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var next = now + MaxSleep;
        var facts = knowledge.Facts;
        await RecordLateAsync(now, cancellationToken);
        var all = await subscriptions.AllAsync(cancellationToken);
        if (all.Count == 0 && unrecorded.IsEmpty)
        {
            return null;
        }

        foreach (var subscription in all)
        {
            if (ZoneOf(subscription) is not { } zone)
            {
                continue;
            }

            if (retryAt.TryGetValue(subscription.ChatId, out var retry) && retry > now)
            {
                next = Earliest(next, retry);
                continue;
            }

            var today = PostSchedule.LocalDate(now, zone);
            var events = AnniversaryCalendar.On(facts, today);
            if (events.Count > 0)
            {
                var due = PostSchedule.DueAt(today, subscription.At, zone);
                if (due > now)
                {
                    next = Earliest(next, due);
                }
                else if (!unrecorded.ContainsKey((subscription.ChatId, today))
                    && !await posted.WasPostedAsync(subscription.ChatId, today, cancellationToken)
                    && await ClaimAndPostAsync(subscription, facts, events, today, cancellationToken) is { } again)
                {
                    next = Earliest(next, again);
                }
            }

            if (AnniversaryCalendar.Next(facts, today.AddDays(1)) is { } day)
            {
                next = Earliest(next, PostSchedule.DueAt(day, subscription.At, zone));
            }
        }

        return next;
    }

    /// <summary>
    /// Claims the chat's post of the day and posts it; returns when to look again if it could not (claimed elsewhere:
    /// that replica may fail or crash; the store away: never post unclaimed).
    /// </summary>
    private async Task<DateTimeOffset?> ClaimAndPostAsync(Subscription subscription, FactBase facts, IReadOnlyList<Fact> events, DateOnly today, CancellationToken cancellationToken)
    {
        var chat = subscription.ChatId;
        try
        {
            if (!await posted.TryClaimAsync(chat, today, lease, cancellationToken))
            {
                LogClaimedElsewhere(chat, today);
                return Later(chat, RetryDelay);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogClaimFailed(ex, chat, today, ClaimRetryDelay);
            return Later(chat, ClaimRetryDelay);
        }

        return await PostAsync(subscription, facts, events, today, cancellationToken);
    }

    /// <summary>Posts the day's events to the chat and acts on Telegram's answer; returns when to try again, if it must.</summary>
    private async Task<DateTimeOffset?> PostAsync(Subscription subscription, FactBase facts, IReadOnlyList<Fact> events, DateOnly today, CancellationToken cancellationToken)
    {
        var language = await LanguageOfAsync(subscription, cancellationToken);
        var reply = AnniversaryRenderer.Post(facts, events, today, language);
        var chat = subscription.ChatId;
        var thread = subscription.ThreadId;
        var (outcome, refusal) = await SendAsync(chat, thread, reply, cancellationToken);

        if (outcome == Outcome.Migrated && refusal?.Parameters?.MigrateToChatId is { } moved)
        {
            await subscriptions.MoveAsync(chat, moved, cancellationToken);
            LogMigrated(chat, moved);
            chat = moved;
            (outcome, refusal) = await SendAsync(chat, thread, reply, cancellationToken);
        }

        if (outcome == Outcome.TopicGone && thread is not null)
        {
            await subscriptions.ClearTopicAsync(chat, cancellationToken);
            LogTopicGone(chat, thread.Value, refusal?.Message);
            thread = null;
            (outcome, refusal) = await SendAsync(chat, thread, reply, cancellationToken);
        }

        switch (outcome)
        {
            case Outcome.Delivered:
                // Written once the post is out: a crash in between costs one duplicate at most, when the claim's lease
                // has run out (decision 010).
                await RecordAsync(chat, today, cancellationToken);
                retryAt.TryRemove(chat, out _);
                LogPosted(chat, today, events.Count);
                break;
            case Outcome.Blocked or Outcome.ChatGone or Outcome.TopicGone or Outcome.Migrated:
                await ReleaseAsync(chat, today, cancellationToken);
                await subscriptions.UnsubscribeAsync(chat, cancellationToken);
                LogEnded(chat, outcome, refusal?.Message);
                break;
            case Outcome.Refused:
                // A refusal that sending again would not change (no rights to post, a bad message): the day is
                // recorded so that it is not tried all day long; the subscription stays for tomorrow.
                await RecordAsync(chat, today, cancellationToken);
                LogRefused(chat, today, refusal?.Message);
                break;
            default:
                await ReleaseAsync(chat, today, cancellationToken);
                LogNotDelivered(chat, today, RetryDelay);
                return Later(chat, RetryDelay);
        }

        return null;
    }

    private DateTimeOffset Later(long chat, TimeSpan delay)
    {
        var again = time.GetUtcNow() + delay;
        retryAt[chat] = again;
        return again;
    }

    /// <summary>Records a post; if the store cannot take it now, this replica remembers it and records it at the next rounds.</summary>
    private async Task RecordAsync(long chat, DateOnly date, CancellationToken cancellationToken)
    {
        try
        {
            await posted.RecordAsync(chat, date, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            unrecorded[(chat, date)] = 0;
            LogRecordFailed(ex, chat, date);
        }
    }

    /// <summary>Gives the claim back; if the store cannot take it now, the claim lapses after its lease.</summary>
    private async Task ReleaseAsync(long chat, DateOnly date, CancellationToken cancellationToken)
    {
        try
        {
            await posted.ReleaseAsync(chat, date, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReleaseFailed(ex, chat, date, lease);
        }
    }

    /// <summary>
    /// Records what went out while the store was away. A day is worth recording while it is still the current date
    /// somewhere (two days at most); older ones are let go.
    /// </summary>
    private async Task RecordLateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var oldest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-2);
        foreach (var (chat, date) in unrecorded.Keys)
        {
            if (date >= oldest)
            {
                await posted.RecordAsync(chat, date, cancellationToken);
            }

            unrecorded.TryRemove((chat, date), out _);
        }
    }

    /// <summary>
    /// Sends a post like any reply (split, within the rate limits) and reads what became of it: once a part is out the
    /// post counts as delivered; otherwise Telegram's refusal, if any, decides on the subscription.
    /// </summary>
    private async Task<(Outcome Outcome, ApiRequestException? Refusal)> SendAsync(long chat, int? thread, Reply reply, CancellationToken cancellationToken)
    {
        var result = await outbox.DeliverAsync(new ChatTarget(chat, thread), reply, cancellationToken);
        return result switch
        {
            { Sent: > 0 } => (Outcome.Delivered, null),
            { Refusal: { } refusal } => (Classify(refusal), refusal),
            _ => (Outcome.Failed, null),
        };
    }

    private static Outcome Classify(ApiRequestException refusal) => refusal switch
    {
        { ErrorCode: 403 } => Outcome.Blocked,
        { Parameters.MigrateToChatId: not null } => Outcome.Migrated,
        _ when Says(refusal, "thread not found") || Says(refusal, "TOPIC_CLOSED") || Says(refusal, "TOPIC_DELETED") => Outcome.TopicGone,
        _ when Says(refusal, "chat not found") => Outcome.ChatGone,
        _ => Outcome.Refused,
    };

    private static bool Says(ApiRequestException refusal, string words) => refusal.Message.Contains(words, StringComparison.OrdinalIgnoreCase);

    private async Task<Language> LanguageOfAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            return await settings.GetLanguageAsync(subscription.ChatId, cancellationToken) ?? subscription.Language;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLanguageUnread(ex, subscription.ChatId);
            return subscription.Language;
        }
    }

    private TimeZoneInfo? ZoneOf(Subscription subscription)
    {
        if (TimeZones.Find(subscription.Zone) is { } zone)
        {
            return zone;
        }

        // Known when it was stored: the system's tz database lost it (an image without tzdata). Said once per zone.
        lock (unknownZones)
        {
            if (unknownZones.Add(subscription.Zone))
            {
                LogUnknownZone(subscription.Zone, subscription.ChatId);
            }
        }

        return null;
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Anniversary posts: next look at {Next:O}")]
    private partial void LogSleeping(DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId}: anniversary post of {Date} sent ({Events} event(s))")]
    private partial void LogPosted(long chatId, DateOnly date, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} became supergroup {NewChatId}: its subscription moved there")]
    private partial void LogMigrated(long chatId, long newChatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: forum topic {ThreadId} is closed or gone ({Reason}); posting to the general topic from now on")]
    private partial void LogTopicGone(long chatId, int threadId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: subscription ended, Telegram refuses posts ({Outcome}: {Reason})")]
    private partial void LogEnded(long chatId, Outcome outcome, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: the anniversary post of {Date} was refused ({Reason}); not tried again today")]
    private partial void LogRefused(long chatId, DateOnly date, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: the anniversary post of {Date} could not be delivered; next try in {Delay}")]
    private partial void LogNotDelivered(long chatId, DateOnly date, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chat {ChatId}: the anniversary post of {Date} is claimed by another replica; looking again later")]
    private partial void LogClaimedElsewhere(long chatId, DateOnly date);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: the anniversary post of {Date} could not be claimed (store unavailable); not posted now, next try in {Delay}")]
    private partial void LogClaimFailed(Exception exception, long chatId, DateOnly date, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: the anniversary post of {Date} went out but could not be recorded (store unavailable); recorded when the store is back")]
    private partial void LogRecordFailed(Exception exception, long chatId, DateOnly date);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: the claim on the anniversary post of {Date} could not be given back (store unavailable); it lapses within {Lease}")]
    private partial void LogReleaseFailed(Exception exception, long chatId, DateOnly date, TimeSpan lease);

    [LoggerMessage(Level = LogLevel.Error, Message = "Time zone {Zone} (chat {ChatId}) is not in the system's tz database; its chats get no posts until it is (install tzdata)")]
    private partial void LogUnknownZone(string zone, long chatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId}: its language could not be read from the store; posting in the subscriber's")]
    private partial void LogLanguageUnread(Exception exception, long chatId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Anniversary posts: a round failed; next try in {Delay}")]
    private partial void LogRoundFailed(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anniversary posts: the store cannot be used now ({Failure}); next try in {Delay}")]
    private partial void LogRoundDeferred(string failure, TimeSpan delay);
}
