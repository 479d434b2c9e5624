using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Telegram.Bot.Exceptions;
using TreatyBot.Telemetry;

namespace TreatyBot.Delivery;

/// <summary>
/// The one place that decides how calls to Telegram are paced and retried. Messages wait for the chat's, the group's and
/// the bot's rate limits (queued, never dropped) and for any 429 hold on their chat; every call goes through one
/// Polly pipeline that retries only what surely did not reach Telegram, 5xx, and 429 within the cap.
/// A reply that cannot be delivered (blocked, bad request, retries spent) is logged and dropped; others go on.
/// </summary>
public sealed partial class Outbox : IDisposable
{
    public const string PipelineName = "telegram-send";

    private static readonly ResiliencePropertyKey<long?> ChatKey = new("treatybot.chat");

    /// <summary>Added to Telegram's retry_after (whole seconds) so that clock granularity never makes a retry early.</summary>
    private static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(100);

    private readonly ResiliencePipeline pipeline;
    private readonly PartitionedRateLimiter<long>? limiter;
    private readonly ConcurrentDictionary<long, DateTimeOffset> holds = new();
    private readonly TimeProvider time;
    private readonly ILogger<Outbox> logger;
    private readonly BotMetrics metrics;

    public Outbox(ResiliencePipelineProvider<string> pipelines, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<Outbox> logger, BotMetrics metrics)
    {
        this.metrics = metrics;
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(options);
        pipeline = pipelines.GetPipeline(PipelineName);
        this.time = time;
        this.logger = logger;
        limiter = options.Value.RateLimitsEnabled ? CreateLimiter(options.Value) : null;
    }

    /// <summary>Builds the send pipeline: the retry policy of every call to Telegram.</summary>
    public static void Configure(ResiliencePipelineBuilder builder, DeliveryOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var cap = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.SendRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => options.SendRetries > 0 && IsRetryable(ex, cap)),
            DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Exception) is { } wait ? wait + RetryAfterMargin : null),
            OnRetry = args =>
            {
                if (RetryAfter(args.Outcome.Exception) is { } wait && args.Context.Properties.TryGetValue(ChatKey, out var chat) && chat is { } id)
                {
                    HoldRegistry.Hold(args.Context, id, time.GetUtcNow() + wait + RetryAfterMargin);
                }

                LogRetrying(logger, args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay);
                return default;
            },
        });
    }

    /// <summary>Sends a message to <paramref name="chatId"/> within the rate limits. False if it could not be delivered.</summary>
    public async Task<bool> SendMessageAsync(long chatId, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        await WaitForHoldAsync(chatId, cancellationToken);
        using var lease = limiter is null ? null : await limiter.AcquireAsync(chatId, 1, cancellationToken);
        await WaitForHoldAsync(chatId, cancellationToken);
        return await CallAsync(chatId, send, cancellationToken);
    }

    /// <summary>Any other call (answerCallbackQuery, answerInlineQuery, setMyCommands): retried, not rate-limited.</summary>
    public Task<bool> CallAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync(null, call, cancellationToken);

    public void Dispose() => limiter?.Dispose();

    private async Task<bool> CallAsync(long? chatId, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ChatKey, chatId);
        context.Properties.Set(HoldRegistry.Key, holds);
        try
        {
            await pipeline.ExecuteAsync(static async (ctx, state) => await state(ctx.CancellationToken), context, call);
            return true;
        }
        catch (RequestException ex) when (IsUnparsableSuccess(ex))
        {
            // Telegram took the call and answered 200, but the body was unreadable: the message is out; do not resend.
            LogUnreadableSuccess(logger, chatId);
            return true;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403)
        {
            LogBlocked(logger, chatId, ex.Message);
            metrics.SendFailed("blocked");
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogGaveUp(logger, ex, chatId);
            metrics.SendFailed(ex is ApiRequestException { ErrorCode: 429 } ? "throttled" : ex is ApiRequestException { ErrorCode: < 500 } ? "rejected" : "gave_up");
            return false;
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
    /// Retry only when the request surely did not reach Telegram (refused, no such host, network down), on 5xx, and on
    /// 429 within the cap. Never after a timeout or a connection dropped mid-request: the message may be out already.
    /// </summary>
    internal static bool IsRetryable(Exception exception, TimeSpan retryAfterCap) => exception switch
    {
        ApiRequestException { ErrorCode: 429 } => RetryAfter(exception) is { } wait && wait <= retryAfterCap,
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

    private static PartitionedRateLimiter<long> CreateLimiter(DeliveryOptions options)
    {
        var perChat = PartitionedRateLimiter.Create<long, long>(chat => RateLimitPartition.GetTokenBucketLimiter(chat, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.PerChatBurst,
            TokensPerPeriod = options.PerChatPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));

        // Groups and channels have negative ids; private chats have no per-minute limit beyond their per-second pace.
        var perGroup = PartitionedRateLimiter.Create<long, long>(chat => chat < 0
            ? RateLimitPartition.GetSlidingWindowLimiter(chat, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.PerGroupPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 12,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(0L));

        // The bot-wide limit is paced in tenths of a second, so no one-second window ever sees much more than the limit.
        var tenth = Math.Max(1, options.GlobalPerSecond / 10);
        var global = PartitionedRateLimiter.Create<long, int>(_ => RateLimitPartition.GetTokenBucketLimiter(0, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = tenth,
            TokensPerPeriod = tenth,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));

        return PartitionedRateLimiter.CreateChained(perChat, perGroup, global);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram call failed; attempt {Attempt} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception? exception, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} blocked the bot or is closed to it ({Reason}); the reply is dropped")]
    private static partial void LogBlocked(ILogger logger, long? chatId, string reason);

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
