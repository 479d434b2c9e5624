using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using TreatyBot.Delivery;
using TreatyBot.KnowledgeBase;

namespace TreatyBot.Receiving;

/// <summary>
/// What both ways of receiving updates (polling, webhook) do first and share: learn who the bot is (getMe), set the
/// command menus, retry set-up calls with backoff, stop the bot plainly when Telegram rejects the token, and on stop let
/// the updates in hand finish until the deadline.
/// </summary>
internal sealed partial class BotStartup(
    BotIdentity identity,
    KnowledgeStore knowledge,
    Outbox outbox,
    IOptions<BotOptions> botOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    Random random,
    IHostApplicationLifetime lifetime,
    ILogger<BotStartup> logger)
{
    /// <summary>True once Telegram has rejected the token; the bot is stopping.</summary>
    public bool TokenRejected { get; private set; }

    /// <summary>getMe until Telegram answers, then the command menus; null if the token is rejected or the bot is stopping.</summary>
    public async Task<User?> IntroduceAsync(ITelegramBotClient bot, CancellationToken stoppingToken)
    {
        if (await UntilDoneAsync(ct => bot.GetMe(ct), stoppingToken) is not { } me)
        {
            return null;
        }

        identity.Id = me.Id;
        identity.Username = me.Username;

        // The menus are a convenience: a failure is logged and the bot goes on.
        if (!await outbox.CallAsync(ct => CommandMenus.SetAsync(bot, knowledge.Facts.Texts, ct), stoppingToken))
        {
            LogCommandMenusFailed();
        }

        return me;
    }

    /// <summary>Runs a set-up call until it succeeds, backing off between tries; default on stop or a rejected token.</summary>
    public async Task<T?> UntilDoneAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                return await call(stoppingToken);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                Reject(ex);
                return default;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var delay = Backoff(attempt);
                LogSetUpFailed(FailureReason(ex), delay);
                if (!await DelayAsync(delay, stoppingToken))
                {
                    return default;
                }
            }
        }

        return default;
    }

    /// <summary>Telegram rejected the token: every call will fail the same way, so the bot stops with exit code 4.</summary>
    public void Reject(ApiRequestException exception)
    {
        TokenRejected = true;
        LogTokenRejected(exception.Message, botOptions.Value.BotId);
        Environment.ExitCode = 4;
        lifetime.StopApplication();
    }

    /// <summary>
    /// Lets the updates in hand finish until <see cref="DeliveryOptions.ShutdownDeadlineSeconds"/> has passed, then
    /// cancels <paramref name="handling"/>: what is left stays unconfirmed, and Telegram delivers it again.
    /// </summary>
    public async Task FinishInHandAsync(UpdateDispatcher dispatcher, CancellationTokenSource handling)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(deliveryOptions.Value.ShutdownDeadlineSeconds), time);
        using var cancelHandling = deadline.Token.Register(handling.Cancel);
        await dispatcher.DrainAsync(handling.Token);
    }

    /// <summary>A timeout on <see cref="TimeProvider"/>, for a last call that must not hold up a stop.</summary>
    public CancellationTokenSource Timeout(TimeSpan after) => new(after, time);

    /// <summary>From the initial pause doubling to the maximum, with ±20 % jitter so that restarted bots do not retry in step.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var delivery = deliveryOptions.Value;
        var milliseconds = Math.Min(delivery.PollBackoffMaxMilliseconds, delivery.PollBackoffInitialMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20)));
        return TimeSpan.FromMilliseconds(milliseconds * (0.8 + (0.4 * NextDouble())));
    }

    /// <summary>Waits; false if the bot is stopping.</summary>
    public async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A number in [0, 1) from the one <see cref="Random"/> the host made; Random is not thread-safe.</summary>
    private double NextDouble()
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the command menus; the bot works without them")]
    private partial void LogCommandMenusFailed();

    /// <summary>
    /// One line saying why a call to Telegram failed (Telegram's description, or the network's reason), for logs that
    /// repeat while Telegram is unreachable; the stack trace is logged here, at Debug.
    /// </summary>
    public string FailureReason(Exception exception)
    {
        LogFailureDetail(exception);
        return exception is ApiRequestException ? exception.Message : exception.GetBaseException().Message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A set-up call to Telegram failed ({Reason}); next attempt in {Delay}")]
    private partial void LogSetUpFailed(string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The failed call to Telegram in detail")]
    private partial void LogFailureDetail(Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram rejected the token of bot {BotId} ({Reason}): it was revoked or mistyped. Get a new one from @BotFather and set Bot__Token. Stopping.")]
    private partial void LogTokenRejected(string reason, string botId);
}
