using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using TreatyBot.Rendering;
using TreatyBot.Telemetry;

namespace TreatyBot.Delivery;

/// <summary>
/// The one place that decides how calls to Telegram are paced and retried. Messages wait for the chat's, the group's and
/// the bot's rate limits (<see cref="ISendLimits"/>: this process's, or all replicas' together in Redis; queued, never
/// dropped; the group and bot-wide limits hold in every sliding window, as Telegram counts) and for any 429 hold on
/// their chat (holds are this process's own). Every call goes through one Polly pipeline: 429s are waited out
/// as often as Telegram sends them while the reply's time budget lasts; what surely did not reach Telegram, and 5xx,
/// get a few retries. A reply that cannot be delivered (blocked, bad request, budget or retries spent) is logged and
/// dropped; others go on. A reply too long for one message goes out as several, split without breaking tags.
/// </summary>
internal sealed partial class Outbox(
    ITelegramBotClient bot,
    ResiliencePipelineProvider<string> pipelines,
    ISendLimits limits,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<Outbox> logger,
    BotMetrics metrics)
{
    public const string PipelineName = "telegram-send";

    private static readonly ResiliencePropertyKey<long?> ChatKey = new("treatybot.chat");

    private static readonly ResiliencePropertyKey<DateTimeOffset> StartKey = new("treatybot.start");

    /// <summary>Added to Telegram's retry_after (whole seconds) so that clock granularity never makes a retry early.</summary>
    private static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(100);

    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    private readonly ResiliencePipeline pipeline = pipelines.GetPipeline(PipelineName);
    /// <summary>How long one reply may spend waiting out 429s (<see cref="DeliveryOptions.ReplyBudgetSeconds"/>).</summary>
    private readonly TimeSpan budget = TimeSpan.FromSeconds(options.Value.ReplyBudgetSeconds);
    private readonly ConcurrentDictionary<long, DateTimeOffset> holds = new();

    /// <summary>
    /// Builds the send pipeline: outside, Telegram's 429s are waited out as often as they come while the reply's budget
    /// lasts; inside, a send that surely never reached Telegram, or a 5xx, gets <see cref="DeliveryOptions.SendRetries"/>
    /// retries with backoff.
    /// </summary>
    public static void Configure(ResiliencePipelineBuilder builder, DeliveryOptions options, TimeProvider time, ILogger logger)
    {
        var budget = TimeSpan.FromSeconds(options.ReplyBudgetSeconds);
        builder.AddRetry(new RetryStrategyOptions
        {
            Name = "throttled",
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is ApiRequestException { ErrorCode: 429 } throttled
                && IsRetryable(throttled, Left(args.Context, budget, time))),
            DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Exception) is { } wait ? wait + RetryAfterMargin : null),
            OnRetry = args =>
            {
                var chat = args.Context.Properties.TryGetValue(ChatKey, out var id) ? id : null;
                if (chat is { } held)
                {
                    HoldRegistry.Hold(args.Context, held, time.GetUtcNow() + args.RetryDelay);
                }

                LogThrottled(logger, chat, args.RetryDelay, args.AttemptNumber + 1);
                return default;
            },
        });
        builder.AddRetry(new RetryStrategyOptions
        {
            Name = "transient",
            MaxRetryAttempts = Math.Max(1, options.SendRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex =>
                options.SendRetries > 0 && ex is not ApiRequestException { ErrorCode: 429 } && IsRetryable(ex, TimeSpan.Zero)),
            OnRetry = args =>
            {
                LogRetrying(logger, args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                LogRetryDetail(logger, args.Outcome.Exception);
                return default;
            },
        });
    }

    /// <summary>What is left of a reply's time budget, counted from its first attempt.</summary>
    private static TimeSpan Left(ResilienceContext context, TimeSpan budget, TimeProvider time) =>
        context.Properties.TryGetValue(StartKey, out var start) ? start + budget - time.GetUtcNow() : budget;

    /// <summary>
    /// Sends a reply: as a reply to the question when there is one (still sent if it was deleted), in its forum topic,
    /// link previews off; a long one as several messages with the buttons under the last. Once a part cannot be
    /// delivered, the rest is not sent; what could not be delivered is logged (and counted), never thrown.
    /// </summary>
    public async Task SendReplyAsync(ChatTarget target, Reply reply, CancellationToken cancellationToken) =>
        await DeliverAsync(target, reply, cancellationToken);

    /// <summary>
    /// <see cref="SendReplyAsync"/>, saying how many parts went out and Telegram's refusal (400, 403) if one stopped the
    /// reply, for a caller that acts on it (the poster ends the subscription of a chat that is gone).
    /// </summary>
    public async Task<ReplyResult> DeliverAsync(ChatTarget target, Reply reply, CancellationToken cancellationToken)
    {
        var parts = HtmlSplitter.Split(reply.Html);
        var chatId = target.Chat.Identifier ?? 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var request = new CompactSendMessageRequest
            {
                ChatId = target.Chat,
                Text = parts[i],
                ParseMode = ParseMode.Html,
                ReplyParameters = i == 0 && target.ReplyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null,
                ReplyMarkup = i == parts.Count - 1 ? reply.Keyboard : null,
                LinkPreviewOptions = NoPreview,
                MessageThreadId = target.ThreadId,
            };

            // Within the chat's, the group's and the bot's limits, and after any 429 hold on the chat.
            await WaitForHoldAsync(chatId, cancellationToken);
            await limits.WaitAsync(chatId, cancellationToken);
            await WaitForHoldAsync(chatId, cancellationToken);
            var (sent, refusal) = await CallAsync(chatId, ct => bot.SendRequest(request, ct), cancellationToken);
            if (!sent)
            {
                return new ReplyResult(i, parts.Count, refusal);
            }
        }

        return new ReplyResult(parts.Count, parts.Count, null);
    }

    /// <summary>Any other call (answerCallbackQuery, answerInlineQuery, setMyCommands): retried, not rate-limited.</summary>
    public async Task<bool> CallAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        (await CallAsync(null, call, cancellationToken)).Sent;

    private async Task<(bool Sent, ApiRequestException? Refusal)> CallAsync(long? chatId, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ChatKey, chatId);
        context.Properties.Set(StartKey, time.GetUtcNow());
        context.Properties.Set(HoldRegistry.Key, holds);
        try
        {
            await pipeline.ExecuteAsync(static async (ctx, state) => await state(ctx.CancellationToken), context, call);
            return (true, null);
        }
        catch (RequestException ex) when (IsUnparsableSuccess(ex))
        {
            // Telegram took the call and answered 200, but the body was unreadable: the message is out; do not resend.
            LogUnreadableSuccess(logger, chatId);
            return (true, null);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403)
        {
            LogBlocked(logger, chatId, ex.Message);
            metrics.SendFailed("blocked");
            return (false, ex);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            // Telegram refuses this message for good (a group that moved, a closed topic, a chat gone, or a message it
            // cannot parse): one line with its reason; sending again would not help.
            LogRefused(logger, chatId, ex.Message);
            metrics.SendFailed("rejected");
            return (false, ex);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            // Not a failure of ours: Telegram asked for a wait the reply's budget no longer allows. One line, no trace.
            LogThrottledOut(logger, chatId, RetryAfter(ex), budget);
            metrics.SendFailed("throttled");
            return (false, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogGaveUp(logger, ex, chatId);
            metrics.SendFailed(ex is ApiRequestException { ErrorCode: < 500 } ? "rejected" : "gave_up");
            return (false, null);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task WaitForHoldAsync(long chatId, CancellationToken cancellationToken)
    {
        while (holds.TryGetValue(chatId, out var until) && until - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// Retry only when the request surely did not reach Telegram (refused, no such host, network down), on 5xx, and on a
    /// 429 whose wait fits in what is <paramref name="budgetLeft"/>. Never after a timeout or a connection dropped
    /// mid-request: the message may be out already.
    /// </summary>
    internal static bool IsRetryable(Exception exception, TimeSpan budgetLeft) => exception switch
    {
        ApiRequestException { ErrorCode: 429 } => RetryAfter(exception) is { } wait && wait + RetryAfterMargin <= budgetLeft,
        ApiRequestException { ErrorCode: >= 500 } => true,
        ApiRequestException => false,
        RequestException { HttpStatusCode: { } status } when (int)status >= 500 => true,
        _ => NeverSent(exception),
    };

    private static bool NeverSent(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NoData })
            {
                return true;
            }

            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan? RetryAfter(Exception? exception) =>
        exception is ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: { } seconds } ? TimeSpan.FromSeconds(seconds) : null;

    private static bool IsUnparsableSuccess(RequestException exception) =>
        exception is not ApiRequestException && exception.HttpStatusCode == HttpStatusCode.OK;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram call failed ({Reason}); attempt {Attempt} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string? reason, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The failed Telegram call in detail")]
    private static partial void LogRetryDetail(ILogger logger, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram asks to slow down for chat {ChatId}: waiting {Wait} (wait {Number})")]
    private static partial void LogThrottled(ILogger logger, long? chatId, TimeSpan wait, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on a reply to chat {ChatId}: Telegram asks to wait {Wait}, more than is left of the reply's budget of {Budget}")]
    private static partial void LogThrottledOut(ILogger logger, long? chatId, TimeSpan? wait, TimeSpan budget);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} blocked the bot or is closed to it ({Reason}); the reply is dropped")]
    private static partial void LogBlocked(ILogger logger, long? chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram refused a message to chat {ChatId} ({Reason}); it is dropped")]
    private static partial void LogRefused(ILogger logger, long? chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram answered a call for chat {ChatId} with an unreadable body; counted as sent")]
    private static partial void LogUnreadableSuccess(ILogger logger, long? chatId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up on a reply to chat {ChatId}")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, long? chatId);

    /// <summary>Lets the pipeline's retry callback hold a chat's further sends until Telegram's retry_after has passed.</summary>
    private static class HoldRegistry
    {
        public static readonly ResiliencePropertyKey<ConcurrentDictionary<long, DateTimeOffset>> Key = new("treatybot.holds");

        public static void Hold(ResilienceContext context, long chatId, DateTimeOffset until)
        {
            if (context.Properties.TryGetValue(Key, out var holds))
            {
                holds.AddOrUpdate(chatId, until, (_, existing) => existing > until ? existing : until);
            }
        }
    }
}
